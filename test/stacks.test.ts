import { expect } from "chai";
import { listStacks } from "../engine/project";
import { repositoryRoot } from "../engine/preview";
import { ofType, previewOnce, providerOf } from "./helpers/preview";

const stacks = listStacks(repositoryRoot);

describe("stacks", () => {
    it("has prod and staging stack files", () => {
        expect(stacks).to.include.members(["prod", "staging"]);
    });

    for (const stack of stacks) {
        describe(stack, () => {
            it("previews without errors or mandatory policy violations", async () => {
                const result = await previewOnce(stack);
                expect(result.error).to.equal(undefined);
                const mandatory = result.violations.filter((v) => v.enforcementLevel === "mandatory");
                expect(mandatory.map((v) => `${v.policyName} ${v.urn}: ${v.message}`)).to.deep.equal([]);
            });

            it("gives every provider-managed resource an explicit provider", async () => {
                const result = await previewOnce(stack);
                const managed = result.resources.filter((r) => r.custom && !r.type.startsWith("pulumi:providers:"));
                expect(managed.filter((r) => !r.provider).map((r) => r.urn)).to.deep.equal([]);
            });

            it("tags every AWS provider with department, environment and project", async () => {
                const result = await previewOnce(stack);
                for (const provider of ofType(result, "pulumi:providers:aws")) {
                    expect(Object.keys(JSON.parse(provider.inputs.defaultTags).tags)).to.include.members(["department", "environment", "project"]);
                }
            });
        });
    }

    it("prod spreads the VPC over three AZs with a NAT gateway in each", async () => {
        const result = await previewOnce("prod");
        const subnets = ofType(result, "aws:ec2/subnet:Subnet").filter((s) => s.parent?.endsWith("::primary"));
        expect(subnets).to.have.length(6);
        expect(new Set(subnets.map((s) => s.inputs.availabilityZone))).to.deep.equal(new Set(["eu-central-1a", "eu-central-1b", "eu-central-1c"]));
        const nats = ofType(result, "aws:ec2/natGateway:NatGateway").filter((n) => n.parent?.endsWith("::primary"));
        expect(nats).to.have.length(3);
        const natSubnets = nats.map((n) => n.inputs.subnetId);
        const publicSubnetIds = subnets.filter((s) => s.inputs.tags.tier === "public").map((s) => s.id);
        expect(natSubnets).to.have.members(publicSubnetIds);
        const privateDefaultRoutes = ofType(result, "aws:ec2/route:Route").filter((r) => r.name.startsWith("primary-private-default"));
        expect(new Set(privateDefaultRoutes.map((r) => r.inputs.natGatewayId)).size).to.equal(3);
    });

    it("staging uses two AZs and a single NAT gateway", async () => {
        const result = await previewOnce("staging");
        const subnets = ofType(result, "aws:ec2/subnet:Subnet").filter((s) => s.parent?.endsWith("::primary"));
        expect(subnets).to.have.length(4);
        expect(new Set(subnets.map((s) => s.inputs.availabilityZone)).size).to.equal(2);
        expect(ofType(result, "aws:ec2/natGateway:NatGateway").filter((n) => n.parent?.endsWith("::primary"))).to.have.length(1);
    });

    it("keeps private subnets off the public internet", async () => {
        const result = await previewOnce("prod");
        const privateSubnets = ofType(result, "aws:ec2/subnet:Subnet").filter((s) => s.inputs.tags.tier === "private");
        for (const subnet of privateSubnets) {
            expect(subnet.inputs.mapPublicIpOnLaunch ?? false).to.equal(false);
        }
        const vpc = ofType(result, "aws:ec2/vpc:Vpc").find((v) => v.name === "primary-vpc")!;
        expect(providerOf(result, vpc)!.inputs.region).to.equal("eu-central-1");
        expect(vpc.inputs.cidrBlock).to.equal("10.10.0.0/16");
        const defaultSg = ofType(result, "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup")[0];
        expect(defaultSg.inputs.ingress ?? []).to.deep.equal([]);
        expect(defaultSg.inputs.egress ?? []).to.deep.equal([]);
    });
});
