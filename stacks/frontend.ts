import { S3Cdn } from "../components/s3-cdn";
import { cloudflareProvider } from "./cloudflare";
import { Foundation } from "./foundation";

/** The stack's static site in the primary region, its records in the stack domain's Cloudflare zone. */
export function frontend(foundation: Foundation) {
    const { frontend: site, primaryRegion } = foundation.config;
    const cdn = new S3Cdn("frontend", {
        bucketName: site.bucketName,
        dnsEntry: site.dnsEntry,
        spaFallback: site.spaFallback,
        logs: foundation.logs.forRegion(primaryRegion),
        responseHeadersPolicyId: foundation.edge.responseHeadersPolicyId,
        webAclArn: foundation.edge.webAclArn,
        // The stack's own us-east-1 provider: same account, credentials and default tags as the rest.
        certificateProvider: foundation.aws.forRegion("us-east-1"),
    }, {
        providers: { aws: foundation.aws.forRegion(primaryRegion), cloudflare: cloudflareProvider(foundation) },
    });
    return {
        cdn,
        outputs: {
            frontendUrl: cdn.url,
            frontendDistributionId: cdn.distributionId,
            frontendBucketName: cdn.bucketName,
            frontendDeployPolicyJson: cdn.deployPolicyJson,
        },
    };
}
