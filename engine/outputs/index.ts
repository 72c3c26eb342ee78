import { OutputSource, RecordedResource } from "../monitor";
import { awsOutputs, genericAwsOutputs } from "./aws";
import { cloudflareOutputs, genericCloudflareOutputs } from "./cloudflare";
import { FactoryResult, OFFLINE_ACCOUNT_ID, OutputContext, OutputFactory, partitionOf } from "./context";
import { eksFactories } from "./eks";
import { exoscaleOutputs, genericExoscaleOutputs } from "./exoscale";
import { IdSource } from "./ids";
import { kubernetesFactories, kubernetesOutputs } from "./kubernetes";
import { randomOutputs } from "./random";

const factories: Record<string, OutputFactory> = {
    ...awsOutputs,
    ...cloudflareOutputs,
    ...kubernetesFactories,
    ...eksFactories,
    ...exoscaleOutputs,
    ...randomOutputs,
};

/** Fallbacks by package for types without a dedicated factory. */
const packageFallbacks: Record<string, OutputFactory> = {
    aws: genericAwsOutputs,
    cloudflare: genericCloudflareOutputs,
    exoscale: genericExoscaleOutputs,
    kubernetes: kubernetesOutputs,
};

/** AWS providers send nested inputs as JSON strings; other packages send objects. */
export function providerInput<T>(provider: RecordedResource | undefined, key: string): T | undefined {
    const value = provider?.inputs[key];
    if (typeof value === "string" && /^[[{]/.test(value)) {
        return parsedJson(value) as T;
    }
    return value as T | undefined;
}

/** Every resource of a provider asks for the same few provider inputs; parse each text once. */
const parsedJsonCache = new Map<string, unknown>();
function parsedJson(text: string): unknown {
    if (!parsedJsonCache.has(text)) {
        parsedJsonCache.set(text, JSON.parse(text));
    }
    return parsedJsonCache.get(text);
}

function awsTagsAll(inputs: Record<string, any>, provider: RecordedResource | undefined): Record<string, string> | undefined {
    const defaults = providerInput<{ tags?: Record<string, string> }>(provider, "defaultTags")?.tags;
    if (!defaults && !inputs.tags) {
        return undefined;
    }
    return { ...(defaults ?? {}), ...(inputs.tags ?? {}) };
}

/** Deterministic, realistic outputs for every registration, keyed by type token. */
export class RealisticOutputs implements OutputSource {
    constructor(private readonly account = OFFLINE_ACCOUNT_ID) {}

    resourceOutputs(args: Parameters<OutputSource["resourceOutputs"]>[0]): FactoryResult {
        const { urn, type, name, custom, inputs, provider } = args;
        if (!custom && !args.type.startsWith("pulumi:providers:")) {
            const factory = factories[type];
            return factory ? factory(this.context(urn, type, name, inputs, provider)) : { outputs: {} };
        }
        if (type.startsWith("pulumi:providers:")) {
            return { id: new IdSource(urn).uuid(), outputs: {} };
        }
        const ctx = this.context(urn, type, name, inputs, provider);
        const pkg = type.split(":")[0];
        const factory = factories[type] ?? packageFallbacks[pkg];
        const result = factory ? factory(ctx) : { id: `${name}-${ctx.ids.hex(8)}`, outputs: {} };
        if (pkg === "aws") {
            const tagsAll = awsTagsAll(inputs, provider);
            if (tagsAll) {
                result.outputs = { tagsAll, ...result.outputs };
            }
        }
        return result;
    }

    private context(urn: string, type: string, name: string, inputs: Record<string, any>, provider?: RecordedResource): OutputContext {
        const ids = new IdSource(urn);
        const region = String(provider?.inputs.region ?? provider?.inputs.zone ?? "");
        return {
            urn,
            type,
            name,
            inputs,
            provider,
            ids,
            region,
            account: this.account,
            partition: partitionOf(region),
            autoName: (maxLength?: number) => {
                const suffix = `-${ids.hex(7, "autoname")}`;
                return (maxLength ? name.slice(0, maxLength - suffix.length) : name) + suffix;
            },
        };
    }
}
