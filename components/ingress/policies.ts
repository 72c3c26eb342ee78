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

function hostedZoneArns(partition: string, zoneIds: readonly string[]): string[] {
    return zoneIds.map((id) => `arn:${partition}:route53:::hostedzone/${id}`);
}

/**
 * ExternalDNS: records and zone tags only in the listed zones; `ListHostedZones` has no resource
 * to scope to, and ExternalDNS filters its answer down to the listed zones (`--zone-id-filter`).
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
                Sid: "ReadListedZones",
                Effect: "Allow",
                Action: ["route53:ListResourceRecordSets", "route53:ListTagsForResources"],
                Resource: hostedZoneArns(partition, zoneIds),
            },
            { Sid: "DiscoverZones", Effect: "Allow", Action: "route53:ListHostedZones", Resource: "*" },
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
