import { z } from "zod";
import { isDirectChild } from "../../components/rules/dns";
import { bucketNameProblems } from "../../components/rules/s3";
import { dnsName, ruled, strictObject } from "./primitives";

/** The stack's static site (S3Cdn): the component's two required inputs and its optional SPA fallback. */
export const frontendSchema = strictObject({
    /** The site bucket; globally unique (S3's naming rules, one line per broken rule). */
    bucketName: ruled(bucketNameProblems),
    /** Public hostname; under `platform:domain`, which is the Cloudflare zone the records go to. */
    dnsEntry: dnsName,
    /** Serve `/index.html` for unknown paths (client-side routing). Default: false. */
    spaFallback: z.boolean().optional(),
});

export type FrontendConfig = z.infer<typeof frontendSchema>;

/**
 * The frontend's name must sit directly under the stack's domain: the component looks its
 * Cloudflare zone up as the name's parent domain.
 */
export function frontendDomainIssues(frontend: Pick<FrontendConfig, "dnsEntry">, domain: string): { path: PropertyKey[]; message: string }[] {
    // A malformed name or domain is reported by its own rule already.
    if (!dnsName.safeParse(frontend.dnsEntry).success || !dnsName.safeParse(domain).success) {
        return [];
    }
    if (isDirectChild(frontend.dnsEntry, domain)) {
        return [];
    }
    return [{ path: ["frontend", "dnsEntry"], message: `a name directly under platform:domain, such as app.${domain}` }];
}
