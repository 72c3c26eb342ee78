import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { checkedArgs } from "../args";
import { LogDestination } from "../log-bucket/logging";
import { Network } from "../network";
import { ClusterNetwork, DatabaseNetwork, PersistenceNetworkArgs, RegionalProviders, resolveArgs } from "./args";

export { ClusterNetwork, DatabaseNetwork, PersistenceNetworkArgs, RegionalProviders } from "./args";

/**
 * A private-only VPC in a tenant region, peered with the cluster's VPC, with routes both ways
 * for each private route table. It has no internet gateway or NAT: databases only answer
 * connections from the cluster, and RDS manages backups, patching and the master secret through
 * its own control plane, so nothing in it needs a way out.
 */
export class PersistenceNetwork extends pulumi.ComponentResource implements DatabaseNetwork {
    /** The network's region. */
    readonly region: string;
    /** The VPC's id. */
    readonly vpcId: pulumi.Output<string>;
    /** The VPC's range, which tenant namespaces in the cluster may reach on their database port. */
    readonly cidr: string;
    /** Private subnets, one per AZ, for database subnet groups. */
    readonly subnetIds: pulumi.Output<string>[];
    /** The accepted peering connection with the cluster's VPC. */
    readonly peeringConnectionId: pulumi.Output<string>;

    constructor(name: string, args: PersistenceNetworkArgs, opts?: pulumi.ComponentResourceOptions) {
        checkedArgs("PersistenceNetwork", name, resolveArgs(args), opts);
        super("platform:ringfence:PersistenceNetwork", name, {}, opts);
        const inRegion = { parent: this, provider: args.providers.forRegion(args.region) };
        const inClusterRegion = { parent: this, provider: args.providers.forRegion(args.cluster.region) };

        const network = new Network(`${name}-network`, { cidr: args.cidr, availabilityZones: args.availabilityZones, natGateways: "none", flowLogs: args.flowLogs }, inRegion);
        const peering = new aws.ec2.VpcPeeringConnection(`${name}-peering`, {
            vpcId: args.cluster.vpcId,
            peerVpcId: network.vpcId,
            peerRegion: args.region,
            // Cross-region peering is accepted from the peer's side, below.
            autoAccept: false,
            tags: { Name: `${args.cluster.region} cluster to ${args.region} persistence` },
        }, inClusterRegion);
        const accepted = new aws.ec2.VpcPeeringConnectionAccepter(`${name}-peering-accepter`, {
            vpcPeeringConnectionId: peering.id,
            autoAccept: true,
            tags: { Name: `${args.cluster.region} cluster to ${args.region} persistence` },
        }, inRegion);

        // Routes refer to the accepter, so they are created once the connection is active.
        args.cluster.routeTableIds.forEach((routeTableId, index) => {
            new aws.ec2.Route(`${name}-from-cluster-${index}`, {
                routeTableId,
                destinationCidrBlock: args.cidr,
                vpcPeeringConnectionId: accepted.id,
            }, inClusterRegion);
        });
        network.privateRouteTableIds.forEach((routeTableId, index) => {
            new aws.ec2.Route(`${name}-to-cluster-${index}`, {
                routeTableId,
                destinationCidrBlock: args.cluster.cidr,
                vpcPeeringConnectionId: accepted.id,
            }, inRegion);
        });

        this.region = args.region;
        this.vpcId = network.vpcId;
        this.cidr = args.cidr;
        this.subnetIds = network.privateSubnetIds;
        this.peeringConnectionId = accepted.id;
        this.registerOutputs({
            region: this.region,
            vpcId: this.vpcId,
            cidr: this.cidr,
            subnetIds: this.subnetIds,
            peeringConnectionId: this.peeringConnectionId,
        });
    }
}

export interface PersistenceNetworksArgs {
    /** The cluster's VPC: the database network in its own region, the peer of every other. */
    readonly cluster: ClusterNetwork;
    /** Providers for every tenant region. */
    readonly providers: RegionalProviders;
    /** AZs of every persistence network. */
    readonly availabilityZones: number;
    /** The range of a region's persistence network; stable per region, never overlapping. */
    readonly cidrFor: (region: string) => string;
    /** Each region's log bucket, for the persistence networks' flow logs. */
    readonly logs: { forRegion(region: string): LogDestination };
}

/**
 * Where tenant databases live, one network per region: the cluster's VPC in the cluster's region,
 * and elsewhere a `PersistenceNetwork` created on first use and shared by every tenant there.
 */
export class PersistenceNetworks {
    private readonly byRegion = new Map<string, DatabaseNetwork>();

    constructor(private readonly args: PersistenceNetworksArgs) {
        this.byRegion.set(args.cluster.region, args.cluster);
    }

    forRegion(region: string): DatabaseNetwork {
        let network = this.byRegion.get(region);
        if (!network) {
            network = new PersistenceNetwork(`persistence-${region}`, {
                region,
                cidr: this.args.cidrFor(region),
                availabilityZones: this.args.availabilityZones,
                cluster: this.args.cluster,
                providers: this.args.providers,
                flowLogs: this.args.logs.forRegion(region),
            });
            this.byRegion.set(region, network);
        }
        return network;
    }
}
