// One offline preview in a fresh process, in the same order as `npm run preview` (policy pack
// started before the SDKs load), reporting its own peak memory. The benchmark spawns this so module
// loading is measured as a user pays for it. With `--without-policy-pack` it runs the program alone,
// which is the SDK's share of a preview.
import * as fs from "fs";
import * as path from "path";
import { spawnPolicyPack } from "../engine/policy-process";

/** A process's peak resident memory (Linux `VmHWM`), 0 where /proc is not available. */
function peakMemoryKb(pid: number | undefined): number {
    try {
        return Number(/VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
    } catch {
        return 0;
    }
}

/** CPU time a process has spent so far (Linux `schedstat`, nanoseconds), 0 where /proc is not available. */
function cpuMs(pid: number | undefined): number {
    try {
        return Number(fs.readFileSync(`/proc/${pid}/schedstat`, "utf8").split(" ")[0]) / 1e6;
    } catch {
        return 0;
    }
}

async function main(): Promise<void> {
    const withoutPolicyPack = process.argv.includes("--without-policy-pack");
    const [stack, overridesJson] = process.argv.slice(2).filter((arg) => arg !== "--without-policy-pack");
    const policyPack = withoutPolicyPack ? undefined : spawnPolicyPack(path.join(__dirname, "..", "policy"));
    const [{ PolicyPackHost }, { preview }, { previewJson, renderTree, renderViolations }] = await Promise.all([
        import("../engine/analyzer"),
        import("../engine/preview"),
        import("../engine/render"),
    ]);
    const result = await preview({
        stack,
        configOverrides: overridesJson ? JSON.parse(overridesJson) : undefined,
        ...(policyPack ? { policyHost: PolicyPackHost.connect(policyPack) } : { policyPack: false }),
    });
    if (result.error) {
        throw new Error(result.error);
    }
    renderTree(result.resources);
    renderViolations(result.violations);
    JSON.stringify(previewJson(result));
    const mandatory = result.violations.filter((v) => v.enforcementLevel === "mandatory").length;
    const policyPackMaxRssKb = policyPack ? peakMemoryKb(policyPack.child.pid) : 0;
    const policyPackCpuMs = policyPack ? cpuMs(policyPack.child.pid) : 0;
    policyPack?.child.kill();
    console.log(JSON.stringify({ resources: result.resources.length, mandatory, maxRssKb: process.resourceUsage().maxRSS, policyPackMaxRssKb, policyPackCpuMs }));
}

main().then(
    () => process.exit(0),
    (err) => {
        console.error(err);
        process.exit(1);
    },
);
