import { ArgsCheck, found } from "../args";
import { LogDestination } from "../log-bucket/logging";
import { vpcCidrProblems } from "../rules/cidr";

export interface NetworkArgs {
    /** The VPC's IPv4 range, /16 to /20, written as its network address. Required. */
    readonly cidr: string;
    /** Availability zones to spread subnets over, 2 or 3. Required. */
    readonly availabilityZones: number;
    /**
     * `perAz` puts a NAT gateway in every AZ; `single` shares one; `none` leaves out the public
     * tier (public subnets, internet gateway, NAT): private subnets that reach only the VPC and
     * whatever is peered with it. Default: `perAz`.
     */
    readonly natGateways?: NatGateways;
    /** Extra tags for public subnets (e.g. load balancer discovery). Default: none. */
    readonly publicSubnetTags?: Record<string, string>;
    /** Extra tags for private subnets. Default: none. */
    readonly privateSubnetTags?: Record<string, string>;
    /** The log bucket of the VPC's region, which receives the VPC's flow logs (every VPC has them). Required. */
    readonly flowLogs: LogDestination;
}

export type NatGateways = "perAz" | "single" | "none";

const natGatewayChoices: readonly NatGateways[] = ["perAz", "single", "none"];

/** Args with every default applied. */
export interface ResolvedNetworkArgs {
    readonly cidr: string;
    readonly availabilityZones: number;
    readonly natGateways: NatGateways;
    readonly publicSubnetTags: Record<string, string>;
    readonly privateSubnetTags: Record<string, string>;
    readonly flowLogs: LogDestination;
}

/** Applies the defaults and lists every invalid argument, one line each. */
export function resolveArgs(args: NetworkArgs): ArgsCheck<ResolvedNetworkArgs> {
    const resolved: ResolvedNetworkArgs = {
        cidr: args.cidr,
        availabilityZones: args.availabilityZones,
        natGateways: args.natGateways ?? "perAz",
        publicSubnetTags: args.publicSubnetTags ?? {},
        privateSubnetTags: args.privateSubnetTags ?? {},
        flowLogs: args.flowLogs,
    };
    const problems: string[] = [];
    for (const expected of vpcCidrProblems(resolved.cidr)) {
        problems.push(`cidr: ${found(resolved.cidr)}; expected ${expected}`);
    }
    if (![2, 3].includes(resolved.availabilityZones)) {
        problems.push(`availabilityZones: ${found(resolved.availabilityZones)}; expected 2 or 3`);
    }
    if (!natGatewayChoices.includes(resolved.natGateways)) {
        problems.push(`natGateways: ${found(resolved.natGateways)}; expected one of ${natGatewayChoices.join(", ")}`);
    }
    if (resolved.flowLogs === undefined) {
        problems.push("flowLogs: missing; expected the log bucket of the VPC's region (every VPC has flow logs)");
    }
    return { resolved, problems };
}
