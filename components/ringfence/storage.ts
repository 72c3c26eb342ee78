import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { bucketBaseline, dataClassTag, glacierInstantRetrievalRule } from "../s3-origin/bucket";

export interface TenantBucketArgs {
    /** ARN of the tenant key: default encryption (SSE-KMS with an S3 bucket key). */
    readonly keyArn: pulumi.Input<string>;
    readonly noncurrentVersionExpirationDays: number;
    readonly glacierTransitionDays: number;
    readonly abortIncompleteMultipartUploadDays: number;
    readonly tags: Record<string, string>;
}

/**
 * The tenant's data bucket and the settings that guard it. The guards share the bucket's
 * options (`protect`/`retainOnDelete`): they go or stay together, so no step can leave the
 * bucket behind without its public access block, encryption or versioning.
 */
export function tenantBucket(name: string, args: TenantBucketArgs, opts: pulumi.CustomResourceOptions): aws.s3.Bucket {
    const bucket = new aws.s3.Bucket(name, { tags: { ...args.tags, ...dataClassTag("data") } }, opts);
    const { versioning } = bucketBaseline(name, {
        bucket,
        objectOwnership: "BucketOwnerEnforced",
        encryption: { sseAlgorithm: "aws:kms", keyArn: args.keyArn },
        versioning: true,
    }, opts);
    // Lifecycle rules on noncurrent versions need versioning switched on first.
    new aws.s3.BucketLifecycleConfiguration(`${name}-lifecycle`, {
        bucket: bucket.id,
        rules: [
            {
                id: "tenant-retention",
                status: "Enabled",
                filter: {},
                noncurrentVersionExpiration: { noncurrentDays: args.noncurrentVersionExpirationDays },
                expiration: { expiredObjectDeleteMarker: true },
                abortIncompleteMultipartUpload: { daysAfterInitiation: args.abortIncompleteMultipartUploadDays },
            },
            glacierInstantRetrievalRule(args.glacierTransitionDays),
        ],
    }, { ...opts, dependsOn: versioning ? [versioning] : [] });
    return bucket;
}
