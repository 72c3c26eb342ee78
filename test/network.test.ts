import { expect } from "chai";
import * as path from "path";
import { ofType, previewStack } from "./helpers/preview";

const root = path.join(__dirname, "fixtures", "network-component");
const run = (scenario: string) => previewStack("test", { root, policyPack: false, configOverrides: { "network-component-fixture:scenario": scenario } });

describe("Network component", () => {
    it("builds a VPC with a public and a private subnet per AZ and a NAT gateway in each by default", async () => {
        const result = await run("defaults");
        expect(result.error).to.equal(undefined);
        const subnets = ofType(result, "aws:ec2/subnet:Subnet").map((subnet) => subnet.inputs.cidrBlock);
        expect(subnets).to.have.members(["10.30.0.0/18", "10.30.64.0/18", "10.30.192.0/20", "10.30.208.0/20"]);
        expect(ofType(result, "aws:ec2/natGateway:NatGateway")).to.have.length(2);
    });

    it("refuses every bad argument at once, before registering anything", async () => {
        const result = await run("invalid");
        expect(result.error).to.equal(
            [
                'Network "fixture": invalid arguments:',
                '  cidr "10.30.1.0/16" has host bits set; expected its network address 10.30.0.0/16',
                "  availabilityZones: found 5; expected 2 or 3",
                '  natGateways: found "many"; expected one of perAz, single, none',
            ].join("\n"),
        );
        // Only the stack and the fixture's provider: not even the component itself.
        expect(result.resources.filter((resource) => !resource.type.startsWith("pulumi:")).map((resource) => resource.urn)).to.deep.equal([]);
    });

    it("refuses a range too small for a subnet of /24 or more per tier and AZ", async () => {
        expect((await run("too-small")).error).to.equal('Network "fixture": invalid arguments:\n  cidr "10.30.0.0/27" is a /27; expected /16 to /20');
    });
});
