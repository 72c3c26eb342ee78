import * as pulumi from "@pulumi/pulumi";
import { checkedArgs } from "../args";
import { awsAccountId } from "../lookups";
import { RegionalProviders } from "../persistence-network/args";
import { LogBucketArgs, logBucketName, resolveArgs } from "./args";
import { logBucket } from "./bucket";
import { LogDestination } from "./logging";

export { LogBucketArgs } from "./args";
export { accessLogging, cloudFrontLogging, flowLog, LogDestination } from "./logging";
export { logPrefixes } from "./policy";

/**
 * A region's log bucket, shared by everything in the region that logs to S3: S3 server access
 * logs, CloudFront standard logs and VPC flow logs (see `logBucket` for what guards it, and
 * `logBucketPolicy` for who may write where).
 */
export class LogBucket extends pulumi.ComponentResource implements LogDestination {
    /** The bucket's region. */
    readonly region: string;
    /** `<namePrefix>-logs-<region>-<account id>`. */
    readonly bucketName: pulumi.Output<string>;
    readonly bucketArn: pulumi.Output<string>;
    /** `<bucket>.s3.amazonaws.com`, for CloudFront standard logging. */
    readonly bucketDomainName: pulumi.Output<string>;

    constructor(name: string, args: LogBucketArgs, opts?: pulumi.ComponentResourceOptions) {
        const resolved = checkedArgs("LogBucket", name, resolveArgs(args), opts);
        super("platform:logs:LogBucket", name, {}, opts);
        const inRegion = { parent: this, provider: resolved.providers.forRegion(resolved.region) };
        const bucketName = awsAccountId(inRegion).apply((account) => logBucketName(resolved.namePrefix, resolved.region, account));
        const { bucket, policy } = logBucket(`${name}-bucket`, { bucketName, retentionDays: resolved.retentionDays, region: resolved.region }, inRegion);
        // What logs here waits for the bucket to accept deliveries: CloudFront refuses a bucket
        // whose ACLs are still disabled, and a flow log created first may write a bucket policy
        // of its own that ours would race with.
        const ready = <T>(value: pulumi.Output<T>) => pulumi.all([value, policy.id]).apply(([resolvedValue]) => resolvedValue);

        this.region = resolved.region;
        this.bucketName = ready(bucket.bucket);
        this.bucketArn = ready(bucket.arn);
        this.bucketDomainName = ready(bucket.bucketDomainName);
        this.registerOutputs({ region: this.region, bucketName: this.bucketName, bucketArn: this.bucketArn, bucketDomainName: this.bucketDomainName });
    }
}

export interface LogBucketsArgs {
    /** Providers for every region that logs. */
    readonly providers: RegionalProviders;
    /** Passed to every `LogBucket`. */
    readonly namePrefix: string;
    /** Passed to every `LogBucket`. */
    readonly retentionDays: number;
}

/** One `LogBucket` per region, named `logs-<region>`, created on first use. */
export class LogBuckets {
    private readonly byRegion = new Map<string, LogBucket>();

    constructor(private readonly args: LogBucketsArgs) {}

    forRegion(region: string): LogBucket {
        let bucket = this.byRegion.get(region);
        if (!bucket) {
            bucket = new LogBucket(`logs-${region}`, { region, ...this.args });
            this.byRegion.set(region, bucket);
        }
        return bucket;
    }
}
