import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { known, ofType, referencedResource, whenStackHas } from "./util";

const repositoryType = "aws:ecr/repository:Repository";
const lifecyclePolicyType = "aws:ecr/lifecyclePolicy:LifecyclePolicy";

export interface EcrLifecycleConfig {
    requireUntaggedExpiry: boolean;
}

/** The rules of a lifecycle policy document (JSON text or an object); undefined when it is not JSON. */
function lifecycleRules(document: unknown): { selection?: { tagStatus?: string } }[] | undefined {
    try {
        const parsed = typeof document === "string" ? JSON.parse(document) : document;
        return Array.isArray(parsed?.rules) ? parsed.rules : [];
    } catch {
        return undefined;
    }
}

export const ecrLifecyclePolicy: StackValidationPolicy = {
    name: "ecr-lifecycle-policy",
    description: "Every ECR repository has a lifecycle policy (a LifecyclePolicy resource naming it) that expires untagged images, so old images are not stored forever.",
    enforcementLevel: "mandatory",
    configSchema: { properties: { requireUntaggedExpiry: { type: "boolean", default: true } } },
    validateStack: whenStackHas(repositoryType, (args, reportViolation) => {
        const { requireUntaggedExpiry } = args.getConfig<EcrLifecycleConfig>();
        const repositories = args.resources.filter((resource) => resource.type === repositoryType);
        const covered = new Set<string>();
        let unmatched = false;
        for (const policy of args.resources.filter((resource) => resource.type === lifecyclePolicyType)) {
            const repository = referencedResource(policy, "repository", new Set([repositoryType]), repositories, ["name", "id"]);
            if (!repository) {
                // A policy whose repository a preview cannot name yet may be any repository's.
                unmatched ||= known(() => policy.props.repository) === undefined;
                continue;
            }
            covered.add(repository.urn);
            // A document a preview does not know yet is judged at `up`.
            const document = known(() => policy.props.policy);
            const rules = document === undefined ? [] : lifecycleRules(document);
            if (rules === undefined) {
                reportViolation(`the lifecycle policy of repository ${repository.name} is not JSON`, policy.urn);
            } else if (document !== undefined && requireUntaggedExpiry && !rules.some((rule) => ["untagged", "any"].includes(rule.selection?.tagStatus ?? ""))) {
                reportViolation(`the lifecycle policy of repository ${repository.name} never expires untagged images; add a rule with selection.tagStatus "untagged"`, policy.urn);
            }
        }
        for (const repository of repositories) {
            if (!covered.has(repository.urn) && !unmatched) {
                const label = known(() => repository.props.name) ?? repository.name;
                reportViolation(`repository ${label} has no lifecycle policy; add an aws.ecr.LifecyclePolicy expiring untagged and old images`, repository.urn);
            }
        }
    }),
};

export const ecrImmutableTags: ResourceValidationPolicy = {
    name: "ecr-immutable-tags",
    description: "ECR repositories make image tags immutable, so a tag deployed once always names the same image.",
    enforcementLevel: "mandatory",
    validateResource: ofType(repositoryType, (_props, args, reportViolation) => {
        const mutability = known(() => args.props.imageTagMutability ?? "MUTABLE");
        if (mutability !== undefined && mutability !== "IMMUTABLE") {
            reportViolation(`imageTagMutability is ${mutability}; set IMMUTABLE`);
        }
    }),
};

/** Container registries: what they keep and whether a tag can move. */
export const ecrPolicies = [ecrLifecyclePolicy, ecrImmutableTags];
