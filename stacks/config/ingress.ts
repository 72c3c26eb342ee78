import { z } from "zod";
import { clusterIssuerNames, externalDnsPolicies, zoneIdFormats } from "../../components/ingress/args";
import { isDirectChild, isWithin } from "../../components/rules/dns";
import { isEmailAddress } from "../../components/rules/email";
import { dnsName, strictObject } from "./primitives";

/** Route 53 hosted zone ids: `Z` and up to 32 upper-case letters or digits. */
const route53ZoneId = z.string().regex(zoneIdFormats.route53, {
    error: "a Route 53 hosted zone id such as Z0123456789ABCDEFGHIJ (Z, then 1-32 upper-case letters or digits)",
});

/** Cloudflare zone ids: 32 lower-case hex digits. */
const cloudflareZoneId = z.string().regex(zoneIdFormats.cloudflare, { error: "a Cloudflare zone id (32 lower-case hex digits)" });

const email = z.string().refine(isEmailAddress, { error: "an email address such as platform-team@example.com" });

const zone = <Id extends z.ZodType<string>>(id: Id) => strictObject({ id, domain: dnsName });

export const ingressSchema = strictObject({
    /** Let's Encrypt account contact: expiry and policy notices go here. */
    acmeEmail: email,
    /** Route 53 zones the EKS cluster's ExternalDNS and cert-manager may write to (and nothing else). */
    hostedZones: z.array(zone(route53ZoneId)).min(1),
    /** Cloudflare zones the SKS cluster's ExternalDNS and cert-manager may write to. */
    cloudflareZones: z.array(zone(cloudflareZoneId)).min(1),
    /** ExternalDNS policy; default per environment: `upsert-only` in production, `sync` elsewhere. */
    externalDnsPolicy: z.enum(externalDnsPolicies).optional(),
    /** Issuer of the sample workloads' certificates; default per environment (staging issuer outside production). */
    defaultIssuer: z.enum(clusterIssuerNames).optional(),
    /** Hosts of the sample workloads that prove the ingress chain on each cluster. */
    sampleHosts: strictObject({
        /** Directly under one of `hostedZones` (the zone's wildcard ACM certificate covers one label). */
        eks: dnsName,
        /** Below one of `cloudflareZones`. */
        sks: dnsName,
    }),
}).superRefine((ingress, ctx) => {
    for (const key of ["hostedZones", "cloudflareZones"] as const) {
        const seen = new Set<string>();
        ingress[key].forEach((entry, index) => {
            if (seen.has(entry.domain)) {
                ctx.addIssue({ code: "custom", path: [key, index, "domain"], message: "each domain once" });
            }
            seen.add(entry.domain);
        });
    }
    // An empty zone list is reported by its own rule; the hosts cannot be judged against it.
    // The zone's wildcard certificate covers one label.
    if (ingress.hostedZones.length > 0 && !ingress.hostedZones.some((entry) => isDirectChild(ingress.sampleHosts.eks, entry.domain))) {
        const zones = ingress.hostedZones.map((entry) => `<name>.${entry.domain}`).join(" or ");
        ctx.addIssue({ code: "custom", path: ["sampleHosts", "eks"], message: `a host directly under a hosted zone: ${zones}` });
    }
    const sks = ingress.sampleHosts.sks;
    if (ingress.cloudflareZones.length > 0 && !ingress.cloudflareZones.some((entry) => sks.endsWith(`.${entry.domain}`))) {
        const zones = ingress.cloudflareZones.map((entry) => entry.domain).join(" or ");
        ctx.addIssue({ code: "custom", path: ["sampleHosts", "sks"], message: `a host under a Cloudflare zone: ${zones}` });
    }
});

export type IngressConfig = z.infer<typeof ingressSchema>;

/**
 * Every zone the controllers write to is the stack's domain or below it, so the sample hosts are
 * too. Reads the zones as far as they are valid: a malformed domain is reported by its own rule.
 */
export function ingressDomainIssues(ingress: unknown, domain: string): { path: PropertyKey[]; message: string }[] {
    if (!dnsName.safeParse(domain).success) {
        return [];
    }
    const section = (ingress ?? {}) as Partial<Record<"hostedZones" | "cloudflareZones", unknown>>;
    return (["hostedZones", "cloudflareZones"] as const).flatMap((key) => {
        const zones = Array.isArray(section[key]) ? (section[key] as unknown[]) : [];
        return zones.flatMap((zone, index) => {
            const zoneDomain = (zone as { domain?: unknown } | null)?.domain;
            const outside = dnsName.safeParse(zoneDomain).success && !isWithin(String(zoneDomain), domain);
            return outside ? [{ path: ["ingress", key, index, "domain"], message: `platform:domain (${domain}) or a zone below it` }] : [];
        });
    });
}
