import * as aws from "@pulumi/aws";
import * as eks from "@pulumi/eks";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { awsPartition } from "../../lookups";
import { OidcIdentity, PlatformCluster } from "../types";
import { nodeRole, serviceAccountRole } from "./iam";
import { architectureOf, instanceTypeProblem } from "../../rules/instance-types";
import { controlPlaneLogTypes, eksVersions } from "../../rules/eks";
import { EksNodeGroupArgs, managedNodeGroup } from "./nodegroup";

export type { EksNodeGroupArgs } from "./nodegroup";

/** Pinned EKS add-on versions (`aws eks describe-addon-versions --kubernetes-version <v>`). */
export interface EksAddonVersions {
    /** `vpc-cni`, e.g. `v1.20.1-eksbuild.3`. */
    readonly vpcCni: string;
    /** `coredns`, e.g. `v1.12.4-eksbuild.1`. */
    readonly coreDns: string;
    /** `kube-proxy`; its minor version is the cluster's, e.g. `v1.33.5-eksbuild.2`. */
    readonly kubeProxy: string;
    /** `aws-ebs-csi-driver`, e.g. `v1.48.0-eksbuild.2`. */
    readonly ebsCsiDriver: string;
}

export interface EksClusterArgs {
    /** Physical cluster name; also names the control-plane log group. Default: the component's name. */
    readonly clusterName?: string;
    /** AWS region of the cluster: the region of the aws provider given in `opts`. */
    readonly region: string;
    /** Kubernetes minor version, one of `eksVersions`, e.g. `"1.33"`. */
    readonly version: string;
    /** VPC of the cluster. */
    readonly vpcId: pulumi.Input<string>;
    /**
     * Private subnets for the control-plane ENIs and the nodes. Public subnets are never handed to
     * the cluster: internet-facing load balancers find them by their `kubernetes.io/role/elb` tag.
     */
    readonly privateSubnetIds: pulumi.Input<pulumi.Input<string>[]>;
    /** Ranges allowed to reach the public API endpoint. Default: `[]`, the endpoint is private only. */
    readonly publicAccessCidrs?: readonly string[];
    /** IAM role granted `AmazonEKSClusterAdminPolicy` on the whole cluster. */
    readonly adminRoleArn: pulumi.Input<string>;
    /** IAM role granted `AmazonEKSViewPolicy` on the whole cluster. */
    readonly readOnlyRoleArn: pulumi.Input<string>;
    /** Days CloudWatch keeps the api, audit and authenticator logs. Default: 90. */
    readonly logRetentionDays?: number;
    /** Managed node groups; at least one. */
    readonly nodeGroups: readonly EksNodeGroupArgs[];
    /** Pinned versions of vpc-cni, coredns, kube-proxy and aws-ebs-csi-driver. */
    readonly addonVersions: EksAddonVersions;
    /**
     * Tags for the resources inside the `eks:index:Cluster` remote component and for instances,
     * volumes and ENIs launched by node groups. Default: none (the aws provider's `defaultTags` still apply).
     */
    readonly tags?: Record<string, string>;
    /** EKS deletion protection on the cluster and on its control-plane log group. Default: true. */
    readonly deletionProtection?: boolean;
}

const ebsCsiControllerAccount = { namespace: "kube-system", name: "ebs-csi-controller-sa" };
const vpcCniAccount = { namespace: "kube-system", name: "aws-node" };

/**
 * An EKS cluster built on `@pulumi/eks`: private API endpoint (public only from the given ranges),
 * access entries instead of aws-auth, KMS envelope encryption of secrets, control-plane logs with
 * a retention, OIDC for IRSA, managed node groups with IMDSv2 and hop limit 1, pinned core add-ons
 * and an encrypted gp3 default StorageClass.
 *
 * Give it an explicit aws provider (`{ provider }`): default providers are disabled, and the
 * remote `eks:index:Cluster` creates its AWS resources with the provider it is handed.
 */
export class EksCluster extends pulumi.ComponentResource implements PlatformCluster {
    readonly kind = "eks" as const;
    readonly clusterName: pulumi.Output<string>;
    /** Kubeconfig (secret) that resolves once nodes run and cluster DNS answers. */
    readonly kubeconfig: pulumi.Output<string>;
    readonly provider: k8s.Provider;
    /** The AWS region. */
    readonly location: string;
    readonly oidc: OidcIdentity;
    /** KMS key encrypting Kubernetes secrets. */
    readonly secretsKeyArn: pulumi.Output<string>;
    /** Instance role of the node groups. */
    readonly nodeRoleArn: pulumi.Output<string>;
    /** The EKS-created cluster security group, attached to the control plane and every node. */
    readonly clusterSecurityGroupId: pulumi.Output<string>;
    readonly logGroupName: pulumi.Output<string>;

