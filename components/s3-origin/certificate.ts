import * as aws from "@pulumi/aws";
import * as cloudflare from "@pulumi/cloudflare";
import * as pulumi from "@pulumi/pulumi";
import { lookupOnce } from "../lookups";

/** Cloudflare stores names and targets without the root dot ACM puts on them; keeping it would diff forever. */
function withoutTrailingDot(name: string): string {
    return name.replace(/\.$/, "");
}

/**
 * Cloudflare's "automatic" TTL (300 s for DNS-only records), the only value it accepts for proxied ones.
 */
const automaticTtl = 1;

/**
 * The zone's id, looked up by name with the `cloudflare` provider `opts` names or its parent hands
 * down. `zoneId` rather than `id`: with a filter the provider may leave `id` empty.
 */
export function zoneIdOf(zoneName: string, opts: { readonly parent: pulumi.Resource }): pulumi.Output<string> {
    const args = { filter: { name: zoneName } };
    const parent = { parent: opts.parent };
    return lookupOnce("cloudflare:index/getZone:getZone", args, parent, () => cloudflare.getZoneOutput(args, parent)).zoneId;
}

export interface ValidatedCertificateArgs {
    /** The hostname the certificate covers. */
    readonly dnsEntry: string;
    /** Cloudflare zone holding `dnsEntry`, where the validation record goes. */
    readonly zoneId: pulumi.Input<string>;
    /** The us-east-1 provider: CloudFront only takes certificates from there. */
    readonly provider: aws.Provider;
    /** Tags beyond the provider's default tags. Default: none. */
    readonly tags?: Record<string, string>;
}

/**
 * An ACM certificate for `dnsEntry`, validated through a DNS-only record in Cloudflare (a proxied
 * record would answer with Cloudflare's addresses instead of the CNAME ACM looks for). The
 * returned validation resolves only once ACM has issued the certificate. The record is written
 * with the `cloudflare` provider `opts.parent` hands down; the ACM resources use `args.provider`.
 */
export function validatedCertificate(name: string, args: ValidatedCertificateArgs, opts: pulumi.CustomResourceOptions): aws.acm.CertificateValidation {
    const { dnsEntry } = args;
    const inUsEast1 = { ...opts, provider: args.provider };
    const certificate = new aws.acm.Certificate(`${name}-certificate`, {
        domainName: dnsEntry,
        validationMethod: "DNS",
        tags: args.tags,
    }, inUsEast1);
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
    }, { parent: opts.parent });
    return new aws.acm.CertificateValidation(`${name}-certificate`, {
        certificateArn: certificate.arn,
        validationRecordFqdns: [record.name],
    }, inUsEast1);
}

export interface SiteRecordArgs {
    /** The public hostname. */
    readonly dnsEntry: string;
    readonly zoneId: pulumi.Input<string>;
    /** The distribution's `*.cloudfront.net` name. */
    readonly target: pulumi.Input<string>;
    /** Through Cloudflare's proxy, or DNS-only. */
    readonly proxied: boolean;
}

/** The site's CNAME to the distribution, written with the `cloudflare` provider `opts.parent` hands down. */
export function siteRecord(name: string, args: SiteRecordArgs, opts: pulumi.CustomResourceOptions): cloudflare.DnsRecord {
    return new cloudflare.DnsRecord(`${name}-cname`, {
        zoneId: args.zoneId,
        name: args.dnsEntry,
        type: "CNAME",
        content: args.target,
        ttl: automaticTtl,
        proxied: args.proxied,
        comment: "CloudFront distribution (S3Cdn)",
    }, { parent: opts.parent });
}
