import * as aws from "@pulumi/aws";
import * as eks from "@pulumi/eks";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { checkedArgs } from "../../args";
import { awsAccountId, awsPartition } from "../../lookups";
import { EksPlatformCluster, OidcIdentity } from "../types";
import { EksClusterArgs, resolveArgs } from "./args";
import { nodeRole, serviceAccountRole } from "./iam";
import { managedNodeGroup } from "./nodegroup";
import { controlPlaneLogGroupName, controlPlaneLogKeyPolicy, secretsKeyPolicy } from "./policies";

export { EksAddonVersions, EksClusterArgs, EksNodeGroupArgs } from "./args";

const ebsCsiControllerAccount = { namespace: "kube-system", name: "ebs-csi-controller-sa" };
const vpcCniAccount = { namespace: "kube-system", name: "aws-node" };

/**
 * An EKS cluster built on `@pulumi/eks`: private API endpoint (public only from the given ranges),
 * access entries instead of aws-auth, KMS envelope encryption of secrets under an explicit key
 * policy, control-plane logs with a retention and encrypted with their own key, OIDC for IRSA,
 * managed node groups with IMDSv2 and hop limit 1, pinned core add-ons and an encrypted gp3
 * default StorageClass.
 *
 * Every AWS resource, those inside the remote `eks:index:Cluster` included, uses `args.provider`.
 */
export class EksCluster extends pulumi.ComponentResource implements EksPlatformCluster {
    /** Always `eks`. */
    readonly kind = "eks" as const;
    /** The cluster's name at AWS. */
    readonly clusterName: pulumi.Output<string>;
    /** Kubeconfig (secret) that resolves once nodes run and cluster DNS answers. */
    readonly kubeconfig: pulumi.Output<string>;
    /** Kubernetes provider `<name>-k8s`, authenticated with `kubeconfig`. */
    readonly provider: k8s.Provider;
    /** The AWS region. */
    readonly location: string;
    /** The cluster's OIDC identity, which IRSA roles trust. */
    readonly oidc: OidcIdentity;
    /** KMS key encrypting Kubernetes secrets. */
    readonly secretsKeyArn: pulumi.Output<string>;
    /** KMS key encrypting the control-plane log group. */
    readonly logKeyArn: pulumi.Output<string>;
    /** Instance role of the node groups. */
    readonly nodeRoleArn: pulumi.Output<string>;
    /** The EKS-created cluster security group, attached to the control plane and every node. */
    readonly clusterSecurityGroupId: pulumi.Output<string>;
    /** CloudWatch log group of the control-plane logs. */
    readonly logGroupName: pulumi.Output<string>;

