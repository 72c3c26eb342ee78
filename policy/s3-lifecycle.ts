import { PolicyResource, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { bucketOf, bucketTypes, effectiveTags, known, pending } from "./util";

export interface DataClassConfig {
    tagKey: string;
    allowedDataClasses: string[];
}

const dataClassDefaults: DataClassConfig = { tagKey: "data-class", allowedDataClasses: ["data", "site", "logs"] };

export const s3DataClassTag: ResourceValidationPolicy = {
    name: "s3-data-class-tag",
    description: "Every S3 bucket declares what it holds in a tag (data-class: data, site or logs), so storage rules know which buckets hold data.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            tagKey: { type: "string", default: dataClassDefaults.tagKey },
            allowedDataClasses: { type: "array", items: { type: "string" }, default: dataClassDefaults.allowedDataClasses },
        },
    },
    validateResource: (args, reportViolation) => {
        if (!bucketTypes.has(args.type)) {
            return;
        }
        const { tagKey, allowedDataClasses } = args.getConfig<DataClassConfig>();
        const tags = effectiveTags(args.props, args.provider?.props);
        const value = tags?.[tagKey];
        // A tag a preview does not know yet (or a whole tags map) is judged at `up`.
        if (tags === undefined || value === pending) {
            return;
        }
        if (!value) {
            reportViolation(`bucket has no "${tagKey}" tag; tag it with what it holds: ${allowedDataClasses.join(", ")}`);
        } else if (!allowedDataClasses.includes(value)) {
            reportViolation(`tag "${tagKey}" is "${value}"; allowed: ${allowedDataClasses.join(", ")}`);
        }
    },
};

export interface GlacierLifecycleConfig {
    dataClassTagKey: string;
    dataClasses: string[];
    maxTransitionDays: number;
    minTransitionObjectSizeBytes: number;
    maxAbortIncompleteMultipartUploadDays: number;
}

const lifecycleTypes = new Set([
    "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
    "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2",
]);

/** Glacier Instant Retrieval bills every object as at least 128 KiB. */
const glacierIrMinimumBillableBytes = 131072;

/** A bucket holds data when its data-class tag says so; an untagged one when it is protected, as `s3-bucket-baseline` decides. */
function holdsData(bucket: PolicyResource, { dataClassTagKey, dataClasses }: GlacierLifecycleConfig): boolean | undefined {
    const tags = effectiveTags(bucket.props, bucket.provider?.props);
    const dataClass = tags?.[dataClassTagKey];
    if (tags === undefined || dataClass === pending) {
        return undefined;
    }
    return dataClass ? dataClasses.includes(dataClass) : bucket.opts.protect === true;
}

/** The smallest object size a rule's filter lets through, in bytes; 0 without a size filter. */
function minimumObjectSize(filter: any): number {
    return Number(filter?.objectSizeGreaterThan ?? filter?.and?.objectSizeGreaterThan ?? 0);
}

/** Whether a rule's filter narrows it to part of the bucket's objects by prefix or tag. */
function narrowedByPrefixOrTag(filter: any, rule: any): boolean {
    const and = filter?.and ?? {};
    return Boolean(filter?.prefix || rule.prefix || filter?.tag || and.prefix || Object.keys(and.tags ?? {}).length > 0);
}

