import { expect } from "chai";
import { PolicyPackConfig } from "../engine/analyzer";
import { RecordedResource } from "../engine/monitor";
import { unknownValue } from "@pulumi/pulumi/runtime/rpc";
import { analyze, awsProvider, recorded, violationsOf } from "./helpers/policy";

const provider = awsProvider("aws-eu-central-1", { department: "data", environment: "production", project: "platform" });

/** A protected data bucket with every setting the baseline asks for; each case drops or mutates one. */
function dataBucket(
    overrides: { drop?: string; publicAccess?: Record<string, boolean>; versioning?: string; lifecycle?: string; protect?: boolean } = {},
): RecordedResource[] {
    const bucket = recorded("aws:s3/bucket:Bucket", "data", { bucket: "data-1234567" }, provider, { protect: overrides.protect ?? true });
    const onBucket = { propertyDependencies: { bucket: [bucket.urn] } };
    const settings: Record<string, RecordedResource> = {
        publicAccessBlock: recorded(
            "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
            "data-pab",
            { bucket: "data-1234567", blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true, ...overrides.publicAccess },
            provider,
            onBucket,
        ),
        encryption: recorded(
            "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
            "data-sse",
            { bucket: "data-1234567", rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" }, bucketKeyEnabled: true }] },
            provider,
            onBucket,
        ),
        versioning: recorded(
            "aws:s3/bucketVersioning:BucketVersioning",
            "data-versioning",
            { bucket: "data-1234567", versioningConfiguration: { status: overrides.versioning ?? "Enabled" } },
            provider,
            onBucket,
        ),
        lifecycle: recorded(
            "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
            "data-lifecycle",
            { bucket: "data-1234567", rules: [{ id: "noncurrent", status: overrides.lifecycle ?? "Enabled", noncurrentVersionExpiration: { noncurrentDays: 90 } }] },
            provider,
            onBucket,
        ),
    };
    delete settings[overrides.drop ?? ""];
    return [provider, bucket, ...Object.values(settings)];
}

const database = (overrides: Record<string, unknown> = {}, protect = true) =>
    recorded(
        "aws:rds/instance:Instance",
        "tenant-db",
        {
            engine: "postgres",
            instanceClass: "db.m6g.large",
            publiclyAccessible: false,
            storageEncrypted: true,
            deletionProtection: true,
            skipFinalSnapshot: false,
            finalSnapshotIdentifier: "tenant-db-final",
            backupRetentionPeriod: 14,
            manageMasterUserPassword: true,
            ...overrides,
        },
        provider,
        { protect },
    );

const key = (overrides: Record<string, unknown> = {}, protect = true) =>
    recorded("aws:kms/key:Key", "tenant-key", { enableKeyRotation: true, deletionWindowInDays: 30, ...overrides }, provider, { protect });

const storagePolicies = ["s3-public-access-blocked", "s3-bucket-baseline", "stateful-resources-protected", "rds-data-safety", "kms-key-rotation", "versioned-buckets-expire-noncurrent"];

async function storageViolations(resources: RecordedResource[], config?: PolicyPackConfig): Promise<string[]> {
    const violations = await analyze(resources, config);
    return storagePolicies.flatMap((policy) => violationsOf(violations, policy).map((line) => `${policy} ${line}`));
}

describe("policy: storage", () => {
    it("passes a fully configured data bucket, database and key", async () => {
        expect(await storageViolations([...dataBucket(), database(), key()])).to.deep.equal([]);
    });

    for (const flag of ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"]) {
        it(`fails a public access block with ${flag} off`, async () => {
            expect(await storageViolations(dataBucket({ publicAccess: { [flag]: false } }))).to.deep.equal([`s3-public-access-blocked data-pab: ${flag} must be true`]);
        });
    }

    it("fails a public access block that leaves a flag out (AWS then leaves it off)", async () => {
        expect(await storageViolations(dataBucket({ publicAccess: { blockPublicPolicy: undefined } as unknown as Record<string, boolean> }))).to.deep.equal([
            "s3-public-access-blocked data-pab: blockPublicPolicy must be true",
        ]);
    });

    describe("in a real preview, where the new bucket's name is still unknown", () => {
        /** The settings find their bucket through the `bucket` property dependency, as the CLI reports it. */
        const pendingName = (resources: RecordedResource[]) =>
            resources.map((resource) => {
                if (!resource.type.startsWith("aws:s3/")) {
                    return resource;
                }
                const props = { ...resource.inputs, bucket: unknownValue };
                return { ...resource, inputs: props, inputsWire: props, outputs: props, outputsWire: props };
            });

        it("still passes a complete bucket", async () => {
            expect(await storageViolations(pendingName(dataBucket()))).to.deep.equal([]);
        });

        it("still fails a bucket without a public access block", async () => {
            expect(await storageViolations(pendingName(dataBucket({ drop: "publicAccessBlock" })))).to.deep.equal(["s3-bucket-baseline data: bucket has no BucketPublicAccessBlock"]);
        });

        it("still flags a versioned bucket without noncurrent expiration, naming the resource", async () => {
            expect(await storageViolations(pendingName(dataBucket({ drop: "lifecycle" })))).to.deep.equal([
                "versioned-buckets-expire-noncurrent data: bucket data is versioned without a noncurrentVersionExpiration lifecycle rule",
            ]);
        });
    });

    it("fails a bucket without a public access block", async () => {
        expect(await storageViolations(dataBucket({ drop: "publicAccessBlock" }))).to.deep.equal(["s3-bucket-baseline data: bucket has no BucketPublicAccessBlock"]);
    });

    it("fails a bucket without explicit encryption", async () => {
        expect(await storageViolations(dataBucket({ drop: "encryption" }))).to.deep.equal([
            "s3-bucket-baseline data: bucket has no BucketServerSideEncryptionConfiguration",
        ]);
    });

    it("fails a protected bucket whose versioning is suspended", async () => {
        expect(await storageViolations(dataBucket({ versioning: "Suspended" }))).to.deep.equal([
            "s3-bucket-baseline data: protected (data) bucket has no BucketVersioning with status Enabled",
        ]);
    });

    it("does not require versioning on an unprotected (rebuildable) bucket", async () => {
        expect(await storageViolations(dataBucket({ drop: "versioning", protect: false }))).to.deep.equal([]);
    });

    it("flags a versioned bucket that keeps noncurrent versions forever (advisory)", async () => {
        const violations = await analyze(dataBucket({ drop: "lifecycle" }));
        const flagged = violations.filter((v) => v.policyName === "versioned-buckets-expire-noncurrent");
        expect(flagged.map((v) => [v.enforcementLevel, v.message])).to.deep.equal([
            ["advisory", "bucket data-1234567 is versioned without a noncurrentVersionExpiration lifecycle rule"],
        ]);
    });

    it("does not count a disabled noncurrent-expiration lifecycle rule", async () => {
        expect(await storageViolations(dataBucket({ lifecycle: "Disabled" }))).to.deep.equal([
            "versioned-buckets-expire-noncurrent data: bucket data-1234567 is versioned without a noncurrentVersionExpiration lifecycle rule",
        ]);
    });

    it("fails an unprotected database and key", async () => {
        expect(await storageViolations([provider, database({}, false), key({}, false)])).to.deep.equal([
            "stateful-resources-protected tenant-db: set the resource option `protect: true`",
            "stateful-resources-protected tenant-key: set the resource option `protect: true`",
        ]);
    });

    for (const type of ["aws:rds/cluster:Cluster", "aws:dynamodb/table:Table", "aws:efs/fileSystem:FileSystem", "aws:kms/replicaKey:ReplicaKey", "aws:kms/externalKey:ExternalKey"]) {
        it(`fails an unprotected ${type}`, async () => {
            const store = recorded(type, "store", { deletionWindowInDays: 30, storageEncrypted: true, deletionProtection: true, skipFinalSnapshot: false, finalSnapshotIdentifier: "store-final", backupRetentionPeriod: 14, manageMasterUserPassword: true }, provider);
            expect(await storageViolations([provider, store])).to.deep.equal(["stateful-resources-protected store: set the resource option `protect: true`"]);
        });
    }

    it("counts a final snapshot identifier still unknown in a preview as set", async () => {
        expect(await storageViolations([provider, database({ finalSnapshotIdentifier: unknownValue })])).to.deep.equal([]);
    });

    describe("Aurora", () => {
        const cluster = (overrides: Record<string, unknown> = {}) =>
            recorded("aws:rds/cluster:Cluster", "tenant-cluster", {
                engine: "aurora-postgresql",
                storageEncrypted: true,
                deletionProtection: true,
                skipFinalSnapshot: false,
                finalSnapshotIdentifier: "tenant-cluster-final",
                backupRetentionPeriod: 14,
                manageMasterUserPassword: true,
                ...overrides,
            }, provider, { protect: true });

        it("passes a safe cluster", async () => {
            expect(await storageViolations([provider, cluster()])).to.deep.equal([]);
        });

        for (const [field, value, message] of [
            ["storageEncrypted", false, "storageEncrypted must be true"],
            ["deletionProtection", false, "deletionProtection must be true"],
            ["skipFinalSnapshot", true, "skipFinalSnapshot must be false with a finalSnapshotIdentifier"],
            ["backupRetentionPeriod", 1, "backupRetentionPeriod is 1; at least 7 days"],
            ["masterPassword", "placeholder-password", "set manageMasterUserPassword: true instead of masterPassword (the password then never passes through config or state)"],
        ] as const) {
            it(`fails a cluster with ${field} = ${value}`, async () => {
                expect(await storageViolations([provider, cluster({ [field]: value })])).to.deep.equal([`rds-data-safety tenant-cluster: ${message}`]);
            });
        }

        it("lets a replica cluster take its credentials from its source", async () => {
            expect(await storageViolations([provider, cluster({ replicationSourceIdentifier: "arn:aws:rds:eu-west-1:123456789012:cluster:primary", manageMasterUserPassword: undefined })])).to.deep.equal([]);
        });

        it("fails a publicly accessible cluster instance", async () => {
            const instance = recorded("aws:rds/clusterInstance:ClusterInstance", "tenant-cluster-1", { clusterIdentifier: "tenant-cluster", instanceClass: "db.r6g.large", publiclyAccessible: true }, provider);
            expect(await storageViolations([provider, instance])).to.deep.equal(["rds-data-safety tenant-cluster-1: publiclyAccessible must be false"]);
        });
    });

    for (const [field, value, message] of [
        ["publiclyAccessible", true, "publiclyAccessible must be false"],
        ["storageEncrypted", false, "storageEncrypted must be true"],
        ["deletionProtection", false, "deletionProtection must be true"],
        ["skipFinalSnapshot", true, "skipFinalSnapshot must be false with a finalSnapshotIdentifier"],
        ["finalSnapshotIdentifier", undefined, "skipFinalSnapshot must be false with a finalSnapshotIdentifier"],
        ["backupRetentionPeriod", 1, "backupRetentionPeriod is 1; at least 7 days"],
        ["manageMasterUserPassword", false, "set manageMasterUserPassword: true instead of password (the password then never passes through config or state)"],
        ["manageMasterUserPassword", undefined, "set manageMasterUserPassword: true instead of password (the password then never passes through config or state)"],
        ["password", "placeholder-password", "set manageMasterUserPassword: true instead of password (the password then never passes through config or state)"],
        ["password", unknownValue, "set manageMasterUserPassword: true instead of password (the password then never passes through config or state)"],
        ["storageEncrypted", undefined, "storageEncrypted must be true"],
        ["backupRetentionPeriod", undefined, "backupRetentionPeriod is 0; at least 7 days"],
    ] as const) {
        it(`fails a database with ${field} = ${value}`, async () => {
            expect(await storageViolations([provider, database({ [field]: value })])).to.deep.equal([`rds-data-safety tenant-db: ${message}`]);
        });
    }

    describe("off-boarding", () => {
        const offboarding = { tags: { tenant: "acme", offboarding: "true" } };

        it("lets a data store tagged offboarding go without protect and deletion protection", async () => {
            expect(await storageViolations([provider, database({ ...offboarding, deletionProtection: false }, false), key(offboarding, false)])).to.deep.equal([]);
        });

        it("still requires the final snapshot of a database being off-boarded", async () => {
            expect(await storageViolations([provider, database({ ...offboarding, deletionProtection: false, skipFinalSnapshot: true }, false)])).to.deep.equal([
                "rds-data-safety tenant-db: skipFinalSnapshot must be false with a finalSnapshotIdentifier",
            ]);
        });

        it("accepts only the value \"true\"", async () => {
            expect(await storageViolations([provider, key({ tags: { offboarding: "yes" } }, false)])).to.deep.equal([
                "stateful-resources-protected tenant-key: set the resource option `protect: true`",
            ]);
        });

        it("is not taken from the provider's default tags", async () => {
            const offboardingProvider = awsProvider("aws-offboarding", { department: "data", environment: "production", project: "platform", offboarding: "true" });
            const unprotected = recorded("aws:kms/key:Key", "tenant-key", { enableKeyRotation: true }, offboardingProvider);
            expect(await storageViolations([offboardingProvider, unprotected])).to.deep.equal([
                "stateful-resources-protected tenant-key: set the resource option `protect: true`",
            ]);
        });
    });

    it("lets a read replica take its credentials from its source", async () => {
        expect(await storageViolations([provider, database({ replicateSourceDb: "tenant-db-primary", manageMasterUserPassword: undefined })])).to.deep.equal([]);
    });

    it("takes the minimum backup retention from policy pack config", async () => {
        expect(await storageViolations([provider, database()], { "rds-data-safety": { minBackupRetentionDays: 30 } })).to.deep.equal([
            "rds-data-safety tenant-db: backupRetentionPeriod is 14; at least 30 days",
        ]);
    });

    it("fails a key without rotation", async () => {
        expect(await storageViolations([provider, key({ enableKeyRotation: false })])).to.deep.equal(["kms-key-rotation tenant-key: enableKeyRotation must be true"]);
    });

    it("does not ask an asymmetric key to rotate (KMS cannot)", async () => {
        expect(await storageViolations([provider, key({ keySpec: "RSA_2048", enableKeyRotation: false })])).to.deep.equal([]);
    });

    it("fails a key with a short deletion window", async () => {
        expect(await storageViolations([provider, key({ deletionWindowInDays: 7 })])).to.deep.equal(["kms-key-rotation tenant-key: deletionWindowInDays is 7; at least 30"]);
    });

    it("does not ask a key of the legacy customerMasterKeySpec RSA_4096 to rotate", async () => {
        expect(await storageViolations([provider, key({ customerMasterKeySpec: "RSA_4096", enableKeyRotation: false })])).to.deep.equal([]);
    });

    it("fails a key rotating less often than yearly", async () => {
        expect(await storageViolations([provider, key({ rotationPeriodInDays: 730 })])).to.deep.equal(["kms-key-rotation tenant-key: rotationPeriodInDays is 730; at most 365"]);
        expect(await storageViolations([provider, key({ rotationPeriodInDays: 365 })])).to.deep.equal([]);
    });

    for (const type of ["aws:kms/replicaKey:ReplicaKey", "aws:kms/externalKey:ExternalKey"]) {
        it(`fails a short deletion window on an ${type}, which rotates with its primary or not at all`, async () => {
            const other = recorded(type, "tenant-key", { deletionWindowInDays: 7 }, provider, { protect: true });
            expect(await storageViolations([provider, other])).to.deep.equal(["kms-key-rotation tenant-key: deletionWindowInDays is 7; at least 30"]);
        });
    }

    it("takes the minimum deletion window from policy pack config, counting an unset window as AWS's 30 days", async () => {
        expect(await storageViolations([provider, key({ deletionWindowInDays: undefined })], { "kms-key-rotation": { minDeletionWindowDays: 31 } })).to.deep.equal([
            "kms-key-rotation tenant-key: deletionWindowInDays is 30; at least 31",
        ]);
    });
});
