import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface WeightedCutoverArgs {
    readonly hostname: string;
    readonly zoneId: string;
    /** Percent of requests to the ALB, 0 to 100. */
    readonly weight: number;
    readonly legacyAddresses: string[];
    readonly removeLegacyRecord: boolean;
    readonly loadBalancer: aws.lb.LoadBalancer;
}

/** Short, so a weight change (or a step back) reaches resolvers within a minute. */
const legacyTtl = 60;

/**
 * The site's name as two weighted A records: an alias to the ALB with `weight` and the legacy
 * servers with `100 - weight`. Route 53 answers each query from one of them in that proportion, so
 * moving traffic (or moving it back) is a reviewed change of one number. At 100 the legacy record
 * can be dropped. The alias evaluates target health: with no healthy task, Route 53 answers from
 * the legacy servers.
 */
export function weightedCutover(name: string, args: WeightedCutoverArgs, opts: pulumi.CustomResourceOptions): aws.route53.Record[] {
    const records = [
        new aws.route53.Record(`${name}-fargate`, {
            zoneId: args.zoneId,
            name: args.hostname,
            type: "A",
            setIdentifier: "fargate",
            weightedRoutingPolicies: [{ weight: args.weight }],
            aliases: [{ name: args.loadBalancer.dnsName, zoneId: args.loadBalancer.zoneId, evaluateTargetHealth: true }],
        }, opts),
    ];
    if (!args.removeLegacyRecord && args.legacyAddresses.length > 0) {
        records.push(new aws.route53.Record(`${name}-legacy`, {
            zoneId: args.zoneId,
            name: args.hostname,
            type: "A",
            setIdentifier: "legacy-ec2",
            weightedRoutingPolicies: [{ weight: 100 - args.weight }],
            ttl: legacyTtl,
            records: args.legacyAddresses,
        }, opts));
    }
    return records;
}
