import { expect } from "chai";
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";
import { repositoryRoot } from "../engine/preview";

const cli = path.join(repositoryRoot, "engine", "cli.ts");
const register = path.join(repositoryRoot, "engine", "register.js");

/** Runs `npm run preview -- <args>` as a user would, returning the exit code and output. */
async function preview(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    return promisify(execFile)(process.execPath, ["-r", register, cli, ...args], { maxBuffer: 64 * 1024 * 1024 }).then(
        ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
        (err) => ({ code: err.code, stdout: err.stdout, stderr: err.stderr }),
    );
}

describe("npm run preview", () => {
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "platform-cli-"));
    after(() => fs.rmSync(scratch, { recursive: true, force: true }));

    it("previews a stack, prints the tree, policies and summary, and writes --json", async () => {
        const json = path.join(scratch, "staging.json");
        const { code, stdout } = await preview("--stack", "staging", "--json", json);
        expect(code).to.equal(0);
        expect(stdout).to.match(/^ \+ {3}pulumi:pulumi:Stack +platform-staging +create$/m);
        expect(stdout).to.contain("Policies:\n    no violations");
        const document = JSON.parse(fs.readFileSync(json, "utf8"));
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
});
