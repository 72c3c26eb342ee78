import { ResourceValidationPolicy } from "@pulumi/policy";
import { actionAllowed, iamPattern, known, ofType, statements } from "./util";

/** Identity policies and where each keeps its document(s). */
export const identityPolicyDocuments: Record<string, (props: Record<string, any>) => unknown[]> = {
    "aws:iam/policy:Policy": (props) => [props.policy],
    "aws:iam/rolePolicy:RolePolicy": (props) => [props.policy],
    "aws:iam/userPolicy:UserPolicy": (props) => [props.policy],
    "aws:iam/groupPolicy:GroupPolicy": (props) => [props.policy],
    "aws:iam/role:Role": (props) => (props.inlinePolicies ?? []).map((inline: { policy?: unknown }) => inline.policy),
};

/** Attachments of managed policies, and where each keeps the policy ARN(s). */
const managedPolicyAttachments: Record<string, (props: Record<string, any>) => string[]> = {
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": (props) => [props.policyArn],
    "aws:iam/userPolicyAttachment:UserPolicyAttachment": (props) => [props.policyArn],
    "aws:iam/groupPolicyAttachment:GroupPolicyAttachment": (props) => [props.policyArn],
    "aws:iam/policyAttachment:PolicyAttachment": (props) => [props.policyArn],
    "aws:iam/role:Role": (props) => props.managedPolicyArns ?? [],
};

export interface IamAdminConfig {
    deniedManagedPolicies: string[];
}

/** Two unrelated resources of each kind, as the resource part of their ARNs. */
type ResourceKinds = Record<string, [string, string]>;

const kindsWith = (separator: "/" | ":", ...kinds: string[]): ResourceKinds =>
    Object.fromEntries(kinds.map((kind) => [kind, [`${kind}${separator}any-name`, `${kind}${separator}team-other-name`]]));

/**
 * How each service's ARNs look, and its kinds of resource: a pattern that names every resource of
 * one kind (every role, every key, every object) grants the service's every action on all of
 * them. A service not listed has one kind, any resource.
 */
const arnLayouts: Record<string, { arnService?: string; region: boolean; account: boolean; kinds: ResourceKinds }> = {
    iam: { region: false, account: true, kinds: kindsWith("/", "role", "user", "group", "policy", "instance-profile", "oidc-provider") },
    // sts:AssumeRole and its siblings act on IAM roles.
    sts: { arnService: "iam", region: false, account: true, kinds: kindsWith("/", "role") },
    s3: { region: false, account: false, kinds: { bucket: ["any-bucket", "other.bucket"], object: ["any-bucket/any-key", "other.bucket/dir/other-key"] } },
    route53: { region: false, account: false, kinds: kindsWith("/", "hostedzone", "change") },
    cloudfront: { region: false, account: true, kinds: kindsWith("/", "distribution", "origin-access-control") },
    kms: { region: true, account: true, kinds: kindsWith("/", "key", "alias") },
    secretsmanager: { region: true, account: true, kinds: kindsWith(":", "secret") },
    dynamodb: { region: true, account: true, kinds: kindsWith("/", "table") },
    ec2: { region: true, account: true, kinds: kindsWith("/", "instance", "security-group", "volume", "snapshot", "vpc") },
    rds: { region: true, account: true, kinds: kindsWith(":", "db", "cluster", "snapshot") },
    eks: { region: true, account: true, kinds: kindsWith("/", "cluster", "nodegroup") },
    lambda: { region: true, account: true, kinds: kindsWith(":", "function") },
};
const anyResource: ResourceKinds = { resource: ["any-type/any-id", "other-type:other-id"] };

/** Services whose every resource of a kind, granted every action, makes an administrator (IAM) or a data-wide one. */
const everyActionServices = Object.keys(arnLayouts);

/**
 * The service and kind, among those the wildcard action covers, of which a resource pattern names
 * every resource: `arn:*`, every object of every bucket, `arn:aws:iam::*:role/*` (every role),
 * `arn:aws:kms:*:123456789012:key/*` (every key of that account). Samples take the partition,
 * region and account the pattern names, so pinning an account narrows nothing.
 */
function kindCoveredWhole(pattern: string, wildcardAction: string): string | undefined {
    const [, partition, , region, account] = pattern.split(":");
    const literal = (part: string | undefined) => (part && !/[*?]/.test(part) ? part : undefined);
    const service = wildcardAction.includes(":") ? wildcardAction.split(":")[0].toLowerCase() : "*";
    const matcher = iamPattern(pattern);
    for (const candidate of service.includes("*") ? everyActionServices : [service]) {
        const layout = arnLayouts[candidate];
        const prefix = [
            "arn",
            literal(partition) ?? "aws",
            layout?.arnService ?? candidate,
            layout?.region === false ? "" : (literal(region) ?? "eu-central-1"),
            layout?.account === false ? "" : /^\d{12}$/.test(account ?? "") ? account : "123456789012",
        ].join(":");
        for (const [kind, samples] of Object.entries(layout?.kinds ?? anyResource)) {
            if (samples.every((resource) => matcher.test(`${prefix}:${resource}`))) {
                return `${candidate} ${kind}`;
            }
        }
    }
    return undefined;
}

