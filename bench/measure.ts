// One offline preview in a fresh process, in the same order as `npm run preview` (policy pack
// started before the SDKs load), reporting its own peak memory. The benchmark spawns this so module
// loading is measured as a user pays for it.
import * as path from "path";
import { spawnPolicyPack } from "../engine/policy-process";

async function main(): Promise<void> {
    const [stack, overridesJson] = process.argv.slice(2);
    const policyPack = spawnPolicyPack(path.join(__dirname, "..", "policy"));
    const [{ PolicyPackHost }, { preview }, { previewJson, renderTree, renderViolations }] = await Promise.all([
        import("../engine/analyzer"),
        import("../engine/preview"),
        import("../engine/render"),
    ]);
    const result = await preview({
        stack,
        configOverrides: overridesJson ? JSON.parse(overridesJson) : undefined,
        policyHost: PolicyPackHost.connect(policyPack),
    });
    if (result.error) {
        throw new Error(result.error);
    }
    renderTree(result.resources);
    renderViolations(result.violations);
    JSON.stringify(previewJson(result));
    const mandatory = result.violations.filter((v) => v.enforcementLevel === "mandatory").length;
    console.log(JSON.stringify({ resources: result.resources.length, mandatory, maxRssKb: process.resourceUsage().maxRSS }));
}

main().then(
    () => process.exit(0),
    (err) => {
        console.error(err);
        process.exit(1);
    },
);
