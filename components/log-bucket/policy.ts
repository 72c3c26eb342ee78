/** The log bucket's policy: a pure function of ARNs, so tests read it statement by statement. */
import { denyInsecureTransport, PolicyDocument } from "../iam/documents";

/** Key prefixes inside a log bucket, one per kind of log, each source under its own name below. */
export const logPrefixes = {
    /** S3 server access logs: `s3-access/<source>/`. */
    s3Access: "s3-access",
    /** CloudFront standard logs: `cloudfront/<distribution owner>/`. */
    cloudFront: "cloudfront",
    /** VPC flow logs: `vpc-flow-logs/AWSLogs/<account>/vpcflowlogs/<region>/...`, as AWS lays them out. */
    flowLogs: "vpc-flow-logs",
} as const;

export interface LogBucketPolicyArgs {
    readonly bucketArn: string;
    readonly account: string;
    readonly partition: string;
    /** The bucket's region: flow logs are delivered by that region's CloudWatch Logs delivery. */
    readonly region: string;
}

/**
 * Who may write into a log bucket, and only where their kind of log goes:
 * - S3 server access logging (`logging.s3.amazonaws.com`) writes `s3-access/*` for buckets of this
 *   account only (`aws:SourceAccount`; `aws:SourceArn` an S3 bucket). The sources are not listed:
 *   a bucket created later (a new tenant) logs without a policy change, and pointing a bucket's
 *   logging here takes `s3:PutBucketLogging` in this account.
 * - VPC flow logs (`delivery.logs.amazonaws.com`) write `vpc-flow-logs/AWSLogs/<account>/*` with
 *   `bucket-owner-full-control`, and check the bucket's ACL first, for this account's log
 *   deliveries in this region only: AWS's documented policy.
 * - CloudFront standard logging needs no statement: it delivers through the ACL grant CloudFront
 *   adds to the bucket (hence `BucketOwnerPreferred`).
 * Nothing reaches the bucket over plain HTTP.
 */
export function logBucketPolicy(args: LogBucketPolicyArgs): PolicyDocument {
    const { bucketArn, account, partition, region } = args;
    const logDelivery = { "aws:SourceArn": `arn:${partition}:logs:${region}:${account}:*` };
    return {
        Version: "2012-10-17",
        Statement: [
            denyInsecureTransport(bucketArn),
            {
                Sid: "S3ServerAccessLogs",
                Effect: "Allow",
                Principal: { Service: "logging.s3.amazonaws.com" },
                Action: "s3:PutObject",
                Resource: `${bucketArn}/${logPrefixes.s3Access}/*`,
                Condition: {
                    StringEquals: { "aws:SourceAccount": account },
                    ArnLike: { "aws:SourceArn": `arn:${partition}:s3:::*` },
                },
            },
            {
                Sid: "AWSLogDeliveryWrite",
                Effect: "Allow",
                Principal: { Service: "delivery.logs.amazonaws.com" },
                Action: "s3:PutObject",
                Resource: `${bucketArn}/${logPrefixes.flowLogs}/AWSLogs/${account}/*`,
                Condition: {
                    StringEquals: { "aws:SourceAccount": account, "s3:x-amz-acl": "bucket-owner-full-control" },
                    ArnLike: logDelivery,
                },
            },
            {
                Sid: "AWSLogDeliveryAclCheck",
                Effect: "Allow",
                Principal: { Service: "delivery.logs.amazonaws.com" },
                Action: ["s3:GetBucketAcl", "s3:ListBucket"],
                Resource: bucketArn,
                Condition: {
                    StringEquals: { "aws:SourceAccount": account },
                    ArnLike: logDelivery,
                },
            },
        ],
    };
}
