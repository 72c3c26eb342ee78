import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** TLS 1.3 with TLS 1.2 fallback for older browsers; no TLS 1.0/1.1, no CBC ciphers. */
const tlsPolicy = "ELBSecurityPolicy-TLS13-1-2-2021-06";

export interface SiteLoadBalancerArgs {
    readonly physicalName: string;
    readonly hostname: string;
    readonly zoneId: string;
    readonly vpcId: pulumi.Input<string>;
    readonly publicSubnetIds: pulumi.Input<string>[];
    readonly securityGroupId: pulumi.Input<string>;
    readonly containerPort: number;
    readonly healthCheckPath: string;
    readonly deletionProtection: boolean;
    readonly accessLogBucket: pulumi.Input<string>;
    readonly accessLogPrefix: string;
}

export interface SiteLoadBalancer {
    readonly loadBalancer: aws.lb.LoadBalancer;
    readonly targetGroup: aws.lb.TargetGroup;
    readonly httpsListener: aws.lb.Listener;
}

/**
 * The internet-facing ALB: a certificate for the hostname validated in the Route 53 zone, HTTPS
 * with TLS 1.3, HTTP redirected, invalid headers dropped, access logs, and a target group of task
 * IPs health-checked on the site's path.
 */
export function siteLoadBalancer(name: string, args: SiteLoadBalancerArgs, opts: pulumi.CustomResourceOptions): SiteLoadBalancer {
    const certificate = new aws.acm.Certificate(`${name}-certificate`, { domainName: args.hostname, validationMethod: "DNS" }, opts);
    const option = certificate.domainValidationOptions.apply((options) => {
        const match = options.find((candidate) => candidate.domainName === args.hostname);
        if (!match) {
            throw new pulumi.ResourceError(`ACM returned no DNS validation record for ${args.hostname}`, certificate);
        }
        return match;
    });
    const validationRecord = new aws.route53.Record(`${name}-certificate-validation`, {
        zoneId: args.zoneId,
        name: option.apply((o) => o.resourceRecordName ?? ""),
        type: option.apply((o) => o.resourceRecordType ?? "CNAME"),
        records: [option.apply((o) => o.resourceRecordValue ?? "")],
        ttl: 300,
        allowOverwrite: false,
    }, opts);
    const validation = new aws.acm.CertificateValidation(`${name}-certificate`, {
        certificateArn: certificate.arn,
        validationRecordFqdns: [validationRecord.fqdn],
    }, opts);

    const loadBalancer = new aws.lb.LoadBalancer(name, {
        name: args.physicalName,
        loadBalancerType: "application",
        internal: false,
        subnets: args.publicSubnetIds,
        securityGroups: [args.securityGroupId],
        dropInvalidHeaderFields: true,
        desyncMitigationMode: "strictest",
        enableDeletionProtection: args.deletionProtection,
        accessLogs: { bucket: args.accessLogBucket, prefix: args.accessLogPrefix, enabled: true },
    }, opts);
    const targetGroup = new aws.lb.TargetGroup(`${name}-targets`, {
        port: args.containerPort,
        protocol: "HTTP",
        targetType: "ip",
        vpcId: args.vpcId,
        deregistrationDelay: 30,
        healthCheck: { path: args.healthCheckPath, matcher: "200-399", interval: 15, timeout: 5, healthyThreshold: 2, unhealthyThreshold: 3 },
    }, opts);
    new aws.lb.Listener(`${name}-http`, {
        loadBalancerArn: loadBalancer.arn,
        port: 80,
        protocol: "HTTP",
        defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }],
    }, opts);
    const httpsListener = new aws.lb.Listener(`${name}-https`, {
        loadBalancerArn: loadBalancer.arn,
        port: 443,
        protocol: "HTTPS",
        sslPolicy: tlsPolicy,
        certificateArn: validation.certificateArn,
        defaultActions: [{ type: "forward", targetGroupArn: targetGroup.arn }],
    }, opts);
    return { loadBalancer, targetGroup, httpsListener };
}
