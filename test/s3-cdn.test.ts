import { runSimulation } from "@cloud-copilot/iam-simulate";
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { RecordedResource } from "../engine/monitor";
import { cloudflareZone } from "../engine/outputs/cloudflare";
import { PreviewResult, repositoryRoot } from "../engine/preview";
import { isSecretWire } from "../engine/wire";
import { resolveArgs, S3CdnArgs } from "../components/s3-cdn/args";
import { named, ofType, previewOnce, previewStack, providerOf } from "./helpers/preview";

const fixture = path.join(__dirname, "fixtures", "s3-cdn-project");
/** The fixture's log bucket, as a `LogBucket` presents itself. */
const logs = { region: "eu-west-1", bucketName: "fixture-logs-eu-west-1", bucketArn: "arn:aws:s3:::fixture-logs-eu-west-1", bucketDomainName: "fixture-logs-eu-west-1.s3.amazonaws.com" };
const project = "s3-cdn-fixture";

/** The fixture program: `new S3Cdn("frontend", { bucketName, dnsEntry }, { providers })`, plus what a test adds. */
function site(overrides: Record<string, unknown> = {}, policies = false): Promise<PreviewResult> {
    const configOverrides = Object.fromEntries(Object.entries(overrides).map(([key, value]) => [`${project}:${key}`, value]));
    return previewStack("test", { root: fixture, configOverrides, policyPack: policies ? undefined : false });
}

let twoInputs: Promise<PreviewResult> | undefined;
/** The fixture exactly as users write it: two inputs, nothing else; previewed once, with the policy pack. */
const defaultSite = () => (twoInputs ??= site({}, true));

const only = (result: PreviewResult, type: string): RecordedResource => {
    const found = ofType(result, type);
    expect(found.map((r) => r.name), type).to.have.length(1);
    return found[0];
};
const distributionOf = (result: PreviewResult) => only(result, "aws:cloudfront/distribution:Distribution");
/** The shared bucket baseline names each setting `<bucket>-<role>`. */
const baselineRoles: Record<string, string> = {
    "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": "public-access",
    "aws:s3/bucketOwnershipControls:BucketOwnershipControls": "ownership",
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": "encryption",
    "aws:s3/bucketVersioning:BucketVersioning": "versioning",
};
const bucketPart = (result: PreviewResult, bucket: string, type: string) => named(result, type, type in baselineRoles ? `${bucket}-${baselineRoles[type]}` : bucket);
const siteBucket = (result: PreviewResult, type: string) => bucketPart(result, "frontend-bucket", type);

async function simulate(request: { principal: string; action: string; resource: string; context?: Record<string, string> }, policies: { identity?: object; resource?: object }) {
    const response = await runSimulation({
        identityPolicies: policies.identity ? [{ name: "deploy", policy: policies.identity as any }] : [],
        serviceControlPolicies: [],
        resourceControlPolicies: [],
        resourcePolicy: policies.resource as any,
        request: {
            principal: request.principal,
            action: request.action,
            resource: { resource: request.resource, accountId: "123456789012" },
            contextVariables: request.context ?? {},
        },
    }, {});
    expect(response.resultType, JSON.stringify((response as any).errors)).to.equal("single");
    return (response as { overallResult: string }).overallResult;
}

