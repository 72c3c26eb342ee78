import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface CdnWebAclArgs {
    readonly requestsPerFiveMinutes: number;
}

/** Metrics in CloudWatch and sampled requests in the console, for the ACL and each rule. */
function visibility(metricName: string): aws.types.input.wafv2.WebAclVisibilityConfig {
    return { cloudwatchMetricsEnabled: true, metricName, sampledRequestsEnabled: true };
}

function managedRuleGroup(name: string, priority: number, metricPrefix: string): aws.types.input.wafv2.WebAclRule {
    return {
        name,
        priority,
        // The group's own actions (block) apply; `count` here would only observe.
        overrideAction: { none: {} },
        statement: { managedRuleGroupStatement: { vendorName: "AWS", name } },
        visibilityConfig: visibility(`${metricPrefix}-${name}`),
    };
}

/**
 * A CloudFront-scoped web ACL (created with the us-east-1 provider in `opts`): allows by default,
 * blocks an IP address over `requestsPerFiveMinutes`, then AWS's common rule set (OWASP-style
 * injection, traversal, oversized bodies) and known bad inputs (Log4j-style exploits, invalid
 * hosts). Created as `<name>-web-acl`.
 */
export function cdnWebAcl(name: string, args: CdnWebAclArgs, opts: pulumi.CustomResourceOptions): aws.wafv2.WebAcl {
    return new aws.wafv2.WebAcl(`${name}-web-acl`, {
        description: `${name}: rate limit per IP, AWS common and known-bad-inputs rules`,
        scope: "CLOUDFRONT",
        defaultAction: { allow: {} },
        rules: [
            {
                name: "rate-limit-per-ip",
                priority: 0,
                action: { block: {} },
                statement: { rateBasedStatement: { limit: args.requestsPerFiveMinutes, aggregateKeyType: "IP", evaluationWindowSec: 300 } },
                visibilityConfig: visibility(`${name}-rate-limit-per-ip`),
            },
            managedRuleGroup("AWSManagedRulesCommonRuleSet", 1, name),
            managedRuleGroup("AWSManagedRulesKnownBadInputsRuleSet", 2, name),
        ],
        visibilityConfig: visibility(name),
    }, opts);
}
