import { expect } from "chai";
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";
import { OFFLINE_ACCOUNT_ID } from "../engine/outputs/context";
import { repositoryRoot, secretPlaceholder } from "../engine/preview";
import { loadProjectStack, ProjectSyntaxError } from "../engine/project";
import { previewJson, renderOutputs } from "../engine/render";
import { secretWire } from "../engine/wire";
import { named, previewStack } from "./helpers/preview";

const root = path.join(__dirname, "fixtures", "engine-project");

describe("offline preview engine", () => {
    const run = () => previewStack("test", { root, policyPack: false });

    it("records protect, retainOnDelete, deleteBeforeReplace, ignoreChanges and aliases", async () => {
        const result = await run();
        expect(result.error).to.equal(undefined);
        const key = named(result, "aws:kms/key:Key", "data");
        expect(key.protect).to.equal(true);
        expect(key.retainOnDelete).to.equal(true);
        const role = named(result, "aws:iam/role:Role", "reader");
        expect(role.protect).to.equal(false);
        expect(role.deleteBeforeReplace).to.equal(true);
        expect(role.ignoreChanges).to.deep.equal(["tags"]);
        // Resolved like the CLI's alias specs: the old name, with the resource's own type, parent, stack and project.
        expect(role.aliases).to.deep.equal(["urn:pulumi:test::engine-fixture::aws:iam/role:Role::legacy-reader"]);
    });

    it("records type, parent, provider and dependencies", async () => {
        const result = await run();
        const policy = named(result, "aws:iam/rolePolicy:RolePolicy", "reader");
        const role = named(result, "aws:iam/role:Role", "reader");
        const provider = named(result, "pulumi:providers:aws", "regional");
        expect(policy.custom).to.equal(true);
        expect(policy.parent).to.equal("urn:pulumi:test::engine-fixture::pulumi:pulumi:Stack::engine-fixture-test");
        expect(policy.provider).to.equal(`${provider.urn}::${provider.id}`);
        expect(policy.dependencies).to.include(role.urn);
        expect(policy.propertyDependencies.role).to.deep.equal([role.urn]);
    });

    it("resolves ARNs in the provider's region and the offline account inside policy JSON", async () => {
        const result = await run();
        const key = named(result, "aws:kms/key:Key", "data");
        const bucket = named(result, "aws:s3/bucket:Bucket", "data");
        expect(key.outputs.arn).to.match(new RegExp(`^arn:aws:kms:eu-west-1:${OFFLINE_ACCOUNT_ID}:key/[0-9a-f-]{36}$`));
        expect(bucket.outputs.arn).to.match(/^arn:aws:s3:::data-[0-9a-f]{7}$/);
        expect(bucket.outputs.bucketRegionalDomainName).to.equal(`${bucket.outputs.bucket}.s3.eu-west-1.amazonaws.com`);
        const role = named(result, "aws:iam/role:Role", "reader");
        expect(role.outputs.arn).to.match(new RegExp(`^arn:aws:iam::${OFFLINE_ACCOUNT_ID}:role/reader-[0-9a-f]{7}$`));

        const document = JSON.parse(named(result, "aws:iam/rolePolicy:RolePolicy", "reader").inputs.policy);
        expect(document.Statement[0].Resource).to.equal(key.outputs.arn);
        expect(document.Statement[1].Resource).to.equal(`${bucket.outputs.arn}/*`);
        expect(result.outputs.keyArn).to.equal(key.outputs.arn);
    });

    it("is deterministic across runs", async () => {
        const [first, second] = [await run(), await run()];
        expect(first.resources.map((r) => [r.urn, r.id, r.outputs.arn])).to.deep.equal(second.resources.map((r) => [r.urn, r.id, r.outputs.arn]));
    });

    it("merges provider defaultTags into tagsAll", async () => {
        const bucket = named(await run(), "aws:s3/bucket:Bucket", "data");
        expect(bucket.outputs.tagsAll).to.deep.equal({ department: "data", environment: "development", project: "fixture" });
    });

    it("keeps secure config values secret in outputs and --json", async () => {
        const result = await run();
        const parameter = named(result, "aws:ssm/parameter:Parameter", "token");
        expect(parameter.inputs.value).to.match(/^offline-secret-/);
        const json = JSON.stringify(previewJson(result));
        expect(json).to.not.contain("offline-secret-");
        const step = (previewJson(result) as any).steps.find((s: any) => s.urn === parameter.urn);
        expect(step.newState.inputs.value).to.equal("[secret]");
        expect(step.newState.outputs.value).to.equal("[secret]");
        expect((previewJson(result) as any).steps[0].newState.outputs.token).to.equal("[secret]");
    });

    it("fails a resource without an explicit provider when default providers are disabled", async () => {
        const result = await previewStack("test", { root, policyPack: false, configOverrides: { "engine-fixture:omitProvider": "true" } });
        expect(result.error).to.contain("Default provider for 'aws' disabled");
        expect(result.error).to.contain("aws:s3/bucket:Bucket");
    });

    it("fails a second resource with the same URN, as the CLI does", async () => {
        const result = await previewStack("test", { root, policyPack: false, configOverrides: { "engine-fixture:duplicateName": "true" } });
        expect(result.error).to.contain("Duplicate resource URN 'urn:pulumi:test::engine-fixture::aws:s3/bucket:Bucket::data'; try giving it a unique name");
    });

    it("hands the policy pack resource references as ids, as the CLI does", async () => {
        const result = await previewStack("test", { root });
        expect(result.error).to.equal(undefined);
        const holder = result.resources.find((resource) => resource.type === "fixture:index:KeyHolder")!;
        expect(holder.outputs.held).to.equal(named(result, "aws:kms/key:Key", "data").id);
        expect(result.violations.map((v) => v.policyName)).to.include("s3-bucket-baseline");
    });

    it("keeps a failed program's rejections inside its own preview", async () => {
        let previewing = false;
        const stray: unknown[] = [];
        const collect = (reason: unknown) => previewing || stray.push(reason);
        process.on("unhandledRejection", collect);
        try {
            for (let run = 0; run < 2; run++) {
                previewing = true;
                const failed = await previewStack("staging", { policyPack: false, configOverrides: { "platform:department": undefined } });
                previewing = false;
                expect(failed.error).to.contain("platform:department: missing");
                await new Promise((resolve) => setTimeout(resolve, 50));
            }
        } finally {
            process.off("unhandledRejection", collect);
        }
        expect(stray).to.deep.equal([]);
    });

    it("never leaves a policy pack process behind when its parent exits without stopping it", async () => {
        const spawner = `const { spawnPolicyPack } = require(${JSON.stringify(path.join(repositoryRoot, "engine", "policy-process"))});
            const pack = spawnPolicyPack(${JSON.stringify(path.join(repositoryRoot, "policy"))});
            pack.port.then(() => { console.log(pack.child.pid); process.exit(0); });`;
        const register = path.join(repositoryRoot, "engine", "register.js");
        const { stdout } = await promisify(execFile)(process.execPath, ["-r", register, "-e", spawner]);
        const pid = Number(stdout.trim());
        const alive = () => {
            try {
                process.kill(pid, 0);
                return true;
            } catch {
                return false;
            }
        };
        for (let poll = 0; poll < 100 && alive(); poll++) {
            await new Promise((resolve) => setTimeout(resolve, 100));
        }
        expect(alive(), `policy pack process ${pid}`).to.equal(false);
    });

    it("writes the pulumi preview --json shape", async () => {
        const json = previewJson(await run()) as any;
        expect(json).to.have.keys(["steps", "changeSummary", "diagnostics", "policyViolations"]);
        expect(json.changeSummary.create).to.equal(json.steps.length);
        expect(json.steps[1].op).to.equal("create");
        expect(json.steps[1].newState).to.include.keys(["type", "urn", "custom", "parent", "provider", "inputs", "outputs", "dependencies", "protect", "retainOnDelete"]);
    });
});

