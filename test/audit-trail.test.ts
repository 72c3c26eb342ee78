import { expect } from "chai";
import { RecordedResource } from "../engine/monitor";
import { PreviewResult } from "../engine/preview";
import { named, ofType, previewOnce, previewStack, providerOf } from "./helpers/preview";

const account = "123456789012";
const regionOf = (result: PreviewResult, resource: RecordedResource) => providerOf(result, resource)?.inputs.region;
const logBuckets = (result: PreviewResult) => ofType(result, "aws:s3/bucket:Bucket").filter((bucket) => bucket.inputs.tags?.["data-class"] === "logs" && bucket.name.startsWith("logs-"));

/** The stack's log bucket of `region`, by the name the stack gives it. */
function logBucketIn(result: PreviewResult, stack: string, region: string): RecordedResource {
    const bucket = named(result, "aws:s3/bucket:Bucket", `logs-${region}-bucket`);
    expect(bucket.inputs.bucket).to.equal(`platform-${stack}-logs-${region}-${account}`);
    expect(regionOf(result, bucket)).to.equal(region);
    return bucket;
}

describe("audit trail in the stacks", () => {
    for (const [stack, retentionDays] of [["prod", 90], ["staging", 30]] as const) {
        describe(stack, () => {
            it(`keeps one log bucket per region that logs, expiring logs after ${retentionDays} days`, async () => {
                const result = await previewOnce(stack);
                const regions = logBuckets(result).map((bucket) => regionOf(result, bucket));
                expect(new Set(regions).size).to.equal(regions.length);
                for (const bucket of logBuckets(result)) {
                    logBucketIn(result, stack, regionOf(result, bucket));
                    const lifecycle = named(result, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", `${bucket.name}-lifecycle`);
                    expect(lifecycle.inputs.rules[0].expiration, bucket.name).to.deep.equal({ days: retentionDays });
                }
            });

            it("delivers logs only once the log bucket's policy is in place (ACLs on, deliveries admitted)", async () => {
                const result = await previewOnce(stack);
                const policies = new Set(ofType(result, "aws:s3/bucketPolicy:BucketPolicy").filter((policy) => /^logs-.*-bucket-policy$/.test(policy.name)).map((policy) => policy.urn));
                expect(policies.size).to.equal(logBuckets(result).length);
                const waits = (resource: RecordedResource, property: string) => (resource.propertyDependencies[property] ?? []).some((urn) => policies.has(urn));
                const distributions = ofType(result, "aws:cloudfront/distribution:Distribution");
                const flowLogs = ofType(result, "aws:ec2/flowLog:FlowLog");
                const loggings = ofType(result, "aws:s3/bucketLogging:BucketLogging");
                expect(distributions.length * flowLogs.length * loggings.length).to.be.greaterThan(0);
                for (const distribution of distributions) {
                    expect(waits(distribution, "loggingConfig"), distribution.name).to.equal(true);
                }
                for (const flowLog of flowLogs) {
                    expect(waits(flowLog, "logDestination"), flowLog.name).to.equal(true);
                }
                for (const logging of loggings) {
                    expect(waits(logging, "targetBucket"), logging.name).to.equal(true);
                }
            });

            it("logs every site and data bucket into the log bucket of its own region, and no log bucket logs itself", async () => {
                const result = await previewOnce(stack);
                const loggings = ofType(result, "aws:s3/bucketLogging:BucketLogging");
                const sources = ofType(result, "aws:s3/bucket:Bucket").filter((bucket) => ["site", "data"].includes(bucket.inputs.tags?.["data-class"]));
                expect(sources.length).to.be.greaterThan(0);
                for (const source of sources) {
                    const logging = loggings.filter((candidate) => candidate.inputs.bucket === source.id);
                    expect(logging, source.name).to.have.length(1);
                    const region = regionOf(result, source);
                    expect(logging[0].inputs.targetBucket, source.name).to.equal(logBucketIn(result, stack, region).outputs.bucket);
                    expect(regionOf(result, logging[0]), source.name).to.equal(region);
                }
                const logged = new Set(loggings.map((logging) => logging.inputs.bucket));
                for (const bucket of ofType(result, "aws:s3/bucket:Bucket").filter((b) => b.inputs.tags?.["data-class"] === "logs")) {
                    expect(logged.has(bucket.id), bucket.name).to.equal(false);
                }
            });

            it("flow-logs every VPC, all traffic, into the log bucket of its region", async () => {
                const result = await previewOnce(stack);
                const vpcs = ofType(result, "aws:ec2/vpc:Vpc");
                const flowLogs = ofType(result, "aws:ec2/flowLog:FlowLog");
                expect(flowLogs).to.have.length(vpcs.length);
                for (const vpc of vpcs) {
                    const [flowLog] = flowLogs.filter((candidate) => candidate.inputs.vpcId === vpc.id);
                    expect(flowLog, vpc.name).to.not.equal(undefined);
                    const bucket = logBucketIn(result, stack, regionOf(result, vpc));
                    expect(flowLog.inputs, vpc.name).to.deep.include({ trafficType: "ALL", logDestinationType: "s3", logDestination: `${bucket.outputs.arn}/vpc-flow-logs/` });
                }
            });

            it("has every distribution write standard logs into a log bucket of the stack", async () => {
                const result = await previewOnce(stack);
                const domains = logBuckets(result).map((bucket) => bucket.outputs.bucketDomainName);
                const distributions = ofType(result, "aws:cloudfront/distribution:Distribution");
                expect(distributions.length).to.be.greaterThan(1);
                for (const distribution of distributions) {
                    const { loggingConfig } = distribution.inputs;
                    expect(domains, distribution.name).to.include(loggingConfig?.bucket);
                    expect(loggingConfig.prefix, distribution.name).to.match(/^cloudfront\/[a-z0-9-]+\/$/);
                }
                const frontend = named(result, "aws:cloudfront/distribution:Distribution", "frontend-distribution");
                expect(frontend.inputs.loggingConfig).to.deep.equal({
                    bucket: `platform-${stack}-logs-eu-central-1-${account}.s3.amazonaws.com`,
                    prefix: "cloudfront/frontend/",
                    includeCookies: false,
                });
            });
        });
    }

    describe("web ACL", () => {
        it("puts every production distribution behind one CloudFront-scoped web ACL in us-east-1: rate limit, common and known-bad-inputs rules", async () => {
            const result = await previewOnce("prod");
            const [webAcl, ...others] = ofType(result, "aws:wafv2/webAcl:WebAcl");
            expect(others).to.deep.equal([]);
            expect(regionOf(result, webAcl)).to.equal("us-east-1");
            const visibility = (metricName: string) => ({ cloudwatchMetricsEnabled: true, metricName, sampledRequestsEnabled: true });
            expect(webAcl.inputs).to.deep.include({ scope: "CLOUDFRONT", defaultAction: { allow: {} }, visibilityConfig: visibility("cdn-edge") });
            expect(webAcl.inputs.rules).to.deep.equal([
                {
                    name: "rate-limit-per-ip",
                    priority: 0,
                    action: { block: {} },
                    statement: { rateBasedStatement: { limit: 2000, aggregateKeyType: "IP", evaluationWindowSec: 300 } },
                    visibilityConfig: visibility("cdn-edge-rate-limit-per-ip"),
                },
                {
                    name: "AWSManagedRulesCommonRuleSet",
                    priority: 1,
                    overrideAction: { none: {} },
                    statement: { managedRuleGroupStatement: { vendorName: "AWS", name: "AWSManagedRulesCommonRuleSet" } },
                    visibilityConfig: visibility("cdn-edge-AWSManagedRulesCommonRuleSet"),
                },
                {
                    name: "AWSManagedRulesKnownBadInputsRuleSet",
                    priority: 2,
                    overrideAction: { none: {} },
                    statement: { managedRuleGroupStatement: { vendorName: "AWS", name: "AWSManagedRulesKnownBadInputsRuleSet" } },
                    visibilityConfig: visibility("cdn-edge-AWSManagedRulesKnownBadInputsRuleSet"),
                },
            ]);
            expect(webAcl.outputs.arn).to.match(/^arn:aws:wafv2:us-east-1:123456789012:global\/webacl\//);
            for (const distribution of ofType(result, "aws:cloudfront/distribution:Distribution")) {
                expect(distribution.inputs.webAclId, distribution.name).to.equal(webAcl.outputs.arn);
            }
        });

        it("leaves staging's distributions without one by default", async () => {
            const result = await previewOnce("staging");
            expect(ofType(result, "aws:wafv2/webAcl:WebAcl")).to.deep.equal([]);
            for (const distribution of ofType(result, "aws:cloudfront/distribution:Distribution")) {
                expect(distribution.inputs.webAclId, distribution.name).to.equal(undefined);
            }
        });

        it("puts staging's distributions behind one with platform:cdnWaf, still without mandatory violations", async () => {
            const result = await previewStack("staging", { configOverrides: { "platform:cdnWaf": "true" } });
            expect(result.error).to.equal(undefined);
            expect(result.violations.filter((violation) => violation.enforcementLevel === "mandatory")).to.deep.equal([]);
            const [webAcl] = ofType(result, "aws:wafv2/webAcl:WebAcl");
            const distributions = ofType(result, "aws:cloudfront/distribution:Distribution");
            expect(distributions.map((distribution) => distribution.inputs.webAclId)).to.deep.equal(distributions.map(() => webAcl.outputs.arn));
        });

        it("refuses to turn it off in production, and a value that is not a boolean", async () => {
            const production = await previewStack("prod", { policyPack: false, configOverrides: { "platform:cdnWaf": "false" } });
            expect(production.error).to.equal('invalid stack config (1 problem):\n  platform:cdnWaf: found "false"; expected true in production (every production distribution sits behind the web ACL)');
            const staging = await previewStack("staging", { policyPack: false, configOverrides: { "platform:cdnWaf": "yes" } });
            expect(staging.error).to.equal("invalid stack config (1 problem):\n  platform:cdnWaf: found \"yes\"; allowed: true, false");
        });
    });

    it("refuses a tenant in an opt-in region, where CloudFront cannot deliver its CDN's logs", async () => {
        const tenant = { name: "zurich", region: "eu-central-2", cdnDomain: "zurich.cdn.staging.platform.example.com", database: { instanceClass: "db.t4g.micro", allocatedStorage: 20 } };
        const result = await previewStack("staging", { policyPack: false, configOverrides: { "platform:tenants": [tenant] } });
        expect(result.error?.split("\n")).to.have.length(2);
        expect(result.error?.split("\n")[1]).to.match(/^ {2}platform:tenants\[0\]\.region: found "eu-central-2"; expected a region CloudFront delivers standard logs to \(not an opt-in region\): us-east-1, us-east-2, .*ap-northeast-3$/);
        expect(result.resources.map((r) => r.type)).to.deep.equal(["pulumi:pulumi:Stack"]);
    });
});
