import * as aws from "@pulumi/aws";

/**
 * Regions of the commercial `aws` partition. The platform's ARNs, CloudFront (certificates in
 * us-east-1) and the tenants' persistence slots assume that partition; China, GovCloud, the ISO
 * and European sovereign partitions need their own accounts and endpoints.
 */
export type AwsRegion = Exclude<aws.Region, `cn-${string}` | `us-gov-${string}` | `us-iso${string}` | `eu-isoe-${string}` | `eusc-${string}`>;

const otherPartitions = /^(cn|us-gov|us-iso[a-z]?|eu-isoe|eusc)-/;

/** From the installed @pulumi/aws, so a provider upgrade brings new regions along. */
export const awsRegions = Object.values(aws.Region).filter((region): region is AwsRegion => !otherPartitions.test(region));

export function isAwsRegion(region: string): region is AwsRegion {
    return (awsRegions as string[]).includes(region);
}
