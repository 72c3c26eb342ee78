import { ResourceValidationPolicy } from "@pulumi/policy";
import { actionAllowed, iamPatternMatches, known, ofType, statements } from "./util";

/** Identity policies and where each keeps its document(s). */
const identityPolicyDocuments: Record<string, (props: Record<string, any>) => unknown[]> = {
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
            if (samples.every((resource) => iamPatternMatches(pattern, `${prefix}:${resource}`))) {
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
const serviceAccountSubject = { pattern: /^system:serviceaccount:[a-z0-9-]+:[a-z0-9.-]+$/, what: "one service account" };

/**
 * Issuers whose tokens carry another kind of subject. GitHub Actions: one repository's jobs in one
 * GitHub environment, whose protection rules (required reviewers) then gate the role.
 */
const subjectsByIssuer: Record<string, { pattern: RegExp; what: string }> = {
    "token.actions.githubusercontent.com": {
        pattern: /^repo:[A-Za-z0-9-]+\/[A-Za-z0-9._-]+:environment:[A-Za-z0-9._-]+$/,
        what: "one repository's GitHub environment (repo:<owner>/<name>:environment:<environment>)",
    },
};

export const irsaTrustPinned: ResourceValidationPolicy = {
    name: "irsa-trust-pinned",
    description: "Roles assumed with web identity (IRSA, GitHub Actions) pin both the token's `sub` (one service account; one repository's GitHub environment) and `aud` (sts.amazonaws.com) with StringEquals.",
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
            const subject = subjectsByIssuer[issuer] ?? serviceAccountSubject;
            if (typeof sub !== "string" || !subject.pattern.test(sub)) {
                reportViolation(`StringEquals "${issuer}:sub" must name exactly ${subject.what}; found ${JSON.stringify(sub)}`);
            }
            if (aud !== "sts.amazonaws.com") {
                reportViolation(`StringEquals "${issuer}:aud" must be "sts.amazonaws.com"; found ${JSON.stringify(aud)}`);
            }
        }
    }),
};

export interface PublicIngressConfig {
    allowedPublicPorts: number[];
}

interface IngressRule {
    fromPort?: number;
    toPort?: number;
    cidrs: string[];
}

const world = new Set(["0.0.0.0/0", "::/0"]);

/** AWS ignores the ports of a rule for every protocol; it then admits every port. */
function portRange(protocol: unknown, fromPort: number | undefined, toPort: number | undefined): Pick<IngressRule, "fromPort" | "toPort"> {
    return protocol === "-1" || protocol === -1 || String(protocol).toLowerCase() === "all" ? {} : { fromPort, toPort };
}

function ingressRules(type: string, props: Record<string, any>): IngressRule[] {
    switch (type) {
        case "aws:ec2/securityGroup:SecurityGroup":
            return (props.ingress ?? []).map((rule: any) => ({
                ...portRange(rule.protocol, rule.fromPort, rule.toPort),
                cidrs: [...(rule.cidrBlocks ?? []), ...(rule.ipv6CidrBlocks ?? [])],
            }));
        case "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule":
            return [{ ...portRange(props.ipProtocol, props.fromPort, props.toPort), cidrs: [props.cidrIpv4, props.cidrIpv6].filter(Boolean) }];
        case "aws:ec2/securityGroupRule:SecurityGroupRule":
            return props.type === "ingress"
                ? [{ ...portRange(props.protocol, props.fromPort, props.toPort), cidrs: [...(props.cidrBlocks ?? []), ...(props.ipv6CidrBlocks ?? [])] }]
                : [];
        default:
            return [];
    }
}