/** What is missing from the lifecycle rules of a data bucket, one line per problem. */
function glacierLifecycleProblems(rules: any[], config: GlacierLifecycleConfig): string[] {
    const { maxTransitionDays, minTransitionObjectSizeBytes, maxAbortIncompleteMultipartUploadDays } = config;
    const enabled = rules.filter((rule) => rule.status === "Enabled");
    const transitions = enabled.flatMap((rule) =>
        (rule.transitions ?? []).filter((transition: any) => transition.storageClass === "GLACIER_IR").map((transition: any) => ({ rule, transition })),
    );
    const problems: string[] = [];
    const wholeBucket = transitions.filter(({ rule }) => !narrowedByPrefixOrTag(rule.filter, rule));
    const inTime = wholeBucket.filter(({ transition }) => transition.days !== undefined && transition.days <= maxTransitionDays);
    const sized = inTime.filter(({ rule }) => minimumObjectSize(rule.filter) >= minTransitionObjectSizeBytes);
    if (transitions.length === 0) {
        problems.push(`no enabled rule moves current objects to GLACIER_IR; add transitions [{ days: ${maxTransitionDays}, storageClass: "GLACIER_IR" }]`);
    } else if (wholeBucket.length === 0) {
        problems.push(`the GLACIER_IR transition of rule ${transitions[0].rule.id} applies to a prefix or tag only; filter only by objectSizeGreaterThan`);
    } else if (inTime.length === 0) {
        const { rule, transition } = wholeBucket[0];
        const when = transition.days === undefined ? `on ${transition.date}` : `after ${transition.days} days`;
        problems.push(`rule ${rule.id} moves objects to GLACIER_IR ${when}; at most ${maxTransitionDays} days`);
    } else if (sized.length === 0) {
        problems.push(
            `rule ${inTime[0].rule.id} also moves objects under 128 KB to GLACIER_IR (billed as 128 KB there); set filter.objectSizeGreaterThan to at least ${minTransitionObjectSizeBytes}`,
        );
    }
    const aborting = enabled.some((rule) => (rule.abortIncompleteMultipartUpload?.daysAfterInitiation ?? Infinity) <= maxAbortIncompleteMultipartUploadDays);
    if (!aborting) {
        problems.push(`no enabled rule aborts incomplete multipart uploads; set abortIncompleteMultipartUpload.daysAfterInitiation to at most ${maxAbortIncompleteMultipartUploadDays}`);
    }
    return problems;
}

export const s3GlacierIrLifecycle: StackValidationPolicy = {
    name: "s3-glacier-ir-lifecycle",
    description:
        "Every data bucket has an enabled lifecycle rule that moves current objects of 128 KB and more to Glacier Instant Retrieval within N days, and aborts incomplete multipart uploads.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            dataClassTagKey: { type: "string", default: dataClassDefaults.tagKey },
            dataClasses: { type: "array", items: { type: "string" }, default: ["data"] },
            maxTransitionDays: { type: "integer", default: 30 },
            minTransitionObjectSizeBytes: { type: "integer", default: glacierIrMinimumBillableBytes },
            maxAbortIncompleteMultipartUploadDays: { type: "integer", default: 7 },
        },
    },
    validateStack: (args, reportViolation) => {
        const config = args.getConfig<GlacierLifecycleConfig>();
        const buckets = args.resources.filter((resource) => bucketTypes.has(resource.type));
        const rulesByBucket = new Map<string, any[] | typeof pending>();
        let unmatched = false;
        for (const lifecycle of args.resources.filter((resource) => lifecycleTypes.has(resource.type))) {
            const bucket = bucketOf(lifecycle, buckets);
            if (!bucket) {
                // A configuration whose bucket a preview cannot name yet may be any bucket's.
                unmatched ||= known(() => lifecycle.props.bucket) === undefined;
                continue;
            }
            const rules = known(() => lifecycle.props.rules ?? []);
            const previous = rulesByBucket.get(bucket.urn) ?? [];
            rulesByBucket.set(bucket.urn, rules === undefined || previous === pending ? pending : [...previous, ...rules]);
        }
        for (const bucket of buckets.filter((candidate) => holdsData(candidate, config) === true)) {
            const rules = rulesByBucket.get(bucket.urn);
            if (rules === pending || (rules === undefined && unmatched)) {
                continue;
            }
            const label = known(() => bucket.props.bucket) ?? bucket.name;
            if (rules === undefined) {
                reportViolation(
                    `data bucket ${label} has no lifecycle configuration; add one moving objects of at least ${config.minTransitionObjectSizeBytes} bytes to GLACIER_IR within ${config.maxTransitionDays} days and aborting incomplete multipart uploads within ${config.maxAbortIncompleteMultipartUploadDays}`,
                    bucket.urn,
                );
                continue;
            }
            for (const problem of glacierLifecycleProblems(rules, config)) {
                reportViolation(`data bucket ${label}: ${problem}`, bucket.urn);
            }
        }
    },
};

/** S3 storage classes and lifecycle: what a bucket holds, and when its data moves to cheaper storage. */
export const s3LifecyclePolicies = [s3DataClassTag, s3GlacierIrLifecycle];
