import { MockCallArgs } from "@pulumi/pulumi/runtime/mocks";
import { RecordedResource } from "./monitor";
import { providerInput } from "./outputs";
import { cloudflareZone } from "./outputs/cloudflare";
import { OFFLINE_ACCOUNT_ID, partitionOf } from "./outputs/context";

export interface InvokeContext {
    readonly inputs: Record<string, any>;
    readonly provider?: RecordedResource;
    readonly region: string;
    readonly account: string;
    readonly partition: string;
}

type InvokeHandler = (ctx: InvokeContext) => Record<string, unknown>;

/** Zone ids as AWS reports them for the first three AZs of a region (e.g. euc1-az2). */
function zoneIds(region: string): string[] {
    const [area, direction, number] = region.split("-");
    const short = `${area}${direction.replace(/(north|south)?(east|west|central)?/, (_, ns = "", ew = "") => (ns[0] ?? "") + (ew[0] ?? ""))}${number}`;
    return [1, 2, 3].map((n) => `${short}-az${n}`);
}

/** Well-known ids of AWS managed CloudFront policies, as `getCachePolicy` returns them. */
const managedCachePolicies: Record<string, string> = {
    "Managed-CachingOptimized": "658327ea-f89d-4fab-a63d-7e88639e58f6",
    "Managed-CachingDisabled": "4135ea2d-6df8-44a3-9df3-4b5a84be39ad",
};

const handlers: Record<string, InvokeHandler> = {
    "aws:index/getCallerIdentity:getCallerIdentity": (ctx) => ({
        accountId: ctx.account,
        arn: `arn:${ctx.partition}:iam::${ctx.account}:user/offline-preview`,
        userId: "AIDAOFFLINEPREVIEW0001",
        id: ctx.account,
    }),
    "aws:index/getPartition:getPartition": (ctx) => ({
        partition: ctx.partition,
        dnsSuffix: ctx.partition === "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com",
        id: ctx.partition,
    }),
    "aws:index/getRegion:getRegion": (ctx) => ({
        name: ctx.region,
        region: ctx.region,
        id: ctx.region,
        endpoint: `ec2.${ctx.region}.amazonaws.com`,
    }),
    "aws:index/getAvailabilityZones:getAvailabilityZones": (ctx) => ({
        id: ctx.region,
        names: ["a", "b", "c"].map((letter) => `${ctx.region}${letter}`),
        zoneIds: zoneIds(ctx.region),
        groupNames: [ctx.region],
    }),
    "aws:cloudfront/getCachePolicy:getCachePolicy": (ctx) => {
        const id = managedCachePolicies[ctx.inputs.name];
        if (!id) {
            throw new Error(`offline engine: no managed cache policy named "${ctx.inputs.name}"`);
        }
        return { id, name: ctx.inputs.name };
    },
    "aws:index/getDefaultTags:getDefaultTags": (ctx) => ({
        id: ctx.partition,
        tags: providerInput<{ tags?: Record<string, string> }>(ctx.provider, "defaultTags")?.tags ?? {},
    }),
    "cloudflare:index/getZone:getZone": (ctx) => cloudflareZone(ctx.inputs),
};

/** Answers provider function calls the way the providers would, for the offline account. */
export class RealisticInvokes {
    constructor(
        private readonly providerOf: (reference: string | undefined) => RecordedResource | undefined,
        private readonly account = OFFLINE_ACCOUNT_ID,
    ) {}

    call(args: MockCallArgs): Record<string, unknown> {
        const handler = handlers[args.token];
        if (!handler) {
            throw new Error(`offline engine: no mock for invoke ${args.token}; add one to engine/invokes.ts`);
        }
        const provider = this.providerOf(args.provider);
        const region = String(provider?.inputs.region ?? "");
        return handler({ inputs: args.inputs, provider, region, account: this.account, partition: partitionOf(region) });
    }
}
