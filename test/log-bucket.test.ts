import { runSimulation } from "@cloud-copilot/iam-simulate";
import { expect } from "chai";
import * as path from "path";
import { PreviewResult } from "../engine/preview";
import { named, ofType, previewStack, providerOf } from "./helpers/preview";

const root = path.join(__dirname, "fixtures", "log-bucket-component");
const run = (scenario: string) => previewStack("test", { root, policyPack: false, configOverrides: { "log-bucket-component-fixture:scenario": scenario } });
const account = "123456789012";
const bucketName = `fixture-logs-eu-west-1-${account}`;
const bucketArn = `arn:aws:s3:::${bucketName}`;

async function decision(policy: object, request: { principal: string; action: string; resource: string; context: Record<string, string> }): Promise<string> {
    const response = await runSimulation({
        identityPolicies: [],
        serviceControlPolicies: [],
        resourceControlPolicies: [],
        resourcePolicy: policy as any,
        request: { principal: request.principal, action: request.action, resource: { resource: request.resource, accountId: account }, contextVariables: request.context },
    }, {});
    expect(response.resultType, JSON.stringify((response as any).errors)).to.equal("single");
    return (response as { overallResult: string }).overallResult;
}

describe("LogBucket component", () => {
    let defaults: Promise<PreviewResult> | undefined;
    const preview = () => (defaults ??= run("defaults"));
    const part = async (type: string, name: string) => named(await preview(), type, name);

    it("names the bucket per prefix, region and account, tags it logs, and keeps it when removed from the stack", async () => {
        const result = await preview();
        expect(result.error).to.equal(undefined);
        const bucket = named(result, "aws:s3/bucket:Bucket", "logs-eu-west-1-bucket");
        expect(bucket.inputs).to.deep.equal({ bucket: bucketName, forceDestroy: false, tags: { "data-class": "logs" } });
        expect(providerOf(result, bucket)!.inputs.region).to.equal("eu-west-1");
        for (const resource of result.resources.filter((r) => r.type.startsWith("aws:s3/"))) {
            expect(resource.retainOnDelete, resource.name).to.equal(true);
        }
    });

    it("is private, keeps ACLs for CloudFront's delivery, and encrypts with SSE-S3, which S3 access logging can write to", async () => {
        expect((await part("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "logs-eu-west-1-bucket-public-access")).inputs).to.deep.equal({
            bucket: bucketName, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
        });
        expect((await part("aws:s3/bucketOwnershipControls:BucketOwnershipControls", "logs-eu-west-1-bucket-ownership")).inputs.rule).to.deep.equal({ objectOwnership: "BucketOwnerPreferred" });
        expect((await part("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "logs-eu-west-1-bucket-encryption")).inputs.rules).to.deep.equal([
            { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } },
        ]);
    });

    it("expires every log after 30 days by default, keeps no versions and logs nothing of its own", async () => {
        const result = await preview();
        expect(named(result, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "logs-eu-west-1-bucket-lifecycle").inputs.rules).to.deep.equal([
            { id: "expire-logs", status: "Enabled", filter: {}, expiration: { days: 30 }, abortIncompleteMultipartUpload: { daysAfterInitiation: 1 } },
        ]);
        expect(ofType(result, "aws:s3/bucketVersioning:BucketVersioning")).to.deep.equal([]);
        expect(ofType(result, "aws:s3/bucketLogging:BucketLogging")).to.deep.equal([]);
    });

    it("admits S3 access logs and flow logs of this account only, each under its own prefix, and nothing over plain HTTP", async () => {
        const policy = JSON.parse((await part("aws:s3/bucketPolicy:BucketPolicy", "logs-eu-west-1-bucket-policy")).inputs.policy);
        const logDelivery = { "aws:SourceArn": `arn:aws:logs:eu-west-1:${account}:*` };
        expect(policy).to.deep.equal({
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "DenyInsecureTransport",
                    Effect: "Deny",
                    Principal: "*",
                    Action: "s3:*",
                    Resource: [bucketArn, `${bucketArn}/*`],
                    Condition: { Bool: { "aws:SecureTransport": "false" } },
                },
                {
                    Sid: "S3ServerAccessLogs",
                    Effect: "Allow",
                    Principal: { Service: "logging.s3.amazonaws.com" },
                    Action: "s3:PutObject",
                    Resource: `${bucketArn}/s3-access/*`,
                    Condition: { StringEquals: { "aws:SourceAccount": account }, ArnLike: { "aws:SourceArn": "arn:aws:s3:::*" } },
                },
                {
                    Sid: "AWSLogDeliveryWrite",
                    Effect: "Allow",
                    Principal: { Service: "delivery.logs.amazonaws.com" },
                    Action: "s3:PutObject",
                    Resource: `${bucketArn}/vpc-flow-logs/AWSLogs/${account}/*`,
                    Condition: { StringEquals: { "aws:SourceAccount": account, "s3:x-amz-acl": "bucket-owner-full-control" }, ArnLike: logDelivery },
                },
                {
                    Sid: "AWSLogDeliveryAclCheck",
                    Effect: "Allow",
                    Principal: { Service: "delivery.logs.amazonaws.com" },
                    Action: ["s3:GetBucketAcl", "s3:ListBucket"],
                    Resource: bucketArn,
                    Condition: { StringEquals: { "aws:SourceAccount": account }, ArnLike: logDelivery },
                },
            ],
        });

        const accessLog = (sourceAccount: string, key: string, secureTransport = "true") => decision(policy, {
            principal: "logging.s3.amazonaws.com",
            action: "s3:PutObject",
            resource: `${bucketArn}/${key}`,
            context: { "aws:SourceAccount": sourceAccount, "aws:SourceArn": "arn:aws:s3:::tenant-acme-data-c36dc68", "aws:SecureTransport": secureTransport },
        });
        expect(await accessLog(account, "s3-access/tenant-acme/log")).to.equal("Allowed");
        expect(await accessLog("999999999999", "s3-access/tenant-acme/log")).to.equal("ImplicitlyDenied");
        expect(await accessLog(account, "vpc-flow-logs/AWSLogs/123456789012/log")).to.equal("ImplicitlyDenied");
        expect(await accessLog(account, "s3-access/tenant-acme/log", "false")).to.equal("ExplicitlyDenied");

        const flowLog = (sourceArn: string, acl: string) => decision(policy, {
            principal: "delivery.logs.amazonaws.com",
            action: "s3:PutObject",
            resource: `${bucketArn}/vpc-flow-logs/AWSLogs/${account}/vpcflowlogs/eu-west-1/2026/12/02/log.gz`,
            context: { "aws:SourceAccount": account, "aws:SourceArn": sourceArn, "s3:x-amz-acl": acl, "aws:SecureTransport": "true" },
        });
        expect(await flowLog(`arn:aws:logs:eu-west-1:${account}:log-delivery`, "bucket-owner-full-control")).to.equal("Allowed");
        expect(await flowLog(`arn:aws:logs:eu-west-3:${account}:log-delivery`, "bucket-owner-full-control")).to.equal("ImplicitlyDenied");
        expect(await flowLog(`arn:aws:logs:eu-west-1:${account}:log-delivery`, "private")).to.equal("ImplicitlyDenied");
    });

    it("creates one bucket per region however often a region is asked for, with the retention it is given", async () => {
        const result = await run("registry");
        expect(result.error).to.equal(undefined);
        const buckets = ofType(result, "aws:s3/bucket:Bucket");
        expect(buckets.map((bucket) => [bucket.name, bucket.inputs.bucket, providerOf(result, bucket)!.inputs.region])).to.deep.equal([
            ["logs-eu-west-1-bucket", bucketName, "eu-west-1"],
            ["logs-eu-west-3-bucket", `fixture-logs-eu-west-3-${account}`, "eu-west-3"],
        ]);
        for (const lifecycle of ofType(result, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration")) {
            expect(lifecycle.inputs.rules[0].expiration, lifecycle.name).to.deep.equal({ days: 90 });
        }
    });

    it("refuses every bad argument in one error, registering nothing, not even itself", async () => {
        const result = await run("invalid");
        expect(result.error?.split("\n")).to.deep.equal([
            'LogBucket "logs": invalid arguments:',
            '  region: found "eu-west-9"; expected an AWS region such as eu-central-1',
            '  namePrefix: found "Fixture_"; expected 1-35 lower-case letters, digits or single hyphens (the bucket is <namePrefix>-logs-eu-west-9-<account id>, at most 63 characters)',
            "  retentionDays: found 0; expected a whole number from 1 to 3650",
        ]);
        expect(result.resources.filter((resource) => !resource.type.startsWith("pulumi:"))).to.deep.equal([]);
    });
});
