import { OutputContext, OutputFactory } from "./context";
import { LOWER_ALNUM } from "./ids";

/**
 * Outputs of the `@pulumi/eks` remote components and of the `aws:eks/*` resources that carry an
 * EKS identity, in the shapes the eks provider 4.x and the EKS API return. Remote components
 * locate themselves through the aws provider they were handed.
 */

const HEX_UPPER = "0123456789ABCDEF";

function eksArn(ctx: OutputContext, resource: string): string {
    return `arn:${ctx.partition}:eks:${ctx.region}:${ctx.account}:${resource}`;
}

function securityGroupId(ctx: OutputContext, label: string): string {
    return `sg-${ctx.ids.hex(17, label)}`;
}

/** The exec-based kubeconfig `eks.Cluster` generates: `aws eks get-token`, no credentials inside. */
function kubeconfig(clusterName: string, endpoint: string, certificateAuthority: string, region: string) {
    return {
        apiVersion: "v1",
        clusters: [{ cluster: { server: endpoint, "certificate-authority-data": certificateAuthority }, name: "kubernetes" }],
        contexts: [{ context: { cluster: "kubernetes", user: "aws" }, name: "aws" }],
        "current-context": "aws",
        kind: "Config",
        users: [
            {
                name: "aws",
                user: {
                    exec: {
                        apiVersion: "client.authentication.k8s.io/v1beta1",
                        command: "aws",
                        args: ["--region", region, "eks", "get-token", "--cluster-name", clusterName, "--output", "json"],
                        env: [{ name: "KUBERNETES_EXEC_INFO", value: '{"apiVersion": "client.authentication.k8s.io/v1beta1"}' }],
                    },
                },
            },
        ],
    };
}

/**
 * `eks:index:Cluster`. The real provider returns `eksCluster` and `core` as resource references
 * to children that live only in the plugin; offline, `eksCluster` carries the child's outputs as
 * plain data, so `cluster.eksCluster.name` resolves the same way. Like the real provider, the
 * kubeconfig is not marked secret: it holds no credentials, and consumers mark it themselves.
 */
const cluster: OutputFactory = (ctx) => {
    const { inputs, region } = ctx;
    const clusterName = (inputs.name as string | undefined) ?? `${ctx.name}-eksCluster-${ctx.ids.hex(7, "autoname")}`;
    // EKS uses one 32-hex id for both the API endpoint host and the OIDC issuer path.
    const identity = ctx.ids.chars(32, HEX_UPPER, "identity");
    const endpoint = `https://${identity}.${ctx.ids.chars(2, "abcdefghijklmnopqrstuvwxyz", "shard")}${ctx.ids.digits(1, "shard")}.${region}.eks.amazonaws.com`;
    const issuerUrl = `https://oidc.eks.${region}.amazonaws.com/id/${identity}`;
    const certificateAuthority = Buffer.from(
        `-----BEGIN CERTIFICATE-----\n${Buffer.from(ctx.ids.hex(96, "ca"), "hex").toString("base64")}\n-----END CERTIFICATE-----\n`,
    ).toString("base64");
    const eksManagedSecurityGroup = securityGroupId(ctx, "eks-cluster-sg");
    const skipDefaultSecurityGroups = inputs.skipDefaultSecurityGroups === true;
    const endpointPublicAccess = inputs.endpointPublicAccess ?? true;
    const config = kubeconfig(clusterName, endpoint, certificateAuthority, region);
    return {
        outputs: {
            eksCluster: {
                name: clusterName,
                arn: eksArn(ctx, `cluster/${clusterName}`),
                endpoint,
                // Without a pinned version EKS creates the latest one.
                version: inputs.version ?? "1.34",
                platformVersion: "eks.10",
                status: "ACTIVE",
                roleArn: `arn:${ctx.partition}:iam::${ctx.account}:role/${ctx.name}-eksRole-role-${ctx.ids.hex(7, "role")}`,
                certificateAuthority: { data: certificateAuthority },
                identities: [{ oidcs: [{ issuer: issuerUrl }] }],
                vpcConfig: {
                    clusterSecurityGroupId: eksManagedSecurityGroup,
                    vpcId: inputs.vpcId,
                    subnetIds: [...(inputs.publicSubnetIds ?? []), ...(inputs.privateSubnetIds ?? inputs.subnetIds ?? [])],
                    endpointPrivateAccess: inputs.endpointPrivateAccess ?? false,
                    endpointPublicAccess,
                    publicAccessCidrs: endpointPublicAccess ? (inputs.publicAccessCidrs ?? ["0.0.0.0/0"]) : [],
                },
                encryptionConfig: inputs.encryptionConfigKeyArn ? { provider: { keyArn: inputs.encryptionConfigKeyArn }, resources: ["secrets"] } : undefined,
                enabledClusterLogTypes: inputs.enabledClusterLogTypes ?? [],
            },
            kubeconfig: config,
            kubeconfigJson: JSON.stringify(config),
            oidcProviderArn: inputs.createOidcProvider ? `arn:${ctx.partition}:iam::${ctx.account}:oidc-provider/${issuerUrl.replace(/^https:\/\//, "")}` : "",
            oidcProviderUrl: issuerUrl,
            oidcIssuer: issuerUrl.replace(/^https:\/\//, ""),
            // Without the component's own security groups, both ids are the one EKS creates.
            clusterSecurityGroupId: skipDefaultSecurityGroups ? eksManagedSecurityGroup : securityGroupId(ctx, "eksClusterSecurityGroup"),
            nodeSecurityGroupId: skipDefaultSecurityGroups ? eksManagedSecurityGroup : securityGroupId(ctx, "nodeSecurityGroup"),
            clusterIngressRuleId: "",
            defaultNodeGroupAsgName: "",
            fargateProfileId: "",
            fargateProfileStatus: "",
            autoModeNodeRoleName: "",
            instanceRoles: [],
        },
    };
};

/** `aws:eks/addon:Addon`: id `<cluster>:<addon>`, ARN with a per-installation uuid. */
const addon: OutputFactory = (ctx) => {
    const { clusterName, addonName } = ctx.inputs;
    return {
        id: `${clusterName}:${addonName}`,
        outputs: { arn: eksArn(ctx, `addon/${clusterName}/${addonName}/${ctx.ids.uuid("addon")}`) },
    };
};

/** `aws:eks/nodeGroup:NodeGroup`: id `<cluster>:<node group>`, its Auto Scaling group named by EKS. */
const nodeGroup: OutputFactory = (ctx) => {
    const { clusterName } = ctx.inputs;
    const prefix = ctx.inputs.nodeGroupNamePrefix as string | undefined;
    const nodeGroupName = (ctx.inputs.nodeGroupName as string | undefined) ?? (prefix ? `${prefix}${ctx.ids.chars(26, LOWER_ALNUM, "prefix")}` : ctx.autoName(63));
    const uuid = ctx.ids.uuid("nodegroup");
    return {
        id: `${clusterName}:${nodeGroupName}`,
        outputs: {
            nodeGroupName,
            arn: eksArn(ctx, `nodegroup/${clusterName}/${nodeGroupName}/${uuid}`),
            status: "ACTIVE",
            resources: [{ autoscalingGroups: [{ name: `eks-${nodeGroupName}-${uuid}` }], remoteAccessSecurityGroupId: "" }],
        },
    };
};

export const eksFactories: Record<string, OutputFactory> = {
    "eks:index:Cluster": cluster,
    "aws:eks/addon:Addon": addon,
    "aws:eks/nodeGroup:NodeGroup": nodeGroup,
};
