import { unknownValue } from "@pulumi/pulumi/runtime/rpc";
import { expect } from "chai";
import { RecordedResource } from "../engine/monitor";
import { sizeRank } from "../policy/cost";
import { analyze, awsProvider, recorded, violationsOf } from "./helpers/policy";

const tags = (environment: string) => ({ department: "data", environment, project: "platform" });
const staging = awsProvider("aws-staging", tags("staging"));
const production = awsProvider("aws-production", tags("production"));

async function violationsFor(policy: string, provider: RecordedResource, resource: RecordedResource) {
    return violationsOf(await analyze([provider, resource]), policy);
}

describe("policy: cost", () => {
    describe("non-production-instance-sizes", () => {
        const nodeGroup = (provider: RecordedResource, instanceTypes: string[], ownTags?: Record<string, string>) =>
            recorded("aws:eks/nodeGroup:NodeGroup", "workers", { instanceTypes, tags: ownTags }, provider);

        it("orders instance sizes", () => {
            expect(["micro", "large", "xlarge", "2xlarge", "metal"].map(sizeRank)).to.deep.equal([-3, 0, 1, 2, Infinity]);
        });

        it("passes t3a.xlarge in staging and m6a.8xlarge in production", async () => {
            expect(await violationsFor("non-production-instance-sizes", staging, nodeGroup(staging, ["t3a.xlarge"]))).to.deep.equal([]);
            expect(await violationsFor("non-production-instance-sizes", production, nodeGroup(production, ["m6a.8xlarge"]))).to.deep.equal([]);
        });

        it("fails an oversized instance outside production", async () => {
            expect(await violationsFor("non-production-instance-sizes", staging, nodeGroup(staging, ["m6a.8xlarge"]))).to.deep.equal([
                "workers: m6a.8xlarge is larger than 2xlarge, the cap outside production",
            ]);
        });

        it("fails GPU and metal instances outside production", async () => {
            expect(await violationsFor("non-production-instance-sizes", staging, nodeGroup(staging, ["g5.xlarge", "m7i.metal-24xl"]))).to.deep.equal([
                "workers: g5.xlarge is an accelerated instance type; not allowed outside production",
                "workers: m7i.metal-24xl is larger than 2xlarge, the cap outside production",
            ]);
        });

        it("takes production from the resource's own environment tag over its provider's", async () => {
            expect(await violationsFor("non-production-instance-sizes", staging, nodeGroup(staging, ["m6a.8xlarge"], tags("production")))).to.deep.equal([]);
            expect(await violationsFor("non-production-instance-sizes", production, nodeGroup(production, ["m6a.8xlarge"], tags("staging")))).to.deep.equal([
                "workers: m6a.8xlarge is larger than 2xlarge, the cap outside production",
            ]);
        });

        it("leaves databases to database-instance-class-ceiling", async () => {
            const db = recorded("aws:rds/instance:Instance", "db", { instanceClass: "db.r6g.4xlarge" }, staging);
            expect(await violationsFor("non-production-instance-sizes", staging, db)).to.deep.equal([]);
        });

        it("allows the cap itself", async () => {
            expect(await violationsFor("non-production-instance-sizes", staging, nodeGroup(staging, ["m7i.2xlarge"]))).to.deep.equal([]);
        });

        for (const [type, inputs] of [
            ["aws:ec2/instance:Instance", { instanceType: "m6a.8xlarge" }],
            ["aws:ec2/launchTemplate:LaunchTemplate", { instanceType: "m6a.8xlarge" }],
            ["eks:index:ManagedNodeGroup", { instanceTypes: ["m6a.8xlarge"] }],
            ["eks:index:Cluster", { instanceType: "m6a.8xlarge" }],
        ] as const) {
            it(`applies to ${type}`, async () => {
                const resource = recorded(type, "compute", inputs, staging);
                expect(await violationsFor("non-production-instance-sizes", staging, resource)).to.deep.equal(["compute: m6a.8xlarge is larger than 2xlarge, the cap outside production"]);
            });
        }

        it("judges the size at `up` when a preview does not know the environment yet", async () => {
            const untaggedProvider = awsProvider("aws-untagged");
            const resource = nodeGroup(untaggedProvider, ["m6a.8xlarge"], { department: "data", environment: unknownValue, project: "platform" });
            const violations = await analyze([untaggedProvider, resource]);
            expect(violations.filter((v) => v.policyName === "non-production-instance-sizes")).to.deep.equal([]);
        });
    });

    describe("cloudfront-price-class", () => {
        const distribution = (provider: RecordedResource, priceClass: string, ownTags?: Record<string, string>) =>
            recorded("aws:cloudfront/distribution:Distribution", "site", { priceClass, tags: ownTags }, provider);

        it("passes PriceClass_100 in staging and PriceClass_All in production", async () => {
            expect(await violationsFor("cloudfront-price-class", staging, distribution(staging, "PriceClass_100"))).to.deep.equal([]);
            expect(await violationsFor("cloudfront-price-class", production, distribution(production, "PriceClass_All"))).to.deep.equal([]);
        });

        it("fails PriceClass_All outside production", async () => {
            expect(await violationsFor("cloudfront-price-class", staging, distribution(staging, "PriceClass_All"))).to.deep.equal([
                'site: priceClass is "PriceClass_All"; PriceClass_100 outside production',
            ]);
        });

        it("takes production from the distribution's own environment tag", async () => {
            expect(await violationsFor("cloudfront-price-class", staging, distribution(staging, "PriceClass_All", tags("production")))).to.deep.equal([]);
        });
    });

    describe("log-retention", () => {
        const logGroup = (provider: RecordedResource, retentionInDays?: number) => recorded("aws:cloudwatch/logGroup:LogGroup", "cluster-logs", { retentionInDays }, provider);

        it("passes 30 days in staging and two years in production", async () => {
            expect(await violationsFor("log-retention", staging, logGroup(staging, 30))).to.deep.equal([]);
            expect(await violationsFor("log-retention", production, logGroup(production, 731))).to.deep.equal([]);
        });

        it("fails logs kept forever", async () => {
            expect(await violationsFor("log-retention", production, logGroup(production))).to.deep.equal(["cluster-logs: retentionInDays is unset (never expire); set 1 to 731 days"]);
            expect(await violationsFor("log-retention", staging, logGroup(staging))).to.deep.equal([
                "cluster-logs: retentionInDays is unset (never expire); set 1 to 30 days outside production",
            ]);
        });

        it("fails a retention beyond the cap", async () => {
            expect(await violationsFor("log-retention", production, logGroup(production, 3653))).to.deep.equal(["cluster-logs: retentionInDays is 3653; set 1 to 731 days"]);
        });

        it("fails more than 30 days outside production", async () => {
            expect(await violationsFor("log-retention", staging, logGroup(staging, 31))).to.deep.equal(["cluster-logs: retentionInDays is 31; set 1 to 30 days outside production"]);
        });

        it("takes both caps from policy pack config", async () => {
            const config = { "log-retention": { maxRetentionDays: 400, maxNonProductionRetentionDays: 14 } };
            expect(violationsOf(await analyze([staging, logGroup(staging, 30)], config), "log-retention")).to.deep.equal([
                "cluster-logs: retentionInDays is 30; set 1 to 14 days outside production",
            ]);
            expect(violationsOf(await analyze([production, logGroup(production, 731)], config), "log-retention")).to.deep.equal(["cluster-logs: retentionInDays is 731; set 1 to 400 days"]);
        });

        it("judges the production cap while a preview does not know the environment yet", async () => {
            const untagged = awsProvider("aws-untagged");
            const group = recorded("aws:cloudwatch/logGroup:LogGroup", "cluster-logs", { retentionInDays: 365, tags: { ...tags("staging"), environment: unknownValue } }, untagged);
            expect(violationsOf(await analyze([untagged, group]), "log-retention")).to.deep.equal([]);
        });
    });

});
