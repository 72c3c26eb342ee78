import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as exoscale from "../../../sdk/exoscale";
import { maxKubeconfigTtlDays, maxNodepoolSize } from "../../rules/sks";
import { PlatformCluster } from "../types";
import { ArgoCd, ArgoCdArgs } from "./argocd";
import { nodeFirewall } from "./firewall";

export { argoCdChart, argoCdEgress, argoCdNamespace } from "./argocd";
export { nodePortRange, nodeToNodeRules } from "./firewall";

const day = 24 * 60 * 60;
/** Longest kubeconfig lifetime the component issues. */
export const maxKubeconfigTtlSeconds = maxKubeconfigTtlDays * day;

export interface SksNodepoolArgs {
    /** Exoscale instance type `<family>.<size>`, e.g. `standard.large`. */
    readonly instanceType: string;
    /** Number of nodes, 1 to 8 (they share one anti-affinity group, which holds 8). */
    readonly size: number;
}

export interface SksKubeconfigArgs {
    /** Lifetime in seconds, at most 90 days. Default: 30 days. */
    readonly ttlSeconds?: number;
    /** Renew this many seconds before expiry (on `pulumi up --refresh`). Default: a quarter of the TTL. */
    readonly earlyRenewalSeconds?: number;
    /** The certificate's group, bound to `cluster-admin` by a ClusterRoleBinding. Default: `platform-admins`. */
    readonly adminGroup?: string;
    /** The certificate's user (CN). Default: `platform-deployer`. */
    readonly user?: string;
}

export interface SksClusterArgs {
    /** Exoscale zone, e.g. `ch-gva-2`. */
    readonly zone: string;
    /** The node pool. */
    readonly nodepool: SksNodepoolArgs;
    /** Name of the cluster at Exoscale; also prefixes its node pool and groups. Default: the resource name. */
    readonly clusterName?: string;
    /**
     * Kubernetes version at creation. Default: the newest SKS offers. Later changes are ignored:
     * upgrades go through SKS (`autoUpgrade`, `exo compute sks upgrade`).
     */
    readonly kubernetesVersion?: string;
    /** `pro` (HA control plane, etcd backups, SLA) or `starter`. Default: `pro`. */
    readonly serviceLevel?: "pro" | "starter";
    /** Let SKS apply patch releases to the control plane. Default: `false`. */
    readonly autoUpgrade?: boolean;
    /** Exoscale labels on the cluster and node pool (department, environment, project). Default: none. */
    readonly labels?: Record<string, string>;
    /** The platform's kubeconfig. Default: 30 days, group `platform-admins`. */
    readonly kubeconfig?: SksKubeconfigArgs;
    /**
     * Sources admitted to the NodePort range. Exoscale NLBs keep the client's address, so this is
     * who may use the load balancer. Default: `["0.0.0.0/0"]` (a public ingress).
     */
    readonly nodePortSourceCidrs?: string[];
    /** Argo CD and its bootstrap Application. Default: not installed. */
    readonly argocd?: ArgoCdArgs;
    /** Protect the SKS cluster from `pulumi destroy`. Default: `true`. */
    readonly protect?: boolean;
}

function validate(args: SksClusterArgs, ttlSeconds: number, earlyRenewalSeconds: number, adminGroup: string): string | undefined {
    if (!Number.isInteger(args.nodepool.size) || args.nodepool.size < 1 || args.nodepool.size > maxNodepoolSize) {
        return `nodepool.size is ${args.nodepool.size}; expected 1 to ${maxNodepoolSize} (an Exoscale anti-affinity group holds ${maxNodepoolSize} instances)`;
    }
    if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0 || ttlSeconds > maxKubeconfigTtlSeconds) {
        return `kubeconfig.ttlSeconds is ${ttlSeconds}; expected 1 to ${maxKubeconfigTtlSeconds} (${maxKubeconfigTtlDays} days)`;
    }
    if (!Number.isInteger(earlyRenewalSeconds) || earlyRenewalSeconds <= 0 || earlyRenewalSeconds >= ttlSeconds) {
        return `kubeconfig.earlyRenewalSeconds is ${earlyRenewalSeconds}; expected more than 0 and less than ttlSeconds (${ttlSeconds})`;
    }
    if (adminGroup.startsWith("system:")) {
        // system:masters bypasses RBAC and cannot be revoked before the certificate expires.
        return `kubeconfig.adminGroup is "${adminGroup}"; expected a group outside the reserved system: prefix, bound through RBAC`;
    }
    return undefined;
}

