import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { checkedArgs } from "../args";
import { accessLogging, cloudFrontLogging } from "../log-bucket/logging";
import { siteRecord, validatedCertificate, zoneIdOf } from "../s3-origin/certificate";
import { PriceClass, s3Distribution } from "../s3-origin/distribution";
import { securityHeadersPolicy } from "../s3-origin/headers";
import { resolveArgs, S3CdnArgs } from "./args";
import { privateBucket } from "./buckets";
import { deployPolicy, siteBucketPolicy } from "./policies";

export { PriceClass, S3CdnArgs } from "./args";

/**
 * A static site from a private S3 bucket behind CloudFront, on its own hostname with an ACM
 * certificate validated in Cloudflare:
 *
 *     new S3Cdn("frontend", { bucketName: "myfrontend", dnsEntry: "myfrontend.example.com", logs },
 *         { providers: { aws: regionalProvider, cloudflare: cloudflareProvider } });
 *
 * The `aws` provider places the bucket; CloudFront reads it only through Origin Access Control,
 * for this distribution only. The bucket's requests and the distribution's are logged into
 * `logs`, the region's log bucket. Upload the build with the policy in `deployPolicyJson`.
 */
export class S3Cdn extends pulumi.ComponentResource {
    /** `https://<dnsEntry>`. */
    readonly url: pulumi.Output<string>;
    /** The distribution's id, for `aws cloudfront create-invalidation`. */
    readonly distributionId: pulumi.Output<string>;
    /** The distribution's `*.cloudfront.net` name, target of the CNAME. */
    readonly distributionDomainName: pulumi.Output<string>;
    /** The site bucket CI uploads the build to. */
    readonly bucketName: pulumi.Output<string>;
    /** IAM policy JSON for CI: sync this bucket and invalidate this distribution, nothing else. */
    readonly deployPolicyJson: pulumi.Output<string>;

    constructor(name: string, args: S3CdnArgs, opts?: pulumi.ComponentResourceOptions) {
        const resolved = checkedArgs("S3Cdn", name, resolveArgs(args), opts);
        super("platform:cdn:S3Cdn", name, {}, opts);
        const parent = { parent: this };

        // The `aws` provider's default tags carry the environment (the policy pack requires them)
        // and are what a us-east-1 provider created here must carry too.
        let defaultTags: pulumi.Output<Record<string, string>> | undefined;
        const providerTags = () => (defaultTags ??= aws.getDefaultTagsOutput({}, parent).tags.apply((tags) => tags ?? {}));
        const priceClass: pulumi.Input<PriceClass> =
            resolved.priceClass ?? providerTags().apply((tags) => (tags.environment === "production" ? "PriceClass_All" : "PriceClass_100"));
        const certificateProvider =
            resolved.certificateProvider ?? new aws.Provider(`${name}-us-east-1`, { region: "us-east-1", defaultTags: { tags: providerTags() } }, parent);

        const site = privateBucket(`${name}-bucket`, {
            bucketName: resolved.bucketName,
            versioning: true,
            lifecycleRules: [{
                id: "expire-replaced-versions",
                status: "Enabled",
                filter: {},
                noncurrentVersionExpiration: { noncurrentDays: resolved.noncurrentVersionRetentionDays },
                abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
            }],
        }, parent);

        accessLogging(`${name}-bucket`, { bucket: site.bucket, destination: resolved.logs, source: name }, parent);

        const zoneId = zoneIdOf(resolved.zoneName, parent);
        const certificate = validatedCertificate(name, { dnsEntry: resolved.dnsEntry, zoneId, provider: certificateProvider }, parent);

        const responseHeadersPolicyId = resolved.responseHeadersPolicyId ?? securityHeadersPolicy(name, { comment: `S3Cdn ${name}: security headers` }, parent).id;
        const distribution = s3Distribution(`${name}-distribution`, {
            domain: resolved.dnsEntry,
            description: `S3Cdn ${name}: ${resolved.dnsEntry}`,
            bucket: site.bucket,
            certificateArn: certificate.certificateArn,
            priceClass,
            responseHeadersPolicyId,
            extra: {
                defaultRootObject: "index.html",
                // S3 answers 403, not 404, for a missing key when the reader may not list the bucket.
                customErrorResponses: resolved.spaFallback
                    ? [403, 404].map((errorCode) => ({ errorCode, responseCode: 200, responsePagePath: "/index.html" }))
                    : [],
                loggingConfig: cloudFrontLogging(resolved.logs, name),
                webAclId: resolved.webAclArn,
            },
        }, parent);

        new aws.s3.BucketPolicy(`${name}-bucket`, {
            bucket: site.bucket.id,
            policy: pulumi.all([site.bucket.arn, distribution.arn]).apply(([bucketArn, distributionArn]) =>
                JSON.stringify(siteBucketPolicy(bucketArn, distributionArn))),
        }, { parent: this, dependsOn: site.policyPrerequisites });

        const cname = siteRecord(name, { dnsEntry: resolved.dnsEntry, zoneId, target: distribution.domainName, proxied: resolved.proxied }, parent);

        this.url = cname.name.apply((hostname) => `https://${hostname}`);
        this.distributionId = distribution.id;
        this.distributionDomainName = distribution.domainName;
        this.bucketName = site.bucket.bucket;
        this.deployPolicyJson = pulumi.all([site.bucket.arn, distribution.arn]).apply(([bucketArn, distributionArn]) =>
            JSON.stringify(deployPolicy(bucketArn, distributionArn)));
        this.registerOutputs({
            url: this.url,
            distributionId: this.distributionId,
            distributionDomainName: this.distributionDomainName,
            bucketName: this.bucketName,
            deployPolicyJson: this.deployPolicyJson,
        });
    }
}
