import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { awsAccountId, awsPartition } from "../lookups";
import { bucketBaseline, dataClassTag } from "../s3-origin/bucket";
import { logBucketPolicy } from "./policy";

export interface LogBucketResourcesArgs {
    /** Globally unique bucket name. */
    readonly bucketName: pulumi.Input<string>;
    /** Days a log object is kept before S3 expires it. */
    readonly retentionDays: number;
    /** The region of `opts.provider`: flow logs are delivered by that region's log delivery. */
    readonly region: string;
}

/**
 * A bucket that receives logs and nothing else: all public access blocked; `BucketOwnerPreferred`
 * (CloudFront standard logging delivers through an ACL grant, so ACLs stay enabled, and objects
 * written with `bucket-owner-full-control` become the bucket owner's); SSE-S3 (S3 server access
 * logging cannot write to a bucket whose default encryption is SSE-KMS); no versioning (a log is
 * written once, and expiring it must delete it); every object expires after `retentionDays`. It
 * logs nothing of its own: logging a log bucket into itself would log its own deliveries forever.
 * Every piece is retained on delete, so the audit trail outlives the stack's last use of the
 * region and still expires by its lifecycle.
 */
export interface LogBucketResources {
    readonly bucket: aws.s3.Bucket;
    /** The policy that admits the log deliveries; it lands after the ownership setting and public access block. */
    readonly policy: aws.s3.BucketPolicy;
}

export function logBucket(name: string, args: LogBucketResourcesArgs, opts: pulumi.CustomResourceOptions): LogBucketResources {
    const kept = { ...opts, retainOnDelete: true };
    const bucket = new aws.s3.Bucket(name, { bucket: args.bucketName, forceDestroy: false, tags: dataClassTag("logs") }, kept);
    const baseline = bucketBaseline(name, {
        bucket,
        objectOwnership: "BucketOwnerPreferred",
        encryption: { sseAlgorithm: "AES256" },
        versioning: false,
    }, kept);
    new aws.s3.BucketLifecycleConfiguration(`${name}-lifecycle`, {
        bucket: bucket.id,
        rules: [{
            id: "expire-logs",
            status: "Enabled",
            filter: {},
            expiration: { days: args.retentionDays },
            abortIncompleteMultipartUpload: { daysAfterInitiation: 1 },
        }],
    }, kept);
    const invokeOpts = { parent: opts.parent, provider: opts.provider };
    const policy = new aws.s3.BucketPolicy(`${name}-policy`, {
        bucket: bucket.id,
        policy: pulumi.all([bucket.arn, awsAccountId(invokeOpts), awsPartition(invokeOpts)]).apply(
            ([bucketArn, account, partition]) => JSON.stringify(logBucketPolicy({ bucketArn, account, partition, region: args.region }))),
    }, { ...kept, dependsOn: baseline.policyPrerequisites });
    return { bucket, policy };
}
