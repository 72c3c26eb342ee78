import { unknownValue } from "@pulumi/pulumi/runtime/rpc";
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { analyze, awsProvider, recorded, violationsOf } from "./helpers/policy";

const goodTags = { department: "platform-engineering", environment: "staging", project: "platform" };

/** A correctly tagged bucket behind a correctly tagged provider; each case mutates one field. */
function happyPath(overrides: { providerTags?: Record<string, string> | undefined; tags?: Record<string, string>; type?: string } = {}) {
    const providerTags = "providerTags" in overrides ? overrides.providerTags : goodTags;
    const provider = awsProvider("aws-eu-central-1", providerTags);
    const bucket = recorded(overrides.type ?? "aws:s3/bucket:Bucket", "site", overrides.tags ? { tags: overrides.tags } : {}, provider);
    return [provider, bucket];
}

describe("policy: aws-required-tags and aws-provider-default-tags", () => {
    it("passes a resource tagged through its provider's defaultTags", async () => {
        const violations = await analyze(happyPath());
        expect(violationsOf(violations, "aws-required-tags")).to.deep.equal([]);
        expect(violationsOf(violations, "aws-provider-default-tags")).to.deep.equal([]);
    });

    it("fails a disallowed department", async () => {
        const violations = await analyze(happyPath({ tags: { department: "marketing" } }));
        expect(violationsOf(violations, "aws-required-tags")).to.deep.equal([
            'site: tag "department" is "marketing"; allowed: platform-engineering, engineering, data, security, finance, operations',
        ]);
        expect(violations[0].enforcementLevel).to.equal("mandatory");
        expect(violations[0].policyPack).to.equal("platform-guardrails");
    });

    it("fails a disallowed environment", async () => {
        const violations = await analyze(happyPath({ tags: { environment: "prod" } }));
        expect(violationsOf(violations, "aws-required-tags")).to.deep.equal([
            'site: tag "environment" is "prod"; allowed: production, staging, development, shared',
        ]);
    });

    it("fails an empty project", async () => {
        const violations = await analyze(happyPath({ tags: { project: " " } }));
        expect(violationsOf(violations, "aws-required-tags")).to.deep.equal(['site: tag "project" is missing or empty']);
    });

    it("fails a resource whose provider has no defaultTags, and the provider itself", async () => {
        const violations = await analyze(happyPath({ providerTags: undefined }));
        expect(violationsOf(violations, "aws-required-tags")).to.have.length(3);
        expect(violationsOf(violations, "aws-provider-default-tags")).to.deep.equal([
            'aws-eu-central-1: defaultTags: tag "department" is missing; allowed: platform-engineering, engineering, data, security, finance, operations',
            'aws-eu-central-1: defaultTags: tag "environment" is missing; allowed: production, staging, development, shared',
            'aws-eu-central-1: defaultTags: tag "project" is missing or empty',
        ]);
    });

    it("accepts a resource that carries all tags itself", async () => {
        const violations = await analyze(happyPath({ providerTags: {}, tags: goodTags }));
        expect(violationsOf(violations, "aws-required-tags")).to.deep.equal([]);
    });

    describe("in a real preview, where a tag computed from a new resource is unknown", () => {
        it("judges the tags it knows and leaves the unknown one to `up`, never giving up on the whole policy", async () => {
            const violations = await analyze(happyPath({ providerTags: undefined, tags: { department: "marketing", environment: unknownValue, project: "platform" } }));
            expect(violations.filter((v) => v.policyName === "aws-required-tags").map((v) => [v.enforcementLevel, v.message])).to.deep.equal([
                ["mandatory", 'tag "department" is "marketing"; allowed: platform-engineering, engineering, data, security, finance, operations'],
            ]);
        });

        it("leaves a provider whose default tags are unknown to `up`, for both policies", async () => {
            const [provider, bucket] = happyPath();
            const pendingDefaults = { region: "eu-central-1", defaultTags: unknownValue };
            const pendingProvider = { ...provider, inputs: pendingDefaults, inputsWire: pendingDefaults, outputs: pendingDefaults, outputsWire: pendingDefaults };
            const violations = await analyze([pendingProvider, bucket]);
            expect(violations.filter((v) => v.policyName === "aws-required-tags" || v.policyName === "aws-provider-default-tags")).to.deep.equal([]);
        });

        it("leaves a tags map that is unknown as a whole to `up`", async () => {
            const [provider, bucket] = happyPath({ providerTags: undefined });
            const pending = { ...bucket, inputs: { tags: unknownValue }, inputsWire: { tags: unknownValue }, outputs: { tags: unknownValue }, outputsWire: { tags: unknownValue } };
            expect((await analyze([provider, pending])).filter((v) => v.policyName === "aws-required-tags")).to.deep.equal([]);
        });
    });

    it("fails tags set to null, as missing", async () => {
        const [provider, bucket] = happyPath({ providerTags: undefined });
        const nulls = { tags: { department: null, environment: null, project: null } };
        const nullTagged = { ...bucket, inputs: nulls, inputsWire: nulls, outputs: nulls, outputsWire: nulls };
        expect(violationsOf(await analyze([provider, nullTagged]), "aws-required-tags")).to.deep.equal([
            'site: tag "department" is missing; allowed: platform-engineering, engineering, data, security, finance, operations',
            'site: tag "environment" is missing; allowed: production, staging, development, shared',
            'site: tag "project" is missing or empty',
        ]);
    });

    it("ignores AWS resource types that cannot be tagged", async () => {
        const violations = await analyze(happyPath({ providerTags: {}, type: "aws:s3/bucketPolicy:BucketPolicy" }));
        expect(violationsOf(violations, "aws-required-tags")).to.deep.equal([]);
    });

    it("generated the taggable types from the installed @pulumi/aws version", () => {
        const policyDir = path.join(__dirname, "..", "policy");
        const readJson = (file: string) => JSON.parse(fs.readFileSync(file, "utf8"));
        const installed = readJson(require.resolve("@pulumi/aws/package.json", { paths: [policyDir] })).version;
        const generatedFrom = readJson(path.join(policyDir, "taggable-aws-types.json")).awsSdkVersion;
        expect(generatedFrom, "regenerate with `npm run generate:taggable -w policy`").to.equal(installed);
    });

    it("takes the allowed departments from policy pack config", async () => {
        const resources = happyPath({ tags: { department: "marketing" } });
        const violations = await analyze(resources, { "aws-required-tags": { allowedDepartments: ["marketing"] } });
        expect(violationsOf(violations, "aws-required-tags")).to.deep.equal([]);
    });

    it("applies an enforcement level from policy pack config", async () => {
        const violations = await analyze(happyPath({ tags: { department: "marketing" } }), { "aws-required-tags": "advisory" });
        expect(violations.filter((v) => v.policyName === "aws-required-tags").map((v) => v.enforcementLevel)).to.deep.equal(["advisory"]);
    });

    it("rejects policy pack config that does not match the schema", async () => {
        const failure = await analyze(happyPath(), { "aws-required-tags": { allowedDepartments: "marketing" } }).then(
            () => expect.fail("config should be rejected"),
            (err: Error) => err,
        );
        expect(failure.message).to.equal('policy pack config: aws-required-tags.allowedDepartments is "marketing"; expected array of string');
    });
});
