import { ResourceValidationPolicy } from "@pulumi/policy";

export interface PublicIngressConfig {
    allowedPublicPorts: number[];
}

interface IngressRule {
    fromPort?: number;
    toPort?: number;
    cidrs: string[];
}

/** CIDRs that stand for the whole internet. */
export const world = new Set(["0.0.0.0/0", "::/0"]);

/** AWS ignores the ports of a rule for every protocol; it then admits every port. */
function portRange(protocol: unknown, fromPort: number | undefined, toPort: number | undefined): Pick<IngressRule, "fromPort" | "toPort"> {
    return protocol === "-1" || protocol === -1 || String(protocol).toLowerCase() === "all" ? {} : { fromPort, toPort };
}

function ingressRules(type: string, props: Record<string, any>): IngressRule[] {
    switch (type) {
        case "aws:ec2/securityGroup:SecurityGroup":
            return (props.ingress ?? []).map((rule: any) => ({
                ...portRange(rule.protocol, rule.fromPort, rule.toPort),
                cidrs: [...(rule.cidrBlocks ?? []), ...(rule.ipv6CidrBlocks ?? [])],
            }));
        case "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule":
            return [{ ...portRange(props.ipProtocol, props.fromPort, props.toPort), cidrs: [props.cidrIpv4, props.cidrIpv6].filter(Boolean) }];
        case "aws:ec2/securityGroupRule:SecurityGroupRule":
            return props.type === "ingress"
                ? [{ ...portRange(props.protocol, props.fromPort, props.toPort), cidrs: [...(props.cidrBlocks ?? []), ...(props.ipv6CidrBlocks ?? [])] }]
                : [];
        default:
            return [];
    }
}

export const noPublicIngress: ResourceValidationPolicy = {
    name: "security-group-public-ingress",
    description: "Security groups admit the internet only on the ports an ingress needs (80 and 443 by default).",
    enforcementLevel: "mandatory",
    configSchema: { properties: { allowedPublicPorts: { type: "array", items: { type: "integer" }, default: [80, 443] } } },
    validateResource: (args, reportViolation) => {
        const { allowedPublicPorts } = args.getConfig<PublicIngressConfig>();
        for (const rule of ingressRules(args.type, args.props)) {
            const open = rule.cidrs.filter((cidr) => world.has(cidr));
            const singleAllowedPort = rule.fromPort === rule.toPort && allowedPublicPorts.includes(rule.fromPort ?? -1);
            if (open.length > 0 && !singleAllowedPort) {
                reportViolation(`ingress ${rule.fromPort ?? "all"}-${rule.toPort ?? "all"} is open to ${open.join(", ")}; allowed public ports: ${allowedPublicPorts.join(", ")}`);
            }
        }
    },
};

/** Network exposure and network cost: security groups, NAT gateways. */
export const networkPolicies = [noPublicIngress];
