import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { denyInsecureTransport } from "../iam/documents";
import { awsAccountId } from "../lookups";
import { bucketBaseline, dataClassTag, glacierInstantRetrievalRule } from "../s3-origin/bucket";

export interface UploadsBucketArgs {
    readonly bucketName: pulumi.Input<string>;
    readonly keyArn: pulumi.Input<string>;
    /** Days a replaced or deleted upload stays recoverable. */
    readonly noncurrentVersionExpirationDays: number;
    /** Days after which uploads of 128 KiB or more move to Glacier Instant Retrieval. */
    readonly glacierTransitionDays: number;
}

/**
 * User uploads, which the EC2 servers kept on local disk and a task cannot (its disk dies with
 * it): private, SSE-KMS with the site key and an S3 bucket key, versioned, TLS only. The bucket
 * is protected; its settings are harmless to replace.
 */
export function uploadsBucket(name: string, args: UploadsBucketArgs, opts: pulumi.CustomResourceOptions): aws.s3.Bucket {
    const bucket = new aws.s3.Bucket(name, { bucket: args.bucketName, forceDestroy: false, tags: dataClassTag("data") }, { ...opts, protect: true });
    const baseline = bucketBaseline(name, {
        bucket,
        objectOwnership: "BucketOwnerEnforced",
        encryption: { sseAlgorithm: "aws:kms", keyArn: args.keyArn },
        versioning: true,
    }, opts);
    new aws.s3.BucketLifecycleConfiguration(name, {
        bucket: bucket.id,
        rules: [{
            id: "expire-noncurrent-versions",
            status: "Enabled",
            filter: {},
            noncurrentVersionExpiration: { noncurrentDays: args.noncurrentVersionExpirationDays },
            abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
        }, glacierInstantRetrievalRule(args.glacierTransitionDays)],
    }, { ...opts, dependsOn: baseline.versioning ? [baseline.versioning] : [] });
    new aws.s3.BucketPolicy(name, {
        bucket: bucket.id,
        policy: bucket.arn.apply((arn) => JSON.stringify({ Version: "2012-10-17", Statement: [denyInsecureTransport(arn)] })),
    }, { ...opts, dependsOn: baseline.policyPrerequisites });
    return bucket;
}

export interface AccessLogBucketArgs {
    readonly bucketName: pulumi.Input<string>;
    readonly retentionDays: number;
    /** Key prefix the ALB writes under. */
    readonly prefix: string;
}

/**
 * The ALB's access logs. ELB delivers them from the region's ELB account with SSE-S3 only (no
 * KMS), so the bucket policy admits that account's `PutObject` under this account's prefix, and
 * objects expire after `retentionDays`.
 */
export function accessLogBucket(name: string, args: AccessLogBucketArgs, opts: pulumi.CustomResourceOptions): aws.s3.Bucket {
    const bucket = new aws.s3.Bucket(name, { bucket: args.bucketName, forceDestroy: false, tags: dataClassTag("logs") }, opts);
    // ELB delivers access logs with SSE-S3 only.
    const baseline = bucketBaseline(name, { bucket, objectOwnership: "BucketOwnerEnforced", encryption: { sseAlgorithm: "AES256" }, versioning: false }, opts);
    new aws.s3.BucketLifecycleConfiguration(name, {
        bucket: bucket.id,
        rules: [{ id: "expire-access-logs", status: "Enabled", filter: {}, expiration: { days: args.retentionDays }, abortIncompleteMultipartUpload: { daysAfterInitiation: 1 } }],
    }, opts);
    const invokeOpts = { parent: opts.parent, provider: opts.provider };
    const elbAccount = aws.elb.getServiceAccountOutput({}, invokeOpts);
    const account = awsAccountId(invokeOpts);
    new aws.s3.BucketPolicy(name, {
        bucket: bucket.id,
        policy: pulumi.all([bucket.arn, elbAccount.arn, account]).apply(([arn, elbAccountArn, accountId]) => JSON.stringify({
            Version: "2012-10-17",
            Statement: [
                denyInsecureTransport(arn),
                {
                    Sid: "ElbAccessLogs",
                    Effect: "Allow",
                    Principal: { AWS: elbAccountArn },
                    Action: "s3:PutObject",
                    Resource: `${arn}/${args.prefix}/AWSLogs/${accountId}/*`,
                },
            ],
        })),
    }, { ...opts, dependsOn: baseline.policyPrerequisites });
    return bucket;
}
