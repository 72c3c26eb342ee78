import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as exoscale from "../../../sdk/exoscale";
import { ArgoCd } from "../../argocd";
import { checkedArgs } from "../../args";
import { SksPlatformCluster } from "../types";
import { resolveArgs, SksClusterArgs } from "./args";
import { nodeFirewall } from "./firewall";

export { argoCdChart, argoCdEgress, argoCdNamespace } from "../../argocd";
export { maxKubeconfigTtlSeconds, SksClusterArgs, SksKubeconfigArgs, SksNodepoolArgs } from "./args";
export { nodePortRange } from "./args";
export { nodeToNodeRules } from "./firewall";

/**
 * An Exoscale SKS cluster with Cilium, one node pool on a dedicated security group and
 * anti-affinity group, a bounded-lifetime kubeconfig without `system:masters`, and (optionally)
 * Argo CD bootstrapping workloads from Git. Pass the Exoscale provider as `provider`.
 */
export class SksCluster extends pulumi.ComponentResource implements SksPlatformCluster {
    /** Always `sks`. */
    readonly kind = "sks" as const;
    /** The cluster's name at Exoscale. */
    readonly clusterName: pulumi.Output<string>;
    /** The cluster's Exoscale id. */
    readonly clusterId: pulumi.Output<string>;
    /** API server URL. */
    readonly endpoint: pulumi.Output<string>;
    /** The platform's kubeconfig (group `adminGroup`); a secret. */
    readonly kubeconfig: pulumi.Output<string>;
    /** Kubernetes provider `<name>-k8s`, authenticated with `kubeconfig`. */
    readonly provider: k8s.Provider;
    /** The Exoscale zone. */
    readonly location: string;
    /** The node pool's security group. */
    readonly nodeSecurityGroupId: pulumi.Output<string>;
    /** The node pool's instance pool, the target of NLB services. */
    readonly instancePoolId: pulumi.Output<string>;
    /** Argo CD, when `argocd` is given. */
    readonly argocd?: ArgoCd;

    constructor(name: string, args: SksClusterArgs, opts?: pulumi.ComponentResourceOptions) {
        const resolved = checkedArgs("SksCluster", name, resolveArgs(name, args), opts);
        super("platform:cluster:SksCluster", name, {}, opts);
        const { clusterName, labels } = resolved;
        const { ttlSeconds, earlyRenewalSeconds, adminGroup, user } = resolved.kubeconfig;

        const cluster = new exoscale.SksCluster(`${name}-cluster`, {
            name: clusterName,
            zone: resolved.zone,
            version: resolved.kubernetesVersion,
            cni: "cilium",
            serviceLevel: resolved.serviceLevel,
            autoUpgrade: resolved.autoUpgrade,
            exoscaleCcm: true,
            exoscaleCsi: true,
            labels,
            description: `Platform cluster ${clusterName}`,
        }, {
            parent: this,
            protect: resolved.protect,
            // The version only picks the control plane at creation. Later upgrades (SKS's own patch
            // releases, `exo compute sks upgrade`) must not be undone or turned into a replacement.
            ignoreChanges: ["version"],
        });

        const securityGroup = new exoscale.SecurityGroup(`${name}-nodes`, {
            name: `${clusterName}-nodes`,
            description: `SKS nodes of ${clusterName}: node-to-node Cilium and kubelet, the ingress NodePorts for the NLB`,
        }, { parent: this });
        const rules = nodeFirewall(name, { securityGroup, publicNodePorts: resolved.publicNodePorts, nodePortSourceCidrs: resolved.nodePortSourceCidrs }, { parent: this });
        const antiAffinity = new exoscale.AntiAffinityGroup(`${name}-nodes-spread`, {
            name: `${clusterName}-nodes`,
            description: `Spreads the nodes of ${clusterName} over distinct hypervisors`,
        }, { parent: this });

        const nodepool = new exoscale.SksNodepool(`${name}-nodepool`, {
            clusterId: cluster.id,
            zone: cluster.zone,
            name: `${clusterName}-nodes`,
            instanceType: resolved.nodepool.instanceType,
            size: resolved.nodepool.size,
            securityGroupIds: [securityGroup.id],
            antiAffinityGroupIds: [antiAffinity.id],
            labels,
        }, { parent: this, dependsOn: rules });

        const kubeconfig = new exoscale.SksKubeconfig(`${name}-kubeconfig`, {
            clusterId: cluster.id,
            zone: cluster.zone,
            user,
            groups: [adminGroup],
            ttlSeconds,
            earlyRenewalSeconds,
        }, { parent: this });

        // RBAC escalation prevention means a group with no rights cannot bind itself to
        // cluster-admin: a system:masters credential with the same bounded lifetime creates that one
        // binding and nothing else. It is never exported.
        const bootstrapKubeconfig = new exoscale.SksKubeconfig(`${name}-bootstrap-kubeconfig`, {
            clusterId: cluster.id,
            zone: cluster.zone,
            user: "platform-rbac-bootstrap",
            groups: ["system:masters"],
            ttlSeconds,
            earlyRenewalSeconds,
        }, { parent: this });
        const bootstrapProvider = new k8s.Provider(`${name}-bootstrap-k8s`, { kubeconfig: bootstrapKubeconfig.kubeconfig }, { parent: this });
        const adminBinding = new k8s.rbac.v1.ClusterRoleBinding(`${name}-admins`, {
            metadata: { name: adminGroup },
            roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "cluster-admin" },
            subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: adminGroup }],
        }, { parent: this, provider: bootstrapProvider });

        this.provider = new k8s.Provider(`${name}-k8s`, { kubeconfig: kubeconfig.kubeconfig }, { parent: this, dependsOn: [adminBinding, nodepool] });
        if (resolved.argocd) {
            this.argocd = new ArgoCd(`${name}-argocd`, resolved.argocd, { parent: this, provider: this.provider });
        }

        this.clusterName = cluster.name;
        this.clusterId = cluster.id;
        this.endpoint = cluster.endpoint;
        this.kubeconfig = pulumi.secret(kubeconfig.kubeconfig);
        this.location = resolved.zone;
        this.nodeSecurityGroupId = securityGroup.id;
        this.instancePoolId = nodepool.instancePoolId;
        this.registerOutputs({
            kind: this.kind,
            clusterName: this.clusterName,
            clusterId: this.clusterId,
            endpoint: this.endpoint,
            kubeconfig: this.kubeconfig,
            location: this.location,
            nodeSecurityGroupId: this.nodeSecurityGroupId,
            instancePoolId: this.instancePoolId,
        });
    }
}
