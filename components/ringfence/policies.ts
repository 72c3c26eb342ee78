/**
 * The IAM documents of a ringfence: pure functions of ARNs, so tests can evaluate the exact
 * documents the stack registers. Each one names only this tenant's resources.
 */
import { allowCloudFrontRead, denyInsecureTransport, PolicyDocument } from "../iam/documents";
import { accountAdministersKey, cloudWatchLogsUseKey } from "../iam/kms";

/** The tenant's key, bucket, distribution and role, as the key and bucket policies name them. */
export interface TenantResourceArns {
    readonly partition: string;
    readonly account: string;
    readonly region: string;
    readonly roleArn: string;
    readonly keyArn: string;
    readonly bucketArn: string;
    readonly distributionArn: string;
    /** Key prefix the distribution may read, without slashes (e.g. `public`). */
    readonly cdnPrefix: string;
    /** RDS identifier of the tenant database, whose log groups are `/aws/rds/instance/<identifier>/<log>`. */
    readonly dbIdentifier: string;
}

/** Everything the tenant role is granted, by ARN. */
export interface TenantRoleGrants {
    readonly partition: string;
    readonly account: string;
    readonly region: string;
    readonly keyArn: string;
    readonly bucketArn: string;
    readonly distributionArn: string;
    /** `DbiResourceId` of the instance (`db-...`), which `rds-db:connect` ARNs use instead of its name. */
    readonly dbResourceId: string;
    /** Database user the workload logs in as with an IAM token. */
    readonly dbUser: string;
    /** The master user secret RDS manages in Secrets Manager. */
    readonly dbSecretArn: string;
}

const tenantKeyUse = ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey*", "kms:DescribeKey"];

/**
 * The tenant key's policy: the account root administers the key; RDS and Secrets Manager use it
 * on behalf of principals of this account (storage encryption, snapshots, the master user
 * secret: `kms:ViaService`); the tenant role encrypts, decrypts and makes data keys; CloudFront
 * decrypts objects for this tenant's distribution only (`AWS:SourceArn`), which SSE-KMS objects
 * served through Origin Access Control need; CloudWatch Logs encrypts the tenant database's log
 * groups and no others.
 */
export function tenantKeyPolicy(arns: TenantResourceArns): PolicyDocument {
    const root = `arn:${arns.partition}:iam::${arns.account}:root`;
    return {
        Version: "2012-10-17",
        Statement: [
            accountAdministersKey(arns),
            {
                Sid: "AccountUsesKeyThroughRdsAndSecretsManager",
                Effect: "Allow",
                Principal: { AWS: root },
                Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:CreateGrant", "kms:DescribeKey"],
                Resource: "*",
                Condition: {
                    StringEquals: {
                        "kms:CallerAccount": arns.account,
                        "kms:ViaService": [`rds.${arns.region}.amazonaws.com`, `secretsmanager.${arns.region}.amazonaws.com`],
                    },
                },
            },
            { Sid: "TenantRoleUsesKey", Effect: "Allow", Principal: { AWS: arns.roleArn }, Action: tenantKeyUse, Resource: "*" },
            {
                Sid: "TenantDistributionDecrypts",
                Effect: "Allow",
                Principal: { Service: "cloudfront.amazonaws.com" },
                Action: "kms:Decrypt",
                Resource: "*",
                Condition: { StringEquals: { "AWS:SourceArn": arns.distributionArn } },
            },
            cloudWatchLogsUseKey("TenantDatabaseLogsEncrypt", arns, [`/aws/rds/instance/${arns.dbIdentifier}/*`]),
        ],
    };
}

/**
 * The tenant bucket's policy: no plain-HTTP access; every upload names SSE-KMS and the tenant
 * key explicitly (a client sending `aws:kms` without a key id would get the account's `aws/s3`
 * key, which the ringfence does not control); and CloudFront reads the CDN prefix for this
 * tenant's distribution only.
 */
export function tenantBucketPolicy(arns: TenantResourceArns): PolicyDocument {
    const objects = `${arns.bucketArn}/*`;
    return {
        Version: "2012-10-17",
        Statement: [
            denyInsecureTransport(arns.bucketArn),
            {
                Sid: "DenyUploadsWithoutKms",
                Effect: "Deny",
                Principal: "*",
                Action: "s3:PutObject",
                Resource: objects,
                Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption": "aws:kms" } },
            },
            {
                Sid: "DenyUploadsWithoutTenantKey",
                Effect: "Deny",
                Principal: "*",
                Action: "s3:PutObject",
                Resource: objects,
                Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption-aws-kms-key-id": arns.keyArn } },
            },
            allowCloudFrontRead("TenantDistributionReadsCdnPrefix", `${arns.bucketArn}/${arns.cdnPrefix}/*`, arns.distributionArn),
        ],
    };
}

/**
 * The tenant role's permissions: this tenant's bucket and objects, its key, its database user,
 * its database secret and its distribution. The only patterns are the object suffix `/*` on its
 * own bucket; the `dbuser` ARN is exact.
 */
export function tenantRolePolicy(grants: TenantRoleGrants): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            { Sid: "ListTenantBucket", Effect: "Allow", Action: "s3:ListBucket", Resource: grants.bucketArn },
            {
                Sid: "ReadWriteTenantObjects",
                Effect: "Allow",
                Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"],
                Resource: `${grants.bucketArn}/*`,
            },
            { Sid: "UseTenantKey", Effect: "Allow", Action: tenantKeyUse, Resource: grants.keyArn },
            {
                Sid: "ConnectAsTenantDbUser",
                Effect: "Allow",
                Action: "rds-db:connect",
                Resource: `arn:${grants.partition}:rds-db:${grants.region}:${grants.account}:dbuser:${grants.dbResourceId}/${grants.dbUser}`,
            },
            { Sid: "ReadTenantDbSecret", Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: grants.dbSecretArn },
            { Sid: "InvalidateTenantCdn", Effect: "Allow", Action: "cloudfront:CreateInvalidation", Resource: grants.distributionArn },
        ],
    };
}
