import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { bucketBaseline, dataClassTag } from "../s3-origin/bucket";

export interface PrivateBucketArgs {
    readonly bucketName: string;
    readonly versioning: boolean;
    readonly lifecycleRules: aws.types.input.s3.BucketLifecycleConfigurationRule[];
}

export interface PrivateBucket {
    readonly bucket: aws.s3.Bucket;
    /** Settings a bucket policy must follow, so the policy never lands on a bucket still open to public policies. */
    readonly policyPrerequisites: pulumi.Resource[];
}

/**
 * The site bucket, which no one reaches except through its policy: the platform's bucket baseline
 * with ACLs disabled and SSE-S3, and lifecycle rules. `forceDestroy` stays off, so deleting a bucket that still holds objects
 * fails instead of emptying it.
 */
export function privateBucket(name: string, args: PrivateBucketArgs, opts: pulumi.CustomResourceOptions): PrivateBucket {
    const bucket = new aws.s3.Bucket(name, { bucket: args.bucketName, forceDestroy: false, tags: dataClassTag("site") }, opts);
    // The settings were named like the bucket before the baseline was shared; the alias keeps
    // them in place instead of deleting and recreating a bucket's public access block.
    const baseline = bucketBaseline(name, {
        bucket,
        objectOwnership: "BucketOwnerEnforced",
        encryption: { sseAlgorithm: "AES256" },
        versioning: args.versioning,
    }, { ...opts, aliases: [{ name }] });
    // Noncurrent-version rules only take effect once versioning is on.
    new aws.s3.BucketLifecycleConfiguration(name, { bucket: bucket.id, rules: args.lifecycleRules }, { ...opts, dependsOn: baseline.versioning ? [baseline.versioning] : [] });
    return { bucket, policyPrerequisites: baseline.policyPrerequisites };
}
