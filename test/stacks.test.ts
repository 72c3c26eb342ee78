import { expect } from "chai";
import * as fs from "fs";
import * as yaml from "js-yaml";
import * as path from "path";
import { listStacks } from "../engine/project";
import { repositoryRoot } from "../engine/preview";
import { ofType, previewOnce, providerOf } from "./helpers/preview";

const stacks = listStacks(repositoryRoot);

/** The `platform:` settings of a stack file that the expected counts below derive from. */
interface StackFile {
    department: string;
    environment: string;
    project: string;
    primaryRegion: string;
    network: { cidr: string; availabilityZones: number; natGateways: "perAz" | "single" };
    tenants?: { region: string }[];
}

function stackFile(stack: string): StackFile {
    const file = yaml.load(fs.readFileSync(path.join(repositoryRoot, `Pulumi.${stack}.yaml`), "utf8")) as { config: Record<string, any> };
    return Object.fromEntries(Object.entries(file.config).map(([key, value]) => [key.replace(/^platform:/, ""), value])) as StackFile;
}

/** Regions other than the primary one that hold a tenant, each with its own persistence VPC. */
const persistenceRegions = (file: StackFile) => [...new Set((file.tenants ?? []).map((tenant) => tenant.region))].filter((region) => region !== file.primaryRegion);

describe("stacks", () => {
    it("has prod and staging stack files", () => {
        expect(stacks).to.include.members(["prod", "staging"]);
    });

    for (const stack of stacks) {
        describe(stack, () => {
            const file = stackFile(stack);
            const zones = file.network.availabilityZones;

            it("previews without errors or mandatory policy violations", async () => {
                const result = await previewOnce(stack);
                expect(result.error).to.equal(undefined);
                const mandatory = result.violations.filter((v) => v.enforcementLevel === "mandatory");
                expect(mandatory.map((v) => `${v.policyName} ${v.urn}: ${v.message}`)).to.deep.equal([]);
            });

            it("gives every provider-managed resource an explicit provider", async () => {
                const result = await previewOnce(stack);
                const managed = result.resources.filter((r) => r.custom && !r.type.startsWith("pulumi:providers:"));
                expect(managed).to.not.have.length(0);
                expect(managed.filter((r) => !r.provider).map((r) => r.urn)).to.deep.equal([]);
            });

            it("registers one AWS provider per region in use, each tagged with the stack file's department, environment and project", async () => {
                const result = await previewOnce(stack);
                const tenantRegions = (file.tenants ?? []).map((tenant) => tenant.region);
                // CloudFront certificates (the frontend's, the tenant CDNs') come from the stack's us-east-1 provider.
                const stackRegions = new Set([file.primaryRegion, ...tenantRegions, "us-east-1"]);
                const expected = [...stackRegions].map((region) => [`aws-${region}`, region]);
                const providers = ofType(result, "pulumi:providers:aws");
                expect(providers.map((provider) => [provider.name, provider.inputs.region])).to.have.deep.members(expected);
                for (const provider of providers) {
                    expect(JSON.parse(provider.inputs.defaultTags).tags, provider.name).to.deep.equal({
                        department: file.department,
                        environment: file.environment,
                        project: file.project,
                    });
                }
            });

            it("builds the primary VPC from the stack file's network section", async () => {
                const result = await previewOnce(stack);
                const vpc = ofType(result, "aws:ec2/vpc:Vpc").find((v) => v.name === "primary-vpc")!;
                expect(vpc.inputs.cidrBlock).to.equal(file.network.cidr);
                expect(providerOf(result, vpc)!.inputs.region).to.equal(file.primaryRegion);
                const subnets = ofType(result, "aws:ec2/subnet:Subnet").filter((s) => s.parent?.endsWith("::primary"));
                const publicSubnets = subnets.filter((s) => s.inputs.tags.tier === "public");
                expect(publicSubnets).to.have.length(zones);
                expect(subnets.filter((s) => s.inputs.tags.tier === "private")).to.have.length(zones);
                expect(subnets).to.have.length(2 * zones);
                expect(new Set(subnets.map((s) => s.inputs.availabilityZone)).size).to.equal(zones);
                const nats = ofType(result, "aws:ec2/natGateway:NatGateway").filter((n) => n.parent?.endsWith("::primary"));
                const natCount = file.network.natGateways === "perAz" ? zones : 1;
                expect(nats).to.have.length(natCount);
                expect(publicSubnets.map((s) => s.id)).to.include.members(nats.map((n) => n.inputs.subnetId));
                const privateDefaultRoutes = ofType(result, "aws:ec2/route:Route").filter((r) => r.name.startsWith("primary-private-default"));
                expect(privateDefaultRoutes).to.have.length(zones);
                expect(new Set(privateDefaultRoutes.map((r) => r.inputs.natGatewayId))).to.deep.equal(new Set(nats.map((n) => n.id)));
            });

            it("keeps every private subnet off the public internet and every default security group empty", async () => {
                const result = await previewOnce(stack);
                const vpcCount = 1 + persistenceRegions(file).length;
                const privateSubnets = ofType(result, "aws:ec2/subnet:Subnet").filter((s) => s.inputs.tags.tier === "private");
                expect(privateSubnets).to.have.length(zones * vpcCount);
                for (const subnet of privateSubnets) {
                    expect(subnet.inputs.mapPublicIpOnLaunch ?? false, subnet.name).to.equal(false);
                }
                const defaultGroups = ofType(result, "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup");
                expect(defaultGroups).to.have.length(vpcCount);
                for (const group of defaultGroups) {
                    expect(group.inputs.ingress ?? [], group.name).to.deep.equal([]);
                    expect(group.inputs.egress ?? [], group.name).to.deep.equal([]);
                }
            });
        });
    }

    it("prod spreads the VPC over three AZs with a NAT gateway in each", async () => {
        expect(stackFile("prod").network).to.deep.include({ availabilityZones: 3, natGateways: "perAz" });
        const result = await previewOnce("prod");
        const subnets = ofType(result, "aws:ec2/subnet:Subnet").filter((s) => s.parent?.endsWith("::primary"));
        expect(new Set(subnets.map((s) => s.inputs.availabilityZone))).to.deep.equal(new Set(["eu-central-1a", "eu-central-1b", "eu-central-1c"]));
    });

    it("staging spreads the VPC over two AZs and sends both private subnets' egress through one NAT gateway", async () => {
        expect(stackFile("staging").network).to.deep.include({ availabilityZones: 2, natGateways: "single" });
        const result = await previewOnce("staging");
        const inPrimary = (type: string) => ofType(result, type).filter((r) => r.parent?.endsWith("::primary"));
        const subnets = inPrimary("aws:ec2/subnet:Subnet");
        expect(new Set(subnets.map((s) => s.inputs.availabilityZone))).to.deep.equal(new Set(["eu-central-1a", "eu-central-1b"]));
        const [natGateway, ...others] = inPrimary("aws:ec2/natGateway:NatGateway");
        expect(others).to.deep.equal([]);
        const natRoutes = inPrimary("aws:ec2/route:Route").filter((route) => route.inputs.natGatewayId !== undefined);
        expect(natRoutes.map((route) => [route.inputs.destinationCidrBlock, route.inputs.natGatewayId])).to.deep.equal([
            ["0.0.0.0/0", natGateway.id],
            ["0.0.0.0/0", natGateway.id],
        ]);
    });
});
