import * as pulumi from "@pulumi/pulumi";
import { ArgsCheck, found, wholeNumberProblems } from "../args";
import { LogDestination } from "../log-bucket/logging";
import { hostnameProblems } from "../rules/dns";
import { logRetentionDays } from "../rules/eks";
import { rdsInstanceClassProblems } from "../rules/instance-types";
import {
    CacheEngine,
    cacheEngineNames,
    cacheEngines,
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
} from "../rules/fargate";

export interface FargateNetworkArgs {
    /** The VPC. Required. */
    readonly vpcId: pulumi.Input<string>;
    /** Subnets of the internet-facing ALB. Required. */
    readonly publicSubnetIds: pulumi.Input<string>[];
    /** Subnets of the tasks, the database and the cache (no route from the internet). Required. */
    readonly privateSubnetIds: pulumi.Input<string>[];
}

export interface FargateDatabaseArgs {
    /** RDS instance class. Default: `db.t4g.small`. */
    readonly instanceClass?: string;
    /** MySQL major version: `8.0` or `8.4`. Default: `8.4`. */
    readonly engineVersion?: string;
    /** Initial storage in GiB, 20 to 65536. Default: 20. */
    readonly allocatedStorage?: number;
    /** Storage autoscaling ceiling in GiB. Default: no autoscaling. */
    readonly maxAllocatedStorage?: number;
    /** Days of automated backups, 7 to 35. Default: 7. */
    readonly backupRetentionDays?: number;
    /** Initial database. Default: `app`. */
    readonly dbName?: string;
}

export interface FargateCacheArgs {
    /** `valkey` or `redis` (Redis OSS). Default: `valkey`. */
    readonly engine?: CacheEngine;
    /** Engine version. Default: the engine's newest (`cacheEngines`). */
    readonly engineVersion?: string;
    /** ElastiCache node type. Default: `cache.t4g.micro`. */
    readonly nodeType?: string;
    /** Days of daily snapshots, 0 to 35. Default: 7. */
    readonly snapshotRetentionDays?: number;
}

export interface FargateCutoverArgs {
    /** Percent of requests the new service gets, 0 to 100; the legacy servers get the rest. Default: 0. */
    readonly weight?: number;
    /** IPv4 addresses of the legacy EC2 servers, served as the legacy weighted A record. Default: none (then the weight must be 100). */
    readonly legacyAddresses?: string[];
    /** Drop the legacy record; only at weight 100. Default: false. */
    readonly removeLegacyRecord?: boolean;
}

export interface FargateGithubArgs {
    /** Repository whose workflows may deploy, `owner/name`. Required. */
    readonly repository: string;
    /** GitHub environment the deploy job runs in (pinned in the token's `sub`). Required. */
    readonly environment: string;
    /** The account's existing IAM OIDC provider for GitHub (an account has one per issuer). Default: one is created. */
    readonly oidcProviderArn?: string;
}

