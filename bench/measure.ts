// One offline preview in a fresh process, exactly as `npm run preview` runs it, reporting its own
// peak memory. The benchmark spawns this so module loading is measured as a user pays for it.
import { preview } from "../engine/preview";
import { previewJson, renderTree, renderViolations } from "../engine/render";

async function main(): Promise<void> {
    const [stack, overridesJson] = process.argv.slice(2);
    const result = await preview({ stack, configOverrides: overridesJson ? JSON.parse(overridesJson) : undefined });
    if (result.error) {
        throw new Error(result.error);
    }
    // Render as the CLI does, so formatting cost is part of the figure.
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
