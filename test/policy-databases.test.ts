import { unknownValue } from "@pulumi/pulumi/runtime/rpc";
import { expect } from "chai";
import { RecordedResource } from "../engine/monitor";
import { analyze, awsProvider, environmentTags, providerIn, recorded, violationsOfPolicy } from "./helpers/policy";

const staging = providerIn("staging");
const production = providerIn("production");

describe("policy: databases", () => {
    describe("database-instance-class-ceiling", () => {
        const ceiling = (resources: RecordedResource[], config?: Record<string, any>) => violationsOfPolicy("database-instance-class-ceiling", resources, config);
        const rds = (provider: RecordedResource, instanceClass: unknown, tags?: Record<string, unknown>) =>
            recorded("aws:rds/instance:Instance", "db", { instanceClass, tags }, provider);

        it("passes db.t4g.large in staging and db.r7g.4xlarge in production", async () => {
            expect(await ceiling([staging, rds(staging, "db.t4g.large")])).to.deep.equal([]);
            expect(await ceiling([production, rds(production, "db.r7g.4xlarge")])).to.deep.equal([]);
        });

        it("fails a class above the non-production ceiling", async () => {
            expect(await ceiling([staging, rds(staging, "db.r6g.xlarge")])).to.deep.equal(["db: db.r6g.xlarge is larger than large, the ceiling outside production; right-size it"]);
        });

        it("fails a class above the production ceiling", async () => {
            expect(await ceiling([production, rds(production, "db.r7g.8xlarge")])).to.deep.equal(["db: db.r7g.8xlarge is larger than 4xlarge, the ceiling in production; right-size it"]);
        });

        it("takes production from the database's own environment tag", async () => {
            expect(await ceiling([staging, rds(staging, "db.r7g.4xlarge", environmentTags("production"))])).to.deep.equal([]);
        });

        for (const [type, inputs] of [
            ["aws:rds/clusterInstance:ClusterInstance", { instanceClass: "db.r6g.2xlarge" }],
            ["aws:elasticache/cluster:Cluster", { nodeType: "cache.r6g.2xlarge" }],
            ["aws:elasticache/replicationGroup:ReplicationGroup", { nodeType: "cache.r6g.2xlarge" }],
        ] as const) {
            it(`applies to ${type}`, async () => {
                const size = Object.values(inputs)[0];
                expect(await ceiling([staging, recorded(type, "db", inputs, staging)])).to.deep.equal([`db: ${size} is larger than large, the ceiling outside production; right-size it`]);
            });
        }

        it("leaves Aurora Serverless v2 instances alone: they scale by capacity units, not by a size", async () => {
            expect(await ceiling([staging, recorded("aws:rds/clusterInstance:ClusterInstance", "db", { instanceClass: "db.serverless" }, staging)])).to.deep.equal([]);
        });

        it("takes the ceilings from policy pack config", async () => {
            expect(await ceiling([staging, rds(staging, "db.t4g.large")], { "database-instance-class-ceiling": { maxNonProductionSize: "medium" } })).to.deep.equal([
                "db: db.t4g.large is larger than medium, the ceiling outside production; right-size it",
            ]);
        });

        it("judges at `up` a class or an environment a preview does not know yet", async () => {
            const untagged = awsProvider("aws-untagged");
            expect(await ceiling([staging, rds(staging, unknownValue)])).to.deep.equal([]);
            expect(await ceiling([untagged, rds(untagged, "db.r7g.16xlarge", { ...environmentTags("staging"), environment: unknownValue })])).to.deep.equal([]);
        });
    });

    describe("rds-multi-az-outside-production", () => {
        const db = (provider: RecordedResource, multiAz: boolean, tags?: Record<string, string>) =>
            recorded("aws:rds/instance:Instance", "db", { instanceClass: "db.t4g.medium", multiAz, tags }, provider);

        it("is mandatory, and fails Multi-AZ in staging", async () => {
            const violations = (await analyze([staging, db(staging, true)])).filter((v) => v.policyName === "rds-multi-az-outside-production");
            expect(violations.map((v) => [v.enforcementLevel, v.message])).to.deep.equal([["mandatory", "multiAz is true outside production; set it to false"]]);
        });

        it("passes a single AZ in staging and Multi-AZ in production", async () => {
            expect(await violationsOfPolicy("rds-multi-az-outside-production", [staging, db(staging, false)])).to.deep.equal([]);
            expect(await violationsOfPolicy("rds-multi-az-outside-production", [production, db(production, true)])).to.deep.equal([]);
        });

        it("takes production from the database's own environment tag", async () => {
            expect(await violationsOfPolicy("rds-multi-az-outside-production", [staging, db(staging, true, environmentTags("production"))])).to.deep.equal([]);
        });

        it("fails a Multi-AZ ElastiCache replication group in staging", async () => {
            const cache = recorded("aws:elasticache/replicationGroup:ReplicationGroup", "cache", { nodeType: "cache.t4g.small", multiAzEnabled: true }, staging);
            expect(await violationsOfPolicy("rds-multi-az-outside-production", [staging, cache])).to.deep.equal(["cache: multiAzEnabled is true outside production; set it to false"]);
        });
    });
});
