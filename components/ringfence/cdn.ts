import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { cloudFrontLogging, LogDestination } from "../log-bucket/logging";
import { siteRecord, validatedCertificate, zoneIdOf } from "../s3-origin/certificate";
import { PriceClass, s3Distribution } from "../s3-origin/distribution";
import { securityHeadersPolicy } from "../s3-origin/headers";

export interface TenantCdnArgs {
    /** Public hostname, e.g. `acme.cdn.example.com`. */
    readonly domain: string;
    /** Cloudflare zone holding `domain`: the certificate's validation record and the CNAME go there. */
    readonly zoneName: string;
    readonly priceClass: PriceClass;
    /** The tenant bucket: its regional endpoint is the origin. */
    readonly bucket: aws.s3.Bucket;
    /** Key prefix served, without slashes; the rest of the bucket stays unreachable from the CDN. */
    readonly prefix: string;
    /** us-east-1: CloudFront only takes certificates from there. */
    readonly certificateProvider: aws.Provider;
    readonly tags: Record<string, string>;
    /** The tenant region's log bucket; standard logs go under `cloudfront/<source>/`. */
    readonly logs: LogDestination;
    /** The tenant's name in the log bucket. */
    readonly source: string;
    /** Default: a security-headers policy of its own, `<name>-security-headers`. */
    readonly responseHeadersPolicyId?: pulumi.Input<string>;
    readonly webAclArn?: pulumi.Input<string>;
}

/**
 * CloudFront in front of the tenant bucket's CDN prefix, configured like every platform CDN
 * (`s3Distribution`: OAC, HTTPS only, TLS 1.2; the security headers the site sends), logging into
 * the tenant region's log bucket, with the certificate validated in Cloudflare.
 * `opts` carries the parent (which hands down the `cloudflare` provider) and the AWS provider of
 * the distribution.
 */
export function tenantCdn(name: string, args: TenantCdnArgs, opts: pulumi.CustomResourceOptions & { readonly parent: pulumi.Resource }): aws.cloudfront.Distribution {
    const zoneId = zoneIdOf(args.zoneName, opts);
    const certificate = validatedCertificate(name, { dnsEntry: args.domain, zoneId, provider: args.certificateProvider, tags: args.tags }, opts);
    const responseHeadersPolicyId = args.responseHeadersPolicyId ?? securityHeadersPolicy(name, { comment: `${name}: security headers` }, opts).id;
    const distribution = s3Distribution(name, {
        domain: args.domain,
        description: `${name}: ${args.domain}`,
        bucket: args.bucket,
        certificateArn: certificate.certificateArn,
        priceClass: args.priceClass,
        originPath: args.prefix,
        viewerProtocolPolicy: "https-only",
        responseHeadersPolicyId,
        extra: { tags: args.tags, loggingConfig: cloudFrontLogging(args.logs, args.source), webAclId: args.webAclArn },
    }, opts);
    siteRecord(name, { dnsEntry: args.domain, zoneId, target: distribution.domainName, proxied: false }, opts);
    return distribution;
}