export const noPublicIngress: ResourceValidationPolicy = {
    name: "security-group-public-ingress",
    description: "Security groups admit the internet only on the ports an ingress needs (80 and 443 by default).",
    enforcementLevel: "mandatory",
    configSchema: { properties: { allowedPublicPorts: { type: "array", items: { type: "integer" }, default: [80, 443] } } },
    validateResource: (args, reportViolation) => {
        const { allowedPublicPorts } = args.getConfig<PublicIngressConfig>();
        for (const rule of ingressRules(args.type, args.props)) {
            const open = rule.cidrs.filter((cidr) => world.has(cidr));
            const singleAllowedPort = rule.fromPort === rule.toPort && allowedPublicPorts.includes(rule.fromPort ?? -1);
            if (open.length > 0 && !singleAllowedPort) {
                reportViolation(`ingress ${rule.fromPort ?? "all"}-${rule.toPort ?? "all"} is open to ${open.join(", ")}; allowed public ports: ${allowedPublicPorts.join(", ")}`);
            }
        }
    },
};

export interface ImdsConfig {
    maxHopLimit: number;
}

export const imdsV2Required: ResourceValidationPolicy = {
    name: "ec2-imdsv2-required",
    description: "Instances and launch templates require IMDSv2 tokens with a hop limit that keeps pods off the node's credentials.",
    enforcementLevel: "mandatory",
    configSchema: { properties: { maxHopLimit: { type: "integer", default: 1 } } },
    validateResource: (args, reportViolation) => {
        if (args.type !== "aws:ec2/launchTemplate:LaunchTemplate" && args.type !== "aws:ec2/instance:Instance") {
            return;
        }
        const { maxHopLimit } = args.getConfig<ImdsConfig>();
        const metadata = args.props.metadataOptions ?? {};
        if (metadata.httpTokens !== "required") {
            reportViolation(`metadataOptions.httpTokens is ${JSON.stringify(metadata.httpTokens)}; must be "required"`);
        }
        if ((metadata.httpPutResponseHopLimit ?? Infinity) > maxHopLimit) {
            reportViolation(`metadataOptions.httpPutResponseHopLimit is ${metadata.httpPutResponseHopLimit}; at most ${maxHopLimit}`);
        }
    },
};

export interface CloudFrontConfig {
    allowedTlsPolicies: string[];
}

/**
 * A bucket's REST endpoint: `<bucket>.s3.amazonaws.com`, `.s3.<region>.`, the legacy `.s3-<region>.`,
 * `.s3.dualstack.<region>.`; not a website endpoint (`.s3-website-<region>.`, `.s3-website.<region>.`).
 */
function isS3RestEndpoint(domainName: string): boolean {
    return /\.s3([.-][a-z0-9-]+)*\.amazonaws\.com(\.cn)?$/.test(domainName) && !/\.s3-website[.-]/.test(domainName);
}

export const cloudFrontViewerSecurity: ResourceValidationPolicy = {
    name: "cloudfront-viewer-security",
    description: "CloudFront serves HTTPS only with a modern TLS policy and reads S3 through Origin Access Control, never a legacy OAI.",
    enforcementLevel: "mandatory",
    configSchema: { properties: { allowedTlsPolicies: { type: "array", items: { type: "string" }, default: ["TLSv1.2_2021", "TLSv1.2_2025", "TLSv1.3_2025"] } } },
    validateResource: (args, reportViolation) => {
        if (args.type === "aws:cloudfront/originAccessIdentity:OriginAccessIdentity") {
            reportViolation("use an Origin Access Control instead of an Origin Access Identity");
            return;
        }
        if (args.type !== "aws:cloudfront/distribution:Distribution") {
            return;
        }
        const { allowedTlsPolicies } = args.getConfig<CloudFrontConfig>();
        const certificate = args.props.viewerCertificate ?? {};
        if (!certificate.cloudfrontDefaultCertificate && !allowedTlsPolicies.includes(certificate.minimumProtocolVersion)) {
            reportViolation(`viewerCertificate.minimumProtocolVersion is ${JSON.stringify(certificate.minimumProtocolVersion)}; allowed: ${allowedTlsPolicies.join(", ")}`);
        }
        const behaviors = [args.props.defaultCacheBehavior, ...(args.props.orderedCacheBehaviors ?? [])].filter(Boolean);
        for (const behavior of behaviors) {
            if (behavior.viewerProtocolPolicy === "allow-all") {
                reportViolation(`cache behavior ${behavior.pathPattern ?? "default"} allows plain HTTP; use redirect-to-https or https-only`);
            }
        }
        for (const origin of args.props.origins ?? []) {
            if (origin.s3OriginConfig?.originAccessIdentity) {
                reportViolation(`origin ${origin.originId} uses an Origin Access Identity; use originAccessControlId`);
                continue;
            }
            // Without OAC (or an OAI) CloudFront reads an S3 REST endpoint anonymously, so the bucket
            // must be public. Website endpoints are custom origins, out of OAC's reach.
            const domainName = known(() => origin.domainName);
            if (typeof domainName === "string" && isS3RestEndpoint(domainName) && known(() => origin.originAccessControlId ?? "") === "") {
                reportViolation(`origin ${origin.originId} reads S3 bucket endpoint ${domainName} without an Origin Access Control; set originAccessControlId`);
            }
        }
    },
};

