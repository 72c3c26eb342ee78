import * as pulumi from "@pulumi/pulumi";
import { allConfig } from "@pulumi/pulumi/runtime/config";
import { z } from "zod";
import { defaultAllowedDepartments } from "../../policy/departments";
import { crossStackClashes, duplicateHostnameIssues } from "./claims";
import { eksEnvironmentIssues, eksSchema } from "./eks";
import { fargateHostnameIssues, fargatePhysicalNameIssues, fargateSchema } from "./fargate";
import { frontendDomainIssues, frontendSchema } from "./frontend";
import { ingressDomainIssues, ingressSchema } from "./ingress";
import { NetworkConfig, networkSchema } from "./network";
import { awsRegion, dnsName, ipv4Cidr, slug, strictObject } from "./primitives";
import { secretString } from "./secrets";
import { sksSchema } from "./sks";
import { tenantsIssues, tenantsSchema } from "./tenants";

/** Environments a stack can declare; each maps to a stack program in stacks/index.ts. */
export const environments = ["production", "staging", "development"] as const;

/** The namespace the schema's own messages name: the project's, `platform`. */
const configNamespace = "platform";

const stackConfigSchema = strictObject({
    /** Selects the stack program and the per-environment defaults (sizes, retention, issuers). */
    environment: z.enum(environments),
    /** Owning department: one of the policy pack's default `allowedDepartments`. */
    department: z.enum(defaultAllowedDepartments as [string, ...string[]]),
    /** Project tag on every resource. */
    project: slug,
    /** Region of the cluster and its VPC. */
    primaryRegion: awsRegion,
    /** The primary region's VPC. */
    network: networkSchema,
    /** Parent DNS domain of the stack's public names. */
    domain: dnsName,
    /** The EKS cluster in the primary region: version, endpoint access, access roles, logs, node groups, add-ons. */
    eks: eksSchema,
    /** The Exoscale SKS cluster: zone, version, node pool, kubeconfig lifetime, Argo CD bootstrap. */
    sks: sksSchema,
    /** Exoscale API key of the SKS stack's provider; `secure:` only. */
    exoscaleApiKey: secretString("exoscaleApiKey"),
    /** Exoscale API secret of the SKS stack's provider; `secure:` only. */
    exoscaleApiSecret: secretString("exoscaleApiSecret"),
    /** The static site (S3Cdn) under `domain`: bucket name, hostname, SPA fallback. */
    frontend: frontendSchema,
    /** Cloudflare API token of the stack's Cloudflare provider (DNS records); `secure:` only. */
    cloudflareApiToken: secretString("cloudflareApiToken"),
    /** Ingress stacks on both clusters: ACME contact, DNS zones, ExternalDNS policy, issuer, sample hosts. */
    ingress: ingressSchema,
    /** Ringfenced tenants: name, region, CDN hostname, database, retention, quota. Default: none. */
    tenants: tenantsSchema.default([]),
    /**
     * A WAF web ACL (rate limit, AWS common and known-bad-inputs rules) in front of every
     * CloudFront distribution; `true` or `false` (a top-level value reaches the program as text). Default: true in production, where it cannot be turned off; false
     * elsewhere (it bills per ACL, rule and request).
     */
    cdnWaf: z.enum(["true", "false"]).transform((value) => value === "true").optional(),
    /** The PHP site on ECS Fargate: image tag, sizes, database, cache, DNS cutover, deploy trust. Default: none (no site). */
    fargate: fargateSchema.optional(),
}).check(crossSectionRules());

/** A section's parsed value, or undefined while it is invalid (its own rules report why). */
function valid<Schema extends z.ZodType>(schema: Schema, value: unknown): z.output<Schema> | undefined {
    const result = schema.safeParse(value);
    return result.success ? result.data : undefined;
}

/**
 * Rules that read more than one section. They run even when some section is invalid (zod skips
 * the refinements of a failed object by default), each once the sections it reads are valid on
 * their own, so one run reports every problem.
 */
