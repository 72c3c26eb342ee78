import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { bucketOf, bucketTypes, isOffboarding, known, offboardingTag, ofType } from "./util";

/** Data that cannot be rebuilt from code: deleting one of these must take a deliberate step. */
const statefulTypes = new Set([
    "aws:rds/instance:Instance",
    "aws:rds/cluster:Cluster",
    "aws:kms/key:Key",
    "aws:kms/replicaKey:ReplicaKey",
    "aws:kms/externalKey:ExternalKey",
    "aws:dynamodb/table:Table",
    "aws:efs/fileSystem:FileSystem",
]);

const bucketSettings = {
    publicAccessBlock: new Set(["aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"]),
    encryption: new Set([
        "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
        "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
    ]),
    versioning: new Set(["aws:s3/bucketVersioning:BucketVersioning", "aws:s3/bucketVersioningV2:BucketVersioningV2"]),
};

const publicAccessFlags = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"];

export const s3PublicAccessBlocked: ResourceValidationPolicy = {
    name: "s3-public-access-blocked",
    description: "S3 public access blocks set all four flags; a bucket is never public (CloudFront reads through OAC).",
    enforcementLevel: "mandatory",
    validateResource: ofType("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", (_props, args, reportViolation) => {
        for (const flag of publicAccessFlags) {
            if (args.props[flag] !== true) {
                reportViolation(`${flag} must be true`);
            }
        }
    }),
};

export const s3BucketBaseline: StackValidationPolicy = {
    name: "s3-bucket-baseline",
    description: "Every S3 bucket has a public access block and explicit server-side encryption; protected (data) buckets are versioned.",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
        const buckets = args.resources.filter((resource) => bucketTypes.has(resource.type));
        const settingsOf = (kind: keyof typeof bucketSettings) =>
            new Set(args.resources.filter((resource) => bucketSettings[kind].has(resource.type)).map((setting) => bucketOf(setting, buckets)?.urn));
        const blocked = settingsOf("publicAccessBlock");
        const encrypted = settingsOf("encryption");
        const versioned = new Set(
            args.resources
                .filter((resource) => bucketSettings.versioning.has(resource.type) && resource.props.versioningConfiguration?.status === "Enabled")
                .map((setting) => bucketOf(setting, buckets)?.urn),
        );
        for (const bucket of buckets) {
            if (!blocked.has(bucket.urn)) {
                reportViolation("bucket has no BucketPublicAccessBlock", bucket.urn);
            }
            if (!encrypted.has(bucket.urn)) {
                reportViolation("bucket has no BucketServerSideEncryptionConfiguration", bucket.urn);
            }
            if (bucket.opts.protect && !versioned.has(bucket.urn)) {
                reportViolation("protected (data) bucket has no BucketVersioning with status Enabled", bucket.urn);
            }
        }
    },
};

export const statefulResourcesProtected: ResourceValidationPolicy = {
    name: "stateful-resources-protected",
    description: `Databases, KMS keys and other stateful resources carry \`protect: true\`, so no \`pulumi up\` or \`destroy\` deletes them by accident; only one tagged \`${offboardingTag}: "true"\` may go without.`,
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
        if (statefulTypes.has(args.type) && !args.opts.protect && !isOffboarding(args.props)) {
            reportViolation("set the resource option `protect: true`");
        }
    },
};

export interface RdsConfig {
    minBackupRetentionDays: number;
}

/** Where RDS keeps a database's data settings: instances and Aurora clusters name two of them differently. */
const rdsDataHolders: Record<string, { password: string; replicaOf: string }> = {
    "aws:rds/instance:Instance": { password: "password", replicaOf: "replicateSourceDb" },
    "aws:rds/cluster:Cluster": { password: "masterPassword", replicaOf: "replicationSourceIdentifier" },
};

