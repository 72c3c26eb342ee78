import { expect } from "chai";
import { PolicyPackConfig } from "../engine/analyzer";
import { RecordedResource } from "../engine/monitor";
import { providerIn, recorded, violationsOfPolicy, withUnknown } from "./helpers/policy";

const staging = providerIn("staging");
const production = providerIn("production");

/** A VPC with one public subnet and a NAT gateway per zone, wired by property dependencies as a program registers them. */
function vpcWithNatGateways(provider: RecordedResource, zones: number, name = "primary"): RecordedResource[] {
    const vpc = recorded("aws:ec2/vpc:Vpc", name, { cidrBlock: "10.0.0.0/16" }, provider);
    const resources = [vpc];
    for (let zone = 0; zone < zones; zone++) {
        const subnet = recorded("aws:ec2/subnet:Subnet", `${name}-public-${zone}`, { vpcId: `${name}-id`, cidrBlock: `10.0.${zone}.0/24` }, provider, { propertyDependencies: { vpcId: [vpc.urn] } });
        const nat = recorded("aws:ec2/natGateway:NatGateway", `${name}-nat-${zone}`, { subnetId: `${subnet.name}-id`, allocationId: `eipalloc-${zone}` }, provider, {
            propertyDependencies: { subnetId: [subnet.urn] },
        });
        resources.push(subnet, nat);
    }
    return resources;
}

const nat = (resources: RecordedResource[], config?: PolicyPackConfig) => violationsOfPolicy("nat-gateways-per-vpc", resources, config);
const twoInStaging = "primary: VPC primary has 2 NAT gateways outside production (primary-nat-0, primary-nat-1); at most 1: route every private subnet through one";

describe("policy: nat-gateways-per-vpc", () => {
    it("passes one NAT gateway in staging and one per zone in production", async () => {
        expect(await nat([staging, ...vpcWithNatGateways(staging, 1)])).to.deep.equal([]);
        expect(await nat([production, ...vpcWithNatGateways(production, 3)])).to.deep.equal([]);
    });

    it("fails two NAT gateways in one staging VPC", async () => {
        expect(await nat([staging, ...vpcWithNatGateways(staging, 2)])).to.deep.equal([twoInStaging]);
    });

    it("counts each VPC apart", async () => {
        expect(await nat([staging, ...vpcWithNatGateways(staging, 1), ...vpcWithNatGateways(staging, 1, "secondary")])).to.deep.equal([]);
    });

    it("takes the limit from policy pack config", async () => {
        expect(await nat([staging, ...vpcWithNatGateways(staging, 2)], { "nat-gateways-per-vpc": { maxNonProductionNatGatewaysPerVpc: 2 } })).to.deep.equal([]);
    });

    it("counts a regional NAT gateway by its own vpcId, and subnets of a VPC outside the stack by its id", async () => {
        const subnet = (zone: number) => recorded("aws:ec2/subnet:Subnet", `shared-${zone}`, { vpcId: "vpc-0123456789abcdef0" }, staging);
        const zonal = (zone: number) => recorded("aws:ec2/natGateway:NatGateway", `nat-${zone}`, { subnetId: `shared-${zone}-id` }, staging, { propertyDependencies: { subnetId: [subnet(zone).urn] } });
        const regional = recorded("aws:ec2/natGateway:NatGateway", "nat-regional", { vpcId: "vpc-0123456789abcdef0", availabilityMode: "regional" }, staging);
        expect(await nat([staging, subnet(0), subnet(1), zonal(0), zonal(1), regional])).to.deep.equal([
            "nat-0: VPC vpc-0123456789abcdef0 has 3 NAT gateways outside production (nat-0, nat-1, nat-regional); at most 1: route every private subnet through one",
        ]);
    });

    it("still counts them in a real preview, where subnet and VPC ids are unknown", async () => {
        const pending = vpcWithNatGateways(staging, 2).map((resource) =>
            resource.type === "aws:ec2/natGateway:NatGateway" ? withUnknown(resource, "subnetId") : resource.type === "aws:ec2/subnet:Subnet" ? withUnknown(resource, "vpcId") : resource,
        );
        expect(await nat([staging, ...pending])).to.deep.equal([twoInStaging]);
    });

    it("judges at `up` gateways whose VPC a preview cannot name", async () => {
        const gateways = [0, 1].map((zone) => withUnknown(recorded("aws:ec2/natGateway:NatGateway", `nat-${zone}`, {}, staging), "subnetId"));
        expect(await nat([staging, ...gateways])).to.deep.equal([]);
    });
});
