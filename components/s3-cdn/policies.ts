/** IAM documents of an S3Cdn: pure functions of ARNs, so tests can read them statement by statement. */
import { allowCloudFrontRead, denyInsecureTransport, PolicyDocument } from "../iam/documents";

/**
 * The site bucket: CloudFront reads objects through Origin Access Control, and only on behalf of
 * this one distribution (`AWS:SourceArn`), so no other distribution in any account can serve the
 * bucket. Nothing else gets access through the bucket policy.
 */
export function siteBucketPolicy(bucketArn: string, distributionArn: string): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            denyInsecureTransport(bucketArn),
            allowCloudFrontRead("AllowCloudFrontReadThroughOac", `${bucketArn}/*`, distributionArn),
        ],
    };
}

/**
 * What CI needs to publish a build: sync the bucket (`aws s3 sync --delete` lists, puts and
 * deletes) and invalidate, then wait for, this distribution's cache. Nothing on other buckets or
 * distributions.
 */
export function deployPolicy(bucketArn: string, distributionArn: string): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            { Sid: "ListSiteBucket", Effect: "Allow", Action: "s3:ListBucket", Resource: bucketArn },
            { Sid: "WriteSiteObjects", Effect: "Allow", Action: ["s3:PutObject", "s3:DeleteObject"], Resource: `${bucketArn}/*` },
            {
                Sid: "InvalidateDistribution",
                Effect: "Allow",
                Action: ["cloudfront:CreateInvalidation", "cloudfront:GetInvalidation"],
                Resource: distributionArn,
            },
        ],
    };
}
