import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/**
 * What a bucket holds, as its `data-class` tag says (the policy pack requires the tag): `data` is
 * kept and moved to Glacier Instant Retrieval as it ages, `site` is a rebuildable build, `logs`
 * expire.
 */
export type DataClass = "data" | "site" | "logs";

/** The tag every bucket of the platform carries. */
export function dataClassTag(dataClass: DataClass): Record<string, string> {
    return { "data-class": dataClass };
}

/** Glacier Instant Retrieval bills every object as at least 128 KiB: smaller ones stay in Standard. */
const glacierMinimumBillableBytes = 128 * 1024;

/**
 * The lifecycle rule of a `data` bucket: current objects of 128 KiB or more move to Glacier
 * Instant Retrieval (-68 % storage price, still read in milliseconds) after `days`.
 */
export function glacierInstantRetrievalRule(days: number): aws.types.input.s3.BucketLifecycleConfigurationRule {
    return {
        id: "glacier-instant-retrieval",
        status: "Enabled",
        filter: { objectSizeGreaterThan: glacierMinimumBillableBytes },
        transitions: [{ days, storageClass: "GLACIER_IR" }],
    };
}

export interface BucketBaselineArgs {
    /** The bucket the settings guard. */
    readonly bucket: aws.s3.Bucket;
    /**
     * `BucketOwnerEnforced` disables ACLs. CloudFront standard logging delivers through an ACL
     * grant, so a log bucket needs `BucketOwnerPreferred`.
     */
    readonly objectOwnership: "BucketOwnerEnforced" | "BucketOwnerPreferred";
    /** Default encryption: SSE-S3, or SSE-KMS with this key and an S3 bucket key. */
    readonly encryption: { readonly sseAlgorithm: "AES256" } | { readonly sseAlgorithm: "aws:kms"; readonly keyArn: pulumi.Input<string> };
    /** Keep replaced and deleted object versions (lifecycle rules decide for how long). */
    readonly versioning: boolean;
}

export interface BucketBaseline {
    /** Settings a bucket policy must follow, so the policy never lands on a bucket still open to public policies. */
    readonly policyPrerequisites: pulumi.Resource[];
    /** Versioning, when on: lifecycle rules on noncurrent versions need it switched on first. */
    readonly versioning?: aws.s3.BucketVersioning;
}

/**
 * What every bucket of the platform gets, whatever it holds: all four public access blocks on (no
 * ACL or bucket policy can ever make it public), the object ownership rule, default encryption and
 * (when asked) versioning. The settings share `opts` with each other, so `protect` and
 * `retainOnDelete` keep or release them together.
 */
export function bucketBaseline(name: string, args: BucketBaselineArgs, opts: pulumi.CustomResourceOptions): BucketBaseline {
    const bucket = args.bucket.id;
    const publicAccessBlock = new aws.s3.BucketPublicAccessBlock(`${name}-public-access`, {
        bucket,
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
    }, opts);
    const ownership = new aws.s3.BucketOwnershipControls(`${name}-ownership`, { bucket, rule: { objectOwnership: args.objectOwnership } }, opts);
    const encryption = args.encryption;
    new aws.s3.BucketServerSideEncryptionConfiguration(`${name}-encryption`, {
        bucket,
        rules: [encryption.sseAlgorithm === "aws:kms"
            ? { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: encryption.keyArn }, bucketKeyEnabled: true }
            : { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
    }, opts);
    const versioning = args.versioning
        ? new aws.s3.BucketVersioning(`${name}-versioning`, { bucket, versioningConfiguration: { status: "Enabled" } }, opts)
        : undefined;
    return { policyPrerequisites: [publicAccessBlock, ownership], versioning };
}
