import { ResourceValidationPolicy } from "@pulumi/policy";
import { defaultAllowedDepartments } from "./departments";
import taggableAwsTypes from "./taggable-aws-types.json";
import { effectiveTags, known, ofType, pending, providerDefaultTags, Tags } from "./util";

/** Values the `environment` tag may take, across every stack and account. */
export const allowedEnvironments = ["production", "staging", "development", "shared"];

export interface TagPolicyConfig {
    allowedDepartments: string[];
}

const tagConfigSchema = {
    properties: {
        allowedDepartments: {
            type: "array" as const,
            items: { type: "string" as const },
            default: defaultAllowedDepartments,
        },
    },
};

/** AWS resource types whose provider applies `defaultTags` (generated from the @pulumi/aws SDK). */
const taggable = new Set(taggableAwsTypes.types);

/** Problems with a resource's tags: one line per missing or disallowed value; a pending value is judged at `up`. */
export function tagProblems(tags: Tags, allowedDepartments: readonly string[]): string[] {
    const problems: string[] = [];
    const check = (key: string, allowed: readonly string[]) => {
        const value = tags[key];
        if (value === pending) {
            return;
        }
        if (value === undefined || value === "") {
            problems.push(`tag "${key}" is missing; allowed: ${allowed.join(", ")}`);
        } else if (!allowed.includes(value)) {
            problems.push(`tag "${key}" is "${value}"; allowed: ${allowed.join(", ")}`);
        }
    };
    check("department", allowedDepartments);
    check("environment", allowedEnvironments);
    const project = tags.project;
    if (project !== pending && !project?.trim()) {
        problems.push(`tag "project" is missing or empty`);
    }
    return problems;
}

export const requiredTags: ResourceValidationPolicy = {
    name: "aws-required-tags",
    description: "Every taggable AWS resource carries department, environment and project tags (its own merged over its provider's defaultTags).",
    enforcementLevel: "mandatory",
    configSchema: tagConfigSchema,
    validateResource: (args, reportViolation) => {
        // A tags map a preview does not know yet is judged at `up`.
        const effective = taggable.has(args.type) ? effectiveTags(args.props, args.provider?.props) : undefined;
        if (effective === undefined) {
            return;
        }
        const { allowedDepartments } = args.getConfig<TagPolicyConfig>();
        for (const problem of tagProblems(effective, allowedDepartments)) {
            reportViolation(problem);
        }
    },
};

export const providerDefaultTagsPolicy: ResourceValidationPolicy = {
    name: "aws-provider-default-tags",
    description: "Every AWS provider sets defaultTags with department, environment and project, so no resource depends on remembering them.",
    enforcementLevel: "mandatory",
    configSchema: tagConfigSchema,
    validateResource: ofType("pulumi:providers:aws", (_props, args, reportViolation) => {
        // Default tags computed from a resource the change creates are judged at `up`.
        const defaults = known(() => providerDefaultTags(args.props));
        if (defaults === undefined) {
            return;
        }
        const { allowedDepartments } = args.getConfig<TagPolicyConfig>();
        for (const problem of tagProblems(defaults, allowedDepartments)) {
            reportViolation(`defaultTags: ${problem}`);
        }
    }),
};

/** The tag domain of the pack. */
export const tagPolicies: ResourceValidationPolicy[] = [requiredTags, providerDefaultTagsPolicy];