    constructor(name: string, args: EksClusterArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:cluster:EksCluster", name, {}, opts);
        const clusterName = args.clusterName ?? name;
        const publicAccessCidrs = [...(args.publicAccessCidrs ?? [])];
        const deletionProtection = args.deletionProtection ?? true;
        const tags = args.tags ?? {};
        const awsProvider = validate(this, args);

        const partition = awsPartition({ parent: this });
        const secretsKey = new aws.kms.Key(`${name}-secrets`, {
            description: `Envelope encryption of Kubernetes secrets in EKS cluster ${clusterName}`,
            enableKeyRotation: true,
            deletionWindowInDays: 30,
        }, { parent: this, protect: true });
        new aws.kms.Alias(`${name}-secrets`, { name: `alias/eks/${clusterName}-secrets`, targetKeyId: secretsKey.keyId }, { parent: this });

        // Created before the cluster, or EKS would create it itself without a retention.
        const logGroup = new aws.cloudwatch.LogGroup(`${name}-control-plane`, {
            name: `/aws/eks/${clusterName}/cluster`,
            retentionInDays: args.logRetentionDays ?? 90,
            deletionProtectionEnabled: deletionProtection,
        }, { parent: this });

        const accessPolicy = (policy: string) => ({
            policyArn: pulumi.interpolate`arn:${partition}:eks::aws:cluster-access-policy/${policy}`,
            accessScope: { type: "cluster" },
        });
        const cluster = new eks.Cluster(`${name}-cluster`, {
            name: clusterName,
            version: args.version,
            vpcId: args.vpcId,
            privateSubnetIds: args.privateSubnetIds,
            endpointPrivateAccess: true,
            endpointPublicAccess: publicAccessCidrs.length > 0,
            publicAccessCidrs: publicAccessCidrs.length > 0 ? publicAccessCidrs : undefined,
            authenticationMode: eks.AuthenticationMode.Api,
            accessEntries: {
                admin: { principalArn: args.adminRoleArn, accessPolicies: { clusterAdmin: accessPolicy("AmazonEKSClusterAdminPolicy") }, tags },
                readOnly: { principalArn: args.readOnlyRoleArn, accessPolicies: { view: accessPolicy("AmazonEKSViewPolicy") }, tags },
            },
            createOidcProvider: true,
            encryptionConfigKeyArn: secretsKey.arn,
            // dependsOn orders the component; this input, derived from the log group, is what
            // orders the aws.eks.Cluster the plugin creates inside it.
            enabledClusterLogTypes: logGroup.name.apply(() => [...controlPlaneLogTypes]),
            // Every core add-on below is an explicit, pinned aws.eks.Addon: nothing self-managed
            // is bootstrapped, and the component's own add-on handling is switched off.
            bootstrapSelfManagedAddons: false,
            useDefaultVpcCni: true,
            kubeProxyAddonOptions: { enabled: false },
            corednsAddonOptions: { enabled: false },
            skipDefaultNodeGroup: true,
            // Managed node groups use the security group EKS creates; the component's extra pair would go unused.
            skipDefaultSecurityGroups: true,
            deletionProtection,
            upgradePolicy: { supportType: "STANDARD" },
            tags,
        }, { parent: this, providers: { aws: awsProvider }, dependsOn: [logGroup] });
        const eksClusterName = cluster.eksCluster.name;
        const oidc: OidcIdentity = { providerArn: cluster.oidcProviderArn, issuerUrl: cluster.oidcProviderUrl };

        const addon = (addonName: string, addonVersion: string, extra: Partial<aws.eks.AddonArgs> = {}, dependsOn: pulumi.Resource[] = []) =>
            new aws.eks.Addon(`${name}-${addonName}`, {
                clusterName: eksClusterName,
                addonName,
                addonVersion,
                resolveConflictsOnCreate: "OVERWRITE",
                resolveConflictsOnUpdate: "OVERWRITE",
                ...extra,
            }, { parent: this, dependsOn });

        const cni = serviceAccountRole(`${name}-vpc-cni`, { oidc, account: vpcCniAccount, managedPolicy: "AmazonEKS_CNI_Policy", partition }, this);
        // Nodes only turn Ready with a CNI, so vpc-cni and kube-proxy come before the node groups.
        const nodeNetworking = [
            // Without the network policy agent, NetworkPolicies (every namespace's default-deny,
            // the tenants' included) are accepted by the API server and never enforced.
            addon("vpc-cni", args.addonVersions.vpcCni, {
                serviceAccountRoleArn: cni.role.arn,
                configurationValues: JSON.stringify({ enableNetworkPolicy: "true" }),
            }, [cni.attachment]),
            addon("kube-proxy", args.addonVersions.kubeProxy),
        ];

        const role = nodeRole(`${name}-node`, partition, this);
        const nodeGroups = args.nodeGroups.map((group) =>
            managedNodeGroup(`${name}-${group.name}`, {
                group,
                clusterName: eksClusterName,
                nodeRoleArn: role.arn,
                subnetIds: args.privateSubnetIds,
                tags,
            }, { parent: this, dependsOn: nodeNetworking }),
        );

        // Deployments need nodes to schedule on, or the add-on stays DEGRADED.
        const coreDns = addon("coredns", args.addonVersions.coreDns, {}, nodeGroups);
        const ebsCsi = serviceAccountRole(`${name}-ebs-csi`, { oidc, account: ebsCsiControllerAccount, managedPolicy: "service-role/AmazonEBSCSIDriverPolicy", partition }, this);
        const ebsCsiDriver = addon("aws-ebs-csi-driver", args.addonVersions.ebsCsiDriver, { serviceAccountRoleArn: ebsCsi.role.arn }, [...nodeGroups, ebsCsi.attachment]);

        // Everything deployed through this kubeconfig waits for running nodes and cluster DNS.
        this.kubeconfig = pulumi.secret(pulumi.all([cluster.kubeconfigJson, coreDns.arn]).apply(([kubeconfig]) => kubeconfig));
        this.provider = new k8s.Provider(`${name}-k8s`, { kubeconfig: this.kubeconfig }, { parent: this });

        // EKS 1.30+ no longer marks gp2 as the default class, so this is the only default.
        new k8s.storage.v1.StorageClass(`${name}-gp3`, {
            metadata: { name: "gp3", annotations: { "storageclass.kubernetes.io/is-default-class": "true" } },
            provisioner: "ebs.csi.aws.com",
            parameters: { type: "gp3", encrypted: "true", "csi.storage.k8s.io/fstype": "ext4" },
            // Deleting a claim never deletes tenant data; released volumes are reclaimed by hand.
            reclaimPolicy: "Retain",
            allowVolumeExpansion: true,
            // The volume is created in the AZ of the node its first pod is scheduled on.
            volumeBindingMode: "WaitForFirstConsumer",
        }, { parent: this, provider: this.provider, dependsOn: [ebsCsiDriver] });

        this.clusterName = eksClusterName;
        this.location = args.region;
        this.oidc = oidc;
        this.secretsKeyArn = secretsKey.arn;
        this.nodeRoleArn = role.arn;
        this.clusterSecurityGroupId = cluster.clusterSecurityGroupId;
        this.logGroupName = logGroup.name;
        // The provider is a resource, not data: consumers take it from the property.
        this.registerOutputs({
            kind: this.kind,
            clusterName: this.clusterName,
            kubeconfig: this.kubeconfig,
            location: this.location,
            oidcProviderArn: oidc.providerArn,
            oidcIssuerUrl: oidc.issuerUrl,
            secretsKeyArn: this.secretsKeyArn,
            nodeRoleArn: this.nodeRoleArn,
            clusterSecurityGroupId: this.clusterSecurityGroupId,
            logGroupName: this.logGroupName,
        });
    }
}

