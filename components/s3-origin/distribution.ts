import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { lookupOnce } from "../lookups";

const originId = "s3-origin";

/** CloudFront price classes: edge locations in North America and Europe, plus most regions, or all. */
export type PriceClass = "PriceClass_100" | "PriceClass_200" | "PriceClass_All";

export const priceClasses: readonly PriceClass[] = ["PriceClass_100", "PriceClass_200", "PriceClass_All"];

export interface S3DistributionArgs {
    /** The hostname viewers use: the distribution's only alias. */
    readonly domain: string;
    /** `comment` and the Origin Access Control's description; CloudFront keeps 128 characters. */
    readonly description: string;
    /** The origin bucket, reached at its regional endpoint. */
    readonly bucket: aws.s3.Bucket;
    /** A us-east-1 ACM certificate covering `domain`. */
    readonly certificateArn: pulumi.Input<string>;
    readonly priceClass: pulumi.Input<PriceClass>;
    /** Serve only this key prefix (`/<prefix>`). Default: the whole bucket. */
    readonly originPath?: string;
    /**
     * `https-only` refuses plain HTTP outright, for content only programs fetch; the default
     * `redirect-to-https` sends browsers that typed `http://` on to HTTPS. Never `allow-all`.
     */
    readonly viewerProtocolPolicy?: "redirect-to-https" | "https-only";
    /** Response headers policy for the default behaviour. Default: none. */
    readonly responseHeadersPolicyId?: pulumi.Input<string>;
    /** Everything else a caller adds (root object, error pages, logging, tags). */
    readonly extra?: Partial<aws.cloudfront.DistributionArgs>;
}

/**
 * CloudFront in front of a private S3 bucket, as every CDN of the platform runs it: Origin Access
 * Control signs each origin request (never a legacy OAI), viewers use HTTPS (redirected, or
 * refused plain HTTP) with TLS 1.2 or later over SNI, HTTP/2 and 3 and IPv6 on, only
 * GET/HEAD/OPTIONS, compressed, cached with the managed CachingOptimized policy. Creates the
 * distribution as `name` and its Origin Access Control as `<name>-oac`; the caller grants the
 * distribution `s3:GetObject` through `AWS:SourceArn`.
 */
export function s3Distribution(name: string, args: S3DistributionArgs, opts: pulumi.CustomResourceOptions): aws.cloudfront.Distribution {
    const description = args.description.slice(0, 128);
    const originAccessControl = new aws.cloudfront.OriginAccessControl(`${name}-oac`, {
        description,
        originAccessControlOriginType: "s3",
        signingBehavior: "always",
        signingProtocol: "sigv4",
    }, opts);
    const cachePolicyArgs = { name: "Managed-CachingOptimized" };
    const cachingOptimized = lookupOnce("aws:cloudfront/getCachePolicy:getCachePolicy", cachePolicyArgs, opts, () =>
        aws.cloudfront.getCachePolicyOutput(cachePolicyArgs, opts));
    return new aws.cloudfront.Distribution(name, {
        enabled: true,
        comment: description,
        aliases: [args.domain],
        httpVersion: "http2and3",
        isIpv6Enabled: true,
        priceClass: args.priceClass,
        origins: [{
            originId,
            domainName: args.bucket.bucketRegionalDomainName,
            originPath: args.originPath && `/${args.originPath}`,
            originAccessControlId: originAccessControl.id,
        }],
        defaultCacheBehavior: {
            targetOriginId: originId,
            viewerProtocolPolicy: args.viewerProtocolPolicy ?? "redirect-to-https",
            allowedMethods: ["GET", "HEAD", "OPTIONS"],
            cachedMethods: ["GET", "HEAD"],
            compress: true,
            cachePolicyId: cachingOptimized.id,
            responseHeadersPolicyId: args.responseHeadersPolicyId,
        },
        restrictions: { geoRestriction: { restrictionType: "none" } },
        viewerCertificate: {
            acmCertificateArn: args.certificateArn,
            sslSupportMethod: "sni-only",
            minimumProtocolVersion: "TLSv1.2_2021",
        },
        ...args.extra,
    }, opts);
}
