import { unknownValue } from "@pulumi/pulumi/runtime/rpc";
import { expect } from "chai";
import { PolicyPackConfig } from "../engine/analyzer";
import { RecordedResource } from "../engine/monitor";
import { awsProvider, environmentTags, providerIn, recorded, violationsOfPolicy, withUnknown } from "./helpers/policy";

const provider = providerIn("production");
const parisProvider = awsProvider("aws-eu-west-3", environmentTags("production"), "eu-west-3");

interface LoggingCase {
    dataClass?: string;
    loggingType?: string;
    /** The logging resource's inputs, over bucket = the site bucket and targetBucket = the logs bucket. */
    logging?: Record<string, unknown>;
    /** Link the logging resource to the buckets by name only, as buckets created elsewhere are. */
    byNameOnly?: boolean;
    dropLogging?: boolean;
    logsProvider?: RecordedResource;
}

/** A site bucket that logs access through a BucketLogging to the logs bucket of its region; each case mutates one field. */
function loggedSite(overrides: LoggingCase = {}): RecordedResource[] {
    const logsProvider = overrides.logsProvider ?? provider;
    const site = recorded("aws:s3/bucket:Bucket", "site", { bucket: "site-bucket", tags: { "data-class": overrides.dataClass ?? "site" } }, provider);
    const logs = recorded("aws:s3/bucket:Bucket", "logs", { bucket: "logs-bucket", tags: { "data-class": "logs" } }, logsProvider);
    const inputs = { bucket: "site-bucket", targetBucket: "logs-bucket", targetPrefix: "site/", ...overrides.logging };
    const byName = inputs.bucket === "site-bucket" && inputs.targetBucket === "logs-bucket" && !overrides.byNameOnly;
    const logging = recorded(overrides.loggingType ?? "aws:s3/bucketLogging:BucketLogging", "site-access-logs", inputs, provider, {
        propertyDependencies: byName ? { bucket: [site.urn], targetBucket: [logs.urn] } : {},
    });
    const providers = logsProvider === provider ? [provider] : [provider, logsProvider];
    return [...providers, site, logs, ...(overrides.dropLogging ? [] : [logging])];
}

const accessLogging = (resources: RecordedResource[], config?: PolicyPackConfig) => violationsOfPolicy("s3-access-logging", resources, config);
const unlogged = (dataClass: string, label: string, region = "eu-central-1") =>
    `site: ${dataClass} bucket ${label} has no server access logging; add an aws.s3.BucketLogging with bucket = this bucket and targetBucket = the logs bucket in ${region}`;

