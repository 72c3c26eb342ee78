import { unknownValue } from "@pulumi/pulumi/runtime/rpc";
import { expect } from "chai";
import { PolicyPackConfig } from "../engine/analyzer";
import { RecordedResource } from "../engine/monitor";
import { providerIn, recorded, violationsOfPolicy, withUnknown } from "./helpers/policy";

const provider = providerIn("production");

const sizedTransition = { id: "to-glacier-ir", status: "Enabled", filter: { objectSizeGreaterThan: 131072 }, transitions: [{ days: 30, storageClass: "GLACIER_IR" }] };
const abortUploads = { id: "abort-uploads", status: "Enabled", filter: {}, abortIncompleteMultipartUpload: { daysAfterInitiation: 7 } };

interface BucketCase {
    tags?: Record<string, unknown>;
    protect?: boolean;
    rules?: object[];
    lifecycleType?: string;
    /** Link the configuration to its bucket by name only, as a bucket created elsewhere is. */
    byNameOnly?: boolean;
    dropLifecycle?: boolean;
}

/** A data bucket whose lifecycle moves objects of 128 KB and more to Glacier IR after 30 days and aborts uploads after 7; each case mutates one field. */
function dataBucket(overrides: BucketCase = {}): RecordedResource[] {
    const bucket = recorded("aws:s3/bucket:Bucket", "recordings", { bucket: "recordings-1234567", tags: overrides.tags ?? { "data-class": "data" } }, provider, {
        protect: overrides.protect ?? true,
    });
    const lifecycle = recorded(
        overrides.lifecycleType ?? "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
        "recordings-lifecycle",
        { bucket: "recordings-1234567", rules: overrides.rules ?? [sizedTransition, abortUploads] },
        provider,
        overrides.byNameOnly ? {} : { propertyDependencies: { bucket: [bucket.urn] } },
    );
    return overrides.dropLifecycle ? [provider, bucket] : [provider, bucket, lifecycle];
}

const glacier = (resources: RecordedResource[], config?: PolicyPackConfig) => violationsOfPolicy("s3-glacier-ir-lifecycle", resources, config);
const dataClass = (resources: RecordedResource[], config?: PolicyPackConfig) => violationsOfPolicy("s3-data-class-tag", resources, config);
const prefix = "recordings: data bucket recordings-1234567";

