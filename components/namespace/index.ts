import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { checkedArgs } from "../args";
import { NetworkAllow, NetworkPolicyPeer, PlatformNamespaceArgs, resolveArgs } from "./args";

export { NetworkAllow, PlatformNamespaceArgs } from "./args";

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
        const resolved = checkedArgs("PlatformNamespace", name, resolveArgs(args), opts);
        super("platform:namespace:PlatformNamespace", name, {}, opts);
        const { ingressControllerNamespace: ingressController, allowWithinNamespace, egressAllows, ingressAllows } = resolved;

        const namespace = new k8s.core.v1.Namespace(`${name}-namespace`, {
            metadata: { name: resolved.name, labels: resolved.labels },
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
            const sameNamespace = [namespacePeer(resolved.name)];
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