export interface FargateSiteArgs {
    /** Public hostname, inside `hostedZone.domain`. Required. */
    readonly hostname: string;
    /** Route 53 zone of the weighted records and the certificate's validation record. Required. */
    readonly hostedZone: { readonly id: string; readonly domain: string };
    /** Where the site runs. Required. */
    readonly network: FargateNetworkArgs;
    /** The log bucket of the site's region (a `LogBucket`): the uploads bucket's S3 server access logs go under `s3-access/<name>/`. Required. */
    readonly logs: LogDestination;
    /**
     * Tag in this site's repository that the service runs, pinned by digest at deploy time.
     * Default: none: everything but the task definition, the service and its autoscaling is
     * built, so the first release has a repository to push to.
     */
    readonly imageTag?: string;
    /** Deploy role trust: repository and environment. Required. */
    readonly github: FargateGithubArgs;
    /** Name of the cluster, service, repository, database, cache and buckets (unique per account and region; buckets globally). Default: `name`. */
    readonly physicalName?: string;
    /** Port the container listens on (non-root: 1024 or above). Default: 8080. */
    readonly containerPort?: number;
    /** Path of the ALB and container health checks. Default: `/healthz`. */
    readonly healthCheckPath?: string;
    /** Task CPU units. Default: 512. */
    readonly cpu?: number;
    /** Task memory in MiB (a size Fargate allows with `cpu`). Default: 1024. */
    readonly memory?: number;
    /** Autoscaling lower bound, and the desired count at creation. Default: 2. */
    readonly minTasks?: number;
    /** Autoscaling upper bound. Default: 4. */
    readonly maxTasks?: number;
    /** Run most tasks on FARGATE_SPOT (one on-demand task as base, then 1:3). Default: false. */
    readonly spot?: boolean;
    /** Multi-AZ database, and a cache replica with automatic failover. Default: false. */
    readonly multiAz?: boolean;
    /** Deletion protection on the ALB and the database. Default: true. */
    readonly deletionProtection?: boolean;
    /** Percent of tasks kept healthy during a deployment. Default: 100. */
    readonly minimumHealthyPercent?: number;
    /** ECS Exec into running tasks, sessions logged. Default: false. */
    readonly execEnabled?: boolean;
    /** Days the application, exec-session, database and ALB access logs are kept. Default: 30. */
    readonly logRetentionDays?: number;
    /** Images kept in the repository (older ones expire). Default: 50. */
    readonly keepImages?: number;
    /** Days after which uploads of 128 KiB or more move to Glacier Instant Retrieval (read in milliseconds, -68 % storage price). Default: 30. */
    readonly uploadsGlacierTransitionDays?: number;
    /** Plain (non-secret) environment variables for the container. Default: none. */
    readonly environment?: Record<string, string>;
    /** Numeric `uid:gid` the container runs as (never root). Default: `33:33` (www-data in the php images). */
    readonly containerUser?: string;
    /**
     * Read-only actions (`Describe*`, `Get*`, `List*`) the stack program's own lookups call when a
     * release runs `pulumi up` with the deploy role; granted on `*`. Default: none.
     */
    readonly deployReadActions?: string[];
    /** Default: every field's default. */
    readonly database?: FargateDatabaseArgs;
    /** Default: every field's default. */
    readonly cache?: FargateCacheArgs;
    /** Default: weight 0, no legacy addresses. */
    readonly cutover?: FargateCutoverArgs;
}

/** Args with every default applied: what the constructor builds from. */
export interface ResolvedFargateSiteArgs {
    readonly hostname: string;
    readonly hostedZone: { readonly id: string; readonly domain: string };
    readonly network: FargateNetworkArgs;
    readonly logs: LogDestination;
    readonly imageTag?: string;
    readonly github: FargateGithubArgs;
    readonly physicalName: string;
    readonly containerPort: number;
    readonly healthCheckPath: string;
    readonly cpu: number;
    readonly memory: number;
    readonly minTasks: number;
    readonly maxTasks: number;
    readonly spot: boolean;
    readonly multiAz: boolean;
    readonly deletionProtection: boolean;
    readonly minimumHealthyPercent: number;
    readonly execEnabled: boolean;
    readonly logRetentionDays: number;
    readonly keepImages: number;
    readonly uploadsGlacierTransitionDays: number;
    readonly environment: Record<string, string>;
    readonly containerUser: string;
    readonly deployReadActions: string[];
    readonly database: Required<Omit<FargateDatabaseArgs, "maxAllocatedStorage">> & Pick<FargateDatabaseArgs, "maxAllocatedStorage">;
    readonly cache: Required<FargateCacheArgs>;
    readonly cutover: Required<FargateCutoverArgs>;
}

/** CloudWatch Logs' retention choices, up to two years. */
export const logRetentionChoices: readonly number[] = logRetentionDays.filter((days) => days <= 731);

/** Names the platform sets itself; an app variable must not shadow them. */
const reservedVariables = ["DB_HOST", "DB_PORT", "DB_NAME", "DB_USERNAME", "DB_PASSWORD", "CACHE_HOST", "CACHE_PORT", "CACHE_AUTH_TOKEN", "UPLOADS_BUCKET"];

