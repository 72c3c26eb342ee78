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

        it("applies to RDS instance classes", async () => {
            const db = recorded("aws:rds/instance:Instance", "db", { instanceClass: "db.r6g.4xlarge" }, staging);
            expect(await violationsFor("non-production-instance-sizes", staging, db)).to.deep.equal(["db: r6g.4xlarge is larger than 2xlarge, the cap outside production"]);
        });

        it("allows the cap itself", async () => {
            expect(await violationsFor("non-production-instance-sizes", staging, nodeGroup(staging, ["m7i.2xlarge"]))).to.deep.equal([]);
        });

        for (const [type, inputs] of [
            ["aws:ec2/instance:Instance", { instanceType: "m6a.8xlarge" }],
            ["aws:ec2/launchTemplate:LaunchTemplate", { instanceType: "m6a.8xlarge" }],
            ["eks:index:ManagedNodeGroup", { instanceTypes: ["m6a.8xlarge"] }],
            ["eks:index:Cluster", { instanceType: "m6a.8xlarge" }],
            ["aws:rds/clusterInstance:ClusterInstance", { instanceClass: "db.m6a.8xlarge" }],
        ] as const) {
            it(`applies to ${type}`, async () => {
                const resource = recorded(type, "compute", inputs, staging);
                expect(await violationsFor("non-production-instance-sizes", staging, resource)).to.deep.equal(["compute: m6a.8xlarge is larger than 2xlarge, the cap outside production"]);
            });
        }

        it("leaves Aurora Serverless v2 instances alone: they scale by capacity units, not by a size", async () => {
            const serverless = recorded("aws:rds/clusterInstance:ClusterInstance", "compute", { instanceClass: "db.serverless" }, staging);
            expect(await violationsFor("non-production-instance-sizes", staging, serverless)).to.deep.equal([]);
        });

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
        const logGroup = (retentionInDays?: number) => recorded("aws:cloudwatch/logGroup:LogGroup", "cluster-logs", { retentionInDays }, staging);

        it("passes a bounded retention", async () => {
            expect(await violationsFor("log-retention", staging, logGroup(30))).to.deep.equal([]);
        });

        it("fails logs kept forever", async () => {
            expect(await violationsFor("log-retention", staging, logGroup())).to.deep.equal(["cluster-logs: retentionInDays is unset (never expire); set 1 to 731 days"]);
        });

        it("fails a retention beyond the cap", async () => {
            expect(await violationsFor("log-retention", staging, logGroup(3653))).to.deep.equal(["cluster-logs: retentionInDays is 3653; set 1 to 731 days"]);
        });
    });

    describe("rds-multi-az-outside-production", () => {
        it("advises against Multi-AZ in staging only", async () => {
            const db = (provider: RecordedResource) => recorded("aws:rds/instance:Instance", "db", { instanceClass: "db.t4g.medium", multiAz: true }, provider);
            const inStaging = (await analyze([staging, db(staging)])).filter((v) => v.policyName === "rds-multi-az-outside-production");
            expect(inStaging.map((v) => [v.enforcementLevel, v.message])).to.deep.equal([["advisory", "multiAz is true outside production"]]);
            expect(await violationsFor("rds-multi-az-outside-production", production, db(production))).to.deep.equal([]);
        });

        it("takes production from the database's own environment tag", async () => {
            const db = recorded("aws:rds/instance:Instance", "db", { instanceClass: "db.t4g.medium", multiAz: true, tags: tags("production") }, staging);
            expect(await violationsFor("rds-multi-az-outside-production", staging, db)).to.deep.equal([]);
        });
    });
});