    constructor(name: string, args: EksClusterArgs, opts?: pulumi.ComponentResourceOptions) {
        const resolved = checkedArgs("EksCluster", name, resolveArgs(name, args), opts);
        super("platform:cluster:EksCluster", name, {}, opts);
        const { clusterName, publicAccessCidrs, deletionProtection, tags } = resolved;
        const awsProvider = resolved.provider;
        const inAccount = { parent: this, provider: awsProvider };

        const partition = awsPartition(inAccount);
        const account = awsAccountId(inAccount);
        const keyScope = pulumi.all([partition, account]).apply(([partition, account]) => ({ partition, account, region: resolved.region }));
        const secretsKey = new aws.kms.Key(`${name}-secrets`, {
            description: `Envelope encryption of Kubernetes secrets in EKS cluster ${clusterName}`,
            enableKeyRotation: true,
            deletionWindowInDays: 30,
        }, { ...inAccount, protect: true });
        new aws.kms.Alias(`${name}-secrets`, { name: `alias/eks/${clusterName}-secrets`, targetKeyId: secretsKey.keyId }, inAccount);

        // The key's policy is part of the key: CloudWatch checks it when the log group is created.
        const logKey = new aws.kms.Key(`${name}-logs`, {
            description: `Control-plane logs of EKS cluster ${clusterName}`,
            enableKeyRotation: true,
            deletionWindowInDays: 30,
            policy: keyScope.apply((scope) => JSON.stringify(controlPlaneLogKeyPolicy(scope, clusterName))),
        }, { ...inAccount, protect: true });
        new aws.kms.Alias(`${name}-logs`, { name: `alias/eks/${clusterName}-logs`, targetKeyId: logKey.keyId }, inAccount);

        // Created before the cluster, or EKS would create it itself without a retention.
        const logGroup = new aws.cloudwatch.LogGroup(`${name}-control-plane`, {
            name: controlPlaneLogGroupName(clusterName),
            retentionInDays: resolved.logRetentionDays,
            kmsKeyId: logKey.arn,
            deletionProtectionEnabled: deletionProtection,
        }, inAccount);

        const accessPolicy = (policy: string) => ({
            policyArn: pulumi.interpolate`arn:${partition}:eks::aws:cluster-access-policy/${policy}`,
            accessScope: { type: "cluster" },
        });
        const cluster = new eks.Cluster(`${name}-cluster`, {
            name: clusterName,
            version: resolved.version,
            vpcId: resolved.vpcId,
            privateSubnetIds: resolved.privateSubnetIds,
            endpointPrivateAccess: true,
            endpointPublicAccess: publicAccessCidrs.length > 0,
            publicAccessCidrs: publicAccessCidrs.length > 0 ? publicAccessCidrs : undefined,
            authenticationMode: eks.AuthenticationMode.Api,
            accessEntries: {
                admin: { principalArn: resolved.adminRoleArn, accessPolicies: { clusterAdmin: accessPolicy("AmazonEKSClusterAdminPolicy") }, tags },
                readOnly: { principalArn: resolved.readOnlyRoleArn, accessPolicies: { view: accessPolicy("AmazonEKSViewPolicy") }, tags },
            },
            createOidcProvider: true,
            encryptionConfigKeyArn: secretsKey.arn,
            // dependsOn orders the component; this input, derived from the log group, is what
            // orders the aws.eks.Cluster the plugin creates inside it.
            enabledClusterLogTypes: logGroup.name.apply(() => [...resolved.controlPlaneLogTypes]),
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
        // Replaces the key's default policy (IAM decides) once the cluster role it names exists.
        new aws.kms.KeyPolicy(`${name}-secrets`, {
            keyId: secretsKey.keyId,
            policy: pulumi.all([keyScope, cluster.eksCluster.roleArn]).apply(([scope, roleArn]) => JSON.stringify(secretsKeyPolicy(scope, roleArn))),
        }, inAccount);
        const oidc: OidcIdentity = { providerArn: cluster.oidcProviderArn, issuerUrl: cluster.oidcProviderUrl };

        const addon = (addonName: string, addonVersion: string, extra: Partial<aws.eks.AddonArgs> = {}, dependsOn: pulumi.Resource[] = []) =>
            new aws.eks.Addon(`${name}-${addonName}`, {
                clusterName: eksClusterName,
                addonName,
                addonVersion,
                resolveConflictsOnCreate: "OVERWRITE",
                resolveConflictsOnUpdate: "OVERWRITE",
                ...extra,
            }, { ...inAccount, dependsOn });

        const cni = serviceAccountRole(`${name}-vpc-cni`, { oidc, account: vpcCniAccount, managedPolicy: "AmazonEKS_CNI_Policy", partition }, inAccount);
        // Nodes only turn Ready with a CNI, so vpc-cni and kube-proxy come before the node groups.
        const nodeNetworking = [
            // Without the network policy agent, NetworkPolicies (every namespace's default-deny,
            // the tenants' included) are accepted by the API server and never enforced.
            addon("vpc-cni", resolved.addonVersions.vpcCni, {
                serviceAccountRoleArn: cni.role.arn,
                configurationValues: JSON.stringify({ enableNetworkPolicy: "true" }),
            }, [cni.attachment]),
            addon("kube-proxy", resolved.addonVersions.kubeProxy),
        ];

        const role = nodeRole(`${name}-node`, { partition }, inAccount);
        const nodeGroups = resolved.nodeGroups.map((group) =>
            managedNodeGroup(`${name}-${group.name}`, {
                group,
                clusterName: eksClusterName,
                nodeRoleArn: role.arn,
                subnetIds: resolved.privateSubnetIds,
                tags,
            }, { ...inAccount, dependsOn: nodeNetworking }),
        );

        // Deployments need nodes to schedule on, or the add-on stays DEGRADED.
        const coreDns = addon("coredns", resolved.addonVersions.coreDns, {}, nodeGroups);
        const ebsCsi = serviceAccountRole(`${name}-ebs-csi`, { oidc, account: ebsCsiControllerAccount, managedPolicy: "service-role/AmazonEBSCSIDriverPolicy", partition }, inAccount);
        const ebsCsiDriver = addon("aws-ebs-csi-driver", resolved.addonVersions.ebsCsiDriver, { serviceAccountRoleArn: ebsCsi.role.arn }, [...nodeGroups, ebsCsi.attachment]);

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
        this.location = resolved.region;
        this.oidc = oidc;
        this.secretsKeyArn = secretsKey.arn;
        this.logKeyArn = logKey.arn;
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
            logKeyArn: this.logKeyArn,
            nodeRoleArn: this.nodeRoleArn,
            clusterSecurityGroupId: this.clusterSecurityGroupId,
            logGroupName: this.logGroupName,
        });
    }
}
