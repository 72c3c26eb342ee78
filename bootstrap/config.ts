import { ArgsCheck, found } from "../components/args";
import { isAwsRegion } from "../components/rules/aws-regions";
import { githubEnvironmentProblems, githubRepositoryProblems, oidcProviderArnProblems } from "../components/rules/fargate";

/** One platform stack deployed into this bootstrap stack's AWS account. */
export interface CiStack {
    /** The platform stack, as in the repository's `Pulumi.<stack>.yaml`. */
    readonly stack: string;
    /** The GitHub environment its `pulumi up` job runs in (deploy.yml). */
    readonly environment: string;
}

/** The bootstrap stack's config, every default applied. */
export interface BootstrapConfig {
    /** `<owner>/<repository>` on GitHub whose workflows get the roles. */
    readonly repository: string;
    /** The branch the scheduled drift report runs on. Default: "main". */
    readonly defaultBranch: string;
    readonly region: string;
    /** The platform stacks of this account. */
    readonly stacks: readonly CiStack[];
    /** Policies (written by the organisation for its platform) the deploy roles get. */
    readonly deployPolicyArns: readonly string[];
    /** An existing GitHub OIDC provider of the account; one is created when absent. Default: none. */
    readonly githubOidcProviderArn?: string;
    /** The `department` tag of everything created. Default: "platform-engineering". */
    readonly department: string;
}

/** AWS managed policies the policy pack denies to any role (iam-no-wildcard-admin). */
const deniedManagedPolicies = ["AdministratorAccess", "PowerUserAccess", "IAMFullAccess"];

const stackName = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const policyArn = /^arn:aws[a-z-]*:iam::(\d{12}|aws):policy\/.+$/;

/**
 * One line per rule of components/rules/ the value breaks. None of those rules accepts "", so a
 * missing or non-text value is reported with the rule's own expectation.
 */
function ruleProblems(key: string, value: unknown, rule: (value: string) => string[]): string[] {
    return rule(typeof value === "string" ? value : "").map((expected) => `${key}: ${found(value)}; expected ${expected}`);
}

/** Applies the defaults and collects every problem, one line each, before anything registers. */
export function resolveBootstrapConfig(raw: Record<string, unknown>): ArgsCheck<BootstrapConfig> {
    const problems: string[] = [];
    const repository = raw.repository;
    problems.push(...ruleProblems("repository", repository, githubRepositoryProblems));
    const defaultBranch = raw.defaultBranch ?? "main";
    if (typeof defaultBranch !== "string" || !/^[A-Za-z0-9._/-]+$/.test(defaultBranch)) {
        problems.push(`defaultBranch: ${found(defaultBranch)}; expected a branch name`);
    }
    const region = raw.region;
    if (typeof region !== "string" || !isAwsRegion(region)) {
        problems.push(`region: ${found(region)}; expected an AWS region, e.g. "eu-central-1"`);
    }
    const stacks = Array.isArray(raw.stacks) ? raw.stacks : [];
    if (!Array.isArray(raw.stacks) || stacks.length === 0) {
        problems.push(`stacks: ${found(raw.stacks)}; expected a list of {stack, environment}, one per platform stack of this account`);
    }
    const firstIndexOf = new Map<unknown, number>();
    stacks.forEach((entry: Record<string, unknown>, index) => {
        const stack = entry?.stack;
        if (typeof stack !== "string" || !stackName.test(stack)) {
            problems.push(`stacks[${index}].stack: ${found(stack)}; expected a name of letters, digits, ".", "_" and "-"`);
        } else if (firstIndexOf.has(stack)) {
            problems.push(`stacks[${index}].stack: ${found(stack)}; expected a stack not listed before (stacks[${firstIndexOf.get(stack)}] has it)`);
        } else {
            firstIndexOf.set(stack, index);
        }
        problems.push(...ruleProblems(`stacks[${index}].environment`, entry?.environment, githubEnvironmentProblems));
    });
    const deployPolicyArns = raw.deployPolicyArns;
    if (!Array.isArray(deployPolicyArns) || deployPolicyArns.length === 0) {
        problems.push(`deployPolicyArns: ${found(deployPolicyArns)}; expected the ARNs of the policies a deploy role needs`);
    } else {
        deployPolicyArns.forEach((arn: unknown, index) => {
            const denied = typeof arn === "string" && deniedManagedPolicies.some((policy) => arn.endsWith(`:iam::aws:policy/${policy}`));
            if (typeof arn !== "string" || !policyArn.test(arn) || denied) {
                problems.push(`deployPolicyArns[${index}]: ${found(arn)}; expected an IAM policy ARN other than ${deniedManagedPolicies.join(", ")}`);
            }
        });
    }
    const githubOidcProviderArn = raw.githubOidcProviderArn;
    if (githubOidcProviderArn !== undefined) {
        problems.push(...ruleProblems("githubOidcProviderArn", githubOidcProviderArn, oidcProviderArnProblems));
    }
    const department = raw.department ?? "platform-engineering";
    if (typeof department !== "string" || department === "") {
        problems.push(`department: ${found(department)}; expected the owning department's name`);
    }
    return {
        resolved: {
            repository: repository as string,
            defaultBranch: defaultBranch as string,
            region: region as string,
            stacks: stacks as CiStack[],
            deployPolicyArns: (deployPolicyArns ?? []) as string[],
            githubOidcProviderArn: githubOidcProviderArn as string | undefined,
            department: department as string,
        },
        problems,
    };
}