describe("policy: S3 lifecycle", () => {
    describe("s3-data-class-tag", () => {
        it("passes a bucket tagged data-class", async () => {
            expect(await dataClass(dataBucket())).to.deep.equal([]);
            expect(await dataClass(dataBucket({ tags: { "data-class": "site" } }))).to.deep.equal([]);
        });

        it("fails a bucket without the tag", async () => {
            expect(await dataClass(dataBucket({ tags: { tenant: "acme" } }))).to.deep.equal(['recordings: bucket has no "data-class" tag; tag it with what it holds: data, site, logs']);
        });

        it("fails a value outside the allowed classes", async () => {
            expect(await dataClass(dataBucket({ tags: { "data-class": "archive" } }))).to.deep.equal(['recordings: tag "data-class" is "archive"; allowed: data, site, logs']);
        });

        it("applies to BucketV2 and takes the key and classes from policy pack config", async () => {
            const bucket = recorded("aws:s3/bucketV2:BucketV2", "logs", { tags: { holds: "audit" } }, provider);
            expect(await dataClass([provider, bucket], { "s3-data-class-tag": { tagKey: "holds", allowedDataClasses: ["audit"] } })).to.deep.equal([]);
            expect(await dataClass([provider, bucket])).to.deep.equal(['logs: bucket has no "data-class" tag; tag it with what it holds: data, site, logs']);
        });

        it("judges at `up` a tag a preview does not know yet", async () => {
            expect(await dataClass(dataBucket({ tags: { "data-class": unknownValue } }))).to.deep.equal([]);
        });
    });

    describe("s3-glacier-ir-lifecycle", () => {
        it("passes a data bucket with a sized Glacier IR transition and an upload abort", async () => {
            expect(await glacier(dataBucket())).to.deep.equal([]);
        });

        it("passes both rules in one, and a size filter inside `and`", async () => {
            const rule = { id: "all", status: "Enabled", filter: { and: { objectSizeGreaterThan: 200000 } }, transitions: [{ days: 1, storageClass: "GLACIER_IR" }], abortIncompleteMultipartUpload: { daysAfterInitiation: 1 } };
            expect(await glacier(dataBucket({ rules: [rule] }))).to.deep.equal([]);
        });

        it("fails a data bucket without a lifecycle configuration", async () => {
            expect(await glacier(dataBucket({ dropLifecycle: true }))).to.deep.equal([
                `${prefix} has no lifecycle configuration; add one moving objects of at least 131072 bytes to GLACIER_IR within 30 days and aborting incomplete multipart uploads within 7`,
            ]);
        });

        it("fails a transition rule that is disabled", async () => {
            expect(await glacier(dataBucket({ rules: [{ ...sizedTransition, status: "Disabled" }, abortUploads] }))).to.deep.equal([
                `${prefix}: no enabled rule moves current objects to GLACIER_IR; add transitions [{ days: 30, storageClass: "GLACIER_IR" }]`,
            ]);
        });

        it("fails a transition to another storage class", async () => {
            expect(await glacier(dataBucket({ rules: [{ ...sizedTransition, transitions: [{ days: 30, storageClass: "STANDARD_IA" }] }, abortUploads] }))).to.deep.equal([
                `${prefix}: no enabled rule moves current objects to GLACIER_IR; add transitions [{ days: 30, storageClass: "GLACIER_IR" }]`,
            ]);
        });

        it("fails a transition later than 30 days", async () => {
            expect(await glacier(dataBucket({ rules: [{ ...sizedTransition, transitions: [{ days: 31, storageClass: "GLACIER_IR" }] }, abortUploads] }))).to.deep.equal([
                `${prefix}: rule to-glacier-ir moves objects to GLACIER_IR after 31 days; at most 30 days`,
            ]);
        });

        it("fails a transition that also moves objects under 128 KB", async () => {
            const message = `${prefix}: rule to-glacier-ir also moves objects under 128 KB to GLACIER_IR (billed as 128 KB there); set filter.objectSizeGreaterThan to at least 131072`;
            expect(await glacier(dataBucket({ rules: [{ ...sizedTransition, filter: {} }, abortUploads] }))).to.deep.equal([message]);
            expect(await glacier(dataBucket({ rules: [{ ...sizedTransition, filter: { objectSizeGreaterThan: 131071 } }, abortUploads] }))).to.deep.equal([message]);
        });

        it("fails a transition narrowed to a prefix", async () => {
            expect(await glacier(dataBucket({ rules: [{ ...sizedTransition, filter: { and: { prefix: "raw/", objectSizeGreaterThan: 131072 } } }, abortUploads] }))).to.deep.equal([
                `${prefix}: the GLACIER_IR transition of rule to-glacier-ir applies to a prefix or tag only; filter only by objectSizeGreaterThan`,
            ]);
        });

        it("fails a bucket that never aborts incomplete multipart uploads", async () => {
            const message = `${prefix}: no enabled rule aborts incomplete multipart uploads; set abortIncompleteMultipartUpload.daysAfterInitiation to at most 7`;
            expect(await glacier(dataBucket({ rules: [sizedTransition] }))).to.deep.equal([message]);
            expect(await glacier(dataBucket({ rules: [sizedTransition, { ...abortUploads, abortIncompleteMultipartUpload: { daysAfterInitiation: 8 } }] }))).to.deep.equal([message]);
        });

        it("judges the V2 token and a configuration linked by bucket name alone", async () => {
            const v2 = "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2";
            expect(await glacier(dataBucket({ lifecycleType: v2 }))).to.deep.equal([]);
            expect(await glacier(dataBucket({ byNameOnly: true }))).to.deep.equal([]);
            expect(await glacier(dataBucket({ lifecycleType: v2, byNameOnly: true, rules: [sizedTransition] }))).to.deep.equal([
                `${prefix}: no enabled rule aborts incomplete multipart uploads; set abortIncompleteMultipartUpload.daysAfterInitiation to at most 7`,
            ]);
        });

        it("judges an untagged protected bucket as data, and leaves site buckets alone", async () => {
            expect(await glacier(dataBucket({ tags: {}, rules: [abortUploads] }))).to.deep.equal([
                `${prefix}: no enabled rule moves current objects to GLACIER_IR; add transitions [{ days: 30, storageClass: "GLACIER_IR" }]`,
            ]);
            expect(await glacier(dataBucket({ tags: { "data-class": "site" }, rules: [abortUploads] }))).to.deep.equal([]);
            expect(await glacier(dataBucket({ tags: {}, protect: false, rules: [abortUploads] }))).to.deep.equal([]);
        });

        it("takes the limits from policy pack config", async () => {
            const rules = [{ ...sizedTransition, transitions: [{ days: 60, storageClass: "GLACIER_IR" }] }, abortUploads];
            expect(await glacier(dataBucket({ rules }), { "s3-glacier-ir-lifecycle": { maxTransitionDays: 60 } })).to.deep.equal([]);
        });

        describe("in a real preview, where the new bucket's name is still unknown", () => {
            const pending = (resources: RecordedResource[]) => resources.map((resource) => (resource.type.startsWith("aws:s3/") ? withUnknown(resource, "bucket") : resource));

            it("matches the configuration to its bucket by property dependency", async () => {
                expect(await glacier(pending(dataBucket()))).to.deep.equal([]);
            });

            it("still fails what is missing, naming the bucket by its resource name", async () => {
                expect(await glacier(pending(dataBucket({ rules: [sizedTransition] })))).to.deep.equal([
                    "recordings: data bucket recordings: no enabled rule aborts incomplete multipart uploads; set abortIncompleteMultipartUpload.daysAfterInitiation to at most 7",
                ]);
                expect(await glacier(pending(dataBucket({ dropLifecycle: true })))).to.deep.equal([
                    "recordings: data bucket recordings has no lifecycle configuration; add one moving objects of at least 131072 bytes to GLACIER_IR within 30 days and aborting incomplete multipart uploads within 7",
                ]);
            });

            it("judges at `up` a bucket that a configuration of unknown bucket may belong to", async () => {
                expect(await glacier(pending(dataBucket({ byNameOnly: true, rules: [sizedTransition] })))).to.deep.equal([]);
            });

            it("judges at `up` rules a preview does not know yet", async () => {
                const [, bucket, lifecycle] = dataBucket();
                expect(await glacier([provider, bucket, withUnknown(lifecycle, "rules")])).to.deep.equal([]);
            });
        });
    });
});
