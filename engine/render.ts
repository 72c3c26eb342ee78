import { PolicyViolation } from "./analyzer";
import { RecordedResource } from "./monitor";
import { PreviewResult } from "./preview";
import { redacted } from "./wire";

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
