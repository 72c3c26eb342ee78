import { z } from "zod";
import { cidrsOverlap, isIpv4Network, subnetCidr } from "../../components/rules/cidr";
import { rdsInstanceClassProblems } from "../../components/rules/instance-types";
import { quantityProblems } from "../../components/rules/kubernetes";
import { allocatedStorageRange, backupRetentionRange, databaseEngineNames, engineVersionProblems } from "../../components/rules/rds";
import { tenantNameProblems } from "../../components/rules/tenant";
import { AwsRegion } from "../../components/rules/aws-regions";
import { cloudFrontLogRegionProblems } from "../../components/rules/cloudfront";
import { awsRegion, dnsName, ruled, strictObject } from "./primitives";

const days = (max: number) => z.number().int().min(1).max(max);

/** The policy pack's default `rds-data-safety.minBackupRetentionDays`: fewer fails every preview. */
export const minBackupRetentionDays = 7;

/** The policy pack's default `s3-glacier-ir-lifecycle.maxTransitionDays`: later fails every preview. */
export const maxGlacierTransitionDays = 30;

const databaseSchema = strictObject({
    /** RDS engine. Default: postgres. */
    engine: z.enum(databaseEngineNames).optional(),
    /** Major version in standard support. Default: the engine's newest. */
    engineVersion: z.string().optional(),
    /** RDS instance class of a supported family and one of its sizes, e.g. db.m7g.large. */
    instanceClass: ruled(rdsInstanceClassProblems),
    /** Initial storage in GiB. */
    allocatedStorage: z.number().int().min(allocatedStorageRange.min).max(allocatedStorageRange.max),
    /** Storage autoscaling ceiling in GiB. Default: no autoscaling. */
    maxAllocatedStorage: z.number().int().max(allocatedStorageRange.max).optional(),
}).superRefine((database, ctx) => {
    const engine = database.engine ?? "postgres";
    for (const expected of database.engineVersion === undefined ? [] : engineVersionProblems(engine, database.engineVersion)) {
        ctx.addIssue({ code: "custom", path: ["engineVersion"], message: expected });
    }
    if (database.maxAllocatedStorage !== undefined && database.maxAllocatedStorage <= database.allocatedStorage) {
        ctx.addIssue({ code: "custom", path: ["maxAllocatedStorage"], message: "more than allocatedStorage" });
    }
});

const retentionSchema = strictObject({
    /** Days a replaced or deleted object version stays recoverable. Default: 30. */
    noncurrentVersionExpirationDays: days(3650).optional(),
    /** Days before current objects move to Glacier Instant Retrieval, at most the pack's limit. Default: 30. */
    glacierTransitionDays: days(maxGlacierTransitionDays).optional(),
    /** Days of RDS automated backups. Default: 30 in production, 7 elsewhere; at least 7. */
    backupRetentionDays: days(backupRetentionRange.max).optional(),
});

const quotaSchema = strictObject({
    /** Sum of CPU requests, e.g. "4". */
    cpu: ruled(quantityProblems),
    /** Sum of memory requests and limits, e.g. "8Gi". */
    memory: ruled(quantityProblems),
    pods: z.number().int().min(1).max(1000),
});

const tenantSchema = strictObject({
    /** Tenant name; part of the namespace, bucket, database and role names. */
    name: ruled(tenantNameProblems),
    /** Region of every piece of the tenant's data at rest. */
    region: awsRegion,
    /** Public hostname of the tenant's CDN, under platform:domain (the Cloudflare zone); unique among the stack's public hostnames. */
    cdnDomain: dnsName,
    database: databaseSchema,
    retention: retentionSchema.optional(),
    /** Namespace quota. Default: cpu "4", memory "8Gi", 50 pods. */
    quota: quotaSchema.optional(),
    /** Unlocks the tenant's data stores so it can be removed (README: off-boarding). Default: false. */
    offboarding: z.boolean().optional(),
});

/**
 * Names are unique (CDN hostnames are, with every public hostname of the stack: see
 * publicHostnameIssues). The check also runs when some entry is otherwise invalid (zod skips
 * refinements of a failed value by default), so a duplicate is reported in the same run as, say,
 * an unknown region.
 */
const uniqueTenants = z.superRefine((tenants: unknown[], ctx) => {
    const firstIndex = new Map<string, number>();
    tenants.forEach((tenant, index) => {
        const name = (tenant as Record<string, unknown> | undefined)?.name;
        if (typeof name !== "string") {
            return;
        }
        const first = firstIndex.get(name);
        if (first === undefined) {
            firstIndex.set(name, index);
        } else {
            ctx.addIssue({ code: "custom", path: [index, "name"], message: `a name not used by platform:tenants[${first}]` });
        }
    });
});
uniqueTenants._zod.def.when = (payload) => Array.isArray(payload.value);

