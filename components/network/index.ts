import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { found } from "../args";
import { vpcCidrProblems } from "../rules/cidr";
import { subnetLayout } from "./subnets";

export interface NetworkArgs {
    /** The VPC's IPv4 range, /16 to /20. */
    readonly cidr: string;
    /** Availability zones to spread subnets over (2 or 3). */
    readonly availabilityZones: number;
    /**
     * `perAz` puts a NAT gateway in every AZ; `single` shares one; `none` leaves out the public
     * tier (public subnets, internet gateway, NAT): private subnets that reach only the VPC and
     * whatever is peered with it. Default: `perAz`.
     */
    readonly natGateways?: "perAz" | "single" | "none";
    /** Extra tags for public subnets (e.g. load balancer discovery). Default: none. */
    readonly publicSubnetTags?: Record<string, string>;
    /** Extra tags for private subnets. Default: none. */
    readonly privateSubnetTags?: Record<string, string>;
}

/**
 * A VPC with a public and a private subnet per availability zone, an internet gateway for the
 * public tier and NAT egress for the private tier. The default security group is emptied so
 * nothing can rely on its allow-all rules. Routes are standalone `aws.ec2.Route` resources, not
 * a route table's inline `routes`, which would own the whole table and remove the routes other
 * components add to it (VPC peering).
 */
export class Network extends pulumi.ComponentResource {
    readonly vpcId: pulumi.Output<string>;
    readonly cidr: string;
    readonly availabilityZones: pulumi.Output<string[]>;
    readonly publicSubnetIds: pulumi.Output<string>[];
    readonly privateSubnetIds: pulumi.Output<string>[];
    /** Ranges of the public subnets (none with `natGateways: "none"`): load balancers and NAT only. */
    readonly publicSubnetCidrs: string[];
    /** Ranges of the private subnets: nodes, pods, databases, the EKS control plane's interfaces. */
    readonly privateSubnetCidrs: string[];
    readonly privateRouteTableIds: pulumi.Output<string>[];

    constructor(name: string, args: NetworkArgs, opts?: pulumi.ComponentResourceOptions) {
        const natGateways = args.natGateways ?? "perAz";
        const problems = [
            ...vpcCidrProblems(args.cidr).map((expected) => `cidr: ${found(args.cidr)}; expected ${expected}`),
            [2, 3].includes(args.availabilityZones) ? undefined : `availabilityZones is ${args.availabilityZones}; expected 2 or 3`,
            ["perAz", "single", "none"].includes(natGateways) ? undefined : `natGateways is "${natGateways}"; expected perAz, single or none`,
        ].filter((problem): problem is string => problem !== undefined);
        if (problems.length > 0) {
            throw new pulumi.ResourceError(`Network "${name}": invalid arguments:\n${problems.map((problem) => `  ${problem}`).join("\n")}`, opts?.parent);
        }
        super("platform:network:Network", name, {}, opts);
        const layout = subnetLayout(args.cidr, args.availabilityZones);
        const zones = aws.getAvailabilityZonesOutput({ state: "available" }, { parent: this });

        const vpc = new aws.ec2.Vpc(`${name}-vpc`, {
            cidrBlock: args.cidr,
            enableDnsHostnames: true,
            enableDnsSupport: true,
            tags: { Name: `${name}-vpc` },
        }, { parent: this });
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
                    tags: { Name: `${name}-public-${index}`, tier: "public", ...args.publicSubnetTags },
                }, { parent: this });
                new aws.ec2.RouteTableAssociation(`${name}-public-${index}`, { subnetId: subnet.id, routeTableId: publicRouteTable.id }, { parent: this });
                publicSubnets.push(subnet);
            }

            const natCount = natGateways === "perAz" ? args.availabilityZones : 1;
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
                tags: { Name: `${name}-private-${index}`, tier: "private", ...args.privateSubnetTags },
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
        this.cidr = args.cidr;
        this.availabilityZones = zones.names.apply((names) => names.slice(0, args.availabilityZones));
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
