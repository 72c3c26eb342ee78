import { expect } from "chai";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { EngineEvent } from "@pulumi/pulumi/automation";
import { judgeStack, StackDrift } from "../tools/drift/collect";
import { listStacks } from "../engine/project";
import { runDrift } from "../tools/drift/cli";
import { driftCsv, driftMarkdown } from "../tools/drift/report";

const root = path.resolve(__dirname, "..");
const fixtures = path.join(__dirname, "fixtures", "drift");
const project = path.join(fixtures, "project");
const fakeBin = path.join(fixtures, "bin");

const urn = (stack: string, type: string, name: string) => `urn:pulumi:${stack}::platform::${type}::${name}`;
const bucket = (stack: string) => urn(stack, "aws:s3/bucketV2:BucketV2", "site-bucket");
const securityGroup = (stack: string) => urn(stack, "aws:ec2/securityGroup:SecurityGroup", "cluster-nodes");
const kmsKey = (stack: string) => urn(stack, "aws:kms/key:Key", "tenant-acme-key");

const accessDenied = `${kmsKey("failing")}: operation error KMS: DescribeKey, https response error StatusCode: 400, api error AccessDeniedException: not authorized to perform kms:DescribeKey`;

/** What the three recordings in test/fixtures/drift/recordings must come to. */
const expected: StackDrift[] = [
    { stack: "clean", status: "clean", resources: [] },
    {
        stack: "drifted",
        status: "drifted",
        resources: [
            { urn: bucket("drifted"), operations: ["refresh", "update"], properties: ["tags.owner", "tagsAll.owner"] },
            { urn: securityGroup("drifted"), operations: ["refresh", "update"], properties: ["ingress[2]"] },
        ],
    },
    { stack: "failing", status: "failed", resources: [], error: accessDenied },
];

let sequence = 0;
const step = (op: string, stackUrn: string, diff: { diffs?: string[]; detailedDiff?: Record<string, { diffKind: string; inputDiff: boolean }> } = {}) =>
    ({ sequence: sequence++, timestamp: 0, resourcePreEvent: { metadata: { op, urn: stackUrn, type: stackUrn.split("::")[2], provider: "", ...diff } } }) as unknown as EngineEvent;

/** Runs `fn` with the fake CLI first on PATH and the calls it receives recorded. */
async function withFakePulumi<T>(fn: (calls: () => { args: string[]; cwd: string }[]) => Promise<T>, version?: string): Promise<T> {
    const saved = { PATH: process.env.PATH, calls: process.env.FAKE_PULUMI_CALLS, version: process.env.FAKE_PULUMI_VERSION };
    const log = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "fake-pulumi-")), "calls.jsonl");
    process.env.PATH = `${fakeBin}${path.delimiter}${saved.PATH}`;
    process.env.FAKE_PULUMI_CALLS = log;
    if (version) {
        process.env.FAKE_PULUMI_VERSION = version;
    }
    const restore = (key: string, value: string | undefined) => (value === undefined ? delete process.env[key] : (process.env[key] = value));
    try {
        return await fn(() => fs.readFileSync(log, "utf8").trim().split("\n").map((line) => JSON.parse(line)));
    } finally {
        restore("PATH", saved.PATH);
        restore("FAKE_PULUMI_CALLS", saved.calls);
        restore("FAKE_PULUMI_VERSION", saved.version);
    }
}

function runCli(args: string[], env: NodeJS.ProcessEnv) {
    return spawnSync(process.execPath, ["-r", path.join(root, "engine/register.js"), path.join(root, "tools/drift/cli.ts"), ...args], { cwd: root, env, encoding: "utf8" });
}

