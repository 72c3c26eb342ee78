// `npm run bench`: the offline preview of every stack against the floor of loading the provider
// SDKs in a bare node process. Each figure is the median wall time of several fresh processes.
import { spawnSync } from "child_process";
import * as path from "path";
import { listStacks } from "../engine/project";
import { engineNodeOptions } from "../engine/policy-process";
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

/**
 * `count` generated tenants for the prod stack, spread over the cluster's region and three
 * others, each with a database, bucket and CDN like a real entry in Pulumi.prod.yaml.
 */
function generatedTenants(count: number): string {
    const regions = ["eu-central-1", "eu-west-3", "eu-north-1", "eu-west-1"];
    const tenants = Array.from({ length: count }, (_, index) => {
        const name = `bench-${String(index + 1).padStart(3, "0")}`;
        return {
            name,
            region: regions[index % regions.length],
            cdnDomain: `${name}.cdn.platform.example.com`,
            database: { instanceClass: "db.m7g.large", allocatedStorage: 50 },
        };
    });
    return JSON.stringify({ "platform:tenants": tenants });
}

const tenantCounts = [100, 200];
const rows = [
    ...listStacks(repositoryRoot).map((stack) => ({ name: stack, args: [stack] })),
    ...tenantCounts.map((count) => ({ name: `prod + ${count} tenants`, args: ["prod", generatedTenants(count)] })),
];
const previewArgs = (args: string[]) => [...engineNodeOptions, "-r", register, path.join(__dirname, "measure.ts"), ...args];
const samples = new Map<string, Sample>();
for (const row of rows) {
    const sample = measure(previewArgs(row.args));
    samples.set(row.name, sample);
    console.log(
        `preview ${row.name}: ${sample.ms.toFixed(0)} ms (${(sample.ms / floor.ms).toFixed(2)}x floor), ` +
            `${sample.report.resources} resources, ${(sample.report.maxRssKb / 1024).toFixed(0)} MiB peak ` +
            `(+${(sample.report.policyPackMaxRssKb / 1024).toFixed(0)} MiB in the policy pack process)`,
    );
}

// The pack's own time over the stacks: CPU of the policy pack process (starting its server, every
// Analyze and the AnalyzeStack), in the runs whose wall time was the median.
const stacks = listStacks(repositoryRoot);
const packCpu = stacks.map((stack) => samples.get(stack)!.report.policyPackCpuMs);
console.log(
    `policy pack CPU: ${stacks.map((stack, index) => `${stack} ${packCpu[index].toFixed(0)} ms`).join(", ")}; ` +
        `${packCpu.reduce((sum, ms) => sum + ms, 0).toFixed(0)} ms over every stack`,
);

// Tenant scaling against the base prod preview: linear growth means the second hundred costs
// what the first did; the budget is +3 s and 1 GiB for 200 tenants.
const base = samples.get("prod")!;
const [hundred, twoHundred] = tenantCounts.map((count) => samples.get(`prod + ${count} tenants`)!);
const firstHundred = hundred.ms - base.ms;
const secondHundred = twoHundred.ms - hundred.ms;
console.log(
    `tenants: +${firstHundred.toFixed(0)} ms for the first 100, +${secondHundred.toFixed(0)} ms for the next 100 ` +
        `(${(secondHundred / firstHundred).toFixed(2)}x; 1.00x is linear); ` +
        `+200 tenants: +${(twoHundred.ms - base.ms).toFixed(0)} ms over prod (budget 3000 ms), ` +
        `${(twoHundred.report.maxRssKb / 1024).toFixed(0)} MiB peak, ${((twoHundred.report.maxRssKb + twoHundred.report.policyPackMaxRssKb) / 1024).toFixed(0)} MiB with the policy pack process (budget 1024 MiB)`,
);

// The same two previews with the program alone: what 200 tenants cost in the SDK before any policy
// work, the part of the budget the engine cannot shorten.
const [programOnlyBase, programOnlyTwoHundred] = [["prod"], ["prod", generatedTenants(200)]].map((args) => measure(previewArgs([...args, "--without-policy-pack"])));
console.log(
    `program alone, no policy pack: prod ${programOnlyBase.ms.toFixed(0)} ms, prod + 200 tenants ${programOnlyTwoHundred.ms.toFixed(0)} ms ` +
        `(+${(programOnlyTwoHundred.ms - programOnlyBase.ms).toFixed(0)} ms)`,
);
