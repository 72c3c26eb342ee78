import { expect } from "chai";
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as yaml from "js-yaml";
import { promisify } from "util";
import { repositoryRoot } from "../engine/preview";
import { logRetention } from "../policy/cost";
import { rdsDataSafety } from "../policy/storage";
import { s3GlacierIrLifecycle } from "../policy/s3-lifecycle";
import { requiredTags } from "../policy/tags";
import { maxLogRetentionDays } from "../stacks/config/eks";
import { maxGlacierTransitionDays, minBackupRetentionDays } from "../stacks/config/tenants";
import { ofType, previewStack } from "./helpers/preview";

/** Previews staging with one config key replaced and returns the error lines. */
async function problemsWith(overrides: Record<string, unknown>): Promise<string[]> {
    const result = await previewStack("staging", { configOverrides: overrides, policyPack: false });
    expect(result.error, "the preview should fail").to.be.a("string");
    expect(result.resources.map((r) => r.type), "nothing but the root stack is registered").to.deep.equal(["pulumi:pulumi:Stack"]);
    return result.error!.split("\n").slice(1).map((line) => line.trim());
}

const stagingNetwork = { cidr: "10.20.0.0/16", availabilityZones: 2, natGateways: "single" };

/** A section of a committed stack file, as the tests' starting point for one changed key. */
function section(stack: string, key: string): any {
    const file = yaml.load(fs.readFileSync(path.join(repositoryRoot, `Pulumi.${stack}.yaml`), "utf8")) as { config: Record<string, unknown> };
    return structuredClone(file.config[`platform:${key}`]);
}