/**
 * An Exoscale SKS cluster with Cilium, one node pool on a dedicated security group and
 * anti-affinity group, a bounded-lifetime kubeconfig without `system:masters`, and (optionally)
 * Argo CD bootstrapping workloads from Git. Pass the Exoscale provider as `provider`.
 */
export class SksCluster extends pulumi.ComponentResource implements PlatformCluster {
    readonly kind = "sks" as const;
    readonly clusterName: pulumi.Output<string>;
    readonly clusterId: pulumi.Output<string>;
    /** API server URL. */
    readonly endpoint: pulumi.Output<string>;
    /** The platform's kubeconfig (group `adminGroup`); a secret. */
    readonly kubeconfig: pulumi.Output<string>;
    /** Kubernetes provider `<name>-k8s`, authenticated with `kubeconfig`. */
    readonly provider: k8s.Provider;
    /** The Exoscale zone. */
    readonly location: string;
    readonly nodeSecurityGroupId: pulumi.Output<string>;
    /** The node pool's instance pool, the target of NLB services. */
    readonly instancePoolId: pulumi.Output<string>;
    readonly argocd?: ArgoCd;

    constructor(name: string, args: SksClusterArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:cluster:SksCluster", name, {}, opts);
        const clusterName = args.clusterName ?? name;
        const ttlSeconds = args.kubeconfig?.ttlSeconds ?? 30 * day;
        const earlyRenewalSeconds = args.kubeconfig?.earlyRenewalSeconds ?? Math.floor(ttlSeconds / 4);
        const adminGroup = args.kubeconfig?.adminGroup ?? "platform-admins";
        const user = args.kubeconfig?.user ?? "platform-deployer";
        const problem = validate(args, ttlSeconds, earlyRenewalSeconds, adminGroup);
        if (problem) {
            throw new pulumi.ResourceError(problem, this);
        }
        const labels = args.labels ?? {};

        const cluster = new exoscale.SksCluster(`${name}-cluster`, {
            name: clusterName,
            zone: args.zone,
            version: args.kubernetesVersion,
            cni: "cilium",
            serviceLevel: args.serviceLevel ?? "pro",
            autoUpgrade: args.autoUpgrade ?? false,
            exoscaleCcm: true,
            exoscaleCsi: true,
            labels,
            description: `Platform cluster ${clusterName}`,
        }, {
            parent: this,
            protect: args.protect ?? true,
            // The version only picks the control plane at creation. Later upgrades (SKS's own patch
            // releases, `exo compute sks upgrade`) must not be undone or turned into a replacement.
            ignoreChanges: ["version"],
        });

        const securityGroup = new exoscale.SecurityGroup(`${name}-nodes`, {
            name: `${clusterName}-nodes`,
            description: `SKS nodes of ${clusterName}: node-to-node Cilium and kubelet, NodePorts for the NLB`,
        }, { parent: this });
        const rules = nodeFirewall(name, securityGroup, args.nodePortSourceCidrs ?? ["0.0.0.0/0"], { parent: this });
        const antiAffinity = new exoscale.AntiAffinityGroup(`${name}-nodes-spread`, {
            name: `${clusterName}-nodes`,
            description: `Spreads the nodes of ${clusterName} over distinct hypervisors`,
        }, { parent: this });

        const nodepool = new exoscale.SksNodepool(`${name}-nodepool`, {
            clusterId: cluster.id,
            zone: cluster.zone,
            name: `${clusterName}-nodes`,
            instanceType: args.nodepool.instanceType,
            size: args.nodepool.size,
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
        if (args.argocd) {
            this.argocd = new ArgoCd(`${name}-argocd`, args.argocd, { parent: this, provider: this.provider });
        }

        this.clusterName = cluster.name;
        this.clusterId = cluster.id;
        this.endpoint = cluster.endpoint;
        this.kubeconfig = pulumi.secret(kubeconfig.kubeconfig);
        this.location = args.zone;
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
