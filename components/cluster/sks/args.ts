import * as argoCd from "../../argocd/args";
import { ArgoCdArgs } from "../../argocd/args";
import { ArgsCheck, found } from "../../args";
import { isIpv4Network } from "../../rules/cidr";
import { maxKubeconfigTtlDays, maxNodepoolSize } from "../../rules/sks";

const day = 24 * 60 * 60;

/** Kubernetes' default NodePort range: the API server allocates Service NodePorts only inside it. */
export const nodePortRange = { startPort: 30000, endPort: 32767 } as const;
/** Longest kubeconfig lifetime the component issues. */
export const maxKubeconfigTtlSeconds = maxKubeconfigTtlDays * day;

export interface SksNodepoolArgs {
    /** Exoscale instance type `<family>.<size>`, e.g. `standard.large`. Required. */
    readonly instanceType: string;
    /** Number of nodes, 1 to 8 (they share one anti-affinity group, which holds 8). Required. */
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
    /** Exoscale zone, e.g. `ch-gva-2`. Required. */
    readonly zone: string;
    /** The node pool. Required. */
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
     * NodePorts (TCP, in Kubernetes' 30000-32767 range) the network load balancer forwards to and
     * health-checks, opened to `nodePortSourceCidrs`: the ingress controller's fixed ports, never the
     * whole range. Default: none (no NodePort is reachable from outside the pool).
     */
    readonly publicNodePorts?: number[];
    /**
     * Sources admitted to `publicNodePorts`. Exoscale NLBs keep the client's address, so this is
     * who may use the load balancer. Default: `["0.0.0.0/0"]` (a public ingress).
     */
    readonly nodePortSourceCidrs?: string[];
    /** Argo CD and its bootstrap Application. Default: not installed. */
    readonly argocd?: ArgoCdArgs;
    /** Protect the SKS cluster from `pulumi destroy`. Default: `true`. */
    readonly protect?: boolean;
}

/** Args with every default applied. */
export interface ResolvedSksClusterArgs {
    readonly zone: string;
    readonly nodepool: SksNodepoolArgs;
    readonly clusterName: string;
    readonly kubernetesVersion?: string;
    readonly serviceLevel: "pro" | "starter";
    readonly autoUpgrade: boolean;
    readonly labels: Record<string, string>;
    readonly kubeconfig: Required<SksKubeconfigArgs>;
    readonly publicNodePorts: number[];
    readonly nodePortSourceCidrs: string[];
    readonly argocd?: ArgoCdArgs;
    readonly protect: boolean;
}

/** Applies the defaults (the cluster name defaults to the component's) and lists every invalid argument, one line each. */
export function resolveArgs(name: string, args: SksClusterArgs): ArgsCheck<ResolvedSksClusterArgs> {
    const ttlSeconds = args.kubeconfig?.ttlSeconds ?? 30 * day;
    const resolved: ResolvedSksClusterArgs = {
        zone: args.zone,
        nodepool: args.nodepool,
        clusterName: args.clusterName ?? name,
        kubernetesVersion: args.kubernetesVersion,
        serviceLevel: args.serviceLevel ?? "pro",
        autoUpgrade: args.autoUpgrade ?? false,
        labels: args.labels ?? {},
        kubeconfig: {
            ttlSeconds,
            earlyRenewalSeconds: args.kubeconfig?.earlyRenewalSeconds ?? Math.floor(ttlSeconds / 4),
            adminGroup: args.kubeconfig?.adminGroup ?? "platform-admins",
            user: args.kubeconfig?.user ?? "platform-deployer",
        },
        publicNodePorts: args.publicNodePorts ?? [],
        nodePortSourceCidrs: args.nodePortSourceCidrs ?? ["0.0.0.0/0"],
        argocd: args.argocd,
        protect: args.protect ?? true,
    };
    const problems: string[] = [];
    const problem = (key: string, value: unknown, expected: string) => problems.push(`${key}: ${found(value)}; expected ${expected}`);
    const { nodepool, kubeconfig } = resolved;
    if (!/^[a-z][a-z0-9]*\.[a-z][a-z0-9-]*$/.test(nodepool.instanceType)) {
        problem("nodepool.instanceType", nodepool.instanceType, "an Exoscale instance type <family>.<size> such as standard.large");
    }
    if (!Number.isInteger(nodepool.size) || nodepool.size < 1 || nodepool.size > maxNodepoolSize) {
        problem("nodepool.size", nodepool.size, `1 to ${maxNodepoolSize} (an Exoscale anti-affinity group holds ${maxNodepoolSize} instances)`);
    }
    if (!["pro", "starter"].includes(resolved.serviceLevel)) {
        problem("serviceLevel", resolved.serviceLevel, "pro or starter");
    }
    if (!Number.isInteger(kubeconfig.ttlSeconds) || kubeconfig.ttlSeconds <= 0 || kubeconfig.ttlSeconds > maxKubeconfigTtlSeconds) {
        problem("kubeconfig.ttlSeconds", kubeconfig.ttlSeconds, `1 to ${maxKubeconfigTtlSeconds} (${maxKubeconfigTtlDays} days)`);
    }
    if (!Number.isInteger(kubeconfig.earlyRenewalSeconds) || kubeconfig.earlyRenewalSeconds <= 0 || kubeconfig.earlyRenewalSeconds >= kubeconfig.ttlSeconds) {
        problem("kubeconfig.earlyRenewalSeconds", kubeconfig.earlyRenewalSeconds, `more than 0 and less than ttlSeconds (${kubeconfig.ttlSeconds})`);
    }
    if (kubeconfig.adminGroup.startsWith("system:")) {
        // system:masters bypasses RBAC and cannot be revoked before the certificate expires.
        problem("kubeconfig.adminGroup", kubeconfig.adminGroup, "a group outside the reserved system: prefix, bound through RBAC");
    }
    resolved.publicNodePorts.forEach((port, index) => {
        if (!Number.isInteger(port) || port < nodePortRange.startPort || port > nodePortRange.endPort) {
            problem(`publicNodePorts[${index}]`, port, `a NodePort, ${nodePortRange.startPort}-${nodePortRange.endPort}`);
        } else if (resolved.publicNodePorts.indexOf(port) !== index) {
            problem(`publicNodePorts[${index}]`, port, "a port not listed before it");
        }
    });
    for (const cidr of resolved.nodePortSourceCidrs.filter((candidate) => !isIpv4Network(candidate))) {
        problem("nodePortSourceCidrs", cidr, "IPv4 network addresses in CIDR notation");
    }
    if (resolved.argocd) {
        problems.push(...argoCd.resolveArgs(resolved.argocd).problems.map((line) => `argocd.${line}`));
    }
    return { resolved, problems };
}