describe("policy: audit logs", () => {
    describe("s3-access-logging", () => {
        it("passes a site bucket logging to the logs bucket of its region, by either token", async () => {
            expect(await accessLogging(loggedSite())).to.deep.equal([]);
            expect(await accessLogging(loggedSite({ loggingType: "aws:s3/bucketLoggingV2:BucketLoggingV2" }))).to.deep.equal([]);
            expect(await accessLogging(loggedSite({ byNameOnly: true }))).to.deep.equal([]);
        });

        it("passes the inline logging block of a bucket", async () => {
            const [, , logs] = loggedSite();
            const site = recorded("aws:s3/bucket:Bucket", "site", { bucket: "site-bucket", tags: { "data-class": "site" }, logging: { targetBucket: "logs-bucket" } }, provider);
            expect(await accessLogging([provider, site, logs])).to.deep.equal([]);
        });

        it("fails a site or data bucket without access logging, and leaves logs buckets alone", async () => {
            expect(await accessLogging(loggedSite({ dropLogging: true }))).to.deep.equal([unlogged("site", "site-bucket")]);
            expect(await accessLogging(loggedSite({ dropLogging: true, dataClass: "data" }))).to.deep.equal([unlogged("data", "site-bucket")]);
            expect(await accessLogging(loggedSite({ dropLogging: true, dataClass: "logs" }))).to.deep.equal([]);
        });

        it("fails a logging resource whose target is its own bucket", async () => {
            const resources = loggedSite();
            const logs = resources[2];
            const selfLogging = recorded("aws:s3/bucketLogging:BucketLogging", "logs-access-logs", { bucket: "logs-bucket", targetBucket: "logs-bucket" }, provider, {
                propertyDependencies: { bucket: [logs.urn], targetBucket: [logs.urn] },
            });
            expect(await accessLogging([...resources, selfLogging])).to.deep.equal([
                "logs-access-logs: bucket logs-bucket logs access to itself, so every delivery writes another log object; set targetBucket to the region's logs bucket",
            ]);
        });

        it("fails an inline logging block that names the bucket itself", async () => {
            const logs = recorded("aws:s3/bucket:Bucket", "logs", { bucket: "logs-bucket", tags: { "data-class": "logs" }, logging: { targetBucket: "logs-bucket" } }, provider);
            expect(await accessLogging([provider, logs])).to.deep.equal([
                "logs: bucket logs-bucket logs access to itself, so every delivery writes another log object; set targetBucket to the region's logs bucket",
            ]);
        });

        it("fails access logs delivered to a bucket in another region", async () => {
            expect(await accessLogging(loggedSite({ logsProvider: parisProvider }))).to.deep.equal([
                "site-access-logs: bucket site-bucket in eu-central-1 logs access to logs-bucket in eu-west-3; log to a bucket in eu-central-1, so the data stays in its region",
            ]);
        });

        it("takes the tag key and the logged classes from policy pack config", async () => {
            expect(await accessLogging(loggedSite({ dropLogging: true }), { "s3-access-logging": { loggedDataClasses: ["data"] } })).to.deep.equal([]);
            expect(await accessLogging(loggedSite({ dropLogging: true }), { "s3-access-logging": { dataClassTagKey: "holds" } })).to.deep.equal([]);
        });

        describe("in a real preview, where new bucket names are still unknown", () => {
            const pending = (resources: RecordedResource[]) =>
                resources.map((resource) => (resource.type.startsWith("aws:s3/") ? withUnknown(resource, ...(resource.type.includes("Logging") ? ["bucket", "targetBucket"] : ["bucket", "logging"])) : resource));

            it("matches the logging resource to its buckets by property dependency", async () => {
                expect(await accessLogging(pending(loggedSite()))).to.deep.equal([]);
                expect(await accessLogging(pending(loggedSite({ logsProvider: parisProvider })))).to.deep.equal([
                    "site-access-logs: bucket site in eu-central-1 logs access to logs in eu-west-3; log to a bucket in eu-central-1, so the data stays in its region",
                ]);
            });

            it("takes a `logging` the provider computes (unknown, with no dependency) as unset", async () => {
                expect(await accessLogging(pending(loggedSite({ dropLogging: true })))).to.deep.equal([unlogged("site", "site")]);
            });

            it("judges at `up` buckets a logging resource of unknown bucket may belong to, and a class not known yet", async () => {
                expect(await accessLogging(pending(loggedSite({ byNameOnly: true })))).to.deep.equal([]);
                expect(await accessLogging(loggedSite({ dropLogging: true, dataClass: unknownValue }))).to.deep.equal([]);
            });
        });
    });

    describe("vpc-flow-logs", () => {
        /** A VPC with a flow log into S3; each case mutates one field. */
        function loggedVpc({ flowLog = {}, dropFlowLog = false, byNameOnly = false } = {}): RecordedResource[] {
            const vpc = recorded("aws:ec2/vpc:Vpc", "vpc", { cidrBlock: "10.10.0.0/16" }, provider);
            const inputs = { vpcId: "vpc-0123", logDestinationType: "s3", logDestination: "arn:aws:s3:::logs-bucket/flow/", trafficType: "ALL", ...flowLog };
            const log = recorded("aws:ec2/flowLog:FlowLog", "vpc-flow-log", inputs, provider, { propertyDependencies: byNameOnly || !inputs.vpcId ? {} : { vpcId: [vpc.urn] } });
            return [provider, vpc, ...(dropFlowLog ? [] : [log])];
        }
        const flowLogs = (resources: RecordedResource[]) => violationsOfPolicy("vpc-flow-logs", resources);
        const missing = "vpc: VPC vpc (10.10.0.0/16) has no flow log; add an aws.ec2.FlowLog with vpcId = this VPC, delivered to the logs bucket of its region";

        it("passes a VPC with a flow log", async () => {
            expect(await flowLogs(loggedVpc())).to.deep.equal([]);
        });

        it("fails a VPC without a flow log", async () => {
            expect(await flowLogs(loggedVpc({ dropFlowLog: true }))).to.deep.equal([missing]);
        });

        it("fails a VPC whose only flow log watches a subnet", async () => {
            expect(await flowLogs(loggedVpc({ flowLog: { vpcId: undefined, subnetId: "subnet-0123" } }))).to.deep.equal([missing]);
        });

        it("fails the VPC whose flow log is another VPC's", async () => {
            const [, vpc, log] = loggedVpc();
            const other = recorded("aws:ec2/vpc:Vpc", "other", { cidrBlock: "10.20.0.0/16" }, provider);
            expect(await flowLogs([provider, vpc, other, log])).to.deep.equal([
                "other: VPC other (10.20.0.0/16) has no flow log; add an aws.ec2.FlowLog with vpcId = this VPC, delivered to the logs bucket of its region",
            ]);
        });

        it("in a real preview, matches by property dependency and judges at `up` a flow log of unknown VPC", async () => {
            const [, vpc, log] = loggedVpc();
            const other = recorded("aws:ec2/vpc:Vpc", "other", { cidrBlock: "10.20.0.0/16" }, provider);
            expect(await flowLogs([provider, vpc, other, withUnknown(log, "vpcId")])).to.deep.equal([
                "other: VPC other (10.20.0.0/16) has no flow log; add an aws.ec2.FlowLog with vpcId = this VPC, delivered to the logs bucket of its region",
            ]);
            const [, , unlinked] = loggedVpc({ byNameOnly: true });
            expect(await flowLogs([provider, vpc, other, withUnknown(unlinked, "vpcId")])).to.deep.equal([]);
        });
    });

    describe("cloudfront-logging", () => {
        const webAclId = "arn:aws:wafv2:us-east-1:123456789012:global/webacl/site/0123";
        const distribution = (inputs: Record<string, unknown> = {}, owner = provider) =>
            recorded("aws:cloudfront/distribution:Distribution", "cdn", { loggingConfig: { bucket: "logs-bucket.s3.amazonaws.com", prefix: "cdn/" }, webAclId, ...inputs }, owner);
        const cdnLogging = (resources: RecordedResource[], config?: PolicyPackConfig) => violationsOfPolicy("cloudfront-logging", resources, config);
        const noWebAcl = (where: string) =>
            `cdn: webAclId is not set ${where}; attach a WAF web ACL (scope CLOUDFRONT, us-east-1) with rate limiting and the AWS managed common and known-bad-inputs rule groups`;
        const staging = providerIn("staging");

        it("passes a production distribution that logs and has a web ACL", async () => {
            expect(await cdnLogging([provider, distribution()])).to.deep.equal([]);
        });

        it("fails a distribution without standard logging", async () => {
            const message = "cdn: loggingConfig.bucket is not set; set it to the logs bucket's domain name (<bucket>.s3.amazonaws.com) so every request is logged";
            expect(await cdnLogging([provider, distribution({ loggingConfig: undefined })])).to.deep.equal([message]);
            expect(await cdnLogging([provider, distribution({ loggingConfig: { bucket: "" } })])).to.deep.equal([message]);
        });

        it("fails a production distribution without a web ACL", async () => {
            expect(await cdnLogging([provider, distribution({ webAclId: undefined })])).to.deep.equal([noWebAcl("in production")]);
        });

        it("takes production from the distribution's own environment tag", async () => {
            expect(await cdnLogging([staging, distribution({ webAclId: undefined, tags: environmentTags("production") }, staging)])).to.deep.equal([noWebAcl("in production")]);
        });

        it("needs no web ACL outside production, unless configured", async () => {
            expect(await cdnLogging([staging, distribution({ webAclId: undefined }, staging)])).to.deep.equal([]);
            expect(await cdnLogging([staging, distribution({ webAclId: undefined }, staging)], { "cloudfront-logging": { requireWebAclOutsideProduction: true } })).to.deep.equal([
                noWebAcl("with requireWebAclOutsideProduction"),
            ]);
        });

        it("in a real preview, counts a log bucket or web ACL the change creates as set, and judges an unknown environment at `up`", async () => {
            expect(await cdnLogging([provider, withUnknown(distribution(), "webAclId")])).to.deep.equal([]);
            expect(await cdnLogging([provider, distribution({ loggingConfig: { bucket: unknownValue } })])).to.deep.equal([]);
            const untagged = awsProvider("aws-untagged");
            expect(await cdnLogging([untagged, distribution({ webAclId: undefined, tags: { ...environmentTags("production"), environment: unknownValue } }, untagged)])).to.deep.equal([]);
        });
    });

    describe("rds-logging-and-tls", () => {
        interface DatabaseCase {
            engine?: string;
            exports?: unknown;
            parameters?: unknown;
            parameterGroupName?: unknown;
            byNameOnly?: boolean;
            dropGroup?: boolean;
        }
        /** A postgres instance exporting its logs, on a parameter group of the stack forcing TLS; each case mutates one field. */
        function database(overrides: DatabaseCase = {}): RecordedResource[] {
            const group = recorded(
                "aws:rds/parameterGroup:ParameterGroup",
                "db-params",
                { name: "db-params-1234", family: "postgres16", parameters: overrides.parameters ?? [{ name: "rds.force_ssl", value: "1" }, { name: "log_min_duration_statement", value: "1000" }] },
                provider,
            );
            const parameterGroupName = "parameterGroupName" in overrides ? overrides.parameterGroupName : "db-params-1234";
            const db = recorded(
                "aws:rds/instance:Instance",
                "db",
                { engine: overrides.engine ?? "postgres", enabledCloudwatchLogsExports: "exports" in overrides ? overrides.exports : ["postgresql", "upgrade"], parameterGroupName },
                provider,
                { propertyDependencies: overrides.byNameOnly || "parameterGroupName" in overrides ? {} : { parameterGroupName: [group.urn] } },
            );
            return overrides.dropGroup ? [provider, db] : [provider, group, db];
        }
        const rds = (resources: RecordedResource[], config?: PolicyPackConfig) => violationsOfPolicy("rds-logging-and-tls", resources, config);
        const mysqlTls = [{ name: "require_secure_transport", value: "ON" }];

        it("passes postgres and mysql exporting their logs on groups forcing TLS, matched by dependency or name", async () => {
            expect(await rds(database())).to.deep.equal([]);
            expect(await rds(database({ byNameOnly: true }))).to.deep.equal([]);
            expect(await rds(database({ engine: "mysql", exports: ["error", "slowquery", "audit"], parameters: mysqlTls }))).to.deep.equal([]);
            expect(await rds(database({ engine: "mariadb", exports: ["error", "slowquery"], parameters: [{ name: "require_secure_transport", value: "1" }] }))).to.deep.equal([]);
        });

        it("fails a database that does not export its engine's logs", async () => {
            expect(await rds(database({ exports: ["upgrade"] }))).to.deep.equal(["db: postgres database db does not export postgresql logs; add them to enabledCloudwatchLogsExports"]);
            expect(await rds(database({ engine: "mysql", exports: ["error"], parameters: mysqlTls }))).to.deep.equal([
                "db: mysql database db does not export slowquery logs; add them to enabledCloudwatchLogsExports",
            ]);
            expect(await rds(database({ exports: undefined }))).to.deep.equal(["db: postgres database db does not export postgresql logs; add them to enabledCloudwatchLogsExports"]);
        });

        it("fails a database on the default parameter group", async () => {
            const message = "db: postgres database db uses the default parameter group, which does not force TLS; set parameterGroupName to a group with rds.force_ssl = 1";
            expect(await rds(database({ parameterGroupName: undefined }))).to.deep.equal([message]);
            expect(await rds(database({ parameterGroupName: "default.postgres16" }))).to.deep.equal([message]);
        });

        it("fails a parameter group the stack does not hold", async () => {
            expect(await rds(database({ byNameOnly: true, dropGroup: true }))).to.deep.equal([
                "db: postgres database db uses parameter group db-params-1234, which is not in this stack; create it here with rds.force_ssl = 1 and reference it by parameterGroupName",
            ]);
        });

        it("fails a parameter group that does not force TLS", async () => {
            expect(await rds(database({ parameters: [{ name: "rds.force_ssl", value: "0" }] }))).to.deep.equal([
                "db: postgres database db: parameter group db-params-1234 sets rds.force_ssl to 0; set rds.force_ssl = 1 so connections without TLS are refused",
            ]);
            expect(await rds(database({ engine: "mysql", exports: ["error", "slowquery"], parameters: [{ name: "rds.force_ssl", value: "1" }] }))).to.deep.equal([
                "db: mysql database db: parameter group db-params-1234 does not set require_secure_transport; set require_secure_transport = 1 so connections without TLS are refused",
            ]);
        });

        it("judges Aurora clusters by their cluster parameter group", async () => {
            const group = recorded("aws:rds/clusterParameterGroup:ClusterParameterGroup", "cluster-params", { name: "cluster-params", family: "aurora-postgresql16", parameters: [{ name: "rds.force_ssl", value: "0" }] }, provider);
            const cluster = recorded("aws:rds/cluster:Cluster", "cluster", { engine: "aurora-postgresql", enabledCloudwatchLogsExports: ["postgresql"], dbClusterParameterGroupName: "cluster-params" }, provider);
            expect(await rds([provider, group, cluster])).to.deep.equal([
                "cluster: aurora-postgresql database cluster: parameter group cluster-params sets rds.force_ssl to 0; set rds.force_ssl = 1 so connections without TLS are refused",
            ]);
        });

        it("takes the required log types from policy pack config", async () => {
            const config = { "rds-logging-and-tls": { requiredLogExports: { postgres: ["postgresql", "upgrade"] } } };
            expect(await rds(database({ exports: ["postgresql"] }), config)).to.deep.equal(["db: postgres database db does not export upgrade logs; add them to enabledCloudwatchLogsExports"]);
        });

        describe("in a real preview", () => {
            it("matches a group whose name is still unknown by property dependency", async () => {
                const [, group, db] = database();
                expect(await rds([provider, withUnknown(group, "name"), withUnknown(db, "parameterGroupName")])).to.deep.equal([]);
            });

            it("takes a parameterGroupName the provider computes (unknown, with no dependency) as the default group", async () => {
                const [, group, db] = database({ parameterGroupName: undefined });
                expect(await rds([provider, group, withUnknown(db, "parameterGroupName")])).to.deep.equal([
                    "db: postgres database db uses the default parameter group, which does not force TLS; set parameterGroupName to a group with rds.force_ssl = 1",
                ]);
            });

            it("judges at `up` parameters, exports or an engine a preview does not know yet", async () => {
                const [, group, db] = database({ parameters: [{ name: "rds.force_ssl", value: "0" }], exports: [] });
                expect(await rds([provider, withUnknown(group, "parameters"), withUnknown(db, "enabledCloudwatchLogsExports")])).to.deep.equal([]);
                expect(await rds([provider, group, withUnknown(db, "engine")])).to.deep.equal([]);
            });
        });
    });
});
