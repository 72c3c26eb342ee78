import * as k8s from "@pulumi/kubernetes";
import { ArgsCheck, found } from "../args";
import { isDnsLabel } from "../rules/dns";

export type NetworkPolicyPeer = k8s.types.input.networking.v1.NetworkPolicyPeer;

/** One extra allow on top of the namespace's default deny. */
export interface NetworkAllow {
    /** Suffix of the policy's name (`allow-egress-<name>` / `allow-ingress-<name>`); a DNS label. Required. */
    readonly name: string;
    /** Why the traffic is needed; stored as the policy's `platform/reason` annotation. Required. */
    readonly reason: string;
    /** Labels of the pods in this namespace the allow applies to. Default: every pod. */
    readonly podLabels?: Record<string, string>;
    /** The other end: destinations for egress, sources for ingress; at least one. Required. */
    readonly peers: NetworkPolicyPeer[];
    /** Ports on the destination; at least one. Required. */
    readonly ports: { readonly protocol: "TCP" | "UDP"; readonly port: number }[];
}

export interface PlatformNamespaceArgs {
    /** The namespace's name, a DNS label. Required. */
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

/** Args with every default applied. */
export type ResolvedPlatformNamespaceArgs = Required<PlatformNamespaceArgs>;


/** Applies the defaults and lists every invalid argument, one line each. */
export function resolveArgs(args: PlatformNamespaceArgs): ArgsCheck<ResolvedPlatformNamespaceArgs> {
    const resolved: ResolvedPlatformNamespaceArgs = {
        name: args.name,
        labels: args.labels ?? {},
        ingressControllerNamespace: args.ingressControllerNamespace ?? "ingress-nginx",
        allowWithinNamespace: args.allowWithinNamespace ?? false,
        egressAllows: args.egressAllows ?? [],
        ingressAllows: args.ingressAllows ?? [],
    };
    const problems: string[] = [];
    const problem = (key: string, value: unknown, expected: string) => problems.push(`${key}: ${found(value)}; expected ${expected}`);
    if (!isDnsLabel(resolved.name)) {
        problem("name", resolved.name, "a DNS label: up to 63 lower-case letters, digits or hyphens");
    }
    for (const direction of ["egressAllows", "ingressAllows"] as const) {
        resolved[direction].forEach((allow, index) => {
            const key = `${direction}[${index}]`;
            if (!isDnsLabel(allow.name) || resolved[direction].findIndex((other) => other.name === allow.name) !== index) {
                problem(`${key}.name`, allow.name, `a DNS label no other of the ${direction} has (it names the policy)`);
            }
            if (allow.peers.length === 0) {
                problem(`${key}.peers`, allow.peers, "at least one peer");
            }
            if (allow.ports.length === 0) {
                problem(`${key}.ports`, allow.ports, "at least one port");
            }
        });
    }
    return { resolved, problems };
}
