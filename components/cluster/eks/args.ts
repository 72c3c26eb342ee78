import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ArgsCheck, found } from "../../args";
import { isIpv4Network } from "../../rules/cidr";
import { architectureOf, instanceTypeProblem } from "../../rules/instance-types";
import { baselineControlPlaneLogTypes, ControlPlaneLogType, controlPlaneLogTypes, eksVersions, logRetentionDays } from "../../rules/eks";

/** One managed node group: its sizes and instance types. */
export interface EksNodeGroupArgs {
    /** Suffix of the group's resource names and value of its `platform/node-group` label. Required. */
    readonly name: string;
    /** Instance types, all of one architecture, e.g. `["m7i.2xlarge", "m6i.2xlarge"]`. Required. */
    readonly instanceTypes: readonly string[];
    /** Fewest nodes the group scales to. Required. */
    readonly minSize: number;
    /** Nodes the group starts with, between `minSize` and `maxSize`. Required. */
    readonly desiredSize: number;
    /** Most nodes the group scales to. Required. */
    readonly maxSize: number;
    /** Root volume size in GiB (gp3, encrypted). Default: 50. */
    readonly diskSizeGiB?: number;
}

/** Pinned EKS add-on versions (`aws eks describe-addon-versions --kubernetes-version <v>`). */
export interface EksAddonVersions {
    /** `vpc-cni`, e.g. `v1.20.1-eksbuild.3`. Required. */
    readonly vpcCni: string;
    /** `coredns`, e.g. `v1.12.4-eksbuild.1`. Required. */
    readonly coreDns: string;
    /** `kube-proxy`; its minor version is the cluster's, e.g. `v1.33.5-eksbuild.2`. Required. */
    readonly kubeProxy: string;
    /** `aws-ebs-csi-driver`, e.g. `v1.48.0-eksbuild.2`. Required. */
    readonly ebsCsiDriver: string;
}

export interface EksClusterArgs {
    /**
     * AWS provider of the cluster's region, used for every AWS resource. Default providers are
     * disabled, and the remote `eks:index:Cluster` creates its AWS resources with the provider it
     * is handed. Required.
     */
    readonly provider: aws.Provider;
    /** Physical cluster name; also names the control-plane log group. Default: the component's name. */
    readonly clusterName?: string;
    /** AWS region of the cluster: the region of `provider`. Required. */
    readonly region: string;
    /** Kubernetes minor version, one of `eksVersions`, e.g. `"1.33"`. Required. */
    readonly version: string;
    /** VPC of the cluster. Required. */
    readonly vpcId: pulumi.Input<string>;
    /**
     * Private subnets for the control-plane ENIs and the nodes. Public subnets are never handed to
     * the cluster: internet-facing load balancers find them by their `kubernetes.io/role/elb` tag. Required.
     */
    readonly privateSubnetIds: pulumi.Input<pulumi.Input<string>[]>;
    /** Ranges allowed to reach the public API endpoint. Default: `[]`, the endpoint is private only. */
    readonly publicAccessCidrs?: readonly string[];
    /** IAM role granted `AmazonEKSClusterAdminPolicy` on the whole cluster. Required. */
    readonly adminRoleArn: pulumi.Input<string>;
    /** IAM role granted `AmazonEKSViewPolicy` on the whole cluster. Required. */
    readonly readOnlyRoleArn: pulumi.Input<string>;
    /** Days CloudWatch keeps the control-plane logs. Default: 90. */
    readonly logRetentionDays?: number;
    /**
     * Control-plane logs sent to CloudWatch, each of `controlPlaneLogTypes` at most once; must
     * include the baseline. Default: `["api", "audit", "authenticator"]`.
     */
    readonly controlPlaneLogTypes?: readonly ControlPlaneLogType[];
    /** Managed node groups; at least one, names unique. Required. */
    readonly nodeGroups: readonly EksNodeGroupArgs[];
    /** Pinned versions of vpc-cni, coredns, kube-proxy and aws-ebs-csi-driver. Required. */
    readonly addonVersions: EksAddonVersions;
    /**
     * Tags for the resources inside the `eks:index:Cluster` remote component and for instances,
     * volumes and ENIs launched by node groups. Default: none (the aws provider's `defaultTags` still apply).
     */
    readonly tags?: Record<string, string>;
    /** EKS deletion protection on the cluster and on its control-plane log group. Default: true. */
    readonly deletionProtection?: boolean;
}