export const rdsDataSafety: ResourceValidationPolicy = {
    name: "rds-data-safety",
    description: `RDS instances and Aurora clusters are private, encrypted, deletion-protected (unless tagged \`${offboardingTag}: "true"\`), keep backups, take a final snapshot and let RDS manage the master password.`,
    enforcementLevel: "mandatory",
    configSchema: { properties: { minBackupRetentionDays: { type: "integer", default: 7 } } },
    validateResource: (args, reportViolation) => {
        const db = args.props;
        // An Aurora cluster's instances hold no data settings of their own, but each has its own endpoint.
        if ((args.type === "aws:rds/clusterInstance:ClusterInstance" || args.type === "aws:rds/instance:Instance") && db.publiclyAccessible === true) {
            reportViolation("publiclyAccessible must be false");
        }
        const holder = rdsDataHolders[args.type];
        if (!holder) {
            return;
        }
        const { minBackupRetentionDays } = args.getConfig<RdsConfig>();
        if (db.storageEncrypted !== true) {
            reportViolation("storageEncrypted must be true");
        }
        if (db.deletionProtection !== true && !isOffboarding(db)) {
            reportViolation("deletionProtection must be true");
        }
        // An identifier computed from another new resource is unknown in a preview, but set.
        if (db.skipFinalSnapshot !== false || known(() => db.finalSnapshotIdentifier ?? "") === "") {
            reportViolation("skipFinalSnapshot must be false with a finalSnapshotIdentifier");
        }
        if ((db.backupRetentionPeriod ?? 0) < minBackupRetentionDays) {
            reportViolation(`backupRetentionPeriod is ${db.backupRetentionPeriod ?? 0}; at least ${minBackupRetentionDays} days`);
        }
        // A replica takes its credentials from its source (whose ARN a preview may not know yet).
        // `in` never reads the password, which may itself be an unknown output of a new resource.
        const replica = known(() => db[holder.replicaOf] ?? "") !== "";
        if (!replica && (holder.password in db || db.manageMasterUserPassword !== true)) {
            reportViolation(`set manageMasterUserPassword: true instead of ${holder.password} (the password then never passes through config or state)`);
        }
    },
};

export interface KmsConfig {
    minDeletionWindowDays: number;
}

const kmsKeyTypes = new Set(["aws:kms/key:Key", "aws:kms/replicaKey:ReplicaKey", "aws:kms/externalKey:ExternalKey"]);

/** KMS rotates a symmetric key's material at most this many days apart when asked to rotate yearly. */
const maxRotationPeriodDays = 365;

export const kmsKeyRotation: ResourceValidationPolicy = {
    name: "kms-key-rotation",
    description: "Symmetric KMS keys rotate at least yearly, and every key (replicas and imported ones too) keeps a deletion window long enough to notice a mistake.",
    enforcementLevel: "mandatory",
    configSchema: { properties: { minDeletionWindowDays: { type: "integer", default: 30 } } },
    validateResource: (args, reportViolation) => {
        if (!kmsKeyTypes.has(args.type)) {
            return;
        }
        const { minDeletionWindowDays } = args.getConfig<KmsConfig>();
        // A replica follows its primary's rotation, and imported key material cannot rotate.
        if (args.type === "aws:kms/key:Key") {
            const symmetric = (args.props.customerMasterKeySpec ?? args.props.keySpec ?? "SYMMETRIC_DEFAULT") === "SYMMETRIC_DEFAULT";
            if (symmetric && args.props.enableKeyRotation !== true) {
                reportViolation("enableKeyRotation must be true");
            }
            const period = args.props.rotationPeriodInDays;
            if (symmetric && period !== undefined && period > maxRotationPeriodDays) {
                reportViolation(`rotationPeriodInDays is ${period}; at most ${maxRotationPeriodDays}`);
            }
        }
        // AWS applies 30 days when the window is not set.
        const window = args.props.deletionWindowInDays ?? 30;
        if (window < minDeletionWindowDays) {
            reportViolation(`deletionWindowInDays is ${window}; at least ${minDeletionWindowDays}`);
        }
    },
};

/** The storage domain of the pack. */
export const storagePolicies = [s3PublicAccessBlocked, s3BucketBaseline, statefulResourcesProtected, rdsDataSafety, kmsKeyRotation];
