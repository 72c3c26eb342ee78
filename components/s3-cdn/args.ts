import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ArgsCheck, found } from "../args";
import { LogDestination } from "../log-bucket/logging";
import { cloudFrontLogRegionProblems } from "../rules/cloudfront";
import { PriceClass, priceClasses } from "../s3-origin/distribution";
import { hostnameProblems, parentDomain } from "../rules/dns";
import { bucketNameProblems } from "../rules/s3";

export { PriceClass } from "../s3-origin/distribution";

export interface S3CdnArgs {
    /**
     * Name of the private S3 bucket holding the site build. Globally unique; S3's naming rules
     * apply (3-63 lower-case letters, digits, dots and hyphens, ...). Required.
     */
    readonly bucketName: string;
    /**
     * Public hostname of the site, e.g. `app.example.com`: the distribution's alias, the
     * certificate's domain and the Cloudflare CNAME. Required.
     */
    readonly dnsEntry: string;
    /**
     * Answer 403 and 404 from S3 with `/index.html` and status 200, for single-page apps that route
     * on the client. Default: false (S3's 403 for a missing object reaches the viewer).
     */
    readonly spaFallback?: boolean;
    /**
     * CloudFront price class. Default: `PriceClass_All` when the `aws` provider's `environment`
     * default tag is `production`, `PriceClass_100` (North America and Europe) otherwise.
     */
    readonly priceClass?: PriceClass;
    /**
     * Send the site's traffic through Cloudflare's proxy. Default: false (DNS-only: the CNAME
     * resolves straight to CloudFront, which terminates TLS with the ACM certificate).
     */
    readonly proxied?: boolean;
    /** Cloudflare zone holding `dnsEntry`. Default: `dnsEntry`'s parent domain. */
    readonly zoneName?: string;
    /**
     * The log bucket of the site's region (a `LogBucket`; the stacks pass their regional one): the
     * site bucket's S3 server access logs go under `s3-access/<name>/`, the distribution's
     * standard logs under `cloudfront/<name>/`. Not in an opt-in region (CloudFront cannot
     * deliver there). Required.
     */
    readonly logs: LogDestination;
    /**
     * Response headers policy of the default behaviour. Default: one the component creates,
     * `<name>-security-headers` (HSTS two years, nosniff, frame DENY, strict-origin-when-cross-origin).
     */
    readonly responseHeadersPolicyId?: pulumi.Input<string>;
    /** ARN of a WAF web ACL (scope CLOUDFRONT) in front of the distribution. Default: none. */
    readonly webAclArn?: pulumi.Input<string>;
    /** Days a replaced or deleted object version stays recoverable in the site bucket. Default: 30. */
    readonly noncurrentVersionRetentionDays?: number;
    /**
     * AWS provider in us-east-1 for the ACM certificate (CloudFront only accepts certificates from
     * us-east-1). Default: the component creates `<name>-us-east-1` with the `aws` provider's
     * default tags and the ambient credentials; pass one when the `aws` provider assumes a role
     * or uses a profile, so the certificate lands in the distribution's account.
     */
    readonly certificateProvider?: aws.Provider;
}

/** Args with every default applied. */
export interface ResolvedArgs {
    readonly bucketName: string;
    readonly dnsEntry: string;
    readonly zoneName: string;
    readonly spaFallback: boolean;
    /** Undefined: derived from the `aws` provider's `environment` default tag. */
    readonly priceClass?: PriceClass;
    readonly proxied: boolean;
    readonly logs: LogDestination;
    readonly responseHeadersPolicyId?: pulumi.Input<string>;
    readonly webAclArn?: pulumi.Input<string>;
    readonly noncurrentVersionRetentionDays: number;
    readonly certificateProvider?: aws.Provider;
}

function positiveDays(key: string, value: number, problems: string[]): void {
    if (!Number.isInteger(value) || value < 1) {
        problems.push(`${key}: ${found(value)}; expected a whole number of days, at least 1`);
    }
}

/** Applies the defaults and lists every invalid argument, one line each. */
export function resolveArgs(args: S3CdnArgs): ArgsCheck<ResolvedArgs> {
    const problems: string[] = [];
    for (const expected of bucketNameProblems(args.bucketName)) {
        problems.push(`bucketName: ${found(args.bucketName)}; expected ${expected}`);
    }
    const dnsEntryValid = hostnameProblems(args.dnsEntry).length === 0;
    for (const expected of hostnameProblems(args.dnsEntry)) {
        problems.push(`dnsEntry: ${found(args.dnsEntry)}; expected ${expected}`);
    }

    const zoneName = args.zoneName ?? parentDomain(args.dnsEntry);
    if (args.zoneName !== undefined) {
        for (const expected of hostnameProblems(args.zoneName)) {
            problems.push(`zoneName: ${found(args.zoneName)}; expected ${expected}`);
        }
        if (dnsEntryValid && args.dnsEntry !== zoneName && !args.dnsEntry.endsWith(`.${zoneName}`)) {
            problems.push(`dnsEntry: ${found(args.dnsEntry)}; expected a name inside zoneName ${zoneName}`);
        }
    } else if (dnsEntryValid && args.dnsEntry.split(".").length < 3) {
        problems.push(`dnsEntry: ${found(args.dnsEntry)}; expected a name below a parent domain that is the Cloudflare zone (e.g. app.${args.dnsEntry}), or set zoneName`);
    }

    if (args.priceClass !== undefined && !priceClasses.includes(args.priceClass)) {
        problems.push(`priceClass: ${found(args.priceClass)}; expected one of ${priceClasses.join(", ")}`);
    }
    const noncurrentVersionRetentionDays = args.noncurrentVersionRetentionDays ?? 30;
    positiveDays("noncurrentVersionRetentionDays", noncurrentVersionRetentionDays, problems);

    if (args.logs === undefined) {
        problems.push("logs: missing; expected the log bucket of the site's region (every site logs its requests)");
    } else {
        for (const expected of cloudFrontLogRegionProblems(args.logs.region)) {
            problems.push(`logs: found a log bucket in ${JSON.stringify(args.logs.region)}; expected ${expected}`);
        }
    }

    return {
        resolved: {
            bucketName: args.bucketName,
            dnsEntry: args.dnsEntry,
            zoneName,
            spaFallback: args.spaFallback ?? false,
            priceClass: args.priceClass,
            proxied: args.proxied ?? false,
            logs: args.logs,
            responseHeadersPolicyId: args.responseHeadersPolicyId,
            webAclArn: args.webAclArn,
            noncurrentVersionRetentionDays,
            certificateProvider: args.certificateProvider,
        },
        problems,
    };
}
