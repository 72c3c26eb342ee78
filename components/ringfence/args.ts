import * as pulumi from "@pulumi/pulumi";
import { ArgsCheck, found, wholeNumberProblems } from "../args";
import { EksPlatformCluster, OidcIdentity, PlatformCluster } from "../cluster/types";
import { LogDestination } from "../log-bucket/logging";
import { DatabaseNetwork, RegionalProviders } from "../persistence-network";
import { PriceClass } from "../s3-origin/distribution";
import { isAwsRegion } from "../rules/aws-regions";
import { cloudFrontLogRegionProblems } from "../rules/cloudfront";
import { logRetentionDays } from "../rules/eks";
import { hostnameProblems, isDnsLabel } from "../rules/dns";
import { rdsInstanceClassProblems } from "../rules/instance-types";
import { quantityProblems } from "../rules/kubernetes";
import { allocatedStorageRange, backupRetentionRange, DatabaseEngine, databaseEngineProblems, databaseEngines, engineVersionProblems } from "../rules/rds";
import { tenantNameProblems } from "../rules/tenant";
import { NamespaceQuota } from "./kubernetes";

export interface RingfenceDatabaseArgs {
    /** `postgres`, `mysql` or `mariadb`. Default: `postgres`. */
    readonly engine?: DatabaseEngine;
    /** Major version in standard support (see `databaseEngines`). Default: the engine's newest. */
    readonly engineVersion?: string;
    /** RDS instance class, e.g. `db.m7g.large`. Required. */
    readonly instanceClass: string;
    /** Initial storage in GiB, 20 to 65536. Required. */
    readonly allocatedStorage: number;
    /** Upper bound for storage autoscaling in GiB. Default: no autoscaling. */
    readonly maxAllocatedStorage?: number;
    /** A standby in a second AZ. Default: false (the stacks turn it on in production). */
    readonly multiAz?: boolean;
    /** Days of automated backups and point-in-time recovery, 1 to 35. Default: 7. */
    readonly backupRetentionDays?: number;
    /** Performance Insights, encrypted with the tenant key, 7 days. Default: false. */
    readonly performanceInsights?: boolean;
    /** Initial database. Default: `app`. */
    readonly dbName?: string;
    /** Database user the tenant role may log in as with an IAM token (`rds-db:connect`). Default: `app`. */
    readonly iamUser?: string;
    /** Days CloudWatch keeps the database's exported logs, a retention CloudWatch offers. Default: 30. */
    readonly logRetentionDays?: number;
}

export interface RingfenceStorageArgs {
    /** Days a replaced or deleted object version stays recoverable. Default: 30. */
    readonly noncurrentVersionExpirationDays?: number;
    /** Days before current objects move to S3 Glacier Instant Retrieval. Default: 30. */
    readonly glacierTransitionDays?: number;
    /** Days before an unfinished multipart upload is aborted and its parts deleted. Default: 7. */
    readonly abortIncompleteMultipartUploadDays?: number;
}

export interface RingfenceCdnArgs {
    /** Public hostname of the tenant's CDN, inside `zoneName`. Required. */
    readonly domain: string;
    /** Cloudflare zone for the certificate's validation record and the CNAME. Required. */
    readonly zoneName: string;
    /** Default: `PriceClass_100` (North America and Europe edges). */
    readonly priceClass?: PriceClass;
    /** Bucket key prefix the CDN serves; nothing outside it is reachable through CloudFront. Default: `public`. */
    readonly prefix?: string;
    /**
     * Response headers policy of the distribution; pass a shared one (a stack's `CdnEdge`) when
     * running many tenants (CloudFront allows 20 per account). Default: one the ringfence creates,
     * `<name>-cdn-security-headers` (HSTS two years, nosniff, frame DENY, strict-origin-when-cross-origin).
     */
    readonly responseHeadersPolicyId?: pulumi.Input<string>;
    /** ARN of a WAF web ACL (scope CLOUDFRONT) in front of the distribution. Default: none. */
    readonly webAclArn?: pulumi.Input<string>;
}

