import * as cloudflare from "@pulumi/cloudflare";
import { Foundation } from "./foundation";

const providers = new WeakMap<Foundation, cloudflare.Provider>();

/**
 * The stack's one explicit Cloudflare provider, created on first use and shared by every feature
 * that writes DNS in Cloudflare (the frontend, the SKS ingress). Default providers are disabled
 * (Pulumi.yaml), so nothing falls back to a CLOUDFLARE_API_TOKEN in the operator's shell; the
 * token comes only from `secure:` stack config and stays a secret.
 */
export function cloudflareProvider(foundation: Foundation): cloudflare.Provider {
    let provider = providers.get(foundation);
    if (!provider) {
        provider = new cloudflare.Provider("cloudflare", { apiToken: foundation.config.cloudflareApiToken });
        providers.set(foundation, provider);
    }
    return provider;
}