/** Args with every default applied. */
export interface ResolvedEksClusterArgs extends Omit<Required<EksClusterArgs>, "publicAccessCidrs" | "nodeGroups"> {
    readonly publicAccessCidrs: string[];
    readonly nodeGroups: readonly Required<EksNodeGroupArgs>[];
}

/** Applies the defaults and lists every invalid argument, one line each. */
export function resolveArgs(name: string, args: EksClusterArgs): ArgsCheck<ResolvedEksClusterArgs> {
    const resolved: ResolvedEksClusterArgs = {
        ...args,
        clusterName: args.clusterName ?? name,
        publicAccessCidrs: [...(args.publicAccessCidrs ?? [])],
        logRetentionDays: args.logRetentionDays ?? 90,
        controlPlaneLogTypes: args.controlPlaneLogTypes ?? baselineControlPlaneLogTypes,
        nodeGroups: args.nodeGroups.map((group) => ({ ...group, diskSizeGiB: group.diskSizeGiB ?? 50 })),
        tags: args.tags ?? {},
        deletionProtection: args.deletionProtection ?? true,
    };
    const problems: string[] = [];
    const problem = (key: string, value: unknown, expected: string) => problems.push(`${key}: ${found(value)}; expected ${expected}`);
    if (!(args.provider instanceof pulumi.ProviderResource)) {
        problem("provider", undefined, "the explicit aws provider of the cluster's region (default providers are disabled)");
    }
    if (!(eksVersions as readonly string[]).includes(resolved.version)) {
        problem("version", resolved.version, `one of ${eksVersions.join(", ")}`);
    }
    for (const cidr of resolved.publicAccessCidrs.filter((candidate) => !isIpv4Network(candidate))) {
        problem("publicAccessCidrs", cidr, "IPv4 network addresses in CIDR notation");
    }
    if (!(logRetentionDays as readonly number[]).includes(resolved.logRetentionDays)) {
        problem("logRetentionDays", resolved.logRetentionDays, `a retention CloudWatch offers: ${logRetentionDays.join(", ")}`);
    }
    const logTypes: readonly string[] = resolved.controlPlaneLogTypes;
    const knownLogTypes: readonly string[] = controlPlaneLogTypes;
    const logTypesValid = logTypes.every((type, index) => knownLogTypes.includes(type) && logTypes.indexOf(type) === index)
        && baselineControlPlaneLogTypes.every((type) => logTypes.includes(type));
    if (!logTypesValid) {
        problem("controlPlaneLogTypes", resolved.controlPlaneLogTypes, `distinct values of ${controlPlaneLogTypes.join(", ")}, including ${baselineControlPlaneLogTypes.join(", ")}`);
    }
    if (resolved.nodeGroups.length === 0) {
        problem("nodeGroups", [], "at least one node group");
    }
    resolved.nodeGroups.forEach((group, index) => {
        const key = `nodeGroups[${index}]`;
        if (resolved.nodeGroups.findIndex((other) => other.name === group.name) !== index) {
            problem(`${key}.name`, group.name, "a name no other node group has");
        }
        for (const instanceType of group.instanceTypes) {
            const instanceProblem = instanceTypeProblem(instanceType);
            if (instanceProblem) {
                problem(`${key}.instanceTypes`, instanceType, instanceProblem);
            }
        }
        const valid = group.instanceTypes.filter((instanceType) => !instanceTypeProblem(instanceType));
        if (group.instanceTypes.length === 0 || new Set(valid.map(architectureOf)).size > 1) {
            problem(`${key}.instanceTypes`, group.instanceTypes, "at least one instance type, all of one architecture (x86_64 or arm64)");
        }
        if (!(Number.isInteger(group.minSize) && group.minSize >= 0 && group.minSize <= group.desiredSize && group.desiredSize <= group.maxSize && group.maxSize >= 1)) {
            problem(`${key}`, { minSize: group.minSize, desiredSize: group.desiredSize, maxSize: group.maxSize }, "whole numbers with 0 <= minSize <= desiredSize <= maxSize and maxSize >= 1");
        }
        if (!Number.isInteger(group.diskSizeGiB) || group.diskSizeGiB < 20 || group.diskSizeGiB > 16384) {
            problem(`${key}.diskSizeGiB`, group.diskSizeGiB, "a whole number of GiB from 20 to 16384");
        }
    });
    return { resolved, problems };
}
