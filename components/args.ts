import * as pulumi from "@pulumi/pulumi";

/** What a component's `resolveArgs` returns: its args with every default applied, and every problem found. */
export interface ArgsCheck<Resolved> {
    readonly resolved: Resolved;
    /** One line per problem: `<arg>: found <value>; expected <what is allowed>`. */
    readonly problems: readonly string[];
}

/**
 * The resolved args, or one `ResourceError` listing every problem. Called before `super()`, so a
 * component with bad args registers nothing, not even itself.
 */
export function checkedArgs<Resolved>(type: string, name: string, check: ArgsCheck<Resolved>, opts?: pulumi.ResourceOptions): Resolved {
    if (check.problems.length > 0) {
        const lines = check.problems.map((problem) => `  ${problem}`).join("\n");
        throw new pulumi.ResourceError(`${type} "${name}": invalid arguments:\n${lines}`, opts?.parent);
    }
    return check.resolved;
}

/** `found <value>` for a problem line; `missing` when there is none. */
export function found(value: unknown): string {
    return value === undefined ? "missing" : `found ${JSON.stringify(value)}`;
}

/** What a whole number from `min` to `max` should have been, or nothing when `value` is one. */
export function wholeNumberProblems(value: number, min: number, max: number): string[] {
    return Number.isInteger(value) && value >= min && value <= max ? [] : [`a whole number from ${min} to ${max}`];
}
