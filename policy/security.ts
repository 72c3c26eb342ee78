import { ResourceValidationPolicy } from "@pulumi/policy";
import { actionAllowed, known, ofType, statements } from "./util";

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

/**
 * A resource pattern that names every resource (of a service): `*`, or an ARN whose region,
 * account and resource parts are all wildcards or empty, such as `arn:aws:*:*:*:*` or
 * `arn:aws:s3:::*`.
 */
function isEveryResource(resource: string): boolean {
    return resource === "*" || /^arn:[^:]*:[^:]*:\*?:\*?:[*/]+$/.test(resource);
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
            const everyResource = statement.Resource.some(isEveryResource) || statement.NotResource.length > 0;
            const wildcardAction = statement.Action.find((action) => action === "*" || action.endsWith(":*"));
            if (everyResource && wildcardAction) {
                reportViolation(`${label} allows "${wildcardAction}" on "*"`);
            }
            if (statement.NotAction.length > 0) {
                reportViolation(`${label} allows NotAction, i.e. every other action`);
            }
        }
    },
};

export const irsaTrustPinned: ResourceValidationPolicy = {
    name: "irsa-trust-pinned",
    description: "Roles assumed with web identity (IRSA) pin both the token's `sub` (one service account) and `aud` (sts.amazonaws.com) with StringEquals.",
    enforcementLevel: "mandatory",
    validateResource: ofType("aws:iam/role:Role", (_props, args, reportViolation) => {
        for (const statement of statements(args.props.assumeRolePolicy)) {
            const principal = statement.Principal as { Federated?: string | string[] } | undefined;
            if (statement.Effect !== "Allow" || principal?.Federated === undefined || !actionAllowed(statement, "sts:AssumeRoleWithWebIdentity")) {
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
            if (typeof sub !== "string" || !/^system:serviceaccount:[a-z0-9-]+:[a-z0-9.-]+$/.test(sub)) {
                reportViolation(`StringEquals "${issuer}:sub" must name exactly one service account; found ${JSON.stringify(sub)}`);
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
            }
        }
    },
};

const requiredControlPlaneLogs = ["api", "audit", "authenticator"];

export const eksClusterHardening: ResourceValidationPolicy = {
    name: "eks-cluster-hardening",
    description: "EKS clusters encrypt secrets with KMS, log api/audit/authenticator, and never expose the API endpoint to the whole internet.",
    enforcementLevel: "mandatory",
    // The pulumi-eks component is opaque to policies: judge it by its own inputs.
    validateResource: ofType("eks:index:Cluster", (_props, args, reportViolation) => {
        // A key created in the same stack is unknown in a preview: set, so nothing to report.
        if (known(() => args.props.encryptionConfigKeyArn ?? "") === "") {
            reportViolation("encryptionConfigKeyArn must name a KMS key for envelope encryption of secrets");
        }
        const logs: string[] = args.props.enabledClusterLogTypes ?? [];
        const missing = requiredControlPlaneLogs.filter((log) => !logs.includes(log));
        if (missing.length > 0) {
            reportViolation(`enabledClusterLogTypes misses ${missing.join(", ")}`);
        }
        // The endpoint is public unless explicitly turned off.
        if (args.props.endpointPublicAccess !== false) {
            const cidrs: string[] = args.props.publicAccessCidrs ?? ["0.0.0.0/0"];
            if (cidrs.some((cidr) => world.has(cidr))) {
                reportViolation("the public API endpoint is open to 0.0.0.0/0; restrict publicAccessCidrs or disable endpointPublicAccess");
            }
        }
    }),
};

/** The security domain of the pack. */
export const securityPolicies = [iamNoWildcardAdmin, irsaTrustPinned, noPublicIngress, imdsV2Required, cloudFrontViewerSecurity, eksClusterHardening];