describe("stack config validation", () => {
    it("rejects what the policy pack's defaults would: the config's limits are the pack's", () => {
        expect(minBackupRetentionDays).to.equal(rdsDataSafety.configSchema?.properties.minBackupRetentionDays.default);
        expect(maxLogRetentionDays).to.equal(logRetention.configSchema?.properties.maxRetentionDays.default);
        expect(maxGlacierTransitionDays).to.equal(s3GlacierIrLifecycle.configSchema?.properties.maxTransitionDays.default);
    });

    it("rejects an unknown top-level key, naming the allowed keys", async () => {
        expect(await problemsWith({ "platform:regoin": "eu-west-1" })).to.deep.equal([
            "platform:regoin: unknown key; allowed: platform:environment, platform:department, platform:project, platform:primaryRegion, platform:network, platform:domain, platform:eks, platform:sks, platform:exoscaleApiKey, platform:exoscaleApiSecret, platform:frontend, platform:cloudflareApiToken, platform:ingress, platform:tenants, platform:cdnWaf, platform:fargate",
        ]);
    });

    it("rejects an unknown nested key", async () => {
        expect(await problemsWith({ "platform:network": { ...stagingNetwork, natGateway: "single" } })).to.deep.equal([
            "platform:network.natGateway: unknown key; allowed: cidr, availabilityZones, natGateways",
        ]);
    });

    it("rejects a bad enum value with the allowed values", async () => {
        expect(await problemsWith({ "platform:environment": "prod" })).to.deep.equal([
            'platform:environment: found "prod"; allowed: production, staging, development',
        ]);
    });

    it("rejects an unknown AWS region, listing the commercial regions @pulumi/aws knows", async () => {
        const [line] = await problemsWith({ "platform:primaryRegion": "eu-cental-1" });
        expect(line).to.match(/^platform:primaryRegion: found "eu-cental-1"; allowed: .*\beu-central-1, .*\bus-east-1\b/);
        expect(line).to.not.match(/cn-north-1|us-gov-west-1/);
    });

    it("reports config keys outside the platform namespace as unknown, and leaves Pulumi's own keys alone", async () => {
        const allowed = "platform:environment, platform:department, platform:project, platform:primaryRegion, platform:network, platform:domain, platform:eks, platform:sks, platform:exoscaleApiKey, platform:exoscaleApiSecret, platform:frontend, platform:cloudflareApiToken, platform:ingress, platform:tenants, platform:cdnWaf, platform:fargate";
        const problems = await problemsWith({ "platfrom:domain": "staging.platform.example.com", "aws:region": "eu-west-1", "pulumi:tags": '{"team":"platform"}' });
        expect(problems).to.deep.equal([
            `platfrom:domain: unknown key; allowed: ${allowed} and pulumi: settings (default providers are disabled: a provider key configures nothing)`,
            `aws:region: unknown key; allowed: ${allowed} and pulumi: settings (default providers are disabled: a provider key configures nothing)`,
        ]);
    });

    it("reports a key written without a value instead of taking the text \"null\"", async () => {
        // `platform:project:` with nothing after it reaches the program as "null", as the engine and CLI pass it.
        expect(await problemsWith({ "platform:project": null })).to.deep.equal([
            "platform:project: found no value; expected 2-32 lower-case letters, digits or hyphens, starting with a letter",
        ]);
        expect(await problemsWith({ "platform:tenants": "" })).to.deep.equal(["platform:tenants: found no value; expected a value, or no key for the default"]);
    });

    it("rejects a department outside the policy pack's default allowed set, naming that set", async () => {
        const packDefault = requiredTags.configSchema?.properties.allowedDepartments.default as string[];
        expect(await problemsWith({ "platform:department": "marketing" })).to.deep.equal([`platform:department: found "marketing"; allowed: ${packDefault.join(", ")}`]);
    });

    it("checks an RDS instance class per family and size, naming the family's sizes", async () => {
        const tenants = section("staging", "tenants");
        tenants[0].database.instanceClass = "db.r7g.gigantic";
        tenants[1].database.instanceClass = "db.x9.large";
        expect(await problemsWith({ "platform:tenants": tenants })).to.deep.equal([
            'platform:tenants[0].database.instanceClass: found "db.r7g.gigantic"; expected an RDS instance class db.<family>.<size>; db.r7g sizes: large, xlarge, 2xlarge, 4xlarge, 8xlarge, 12xlarge, 16xlarge',
            'platform:tenants[1].database.instanceClass: found "db.x9.large"; expected an RDS instance class db.<family>.<size> such as db.t4g.micro; families: t3, t4g, m5, m6g, m6i, m7g, m7i, r5, r6g, r6i, r7g, r7i',
        ]);
    });

    it("holds every public hostname of a stack to one use: frontend, tenant CDNs and sample hosts", async () => {
        const tenants = section("staging", "tenants");
        tenants[1].cdnDomain = "app.staging.platform.example.com";
        const ingress = section("staging", "ingress");
        ingress.sampleHosts.sks = "app.staging.platform.example.com";
        const unique = "every public hostname of a stack is unique";
        expect(await problemsWith({ "platform:tenants": tenants, "platform:ingress": ingress })).to.deep.equal([
            `platform:tenants[1].cdnDomain: found "app.staging.platform.example.com"; expected a hostname not used by platform:frontend.dnsEntry: ${unique}`,
            `platform:ingress.sampleHosts.sks: found "app.staging.platform.example.com"; expected a hostname not used by platform:frontend.dnsEntry: ${unique}`,
        ]);
        tenants[1].cdnDomain = tenants[0].cdnDomain;
        expect(await problemsWith({ "platform:tenants": tenants })).to.deep.equal([
            `platform:tenants[1].cdnDomain: found "${tenants[0].cdnDomain}"; expected a hostname not used by platform:tenants[0].cdnDomain: ${unique}`,
        ]);
    });

    it("asks for quotes around a version YAML read as a number", async () => {
        expect(await problemsWith({ "platform:eks": { ...section("staging", "eks"), version: 1.33 } })).to.deep.equal([
            'platform:eks.version: found 1.33; expected a quoted string such as "1.33"',
        ]);
    });

    it("names DNS's 63-character label limit for a label one character too long", async () => {
        const label = "a".repeat(64);
        expect(await problemsWith({ "platform:domain": `${label}.example.com` })).to.deep.equal([
            `platform:domain: found "${label}.example.com"; expected labels of at most 63 characters (DNS's limit; "aaaaaaaaaaaa..." has 64)`,
        ]);
    });

    it("leaves a node group's disk size to the component's default of 50 GiB", async () => {
        const eks = section("staging", "eks");
        for (const group of eks.nodeGroups) {
            delete group.diskSizeGiB;
        }
        const result = await previewStack("staging", { configOverrides: { "platform:eks": eks }, policyPack: false });
        expect(result.error).to.equal(undefined);
        const templates = ofType(result, "aws:ec2/launchTemplate:LaunchTemplate");
        expect(templates).to.have.length(eks.nodeGroups.length);
        for (const template of templates) {
            expect(template.inputs.blockDeviceMappings[0].ebs.volumeSize, template.name).to.equal(50);
        }
    });

    it("rejects a malformed CIDR", async () => {
        expect(await problemsWith({ "platform:network": { ...stagingNetwork, cidr: "10.20.0.0/33" } })).to.deep.equal([
            'platform:network.cidr: found "10.20.0.0/33"; expected an IPv4 CIDR block such as 10.0.0.0/16',
        ]);
    });

    it("rejects a CIDR block with host bits set, naming its network address", async () => {
        expect(await problemsWith({ "platform:network": { ...stagingNetwork, cidr: "10.20.1.0/16" } })).to.deep.equal([
            'platform:network.cidr: found "10.20.1.0/16"; expected 10.20.0.0/16, the block\'s network address (host bits zero)',
        ]);
    });

    it("rejects a VPC range too small for the subnet layout", async () => {
        expect(await problemsWith({ "platform:network": { ...stagingNetwork, cidr: "10.20.0.0/24" } })).to.deep.equal([
            'platform:network.cidr: found "10.20.0.0/24"; expected a /16 to /20 IPv4 CIDR block such as 10.0.0.0/16',
        ]);
    });

    it("rejects a malformed domain", async () => {
        expect(await problemsWith({ "platform:domain": "Example_.com" })).to.deep.equal([
            'platform:domain: found "Example_.com"; expected a lower-case hostname such as app.example.com (letters, digits and hyphens; no wildcard, no trailing dot)',
        ]);
    });

    it("rejects a missing required key", async () => {
        expect(await problemsWith({ "platform:project": undefined })).to.deep.equal(["platform:project: missing; expected string"]);
    });

    it("rejects an out-of-range number", async () => {
        expect(await problemsWith({ "platform:network": { ...stagingNetwork, availabilityZones: 5 } })).to.deep.equal([
            "platform:network.availabilityZones: found 5; expected <= 3",
        ]);
    });

    it("holds production to three AZs with a NAT gateway each", async () => {
        expect(await problemsWith({ "platform:environment": "production" })).to.deep.equal([
            "platform:network.availabilityZones: found 2; expected 3 in production",
            'platform:network.natGateways: found "single"; expected perAz in production',
        ]);
    });

    it("reports every problem at once, one line each", async () => {
        const problems = await problemsWith({ "platform:environment": "prod", "platform:domain": "nope", "platform:extra": "x" });
        expect(problems).to.have.length(3);
    });

    it("reports a rule across sections in the same run as an invalid value in another section", async () => {
        const problems = await problemsWith({
            "platform:frontend": { bucketName: "platform-example-frontend-staging", dnsEntry: "app.elsewhere.example.com" },
            "platform:network": { ...stagingNetwork, natGateways: "none" },
        });
        expect(problems).to.deep.equal([
            'platform:network.natGateways: found "none"; allowed: perAz, single',
            'platform:frontend.dnsEntry: found "app.elsewhere.example.com"; expected a name directly under platform:domain, such as app.staging.platform.example.com',
        ]);
    });

    it("makes the CLI exit non-zero with the messages and no stack trace", async () => {
        const project = fs.mkdtempSync(path.join(os.tmpdir(), "platform-config-"));
        fs.copyFileSync(path.join(repositoryRoot, "Pulumi.yaml"), path.join(project, "Pulumi.yaml"));
        fs.writeFileSync(path.join(project, "package.json"), JSON.stringify({ main: path.join(repositoryRoot, "stacks", "index.ts") }));
        fs.symlinkSync(path.join(repositoryRoot, "policy"), path.join(project, "policy"));
        const staging = fs.readFileSync(path.join(repositoryRoot, "Pulumi.staging.yaml"), "utf8");
        fs.writeFileSync(path.join(project, "Pulumi.broken.yaml"), staging.replace("primaryRegion: eu-central-1", "primaryRegion: mars-east-1"));
        const cli = path.join(repositoryRoot, "engine", "cli.ts");
        const register = path.join(repositoryRoot, "engine", "register.js");
        const run = promisify(execFile)(process.execPath, ["-r", register, cli, "--stack", "broken", "--cwd", project]);
        const failure = await run.then(() => expect.fail("the CLI should fail"), (err) => err);
        expect(failure.code).to.equal(2);
        expect(failure.stderr).to.contain('platform:primaryRegion: found "mars-east-1"; allowed:');
        expect(failure.stderr).to.not.match(/\n\s+at /);
        fs.rmSync(project, { recursive: true, force: true });
    });
});
