import albControllerPolicyDocument from "./aws-load-balancer-controller-iam-policy.json";

/** An IAM policy document as AWS reads it. */
export interface PolicyDocument {
    readonly Version: "2012-10-17";
    readonly Statement: readonly PolicyStatement[];
}

export interface PolicyStatement {
    readonly Sid?: string;
    readonly Effect: "Allow" | "Deny";
    readonly Action: string | readonly string[];
    readonly Resource: string | readonly string[];
    readonly Condition?: Record<string, Record<string, string | readonly string[]>>;
}

/**
 * The AWS Load Balancer Controller's published policy, vendored verbatim from
 * kubernetes-sigs/aws-load-balancer-controller `docs/install/iam_policy.json` at commit
 * 2b150b977b79dcad119243f2e8f3625ea5bb7e81 (the v2.12 line: capacity reservations and IPAM pools).
 * Its write actions are conditioned on the `elbv2.k8s.aws/cluster` tag the controller puts on
 * everything it creates.
 */
export const albControllerPolicy = albControllerPolicyDocument as PolicyDocument;

function hostedZoneArns(partition: string, zoneIds: readonly string[]): string[] {
    return zoneIds.map((id) => `arn:${partition}:route53:::hostedzone/${id}`);
}

/**
 * ExternalDNS: record changes only in the listed zones; discovery (zones, records, zone tags)
 * is read-only and has to see every zone to find the listed ones.
 */
export function externalDnsPolicy(partition: string, zoneIds: readonly string[]): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "ChangeRecordsInListedZones",
                Effect: "Allow",
                Action: "route53:ChangeResourceRecordSets",
                Resource: hostedZoneArns(partition, zoneIds),
            },
            {
                Sid: "DiscoverZonesAndRecords",
                Effect: "Allow",
                Action: ["route53:ListHostedZones", "route53:ListResourceRecordSets", "route53:ListTagsForResources"],
                Resource: "*",
            },
        ],
    };
}

/**
 * cert-manager's DNS01 solver: TXT records named `_acme-challenge.*` in the listed zones and
 * nothing else, so a compromised cert-manager cannot repoint a host.
 */
export function certManagerPolicy(partition: string, zoneIds: readonly string[]): PolicyDocument {
    const zones = hostedZoneArns(partition, zoneIds);
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "AcmeChallengeRecordsOnly",
                Effect: "Allow",
                Action: "route53:ChangeResourceRecordSets",
                Resource: zones,
                Condition: {
                    "ForAllValues:StringEquals": { "route53:ChangeResourceRecordSetsRecordTypes": ["TXT"] },
                    "ForAllValues:StringLike": { "route53:ChangeResourceRecordSetsNormalizedRecordNames": ["_acme-challenge.*"] },
                },
            },
            { Sid: "ReadListedZones", Effect: "Allow", Action: "route53:ListResourceRecordSets", Resource: zones },
            { Sid: "WaitForPropagation", Effect: "Allow", Action: "route53:GetChange", Resource: `arn:${partition}:route53:::change/*` },
            { Sid: "FindZones", Effect: "Allow", Action: "route53:ListHostedZonesByName", Resource: "*" },
        ],
    };
}
