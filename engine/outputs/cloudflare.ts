import { OutputContext, OutputFactory } from "./context";
import { IdSource } from "./ids";

/**
 * Realistic outputs for the Cloudflare resources and lookups the platform uses: 32-hex ids as the
 * API issues them, records echoing the FQDN the API stores, zones found by name.
 */

/** A fixed instant keeps every preview byte-identical. */
const offlineTimestamp = "2025-01-01T00:00:00.000000Z";

/** The offline Cloudflare account every zone belongs to. */
const offlineAccount = { id: new IdSource("cloudflare-account").hex(32), name: "Offline Preview Account" };

/** Record types Cloudflare can proxy. */
const proxiableTypes = new Set(["A", "AAAA", "CNAME"]);

function dnsRecord(ctx: OutputContext) {
    const type = String(ctx.inputs.type);
    return {
        id: ctx.ids.hex(32),
        outputs: {
            proxied: ctx.inputs.proxied ?? false,
            proxiable: proxiableTypes.has(type),
            createdOn: offlineTimestamp,
            modifiedOn: offlineTimestamp,
            ...(ctx.inputs.comment === undefined ? {} : { commentModifiedOn: offlineTimestamp }),
            meta: "{}",
            settings: {},
            tags: ctx.inputs.tags ?? [],
        },
    };
}

export const cloudflareOutputs: Record<string, OutputFactory> = {
    "cloudflare:index/dnsRecord:DnsRecord": dnsRecord,
};

/** Cloudflare resources without a dedicated factory get a 32-hex id like the API's. */
export function genericCloudflareOutputs(ctx: OutputContext) {
    return { id: ctx.ids.hex(32), outputs: {} };
}

/**
 * `cloudflare.getZone` looked up by `filter.name`: an active full-setup zone in the offline
 * account. The id is derived from the name, so every stack that looks up a zone sees the same id.
 */
export function cloudflareZone(inputs: Record<string, any>): Record<string, unknown> {
    const name = inputs.filter?.name as string | undefined;
    if (!name) {
        throw new Error("offline engine: cloudflare getZone answers lookups by filter.name only");
    }
    const id = new IdSource(`cloudflare-zone:${name}`).hex(32);
    return {
        id,
        zoneId: id,
        filter: inputs.filter,
        name,
        status: "active",
        type: "full",
        paused: false,
        developmentMode: 0,
        account: offlineAccount,
        owner: { id: offlineAccount.id, name: offlineAccount.name, type: "organization" },
        nameServers: ["ada.ns.cloudflare.com", "bob.ns.cloudflare.com"],
        originalNameServers: [],
        originalRegistrar: "",
        originalDnshost: "",
        vanityNameServers: [],
        verificationKey: "",
        cnameSuffix: "",
        permissions: [],
        activatedOn: offlineTimestamp,
        createdOn: offlineTimestamp,
        modifiedOn: offlineTimestamp,
        meta: { cdnOnly: false, customCertificateQuota: 0, dnsOnly: false, foundationDns: false, pageRuleQuota: 3, phishingDetected: false, step: 2 },
        plan: { id: "0feeeeeeeeeeeeeeeeeeeeeeeeeeeeee", name: "Free Website", price: 0, currency: "USD", frequency: "", isSubscribed: false, canSubscribe: false, legacyId: "free", legacyDiscount: false, externallyManaged: false },
        tenant: {},
        tenantUnit: {},
    };
}