/** Rejects invalid args before any child is registered; returns the aws provider the children use. */
function validate(component: EksCluster, args: EksClusterArgs): pulumi.ProviderResource {
    const fail = (message: string): never => {
        throw new pulumi.ResourceError(`EksCluster: ${message}`, component);
    };
    const awsProvider = component.getProvider("aws::");
    if (!awsProvider) {
        return fail("needs an explicit aws provider (opts.provider): default providers are disabled and eks:index:Cluster creates its AWS resources with the provider it is handed");
    }
    if (!(eksVersions as readonly string[]).includes(args.version)) {
        fail(`version "${args.version}" is not one of ${eksVersions.join(", ")}`);
    }
    if (args.nodeGroups.length === 0) {
        fail("needs at least one node group");
    }
    const names = new Set<string>();
    for (const group of args.nodeGroups) {
        if (names.has(group.name)) {
            fail(`node group "${group.name}" is defined twice`);
        }
        names.add(group.name);
        for (const instanceType of group.instanceTypes) {
            const problem = instanceTypeProblem(instanceType);
            if (problem) {
                fail(`node group "${group.name}": instance type "${instanceType}" is not ${problem}`);
            }
        }
        if (new Set(group.instanceTypes.map(architectureOf)).size !== 1) {
            fail(`node group "${group.name}" needs instance types of exactly one architecture`);
        }
        if (!(group.minSize <= group.desiredSize && group.desiredSize <= group.maxSize)) {
            fail(`node group "${group.name}" needs minSize <= desiredSize <= maxSize (got ${group.minSize}, ${group.desiredSize}, ${group.maxSize})`);
        }
    }
    return awsProvider;
}
