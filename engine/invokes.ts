import { MockCallArgs } from "@pulumi/pulumi/runtime/mocks";
import { RecordedResource } from "./monitor";
import { providerInput } from "./outputs";
import { cloudflareZone } from "./outputs/cloudflare";
import { OFFLINE_ACCOUNT_ID, partitionOf } from "./outputs/context";
import { IdSource } from "./outputs/ids";

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

/** The ELB account that delivers access logs in each region opened before August 2022 (ELB's documentation). */
const elbLogDeliveryAccounts: Record<string, string> = {
    "us-east-1": "127311923021", "us-east-2": "033677994240", "us-west-1": "027434742980", "us-west-2": "797873946194",
    "ca-central-1": "985666609251", "sa-east-1": "507241528517",
    "eu-central-1": "054676820928", "eu-west-1": "156460612806", "eu-west-2": "652711504416", "eu-west-3": "009996457667",
    "eu-north-1": "897822967062", "eu-south-1": "635631232127",
    "ap-south-1": "718504428378", "ap-east-1": "754344448648", "ap-southeast-1": "114774131450", "ap-southeast-2": "783225319266",
    "ap-northeast-1": "582318560864", "ap-northeast-2": "600734575887", "ap-northeast-3": "383597477331",
    "me-south-1": "076674570225", "af-south-1": "098369216593",
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
    "aws:elb/getServiceAccount:getServiceAccount": (ctx) => {
        const account = elbLogDeliveryAccounts[ctx.region];
        if (!account) {
            throw new Error(`offline engine: no ELB log delivery account known for ${ctx.region}`);
        }
        return { id: account, arn: `arn:${ctx.partition}:iam::${account}:root`, region: ctx.region };
    },
    // The image CI pushed under this tag: a digest that depends only on repository and tag, so
    // every preview of the same config pins the same image.
    "aws:ecr/getImage:getImage": (ctx) => {
        const repositoryName = String(ctx.inputs.repositoryName);
        const tag = ctx.inputs.imageTag as string | undefined;
        const imageDigest = ctx.inputs.imageDigest ?? `sha256:${new IdSource(`${repositoryName}:${tag}`).hex(64)}`;
        return {
            id: imageDigest,
            imageDigest,
            imageTag: tag,
            imageTags: tag ? [tag] : [],
            imagePushedAt: 1764633600,
            imageSizeInBytes: 187_654_321,
            registryId: ctx.account,
            repositoryName,
            imageUri: `${ctx.account}.dkr.ecr.${ctx.region}.amazonaws.com/${repositoryName}@${imageDigest}`,
            region: ctx.region,
        };
    },
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
