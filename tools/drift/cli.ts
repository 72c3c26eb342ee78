import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { listStacks } from "../../engine/project";
import { previewStackDrift, StackDrift } from "./collect";
import { driftCsv, driftMarkdown } from "./report";

const usage = "usage: npm run drift [-- --stacks <a,b>] [--org <pulumi org>] [--cwd <project dir>] [--out <dir>]; relative paths are taken from the directory npm was run in";

/** Whether an executable `pulumi` is on PATH, the one the Automation API will run. */
function pulumiOnPath(env: NodeJS.ProcessEnv = process.env): boolean {
    return (env.PATH ?? "").split(path.delimiter).filter(Boolean).some((dir) => {
        try {
            fs.accessSync(path.join(dir, "pulumi"), fs.constants.X_OK);
            return true;
        } catch {
            return false;
        }
    });
}

/** Previews every stack one after the other (each runs the whole program) and writes both reports. */
export async function runDrift(options: { cwd: string; stacks: string[]; org?: string; out: string }): Promise<StackDrift[]> {
    const results: StackDrift[] = [];
    for (const stack of options.stacks) {
        results.push(await previewStackDrift(options.cwd, stack, options.org ? `${options.org}/${stack}` : stack));
    }
    fs.mkdirSync(options.out, { recursive: true });
    fs.writeFileSync(path.join(options.out, "drift.csv"), driftCsv(results));
    fs.writeFileSync(path.join(options.out, "drift.md"), driftMarkdown(results));
    return results;
}

async function main(argv: string[]): Promise<number> {
    let values;
    try {
        ({ values } = parseArgs({
            args: argv,
            options: { stacks: { type: "string" }, org: { type: "string" }, cwd: { type: "string" }, out: { type: "string" } },
            strict: true,
            allowPositionals: false,
        }));
    } catch (error) {
        console.error(`drift: ${(error as Error).message}\n${usage}`);
        return 64;
    }
    // npm runs scripts from the package root; INIT_CWD is where the user typed the command.
    const base = process.env.INIT_CWD ?? process.cwd();
    const cwd = path.resolve(base, values.cwd ?? ".");
    if (!fs.existsSync(path.join(cwd, "Pulumi.yaml"))) {
        console.error(`drift: --cwd: found no Pulumi.yaml in ${cwd}; expected a Pulumi project directory`);
        return 64;
    }
    const stacks = values.stacks !== undefined ? values.stacks.split(",").map((s) => s.trim()).filter(Boolean) : listStacks(cwd);
    if (stacks.length === 0) {
        console.error(`drift: --stacks: found ${values.stacks === undefined ? `no Pulumi.<stack>.yaml in ${cwd}` : `"${values.stacks}"`}; expected at least one stack name`);
        return 64;
    }
    if (!pulumiOnPath()) {
        console.error("drift: no `pulumi` CLI on PATH; the refresh preview needs it (https://www.pulumi.com/docs/install/) and a `pulumi login`");
        return 2;
    }
    const out = path.resolve(base, values.out ?? ".");
    const results = await runDrift({ cwd, stacks, org: values.org, out });
    for (const result of results) {
        const count = result.resources.length > 0 ? ` (${result.resources.length} resources)` : "";
        console.log(`${result.stack}: ${result.status}${count}${result.error ? `: ${result.error}` : ""}`);
    }
    console.log(`wrote ${path.join(out, "drift.csv")} and ${path.join(out, "drift.md")}`);
    return results.every((result) => result.status === "clean") ? 0 : 1;
}

if (require.main === module) {
    main(process.argv.slice(2)).then((code) => process.exit(code));
}