describe("stack outputs as the CLI prints them", () => {
    it("aligns each object's keys in order, spells out nested values and masks secrets at any depth", () => {
        const outputs = {
            vpcId: "vpc-1",
            tenants: { acme: { region: "eu-central-1", roleArn: secretWire("arn:aws:iam::1:role/acme"), ports: [80, 443] }, b: { empty: {}, none: [] } },
            kubeconfig: secretWire({ apiVersion: "v1" }),
            count: 2,
            enabled: true,
            skipped: undefined,
        };
        expect(renderOutputs(outputs)).to.equal(
            [
                "Outputs:",
                "    count     : 2",
                "    enabled   : true",
                "    kubeconfig: [secret]",
                "    tenants   : {",
                "        acme: {",
                "            ports  : [",
                "                [0]: 80",
                "                [1]: 443",
                "            ]",
                "            region : \"eu-central-1\"",
                "            roleArn: [secret]",
                "        }",
                "        b   : {",
                "            empty: {}",
                "            none : []",
                "        }",
                "    }",
                "    vpcId     : \"vpc-1\"",
            ].join("\n"),
        );
    });

    it("prints no section for a stack without outputs, and a secret output of a preview masked", async () => {
        expect(renderOutputs({})).to.equal("");
        const result = await previewStack("test", { root, policyPack: false });
        const stack = result.resources.find((resource) => resource.type === "pulumi:pulumi:Stack")!;
        const text = renderOutputs(stack.outputsWire);
        expect(text).to.match(/^ {4}token +: \[secret\]$/m);
        expect(text).to.not.contain("offline-secret-");
    });
});

