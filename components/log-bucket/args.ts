import { ArgsCheck, found } from "../args";
import { RegionalProviders } from "../persistence-network/args";
import { isAwsRegion } from "../rules/aws-regions";

export interface LogBucketArgs {
    /** Region of the bucket and of every source that logs into it. Required. */
    readonly region: string;
    /** Per-region AWS providers; the bucket's region's is used. Required. */
    readonly providers: RegionalProviders;
    /**
     * What keeps the bucket's globally unique name apart between stacks: the bucket is
     * `<namePrefix>-logs-<region>-<account id>`. The stack program passes its project and stack
     * (`platform-prod`). Lower-case letters, digits and single hyphens. Required.
     */
    readonly namePrefix: string;
    /**
     * Days a log object is kept before S3 expires it, 1 to 3650. The stacks keep 90 days in
     * production and 30 elsewhere (the policy pack's cap on log retention outside production).
     * Default: 30.
     */
    readonly retentionDays?: number;
}

/** Args with every default applied. */
export type ResolvedLogBucketArgs = Required<LogBucketArgs>;

/** The bucket's name for an account: region and account keep it unique worldwide. */
export function logBucketName(namePrefix: string, region: string, account: string): string {
    return `${namePrefix}-logs-${region}-${account}`;
}

/** S3 allows 63 characters; the account id has 12 digits. */
const maxBucketNameLength = 63;
const accountIdLength = 12;

/** Applies the defaults first, then lists every invalid argument, one line each. */
export function resolveArgs(args: LogBucketArgs): ArgsCheck<ResolvedLogBucketArgs> {
    const resolved: ResolvedLogBucketArgs = {
        region: args.region,
        providers: args.providers,
        namePrefix: args.namePrefix,
        retentionDays: args.retentionDays ?? 30,
    };
    const problems: string[] = [];
    if (!isAwsRegion(resolved.region)) {
        problems.push(`region: ${found(resolved.region)}; expected an AWS region such as eu-central-1`);
    }
    const maxPrefixLength = maxBucketNameLength - logBucketName("", resolved.region, "0".repeat(accountIdLength)).length;
    if (typeof resolved.namePrefix !== "string" || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(resolved.namePrefix) || resolved.namePrefix.length > maxPrefixLength) {
        problems.push(`namePrefix: ${found(resolved.namePrefix)}; expected 1-${maxPrefixLength} lower-case letters, digits or single hyphens (the bucket is <namePrefix>-logs-${resolved.region}-<account id>, at most 63 characters)`);
    }
    if (!Number.isInteger(resolved.retentionDays) || resolved.retentionDays < 1 || resolved.retentionDays > 3650) {
        problems.push(`retentionDays: ${found(resolved.retentionDays)}; expected a whole number from 1 to 3650`);
    }
    return { resolved, problems };
}
