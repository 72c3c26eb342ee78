import { z } from "zod";
import { bucketNameProblems } from "../../components/s3-cdn/validation";
import { dnsName, strictObject } from "./primitives";

/** S3's bucket naming rules, reported one line per broken rule (the component's own rules). */
const bucketName = z.string().superRefine((name, ctx) => {
    for (const expected of bucketNameProblems(name)) {
        ctx.addIssue({ code: "custom", message: expected });
    }
});

/** The stack's static site (S3Cdn): the component's two required inputs and its optional SPA fallback. */
export const frontendSchema = strictObject({
    /** The site bucket; globally unique. */
    bucketName,
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
    const label = frontend.dnsEntry.slice(0, -domain.length - 1);
    if (frontend.dnsEntry.endsWith(`.${domain}`) && !label.includes(".")) {
        return [];
    }
    return [{ path: ["frontend", "dnsEntry"], message: `a name directly under platform:domain, such as app.${domain}` }];
}
