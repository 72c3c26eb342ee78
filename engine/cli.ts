import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import type { PolicyPackConfig } from "./analyzer";
import { PolicyPackError, spawnPolicyPack } from "./policy-process";
import { ProjectError } from "./project";

const repositoryRoot = path.resolve(__dirname, "..");

const usage = "usage: npm run preview -- --stack <name> [--json <file>] [--policy-pack-config <file>] [--cwd <project dir>]";

/** Exit codes: 0 clean, 1 mandatory policy violations, 2 program or config error, 64 usage. */
async function main(): Promise<number> {
    let args;
    try {
        args = parseArgs({
            options: {
                stack: { type: "string" },
                json: { type: "string" },
                "policy-pack-config": { type: "string" },
                cwd: { type: "string" },
            },
        }).values;
    } catch (err) {
        console.error(`${(err as Error).message}\n${usage}`);
        return 64;
    }
    if (!args.stack) {
        console.error(usage);
        return 64;
    }
    let policyPackConfig: PolicyPackConfig | undefined;
    if (args["policy-pack-config"]) {
        const file = path.resolve(args["policy-pack-config"]);
        try {
            const parsed: unknown = JSON.parse(fs.readFileSync(file, "utf8"));
            if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
                throw new Error(`expected a JSON object of policy names (or "all"), found ${JSON.stringify(parsed)}`);
            }
            policyPackConfig = parsed as PolicyPackConfig;
        } catch (err) {
            console.error(`--policy-pack-config ${file}: ${(err as Error).message}`);
            return 2;
        }
    }
    // Checked before the preview runs, rather than failing once it is done.
    if (args.json && !fs.existsSync(path.dirname(path.resolve(args.json)))) {
        console.error(`--json ${path.resolve(args.json)}: no such directory`);
        return 2;
    }

    const root = args.cwd ? path.resolve(args.cwd) : repositoryRoot;
    if (!fs.existsSync(path.join(root, "Pulumi.yaml"))) {
        console.error(`--cwd ${root}: not a Pulumi project (no Pulumi.yaml)`);
        return 2;
    }
    // The policy pack loads the SDK in its own process: start it before this one loads the SDKs.
    const policyPack = spawnPolicyPack(path.join(root, "policy"));
    const [{ PolicyPackHost }, { preview }, { previewJson, renderTree, renderViolations }] = await Promise.all([
        import("./analyzer"),
        import("./preview"),
        import("./render"),
    ]);
    const policyHost = PolicyPackHost.connect(policyPack);
    policyHost.catch(() => undefined);
    const result = await preview({ stack: args.stack, root, policyPackConfig, policyHost }).finally(() => policyPack.child.kill());
    console.log(`Previewing update (${result.stack}) offline:\n`);
    console.log(renderTree(result.resources));
    if (result.error) {
        console.error(`\nerror: ${result.error}`);
    } else {
        console.log(`\n${renderViolations(result.violations)}`);
        console.log(`\nResources:\n    + ${result.resources.length} to create`);
    }
    if (args.json) {
        try {
            fs.writeFileSync(args.json, `${JSON.stringify(previewJson(result), null, 2)}\n`);
        } catch (err) {
            console.error(`--json ${path.resolve(args.json)}: ${(err as Error).message}`);
            return 2;
        }
    }
    if (result.error) {
        return 2;
    }
    return result.violations.some((violation) => violation.enforcementLevel === "mandatory") ? 1 : 0;
}

main().then(
    (code) => process.exit(code),
    (err) => {
        const expected = err instanceof ProjectError || err instanceof PolicyPackError;
        console.error(`error: ${expected ? err.message : (err.stack ?? err)}`);
        process.exit(2);
    },
);
