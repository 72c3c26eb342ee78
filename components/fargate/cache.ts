import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { CacheEngine } from "../rules/fargate";

export const cachePort = 6379;

/** The version of the write-only token inputs; raising it sends the current token again (rotation). */
const authTokenVersion = 1;

export interface SessionCacheArgs {
    readonly replicationGroupId: string;
    readonly engine: CacheEngine;
    readonly engineVersion: string;
    readonly nodeType: string;
    readonly snapshotRetentionDays: number;
    readonly multiAz: boolean;
    readonly keyArn: pulumi.Input<string>;
    readonly subnetIds: pulumi.Input<string>[];
    readonly securityGroupId: pulumi.Input<string>;
}

export interface SessionCache {
    readonly replicationGroup: aws.elasticache.ReplicationGroup;
    /** Secrets Manager secret holding the auth token, the value the container gets. */
    readonly authTokenSecret: aws.secretsmanager.Secret;
}

/**
 * The session cache: a replication group encrypted at rest with the site key and in transit
 * (TLS required: PHP connects to `tls://<host>:6379`), with an auth token generated at deploy
 * time. The token lives only in secret state (the `random` resource); the replication group and
 * a Secrets Manager secret encrypted with the site key (from which ECS injects it) get it as
 * write-only inputs, never read back nor kept in their state. It is never in config or a plain
 * output. With `multiAz`, a replica in a second AZ and automatic failover. The replication group
 * is protected.
 */
export function sessionCache(name: string, args: SessionCacheArgs, opts: pulumi.CustomResourceOptions): SessionCache {
    // ElastiCache auth tokens: 16-128 printable characters without @, " or /; letters and digits keep URLs simple.
    const authToken = new random.RandomPassword(`${name}-auth-token`, { length: 64, special: false }, { parent: opts.parent });
    const authTokenSecret = new aws.secretsmanager.Secret(`${name}-auth-token`, {
        name: `${args.replicationGroupId}/cache-auth-token`,
        description: `${args.replicationGroupId}: auth token of the session cache`,
        kmsKeyId: args.keyArn,
        recoveryWindowInDays: 30,
    }, opts);
    // Write-only: the token is sent on create (and when the version changes) and never stored back,
    // so neither this resource's state nor a refresh's diff carries it.
    new aws.secretsmanager.SecretVersion(`${name}-auth-token`, { secretId: authTokenSecret.id, secretStringWo: authToken.result, secretStringWoVersion: authTokenVersion }, opts);
    const subnetGroup = new aws.elasticache.SubnetGroup(`${name}-subnets`, {
        name: `${args.replicationGroupId}-cache`,
        description: `${args.replicationGroupId}: private subnets`,
        subnetIds: args.subnetIds,
    }, opts);
    const replicationGroup = new aws.elasticache.ReplicationGroup(name, {
        replicationGroupId: args.replicationGroupId,
        description: `${args.replicationGroupId}: PHP sessions`,
        engine: args.engine,
        engineVersion: args.engineVersion,
        nodeType: args.nodeType,
        port: cachePort,
        numCacheClusters: args.multiAz ? 2 : 1,
        automaticFailoverEnabled: args.multiAz,
        multiAzEnabled: args.multiAz,
        atRestEncryptionEnabled: true,
        kmsKeyId: args.keyArn,
        transitEncryptionEnabled: true,
        transitEncryptionMode: "required",
        authTokenWo: authToken.result,
        authTokenWoVersion: authTokenVersion,
        subnetGroupName: subnetGroup.name,
        securityGroupIds: [args.securityGroupId],
        snapshotRetentionLimit: args.snapshotRetentionDays,
        finalSnapshotIdentifier: args.snapshotRetentionDays > 0 ? `${args.replicationGroupId}-final` : undefined,
        autoMinorVersionUpgrade: true,
    }, { ...opts, protect: true });
    return { replicationGroup, authTokenSecret };
}
