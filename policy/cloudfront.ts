import { ResourceValidationPolicy } from "@pulumi/policy";
import { known } from "./util";

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

/** CloudFront distributions and their origins. */
export const cloudFrontPolicies = [cloudFrontViewerSecurity];
