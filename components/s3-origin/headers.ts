import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** Strict-Transport-Security max-age: two years, the value browsers' preload lists expect. */
const hstsMaxAgeSeconds = 63072000;

/**
 * The security headers every platform CDN adds to its responses, overriding whatever the origin
 * sent: HSTS for two years with subdomains, `X-Content-Type-Options: nosniff`,
 * `X-Frame-Options: DENY` and `Referrer-Policy: strict-origin-when-cross-origin`. Created as
 * `<name>-security-headers`. CloudFront allows 20 response headers policies per account by
 * default, so many distributions should share one.
 */
export function securityHeadersPolicy(name: string, args: { readonly comment: string }, opts: pulumi.CustomResourceOptions): aws.cloudfront.ResponseHeadersPolicy {
    return new aws.cloudfront.ResponseHeadersPolicy(`${name}-security-headers`, {
        comment: args.comment,
        securityHeadersConfig: {
            strictTransportSecurity: { accessControlMaxAgeSec: hstsMaxAgeSeconds, includeSubdomains: true, preload: false, override: true },
            contentTypeOptions: { override: true },
            frameOptions: { frameOption: "DENY", override: true },
            referrerPolicy: { referrerPolicy: "strict-origin-when-cross-origin", override: true },
        },
    }, opts);
}
