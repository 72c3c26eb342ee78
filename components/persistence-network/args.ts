import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ArgsCheck, found } from "../args";
import { LogDestination } from "../log-bucket/logging";
import * as network from "../network/args";
import { cidrsOverlap } from "../rules/cidr";

/** Explicit AWS providers by region (`AwsProviders` in the stacks). */
export interface RegionalProviders {
    forRegion(region: string): aws.Provider;
}

/** A VPC tenant databases can live in: its range and its private subnets. */
export interface DatabaseNetwork {
    /** The network's region. Required. */
    readonly region: string;
    /** The VPC. Required. */
    readonly vpcId: pulumi.Input<string>;
    /** The VPC's range, which tenant namespaces may reach on their database port. Required. */
    readonly cidr: string;
    /** Private subnets for database subnet groups. Required. */
    readonly subnetIds: pulumi.Input<string>[];
}

/** The cluster's VPC, which persistence networks in other regions peer with. */
export interface ClusterNetwork extends DatabaseNetwork {
    /** Route tables of the private subnets the cluster's pods run in. Required. */
    readonly routeTableIds: pulumi.Input<string>[];
}

export interface PersistenceNetworkArgs {
    /** Region of the persistence network; not the cluster's. Required. */
    readonly region: string;
    /** The VPC's range, /16 to /20; must not overlap the cluster VPC or any other peered network. Required. */
    readonly cidr: string;
    /** AZs with a private subnet each, 2 or 3 (RDS subnet groups and Multi-AZ need 2). Required. */
    readonly availabilityZones: number;
    /** The cluster's VPC, peered with this one. Required. */
    readonly cluster: ClusterNetwork;
    /** Providers for this region and the cluster's. Required. */
    readonly providers: RegionalProviders;
    /** The log bucket of `region`, which receives the VPC's flow logs. Required. */
    readonly flowLogs: LogDestination;
}

/** Lists every invalid argument; the network's own rules are the `Network` component's. */
export function resolveArgs(args: PersistenceNetworkArgs): ArgsCheck<PersistenceNetworkArgs> {
    const { problems } = network.resolveArgs({ cidr: args.cidr, availabilityZones: args.availabilityZones, natGateways: "none", flowLogs: args.flowLogs });
    const own: string[] = [];
    if (args.region === args.cluster.region) {
        own.push(`region: ${found(args.region)}; expected a region other than the cluster's (tenants there use the cluster VPC)`);
    }
    if (problems.length === 0 && cidrsOverlap(args.cidr, args.cluster.cidr)) {
        own.push(`cidr: ${found(args.cidr)}; expected a range that does not overlap the cluster VPC's ${args.cluster.cidr}`);
    }
    if (args.flowLogs !== undefined && args.flowLogs.region !== args.region) {
        own.push(`flowLogs: found a log bucket in ${args.flowLogs.region}; expected the log bucket of ${args.region} (flow logs stay in the VPC's region)`);
    }
    return { resolved: args, problems: [...problems, ...own] };
}
