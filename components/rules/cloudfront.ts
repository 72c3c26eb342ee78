import { AwsRegion } from "./aws-regions";

/**
 * Regions whose S3 buckets CloudFront standard logging cannot deliver to: the opt-in regions
 * (CloudFront Developer Guide, "Choosing an Amazon S3 bucket for your standard logs"; the regions
 * opened since are opt-in too). A distribution whose logs must stay in one of these regions
 * cannot have standard logs there.
 */
export const regionsWithoutCloudFrontLogDelivery: readonly AwsRegion[] = [
    "af-south-1", "ap-east-1", "ap-east-2", "ap-south-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5", "ap-southeast-6",
    "ap-southeast-7", "ca-west-1", "eu-central-2", "eu-south-1", "eu-south-2", "il-central-1", "me-central-1", "me-south-1", "mx-central-1",
];

/** Why CloudFront cannot log into `region`'s buckets, or nothing when it can. */
export function cloudFrontLogRegionProblems(region: string): string[] {
    return (regionsWithoutCloudFrontLogDelivery as readonly string[]).includes(region)
        ? [`a region CloudFront delivers standard logs to (not an opt-in region: ${regionsWithoutCloudFrontLogDelivery.join(", ")})`]
        : [];
}
