import { z } from "zod";
import { logRetentionChoices } from "../../components/fargate/args";
import { rdsInstanceClassProblems } from "../../components/rules/instance-types";
import {
    cacheEngineNames,
    cacheNodeTypeProblems,
    fargateSiteDefaults,
    githubEnvironmentProblems,
    githubRepositoryProblems,
    healthCheckPathProblems,
    imageTagProblems,
    ipv4AddressProblems,
    mysqlVersions,
    oidcProviderArnProblems,
    siteNameProblems,
    taskCountProblems,
    taskSizeProblems,
    weightProblems,
} from "../../components/rules/fargate";
import { dnsName, ruled, strictObject } from "./primitives";
import { minBackupRetentionDays } from "./tenants";

const databaseSchema = strictObject({
    /** RDS instance class, e.g. db.m7g.large. Default: db.t4g.small. */
    instanceClass: ruled(rdsInstanceClassProblems).optional(),
    /** MySQL major version. Default: 8.4. */
    engineVersion: z.enum(mysqlVersions as [string, ...string[]]).optional(),
    /** Initial storage in GiB. Default: 20. */
    allocatedStorage: z.number().int().min(20).max(65536).optional(),
    /** Storage autoscaling ceiling in GiB. Default: no autoscaling. */
    maxAllocatedStorage: z.number().int().max(65536).optional(),
    /** Days of automated backups. Default: 30 in production, 7 elsewhere. */
    backupRetentionDays: z.number().int().min(minBackupRetentionDays).max(35).optional(),
}).superRefine((database, ctx) => {
    const allocatedStorage = database.allocatedStorage ?? fargateSiteDefaults.allocatedStorage;
    if (database.maxAllocatedStorage !== undefined && database.maxAllocatedStorage <= allocatedStorage) {
        ctx.addIssue({ code: "custom", path: ["maxAllocatedStorage"], message: `more than allocatedStorage (${allocatedStorage})` });
    }
});

const cacheSchema = strictObject({
    /** valkey or redis (Redis OSS). Default: valkey. */
    engine: z.enum(cacheEngineNames).optional(),
    /** ElastiCache node type, e.g. cache.t4g.small. Default: cache.t4g.micro. */
    nodeType: ruled(cacheNodeTypeProblems).optional(),
});

const cutoverSchema = strictObject({
    /** Percent of requests to the new service (the legacy servers get the rest). */
    weight: ruled(weightProblems, z.number()),
    /** IPv4 addresses of the legacy EC2 servers. Default: none (only with weight 100). */
    legacyAddresses: z.array(ruled(ipv4AddressProblems)).optional(),
    /** Drop the legacy record once the weight is 100. Default: false. */
    removeLegacyRecord: z.boolean().optional(),
}).superRefine((cutover, ctx) => {
    if (cutover.removeLegacyRecord && cutover.weight !== 100) {
        ctx.addIssue({ code: "custom", path: ["removeLegacyRecord"], message: "false while weight is below 100" });
    }
    if (!cutover.removeLegacyRecord && cutover.weight !== 100 && (cutover.legacyAddresses ?? []).length === 0) {
        ctx.addIssue({ code: "custom", path: ["legacyAddresses"], message: "the legacy servers' addresses while weight is below 100" });
    }
});

const githubSchema = strictObject({
    /** Repository whose release workflow deploys, owner/name. */
    repository: ruled(githubRepositoryProblems),
    /** GitHub environment of the deploy job (pinned in the OIDC token's sub). */
    environment: ruled(githubEnvironmentProblems),
    /** The account's existing GitHub OIDC provider. Default: the stack creates one. */
    oidcProviderArn: ruled(oidcProviderArnProblems).optional(),
});

