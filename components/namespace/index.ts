import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { isDnsLabel } from "../rules/dns";

type NetworkPolicyPeer = k8s.types.input.networking.v1.NetworkPolicyPeer;

/** One extra allow on top of the namespace's default deny. */
export interface NetworkAllow {
    /** Suffix of the policy's name (`allow-egress-<name>` / `allow-ingress-<name>`); a DNS label. */
    readonly name: string;
    /** Why the traffic is needed; stored as the policy's `platform/reason` annotation. */
    readonly reason: string;
    /** Labels of the pods in this namespace the allow applies to. Default: every pod. */
    readonly podLabels?: Record<string, string>;
    /** The other end: destinations for egress, sources for ingress. */
    readonly peers: NetworkPolicyPeer[];
    /** Ports on the destination. */
    readonly ports: { readonly protocol: "TCP" | "UDP"; readonly port: number }[];
}

export interface PlatformNamespaceArgs {
    /** The namespace's name. */
    readonly name: string;
    /** Extra labels on the namespace. Default: none. */
    readonly labels?: Record<string, string>;
    /**
     * Namespace of the ingress controller, whose pods may reach every pod here on any port
     * (backends listen on whatever their Service targets). `false` for none. Default: `ingress-nginx`.
     */
    readonly ingressControllerNamespace?: string | false;
    /** Let pods here reach each other (multi-component apps such as Argo CD). Default: `false`. */
    readonly allowWithinNamespace?: boolean;
    /** Egress beyond DNS. Default: none. */
    readonly egressAllows?: NetworkAllow[];
    /** Ingress beyond the ingress controller. Default: none. */
    readonly ingressAllows?: NetworkAllow[];
}

const metadataName = "kubernetes.io/metadata.name";

/** Everything in one namespace: `kubernetes.io/metadata.name` is set by the API server and cannot be forged. */
export function namespacePeer(namespace: string, podLabels?: Record<string, string>): NetworkPolicyPeer {
    return {
        namespaceSelector: { matchLabels: { [metadataName]: namespace } },
        ...(podLabels ? { podSelector: { matchLabels: podLabels } } : {}),
    };
}

/**
 * A namespace that starts closed: one NetworkPolicy denies all ingress and egress for every pod,
 * then narrow allows open DNS to kube-dns, the ingress controller's path to the workloads, and
 * whatever `egressAllows` / `ingressAllows` name. NetworkPolicies are additive, so anything not
 * allowed here stays blocked (Cilium enforces them on SKS).
 */
export class PlatformNamespace extends pulumi.ComponentResource {
    /** The namespace's name, resolved once the namespace exists (depend on it through this). */
    readonly namespaceName: pulumi.Output<string>;
    /** Names of the NetworkPolicies in the namespace. */
    readonly networkPolicyNames: string[];

    constructor(name: string, args: PlatformNamespaceArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:namespace:PlatformNamespace", name, {}, opts);
        const ingressController = args.ingressControllerNamespace ?? "ingress-nginx";
        const allowWithinNamespace = args.allowWithinNamespace ?? false;
        const egressAllows = args.egressAllows ?? [];
        const ingressAllows = args.ingressAllows ?? [];
        for (const allow of [...egressAllows, ...ingressAllows]) {
            if (!isDnsLabel(allow.name) || allow.ports.length === 0 || allow.peers.length === 0) {
                throw new pulumi.ResourceError(`allow "${allow.name}": needs a DNS-label name, at least one peer and at least one port`, this);
            }
        }
        const names = [...egressAllows.map((a) => `egress-${a.name}`), ...ingressAllows.map((a) => `ingress-${a.name}`)];
        const duplicate = names.find((n, i) => names.indexOf(n) !== i);
        if (duplicate) {
            throw new pulumi.ResourceError(`allow "${duplicate}" is declared twice; policy names must be unique`, this);
        }

        const namespace = new k8s.core.v1.Namespace(`${name}-namespace`, {
            metadata: { name: args.name, labels: args.labels },
        }, { parent: this });
        this.namespaceName = namespace.metadata.name;

        const policies: [string, k8s.types.input.networking.v1.NetworkPolicySpec, string?][] = [
            // Selects every pod with both policy types and no rules: all traffic denied until allowed below.
            ["default-deny", { podSelector: {}, policyTypes: ["Ingress", "Egress"] }],
            ["allow-dns", {
                podSelector: {},
                policyTypes: ["Egress"],
                egress: [{
                    to: [namespacePeer("kube-system", { "k8s-app": "kube-dns" })],
                    ports: [{ protocol: "UDP", port: 53 }, { protocol: "TCP", port: 53 }],
                }],
            }, "name resolution through kube-dns"],
        ];
        if (ingressController !== false) {
            policies.push(["allow-from-ingress-controller", {
                podSelector: {},
                policyTypes: ["Ingress"],
                ingress: [{ from: [namespacePeer(ingressController)] }],
            }, `the ingress controller in ${ingressController} forwards traffic to workloads`]);
        }
        if (allowWithinNamespace) {
            const sameNamespace = [namespacePeer(args.name)];
            policies.push(["allow-within-namespace", {
                podSelector: {},
                policyTypes: ["Ingress", "Egress"],
                ingress: [{ from: sameNamespace }],
                egress: [{ to: sameNamespace }],
            }, "the components of one application talk to each other"]);
        }
        const selector = (allow: NetworkAllow) => (allow.podLabels ? { matchLabels: allow.podLabels } : {});
        for (const allow of egressAllows) {
            policies.push([`allow-egress-${allow.name}`, {
                podSelector: selector(allow),
                policyTypes: ["Egress"],
                egress: [{ to: allow.peers, ports: allow.ports }],
            }, allow.reason]);
        }
        for (const allow of ingressAllows) {
            policies.push([`allow-ingress-${allow.name}`, {
                podSelector: selector(allow),
                policyTypes: ["Ingress"],
                ingress: [{ from: allow.peers, ports: allow.ports }],
            }, allow.reason]);
        }

        for (const [policyName, spec, reason] of policies) {
            new k8s.networking.v1.NetworkPolicy(`${name}-${policyName}`, {
                metadata: {
                    name: policyName,
                    namespace: this.namespaceName,
                    ...(reason ? { annotations: { "platform/reason": reason } } : {}),
                },
                spec,
            }, { parent: this });
        }
        this.networkPolicyNames = policies.map(([policyName]) => policyName);
        this.registerOutputs({ namespaceName: this.namespaceName, networkPolicyNames: this.networkPolicyNames });
    }
}