export interface RingfenceArgs {
    /** Tenant name: 2-20 lower-case letters, digits and single hyphens. Required. */
    readonly tenant: string;
    /**
     * What keeps the names that must be unique per account and region apart between stacks that
     * share an account: the KMS alias `alias/tenant-<tenant>-<nameSuffix>`, the RDS identifier
     * `tenant-<tenant>-<nameSuffix>` and its final snapshot `<identifier>-final`. The stack
     * program passes a slug of its stack name. 1-30 lower-case letters, digits and single
     * hyphens. Required.
     */
    readonly nameSuffix: string;
    /** AWS region every piece of the tenant's data at rest lives in. Required. */
    readonly region: string;
    /** Per-region AWS providers; the tenant region's and us-east-1's (CDN certificate) are used. Required. */
    readonly providers: RegionalProviders;
    /** The EKS cluster the tenant's workloads run on, whose OIDC issuer the tenant role trusts (IRSA). Required. */
    readonly cluster: EksPlatformCluster;
    /** The cluster VPC's range: the only network admitted to the database. Required. */
    readonly clusterCidr: string;
    /** The VPC the database goes in, in `region`: the cluster's, or the region's persistence network. Required. */
    readonly network: DatabaseNetwork;
    /**
     * The log bucket of `region` (a `LogBucket`): the tenant bucket's S3 server access logs go
     * under `s3-access/<name>/`, the CDN's standard logs under `cloudfront/<name>/`, so the
     * tenant's access records stay in its region. Required.
     */
    readonly logs: LogDestination;
    /** The tenant database. Required (`instanceClass`, `allocatedStorage`). */
    readonly database: RingfenceDatabaseArgs;
    /** Bucket retention. Default: every field's default. */
    readonly storage?: RingfenceStorageArgs;
    /** The tenant's CloudFront distribution. Required (`domain`, `zoneName`). */
    readonly cdn: RingfenceCdnArgs;
    /** Service account the tenant role trusts. Default: `app`. */
    readonly serviceAccountName?: string;
    /** Namespace quota. Default: 4 CPUs and 8Gi of requests, 50 pods. */
    readonly quota?: NamespaceQuota;
    /**
     * Lifts the data-safety locks so the tenant can be removed: the database loses `protect` and
     * deletion protection (RDS still takes the final snapshot); the bucket and key lose `protect`
     * but are retained on delete, so removing the tenant leaves them, and the snapshot they
     * decrypt, in the account. Default: false.
     */
    readonly offboarding?: boolean;
}

/** Args with every default applied: what the constructor builds from. */
export interface ResolvedArgs {
    /** The cluster's OIDC identity, which the tenant role trusts. */
    readonly oidc: OidcIdentity;
    readonly database: Required<Omit<RingfenceDatabaseArgs, "maxAllocatedStorage">> & Pick<RingfenceDatabaseArgs, "maxAllocatedStorage">;
    readonly storage: Required<RingfenceStorageArgs>;
    readonly cdn: Required<Omit<RingfenceCdnArgs, "responseHeadersPolicyId" | "webAclArn">> & Pick<RingfenceCdnArgs, "responseHeadersPolicyId" | "webAclArn">;
    readonly serviceAccountName: string;
    readonly quota: NamespaceQuota;
    readonly offboarding: boolean;
}

