import {
    PolicyResource,
    ReportViolation,
    ResourceValidation,
    ResourceValidationArgs,
    StackValidation,
    UnknownValueError,
    validateResourceOfType,
} from "@pulumi/policy";
import { Resource } from "@pulumi/pulumi";

/** Helpers shared by the policy domains: tags, IAM documents and stack lookups. */

/** A value a preview does not know yet, because it is computed from a resource the change creates. */
export const pending = Symbol("pending value");

export type Tags = Record<string, string | undefined | typeof pending>;

/** The AWS provider sends `defaultTags` as JSON text; other callers may pass the object. */
export function providerDefaultTags(props: Record<string, any> | undefined): Tags {
    const defaultTags = props?.defaultTags;
    const parsed = typeof defaultTags === "string" ? JSON.parse(defaultTags) : defaultTags;
    return parsed?.tags ?? {};
}

/**
 * A resource's effective tags: its own merged over its provider's `defaultTags`. An own value a
 * preview does not know yet is `pending`, and a null one empty; undefined while the whole `tags`
 * map, or the provider's defaults, are unknown.
 */
export function effectiveTags(props: Record<string, any>, providerProps?: Record<string, any>): Tags | undefined {
    const own = known(() => props.tags ?? {});
    const defaults = known(() => providerDefaultTags(providerProps));
    if (own === undefined || defaults === undefined) {
        return undefined;
    }
    const tags: Tags = { ...defaults };
    for (const key of Object.keys(own)) {
        const value = readOrPending(() => own[key]);
        tags[key] = value ?? "";
    }
    return tags;
}

/** Whether a resource belongs to production, by its effective `environment` tag; undefined while a preview does not know it. */
export function isProduction(props: Record<string, any>, providerProps?: Record<string, any>): boolean | undefined {
    const tags = effectiveTags(props, providerProps);
    if (tags === undefined || tags.environment === pending) {
        return undefined;
    }
    return tags.environment === "production";
}

/**
 * Whether a resource belongs to production. AWS resources carry the `environment` tag (their own
 * merged over the provider's defaults); Exoscale resources carry it in `labels` and Kubernetes
 * objects in `metadata.labels`, the tags of those providers. Undefined while a preview does not know it.
 */
export function isProductionResource(resource: { type: string; props: Record<string, any>; provider?: { props: Record<string, any> } }): boolean | undefined {
    const { type, props } = resource;
    if (!type.startsWith("kubernetes:") && !type.startsWith("exoscale:")) {
        return isProduction(props, resource.provider?.props);
    }
    const labels = known(() => (type.startsWith("kubernetes:") ? props.metadata?.labels : props.labels) ?? {});
    const environment = labels === undefined ? pending : readOrPending(() => labels.environment);
    return environment === pending ? undefined : environment === "production";
}

export interface Statement {
    Sid?: string;
    Effect: "Allow" | "Deny";
    Principal?: unknown;
    Action: string[];
    NotAction: string[];
    Resource: string[];
    NotResource: string[];
    Condition?: Record<string, Record<string, unknown>>;
}

const asList = (value: unknown): string[] => (value === undefined ? [] : Array.isArray(value) ? value.map(String) : [String(value)]);

/** The statements of an IAM policy document given as JSON text or an object; [] when absent. */
export function statements(document: unknown): Statement[] {
    if (document === undefined || document === null || document === "") {
        return [];
    }
    const parsed = typeof document === "string" ? JSON.parse(document) : document;
    const raw: any[] = parsed.Statement === undefined ? [] : Array.isArray(parsed.Statement) ? parsed.Statement : [parsed.Statement];
    return raw.map((statement) => ({
        ...statement,
        Action: asList(statement.Action),
        NotAction: asList(statement.NotAction),
        Resource: asList(statement.Resource),
        NotResource: asList(statement.NotResource),
    }));
}

/**
 * Whether an IAM pattern matches `value`: `*` spans any characters (`:` and `/` included), `?` is
 * one. Actions compare case-insensitively, resource ARNs exactly.
 */
