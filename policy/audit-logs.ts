import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { bucketOf, bucketTypes, effectiveTags, known, pending, readOrPending, referencedResource, whenStackHas } from "./util";

export interface AccessLoggingConfig {
    dataClassTagKey: string;
    loggedDataClasses: string[];
}

const bucketLoggingTypes = new Set(["aws:s3/bucketLogging:BucketLogging", "aws:s3/bucketLoggingV2:BucketLoggingV2"]);

/** One bucket's server access logging: the setting that declares it and where it delivers, as far as a preview knows. */
interface AccessLog {
    source: PolicyResource;
    declaredBy: PolicyResource;
    target?: PolicyResource;
    targetName?: string;
}

/** A bucket's region: its own `region` (AWS provider 7), else its provider's; undefined while unknown. */
const regionOf = (bucket: PolicyResource): string | undefined => known(() => bucket.props.region) ?? known(() => bucket.provider?.props.region);

const bucketLabel = (bucket: PolicyResource): string => known(() => bucket.props.bucket) ?? bucket.name;

/**
 * The inline `logging` block of a bucket, as an access log. The provider computes `logging` when
 * it is not set, so a preview reports it unknown for every new bucket: unknown without a
 * dependency on a bucket is taken as unset (a block built from a new bucket depends on it).
 */
function inlineAccessLog(bucket: PolicyResource, buckets: PolicyResource[]): AccessLog | undefined {
    const dependency = bucket.propertyDependencies.logging?.find((resource) => bucketTypes.has(resource.type));
    const logging = readOrPending(() => bucket.props.logging);
    const targetValue = logging === pending || !logging ? undefined : readOrPending(() => logging.targetBucket);
    const targetName = typeof targetValue === "string" && targetValue !== "" ? targetValue : undefined;
    const target = dependency ?? (targetName ? buckets.find((candidate) => known(() => candidate.props.bucket) === targetName) : undefined);
    const declared = dependency !== undefined || targetValue === pending || targetName !== undefined;
    return declared ? { source: bucket, declaredBy: bucket, target, targetName } : undefined;
}

/** What is wrong with where an access log goes: into its own bucket, or out of the bucket's region. */
function deliveryProblems({ source, target, targetName }: AccessLog): string[] {
    const ownName = known(() => source.props.bucket);
    if (target?.urn === source.urn || (targetName !== undefined && targetName === ownName)) {
        return [`bucket ${bucketLabel(source)} logs access to itself, so every delivery writes another log object; set targetBucket to the region's logs bucket`];
    }
    const [sourceRegion, targetRegion] = [regionOf(source), target && regionOf(target)];
    if (target && sourceRegion && targetRegion && sourceRegion !== targetRegion) {
        return [`bucket ${bucketLabel(source)} in ${sourceRegion} logs access to ${bucketLabel(target)} in ${targetRegion}; log to a bucket in ${sourceRegion}, so the data stays in its region`];
    }
    return [];
}

export const s3AccessLogging: StackValidationPolicy = {
    name: "s3-access-logging",
    description:
        "Every site and data bucket logs server access (an aws.s3.BucketLogging naming it, or its inline `logging`) to a bucket in its own region; no bucket, a logs bucket least of all, logs to itself.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            dataClassTagKey: { type: "string", default: "data-class" },
            loggedDataClasses: { type: "array", items: { type: "string" }, default: ["site", "data"] },
        },
    },
    validateStack: (args, reportViolation) => {
        const { dataClassTagKey, loggedDataClasses } = args.getConfig<AccessLoggingConfig>();
        const buckets = args.resources.filter((resource) => bucketTypes.has(resource.type));
        const logs: AccessLog[] = [];
        // A logging resource whose bucket a preview cannot name yet may be any bucket's.
        let unmatched = false;
        for (const setting of args.resources.filter((resource) => bucketLoggingTypes.has(resource.type))) {
            const source = bucketOf(setting, buckets);
            if (!source) {
                unmatched ||= known(() => setting.props.bucket) === undefined;
                continue;
            }
            const target = referencedResource(setting, "targetBucket", bucketTypes, buckets, ["bucket"]);
            logs.push({ source, declaredBy: setting, target, targetName: known(() => setting.props.targetBucket) });
        }
        for (const bucket of buckets) {
            const inline = inlineAccessLog(bucket, buckets);
            if (inline) {
                logs.push(inline);
            }
        }
        for (const log of logs) {
            for (const problem of deliveryProblems(log)) {
                reportViolation(problem, log.declaredBy.urn);
            }
        }
        const logged = new Set(logs.map((log) => log.source.urn));
        for (const bucket of buckets) {
            const tags = effectiveTags(bucket.props, bucket.provider?.props);
            const dataClass = tags?.[dataClassTagKey];
            // A class a preview does not know yet is judged at `up`; an untagged bucket fails `s3-data-class-tag`.
            if (dataClass === undefined || dataClass === pending || !loggedDataClasses.includes(dataClass)) {
                continue;
            }
            if (!logged.has(bucket.urn) && !unmatched) {
                const region = regionOf(bucket);
                reportViolation(
                    `${dataClass} bucket ${bucketLabel(bucket)} has no server access logging; add an aws.s3.BucketLogging with bucket = this bucket and targetBucket = the logs bucket${region ? ` in ${region}` : " of its region"}`,
                    bucket.urn,
                );
            }
        }
    },
};

const vpcType = "aws:ec2/vpc:Vpc";
const flowLogType = "aws:ec2/flowLog:FlowLog";

export const vpcFlowLogs: StackValidationPolicy = {
    name: "vpc-flow-logs",
    description: "Every VPC has a flow log (an aws.ec2.FlowLog whose vpcId is that VPC), so who talked to what can be answered after the fact.",
    enforcementLevel: "mandatory",
    validateStack: whenStackHas(vpcType, (args, reportViolation) => {
        const vpcs = args.resources.filter((resource) => resource.type === vpcType);
        const covered = new Set<string>();
        // A flow log whose VPC a preview cannot name yet may be any VPC's.
        let unmatched = false;
        for (const flowLog of args.resources.filter((resource) => resource.type === flowLogType)) {
            const vpc = referencedResource(flowLog, "vpcId", new Set([vpcType]), vpcs, ["id"]);
            if (vpc) {
                covered.add(vpc.urn);
            } else {
                unmatched ||= readOrPending(() => flowLog.props.vpcId) === pending;
            }
        }
        for (const vpc of vpcs) {
            if (!covered.has(vpc.urn) && !unmatched) {
                const cidr = known(() => vpc.props.cidrBlock);
                reportViolation(`VPC ${vpc.name}${cidr ? ` (${cidr})` : ""} has no flow log; add an aws.ec2.FlowLog with vpcId = this VPC, delivered to the logs bucket of its region`, vpc.urn);
            }
        }
    }),
};

/** The audit trail of storage and networks: S3 server access logs and VPC flow logs. */
export const auditLogPolicies = [s3AccessLogging, vpcFlowLogs];
