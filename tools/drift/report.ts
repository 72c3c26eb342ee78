import { StackDrift } from "./collect";

/** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. */
function csvField(value: string): string {
    return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

const csvRow = (fields: string[]) => `${fields.map(csvField).join(",")}\r\n`;

/**
 * `drift.csv`: one row per drifted resource; a clean stack, a failed one, or a drifted one whose
 * resources the engine did not name, gets one row of its own.
 */
export function driftCsv(stacks: readonly StackDrift[]): string {
    let csv = csvRow(["stack", "status", "urn", "operations", "properties", "error"]);
    for (const stack of stacks) {
        if (stack.resources.length === 0) {
            csv += csvRow([stack.stack, stack.status, "", "", "", stack.error ?? ""]);
        }
        for (const resource of stack.resources) {
            csv += csvRow([stack.stack, stack.status, resource.urn, resource.operations.join(" "), resource.properties.join(" "), stack.error ?? ""]);
        }
    }
    return csv;
}

/** Markdown table cells: pipes escaped, code spans for URNs and property paths. */
const cell = (text: string) => text.replace(/\|/g, "\\|");
const code = (text: string) => (text === "" ? "" : `\`${cell(text)}\``);

/** `drift.md`: a line per stack, then each drifted resource and each failure. */
export function driftMarkdown(stacks: readonly StackDrift[]): string {
    const lines = ["# Drift report", "", "| stack | status | drifted resources |", "| --- | --- | --- |"];
    for (const stack of stacks) {
        lines.push(`| ${cell(stack.stack)} | ${stack.status} | ${stack.resources.length} |`);
    }
    for (const stack of stacks.filter((s) => s.resources.length > 0)) {
        lines.push("", `## ${stack.stack}: resources that drifted`, "", "| resource | operations | properties that differ |", "| --- | --- | --- |");
        for (const resource of stack.resources) {
            lines.push(`| ${code(resource.urn)} | ${resource.operations.join(", ")} | ${resource.properties.map(code).join(", ")} |`);
        }
    }
    for (const stack of stacks.filter((s) => s.error !== undefined)) {
        lines.push("", `## ${stack.stack}: preview failed`, "", "```", stack.error ?? "", "```");
    }
    return `${lines.join("\n")}\n`;
}
