import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { EksNodeGroupArgs } from "./args";
import { architectureOf } from "../../rules/instance-types";

export interface ManagedNodeGroupArgs {
    readonly group: Required<EksNodeGroupArgs>;
    readonly clusterName: pulumi.Input<string>;
    readonly nodeRoleArn: pulumi.Input<string>;
    readonly subnetIds: pulumi.Input<pulumi.Input<string>[]>;
    /** Copied onto instances, volumes and ENIs, which provider `defaultTags` do not reach. */
    readonly tags: Record<string, string>;
}

/**
 * A managed node group on its own launch template. The template is what enforces IMDSv2 with a
 * hop limit of 1: pods on the pod network cannot reach the instance metadata service, so the
 * node role's credentials stay on the node and workloads use IRSA.
 */
export function managedNodeGroup(name: string, args: ManagedNodeGroupArgs, opts: pulumi.CustomResourceOptions): aws.eks.NodeGroup {
    const { group } = args;
    const launchTemplate = new aws.ec2.LaunchTemplate(`${name}-lt`, {
        description: `EKS node group ${group.name}`,
        updateDefaultVersion: true,
        metadataOptions: {
            httpEndpoint: "enabled",
            httpTokens: "required",
            httpPutResponseHopLimit: 1,
            instanceMetadataTags: "disabled",
        },
        blockDeviceMappings: [{
            deviceName: "/dev/xvda",
            ebs: { volumeSize: group.diskSizeGiB, volumeType: "gp3", encrypted: "true", deleteOnTermination: "true" },
        }],
        tagSpecifications: ["instance", "volume", "network-interface"].map((resourceType) => ({
            resourceType,
            tags: { ...args.tags, Name: name },
        })),
    }, { parent: opts.parent, provider: opts.provider });

    const arm = architectureOf(group.instanceTypes[0]) === "arm64";
    return new aws.eks.NodeGroup(name, {
        clusterName: args.clusterName,
        nodeRoleArn: args.nodeRoleArn,
        subnetIds: args.subnetIds,
        instanceTypes: [...group.instanceTypes],
        amiType: arm ? "AL2023_ARM_64_STANDARD" : "AL2023_x86_64_STANDARD",
        capacityType: "ON_DEMAND",
        scalingConfig: { minSize: group.minSize, desiredSize: group.desiredSize, maxSize: group.maxSize },
        launchTemplate: { id: launchTemplate.id, version: pulumi.interpolate`${launchTemplate.latestVersion}` },
        labels: { "platform/node-group": group.name },
        nodeRepairConfig: { enabled: true },
    }, opts);
}