function crossSectionRules() {
    const rules = z.superRefine((config: Record<string, unknown>, ctx) => {
        const environment = valid(z.enum(environments), config.environment);
        const network = valid(networkSchema, config.network);
        const frontendDnsEntry = valid(z.string(), (config.frontend as { dnsEntry?: unknown } | undefined)?.dnsEntry);
        const publicAccessCidrs = valid(z.array(ipv4Cidr), (config.eks as { publicAccessCidrs?: unknown } | undefined)?.publicAccessCidrs);
        // The domain rules check the domain's own form and stay quiet while it is malformed.
        const domain = typeof config.domain === "string" ? config.domain : "";
        const issues = [
            ...tenantsIssues({
                primaryRegion: config.primaryRegion,
                domain: config.domain,
                networkCidr: (config.network as { cidr?: unknown } | undefined)?.cidr,
                tenants: Array.isArray(config.tenants) ? config.tenants : [],
            }),
            ...ingressDomainIssues(config.ingress, domain),
            ...fargateHostnameIssues(config.fargate, config.ingress, domain),
            ...fargatePhysicalNameIssues(config.fargate, pulumi.getStack()),
            ...(frontendDnsEntry !== undefined ? frontendDomainIssues({ dnsEntry: frontendDnsEntry }, domain) : []),
            ...(environment && publicAccessCidrs ? eksEnvironmentIssues(environment, { publicAccessCidrs }) : []),
            ...(environment === "production" && network ? productionNetworkIssues(network) : []),
            ...(environment === "production" && String(config.cdnWaf) === "false" ? [{ path: ["cdnWaf"], message: "true in production (every production distribution sits behind the web ACL)" }] : []),
            ...duplicateHostnameIssues(configNamespace, config),
        ];
        for (const issue of issues) {
            ctx.addIssue({ code: "custom", ...issue });
        }
    });
    rules._zod.def.when = (payload) => typeof payload.value === "object" && payload.value !== null;
    return rules;
}

/** Production runs across three AZs with a NAT gateway each, so one AZ outage never takes egress down. */
function productionNetworkIssues(network: NetworkConfig): { path: PropertyKey[]; message: string }[] {
    return [
        ...(network.availabilityZones !== 3 ? [{ path: ["network", "availabilityZones"], message: "3 in production" }] : []),
        ...(network.natGateways !== "perAz" ? [{ path: ["network", "natGateways"], message: "perAz in production" }] : []),
    ];
}

export type StackConfig = z.infer<typeof stackConfigSchema>;

/**
 * Raised for invalid stack config. A RunError, so `pulumi up` prints the message without a
 * stack trace; the offline engine does the same.
 */
export class ConfigError extends pulumi.RunError {
    constructor(readonly problems: string[]) {
        super(`invalid stack config (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n${problems.map((p) => `  ${p}`).join("\n")}`);
    }
}

function displayKey(namespace: string, path: readonly PropertyKey[]): string {
    const [head, ...rest] = path;
    const tail = rest.map((segment) => (typeof segment === "number" ? `[${segment}]` : `.${String(segment)}`)).join("");
    return `${namespace}:${String(head)}${tail}`;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
    return path.reduce<unknown>((value, key) => (value as Record<PropertyKey, unknown> | undefined)?.[key], input);
}

function found(value: unknown): string {
    return value === undefined ? "missing" : `found ${JSON.stringify(value)}`;
}

/** YAML reads an unquoted `1.33` as a number; the fix is the quotes, so the message says so. */
function expectedType(issue: z.core.$ZodIssueInvalidType, input: unknown): string {
    const scalar = typeof input === "number" || typeof input === "boolean";
    return issue.expected === "string" && scalar ? `expected a quoted string such as "${String(input)}"` : `expected ${issue.expected}`;
}

const zodDefaultMessage = /^(Invalid|Too (big|small))/;

