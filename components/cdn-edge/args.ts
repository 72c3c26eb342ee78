import { ArgsCheck, found } from "../args";
import { RegionalProviders } from "../persistence-network/args";

export interface CdnEdgeArgs {
    /** Per-region AWS providers; us-east-1's is used (CloudFront-scoped web ACLs live there). Required. */
    readonly providers: RegionalProviders;
    /**
     * A WAF web ACL for the distributions: a per-IP rate limit and AWS's managed common and
     * known-bad-inputs rule groups. It bills per ACL, rule and million requests. The stacks turn
     * it on in production and by `platform:cdnWaf` elsewhere. Default: false.
     */
    readonly webAcl?: boolean;
    /** Requests one IP address may send in 5 minutes before the web ACL blocks it, 10 to 2,000,000,000. Default: 2000. */
    readonly requestsPerFiveMinutes?: number;
}

/** Args with every default applied. */
export type ResolvedCdnEdgeArgs = Required<CdnEdgeArgs>;

/** Applies the defaults first, then lists every invalid argument, one line each. */
export function resolveArgs(args: CdnEdgeArgs): ArgsCheck<ResolvedCdnEdgeArgs> {
    const resolved: ResolvedCdnEdgeArgs = {
        providers: args.providers,
        webAcl: args.webAcl ?? false,
        requestsPerFiveMinutes: args.requestsPerFiveMinutes ?? 2000,
    };
    const problems: string[] = [];
    const limit = resolved.requestsPerFiveMinutes;
    if (!Number.isInteger(limit) || limit < 10 || limit > 2_000_000_000) {
        problems.push(`requestsPerFiveMinutes: ${found(limit)}; expected a whole number from 10 to 2000000000`);
    }
    if (typeof resolved.webAcl !== "boolean") {
        problems.push(`webAcl: ${found(resolved.webAcl)}; expected true or false`);
    }
    return { resolved, problems };
}