export const iamNoWildcardAdmin: ResourceValidationPolicy = {
    name: "iam-no-wildcard-admin",
    description: "No IAM identity policy allows every action, or every action of a service, on every resource, and no identity gets an administrator managed policy.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            deniedManagedPolicies: { type: "array", items: { type: "string" }, default: ["AdministratorAccess", "PowerUserAccess", "IAMFullAccess"] },
        },
    },
    validateResource: (args, reportViolation) => {
        // An ARN still unknown in a preview is one the stack creates, so never an AWS managed policy.
        const policyArns = known(() => managedPolicyAttachments[args.type]?.(args.props)) ?? [];
        const deniedManagedPolicies = policyArns.length > 0 ? args.getConfig<IamAdminConfig>().deniedManagedPolicies : [];
        for (let index = 0; index < policyArns.length; index++) {
            const awsManaged = /^arn:[^:]+:iam::aws:policy\/(?:.*\/)?([^/]+)$/.exec(String(known(() => policyArns[index]) ?? ""));
            if (awsManaged && deniedManagedPolicies.includes(awsManaged[1])) {
                reportViolation(`attaches the AWS managed policy ${awsManaged[1]}; grant the actions the workload needs on its own resources`);
            }
        }
        const documents = identityPolicyDocuments[args.type]?.(args.props) ?? [];
        for (const statement of documents.flatMap(statements)) {
            if (statement.Effect !== "Allow") {
                continue;
            }
            const label = statement.Sid ? `statement "${statement.Sid}"` : "a statement";
            for (const wildcardAction of statement.Action.filter((action) => action === "*" || action.endsWith(":*"))) {
                if (statement.NotResource.length > 0 || statement.Resource.includes("*")) {
                    reportViolation(`${label} allows "${wildcardAction}" on "*"`);
                    continue;
                }
                for (const pattern of statement.Resource) {
                    const kind = kindCoveredWhole(pattern, wildcardAction);
                    if (kind) {
                        reportViolation(`${label} allows "${wildcardAction}" on "${pattern}", every ${kind}`);
                    }
                }
            }
            if (statement.NotAction.length > 0) {
                reportViolation(`${label} allows NotAction, i.e. every other action`);
            }
        }
    },
};

/** The one subject a Kubernetes service account token carries (IRSA, any cluster's issuer). */
const serviceAccountSubject = /^system:serviceaccount:[a-z0-9-]+:[a-z0-9.-]+$/;

/** The issuer of GitHub Actions' OIDC tokens. */
const githubIssuer = "token.actions.githubusercontent.com";

/**
 * Exact subjects of GitHub Actions jobs: one repository's jobs in one GitHub environment (whose
 * protection rules then gate the role), its pull requests, or one of its branches. No wildcard
 * can appear: `*` and `?` are not in the character classes.
 */
const githubSubject = /^repo:([A-Za-z0-9-]+\/[A-Za-z0-9._-]+):(environment:[A-Za-z0-9._-]+|pull_request|ref:refs\/heads\/[A-Za-z0-9._\/-]+)$/;

/** What is wrong with a trust's `sub` condition for this issuer, or undefined when it is pinned. */
function subjectProblem(issuer: string, sub: unknown): string | undefined {
    if (issuer !== githubIssuer) {
        return typeof sub === "string" && serviceAccountSubject.test(sub) ? undefined : "exactly one service account";
    }
    const subjects = [sub].flat();
    const repositories = new Set(subjects.map((subject) => (typeof subject === "string" ? githubSubject.exec(subject)?.[1] : undefined)));
    const pinned = subjects.length > 0 && repositories.size === 1 && !repositories.has(undefined);
    return pinned ? undefined : "exact subjects of one repository (repo:<owner>/<name>:environment:<environment>, :pull_request or :ref:refs/heads/<branch>)";
}

export const irsaTrustPinned: ResourceValidationPolicy = {
    name: "irsa-trust-pinned",
    description: "Roles assumed with web identity (IRSA, GitHub Actions) pin both the token's `sub` (one service account; exact subjects of one GitHub repository) and `aud` (sts.amazonaws.com) with StringEquals.",
    enforcementLevel: "mandatory",
    validateResource: ofType("aws:iam/role:Role", (_props, args, reportViolation) => {
        for (const statement of statements(args.props.assumeRolePolicy)) {
            if (statement.Effect !== "Allow" || !actionAllowed(statement, "sts:AssumeRoleWithWebIdentity")) {
                continue;
            }
            const principal = statement.Principal as "*" | { AWS?: string | string[]; Federated?: string | string[] } | undefined;
            if (principal === "*" || (typeof principal === "object" && [principal.AWS].flat().includes("*"))) {
                // Everyone, federated identities included: a token from any identity provider will do.
                reportViolation(`principal ${JSON.stringify(principal)} admits any web identity token; name exactly one IAM OIDC provider as Federated`);
                continue;
            }
            if (principal?.Federated === undefined) {
                continue;
            }
            const federated = [principal.Federated].flat().map(String);
            const issuers = federated.map((arn) => arn.split(":oidc-provider/")[1]);
            if (issuers.length !== 1 || !issuers[0]) {
                reportViolation(`web identity principal ${JSON.stringify(principal.Federated)} is not exactly one IAM OIDC provider`);
                continue;
            }
            const issuer = issuers[0];
            const equals = statement.Condition?.StringEquals ?? {};
            const sub = equals[`${issuer}:sub`];
            const aud = equals[`${issuer}:aud`];
            const expected = subjectProblem(issuer, sub);
            if (expected) {
                reportViolation(`StringEquals "${issuer}:sub" must name ${expected}; found ${JSON.stringify(sub)}`);
            }
            if (aud !== "sts.amazonaws.com") {
                reportViolation(`StringEquals "${issuer}:aud" must be "sts.amazonaws.com"; found ${JSON.stringify(aud)}`);
            }
        }
    }),
};

/** IAM identity policies and trust: the security rules on who may do what. */
export const iamPolicies = [iamNoWildcardAdmin, irsaTrustPinned];