const requiredControlPlaneLogs = ["api", "audit", "authenticator"];

interface EksClusterSettings {
    /** `""` when secrets are not envelope-encrypted; undefined while a preview does not know the key yet. */
    secretsKeyArn: string | undefined;
    logTypes: string[];
    endpointPublicAccess: boolean;
    publicAccessCidrs: string[];
}

/** What the policy judges, read from the pulumi-eks component's inputs or a plain aws.eks.Cluster's. */
function eksClusterSettings(type: string, props: Record<string, any>): EksClusterSettings | undefined {
    switch (type) {
        // The pulumi-eks component is opaque to policies: judge it by its own inputs.
        case "eks:index:Cluster":
            return {
                secretsKeyArn: known(() => props.encryptionConfigKeyArn ?? ""),
                logTypes: props.enabledClusterLogTypes ?? [],
                endpointPublicAccess: props.endpointPublicAccess !== false,
                publicAccessCidrs: props.publicAccessCidrs ?? ["0.0.0.0/0"],
            };
        case "aws:eks/cluster:Cluster": {
            const encryption = props.encryptionConfig;
            return {
                secretsKeyArn: (encryption?.resources ?? []).includes("secrets") ? known(() => encryption.provider?.keyArn ?? "") : "",
                logTypes: props.enabledClusterLogTypes ?? [],
                endpointPublicAccess: props.vpcConfig?.endpointPublicAccess !== false,
                publicAccessCidrs: props.vpcConfig?.publicAccessCidrs ?? ["0.0.0.0/0"],
            };
        }
        default:
            return undefined;
    }
}

export const eksClusterHardening: ResourceValidationPolicy = {
    name: "eks-cluster-hardening",
    description: "EKS clusters encrypt secrets with KMS, log api/audit/authenticator, and never expose the API endpoint to the whole internet.",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
        const cluster = eksClusterSettings(args.type, args.props);
        if (!cluster) {
            return;
        }
        // A key created in the same stack is unknown in a preview: set, so nothing to report.
        if (cluster.secretsKeyArn === "") {
            reportViolation(
                args.type === "eks:index:Cluster"
                    ? "encryptionConfigKeyArn must name a KMS key for envelope encryption of secrets"
                    : "encryptionConfig must encrypt resources [\"secrets\"] with a KMS key",
            );
        }
        const missing = requiredControlPlaneLogs.filter((log) => !cluster.logTypes.includes(log));
        if (missing.length > 0) {
            reportViolation(`enabledClusterLogTypes misses ${missing.join(", ")}`);
        }
        // The endpoint is public unless explicitly turned off.
        if (cluster.endpointPublicAccess && cluster.publicAccessCidrs.some((cidr) => world.has(cidr))) {
            reportViolation("the public API endpoint is open to 0.0.0.0/0; restrict publicAccessCidrs or disable endpointPublicAccess");
        }
    },
};

/** The security domain of the pack. */
export const securityPolicies = [iamNoWildcardAdmin, irsaTrustPinned, noPublicIngress, imdsV2Required, cloudFrontViewerSecurity, eksClusterHardening];
