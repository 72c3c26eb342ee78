import { PolicyResource, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { isProduction, known, referencedResource, whenStackHas } from "./util";

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

export interface NatGatewayConfig {
    maxNonProductionNatGatewaysPerVpc: number;
}

const natGatewayType = "aws:ec2/natGateway:NatGateway";
const subnetTypes = new Set(["aws:ec2/subnet:Subnet"]);
const vpcTypes = new Set(["aws:ec2/vpc:Vpc"]);

/**
 * The VPC a NAT gateway serves, as a key: the VPC resource (a regional gateway names it, a zonal
 * one through its subnet) found by property dependency or known id, else the VPC id; undefined
 * while a preview does not know it.
 */
function vpcOf(natGateway: PolicyResource, subnets: PolicyResource[], vpcs: PolicyResource[]): string | undefined {
    const vpcFrom = (resource: PolicyResource) => {
        const vpc = referencedResource(resource, "vpcId", vpcTypes, vpcs, ["id"]);
        return vpc?.urn ?? known(() => resource.props.vpcId);
    };
    const direct = vpcFrom(natGateway);
    if (direct) {
        return direct;
    }
    const subnet = referencedResource(natGateway, "subnetId", subnetTypes, subnets, ["id"]);
    return subnet ? vpcFrom(subnet) : undefined;
}

export const natGatewaysPerVpc: StackValidationPolicy = {
    name: "nat-gateways-per-vpc",
    description: "Outside production a VPC has at most one NAT gateway (each costs an hourly fee plus data processing); production keeps one per zone.",
    enforcementLevel: "mandatory",
    configSchema: { properties: { maxNonProductionNatGatewaysPerVpc: { type: "integer", default: 1 } } },
    validateStack: whenStackHas(natGatewayType, (args, reportViolation) => {
        const { maxNonProductionNatGatewaysPerVpc } = args.getConfig<NatGatewayConfig>();
        const subnets = args.resources.filter((resource) => subnetTypes.has(resource.type));
        const vpcs = args.resources.filter((resource) => vpcTypes.has(resource.type));
        const byVpc = new Map<string, PolicyResource[]>();
        for (const natGateway of args.resources.filter((resource) => resource.type === natGatewayType)) {
            // A gateway whose environment or VPC a preview does not know yet is judged at `up`.
            const vpc = isProduction(natGateway.props, natGateway.provider?.props) === false ? vpcOf(natGateway, subnets, vpcs) : undefined;
            if (vpc !== undefined) {
                byVpc.set(vpc, (byVpc.get(vpc) ?? []).concat(natGateway));
            }
        }
        for (const [vpc, natGateways] of byVpc) {
            if (natGateways.length > maxNonProductionNatGatewaysPerVpc) {
                const vpcResource = vpcs.find((candidate) => candidate.urn === vpc);
                reportViolation(
                    `VPC ${vpcResource?.name ?? vpc} has ${natGateways.length} NAT gateways outside production (${natGateways.map((gateway) => gateway.name).join(", ")}); at most ${maxNonProductionNatGatewaysPerVpc}: route every private subnet through one`,
                    vpcResource?.urn ?? natGateways[0].urn,
                );
            }
        }
    }),
};

/** Network exposure and network cost: security groups, NAT gateways. */
export const networkPolicies = [noPublicIngress, natGatewaysPerVpc];