/** `platform:fargate`: the PHP site on ECS Fargate (FargateSite). A stack without it runs no site. */
export const fargateSchema = strictObject({
    /** Site name: part of the cluster, service, repository, database, cache and bucket names. */
    name: ruled(siteNameProblems),
    /** Public hostname, under one of platform:ingress.hostedZones (the weighted records and the certificate). */
    hostname: dnsName,
    /** The image tag the service runs; CI sets it on release (the commit SHA). Default: none, no service yet (first deploy). */
    imageTag: ruled(imageTagProblems).optional(),
    /** Container port. Default: 8080. */
    containerPort: z.number().int().min(1024).max(65535).optional(),
    /** Health check path of the ALB and the container. Default: /healthz. */
    healthCheckPath: ruled(healthCheckPathProblems).optional(),
    /** Task CPU units. Default: 512. */
    cpu: z.number().int().optional(),
    /** Task memory in MiB, a size Fargate allows with cpu. Default: 1024. */
    memory: z.number().int().optional(),
    /** Autoscaling lower bound, also the count at creation. Default: 2. */
    minTasks: z.number().optional(),
    /** Autoscaling upper bound. Default: 4. */
    maxTasks: z.number().optional(),
    /** ECS Exec into running tasks (sessions logged). Default: false. */
    exec: z.boolean().optional(),
    /** Days the application, exec and ALB logs are kept. Default: 90 in production, 30 in staging, 14 in development. */
    logRetentionDays: z.number().refine((days) => logRetentionChoices.includes(days), { error: `one of ${logRetentionChoices.join(", ")}` }).optional(),
    /** Default: every field's default. */
    database: databaseSchema.optional(),
    /** Default: every field's default. */
    cache: cacheSchema.optional(),
    /** Default: no legacy servers, all requests to the new service (weight 100). */
    cutover: cutoverSchema.optional(),
    github: githubSchema,
}).superRefine((site, ctx) => {
    // An absent size or bound is the component's default, which must fit the one that is given.
    for (const problem of taskSizeProblems(site.cpu ?? fargateSiteDefaults.cpu, site.memory ?? fargateSiteDefaults.memory)) {
        ctx.addIssue({ code: "custom", path: [problem.key], message: problem.expected });
    }
    for (const problem of taskCountProblems(site.minTasks ?? fargateSiteDefaults.minTasks, site.maxTasks ?? fargateSiteDefaults.maxTasks)) {
        ctx.addIssue({ code: "custom", path: [problem.key], message: problem.expected });
    }
});

export type FargateConfig = z.infer<typeof fargateSchema>;

/**
 * The site's hostname lives in one of the EKS ingress's Route 53 zones: its weighted records and
 * certificate validation record go there. Only zones that are valid themselves (well-formed, in
 * `platform:domain`) count; a zone's own problems are reported by the ingress rules.
 */
export function fargateHostnameIssues(fargate: unknown, ingress: unknown, domain: string): { path: PropertyKey[]; message: string }[] {
    const hostname = (fargate as { hostname?: unknown } | undefined)?.hostname;
    const zones = (ingress as { hostedZones?: unknown } | undefined)?.hostedZones;
    if (!dnsName.safeParse(hostname).success || !Array.isArray(zones)) {
        return [];
    }
    const domains = zones
        .map((zone) => (zone as { domain?: unknown } | null)?.domain)
        .filter((zoneDomain): zoneDomain is string => dnsName.safeParse(zoneDomain).success && (zoneDomain === domain || String(zoneDomain).endsWith(`.${domain}`)));
    if (domains.length === 0 || domains.some((zoneDomain) => String(hostname).endsWith(`.${zoneDomain}`))) {
        return [];
    }
    return [{ path: ["fargate", "hostname"], message: `a name under one of platform:ingress.hostedZones: ${domains.join(", ")}` }];
}

/**
 * The stack program names the site's resources `<name>-<stack>` (unique per account and region),
 * and that name obeys the site-name rule too: a long stack name leaves less room for `name`.
 */
export function fargatePhysicalNameIssues(fargate: unknown, stack: string): { path: PropertyKey[]; message: string }[] {
    const name = (fargate as { name?: unknown } | undefined)?.name;
    if (typeof name !== "string" || siteNameProblems(name).length > 0) {
        return [];
    }
    const physicalName = `${name}-${stack}`;
    return siteNameProblems(physicalName).map((expected) => ({
        path: ["fargate", "name"],
        message: `a name whose physical name <name>-<stack> ("${physicalName}" in stack ${stack}) is ${expected}`,
    }));
}

/** The hosted zone the site's records go to (the longest matching domain); none only if the config rule above was bypassed. */
export function fargateZone(hostname: string, zones: readonly { id: string; domain: string }[]): { id: string; domain: string } | undefined {
    const matching = zones.filter((zone) => hostname.endsWith(`.${zone.domain}`)).sort((a, b) => b.domain.length - a.domain.length);
    return matching[0];
}
