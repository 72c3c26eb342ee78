import * as pulumi from "@pulumi/pulumi";
import * as exoscale from "../../../sdk/exoscale";

/** Traffic the nodes of one pool exchange, as Exoscale's SKS guide lists it for Cilium. */
export interface NodeToNodeRule {
    /** Suffix of the rule's resource name. */
    readonly role: string;
    readonly description: string;
    readonly protocol: "TCP" | "UDP" | "ICMP";
    readonly startPort?: number;
    readonly endPort?: number;
    readonly icmpType?: number;
    readonly icmpCode?: number;
}

/**
 * Admitted only when the source is the pool's own security group. The SKS control plane reaches
 * kubelets through the Konnectivity tunnel the nodes open, so no rule names it.
 */
export const nodeToNodeRules: readonly NodeToNodeRule[] = [
    { role: "kubelet", description: "kubelet API (logs, exec, metrics) between nodes", protocol: "TCP", startPort: 10250, endPort: 10250 },
    { role: "cilium-vxlan", description: "Cilium VXLAN pod overlay", protocol: "UDP", startPort: 8472, endPort: 8472 },
    { role: "cilium-health", description: "Cilium health checks", protocol: "TCP", startPort: 4240, endPort: 4240 },
    { role: "cilium-icmp", description: "Cilium health probes (ICMP echo request)", protocol: "ICMP", icmpType: 8, icmpCode: 0 },
];

/**
 * Ingress rules of the node pool's security group. Exoscale security groups admit nothing that no
 * rule names, so this is the complete inbound surface: node-to-node traffic from the group itself,
 * and each of `publicNodePorts` from `nodePortSourceCidrs`. Exoscale NLBs forward (and health-check)
 * with the client's own source address, so those ports cannot be limited to "the load balancer":
 * they admit every client the NLB serves (the whole internet for a public ingress). Any other
 * NodePort (a Service of type NodePort or LoadBalancer created in the cluster) stays unreachable.
 */
export interface NodeFirewallArgs {
    /** The node pool's security group, which the rules belong to and node-to-node traffic comes from. */
    readonly securityGroup: exoscale.SecurityGroup;
    /** The NodePorts the NLB forwards to. */
    readonly publicNodePorts: readonly number[];
    /** Sources admitted to `publicNodePorts`. */
    readonly nodePortSourceCidrs: readonly string[];
}

export function nodeFirewall(name: string, args: NodeFirewallArgs, opts: pulumi.CustomResourceOptions): exoscale.SecurityGroupRule[] {
    const { securityGroup } = args;
    const nodeToNode = nodeToNodeRules.map(({ role, ...rule }) =>
        new exoscale.SecurityGroupRule(`${name}-${role}`, {
            securityGroupId: securityGroup.id,
            type: "INGRESS",
            userSecurityGroupId: securityGroup.id,
            ...rule,
        }, opts),
    );
    const nodePorts = args.publicNodePorts.flatMap((port) => args.nodePortSourceCidrs.map((cidr, index) =>
        new exoscale.SecurityGroupRule(`${name}-nodeport-${port}-${index}`, {
            securityGroupId: securityGroup.id,
            type: "INGRESS",
            description: `NodePort ${port} for the network load balancer's clients and health checks (${cidr})`,
            protocol: "TCP",
            cidr,
            startPort: port,
            endPort: port,
        }, opts),
    ));
    return [...nodeToNode, ...nodePorts];
}
