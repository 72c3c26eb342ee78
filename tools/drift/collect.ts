import { stripVTControlCharacters } from "node:util";
import { EngineEvent, LocalWorkspace, StepEventMetadata } from "@pulumi/pulumi/automation";

/** One resource whose recorded state, the cloud and the program do not agree on. */
export interface ResourceDrift {
    readonly urn: string;
    /** The engine's operations for the resource, in the order it planned them (`refresh`, `update`, `replace`...). */
    readonly operations: string[];
    /** Property paths that differ, from the steps' `detailedDiff` (or `diffs` where a step has no detailed diff). */
    readonly properties: string[];
}

export type StackStatus = "clean" | "drifted" | "failed";

/** The outcome of one stack's refresh preview. */
export interface StackDrift {
    readonly stack: string;
    readonly status: StackStatus;
    readonly resources: ResourceDrift[];
    /** Why the preview failed, on one line; only for `failed`. */
    readonly error?: string;
}

/** Operations that change nothing: the resource matches its state and the program. */
const unchangedOperations = new Set(["same", "read"]);

/** The CLI's message when `--expect-no-changes` meets a change: drift, not a failure. */
const changesProposed = /no changes were expected (?:for \S+ )?but changes were proposed/;

const oneLine = (text: string) => stripVTControlCharacters(text).replace(/\s+/g, " ").trim();

function changedProperties(step: StepEventMetadata): string[] {
    const detailed = Object.keys(step.detailedDiff ?? {});
    return detailed.length > 0 ? detailed : (step.diffs ?? []);
}

/**
 * A refresh step is drift when the cloud differs from the recorded state (it carries a diff);
 * every other step but `same` and `read` is a change `--expect-no-changes` rejects.
 */
function isDrift(step: StepEventMetadata): boolean {
    if (unchangedOperations.has(step.op)) {
        return false;
    }
    return step.op !== "refresh" || changedProperties(step).length > 0;
}

/** Folds a preview's engine events into one entry per drifted resource, in the engine's order. */
export function driftedResources(events: readonly EngineEvent[]): ResourceDrift[] {
    const byUrn = new Map<string, { operations: Set<string>; properties: Set<string> }>();
    for (const event of events) {
        const step = event.resourcePreEvent?.metadata ?? event.resOutputsEvent?.metadata;
        if (!step || !isDrift(step)) {
            continue;
        }
        const entry = byUrn.get(step.urn) ?? { operations: new Set<string>(), properties: new Set<string>() };
        entry.operations.add(step.op);
        changedProperties(step).forEach((property) => entry.properties.add(property));
        byUrn.set(step.urn, entry);
    }
    return [...byUrn].map(([urn, entry]) => ({ urn, operations: [...entry.operations], properties: [...entry.properties].sort() }));
}

/** The engine's error diagnostics, one line each, prefixed by the resource they concern. */
function engineErrors(events: readonly EngineEvent[]): string[] {
    return events
        .map((event) => event.diagnosticEvent)
        .filter((diagnostic) => diagnostic?.severity === "error")
        .map((diagnostic) => oneLine(`${diagnostic?.urn ? `${diagnostic.urn}: ` : ""}${diagnostic?.message ?? ""}`));
}

/**
 * The last `error:` line the CLI printed, else the first line. A CommandError's message is the
 * CLI's output under ` stdout: ` and ` stderr: ` labels, which are dropped.
 */
function cliError(error: unknown): string {
    const message = stripVTControlCharacters(error instanceof Error ? error.message : String(error));
    const lines = message.split("\n").map((line) => line.trim().replace(/^(?:stdout|stderr):\s*/, "")).filter(Boolean);
    return oneLine(lines.filter((line) => /error:/.test(line)).pop() ?? lines[0] ?? "unknown error");
}

/**
 * Judges a finished (or failed) `pulumi preview --refresh --expect-no-changes` from its events
 * and the error it raised: the CLI's "changes were proposed" alone is drift; anything else failed.
 */
export function judgeStack(stack: string, events: readonly EngineEvent[], error?: unknown): StackDrift {
    const resources = driftedResources(events);
    if (error === undefined) {
        return { stack, status: resources.length > 0 ? "drifted" : "clean", resources };
    }
    const errors = engineErrors(events);
    if (errors.length === 0 && changesProposed.test(String(error instanceof Error ? error.message : error))) {
        return { stack, status: "drifted", resources };
    }
    return { stack, status: "failed", resources, error: errors.length > 0 ? errors.join("; ") : cliError(error) };
}

/**
 * Runs `pulumi preview --refresh --expect-no-changes` for one stack of the project in `workDir`
 * through the Automation API (the `pulumi` CLI on PATH does the work) and judges it.
 */
export async function previewStackDrift(workDir: string, stack: string, qualifiedName = stack): Promise<StackDrift> {
    const events: EngineEvent[] = [];
    try {
        const workspaceStack = await LocalWorkspace.selectStack({ stackName: qualifiedName, workDir });
        await workspaceStack.preview({ refresh: true, expectNoChanges: true, onEvent: (event) => events.push(event) });
        return judgeStack(stack, events);
    } catch (error) {
        return judgeStack(stack, events, error);
    }
}
