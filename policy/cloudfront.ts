import { ResourceValidationPolicy } from "@pulumi/policy";
import { isProduction, known, ofType, pending, readOrPending } from "./util";

export interface CloudFrontConfig {
    allowedTlsPolicies: string[];
}

/**
 * A bucket's REST endpoint: `<bucket>.s3.amazonaws.com`, `.s3.<region>.`, the legacy `.s3-<region>.`,
 * `.s3.dualstack.<region>.`; not a website endpoint (`.s3-website-<region>.`, `.s3-website.<region>.`).
 */
function isS3RestEndpoint(domainName: string): boolean {
    return /\.s3([.-][a-z0-9-]+)*\.amazonaws\.com(\.cn)?$/.test(domainName) && !/\.s3-website[.-]/.test(domainName);
}

export const cloudFrontViewerSecurity: ResourceValidationPolicy = {
    name: "cloudfront-viewer-security",
    description: "CloudFront serves HTTPS only with a modern TLS policy and reads S3 through Origin Access Control, never a legacy OAI.",
    enforcementLevel: "mandatory",
    configSchema: { properties: { allowedTlsPolicies: { type: "array", items: { type: "string" }, default: ["TLSv1.2_2021", "TLSv1.2_2025", "TLSv1.3_2025"] } } },
    validateResource: (args, reportViolation) => {
        if (args.type === "aws:cloudfront/originAccessIdentity:OriginAccessIdentity") {
            reportViolation("use an Origin Access Control instead of an Origin Access Identity");
            return;
        }
        if (args.type !== "aws:cloudfront/distribution:Distribution") {
            return;
        }
        const { allowedTlsPolicies } = args.getConfig<CloudFrontConfig>();
        const certificate = args.props.viewerCertificate ?? {};
        if (!certificate.cloudfrontDefaultCertificate && !allowedTlsPolicies.includes(certificate.minimumProtocolVersion)) {
            reportViolation(`viewerCertificate.minimumProtocolVersion is ${JSON.stringify(certificate.minimumProtocolVersion)}; allowed: ${allowedTlsPolicies.join(", ")}`);
        }
        const behaviors = [args.props.defaultCacheBehavior, ...(args.props.orderedCacheBehaviors ?? [])].filter(Boolean);
        for (const behavior of behaviors) {
            if (behavior.viewerProtocolPolicy === "allow-all") {
                reportViolation(`cache behavior ${behavior.pathPattern ?? "default"} allows plain HTTP; use redirect-to-https or https-only`);
            }
        }
        for (const origin of args.props.origins ?? []) {
            if (origin.s3OriginConfig?.originAccessIdentity) {
                reportViolation(`origin ${origin.originId} uses an Origin Access Identity; use originAccessControlId`);
                continue;
            }
            // Without OAC (or an OAI) CloudFront reads an S3 REST endpoint anonymously, so the bucket
            // must be public. Website endpoints are custom origins, out of OAC's reach.
            const domainName = known(() => origin.domainName);
            if (typeof domainName === "string" && isS3RestEndpoint(domainName) && known(() => origin.originAccessControlId ?? "") === "") {
                reportViolation(`origin ${origin.originId} reads S3 bucket endpoint ${domainName} without an Origin Access Control; set originAccessControlId`);
            }
        }
    },
};

export interface CloudFrontLoggingConfig {
    requireWebAclOutsideProduction: boolean;
}

/** Whether a value is set: a preview's unknown is (a log bucket or web ACL the change creates), an empty string is not. */
const isSet = (value: unknown): boolean => value === pending || (value !== undefined && value !== null && value !== "");

export const cloudFrontLogging: ResourceValidationPolicy = {
    name: "cloudfront-logging",
    description: "Every CloudFront distribution writes standard logs to an S3 bucket (loggingConfig.bucket); in production it sits behind a WAF web ACL (webAclId), outside production when configured.",
    enforcementLevel: "mandatory",
    configSchema: { properties: { requireWebAclOutsideProduction: { type: "boolean", default: false } } },
    validateResource: ofType("aws:cloudfront/distribution:Distribution", (_props, args, reportViolation) => {
        if (!isSet(readOrPending(() => args.props.loggingConfig?.bucket))) {
            reportViolation(`loggingConfig.bucket is not set; set it to the logs bucket's domain name (<bucket>.s3.amazonaws.com) so every request is logged`);
        }
        const production = isProduction(args.props, args.provider?.props);
        const { requireWebAclOutsideProduction } = args.getConfig<CloudFrontLoggingConfig>();
        // An environment a preview does not know yet is judged at `up`.
        const required = production === true || (production === false && requireWebAclOutsideProduction);
        if (required && !isSet(readOrPending(() => args.props.webAclId))) {
            const where = production ? "in production" : "with requireWebAclOutsideProduction";
            reportViolation(`webAclId is not set ${where}; attach a WAF web ACL (scope CLOUDFRONT, us-east-1) with rate limiting and the AWS managed common and known-bad-inputs rule groups`);
        }
    }),
};

/** CloudFront distributions: their origins, their logs and their web ACL. */
export const cloudFrontPolicies = [cloudFrontViewerSecurity, cloudFrontLogging];
