import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { awsRegion } from "../lookups";
import { logPrefixes } from "./policy";

/** A log bucket as log sources see it (a `LogBucket` is one). */
export interface LogDestination {
    /** The bucket's region; every source logging into it must be in the same region. */
    readonly region: string;
    readonly bucketName: pulumi.Input<string>;
    readonly bucketArn: pulumi.Input<string>;
    /** `<bucket>.s3.amazonaws.com`, the address CloudFront standard logging takes. */
    readonly bucketDomainName: pulumi.Input<string>;
}

/**
 * `value`, once the `aws` provider of `opts` is known to be in the destination's region: logs stay
 * in the region of what they describe (a tenant's access logs are the tenant's data). A source
 * whose region the program cannot know before the provider answers is checked here.
 */
function inDestinationRegion<T>(destination: LogDestination, source: string, value: pulumi.Input<T>, opts: pulumi.CustomResourceOptions): pulumi.Output<T> {
    return pulumi.all([awsRegion({ parent: opts.parent, provider: opts.provider }), value]).apply(([region, resolved]) => {
        if (region !== destination.region) {
            throw new pulumi.ResourceError(`${source}: found a log bucket in ${destination.region} for a source in ${region}; expected the log bucket of ${region}`, opts.parent);
        }
        return resolved as T;
    });
}

export interface AccessLoggingArgs {
    /** The bucket whose requests are logged. */
    readonly bucket: aws.s3.Bucket;
    readonly destination: LogDestination;
    /** The source's name in the log bucket: its logs go under `s3-access/<source>/`. */
    readonly source: string;
}

/**
 * S3 server access logging of `bucket` into the log bucket of its region, one prefix per source,
 * partitioned by the request's date (`s3-access/<source>/<account>/<region>/<bucket>/YYYY/MM/DD/`).
 * Created as `<name>-access-logging`.
 */
export function accessLogging(name: string, args: AccessLoggingArgs, opts: pulumi.CustomResourceOptions): aws.s3.BucketLogging {
    return new aws.s3.BucketLogging(`${name}-access-logging`, {
        bucket: args.bucket.id,
        targetBucket: inDestinationRegion(args.destination, `${name}-access-logging`, args.destination.bucketName, opts),
        targetPrefix: `${logPrefixes.s3Access}/${args.source}/`,
        targetObjectKeyFormat: { partitionedPrefix: { partitionDateSource: "EventTime" } },
    }, opts);
}

export interface FlowLogArgs {
    readonly vpcId: pulumi.Input<string>;
    readonly destination: LogDestination;
}

/**
 * Flow logs of every accepted and rejected connection in the VPC, to S3 (not CloudWatch Logs: S3
 * costs a fraction per GB and expires with the bucket's lifecycle), under `vpc-flow-logs/`.
 * Created as `<name>-flow-log`.
 */
export function flowLog(name: string, args: FlowLogArgs, opts: pulumi.CustomResourceOptions): aws.ec2.FlowLog {
    return new aws.ec2.FlowLog(`${name}-flow-log`, {
        vpcId: args.vpcId,
        trafficType: "ALL",
        logDestinationType: "s3",
        logDestination: inDestinationRegion(args.destination, `${name}-flow-log`, pulumi.interpolate`${args.destination.bucketArn}/${logPrefixes.flowLogs}/`, opts),
        tags: { Name: `${name}-flow-log` },
    }, opts);
}

/**
 * A distribution's standard logging into the log bucket, under `cloudfront/<source>/`. CloudFront
 * addresses the bucket by its global domain name; cookies stay out of the logs.
 */
export function cloudFrontLogging(destination: LogDestination, source: string): aws.types.input.cloudfront.DistributionLoggingConfig {
    return { bucket: destination.bucketDomainName, prefix: `${logPrefixes.cloudFront}/${source}/`, includeCookies: false };
}
