import { expect } from "chai";
import * as path from "path";
import { named, ofType, previewStack } from "./helpers/preview";

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

    it("gives no instance a public IP by itself: public subnets say so explicitly, private ones never map one", async () => {
        // Only load balancers and NAT gateways (with their own Elastic IPs) live in the public tier.
        const subnets = ofType(await run("defaults"), "aws:ec2/subnet:Subnet");
        const tier = (name: string) => subnets.filter((subnet) => subnet.inputs.tags.tier === name);
        expect(tier("public")).to.have.length(2);
        expect(tier("private")).to.have.length(2);
        for (const subnet of tier("public")) {
            expect(subnet.inputs.mapPublicIpOnLaunch, subnet.name).to.equal(false);
        }
        for (const subnet of tier("private")) {
            expect(subnet.inputs.mapPublicIpOnLaunch ?? false, subnet.name).to.equal(false);
        }
    });

    it("refuses every bad argument at once, before registering anything", async () => {
        const result = await run("invalid");
        expect(result.error).to.equal(
            [
                'Network "fixture": invalid arguments:',
                '  cidr: found "10.30.1.0/16"; expected 10.30.0.0/16, the block\'s network address (host bits zero)',
                "  availabilityZones: found 5; expected 2 or 3",
                '  natGateways: found "many"; expected one of perAz, single, none',
                "  flowLogs: missing; expected the log bucket of the VPC's region (every VPC has flow logs)",
            ].join("\n"),
        );
        // Only the stack and the fixture's provider: not even the component itself.
        expect(result.resources.filter((resource) => !resource.type.startsWith("pulumi:")).map((resource) => resource.urn)).to.deep.equal([]);
    });

    it("flow-logs every accepted and rejected connection of the VPC to S3, into the region's log bucket", async () => {
        const result = await run("defaults");
        const vpc = named(result, "aws:ec2/vpc:Vpc", "fixture-vpc");
        const flowLog = named(result, "aws:ec2/flowLog:FlowLog", "fixture-flow-log");
        expect(flowLog.id).to.match(/^fl-[0-9a-f]{17}$/);
        expect(flowLog.outputs.arn).to.equal(`arn:aws:ec2:eu-west-1:123456789012:vpc-flow-log/${flowLog.id}`);
        expect(flowLog.inputs).to.deep.equal({
            vpcId: vpc.id,
            trafficType: "ALL",
            logDestinationType: "s3",
            logDestination: "arn:aws:s3:::fixture-logs-eu-west-1/vpc-flow-logs/",
            tags: { Name: "fixture-flow-log" },
        });
    });

    it("refuses a log bucket outside the VPC's region: flow logs stay in the region", async () => {
        const result = await run("flow-logs-elsewhere");
        expect(result.error).to.contain("fixture-flow-log: found a log bucket in eu-west-3 for a source in eu-west-1; expected the log bucket of eu-west-1");
        expect(ofType(result, "aws:ec2/flowLog:FlowLog")).to.deep.equal([]);
    });

    it("refuses a range too small for a subnet of /24 or more per tier and AZ", async () => {
        expect((await run("too-small")).error).to.equal('Network "fixture": invalid arguments:\n  cidr: found "10.30.0.0/27"; expected a /16 to /20 IPv4 CIDR block such as 10.0.0.0/16');
    });
});