export function resolveArgs(name: string, args: FargateSiteArgs): ArgsCheck<ResolvedFargateSiteArgs> {
    const cacheEngine = args.cache?.engine ?? "valkey";
    const resolved: ResolvedFargateSiteArgs = {
        hostname: args.hostname,
        hostedZone: args.hostedZone,
        network: args.network,
        logs: args.logs,
        imageTag: args.imageTag,
        github: args.github,
        physicalName: args.physicalName ?? name,
        containerPort: args.containerPort ?? 8080,
        healthCheckPath: args.healthCheckPath ?? "/healthz",
        cpu: args.cpu ?? fargateSiteDefaults.cpu,
        memory: args.memory ?? fargateSiteDefaults.memory,
        minTasks: args.minTasks ?? fargateSiteDefaults.minTasks,
        maxTasks: args.maxTasks ?? fargateSiteDefaults.maxTasks,
        spot: args.spot ?? false,
        multiAz: args.multiAz ?? false,
        deletionProtection: args.deletionProtection ?? true,
        minimumHealthyPercent: args.minimumHealthyPercent ?? 100,
        execEnabled: args.execEnabled ?? false,
        logRetentionDays: args.logRetentionDays ?? 30,
        keepImages: args.keepImages ?? 50,
        uploadsGlacierTransitionDays: args.uploadsGlacierTransitionDays ?? 30,
        environment: args.environment ?? {},
        containerUser: args.containerUser ?? "33:33",
        deployReadActions: args.deployReadActions ?? [],
        database: {
            instanceClass: args.database?.instanceClass ?? "db.t4g.small",
            engineVersion: args.database?.engineVersion ?? "8.4",
            allocatedStorage: args.database?.allocatedStorage ?? fargateSiteDefaults.allocatedStorage,
            maxAllocatedStorage: args.database?.maxAllocatedStorage,
            backupRetentionDays: args.database?.backupRetentionDays ?? 7,
            dbName: args.database?.dbName ?? "app",
        },
        cache: {
            engine: cacheEngine,
            engineVersion: args.cache?.engineVersion ?? cacheEngines[cacheEngine]?.defaultVersion,
            nodeType: args.cache?.nodeType ?? "cache.t4g.micro",
            snapshotRetentionDays: args.cache?.snapshotRetentionDays ?? 7,
        },
        cutover: {
            weight: args.cutover?.weight ?? 0,
            legacyAddresses: args.cutover?.legacyAddresses ?? [],
            removeLegacyRecord: args.cutover?.removeLegacyRecord ?? false,
        },
    };

    const problems: string[] = [];
    const check = (key: string, value: unknown, expected: string[]) => expected.forEach((e) => problems.push(`${key}: ${found(value)}; expected ${e}`));
    const r = resolved;

    check("hostname", r.hostname, hostnameProblems(r.hostname));
    if (hostnameProblems(r.hostname).length === 0 && !r.hostname.endsWith(`.${r.hostedZone.domain}`)) {
        check("hostname", r.hostname, [`a name inside hostedZone.domain ${r.hostedZone.domain}`]);
    }
    check("hostedZone.id", r.hostedZone.id, /^Z[A-Z0-9]{1,32}$/.test(r.hostedZone.id) ? [] : ["a Route 53 hosted zone id (Z, then 1-32 upper-case letters or digits)"]);
    if (r.imageTag !== undefined) {
        check("imageTag", r.imageTag, imageTagProblems(r.imageTag));
    }
    check("github.repository", r.github.repository, githubRepositoryProblems(r.github.repository));
    check("github.environment", r.github.environment, githubEnvironmentProblems(r.github.environment));
    if (r.github.oidcProviderArn !== undefined) {
        check("github.oidcProviderArn", r.github.oidcProviderArn, oidcProviderArnProblems(r.github.oidcProviderArn));
    }
    check("physicalName", r.physicalName, siteNameProblems(r.physicalName));
    if (r.logs === undefined) {
        problems.push("logs: missing; expected the log bucket of the site's region (the uploads bucket logs its requests)");
    }
    check("containerPort", r.containerPort, wholeNumberProblems(r.containerPort, 1024, 65535));
    check("healthCheckPath", r.healthCheckPath, healthCheckPathProblems(r.healthCheckPath));
    for (const problem of taskSizeProblems(r.cpu, r.memory)) {
        check(problem.key, r[problem.key], [problem.expected]);
    }
    for (const problem of taskCountProblems(r.minTasks, r.maxTasks)) {
        check(problem.key, r[problem.key], [problem.expected]);
    }
    check("minimumHealthyPercent", r.minimumHealthyPercent, wholeNumberProblems(r.minimumHealthyPercent, 0, 100));
    check("logRetentionDays", r.logRetentionDays, logRetentionChoices.includes(r.logRetentionDays) ? [] : [`one of CloudWatch's retentions up to two years: ${logRetentionChoices.join(", ")}`]);
    check("keepImages", r.keepImages, wholeNumberProblems(r.keepImages, 1, 1000));
    check("uploadsGlacierTransitionDays", r.uploadsGlacierTransitionDays, wholeNumberProblems(r.uploadsGlacierTransitionDays, 1, 3650));
    check("containerUser", r.containerUser, /^[1-9]\d*:[1-9]\d*$/.test(r.containerUser) ? [] : ["a numeric uid:gid other than root, such as 33:33"]);
    for (const key of Object.keys(r.environment).filter((key) => reservedVariables.includes(key) || !/^[A-Z_][A-Z0-9_]*$/.test(key))) {
        check(`environment.${key}`, r.environment[key], [`a variable name of upper-case letters, digits and '_', none of ${reservedVariables.join(", ")}`]);
    }

    r.deployReadActions.forEach((action, index) => check(`deployReadActions[${index}]`, action, /^[a-z0-9-]+:(Describe|Get|List)[A-Za-z]+$/.test(action) ? [] : ["a read-only action: <service>:Describe*, Get* or List*, without wildcards"]));

    const { database, cache, cutover } = r;
    check("database.instanceClass", database.instanceClass, rdsInstanceClassProblems(database.instanceClass));
    check("database.engineVersion", database.engineVersion, mysqlVersions.includes(database.engineVersion) ? [] : [`a MySQL major version: ${mysqlVersions.join(", ")}`]);
    check("database.allocatedStorage", database.allocatedStorage, wholeNumberProblems(database.allocatedStorage, 20, 65536));
    if (database.maxAllocatedStorage !== undefined) {
        check("database.maxAllocatedStorage", database.maxAllocatedStorage, wholeNumberProblems(database.maxAllocatedStorage, database.allocatedStorage + 1, 65536));
    }
    check("database.backupRetentionDays", database.backupRetentionDays, wholeNumberProblems(database.backupRetentionDays, 7, 35));
    check("database.dbName", database.dbName, /^[a-z][a-z0-9_]{0,63}$/.test(database.dbName) ? [] : ["a MySQL database name: a lower-case letter, then up to 63 lower-case letters, digits or underscores"]);
    if (!cacheEngineNames.includes(cache.engine)) {
        check("cache.engine", cache.engine, [cacheEngineNames.join(" or ")]);
    } else {
        const versions: readonly string[] = cacheEngines[cache.engine].versions;
        check("cache.engineVersion", cache.engineVersion, versions.includes(cache.engineVersion) ? [] : [`a ${cache.engine} version: ${versions.join(", ")}`]);
    }
    check("cache.nodeType", cache.nodeType, cacheNodeTypeProblems(cache.nodeType));
    check("cache.snapshotRetentionDays", cache.snapshotRetentionDays, wholeNumberProblems(cache.snapshotRetentionDays, 0, 35));

    check("cutover.weight", cutover.weight, weightProblems(cutover.weight));
    cutover.legacyAddresses.forEach((address, index) => check(`cutover.legacyAddresses[${index}]`, address, ipv4AddressProblems(address)));
    if (cutover.removeLegacyRecord && cutover.weight !== 100) {
        check("cutover.removeLegacyRecord", cutover.removeLegacyRecord, [`false while cutover.weight is below 100 (found weight ${cutover.weight})`]);
    }
    if (!cutover.removeLegacyRecord && cutover.weight !== 100 && cutover.legacyAddresses.length === 0) {
        check("cutover.legacyAddresses", cutover.legacyAddresses, ["the legacy servers' addresses while cutover.weight is below 100"]);
    }
    return { resolved, problems };
}