/** `platform:tenants`: one ringfence each. */
export const tenantsSchema = z.array(tenantSchema).check(uniqueTenants);

export type TenantConfig = z.infer<typeof tenantSchema>;

/**
 * Fixed slot of each region in the persistence supernet. Slots are never renumbered (a VPC's
 * range cannot change without replacing the databases in it); a new region takes the next one.
 */
const persistenceSlots: Record<AwsRegion, number> = {
    "us-east-1": 0, "us-east-2": 1, "us-west-1": 2, "us-west-2": 3,
    "ca-central-1": 4, "ca-west-1": 5, "sa-east-1": 6, "mx-central-1": 7,
    "eu-central-1": 8, "eu-central-2": 9, "eu-west-1": 10, "eu-west-2": 11, "eu-west-3": 12,
    "eu-north-1": 13, "eu-south-1": 14, "eu-south-2": 15,
    "ap-south-1": 16, "ap-south-2": 17, "ap-east-1": 18, "ap-southeast-1": 19, "ap-southeast-2": 20,
    "ap-southeast-3": 21, "ap-southeast-4": 22, "ap-southeast-5": 23, "ap-northeast-1": 24,
    "ap-northeast-2": 25, "ap-northeast-3": 26,
    "me-south-1": 27, "me-central-1": 28, "il-central-1": 29, "af-south-1": 30,
    "ap-east-2": 31, "ap-southeast-6": 32, "ap-southeast-7": 33,
};

/** Tenant persistence VPCs outside the cluster's region take a /20 each from this range. */
export const persistenceSupernet = "10.224.0.0/11";

/** The persistence VPC range of a region: deterministic, so every stack and run agrees on it. */
export function persistenceCidr(region: AwsRegion): string {
    return subnetCidr(persistenceSupernet, 20, persistenceSlots[region]);
}

/**
 * Rules across sections: hostnames in the stack's zone, networks apart, backups in production.
 * Entries arrive as parsed as far as they are valid; a rule reading a key that is itself invalid
 * (or another section's) is skipped, since that key's own rule reports it.
 */
export function tenantsIssues(config: {
    primaryRegion: unknown;
    domain: unknown;
    networkCidr: unknown;
    tenants: readonly unknown[];
}): { path: PropertyKey[]; message: string }[] {
    const issues: { path: PropertyKey[]; message: string }[] = [];
    const domain = dnsName.safeParse(config.domain).success ? String(config.domain) : undefined;
    const networkCidr = typeof config.networkCidr === "string" && isIpv4Network(config.networkCidr) ? config.networkCidr : undefined;
    const primaryRegion = awsRegion.safeParse(config.primaryRegion).data;
    config.tenants.forEach((entry, index) => {
        const tenant = (entry ?? {}) as { name?: unknown; region?: unknown; cdnDomain?: unknown; retention?: { backupRetentionDays?: unknown } };
        if (domain && dnsName.safeParse(tenant.cdnDomain).success && !String(tenant.cdnDomain).endsWith(`.${domain}`)) {
            const example = tenantNameProblems(String(tenant.name)).length === 0 ? tenant.name : "<tenant>";
            issues.push({ path: ["tenants", index, "cdnDomain"], message: `a name under platform:domain, such as ${example}.cdn.${domain}` });
        }
        const region = awsRegion.safeParse(tenant.region).data;
        if (networkCidr && primaryRegion && region && region !== primaryRegion && cidrsOverlap(persistenceCidr(region), networkCidr)) {
            issues.push({
                path: ["tenants", index, "region"],
                message: `a region whose persistence network ${persistenceCidr(region)} does not overlap platform:network.cidr`,
            });
        }
        // The tenant CDN logs into the tenant region's log bucket, which CloudFront must reach.
        for (const expected of region ? cloudFrontLogRegionProblems(region) : []) {
            issues.push({ path: ["tenants", index, "region"], message: expected });
        }
        const backupDays = days(backupRetentionRange.max).safeParse(tenant.retention?.backupRetentionDays).data;
        if (backupDays !== undefined && backupDays < minBackupRetentionDays) {
            issues.push({
                path: ["tenants", index, "retention", "backupRetentionDays"],
                message: `at least ${minBackupRetentionDays} (the policy pack's rds-data-safety minimum)`,
            });
        }
    });
    return issues;
}
