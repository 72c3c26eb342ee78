import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import type { PolicyPackConfig } from "./analyzer";
import { PolicyPackError, spawnPolicyPack } from "./policy-process";
import { ProjectError, ProjectSyntaxError } from "./project";

const repositoryRoot = path.resolve(__dirname, "..");

const synopsis = "usage: npm run preview -- --stack <name> [--json <file>] [--policy-pack-config <file>] [--cwd <project dir>]";

const usage = `${synopsis}

  --stack <name>                 preview Pulumi.<name>.yaml (required)
  --json <file>                  also write the preview as \`pulumi preview --json\` does, plus policyViolations
  --policy-pack-config <file>    policy pack config in the Pulumi CLI's format (JSON)
  --cwd <dir>                    the directory holding Pulumi.yaml (default: this repository)
  -h, --help                     print this and exit

Relative paths are taken from the directory npm was run in (INIT_CWD), else the current directory.
Exit codes: 0 clean, 1 mandatory policy violations, 2 config, program or file error, 64 usage error.`;

const exit = { clean: 0, mandatoryViolations: 1, error: 2, usage: 64 } as const;

class UsageError extends Error {}

const options = {
    stack: { type: "string" },
    json: { type: "string" },
    "policy-pack-config": { type: "string" },
    cwd: { type: "string" },
    help: { type: "boolean", short: "h" },
} as const;

/** The command line, each flag at most once: a repeated one is a mistake, not a request for the last value. */
function parseCommandLine(argv: string[]) {
    const { values, tokens } = parseArgs({ args: argv, options, tokens: true });
    const seen = new Set<string>();
    for (const token of tokens) {
        if (token.kind === "option") {
            if (seen.has(token.name)) {
                throw new UsageError(`--${token.name} given more than once; it takes one value`);
            }
            seen.add(token.name);
        }
    }
    return values;
}

/**
 * `npm run preview` runs in the repository root; npm passes the directory the user ran it from as
 * INIT_CWD, so relative paths on the command line mean what the user meant.
 */
function userPath(file: string): string {
    return path.resolve(process.env.INIT_CWD ?? process.cwd(), file);
}

/** Why `file` cannot be written, checked before a preview that takes seconds; undefined if it can. */
function unwritable(file: string): string | undefined {
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) {
        return "is a directory";
    }
    const directory = path.dirname(file);
    if (!fs.existsSync(directory) || !fs.statSync(directory).isDirectory()) {
        return "no such directory";
    }
    try {
        fs.accessSync(fs.existsSync(file) ? file : directory, fs.constants.W_OK);
    } catch {
        return "not writable";
    }
    return undefined;
}

function readPolicyPackConfig(file: string): PolicyPackConfig {
    const parsed: unknown = JSON.parse(fs.readFileSync(file, "utf8"));
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
        throw new Error(`expected a JSON object of policy names (or "all"), found ${JSON.stringify(parsed)}`);
    }
    return parsed as PolicyPackConfig;
}

/** Runs the CLI and returns its exit code. */
async function main(): Promise<number> {
    let args;
    try {
        args = parseCommandLine(process.argv.slice(2));
    } catch (err) {
        console.error(`${(err as Error).message}\n${synopsis} (--help for more)`);
        return exit.usage;
    }
    if (args.help) {
        console.log(usage);
        return exit.clean;
    }
    if (!args.stack) {
        console.error(`--stack is required\n${synopsis} (--help for more)`);
        return exit.usage;
    }
    let policyPackConfig: PolicyPackConfig | undefined;
    if (args["policy-pack-config"]) {
        const file = userPath(args["policy-pack-config"]);
        try {
            policyPackConfig = readPolicyPackConfig(file);
        } catch (err) {
            console.error(`--policy-pack-config ${file}: ${(err as Error).message}`);
            return exit.error;
        }
    }
    const jsonFile = args.json === undefined ? undefined : userPath(args.json);
    const jsonProblem = jsonFile && unwritable(jsonFile);
    if (jsonProblem) {
        console.error(`--json ${jsonFile}: ${jsonProblem}`);
        return exit.error;
    }

    const root = args.cwd ? userPath(args.cwd) : repositoryRoot;
    if (!fs.existsSync(path.join(root, "Pulumi.yaml"))) {
        console.error(`--cwd ${root}: not a Pulumi project (no Pulumi.yaml)`);
        return exit.error;
    }
    // The policy pack loads the SDK in its own process: start it before this one loads the SDKs.
    const policyPack = spawnPolicyPack(path.join(root, "policy"));
    const [{ PolicyPackHost }, { preview }, { previewJson, renderOutputs, renderTree, renderViolations }] = await Promise.all([
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
        const stackResource = result.resources.find((resource) => resource.type === "pulumi:pulumi:Stack");
        const outputs = renderOutputs(stackResource?.outputsWire ?? {});
        if (outputs) {
            console.log(`\n${outputs}`);
        }
        console.log(`\nResources:\n    + ${result.resources.length} to create`);
    }
    if (jsonFile) {
        try {
            fs.writeFileSync(jsonFile, `${JSON.stringify(previewJson(result), null, 2)}\n`);
        } catch (err) {
            console.error(`--json ${jsonFile}: ${(err as Error).message}`);
            return exit.error;
        }
    }
    if (result.error) {
        return exit.error;
    }
    return result.violations.some((violation) => violation.enforcementLevel === "mandatory") ? exit.mandatoryViolations : exit.clean;
}

main().then(
    (code) => process.exit(code),
    (err) => {
        if (err instanceof ProjectSyntaxError) {
            console.error(err.message);
        } else {
            const expected = err instanceof ProjectError || err instanceof PolicyPackError;
            console.error(`error: ${expected ? err.message : (err.stack ?? err)}`);
        }
        process.exit(exit.error);
    },
);