describe("S3Cdn", () => {
    describe("from the two required inputs alone", () => {
        it("previews cleanly with zero policy violations and exports the outputs", async () => {
            const result = await defaultSite();
            expect(result.error).to.equal(undefined);
            expect(result.violations).to.deep.equal([]);
            const distribution = distributionOf(result);
            expect(result.outputs).to.deep.equal({
                url: "https://myfrontend.example.com",
                distributionId: distribution.id,
                distributionDomainName: distribution.outputs.domainName,
                bucketName: "myfrontend",
                deployPolicyJson: result.outputs.deployPolicyJson,
            });
            expect(distribution.outputs.domainName).to.match(/^d[a-z0-9]{13}\.cloudfront\.net$/);
        });

        it("keeps the bucket private: public access blocked, owner-enforced, SSE, versioned, not force-destroyed", async () => {
            const result = await defaultSite();
            expect(siteBucket(result, "aws:s3/bucket:Bucket").inputs).to.deep.equal({ bucket: "myfrontend", forceDestroy: false, tags: { "data-class": "site" } });
            expect(siteBucket(result, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock").inputs).to.deep.equal({
                bucket: "myfrontend",
                blockPublicAcls: true,
                blockPublicPolicy: true,
                ignorePublicAcls: true,
                restrictPublicBuckets: true,
            });
            expect(siteBucket(result, "aws:s3/bucketOwnershipControls:BucketOwnershipControls").inputs.rule).to.deep.equal({ objectOwnership: "BucketOwnerEnforced" });
            expect(siteBucket(result, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration").inputs.rules).to.deep.equal([
                { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } },
            ]);
            expect(siteBucket(result, "aws:s3/bucketVersioning:BucketVersioning").inputs.versioningConfiguration).to.deep.equal({ status: "Enabled" });
            const [rule] = siteBucket(result, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration").inputs.rules;
            expect(rule.noncurrentVersionExpiration).to.deep.equal({ noncurrentDays: 30 });
        });

        it("keeps each bucket setting under the name it had before the baseline was shared, so none is deleted and recreated", async () => {
            const result = await defaultSite();
            for (const type of Object.keys(baselineRoles)) {
                const setting = siteBucket(result, type);
                expect(setting.aliases, type).to.include(setting.urn.replace(/::frontend-bucket-[a-z-]+$/, "::frontend-bucket"));
            }
        });

        it("lets only this distribution read the bucket, only over TLS", async () => {
            const result = await defaultSite();
            const bucketArn = siteBucket(result, "aws:s3/bucket:Bucket").outputs.arn;
            const distributionArn = distributionOf(result).outputs.arn;
            expect(distributionArn).to.match(/^arn:aws:cloudfront::123456789012:distribution\/E[A-Z0-9]{13}$/);
            const policy = JSON.parse(siteBucket(result, "aws:s3/bucketPolicy:BucketPolicy").inputs.policy);
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
                        Sid: "AllowCloudFrontReadThroughOac",
                        Effect: "Allow",
                        Principal: { Service: "cloudfront.amazonaws.com" },
                        Action: "s3:GetObject",
                        Resource: `${bucketArn}/*`,
                        Condition: { StringEquals: { "AWS:SourceArn": distributionArn } },
                    },
                ],
            });
            const read = (sourceArn: string, secureTransport: string) =>
                simulate({
                    principal: "cloudfront.amazonaws.com",
                    action: "s3:GetObject",
                    resource: `${bucketArn}/index.html`,
                    context: { "aws:SourceArn": sourceArn, "aws:SecureTransport": secureTransport },
                }, { resource: policy });
            expect(await read(distributionArn, "true")).to.equal("Allowed");
            expect(await read("arn:aws:cloudfront::999999999999:distribution/EOTHERDISTRIB1", "true")).to.equal("ImplicitlyDenied");
            expect(await read(distributionArn, "false")).to.equal("ExplicitlyDenied");
        });

        it("reads the origin through Origin Access Control, never an origin access identity", async () => {
            const result = await defaultSite();
            const oac = only(result, "aws:cloudfront/originAccessControl:OriginAccessControl");
            expect(oac.inputs).to.include({ originAccessControlOriginType: "s3", signingBehavior: "always", signingProtocol: "sigv4" });
            const [origin] = distributionOf(result).inputs.origins;
            expect(origin).to.deep.equal({
                originId: "s3-origin",
                domainName: "myfrontend.s3.eu-west-1.amazonaws.com",
                originAccessControlId: oac.id,
            });
            expect(ofType(result, "aws:cloudfront/originAccessIdentity:OriginAccessIdentity")).to.deep.equal([]);
            expect(JSON.stringify(distributionOf(result).inputs)).to.not.contain("originAccessIdentity");
        });

        it("serves HTTPS only, TLS 1.2 (2021 ciphers), SNI, HTTP/2 and 3, IPv6, read-only methods", async () => {
            const distribution = distributionOf(await defaultSite());
            const { inputs } = distribution;
            expect(inputs.aliases).to.deep.equal(["myfrontend.example.com"]);
            expect(inputs.viewerCertificate).to.include({ sslSupportMethod: "sni-only", minimumProtocolVersion: "TLSv1.2_2021" });
            expect(inputs.viewerCertificate.cloudfrontDefaultCertificate).to.equal(undefined);
            expect(inputs).to.include({ httpVersion: "http2and3", isIpv6Enabled: true, defaultRootObject: "index.html", enabled: true });
            expect(inputs.defaultCacheBehavior).to.deep.include({
                viewerProtocolPolicy: "redirect-to-https",
                allowedMethods: ["GET", "HEAD", "OPTIONS"],
                cachedMethods: ["GET", "HEAD"],
                compress: true,
                cachePolicyId: "658327ea-f89d-4fab-a63d-7e88639e58f6",
            });
        });

        it("adds HSTS, nosniff, frame DENY and a referrer policy to every response", async () => {
            const result = await defaultSite();
            const headers = only(result, "aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy");
            expect(distributionOf(result).inputs.defaultCacheBehavior.responseHeadersPolicyId).to.equal(headers.id);
            expect(headers.inputs.securityHeadersConfig).to.deep.equal({
                strictTransportSecurity: { accessControlMaxAgeSec: 63072000, includeSubdomains: true, preload: false, override: true },
                contentTypeOptions: { override: true },
                frameOptions: { frameOption: "DENY", override: true },
                referrerPolicy: { referrerPolicy: "strict-origin-when-cross-origin", override: true },
            });
        });

        it("issues the certificate in us-east-1 through a provider carrying the aws provider's default tags", async () => {
            const result = await defaultSite();
            const certificate = only(result, "aws:acm/certificate:Certificate");
            const validation = only(result, "aws:acm/certificateValidation:CertificateValidation");
            const provider = providerOf(result, certificate)!;
            expect(provider.inputs.region).to.equal("us-east-1");
            expect(providerOf(result, validation)!.urn).to.equal(provider.urn);
            expect(JSON.parse(provider.inputs.defaultTags)).to.deep.equal({ tags: { department: "engineering", environment: "staging", project: "frontend" } });
            expect(certificate.inputs).to.deep.equal({ domainName: "myfrontend.example.com", validationMethod: "DNS" });
            expect(certificate.outputs.arn).to.match(/^arn:aws:acm:us-east-1:123456789012:certificate\//);
            // The distribution takes the ARN from the validation, so it waits for issuance.
            expect(distributionOf(result).propertyDependencies.viewerCertificate).to.include(validation.urn);
            expect(distributionOf(result).inputs.viewerCertificate.acmCertificateArn).to.equal(certificate.outputs.arn);
        });

        it("validates the certificate with a DNS-only record holding exactly ACM's name, type and value", async () => {
            const result = await defaultSite();
            const certificate = only(result, "aws:acm/certificate:Certificate");
            const [challenge] = certificate.outputs.domainValidationOptions;
            expect(challenge.resourceRecordName).to.match(/\.myfrontend\.example\.com\.$/);
            const record = named(result, "cloudflare:index/dnsRecord:DnsRecord", "frontend-certificate-validation");
            expect(record.inputs).to.include({
                zoneId: cloudflareZone({ filter: { name: "example.com" } }).zoneId,
                name: challenge.resourceRecordName.replace(/\.$/, ""),
                type: challenge.resourceRecordType,
                content: challenge.resourceRecordValue.replace(/\.$/, ""),
                proxied: false,
            });
            expect(providerOf(result, record)!.type).to.equal("pulumi:providers:cloudflare");
            const validation = only(result, "aws:acm/certificateValidation:CertificateValidation");
            expect(validation.inputs.validationRecordFqdns).to.deep.equal([record.inputs.name]);
            expect(validation.dependencies).to.include(record.urn);
        });

        it("points a DNS-only CNAME at the distribution", async () => {
            const result = await defaultSite();
            const cname = named(result, "cloudflare:index/dnsRecord:DnsRecord", "frontend-cname");
            expect(cname.inputs).to.include({
                zoneId: cloudflareZone({ filter: { name: "example.com" } }).zoneId,
                name: "myfrontend.example.com",
                type: "CNAME",
                content: distributionOf(result).outputs.domainName,
                proxied: false,
            });
        });

        it("grants CI exactly: list, put and delete in this bucket, invalidate this distribution", async () => {
            const result = await defaultSite();
            const bucketArn = siteBucket(result, "aws:s3/bucket:Bucket").outputs.arn;
            const distributionArn = distributionOf(result).outputs.arn;
            const policy = JSON.parse(result.outputs.deployPolicyJson as string);
            expect(policy).to.deep.equal({
                Version: "2012-10-17",
                Statement: [
                    { Sid: "ListSiteBucket", Effect: "Allow", Action: "s3:ListBucket", Resource: bucketArn },
                    { Sid: "WriteSiteObjects", Effect: "Allow", Action: ["s3:PutObject", "s3:DeleteObject"], Resource: `${bucketArn}/*` },
                    { Sid: "InvalidateDistribution", Effect: "Allow", Action: ["cloudfront:CreateInvalidation", "cloudfront:GetInvalidation"], Resource: distributionArn },
                ],
            });
            const ci = (action: string, resource: string) => simulate({ principal: "arn:aws:iam::123456789012:role/ci", action, resource }, { identity: policy });
            expect(await ci("s3:PutObject", `${bucketArn}/assets/app.js`)).to.equal("Allowed");
            expect(await ci("s3:PutObject", "arn:aws:s3:::another-bucket/app.js")).to.equal("ImplicitlyDenied");
            expect(await ci("s3:DeleteBucket", bucketArn)).to.equal("ImplicitlyDenied");
            expect(await ci("s3:PutBucketPolicy", bucketArn)).to.equal("ImplicitlyDenied");
            expect(await ci("cloudfront:CreateInvalidation", "arn:aws:cloudfront::123456789012:distribution/EOTHERDISTRIB1")).to.equal("ImplicitlyDenied");
        });

        it("uses PriceClass_100 outside production and answers 403/404 from S3 as they are", async () => {
            const { inputs } = distributionOf(await defaultSite());
            expect(inputs.priceClass).to.equal("PriceClass_100");
            expect(inputs.customErrorResponses).to.deep.equal([]);
        });

        it("logs every request to the bucket and to the distribution into the region's log bucket, under its own name", async () => {
            const result = await defaultSite();
            expect(named(result, "aws:s3/bucketLogging:BucketLogging", "frontend-bucket-access-logging").inputs).to.deep.equal({
                bucket: "myfrontend",
                targetBucket: "fixture-logs-eu-west-1",
                targetPrefix: "s3-access/frontend/",
                targetObjectKeyFormat: { partitionedPrefix: { partitionDateSource: "EventTime" } },
            });
            expect(distributionOf(result).inputs.loggingConfig).to.deep.equal({ bucket: "fixture-logs-eu-west-1.s3.amazonaws.com", prefix: "cloudfront/frontend/", includeCookies: false });
            // The component creates no log bucket of its own.
            expect(ofType(result, "aws:s3/bucket:Bucket").map((bucket) => bucket.name)).to.deep.equal(["frontend-bucket"]);
        });

        it("sits behind no web ACL unless given one", async () => {
            expect(distributionOf(await defaultSite()).inputs.webAclId).to.equal(undefined);
        });
    });

    describe("optional behaviour", () => {
        it("takes PriceClass_All when the aws provider's environment tag is production", async () => {
            const result = await site({ environment: "production" });
            expect(distributionOf(result).inputs.priceClass).to.equal("PriceClass_All");
        });

        it("lets an explicit priceClass override the environment", async () => {
            const result = await site({ environment: "production", extraArgs: { priceClass: "PriceClass_200" } });
            expect(distributionOf(result).inputs.priceClass).to.equal("PriceClass_200");
        });

        it("maps 403 and 404 to /index.html with 200 when spaFallback is on", async () => {
            const result = await site({ extraArgs: { spaFallback: true } });
            expect(distributionOf(result).inputs.customErrorResponses).to.deep.equal([
                { errorCode: 403, responseCode: 200, responsePagePath: "/index.html" },
                { errorCode: 404, responseCode: 200, responsePagePath: "/index.html" },
            ]);
        });

        it("proxies the CNAME through Cloudflare only when asked, keeping the validation record DNS-only", async () => {
            const result = await site({ extraArgs: { proxied: true } });
            expect(named(result, "cloudflare:index/dnsRecord:DnsRecord", "frontend-cname").inputs.proxied).to.equal(true);
            expect(named(result, "cloudflare:index/dnsRecord:DnsRecord", "frontend-certificate-validation").inputs.proxied).to.equal(false);
        });

        it("takes a shared response headers policy and web ACL instead of creating its own", async () => {
            const webAclArn = "arn:aws:wafv2:us-east-1:123456789012:global/webacl/shared/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
            const result = await site({ extraArgs: { responseHeadersPolicyId: "shared-headers-policy", webAclArn } });
            expect(ofType(result, "aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy")).to.deep.equal([]);
            expect(distributionOf(result).inputs.defaultCacheBehavior.responseHeadersPolicyId).to.equal("shared-headers-policy");
            expect(distributionOf(result).inputs.webAclId).to.equal(webAclArn);
        });

        it("refuses a log bucket of another region: the site's logs stay in its region", async () => {
            const logs = { region: "eu-west-3", bucketName: "fixture-logs-eu-west-3", bucketArn: "arn:aws:s3:::fixture-logs-eu-west-3", bucketDomainName: "fixture-logs-eu-west-3.s3.amazonaws.com" };
            const result = await site({ extraArgs: { logs } });
            expect(result.error).to.contain("frontend-bucket-access-logging: found a log bucket in eu-west-3 for a source in eu-west-1; expected the log bucket of eu-west-1");
            expect(ofType(result, "aws:s3/bucketLogging:BucketLogging")).to.deep.equal([]);
        });
    });

    describe("bad input", () => {
        /** Previews the fixture with bad args: the error, and proof that nothing of the component was registered. */
        async function rejected(overrides: Record<string, unknown>): Promise<string[]> {
            const result = await site(overrides);
            expect(result.error, "the preview should fail").to.be.a("string");
            expect(result.resources.filter((r) => !r.type.startsWith("pulumi:")).map((r) => r.urn)).to.deep.equal([]);
            expect(ofType(result, "platform:cdn:S3Cdn")).to.deep.equal([]);
            return result.error!.split("\n");
        }

        it("rejects a dnsEntry that is not a hostname", async () => {
            expect(await rejected({ dnsEntry: "My_Site.example.com" })).to.deep.equal([
                'S3Cdn "frontend": invalid arguments:',
                '  dnsEntry: found "My_Site.example.com"; expected a lower-case hostname such as app.example.com (letters, digits and hyphens; no wildcard, no trailing dot)',
            ]);
        });

        it("rejects a dnsEntry without a parent domain to hold the zone", async () => {
            expect(await rejected({ dnsEntry: "example.com" })).to.deep.equal([
                'S3Cdn "frontend": invalid arguments:',
                '  dnsEntry: found "example.com"; expected a name below a parent domain that is the Cloudflare zone (e.g. app.example.com), or set zoneName',
            ]);
        });

        it("rejects a bucket name S3 would refuse, one line per broken rule", async () => {
            expect(await rejected({ bucketName: "-My_Bucket" })).to.deep.equal([
                'S3Cdn "frontend": invalid arguments:',
                '  bucketName: found "-My_Bucket"; expected only lower-case letters, digits, dots and hyphens',
                '  bucketName: found "-My_Bucket"; expected a letter or digit at the start and the end',
            ]);
        });

        it("reports every invalid argument in one error", async () => {
            expect(await rejected({ bucketName: "ab", dnsEntry: "My_Site.example.com", extraArgs: { noncurrentVersionRetentionDays: 0 } })).to.deep.equal([
                'S3Cdn "frontend": invalid arguments:',
                '  bucketName: found "ab"; expected 3 to 63 characters (found 2)',
                '  dnsEntry: found "My_Site.example.com"; expected a lower-case hostname such as app.example.com (letters, digits and hyphens; no wildcard, no trailing dot)',
                "  noncurrentVersionRetentionDays: found 0; expected a whole number of days, at least 1",
            ]);
        });

        const badBucketNames: [string, string[]][] = [
            ["ab", ["3 to 63 characters (found 2)"]],
            ["a".repeat(64), ["3 to 63 characters (found 64)"]],
            ["Frontend", ["only lower-case letters, digits, dots and hyphens"]],
            ["my_frontend", ["only lower-case letters, digits, dots and hyphens"]],
            ["frontend-", ["a letter or digit at the start and the end"]],
            ["my..frontend", ["no two adjacent dots"]],
            ["192.168.10.1", ["a name, not an IP address"]],
            ["xn--frontend", ['no "xn--" prefix (reserved by S3)']],
            ["sthree-frontend", ['no "sthree-" prefix (reserved by S3)']],
            ["amzn-s3-demo-frontend", ['no "amzn-s3-demo-" prefix (reserved by S3)']],
            ["frontend-s3alias", ['no "-s3alias" suffix (reserved by S3)']],
            ["frontend--ol-s3", ['no "--ol-s3" suffix (reserved by S3)']],
            ["frontend.mrap", ['no ".mrap" suffix (reserved by S3)']],
            ["frontend--x-s3", ['no "--x-s3" suffix (reserved by S3)']],
            ["frontend--table-s3", ['no "--table-s3" suffix (reserved by S3)']],
        ];
        for (const [bucketName, expected] of badBucketNames) {
            it(`rejects bucket name "${bucketName.length > 20 ? `${bucketName.slice(0, 8)}... (${bucketName.length})` : bucketName}"`, () => {
                const { problems } = resolveArgs({ bucketName, dnsEntry: "myfrontend.example.com", logs });
                expect(problems).to.deep.equal(expected.map((rule) => `bucketName: found ${JSON.stringify(bucketName)}; expected ${rule}`));
            });
        }

        it("accepts names at S3's limits", () => {
            for (const bucketName of ["abc", "a".repeat(63), "my.frontend-2", "1frontend"]) {
                expect(resolveArgs({ bucketName, dnsEntry: "myfrontend.example.com", logs }).problems, bucketName).to.deep.equal([]);
            }
        });

        it("rejects a dnsEntry outside an explicit zoneName, and bad optional numbers", () => {
            expect(resolveArgs({ bucketName: "myfrontend", dnsEntry: "app.example.org", zoneName: "example.com", noncurrentVersionRetentionDays: 0, logs }).problems).to.deep.equal([
                'dnsEntry: found "app.example.org"; expected a name inside zoneName example.com',
                "noncurrentVersionRetentionDays: found 0; expected a whole number of days, at least 1",
            ]);
        });

        it("refuses no log bucket, and one in an opt-in region, where CloudFront cannot deliver standard logs", () => {
            expect(resolveArgs({ bucketName: "myfrontend", dnsEntry: "myfrontend.example.com" } as S3CdnArgs).problems).to.deep.equal([
                "logs: missing; expected the log bucket of the site's region (every site logs its requests)",
            ]);
            const [problem, ...others] = resolveArgs({ bucketName: "myfrontend", dnsEntry: "myfrontend.example.com", logs: { ...logs, region: "eu-central-2" } }).problems;
            expect(others).to.deep.equal([]);
            expect(problem).to.match(/^logs: found a log bucket in "eu-central-2"; expected a region CloudFront delivers standard logs to \(not an opt-in region\): us-east-1, us-east-2, .*ap-northeast-3$/);
        });
    });

    describe("in the stacks", () => {
        it("hosts each stack's frontend under its domain, with the price class of its environment", async () => {
            for (const [stack, host, priceClass] of [
                ["prod", "app.platform.example.com", "PriceClass_All"],
                ["staging", "app.staging.platform.example.com", "PriceClass_100"],
            ]) {
                const result = await previewOnce(stack);
                expect(result.error, stack).to.equal(undefined);
                const distribution = named(result, "aws:cloudfront/distribution:Distribution", "frontend-distribution");
                expect(distribution.inputs.priceClass, stack).to.equal(priceClass);
                expect(distribution.inputs.aliases, stack).to.deep.equal([host]);
                expect(result.outputs.frontendUrl, stack).to.equal(`https://${host}`);
                const cname = named(result, "cloudflare:index/dnsRecord:DnsRecord", "frontend-cname");
                expect(cname.inputs.zoneId, stack).to.equal(cloudflareZone({ filter: { name: host.slice(4) } }).zoneId);
                const bucket = siteBucket(result, "aws:s3/bucket:Bucket");
                expect(providerOf(result, bucket)!.inputs.region, stack).to.equal("eu-central-1");
            }
        });

        it("creates one Cloudflare provider per stack, its token a secret", async () => {
            const result = await previewOnce("staging");
            const [provider] = ofType(result, "pulumi:providers:cloudflare");
            expect(ofType(result, "pulumi:providers:cloudflare")).to.have.length(1);
            expect(isSecretWire(provider.inputsWire.apiToken)).to.equal(true);
        });

        it("refuses a plaintext Cloudflare token without echoing it", async () => {
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "platform-cloudflare-"));
            try {
                fs.copyFileSync(path.join(repositoryRoot, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
                fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ main: path.join(repositoryRoot, "stacks", "index.ts") }));
                const staging = fs.readFileSync(path.join(repositoryRoot, "Pulumi.staging.yaml"), "utf8");
                const plaintext = staging.replace(/platform:cloudflareApiToken:\n\s+secure: \S+/, "platform:cloudflareApiToken: cf-plaintext-token-1234");
                expect(plaintext).to.contain("cf-plaintext-token-1234");
                fs.writeFileSync(path.join(dir, "Pulumi.plaintext.yaml"), plaintext);
                const result = await previewStack("plaintext", { root: dir, policyPack: false });
                expect(result.error).to.equal([
                    "invalid stack config (1 problem):",
                    "  platform:cloudflareApiToken: found a plaintext value; expected a secret: pulumi config set --secret cloudflareApiToken <value> (plaintext is refused)",
                ].join("\n"));
                expect(result.resources.map((r) => r.type)).to.deep.equal(["pulumi:pulumi:Stack"]);
            } finally {
                fs.rmSync(dir, { recursive: true, force: true });
            }
        });

        it("refuses a frontend outside the stack's domain and a bad bucket name in config", async () => {
            const result = await previewStack("staging", {
                policyPack: false,
                configOverrides: { "platform:frontend": { bucketName: "Frontend", dnsEntry: "app.example.org" } },
            });
            expect(result.error!.split("\n").slice(1)).to.deep.equal([
                '  platform:frontend.bucketName: found "Frontend"; expected only lower-case letters, digits, dots and hyphens',
                '  platform:frontend.dnsEntry: found "app.example.org"; expected a name directly under platform:domain, such as app.staging.platform.example.com',
            ]);
            expect(result.resources.map((r) => r.type)).to.deep.equal(["pulumi:pulumi:Stack"]);
        });
    });
});
