import { PolicyViolation } from "./analyzer";
import { RecordedResource } from "./monitor";
import { PreviewResult } from "./preview";
import { masked, redacted, Wire } from "./wire";

/** `aws:ec2/vpc:Vpc` is shown as `aws:ec2:Vpc`, as the CLI does. */
export function displayType(type: string): string {
    const [pkg, module, name] = type.split(":");
    return name === undefined ? type : `${pkg}:${module.split("/")[0]}:${name}`;
}

/** The resource tree of `pulumi preview`: type, name and planned operation. */
export function renderTree(resources: readonly RecordedResource[]): string {
    const children = new Map<string | undefined, RecordedResource[]>();
    for (const resource of resources) {
        const siblings = children.get(resource.parent) ?? [];
        siblings.push(resource);
        children.set(resource.parent, siblings);
    }
    const rows: [string, string][] = [];
    const walk = (resource: RecordedResource, prefix: string, branch: string) => {
        rows.push([`${prefix}${branch}${displayType(resource.type)}`, resource.name]);
        const kids = children.get(resource.urn) ?? [];
        const childPrefix = prefix + (branch === "├─ " ? "│  " : branch === "└─ " ? "   " : "");
        kids.forEach((kid, index) => walk(kid, childPrefix, index === kids.length - 1 ? "└─ " : "├─ "));
    };
    for (const root of children.get(undefined) ?? []) {
        walk(root, "", "");
    }
    const typeWidth = Math.max(4, ...rows.map(([type]) => type.length)) + 2;
    const nameWidth = Math.max(4, ...rows.map(([, name]) => name.length)) + 2;
    const lines = [`     ${"Type".padEnd(typeWidth)}${"Name".padEnd(nameWidth)}Plan`];
    for (const [type, name] of rows) {
        lines.push(` +   ${type.padEnd(typeWidth)}${name.padEnd(nameWidth)}create`);
    }
    return lines.join("\n");
}

/** Stands in for a secret while outputs are laid out, so no string value can be mistaken for one. */
const secretMark = Symbol("secret");

function outputValue(value: unknown, indent: string): string {
    if (value === secretMark) {
        return "[secret]";
    }
    if (Array.isArray(value)) {
        if (value.length === 0) {
            return "[]";
        }
        const items = value.map((item, index) => `${indent}    [${index}]: ${outputValue(item, `${indent}    `)}`);
        return `[\n${items.join("\n")}\n${indent}]`;
    }
    if (typeof value === "object" && value !== null) {
        const entries = Object.entries(value).filter(([, item]) => item !== undefined);
        return entries.length === 0 ? "{}" : `{\n${outputEntries(entries, `${indent}    `).join("\n")}\n${indent}}`;
    }
    return typeof value === "string" ? JSON.stringify(value) : String(value);
}

/** `key: value` lines in key order with the colons of one object aligned, as the CLI prints them. */
function outputEntries(entries: [string, unknown][], indent: string): string[] {
    const width = Math.max(...entries.map(([key]) => key.length));
    return [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, value]) => `${indent}${key.padEnd(width)}: ${outputValue(value, indent)}`);
}

/**
 * The stack's outputs as `pulumi preview` prints them after the tree: nested values spelled out,
 * strings quoted, secrets as `[secret]`. Empty when the stack exports nothing.
 */
export function renderOutputs(outputsWire: Record<string, Wire>): string {
    const entries = Object.entries(masked(outputsWire, secretMark) as Record<string, unknown>).filter(([, value]) => value !== undefined);
    return entries.length === 0 ? "" : ["Outputs:", ...outputEntries(entries, "    ")].join("\n");
}

export function renderViolations(violations: readonly PolicyViolation[]): string {
    if (violations.length === 0) {
        return "Policies:\n    no violations";
    }
    const byPolicy = new Map<string, PolicyViolation[]>();
    for (const violation of violations) {
        const key = `${violation.policyPack}/${violation.policyName}`;
        byPolicy.set(key, [...(byPolicy.get(key) ?? []), violation]);
    }
    const lines = ["Policies:"];
    for (const [key, group] of byPolicy) {
        lines.push(`    ${group[0].enforcementLevel === "mandatory" ? "❌" : "⚠️ "} [${group[0].enforcementLevel}] ${key} (${group.length})`);
        for (const violation of group) {
            lines.push(`        - ${violation.urn}`);
            lines.push(...violation.message.split("\n").map((line) => `          ${line}`));
        }
    }
    return lines.join("\n");
}

/** The document `--json` writes: `pulumi preview --json`'s shape plus `policyViolations`. */
export function previewJson(result: PreviewResult): object {
    return {
        steps: result.resources.map((resource) => ({
            op: "create",
            urn: resource.urn,
            newState: {
                type: resource.type,
                urn: resource.urn,
                custom: resource.custom,
                id: resource.id,
                parent: resource.parent ?? "",
                provider: resource.provider ?? "",
                inputs: redacted(resource.inputsWire),
                outputs: redacted(resource.outputsWire),
                dependencies: resource.dependencies,
                protect: resource.protect,
                retainOnDelete: resource.retainOnDelete,
            },
        })),
        changeSummary: { create: result.resources.length },
        diagnostics: result.error ? [{ severity: "error", message: result.error }] : [],
        policyViolations: result.violations,
    };
}
