import { RecordedResource } from "../monitor";
import { IdSource } from "./ids";

/** The account every offline stack deploys into; tests assert ARNs against it. */
export const OFFLINE_ACCOUNT_ID = "123456789012";

/** What an output factory knows about the resource being created. */
export interface OutputContext {
    readonly urn: string;
    readonly type: string;
    /** Logical name. */
    readonly name: string;
    readonly inputs: Record<string, any>;
    readonly provider?: RecordedResource;
    readonly ids: IdSource;
    /** The provider's region (AWS), zone (Exoscale) or undefined for global providers. */
    readonly region: string;
    readonly account: string;
    readonly partition: string;
    /** The physical name a provider's auto-naming would pick: `<logical>-<7 hex>`. */
    autoName(maxLength?: number): string;
}

export interface FactoryResult {
    id?: string;
    outputs: Record<string, unknown>;
    /** Output properties the real provider marks secret. */
    secretOutputs?: string[];
}

export type OutputFactory = (ctx: OutputContext) => FactoryResult;

export function partitionOf(region: string): string {
    if (region.startsWith("cn-")) {
        return "aws-cn";
    }
    return region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
}
