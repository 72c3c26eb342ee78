/**
 * Input rules for FargateSite as plain data and functions, so the stack config schema
 * (`stacks/config/fargate.ts`) reports the same rules at `platform:fargate.*` before anything is
 * registered. Each `...Problems` function returns what was expected; empty means the value is fine.
 */
import * as ipaddr from "ipaddr.js";
import { githubOidcIssuer } from "../iam/documents";
import { databaseEngines } from "./rds";

/** Docker's tag grammar: what `docker push` and ECR accept. */
const imageTagPattern = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

export function imageTagProblems(tag: string): string[] {
    return imageTagPattern.test(tag) ? [] : ["an image tag: 1-128 letters, digits, '_', '.' or '-', not starting with '.' or '-' (e.g. the commit SHA)"];
}

/** Fargate's task sizes: CPU units and the memory (MiB) each allows. */
const fargateTaskSizes: Record<number, { min: number; max: number; step: number } | number[]> = {
    256: [512, 1024, 2048],
    512: { min: 1024, max: 4096, step: 1024 },
    1024: { min: 2048, max: 8192, step: 1024 },
    2048: { min: 4096, max: 16384, step: 1024 },
    4096: { min: 8192, max: 30720, step: 1024 },
    8192: { min: 16384, max: 61440, step: 4096 },
    16384: { min: 32768, max: 122880, step: 8192 },
};

export function taskSizeProblems(cpu: number, memory: number): { key: "cpu" | "memory"; expected: string }[] {
    const allowed = fargateTaskSizes[cpu];
    if (!allowed) {
        return [{ key: "cpu", expected: `one of ${Object.keys(fargateTaskSizes).join(", ")} CPU units` }];
    }
    const fits = Array.isArray(allowed) ? allowed.includes(memory) : memory >= allowed.min && memory <= allowed.max && memory % allowed.step === 0;
    if (fits) {
        return [];
    }
    const described = Array.isArray(allowed) ? allowed.join(", ") : `${allowed.min} to ${allowed.max} in steps of ${allowed.step}`;
    return [{ key: "memory", expected: `MiB Fargate allows with ${cpu} CPU units: ${described}` }];
}

/** FargateSite's defaults that rules across fields need, so config and component check the same pair. */
export const fargateSiteDefaults = { cpu: 512, memory: 1024, minTasks: 2, maxTasks: 4, allocatedStorage: 20 } as const;

/** Task counts: autoscaling moves between them; `min > max` would never deploy. */
export function taskCountProblems(min: number, max: number): { key: "minTasks" | "maxTasks"; expected: string }[] {
    const problems: { key: "minTasks" | "maxTasks"; expected: string }[] = [];
    if (!Number.isInteger(min) || min < 1 || min > 100) {
        problems.push({ key: "minTasks", expected: "a whole number from 1 to 100" });
    }
    if (!Number.isInteger(max) || max < 1 || max > 100) {
        problems.push({ key: "maxTasks", expected: "a whole number from 1 to 100" });
    } else if (Number.isInteger(min) && max < min) {
        problems.push({ key: "maxTasks", expected: `at least minTasks (${min})` });
    }
    return problems;
}

/** The share of requests the new service gets, in percent. */
export function weightProblems(weight: number): string[] {
    return Number.isInteger(weight) && weight >= 0 && weight <= 100 ? [] : ["a whole number from 0 to 100 (percent of requests to the new service)"];
}

/** `owner/name` as GitHub spells repositories. */
export function githubRepositoryProblems(repository: string): string[] {
    return /^[A-Za-z0-9-]{1,39}\/[A-Za-z0-9._-]{1,100}$/.test(repository) ? [] : ["a GitHub repository as owner/name"];
}

/** GitHub environment names end up verbatim in the OIDC token's `sub`; no `:` or wildcard may slip in. */
export function githubEnvironmentProblems(environment: string): string[] {
    return /^[A-Za-z0-9._-]{1,255}$/.test(environment) ? [] : ["a GitHub environment name: letters, digits, '.', '_' or '-'"];
}


export function oidcProviderArnProblems(arn: string): string[] {
    return new RegExp(`^arn:aws[a-z-]*:iam::\\d{12}:oidc-provider/${githubOidcIssuer.replace(/\./g, "\\.")}$`).test(arn)
        ? []
        : [`the ARN of the account's IAM OIDC provider for ${githubOidcIssuer}`];
}

/** The path both the ALB and the container health check request. */
export function healthCheckPathProblems(path: string): string[] {
    return /^\/[A-Za-z0-9._~\/-]*$/.test(path) ? [] : ["an absolute URL path such as /healthz"];
}

/** `cache.<family>.<size>`, as ElastiCache names node types. */
export function cacheNodeTypeProblems(nodeType: string): string[] {
    return /^cache\.[a-z0-9]+\.[a-z0-9]+$/.test(nodeType) ? [] : ["an ElastiCache node type such as cache.t4g.micro"];
}

export function ipv4AddressProblems(address: string): string[] {
    return ipaddr.IPv4.isValidFourPartDecimal(address) ? [] : ["an IPv4 address of a legacy server"];
}

/** MySQL majors in RDS standard support (the tenant databases' list). */
export const mysqlVersions: readonly string[] = databaseEngines.mysql.versions;

/** Session cache engines, with the versions offered and their parameter group family. */
export const cacheEngines = {
    valkey: { versions: ["7.2", "8.0", "8.1"], defaultVersion: "8.1" },
    redis: { versions: ["7.0", "7.1"], defaultVersion: "7.1" },
} as const;

export type CacheEngine = keyof typeof cacheEngines;

export const cacheEngineNames = Object.keys(cacheEngines) as CacheEngine[];

/**
 * Site names are embedded in the cluster, repository, database (`<name>`, `<name>-final`),
 * replication group (ElastiCache: 40), target group (32 with its suffix) and bucket names.
 */
export function siteNameProblems(name: string): string[] {
    return /^[a-z]([a-z0-9]|-(?=[a-z0-9])){1,23}$/.test(name) ? [] : ["2-24 lower-case letters, digits or single hyphens, starting with a letter"];
}
