import { expect } from "chai";
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";
import { repositoryRoot } from "../engine/preview";

const cli = path.join(repositoryRoot, "engine", "cli.ts");
const register = path.join(repositoryRoot, "engine", "register.js");

/** The environment of a preview run outside npm (no INIT_CWD), plus `extra`. */
function environment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    const { INIT_CWD: _, ...env } = process.env;
    return { ...env, ...extra };
}

interface Run {
    /** Directory the CLI process runs in. Default: this repository, as `npm run preview` does. */
    cwd?: string;
    /** INIT_CWD, the directory npm was run from; unset by default. */
    initCwd?: string;
}

/** Runs `npm run preview -- <args>` as a user would, returning the exit code and output. */
async function previewIn(run: Run, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    const env = environment(run.initCwd === undefined ? {} : { INIT_CWD: run.initCwd });
    return promisify(execFile)(process.execPath, ["-r", register, cli, ...args], { cwd: run.cwd ?? repositoryRoot, env, maxBuffer: 64 * 1024 * 1024 }).then(
        ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
        (err) => ({ code: err.code, stdout: err.stdout, stderr: err.stderr }),
    );
}

const preview = (...args: string[]) => previewIn({}, ...args);

describe("npm run preview", () => {
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "platform-cli-"));
    after(() => fs.rmSync(scratch, { recursive: true, force: true }));

    it("previews a stack, prints the tree, policies, outputs and summary, and writes --json relative to INIT_CWD", async () => {
        const { code, stdout } = await previewIn({ initCwd: scratch }, "--stack", "staging", "--json", "staging.json");
        expect(code).to.equal(0);
        expect(stdout).to.match(/^ \+ {3}pulumi:pulumi:Stack +platform-staging +create$/m);
        expect(stdout).to.contain("Policies:\n    no violations\n\nOutputs:\n");
        // What the README's onboarding step reads: a tenant's values, nested under `tenants`.
        expect(stdout).to.match(/^ {4}tenants +: \{\n {8}acme +: \{\n(?: {12}.*\n)* {12}namespace +: "tenant-acme"\n/m);
        expect(stdout).to.match(/^ {4}eksKubeconfig +: \[secret\]$/m);
        expect(stdout).to.not.contain("apiVersion");
        const document = JSON.parse(fs.readFileSync(path.join(scratch, "staging.json"), "utf8"));
        expect(stdout).to.contain(`+ ${document.steps.length} to create`);
        expect(document.policyViolations).to.deep.equal([]);
    });

    it("exits 1 on a mandatory violation, grouped by policy, when --policy-pack-config narrows the departments", async () => {
        const config = path.join(scratch, "policy-config.json");
        fs.writeFileSync(config, JSON.stringify({ "aws-provider-default-tags": { allowedDepartments: ["finance"] } }));
        const json = path.join(scratch, "narrowed.json");
        const { code, stdout } = await preview("--stack", "staging", "--policy-pack-config", config, "--json", json);
        expect(code).to.equal(1);
        expect(stdout).to.match(/❌ \[mandatory\] platform-guardrails\/aws-provider-default-tags \(\d+\)/);
        const violations = JSON.parse(fs.readFileSync(json, "utf8")).policyViolations;
        expect(violations.length).to.be.greaterThan(0);
        for (const violation of violations) {
            expect(violation).to.include({ policyPack: "platform-guardrails", policyName: "aws-provider-default-tags", enforcementLevel: "mandatory" });
            expect(violation.urn).to.match(/pulumi:providers:aws::[a-z0-9-]+$/);
            expect(violation.message).to.equal('defaultTags: tag "department" is "platform-engineering"; allowed: finance');
        }
    });

    it("exits 0 when the same violation is made advisory", async () => {
        const config = path.join(scratch, "advisory.json");
        fs.writeFileSync(config, JSON.stringify({ "aws-provider-default-tags": { enforcementLevel: "advisory", allowedDepartments: ["finance"] } }));
        const { code, stdout } = await preview("--stack", "staging", "--policy-pack-config", config);
        expect(code).to.equal(0);
        expect(stdout).to.match(/\[advisory\] platform-guardrails\/aws-provider-default-tags/);
    });

    it("rejects an unknown stack and a usage error", async () => {
        expect(await preview("--stack", "nope")).to.include({ code: 2 });
        expect((await preview("--stack", "nope")).stderr).to.contain('no stack "nope"');
        expect(await preview()).to.include({ code: 64 });
    });

    it("rejects a --cwd that holds no Pulumi project, in one line", async () => {
        const empty = fs.mkdtempSync(path.join(scratch, "empty-"));
        expect(await preview("--stack", "staging", "--cwd", empty)).to.include({ code: 2, stderr: `--cwd ${empty}: not a Pulumi project (no Pulumi.yaml)\n` });
    });

    it("rejects a --json path in a missing directory and a policy config that is not an object, in one line each", async () => {
        const missing = path.join(scratch, "no-such-dir", "out.json");
        const badJson = await preview("--stack", "staging", "--json", missing);
        expect(badJson).to.include({ code: 2, stderr: `--json ${missing}: no such directory\n` });
        const config = path.join(scratch, "null.json");
        fs.writeFileSync(config, "null");
        const badConfig = await preview("--stack", "staging", "--policy-pack-config", config);
        expect(badConfig).to.include({ code: 2, stderr: `--policy-pack-config ${config}: expected a JSON object of policy names (or "all"), found null\n` });
    });

    it("prints the usage and exits 0 on --help and -h", async () => {
        for (const flag of ["--help", "-h"]) {
            const { code, stdout } = await preview(flag);
            expect(code).to.equal(0);
            expect(stdout).to.match(/^usage: npm run preview -- --stack <name>/);
            for (const option of ["--stack", "--json", "--policy-pack-config", "--cwd", "INIT_CWD", "64 usage error"]) {
                expect(stdout).to.contain(option);
            }
        }
    });

    it("rejects a flag given twice as a usage error instead of taking the last", async () => {
        const twice = await preview("--stack", "staging", "--stack", "prod");
        expect(twice.code).to.equal(64);
        expect(twice.stderr.split("\n")[0]).to.equal("--stack given more than once; it takes one value");
        expect(twice.stdout).to.equal("");
        const json = path.join(scratch, "twice.json");
        expect((await preview("--stack", "staging", "--json", json, "--json", json)).stderr).to.match(/^--json given more than once; it takes one value\n/);
    });

    it("refuses a --json path that is a directory before previewing", async () => {
        expect(await preview("--stack", "staging", "--json", scratch)).to.deep.equal({ code: 2, stdout: "", stderr: `--json ${scratch}: is a directory\n` });
    });

    it("resolves relative --json, --policy-pack-config and --cwd against INIT_CWD, else the current directory", async () => {
        fs.mkdirSync(path.join(scratch, "relative"), { recursive: true });
        fs.writeFileSync(path.join(scratch, "relative", "null.json"), "null");
        const fromNpm = { initCwd: path.join(scratch, "relative") };
        expect(await previewIn(fromNpm, "--stack", "staging", "--cwd", "project")).to.include({
            code: 2,
            stderr: `--cwd ${path.join(scratch, "relative", "project")}: not a Pulumi project (no Pulumi.yaml)\n`,
        });
        expect((await previewIn(fromNpm, "--stack", "staging", "--policy-pack-config", "null.json")).stderr).to.equal(
            `--policy-pack-config ${path.join(scratch, "relative", "null.json")}: expected a JSON object of policy names (or "all"), found null\n`,
        );
        expect((await previewIn(fromNpm, "--stack", "staging", "--json", "missing/out.json")).stderr).to.equal(
            `--json ${path.join(scratch, "relative", "missing", "out.json")}: no such directory\n`,
        );
        expect((await previewIn({ cwd: scratch }, "--stack", "staging", "--json", "missing/out.json")).stderr).to.equal(
            `--json ${path.join(scratch, "missing", "out.json")}: no such directory\n`,
        );
    });

    it("reports a YAML syntax error in a stack file as one line <file>:<line>:<column>: <problem>, exit 2", async () => {
        const project = fs.mkdtempSync(path.join(scratch, "broken-"));
        fs.copyFileSync(path.join(repositoryRoot, "Pulumi.yaml"), path.join(project, "Pulumi.yaml"));
        fs.symlinkSync(path.join(repositoryRoot, "policy"), path.join(project, "policy"));
        fs.writeFileSync(path.join(project, "Pulumi.dev.yaml"), "config:\n  platform:environment: staging\n  platform:domain: [example.com\n");
        expect(await preview("--stack", "dev", "--cwd", project)).to.deep.equal({
            code: 2,
            stdout: "",
            stderr: "Pulumi.dev.yaml:4:1: unexpected end of the stream within a flow collection\n",
        });
    });
});
