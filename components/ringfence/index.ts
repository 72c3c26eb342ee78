import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { checkedArgs } from "../args";
import { irsaTrustPolicy } from "../iam/irsa";
import { accessLogging } from "../log-bucket/logging";
import { awsAccountId, awsPartition } from "../lookups";
import { resolveArgs, RingfenceArgs } from "./args";
import { tenantCdn } from "./cdn";
import { tenantDatabase } from "./database";
import { tenantNamespace } from "./kubernetes";
import { tenantBucketPolicy, tenantKeyPolicy, tenantRolePolicy } from "./policies";
import { databaseEngines } from "../rules/rds";
import { tenantBucket } from "./storage";

/** The tag the policy pack (`policy/util.ts`) accepts in place of `protect` on a data store. */
const offboardingTag = "offboarding";

export { RingfenceArgs, RingfenceCdnArgs, RingfenceDatabaseArgs, RingfenceStorageArgs } from "./args";
export { NamespaceQuota } from "./kubernetes";

/**
 * One tenant's ringfenced persistence, all at rest in the tenant's region: a KMS key, a data
 * bucket, a database and a CloudFront distribution for the bucket's CDN prefix, an IAM role that
 * reaches only those, and a namespace whose service account assumes that role. Data stores and
 * their guards are `protect`ed: removing the tenant from config fails until it is off-boarded
 * (`offboarding: true`, see README).
 */
export class Ringfence extends pulumi.ComponentResource {
    /** The tenant's namespace, `tenant-<tenant>`. */
    readonly namespace: string;
    /** The service account in it that assumes the tenant role. */
    readonly serviceAccountName: string;
    /** The tenant role, which reaches only this tenant's key, bucket, database and distribution. */
    readonly roleArn: pulumi.Output<string>;
    /** The tenant's KMS key, encrypting everything of the tenant at rest. */
    readonly keyArn: pulumi.Output<string>;
    /** The tenant's data bucket. */
    readonly bucketName: pulumi.Output<string>;
    /** `<host>:<port>` of the database. */
    readonly dbEndpoint: pulumi.Output<string>;
    /** The database's hostname alone, as `aws rds generate-db-auth-token --hostname` takes it. */
    readonly dbAddress: pulumi.Output<string>;
    /** Secrets Manager secret holding the master user's credentials, managed by RDS. */
    readonly dbSecretArn: pulumi.Output<string>;
    /** The tenant's CloudFront distribution, for invalidations. */
    readonly distributionId: pulumi.Output<string>;
    /** `https://<cdn.domain>`. */
    readonly cdnUrl: string;

