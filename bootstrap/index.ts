// The identities CI assumes, created by an administrator before the first pipeline run and kept
// out of the platform stacks: a stack must not create (or be able to widen) the role that deploys it.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { resolveBootstrapConfig } from "./config";
import { environmentSubject, githubIssuer, githubTrustPolicy, previewSubjects, stsAudience } from "./trust";

const config = new pulumi.Config();
const textKeys = ["repository", "defaultBranch", "region", "githubOidcProviderArn", "department"];
const listKeys = ["stacks", "deployPolicyArns"];
const check = resolveBootstrapConfig(
    Object.fromEntries([...textKeys.map((key) => [key, config.get(key)]), ...listKeys.map((key) => [key, config.getObject(key)])]),
);
if (check.problems.length > 0) {
    throw new pulumi.RunError(`invalid config:\n${check.problems.map((problem) => `  ${pulumi.getProject()}:${problem}`).join("\n")}`);
}
const settings = check.resolved;

const provider = new aws.Provider("aws", {
    region: settings.region as aws.Region,
    defaultTags: { tags: { department: settings.department, environment: "shared", project: "platform" } },
});

const githubOidcProviderArn =
    settings.githubOidcProviderArn ??
    new aws.iam.OpenIdConnectProvider("github", { url: `https://${githubIssuer}`, clientIdLists: [stsAudience] }, { provider, protect: true }).arn;

/** Read access for previews and drift reports, without reading the data itself. */
const noDataReads = JSON.stringify({
    Version: "2012-10-17",
    Statement: [
        {
            Effect: "Deny",
            Action: ["s3:GetObject", "s3:GetObjectVersion", "secretsmanager:GetSecretValue", "kms:Decrypt", "ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath", "dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:Scan", "rds-data:ExecuteStatement"],
            Resource: "*",
        },
    ],
});

export const roles: Record<string, { deployRoleArn: pulumi.Output<string>; previewRoleArn: pulumi.Output<string> }> = {};
for (const { stack, environment } of settings.stacks) {
    const deploy = new aws.iam.Role(
        `${stack}-deploy`,
        {
            name: `platform-${stack}-deploy`,
            description: `pulumi up of platform stack ${stack} from ${settings.repository}, GitHub environment ${environment}`,
            assumeRolePolicy: pulumi.output(githubOidcProviderArn).apply((arn) => JSON.stringify(githubTrustPolicy(arn, [environmentSubject(settings.repository, environment)]))),
            maxSessionDuration: 3600,
        },
        { provider },
    );
    settings.deployPolicyArns.forEach((policyArn, index) => {
        new aws.iam.RolePolicyAttachment(`${stack}-deploy-${index}`, { role: deploy.name, policyArn }, { provider });
    });

    const preview = new aws.iam.Role(
        `${stack}-preview`,
        {
            name: `platform-${stack}-preview`,
            description: `pulumi preview and drift reports of platform stack ${stack} from ${settings.repository}`,
            assumeRolePolicy: pulumi.output(githubOidcProviderArn).apply((arn) => JSON.stringify(githubTrustPolicy(arn, previewSubjects(settings.repository, settings.defaultBranch)))),
            maxSessionDuration: 3600,
        },
        { provider },
    );
    new aws.iam.RolePolicyAttachment(`${stack}-preview-read-only`, { role: preview.name, policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" }, { provider });
    new aws.iam.RolePolicy(`${stack}-preview-no-data-reads`, { role: preview.name, policy: noDataReads }, { provider });

    roles[stack] = { deployRoleArn: deploy.arn, previewRoleArn: preview.arn };
}
