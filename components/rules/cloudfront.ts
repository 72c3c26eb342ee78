import { AwsRegion } from "./aws-regions";

/**
 * Regions whose S3 buckets CloudFront standard logging delivers to: the regions enabled by default
 * in every account. Every region AWS opened since March 2019 is opt-in, and CloudFront cannot
 * deliver standard logs to buckets there (CloudFront Developer Guide, "Choosing an Amazon S3
 * bucket for your standard logs"); listing the fixed set that can, rather than the growing set that
 * cannot, keeps a region added by a provider upgrade on the refused side.
 */
export const regionsWithCloudFrontLogDelivery: readonly AwsRegion[] = [
    "us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1", "sa-east-1",
    "eu-central-1", "eu-west-1", "eu-west-2", "eu-west-3", "eu-north-1",
    "ap-south-1", "ap-southeast-1", "ap-southeast-2", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
];

/** Why CloudFront cannot log into `region`'s buckets, or nothing when it can. */
export function cloudFrontLogRegionProblems(region: string): string[] {
    return (regionsWithCloudFrontLogDelivery as readonly string[]).includes(region)
        ? []
        : [`a region CloudFront delivers standard logs to (not an opt-in region): ${regionsWithCloudFrontLogDelivery.join(", ")}`];
}
