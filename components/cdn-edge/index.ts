import * as pulumi from "@pulumi/pulumi";
import { checkedArgs } from "../args";
import { securityHeadersPolicy } from "../s3-origin/headers";
import { CdnEdgeArgs, resolveArgs } from "./args";
import { cdnWebAcl } from "./web-acl";

export { CdnEdgeArgs } from "./args";

/**
 * What every CloudFront distribution of a stack shares: one security-headers response policy
 * (CloudFront allows 20 per account, so one per tenant would not scale) and, when asked, one WAF
 * web ACL in front of them all.
 */
export class CdnEdge extends pulumi.ComponentResource {
    /** The security-headers response headers policy. */
    readonly responseHeadersPolicyId: pulumi.Output<string>;
    /** The web ACL's ARN, which CloudFront takes as `webAclId`; none without `webAcl`. */
    readonly webAclArn: pulumi.Output<string> | undefined;

    constructor(name: string, args: CdnEdgeArgs, opts?: pulumi.ComponentResourceOptions) {
        const resolved = checkedArgs("CdnEdge", name, resolveArgs(args), opts);
        super("platform:cdn:CdnEdge", name, {}, opts);
        const inUsEast1 = { parent: this, provider: resolved.providers.forRegion("us-east-1") };

        this.responseHeadersPolicyId = securityHeadersPolicy(name, { comment: `${name}: security headers of every distribution` }, inUsEast1).id;
        this.webAclArn = resolved.webAcl ? cdnWebAcl(name, { requestsPerFiveMinutes: resolved.requestsPerFiveMinutes }, inUsEast1).arn : undefined;
        this.registerOutputs({ responseHeadersPolicyId: this.responseHeadersPolicyId, webAclArn: this.webAclArn });
    }
}
