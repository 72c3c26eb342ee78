import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { bucketOf, bucketTypes, isProduction, known, ofType } from "./util";

export interface InstanceSizeConfig {
    maxNonProductionSize: string;
    acceleratedFamilies: string[];
}

/** `large` is 0, `xlarge` 1, `4xlarge` 4; smaller sizes are negative and `metal` is unbounded. */
export function sizeRank(size: string): number {
    const small: Record<string, number> = { nano: -4, micro: -3, small: -2, medium: -1, large: 0, xlarge: 1 };
    if (size in small) {
        return small[size];
    }
    const multiple = /^(\d+)xlarge$/.exec(size);
    return multiple ? Number(multiple[1]) : Infinity;
}

/** Instance types a compute resource asks for (databases have their own ceiling: `database-instance-class-ceiling`). */
function instanceTypes(type: string, props: Record<string, any>): string[] {
    switch (type) {
        case "aws:ec2/instance:Instance":
        case "aws:ec2/launchTemplate:LaunchTemplate":
        case "eks:index:Cluster":
            return props.instanceType ? [props.instanceType] : [];
        case "aws:eks/nodeGroup:NodeGroup":
        case "eks:index:ManagedNodeGroup":
            return props.instanceTypes ?? [];
        default:
            return [];
    }
}

export const nonProductionInstanceSizes: ResourceValidationPolicy = {
    name: "non-production-instance-sizes",
    description: "Outside production, compute instances stay at or below a size cap and never use accelerated (GPU/ML/FPGA) or bare-metal types.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            maxNonProductionSize: { type: "string", default: "2xlarge" },
            acceleratedFamilies: { type: "array", items: { type: "string" }, default: ["p", "g", "inf", "trn", "dl", "f", "vt"] },
        },
    },
    validateResource: (args, reportViolation) => {
        const requested = instanceTypes(args.type, args.props);
        // Production, or an environment a preview does not know yet: nothing to cap.
        if (requested.length === 0 || isProduction(args.props, args.provider?.props) !== false) {
            return;
        }
        const { maxNonProductionSize, acceleratedFamilies } = args.getConfig<InstanceSizeConfig>();
        for (const instanceType of requested) {
            const [family, size = ""] = instanceType.split(".");
            const series = /^[a-z]+/.exec(family)?.[0] ?? family;
            if (acceleratedFamilies.includes(series)) {
                reportViolation(`${instanceType} is an accelerated instance type; not allowed outside production`);
            } else if (sizeRank(size) > sizeRank(maxNonProductionSize)) {
                reportViolation(`${instanceType} is larger than ${maxNonProductionSize}, the cap outside production`);
            }
        }
    },
};

export const cloudFrontPriceClass: ResourceValidationPolicy = {
    name: "cloudfront-price-class",
    description: "Outside production, CloudFront distributions use PriceClass_100 (North America and Europe edges only).",
    enforcementLevel: "mandatory",
    validateResource: ofType("aws:cloudfront/distribution:Distribution", (_props, args, reportViolation) => {
        if (isProduction(args.props, args.provider?.props) !== false) {
            return;
        }
        if (args.props.priceClass !== "PriceClass_100") {
            reportViolation(`priceClass is ${JSON.stringify(args.props.priceClass)}; PriceClass_100 outside production`);
        }
    }),
};

export interface LogRetentionConfig {
    maxRetentionDays: number;
    maxNonProductionRetentionDays: number;
}

export const logRetention: ResourceValidationPolicy = {
    name: "log-retention",
    description: "CloudWatch log groups set a retention, shorter outside production; logs kept forever are a cost that only grows.",
    enforcementLevel: "mandatory",
    configSchema: { properties: { maxRetentionDays: { type: "integer", default: 731 }, maxNonProductionRetentionDays: { type: "integer", default: 30 } } },
    validateResource: ofType("aws:cloudwatch/logGroup:LogGroup", (_props, args, reportViolation) => {
        const { maxRetentionDays, maxNonProductionRetentionDays } = args.getConfig<LogRetentionConfig>();
        const outsideProduction = isProduction(args.props, args.provider?.props) === false;
        const cap = outsideProduction ? Math.min(maxRetentionDays, maxNonProductionRetentionDays) : maxRetentionDays;
        const days = args.props.retentionInDays ?? 0;
        if (days <= 0 || days > cap) {
            reportViolation(`retentionInDays is ${days || "unset (never expire)"}; set 1 to ${cap} days${outsideProduction ? " outside production" : ""}`);
        }
    }),
};

const versioningTypes = new Set(["aws:s3/bucketVersioning:BucketVersioning", "aws:s3/bucketVersioningV2:BucketVersioningV2"]);
const lifecycleTypes = new Set([
    "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
    "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2",
]);

export const versionedBucketsExpireNoncurrent: StackValidationPolicy = {
    name: "versioned-buckets-expire-noncurrent",
    description: "A versioned bucket expires noncurrent versions, or every overwrite is stored and billed forever.",
    enforcementLevel: "advisory",
    validateStack: (args, reportViolation) => {
        const buckets = args.resources.filter((resource) => bucketTypes.has(resource.type));
        const expiring = new Set(
            args.resources
                .filter((resource) => lifecycleTypes.has(resource.type))
                .filter((resource) => (resource.props.rules ?? []).some((rule: any) => rule.status === "Enabled" && rule.noncurrentVersionExpiration))
                .map((resource) => bucketOf(resource, buckets)?.urn),
        );
        for (const versioning of args.resources.filter((resource) => versioningTypes.has(resource.type))) {
            const bucket = bucketOf(versioning, buckets);
            if (versioning.props.versioningConfiguration?.status === "Enabled" && !expiring.has(bucket?.urn)) {
                // The bucket's name may still be unknown in a preview; its resource name never is.
                const label = known(() => versioning.props.bucket) ?? bucket?.name ?? versioning.name;
                reportViolation(`bucket ${label} is versioned without a noncurrentVersionExpiration lifecycle rule`, bucket?.urn ?? versioning.urn);
            }
        }
    },
};

/** The cost domain of the pack. */
export const costPolicies = [nonProductionInstanceSizes, cloudFrontPriceClass, logRetention, versionedBucketsExpireNoncurrent];