function expectation(issue: z.core.$ZodIssue, input: unknown): string {
    switch (issue.code) {
        case "invalid_value":
            return `allowed: ${issue.values.map(String).join(", ")}`;
        case "invalid_type":
            return expectedType(issue, input);
        case "too_small":
        case "too_big":
            if (!zodDefaultMessage.test(issue.message)) {
                return `expected ${issue.message}`;
            }
            return issue.code === "too_small"
                ? `expected ${issue.origin === "array" ? "at least" : ">="} ${issue.minimum}`
                : `expected ${issue.origin === "array" ? "at most" : "<="} ${issue.maximum}`;
        default:
            return `expected ${issue.message}`;
    }
}

/** One line per problem: the full config key, what was found, what is allowed. */
export function describeIssues(namespace: string, input: unknown, issues: readonly z.core.$ZodIssue[], topLevelKeys: readonly string[]): string[] {
    return issues.flatMap((issue) => {
        if (issue.code === "unrecognized_keys") {
            const allowed = issue.path.length === 0 ? `unknown key; allowed: ${topLevelKeys.map((key) => `${namespace}:${key}`).join(", ")}` : issue.message;
            return issue.keys.map((key) => `${displayKey(namespace, [...issue.path, key])}: ${allowed}`);
        }
        const value = valueAt(input, issue.path);
        // Secrets are never echoed, not even a plaintext one that is about to be refused.
        const shown = issue.code === "custom" && issue.params?.redact ? "found a plaintext value" : found(value);
        return [`${displayKey(namespace, issue.path)}: ${shown}; ${expectation(issue, value)}`];
    });
}

/**
 * Reads and validates the whole config before anything is registered: the `platform:` namespace,
 * and no key outside it but Pulumi's own `pulumi:` settings. With default providers disabled, a
 * provider key such as `aws:region` configures nothing, and `platfrom:domain` is a typo; both
 * would otherwise be ignored without a word. Structured values arrive from the CLI as JSON;
 * scalars as plain strings.
 */
export function loadStackConfig(): StackConfig {
    const namespace = pulumi.getProject();
    const prefix = `${namespace}:`;
    const topLevelKeys = Object.keys(stackConfigSchema.shape);
    const input: Record<string, unknown> = {};
    const emptyKeys: string[] = [];
    const problems: string[] = [];
    for (const [key, raw] of Object.entries(allConfig())) {
        if (key.startsWith("pulumi:")) {
            continue;
        }
        if (!key.startsWith(prefix)) {
            const allowed = topLevelKeys.map((name) => `${prefix}${name}`).join(", ");
            problems.push(`${key}: unknown key; allowed: ${allowed} and pulumi: settings (default providers are disabled: a provider key configures nothing)`);
            continue;
        }
        const name = key.slice(prefix.length);
        // `key:` with nothing after it arrives as "null" (or "") and must not become that string.
        if ((raw === "" || raw === "null") && name in stackConfigSchema.shape) {
            emptyKeys.push(name);
        } else if (/^[[{]/.test(raw)) {
            try {
                input[name] = JSON.parse(raw);
            } catch {
                problems.push(`${key}: found ${JSON.stringify(raw)}; expected a YAML mapping or list`);
            }
        } else {
            input[name] = raw;
        }
    }
    const parsed = stackConfigSchema.safeParse(input);
    const issues = parsed.success ? [] : parsed.error.issues;
    for (const name of emptyKeys) {
        const schema: z.ZodType = stackConfigSchema.shape[name as keyof typeof stackConfigSchema.shape];
        const [expected] = schema.safeParse(undefined).success ? [] : (schema.safeParse("").error?.issues ?? []);
        problems.push(`${prefix}${name}: found no value; ${expected ? expectation(expected, undefined) : "expected a value, or no key for the default"}`);
    }
    problems.push(...describeIssues(namespace, input, issues.filter((issue) => !emptyKeys.includes(String(issue.path[0]))), topLevelKeys));
    problems.push(...crossStackClashes(pulumi.getRootDirectory(), namespace, pulumi.getStack(), input));
    if (problems.length > 0 || !parsed.success) {
        throw new ConfigError(problems);
    }
    return parsed.data;
}