export function iamPatternMatches(pattern: string, value: string, { ignoreCase = false } = {}): boolean {
    return iamPattern(pattern, { ignoreCase }).test(value);
}

/** An IAM pattern as a regular expression, for testing many values against one pattern. */
export function iamPattern(pattern: string, { ignoreCase = false } = {}): RegExp {
    const regex = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
    return new RegExp(`^${regex}$`, ignoreCase ? "i" : "");
}

const actionMatches = (pattern: string, action: string) => iamPatternMatches(pattern, action, { ignoreCase: true });

/** Whether an Allow statement grants `action`, through `Action` or by leaving it out of `NotAction`. */
export function actionAllowed(statement: Statement, action: string): boolean {
    if (statement.NotAction.length > 0) {
        return !statement.NotAction.some((pattern) => actionMatches(pattern, action));
    }
    return statement.Action.some((pattern) => actionMatches(pattern, action));
}

/**
 * A value read from a resource's properties, or undefined when a preview does not know it yet
 * (the policy SDK throws on reading an unknown value, which would turn the whole policy into an
 * advisory "can't run during preview").
 */
export function known<T>(read: () => T): T | undefined {
    const value = readOrPending(read);
    return value === pending ? undefined : value;
}

/** A value read from a resource's properties, or `pending` when a preview does not know it yet. */
export function readOrPending<T>(read: () => T): T | typeof pending {
    try {
        return read();
    } catch (err) {
        if (err instanceof UnknownValueError) {
            return pending;
        }
        throw err;
    }
}

/**
 * The tag that marks a data store a reviewed change is unlocking for removal (a tenant being
 * off-boarded). Only the resource's own tags count, never a provider's defaults.
 */
export const offboardingTag = "offboarding";

export function isOffboarding(props: Record<string, any>): boolean {
    return known(() => props.tags?.[offboardingTag]) === "true";
}

/**
 * The resource a setting's `property` refers to: the one of `types` the property depends on (known
 * even while names and ids are still unknown in a preview), else the one whose `nameProperties`
 * hold the property's known value.
 */
export function referencedResource(
    setting: PolicyResource,
    property: string,
    types: ReadonlySet<string>,
    candidates: readonly PolicyResource[],
    nameProperties: readonly string[],
): PolicyResource | undefined {
    const dependency = setting.propertyDependencies[property]?.find((resource) => types.has(resource.type));
    if (dependency) {
        return dependency;
    }
    const value = known(() => setting.props[property]);
    return value === undefined || value === "" ? undefined : candidates.find((candidate) => nameProperties.some((key) => known(() => candidate.props[key]) === value));
}

export const bucketTypes = new Set(["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"]);

/**
 * The bucket a bucket setting (policy, versioning, lifecycle...) belongs to: the bucket its
 * `bucket` input depends on (known even while names are still unknown in a preview), else the
 * bucket of that name.
 */
export function bucketOf(setting: PolicyResource, buckets: PolicyResource[]): PolicyResource | undefined {
    return referencedResource(setting, "bucket", bucketTypes, buckets, ["bucket", "id"]);
}

/**
 * Restricts a validation to one type token, as `validateResourceOfType` does for an SDK class.
 * The policy server deserializes a resource once for every policy that may apply to it; a
 * validation marked with its type is skipped for every other resource, and the pack need not load
 * the provider SDK to name the type.
 */
export function ofType(
    token: string,
    validate: (props: Record<string, any>, args: ResourceValidationArgs, reportViolation: ReportViolation) => void,
): ResourceValidation {
    const resourceClass = { __pulumiType: token } as unknown as new () => Resource;
    return validateResourceOfType(resourceClass, validate as never);
}

/**
 * Restricts a stack validation to stacks holding at least one resource of `token`: the policy
 * server then skips it without deserializing every resource again. The validation still sees every
 * resource (the settings that refer to those of `token`).
 */
export function whenStackHas(token: string, validate: StackValidation): StackValidation {
    return Object.assign(validate, { __pulumiType: token });
}
