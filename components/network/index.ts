import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { checkedArgs } from "../args";
import { flowLog } from "../log-bucket/logging";
import { NetworkArgs, resolveArgs } from "./args";
import { subnetLayout } from "./subnets";

export { NatGateways, NetworkArgs } from "./args";

/**
 * A VPC with a public and a private subnet per availability zone, an internet gateway for the
 * public tier and NAT egress for the private tier. The default security group is emptied so
 * nothing can rely on its allow-all rules. Routes are standalone `aws.ec2.Route` resources, not
 * a route table's inline `routes`, which would own the whole table and remove the routes other
 * components add to it (VPC peering). Every connection in the VPC is flow-logged to the region's
 * log bucket.
 */
export class Network extends pulumi.ComponentResource {
    /** The VPC's id. */
    readonly vpcId: pulumi.Output<string>;
    /** The VPC's range. */
    readonly cidr: string;
    /** Names of the AZs the subnets are in, in subnet order. */
    readonly availabilityZones: pulumi.Output<string[]>;
    /** One per AZ; none with `natGateways: "none"`. */
    readonly publicSubnetIds: pulumi.Output<string>[];
    /** One per AZ. */
    readonly privateSubnetIds: pulumi.Output<string>[];
    /** Ranges of the public subnets (none with `natGateways: "none"`): load balancers and NAT only. */
    readonly publicSubnetCidrs: string[];
    /** Ranges of the private subnets: nodes, pods, databases, the EKS control plane's interfaces. */
    readonly privateSubnetCidrs: string[];
    /** Route tables of the private subnets, one per AZ, where peering routes go. */
    readonly privateRouteTableIds: pulumi.Output<string>[];

    constructor(name: string, args: NetworkArgs, opts?: pulumi.ComponentResourceOptions) {
        const resolved = checkedArgs("Network", name, resolveArgs(args), opts);
        super("platform:network:Network", name, {}, opts);
        const { natGateways } = resolved;
        const layout = subnetLayout(resolved.cidr, resolved.availabilityZones);
        const zones = aws.getAvailabilityZonesOutput({ state: "available" }, { parent: this });

        const vpc = new aws.ec2.Vpc(`${name}-vpc`, {
            cidrBlock: resolved.cidr,
            enableDnsHostnames: true,
            enableDnsSupport: true,
            tags: { Name: `${name}-vpc` },
        }, { parent: this });
        flowLog(name, { vpcId: vpc.id, destination: resolved.flowLogs }, { parent: this });
        new aws.ec2.DefaultSecurityGroup(`${name}-default-sg`, { vpcId: vpc.id, tags: { Name: `${name}-default-locked` } }, { parent: this });
        const azName = (index: number) => zones.names.apply((names) => names[index]);
        const publicSubnets: aws.ec2.Subnet[] = [];
        const nats: aws.ec2.NatGateway[] = [];
        if (natGateways !== "none") {
            const igw = new aws.ec2.InternetGateway(`${name}-igw`, { vpcId: vpc.id, tags: { Name: `${name}-igw` } }, { parent: this });
            const publicRouteTable = new aws.ec2.RouteTable(`${name}-public-rt`, { vpcId: vpc.id, tags: { Name: `${name}-public` } }, { parent: this });
            new aws.ec2.Route(`${name}-public-default`, { routeTableId: publicRouteTable.id, destinationCidrBlock: "0.0.0.0/0", gatewayId: igw.id }, { parent: this });

            for (const [index, cidrBlock] of layout.publicCidrs.entries()) {
                const subnet = new aws.ec2.Subnet(`${name}-public-${index}`, {
                    vpcId: vpc.id,
                    cidrBlock,
                    availabilityZone: azName(index),
                    mapPublicIpOnLaunch: false,
                    tags: { Name: `${name}-public-${index}`, tier: "public", ...resolved.publicSubnetTags },
                }, { parent: this });
                new aws.ec2.RouteTableAssociation(`${name}-public-${index}`, { subnetId: subnet.id, routeTableId: publicRouteTable.id }, { parent: this });
                publicSubnets.push(subnet);
            }

            const natCount = natGateways === "perAz" ? resolved.availabilityZones : 1;
            for (const [index, subnet] of publicSubnets.slice(0, natCount).entries()) {
                const eip = new aws.ec2.Eip(`${name}-nat-${index}`, { domain: "vpc", tags: { Name: `${name}-nat-${index}` } }, { parent: this });
                nats.push(new aws.ec2.NatGateway(`${name}-nat-${index}`, {
                    allocationId: eip.allocationId,
                    subnetId: subnet.id,
                    tags: { Name: `${name}-nat-${index}` },
                }, { parent: this, dependsOn: [igw] }));
            }
        }

        const privateRouteTables = layout.privateCidrs.map((cidrBlock, index) => {
            const subnet = new aws.ec2.Subnet(`${name}-private-${index}`, {
                vpcId: vpc.id,
                cidrBlock,
                availabilityZone: azName(index),
                tags: { Name: `${name}-private-${index}`, tier: "private", ...resolved.privateSubnetTags },
            }, { parent: this });
            const routeTable = new aws.ec2.RouteTable(`${name}-private-rt-${index}`, { vpcId: vpc.id, tags: { Name: `${name}-private-${index}` } }, { parent: this });
            if (nats.length > 0) {
                new aws.ec2.Route(`${name}-private-default-${index}`, {
                    routeTableId: routeTable.id,
                    destinationCidrBlock: "0.0.0.0/0",
                    natGatewayId: nats[index % nats.length].id,
                }, { parent: this });
            }
            new aws.ec2.RouteTableAssociation(`${name}-private-${index}`, { subnetId: subnet.id, routeTableId: routeTable.id }, { parent: this });
            return { subnet, routeTable };
        });

        this.vpcId = vpc.id;
        this.cidr = resolved.cidr;
        this.availabilityZones = zones.names.apply((names) => names.slice(0, resolved.availabilityZones));
        this.publicSubnetIds = publicSubnets.map((subnet) => subnet.id);
        this.privateSubnetIds = privateRouteTables.map(({ subnet }) => subnet.id);
        this.publicSubnetCidrs = natGateways === "none" ? [] : layout.publicCidrs;
        this.privateSubnetCidrs = layout.privateCidrs;
        this.privateRouteTableIds = privateRouteTables.map(({ routeTable }) => routeTable.id);
        this.registerOutputs({
            vpcId: this.vpcId,
            cidr: this.cidr,
            availabilityZones: this.availabilityZones,
            publicSubnetIds: this.publicSubnetIds,
            privateSubnetIds: this.privateSubnetIds,
            publicSubnetCidrs: this.publicSubnetCidrs,
            privateSubnetCidrs: this.privateSubnetCidrs,
            privateRouteTableIds: this.privateRouteTableIds,
        });
    }
}
