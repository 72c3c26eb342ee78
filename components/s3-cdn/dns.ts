import * as aws from "@pulumi/aws";
import * as cloudflare from "@pulumi/cloudflare";
import * as pulumi from "@pulumi/pulumi";
import { lookupOnce } from "../lookups";

/** Cloudflare stores names and targets without the root dot ACM puts on them; keeping it would diff forever. */
export function withoutTrailingDot(name: string): string {
    return name.replace(/\.$/, "");
}

/**
 * Cloudflare's "automatic" TTL (300 s for DNS-only records), the only value it accepts for proxied ones.
 */
const automaticTtl = 1;

/** The zone's id, looked up by name. `zoneId` rather than `id`: with a filter the provider may leave `id` empty. */
export function zoneIdOf(zoneName: string, parent: pulumi.Resource): pulumi.Output<string> {
    const args = { filter: { name: zoneName } };
    return lookupOnce("cloudflare:index/getZone:getZone", args, { parent }, () => cloudflare.getZoneOutput(args, { parent })).zoneId;
}

export interface ValidatedCertificateArgs {
    readonly name: string;
    readonly dnsEntry: string;
    readonly zoneId: pulumi.Input<string>;
    /** The us-east-1 provider: CloudFront only takes certificates from there. */
    readonly provider: aws.Provider;
    readonly parent: pulumi.Resource;
    /** Tags beyond the provider's default tags. Default: none. */
    readonly tags?: Record<string, string>;
}

/**
 * An ACM certificate for `dnsEntry`, validated through a DNS-only record in Cloudflare (a proxied
 * record would answer with Cloudflare's addresses instead of the CNAME ACM looks for). The
 * returned validation resolves only once ACM has issued the certificate.
 */
export function validatedCertificate(args: ValidatedCertificateArgs): aws.acm.CertificateValidation {
    const { name, dnsEntry, provider, parent } = args;
    const certificate = new aws.acm.Certificate(`${name}-certificate`, {
        domainName: dnsEntry,
        validationMethod: "DNS",
        tags: args.tags,
    }, { parent, provider });
    const challenge = certificate.domainValidationOptions.apply((options) => {
        const option = options.find((candidate) => candidate.domainName === dnsEntry);
        if (!option) {
            throw new pulumi.ResourceError(`ACM returned no DNS validation record for ${dnsEntry}`, certificate);
        }
        return option;
    });
    const record = new cloudflare.DnsRecord(`${name}-certificate-validation`, {
        zoneId: args.zoneId,
        name: challenge.apply((option) => withoutTrailingDot(option.resourceRecordName)),
        type: challenge.resourceRecordType,
        content: challenge.apply((option) => withoutTrailingDot(option.resourceRecordValue)),
        ttl: automaticTtl,
        proxied: false,
        comment: "ACM certificate validation (S3Cdn)",
    }, { parent });
    return new aws.acm.CertificateValidation(`${name}-certificate`, {
        certificateArn: certificate.arn,
        validationRecordFqdns: [record.name],
    }, { parent, provider });
}

/** The site's CNAME to the distribution. */
export function siteRecord(name: string, args: { dnsEntry: string; zoneId: pulumi.Input<string>; target: pulumi.Input<string>; proxied: boolean }, parent: pulumi.Resource): cloudflare.DnsRecord {
    return new cloudflare.DnsRecord(`${name}-cname`, {
        zoneId: args.zoneId,
        name: args.dnsEntry,
        type: "CNAME",
        content: args.target,
        ttl: automaticTtl,
        proxied: args.proxied,
        comment: "CloudFront distribution (S3Cdn)",
    }, { parent });
}
