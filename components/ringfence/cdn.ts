import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PriceClass } from "../s3-cdn";
import { siteRecord, validatedCertificate, zoneIdOf } from "../s3-cdn/dns";

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
}

const originId = "tenant-bucket";

/**
 * CloudFront in front of the tenant bucket's CDN prefix: Origin Access Control signs every
 * origin request, viewers are redirected to HTTPS and need TLS 1.2, and the certificate is
 * validated in Cloudflare like the S3Cdn component's. `opts` carries the parent (with the
 * `cloudflare` provider) and the AWS provider of the distribution.
 */
export function tenantCdn(name: string, args: TenantCdnArgs, opts: pulumi.CustomResourceOptions & { parent: pulumi.Resource }): aws.cloudfront.Distribution {
    const zoneId = zoneIdOf(args.zoneName, opts.parent);
    const certificate = validatedCertificate({ name, dnsEntry: args.domain, zoneId, provider: args.certificateProvider, parent: opts.parent });
    const originAccessControl = new aws.cloudfront.OriginAccessControl(`${name}-oac`, {
        description: `${name}: CloudFront signs every request to the tenant bucket`,
        originAccessControlOriginType: "s3",
        signingBehavior: "always",
        signingProtocol: "sigv4",
    }, opts);
    const cachingOptimized = aws.cloudfront.getCachePolicyOutput({ name: "Managed-CachingOptimized" }, opts);

    const distribution = new aws.cloudfront.Distribution(name, {
        enabled: true,
        comment: `${name}: ${args.domain}`,
        aliases: [args.domain],
        httpVersion: "http2and3",
        isIpv6Enabled: true,
        priceClass: args.priceClass,
        origins: [{
            originId,
            domainName: args.bucket.bucketRegionalDomainName,
            originPath: `/${args.prefix}`,
            originAccessControlId: originAccessControl.id,
        }],
        defaultCacheBehavior: {
            targetOriginId: originId,
            viewerProtocolPolicy: "redirect-to-https",
            allowedMethods: ["GET", "HEAD", "OPTIONS"],
            cachedMethods: ["GET", "HEAD"],
            compress: true,
            cachePolicyId: cachingOptimized.id,
        },
        restrictions: { geoRestriction: { restrictionType: "none" } },
        viewerCertificate: {
            acmCertificateArn: certificate.certificateArn,
            sslSupportMethod: "sni-only",
            minimumProtocolVersion: "TLSv1.2_2021",
        },
        tags: args.tags,
    }, opts);
    siteRecord(name, { dnsEntry: args.domain, zoneId, target: distribution.domainName, proxied: false }, opts.parent);
    return distribution;
}