    constructor(name: string, args: RingfenceArgs, opts?: pulumi.ComponentResourceOptions) {
        const resolved = checkedArgs("Ringfence", name, resolveArgs(args), opts);
        super("platform:ringfence:Ringfence", name, {}, opts);
        const { database, storage, cdn, offboarding } = resolved;
        const tags = { tenant: args.tenant };
        const inRegion = { parent: this, provider: args.providers.forRegion(args.region) };
        const inCluster = { parent: this, provider: args.cluster.provider };
        // Data stores and their guards: locked while the tenant is active; once off-boarding,
        // unlocked but kept in the account when removed from the stack.
        const keptData = { ...inRegion, protect: !offboarding, retainOnDelete: offboarding };
        // The policy pack lets a data store go unprotected only with this tag, which the
        // off-boarding change adds in plain sight of its review.
        const dataTags = offboarding ? { ...tags, [offboardingTag]: "true" } : tags;
        const namespace = `tenant-${args.tenant}`;

        const account = awsAccountId(inRegion);
        const partition = awsPartition(inRegion);
        const role = new aws.iam.Role(`${name}-role`, {
            description: `Tenant ${args.tenant}: ${namespace}/${resolved.serviceAccountName} through IRSA`,
            assumeRolePolicy: irsaTrustPolicy(resolved.oidc, { namespace, name: resolved.serviceAccountName }),
            tags,
        }, inRegion);

        const key = new aws.kms.Key(`${name}-key`, {
            description: `Tenant ${args.tenant}: data at rest in ${args.region}`,
            enableKeyRotation: true,
            deletionWindowInDays: 30,
            tags: dataTags,
        }, keptData);
        // Alias names are unique per account and region, which two stacks may share.
        new aws.kms.Alias(`${name}-key-alias`, { name: `alias/${namespace}-${args.nameSuffix}`, targetKeyId: key.keyId }, keptData);

        const dbIdentifier = `${namespace}-${args.nameSuffix}`;
        const bucket = tenantBucket(`${name}-data`, { keyArn: key.arn, ...storage, tags: dataTags }, keptData);
        // Who read or wrote which object: kept and released with the bucket's other guards.
        accessLogging(`${name}-data`, { bucket, destination: args.logs, source: name }, keptData);
        const distribution = tenantCdn(`${name}-cdn`, {
            ...cdn,
            bucket,
            certificateProvider: args.providers.forRegion("us-east-1"),
            tags,
            logs: args.logs,
            source: name,
        }, inRegion);

        const arns = pulumi.all([partition, account, role.arn, key.arn, bucket.arn, distribution.arn]).apply(
            ([partition, account, roleArn, keyArn, bucketArn, distributionArn]) =>
                ({ partition, account, region: args.region, roleArn, keyArn, bucketArn, distributionArn, cdnPrefix: cdn.prefix, dbIdentifier }),
        );
        const keyPolicy = new aws.kms.KeyPolicy(`${name}-key-policy`, { keyId: key.keyId, policy: arns.apply((a) => JSON.stringify(tenantKeyPolicy(a))) }, keptData);
        const db = tenantDatabase(`${name}-db`, {
            ...database,
            identifier: dbIdentifier,
            keyArn: key.arn,
            keyPolicy,
            vpcId: args.network.vpcId,
            subnetIds: args.network.subnetIds,
            clientCidr: args.clusterCidr,
            deletionProtection: !offboarding,
            tags: dataTags,
        }, inRegion);
        new aws.s3.BucketPolicy(`${name}-data-policy`, { bucket: bucket.id, policy: arns.apply((a) => JSON.stringify(tenantBucketPolicy(a))) }, keptData);
        const dbSecretArn = db.masterUserSecrets.apply((secrets) => secrets[0].secretArn);
        new aws.iam.RolePolicy(`${name}-role-policy`, {
            role: role.name,
            policy: pulumi.all([arns, db.resourceId, dbSecretArn]).apply(([a, dbResourceId, secretArn]) =>
                JSON.stringify(tenantRolePolicy({ ...a, dbResourceId, dbUser: database.iamUser, dbSecretArn: secretArn }))),
        }, inRegion);

        tenantNamespace(name, {
            namespace,
            serviceAccountName: resolved.serviceAccountName,
            roleArn: role.arn,
            quota: resolved.quota,
            databaseCidr: args.network.cidr,
            databasePort: databaseEngines[database.engine].port,
            labels: { "platform/tenant": args.tenant },
        }, inCluster);

        this.namespace = namespace;
        this.serviceAccountName = resolved.serviceAccountName;
        this.roleArn = role.arn;
        this.keyArn = key.arn;
        this.bucketName = bucket.bucket;
        this.dbEndpoint = db.endpoint;
        this.dbAddress = db.address;
        this.dbSecretArn = dbSecretArn;
        this.distributionId = distribution.id;
        this.cdnUrl = `https://${cdn.domain}`;
        this.registerOutputs({
            namespace: this.namespace,
            serviceAccountName: this.serviceAccountName,
            roleArn: this.roleArn,
            keyArn: this.keyArn,
            bucketName: this.bucketName,
            dbEndpoint: this.dbEndpoint,
            dbAddress: this.dbAddress,
            dbSecretArn: this.dbSecretArn,
            distributionId: this.distributionId,
            cdnUrl: this.cdnUrl,
        });
    }
}