describe("Drift report", () => {
    describe("judging a refresh preview's events", () => {
        it("counts every step but same, read and a refresh without a diff as drift, one entry per URN", () => {
            const events = [
                step("refresh", bucket("s")),
                step("same", bucket("s")),
                step("read", kmsKey("s")),
                step("refresh", securityGroup("s"), { diffs: ["ingress"], detailedDiff: { "ingress[0].cidrBlocks[1]": { diffKind: "add", inputDiff: false } } }),
                step("update", securityGroup("s"), { diffs: ["ingress"], detailedDiff: { "ingress[0].cidrBlocks[1]": { diffKind: "delete", inputDiff: true } } }),
                step("delete", kmsKey("other"), { diffs: ["description"] }),
            ];
            expect(judgeStack("s", events)).to.deep.equal({
                stack: "s",
                status: "drifted",
                resources: [
                    { urn: securityGroup("s"), operations: ["refresh", "update"], properties: ["ingress[0].cidrBlocks[1]"] },
                    { urn: kmsKey("other"), operations: ["delete"], properties: ["description"] },
                ],
            });
        });

        it("reads the CLI's 'changes were proposed' as drift, and any other error as a failure", () => {
            const changes = new Error("code: 255\n stderr: error: no changes were expected but changes were proposed\n");
            expect(judgeStack("s", [step("update", bucket("s"), { diffs: ["tags"] })], changes).status).to.equal("drifted");
            const missing = new Error("code: 255\n stdout: \n stderr: error: no stack named 'acme/s' found\n err?: ");
            expect(judgeStack("s", [], missing)).to.deep.equal({ stack: "s", status: "failed", resources: [], error: "error: no stack named 'acme/s' found" });
        });

        it("names the engine's error diagnostics rather than the CLI's closing line", () => {
            const diagnostic = { sequence: 1, timestamp: 0, diagnosticEvent: { urn: bucket("s"), message: "\u001b[31mAccessDenied\u001b[0m:\n  s3:GetBucketTagging\n", color: "raw", severity: "error" } } as EngineEvent;
            const result = judgeStack("s", [diagnostic], new Error("code: 255\n stderr: error: preview failed\n"));
            expect(result).to.deep.equal({ stack: "s", status: "failed", resources: [], error: `${bucket("s")}: AccessDenied: s3:GetBucketTagging` });
        });
    });

    describe("reports", () => {
        it("quotes CSV fields as RFC 4180 asks: commas, quotes and line breaks", () => {
            const csv = driftCsv([{ stack: "s", status: "failed", resources: [], error: 'bucket "site", policy\nAccessDenied' }]);
            expect(csv).to.equal('stack,status,urn,operations,properties,error\r\ns,failed,,,,"bucket ""site"", policy\nAccessDenied"\r\n');
        });

        it("escapes table pipes in Markdown", () => {
            const markdown = driftMarkdown([{ stack: "s", status: "drifted", resources: [{ urn: "urn:a|b", operations: ["update"], properties: ["tags.a|b"] }] }]);
            expect(markdown).to.contain("| `urn:a\\|b` | update | `tags.a\\|b` |");
        });
    });

    describe("against a fake pulumi CLI replaying recorded engine events", () => {
        const out = () => fs.mkdtempSync(path.join(os.tmpdir(), "drift-"));

        it("finds the stacks from the Pulumi.<stack>.yaml files", () => {
            expect(listStacks(project)).to.deep.equal(["clean", "drifted", "failing"]);
            expect(listStacks(root)).to.deep.equal(["prod", "staging"]);
        });

        it("reports a clean, a drifted and a failing stack, through the CLI calls the Automation API makes", async () => {
            const dir = out();
            await withFakePulumi(async (calls) => {
                expect(await runDrift({ cwd: project, stacks: ["clean", "drifted", "failing"], org: "acme", out: dir })).to.deep.equal(expected);
                const previews = calls().filter((call) => call.args[0] === "preview");
                expect(previews.map((call) => call.cwd)).to.deep.equal([project, project, project]);
                for (const [index, stack] of ["clean", "drifted", "failing"].entries()) {
                    const args = previews[index].args;
                    const eventLog = args[args.indexOf("--event-log") + 1];
                    expect(eventLog).to.match(/^tcp:\/\/127\.0\.0\.1:\d+$/);
                    expect(args).to.deep.equal(["preview", "--expect-no-changes", "--refresh", "--exec-kind", "auto.local", "--event-log", eventLog, "--stack", `acme/${stack}`, "--non-interactive"]);
                }
                expect(calls().filter((call) => call.args[0] === "stack").map((call) => call.args)).to.deep.equal(
                    ["clean", "drifted", "failing"].map((stack) => ["stack", "select", "--stack", `acme/${stack}`, "--non-interactive"]),
                );
            });
            expect(fs.readFileSync(path.join(dir, "drift.csv"), "utf8")).to.equal(
                [
                    "stack,status,urn,operations,properties,error",
                    "clean,clean,,,,",
                    `drifted,drifted,${bucket("drifted")},refresh update,tags.owner tagsAll.owner,`,
                    `drifted,drifted,${securityGroup("drifted")},refresh update,ingress[2],`,
                    `failing,failed,,,,"${accessDenied}"`,
                    "",
                ].join("\r\n"),
            );
            const markdown = fs.readFileSync(path.join(dir, "drift.md"), "utf8");
            expect(markdown).to.contain("| clean | clean | 0 |\n| drifted | drifted | 2 |\n| failing | failed | 0 |");
            expect(markdown).to.contain(`| \`${securityGroup("drifted")}\` | refresh, update | \`ingress[2]\` |`);
            expect(markdown).to.contain(`## failing: preview failed\n\n\`\`\`\n${accessDenied}\n\`\`\``);
        });

        it("reads the events from the log file older CLIs write", async () => {
            await withFakePulumi(async (calls) => {
                expect(await runDrift({ cwd: project, stacks: ["drifted"], out: out() })).to.deep.equal([expected[1]]);
                const preview = calls().find((call) => call.args[0] === "preview");
                expect(preview?.args[preview.args.indexOf("--event-log") + 1]).to.match(/eventlog\.txt$/);
            }, "v3.205.0");
        });

        it("fails a stack that does not exist", async () => {
            await withFakePulumi(async () => {
                const [missing] = await runDrift({ cwd: project, stacks: ["gone"], out: out() });
                expect(missing).to.deep.equal({ stack: "gone", status: "failed", resources: [], error: "error: no stack named 'gone' found" });
            });
        });
    });

    describe("npm run drift", () => {
        const env = (PATH: string) => ({ ...process.env, PATH, FAKE_PULUMI_CALLS: "" });
        const fakePath = `${fakeBin}${path.delimiter}${process.env.PATH}`;

        it("exits 1 when a stack drifted or failed, 0 when all are clean", () => {
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "drift-cli-"));
            const all = runCli(["--cwd", project, "--out", dir], env(fakePath));
            expect(all.status, all.stderr).to.equal(1);
            expect(all.stdout).to.contain(`clean: clean\ndrifted: drifted (2 resources)\nfailing: failed: ${accessDenied}\n`);
            const clean = runCli(["--cwd", project, "--out", dir, "--stacks", "clean"], env(fakePath));
            expect(clean.status, clean.stderr).to.equal(0);
            expect(fs.readFileSync(path.join(dir, "drift.csv"), "utf8")).to.equal("stack,status,urn,operations,properties,error\r\nclean,clean,,,,\r\n");
        });

        it("resolves relative --cwd and --out against the directory npm was run in (INIT_CWD), else the current directory", () => {
            const userDir = fs.mkdtempSync(path.join(os.tmpdir(), "drift-init-cwd-"));
            const fromNpm = runCli(["--cwd", path.relative(userDir, project), "--out", "reports", "--stacks", "clean"], { ...env(fakePath), INIT_CWD: userDir });
            expect(fromNpm.status, fromNpm.stderr).to.equal(0);
            expect(fs.readdirSync(path.join(userDir, "reports")).sort()).to.deep.equal(["drift.csv", "drift.md"]);
            expect(fs.existsSync(path.join(root, "reports"))).to.equal(false);

            const { INIT_CWD: _, ...withoutNpm }: NodeJS.ProcessEnv = env(fakePath);
            const direct = runCli(["--cwd", path.relative(root, project), "--out", path.relative(root, path.join(userDir, "direct")), "--stacks", "clean"], withoutNpm);
            expect(direct.status, direct.stderr).to.equal(0);
            expect(fs.readdirSync(path.join(userDir, "direct")).sort()).to.deep.equal(["drift.csv", "drift.md"]);
        });

        it("says in one line that the pulumi CLI is missing and exits 2", () => {
            const emptyDir = fs.mkdtempSync(path.join(os.tmpdir(), "no-pulumi-"));
            const result = runCli(["--cwd", project, "--out", emptyDir], env(emptyDir));
            expect(result.status).to.equal(2);
            expect(result.stderr.trim().split("\n")).to.have.length(1);
            expect(result.stderr).to.match(/^drift: no `pulumi` CLI on PATH/);
            expect(fs.readdirSync(emptyDir)).to.deep.equal([]);
        });

        it("rejects an unknown flag and a directory without a project as usage errors", () => {
            expect(runCli(["--stack", "prod"], env(fakePath)).status).to.equal(64);
            const noProject = runCli(["--cwd", fixtures], env(fakePath));
            expect(noProject.status).to.equal(64);
            expect(noProject.stderr.trim()).to.equal(`drift: --cwd: found no Pulumi.yaml in ${fixtures}; expected a Pulumi project directory`);
        });
    });
});
