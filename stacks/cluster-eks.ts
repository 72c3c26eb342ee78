import * as pulumi from "@pulumi/pulumi";
import { EksCluster } from "../components/cluster/eks";
import { controlPlaneLogTypes } from "../components/rules/eks";
import { Foundation } from "./foundation";
import { stackTags } from "./providers";

/** The stack's EKS cluster in its primary region, on the foundation's private subnets. */
export function eksCluster(foundation: Foundation) {
    const { config, network } = foundation;
    const region = config.primaryRegion;
    const cluster = new EksCluster("eks", {
        provider: foundation.aws.forRegion(region),
        // One cluster per stack: the stack name keeps a second stack in the same account apart.
        clusterName: `${config.project}-${pulumi.getStack()}`,
        region,
        version: config.eks.version,
        vpcId: network.vpcId,
        privateSubnetIds: network.privateSubnetIds,
        publicAccessCidrs: config.eks.publicAccessCidrs,
        adminRoleArn: config.eks.adminRoleArn,
        readOnlyRoleArn: config.eks.readOnlyRoleArn,
        logRetentionDays: config.eks.logRetentionDays,
        // Production keeps every control-plane log; elsewhere the component's api, audit and authenticator.
        controlPlaneLogTypes: config.environment === "production" ? controlPlaneLogTypes : undefined,
        nodeGroups: config.eks.nodeGroups,
        addonVersions: config.eks.addons,
        tags: stackTags(config),
    });
    return {
        /** The `PlatformCluster` that ingress, ringfences and workloads deploy onto. */
        cluster,
        outputs: {
            eksClusterName: cluster.clusterName,
            eksOidcProviderArn: cluster.oidc.providerArn,
            eksKubeconfig: cluster.kubeconfig,
        },
    };
}
