import * as aws from "@pulumi/aws";
import { StackConfig } from "./config";

/** The tags every AWS resource carries through its provider's `defaultTags`. */
export function stackTags(config: StackConfig): Record<string, string> {
    return { department: config.department, environment: config.environment, project: config.project };
}

/**
 * Explicit AWS providers, one per region, created on first use. Default providers are disabled
 * (Pulumi.yaml), so a resource without one of these fails instead of landing in whatever region
 * the operator's shell points at.
 */
export class AwsProviders {
    private readonly byRegion = new Map<string, aws.Provider>();

    constructor(private readonly tags: Record<string, string>) {}

    forRegion(region: string): aws.Provider {
        let provider = this.byRegion.get(region);
        if (!provider) {
            provider = new aws.Provider(`aws-${region}`, {
                region: region as aws.Region,
                defaultTags: { tags: this.tags },
            });
            this.byRegion.set(region, provider);
        }
        return provider;
    }
}
