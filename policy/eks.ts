import { ResourceValidationPolicy } from "@pulumi/policy";
import { world } from "./network";
import { known } from "./util";

const requiredControlPlaneLogs = ["api", "audit", "authenticator"];

interface EksClusterSettings {
    /** `""` when secrets are not envelope-encrypted; undefined while a preview does not know the key yet. */
    secretsKeyArn: string | undefined;
    logTypes: string[];
    endpointPublicAccess: boolean;
    publicAccessCidrs: string[];
}

/** What the policy judges, read from the pulumi-eks component's inputs or a plain aws.eks.Cluster's. */
function eksClusterSettings(type: string, props: Record<string, any>): EksClusterSettings | undefined {
    switch (type) {
        // The pulumi-eks component is opaque to policies: judge it by its own inputs.
        case "eks:index:Cluster":
            return {
                secretsKeyArn: known(() => props.encryptionConfigKeyArn ?? ""),
                logTypes: props.enabledClusterLogTypes ?? [],
                endpointPublicAccess: props.endpointPublicAccess !== false,
                publicAccessCidrs: props.publicAccessCidrs ?? ["0.0.0.0/0"],
            };
        case "aws:eks/cluster:Cluster": {
            const encryption = props.encryptionConfig;
            return {
                secretsKeyArn: (encryption?.resources ?? []).includes("secrets") ? known(() => encryption.provider?.keyArn ?? "") : "",
                logTypes: props.enabledClusterLogTypes ?? [],
                endpointPublicAccess: props.vpcConfig?.endpointPublicAccess !== false,
                publicAccessCidrs: props.vpcConfig?.publicAccessCidrs ?? ["0.0.0.0/0"],
            };
        }
        default:
            return undefined;
    }
}

export const eksClusterHardening: ResourceValidationPolicy = {
    name: "eks-cluster-hardening",
    description: "EKS clusters encrypt secrets with KMS, log api/audit/authenticator, and never expose the API endpoint to the whole internet.",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
        const cluster = eksClusterSettings(args.type, args.props);
        if (!cluster) {
            return;
        }
        // A key created in the same stack is unknown in a preview: set, so nothing to report.
        if (cluster.secretsKeyArn === "") {
            reportViolation(
                args.type === "eks:index:Cluster"
                    ? "encryptionConfigKeyArn must name a KMS key for envelope encryption of secrets"
                    : "encryptionConfig must encrypt resources [\"secrets\"] with a KMS key",
            );
        }
        const missing = requiredControlPlaneLogs.filter((log) => !cluster.logTypes.includes(log));
        if (missing.length > 0) {
            reportViolation(`enabledClusterLogTypes misses ${missing.join(", ")}`);
        }
        // The endpoint is public unless explicitly turned off.
        if (cluster.endpointPublicAccess && cluster.publicAccessCidrs.some((cidr) => world.has(cidr))) {
            reportViolation("the public API endpoint is open to 0.0.0.0/0; restrict publicAccessCidrs or disable endpointPublicAccess");
        }
    },
};

/** EKS control planes. */
export const eksPolicies = [eksClusterHardening];