/** Applies the defaults and lists every invalid argument, one line each. */
export function resolveArgs(args: RingfenceArgs): ArgsCheck<ResolvedArgs> {
    const engine = args.database.engine ?? "postgres";
    const resolved: ResolvedArgs = {
        oidc: args.cluster.oidc,
        database: {
            engine,
            engineVersion: args.database.engineVersion ?? databaseEngines[engine]?.defaultVersion,
            instanceClass: args.database.instanceClass,
            allocatedStorage: args.database.allocatedStorage,
            maxAllocatedStorage: args.database.maxAllocatedStorage,
            multiAz: args.database.multiAz ?? false,
            backupRetentionDays: args.database.backupRetentionDays ?? 7,
            performanceInsights: args.database.performanceInsights ?? false,
            dbName: args.database.dbName ?? "app",
            iamUser: args.database.iamUser ?? "app",
            logRetentionDays: args.database.logRetentionDays ?? 30,
        },
        storage: {
            noncurrentVersionExpirationDays: args.storage?.noncurrentVersionExpirationDays ?? 30,
            glacierTransitionDays: args.storage?.glacierTransitionDays ?? 30,
            abortIncompleteMultipartUploadDays: args.storage?.abortIncompleteMultipartUploadDays ?? 7,
        },
        cdn: {
            domain: args.cdn.domain,
            zoneName: args.cdn.zoneName,
            priceClass: args.cdn.priceClass ?? "PriceClass_100",
            prefix: args.cdn.prefix ?? "public",
            responseHeadersPolicyId: args.cdn.responseHeadersPolicyId,
            webAclArn: args.cdn.webAclArn,
        },
        serviceAccountName: args.serviceAccountName ?? "app",
        quota: args.quota ?? { cpu: "4", memory: "8Gi", pods: 50 },
        offboarding: args.offboarding ?? false,
    };

    const problems: string[] = [];
    const check = (key: string, value: unknown, expected: string[]) => expected.forEach((e) => problems.push(`${key}: ${found(value)}; expected ${e}`));
    const { database, storage } = resolved;
    check("tenant", args.tenant, tenantNameProblems(args.tenant));
    const suffixValid = args.nameSuffix.length <= 30 && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(args.nameSuffix);
    check("nameSuffix", args.nameSuffix, suffixValid ? [] : ["1-30 lower-case letters, digits or single hyphens, starting and ending with a letter or digit"]);
    check("region", args.region, isAwsRegion(args.region) ? cloudFrontLogRegionProblems(args.region) : ["an AWS region such as eu-central-1"]);
    check("database.engine", database.engine, databaseEngineProblems(database.engine));
    if (databaseEngineProblems(database.engine).length === 0) {
        check("database.engineVersion", database.engineVersion, engineVersionProblems(database.engine, database.engineVersion));
    }
    check("database.instanceClass", database.instanceClass, rdsInstanceClassProblems(database.instanceClass));
    const within = (value: number, range: { min: number; max: number }) => wholeNumberProblems(value, range.min, range.max);
    check("database.allocatedStorage", database.allocatedStorage, within(database.allocatedStorage, allocatedStorageRange));
    if (database.maxAllocatedStorage !== undefined) {
        check("database.maxAllocatedStorage", database.maxAllocatedStorage, within(database.maxAllocatedStorage, { min: database.allocatedStorage + 1, max: allocatedStorageRange.max }));
    }
    check("database.backupRetentionDays", database.backupRetentionDays, within(database.backupRetentionDays, backupRetentionRange));
    const logRetentionValid = (logRetentionDays as readonly number[]).includes(database.logRetentionDays);
    check("database.logRetentionDays", database.logRetentionDays, logRetentionValid ? [] : [`a retention CloudWatch offers: ${logRetentionDays.join(", ")}`]);
    for (const [key, days] of Object.entries(storage)) {
        check(`storage.${key}`, days, within(days, { min: 1, max: 3650 }));
    }
    check("cdn.domain", resolved.cdn.domain, hostnameProblems(resolved.cdn.domain));
    if (hostnameProblems(resolved.cdn.domain).length === 0 && !resolved.cdn.domain.endsWith(`.${resolved.cdn.zoneName}`)) {
        problems.push(`cdn.domain: ${found(resolved.cdn.domain)}; expected a name inside cdn.zoneName ${resolved.cdn.zoneName}`);
    }
    check("cdn.prefix", resolved.cdn.prefix, /^[a-z0-9][a-z0-9-]*$/.test(resolved.cdn.prefix) ? [] : ["a key prefix of lower-case letters, digits and hyphens, without slashes"]);
    const identifier = (value: string) => (/^[a-z][a-z0-9_]{0,62}$/.test(value) ? [] : ["a database identifier: a lower-case letter, then up to 62 lower-case letters, digits or underscores"]);
    check("database.dbName", database.dbName, identifier(database.dbName));
    check("database.iamUser", database.iamUser, identifier(database.iamUser));
    check("serviceAccountName", resolved.serviceAccountName, isDnsLabel(resolved.serviceAccountName) ? [] : ["a DNS label: up to 63 lower-case letters, digits or hyphens"]);
    check("quota.cpu", resolved.quota.cpu, quantityProblems(resolved.quota.cpu));
    check("quota.memory", resolved.quota.memory, quantityProblems(resolved.quota.memory));
    check("quota.pods", resolved.quota.pods, within(resolved.quota.pods, { min: 1, max: 1000 }));
    // The type asks for EKS; a caller without type checks may still hand over another cluster.
    const cluster: PlatformCluster = args.cluster;
    if (cluster.kind !== "eks" || !cluster.oidc) {
        problems.push(`cluster: found kind "${cluster.kind}" without OIDC; expected an EKS cluster with an OIDC provider (the tenant role trusts it through IRSA)`);
    }
    if (args.logs === undefined) {
        problems.push(`logs: missing; expected the log bucket of the tenant region ${args.region}`);
    } else if (args.logs.region !== args.region) {
        problems.push(`logs: found a log bucket in ${args.logs.region}; expected the log bucket of the tenant region ${args.region} (access logs are tenant data)`);
    }
    if (args.network.region !== args.region) {
        problems.push(`network: found a network in ${args.network.region}; expected one in the tenant region ${args.region}`);
    }
    return { resolved, problems };
}