describe("project files", () => {
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "platform-project-"));
    after(() => fs.rmSync(scratch, { recursive: true, force: true }));

    it("reports a YAML syntax error in a stack file or Pulumi.yaml as <file>:<line>:<column>: <problem>", () => {
        const project = fs.mkdtempSync(path.join(scratch, "project-"));
        fs.writeFileSync(path.join(project, "Pulumi.yaml"), "name: broken\nruntime: nodejs\n");
        fs.writeFileSync(path.join(project, "Pulumi.dev.yaml"), "config:\n  broken:a: 1\n   broken:b: 2\n");
        const load = () => loadProjectStack(project, "dev", secretPlaceholder);
        expect(load).to.throw(ProjectSyntaxError, /^Pulumi\.dev\.yaml:3:12: bad indentation of a mapping entry$/);
        fs.writeFileSync(path.join(project, "Pulumi.yaml"), 'name: "broken\nruntime: nodejs\n');
        expect(load).to.throw(ProjectSyntaxError, /^Pulumi\.yaml:3:1: unexpected end of the stream within a double quoted scalar$/);
    });
});

describe("engine loader", () => {
    it("defers the SDK's function-serialization modules until a program serializes a function", async () => {
        const script = `
            const loaded = (name) => Object.keys(require.cache).some((file) => file.includes("/node_modules/" + name + "/"));
            const pulumi = require("@pulumi/pulumi");
            const atImport = { typescript: loaded("typescript"), arborist: loaded("@npmcli/arborist") };
            const Module = require("module");
            const codePaths = require.cache[require.resolve("@pulumi/pulumi/runtime/closure/codePaths")];
            const { Arborist } = Module._load("@npmcli/arborist", codePaths, false);
            const constructed = new Arborist({ path: "." }) instanceof require("@npmcli/arborist");
            pulumi.runtime.serializeFunction(() => 42).then((serialized) => console.log(JSON.stringify({
                atImport, constructed, typescriptOnUse: loaded("typescript"), code: serialized.text.includes("return () => 42"),
            })));`;
        const register = path.join(repositoryRoot, "engine", "register.js");
        const { stdout } = await promisify(execFile)(process.execPath, ["-r", register, "-e", script], { cwd: repositoryRoot });
        expect(JSON.parse(stdout)).to.deep.equal({
            atImport: { typescript: false, arborist: false },
            constructed: true,
            typescriptOnUse: true,
            code: true,
        });
    });
});
