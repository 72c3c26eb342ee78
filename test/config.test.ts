import { expect } from "chai";
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";
import { repositoryRoot } from "../engine/preview";
import { logRetention } from "../policy/cost";
import { rdsDataSafety } from "../policy/storage";
import { maxLogRetentionDays } from "../stacks/config/eks";
import { minBackupRetentionDays } from "../stacks/config/tenants";
import { previewStack } from "./helpers/preview";

/** Previews staging with one config key replaced and returns the error lines. */
async function problemsWith(overrides: Record<string, unknown>): Promise<string[]> {
    const result = await previewStack("staging", { configOverrides: overrides, policyPack: false });
    expect(result.error, "the preview should fail").to.be.a("string");
    expect(result.resources.map((r) => r.type), "nothing but the root stack is registered").to.deep.equal(["pulumi:pulumi:Stack"]);
    return result.error!.split("\n").slice(1).map((line) => line.trim());
}

const stagingNetwork = { cidr: "10.20.0.0/16", availabilityZones: 2, natGateways: "single" };

describe("stack config validation", () => {
    it("rejects what the policy pack's defaults would: the config's limits are the pack's", () => {
        expect(minBackupRetentionDays).to.equal(rdsDataSafety.configSchema?.properties.minBackupRetentionDays.default);
        expect(maxLogRetentionDays).to.equal(logRetention.configSchema?.properties.maxRetentionDays.default);
    });

    it("rejects an unknown top-level key, naming the allowed keys", async () => {
        expect(await problemsWith({ "platform:regoin": "eu-west-1" })).to.deep.equal([
            "platform:regoin: unknown key; allowed: platform:environment, platform:department, platform:project, platform:primaryRegion, platform:network, platform:domain, platform:eks, platform:sks, platform:exoscaleApiKey, platform:exoscaleApiSecret, platform:frontend, platform:cloudflareApiToken, platform:ingress, platform:tenants, platform:fargate",
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

    it("rejects an unknown AWS region", async () => {
        const [line] = await problemsWith({ "platform:primaryRegion": "eu-cental-1" });
        expect(line).to.match(/^platform:primaryRegion: found "eu-cental-1"; allowed: us-east-1, .*eu-central-1, /);
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
            'platform:domain: found "Example_.com"; expected a lower-case DNS name such as example.com',
        ]);
    });

    it("rejects a missing required key", async () => {
        expect(await problemsWith({ "platform:department": undefined })).to.deep.equal(["platform:department: missing; expected string"]);
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
