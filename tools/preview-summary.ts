import * as fs from "node:fs";
import * as path from "node:path";
import { z } from "zod";

/** The parts of the offline preview's `--json` document (engine/render.ts) the summary reads. */
const previewDocument = z.object({
    changeSummary: z.record(z.string(), z.number()),
    diagnostics: z.array(z.object({ severity: z.string(), message: z.string() })),
    policyViolations: z.array(
        z.object({ policyName: z.string(), enforcementLevel: z.string(), urn: z.string(), message: z.string() }),
    ),
});
type PreviewDocument = z.infer<typeof previewDocument>;

/** One stack's preview, or why there is none to read. */
export type StackPreview = { stack: string; preview: PreviewDocument } | { stack: string; missing: string };

/** Reads `<dir>/<stack>.json` for each stack; a missing or malformed file is reported, not thrown. */
export function readPreviews(dir: string, stacks: readonly string[]): StackPreview[] {
    return stacks.map((stack) => {
        const file = path.join(dir, `${stack}.json`);
        if (!fs.existsSync(file)) {
            return { stack, missing: `no ${file}: the preview stopped before writing it (see the job log)` };
        }
        let document: unknown;
        try {
            document = JSON.parse(fs.readFileSync(file, "utf8"));
        } catch (error) {
            return { stack, missing: `${file} is not JSON: ${(error as Error).message}` };
        }
        const parsed = previewDocument.safeParse(document);
        return parsed.success ? { stack, preview: parsed.data } : { stack, missing: `${file} is not an offline preview document: ${parsed.error.issues[0]?.message}` };
    });
}

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\s*\n\s*/g, " ");
const count = (preview: PreviewDocument, level: string) => preview.policyViolations.filter((v) => v.enforcementLevel === level).length;

/** The job summary: each stack's change count and violations, then every violation and error. */
export function previewSummary(previews: readonly StackPreview[]): string {
    const lines = ["## Offline preview with the policy pack", "", "| stack | changes | mandatory violations | advisory violations | errors |", "| --- | --- | --- | --- | --- |"];
    for (const entry of previews) {
        if ("missing" in entry) {
            lines.push(`| ${entry.stack} | – | – | – | ${cell(entry.missing)} |`);
            continue;
        }
        const { preview } = entry;
        const changes = Object.values(preview.changeSummary).reduce((sum, n) => sum + n, 0);
        const errors = preview.diagnostics.filter((d) => d.severity === "error").length;
        lines.push(`| ${entry.stack} | ${changes} | ${count(preview, "mandatory")} | ${count(preview, "advisory")} | ${errors} |`);
    }
    for (const entry of previews) {
        if ("missing" in entry) {
            continue;
        }
        const errors = entry.preview.diagnostics.filter((d) => d.severity === "error");
        if (entry.preview.policyViolations.length + errors.length === 0) {
            continue;
        }
        lines.push("", `### ${entry.stack}`, "", "| level | policy | resource | message |", "| --- | --- | --- | --- |");
        for (const violation of entry.preview.policyViolations) {
            lines.push(`| ${violation.enforcementLevel} | ${violation.policyName} | \`${cell(violation.urn)}\` | ${cell(violation.message)} |`);
        }
        for (const error of errors) {
            lines.push(`| error | | | ${cell(error.message)} |`);
        }
    }
    return `${lines.join("\n")}\n`;
}

if (require.main === module) {
    const [dir, ...stacks] = process.argv.slice(2);
    if (!dir || stacks.length === 0) {
        console.error("usage: npm run --silent preview-summary -- <dir of <stack>.json> <stack>...");
        process.exit(64);
    }
    process.stdout.write(previewSummary(readPreviews(dir, stacks)));
}
