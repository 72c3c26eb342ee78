import * as pulumi from "@pulumi/pulumi";
import { allConfig } from "@pulumi/pulumi/runtime/config";
import { z } from "zod";
import { eksEnvironmentIssues, eksSchema } from "./eks";
import { frontendDomainIssues, frontendSchema } from "./frontend";
import { ingressDomainIssues, ingressSchema } from "./ingress";
import { networkSchema } from "./network";
import { awsRegion, dnsName, slug, strictObject } from "./primitives";
import { secretString } from "./secrets";
import { sksSchema } from "./sks";
import { tenantsIssues, tenantsSchema } from "./tenants";

/** Environments a stack can declare; each maps to a stack program in stacks/index.ts. */
export const environments = ["production", "staging", "development"] as const;

const stackConfigSchema = strictObject({
    /** Selects the stack program and the per-environment defaults (sizes, retention, issuers). */
    environment: z.enum(environments),
    /** Owning department; the policy pack's allowed set applies. */
    department: slug,
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
}).superRefine((config, ctx) => {
    for (const issue of tenantsIssues(config)) {
        ctx.addIssue({ code: "custom", ...issue });
    }
    for (const issue of ingressDomainIssues(config.ingress, config.domain)) {
        ctx.addIssue({ code: "custom", ...issue });
    }
    for (const issue of frontendDomainIssues(config.frontend, config.domain)) {
        ctx.addIssue({ code: "custom", ...issue });
    }
    for (const issue of eksEnvironmentIssues(config.environment, config.eks)) {
        ctx.addIssue({ code: "custom", ...issue });
    }
    // Production runs across three AZs with a NAT gateway each, so one AZ outage never takes egress down.
    if (config.environment !== "production") {
        return;
    }
    if (config.network.availabilityZones !== 3) {
        ctx.addIssue({ code: "custom", path: ["network", "availabilityZones"], message: "3 in production" });
    }
    if (config.network.natGateways !== "perAz") {
        ctx.addIssue({ code: "custom", path: ["network", "natGateways"], message: "perAz in production" });
    }
});

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

const zodDefaultMessage = /^(Invalid|Too (big|small))/;

function expectation(issue: z.core.$ZodIssue): string {
    switch (issue.code) {
        case "invalid_value":
            return `allowed: ${issue.values.map(String).join(", ")}`;
        case "invalid_type":
            return `expected ${issue.expected}`;
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
        // Secrets are never echoed, not even a plaintext one that is about to be refused.
        const shown = issue.code === "custom" && issue.params?.redact ? "found a plaintext value" : found(valueAt(input, issue.path));
        return [`${displayKey(namespace, issue.path)}: ${shown}; ${expectation(issue)}`];
    });
}

/**
 * Reads and validates the whole `<project>:` config namespace before anything is registered.
 * Structured values arrive from the CLI as JSON; scalars as plain strings.
 */
export function loadStackConfig(): StackConfig {
    const namespace = pulumi.getProject();
    const prefix = `${namespace}:`;
    const input: Record<string, unknown> = {};
    const problems: string[] = [];
    for (const [key, raw] of Object.entries(allConfig())) {
        if (!key.startsWith(prefix)) {
            continue;
        }
        const name = key.slice(prefix.length);
        if (/^[[{]/.test(raw)) {
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
    if (!parsed.success) {
        problems.push(...describeIssues(namespace, input, parsed.error.issues, Object.keys(stackConfigSchema.shape)));
    }
    if (problems.length > 0 || !parsed.success) {
        throw new ConfigError(problems);
    }
    return parsed.data;
}
