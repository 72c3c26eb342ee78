import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface PrivateBucketArgs {
    readonly bucketName: string;
    /**
     * `BucketOwnerEnforced` disables ACLs (the site bucket). CloudFront standard logging delivers
     * through an ACL grant, so a log bucket needs `BucketOwnerPreferred`.
     */
    readonly objectOwnership: "BucketOwnerEnforced" | "BucketOwnerPreferred";
    readonly versioning: boolean;
    readonly lifecycleRules: aws.types.input.s3.BucketLifecycleConfigurationRule[];
}

export interface PrivateBucket {
    readonly bucket: aws.s3.Bucket;
    /** Settings a bucket policy must follow, so the policy never lands on a bucket still open to public policies. */
    readonly controls: pulumi.Resource[];
}

/** All four public access blocks on: no ACL or bucket policy can ever make the bucket public. */
export function blockAllPublicAccess(name: string, bucket: aws.s3.Bucket, opts: pulumi.CustomResourceOptions): aws.s3.BucketPublicAccessBlock {
    return new aws.s3.BucketPublicAccessBlock(name, {
        bucket: bucket.id,
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
    }, opts);
}

/**
 * A bucket no one reaches except through its policy: every public access block on, SSE-S3, and
 * lifecycle rules. `forceDestroy` stays off, so deleting a bucket that still holds objects fails
 * instead of emptying it.
 */
export function privateBucket(name: string, args: PrivateBucketArgs, parent: pulumi.Resource): PrivateBucket {
    const opts = { parent };
    const bucket = new aws.s3.Bucket(name, { bucket: args.bucketName, forceDestroy: false }, opts);
    const publicAccessBlock = blockAllPublicAccess(name, bucket, opts);
    const ownership = new aws.s3.BucketOwnershipControls(name, {
        bucket: bucket.id,
        rule: { objectOwnership: args.objectOwnership },
    }, opts);
    new aws.s3.BucketServerSideEncryptionConfiguration(name, {
        bucket: bucket.id,
        rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
    }, opts);
    const versioning = args.versioning
        ? [new aws.s3.BucketVersioning(name, { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } }, opts)]
        : [];
    // Noncurrent-version rules only take effect once versioning is on.
    new aws.s3.BucketLifecycleConfiguration(name, { bucket: bucket.id, rules: args.lifecycleRules }, { parent, dependsOn: versioning });
    return { bucket, controls: [publicAccessBlock, ownership] };
}
