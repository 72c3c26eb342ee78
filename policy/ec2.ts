import { ResourceValidationPolicy } from "@pulumi/policy";

export interface ImdsConfig {
    maxHopLimit: number;
}

export const imdsV2Required: ResourceValidationPolicy = {
    name: "ec2-imdsv2-required",
    description: "Instances and launch templates require IMDSv2 tokens with a hop limit that keeps pods off the node's credentials.",
    enforcementLevel: "mandatory",
    configSchema: { properties: { maxHopLimit: { type: "integer", default: 1 } } },
    validateResource: (args, reportViolation) => {
        if (args.type !== "aws:ec2/launchTemplate:LaunchTemplate" && args.type !== "aws:ec2/instance:Instance") {
            return;
        }
        const { maxHopLimit } = args.getConfig<ImdsConfig>();
        const metadata = args.props.metadataOptions ?? {};
        if (metadata.httpTokens !== "required") {
            reportViolation(`metadataOptions.httpTokens is ${JSON.stringify(metadata.httpTokens)}; must be "required"`);
        }
        if ((metadata.httpPutResponseHopLimit ?? Infinity) > maxHopLimit) {
            reportViolation(`metadataOptions.httpPutResponseHopLimit is ${metadata.httpPutResponseHopLimit}; at most ${maxHopLimit}`);
        }
    },
};

/** EC2 instances and launch templates. */
export const ec2Policies = [imdsV2Required];
