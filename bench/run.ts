// `npm run bench`: the offline preview of every stack against the floor of loading the provider
// SDKs in a bare node process. Each figure is the median wall time of several fresh processes.
import { spawnSync } from "child_process";
import * as path from "path";
import { listStacks } from "../engine/project";
import { repositoryRoot } from "../engine/preview";

const runs = Number(process.env.BENCH_RUNS ?? 5);
const register = path.join(repositoryRoot, "engine", "register.js");
const sdkFloor = ["@pulumi/pulumi", "@pulumi/aws", "@pulumi/eks", "@pulumi/kubernetes", "@pulumi/cloudflare"]
    .map((pkg) => `require(${JSON.stringify(pkg)});`)
    .join(" ");

interface Sample {
    ms: number;
    report: Record<string, number>;
}

function timeProcess(args: string[]): Sample {
    const start = process.hrtime.bigint();
    const child = spawnSync(process.execPath, args, { cwd: repositoryRoot, encoding: "utf8" });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (child.status !== 0) {
        throw new Error(`${args.join(" ")} failed:\n${child.stderr}`);
    }
    const lastLine = child.stdout.trim().split("\n").pop() ?? "{}";
    return { ms, report: JSON.parse(lastLine) };
}

function median(samples: Sample[]): Sample {
    return [...samples].sort((a, b) => a.ms - b.ms)[Math.floor(samples.length / 2)];
}

function measure(args: string[]): Sample {
    return median(Array.from({ length: runs }, () => timeProcess(args)));
}

const floor = measure(["-e", `${sdkFloor} console.log(JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS }))`]);
console.log(`floor (load provider SDKs): ${floor.ms.toFixed(0)} ms, ${(floor.report.maxRssKb / 1024).toFixed(0)} MiB`);

const rows = listStacks(repositoryRoot).map((stack) => ({ name: stack, args: [stack] }));
for (const row of rows) {
    const sample = measure(["-r", register, path.join(__dirname, "measure.ts"), ...row.args]);
    console.log(
        `preview ${row.name}: ${sample.ms.toFixed(0)} ms (${(sample.ms / floor.ms).toFixed(2)}x floor), ` +
            `${sample.report.resources} resources, ${(sample.report.maxRssKb / 1024).toFixed(0)} MiB peak`,
    );
}
