// The identities CI assumes, created by an administrator before the first pipeline run and kept
// out of the platform stacks: a stack must not create (or be able to widen) the role that deploys it.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { githubEnvironmentSubject, githubOidcIssuer, githubTrustPolicy, stsAudience } from "../components/iam/documents";
import { resolveBootstrapConfig } from "./config";
import { previewSubjects } from "./trust";

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
    new aws.iam.OpenIdConnectProvider("github", { url: `https://${githubOidcIssuer}`, clientIdLists: [stsAudience] }, { provider, protect: true }).arn;

/**
 * The data reads `ReadOnlyAccess` allows and a preview or drift report never needs: objects,
 * secrets, parameters, items, log events, image layers, database log files, instance passwords
 * and consoles, queue messages, stream records and query results.
 */
const dataReadActions = [
    "s3:GetObject", "s3:GetObjectVersion",
    "secretsmanager:GetSecretValue", "kms:Decrypt",
    "ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath",
    "dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:Scan", "dynamodb:PartiQLSelect", "dynamodb:GetRecords",
    "rds-data:ExecuteStatement", "rds:DownloadDBLogFilePortion", "rds:DownloadCompleteDBLogFile",
    "logs:GetLogEvents", "logs:FilterLogEvents", "logs:StartQuery", "logs:GetQueryResults", "logs:StartLiveTail", "logs:GetLogRecord",
    "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer",
    "ec2:GetPasswordData", "ec2:GetConsoleOutput",
    "sqs:ReceiveMessage", "kinesis:GetRecords", "athena:GetQueryResults",
];

/** Read access for previews and drift reports, without reading the data itself. */
const noDataReads = JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Deny", Action: dataReadActions, Resource: "*" }],
});

/**
 * The CI identities of every platform stack in the account, as the bootstrap names them: a deploy
 * role may change what its stack creates, never itself, another stack's roles or the provider that
 * GitHub's tokens are trusted through.
 */
const deployGuard = JSON.stringify({
    Version: "2012-10-17",
    Statement: [
        {
            Effect: "Deny",
            Action: "iam:*",
            Resource: ["arn:aws:iam::*:role/platform-*-deploy", "arn:aws:iam::*:role/platform-*-preview", `arn:aws:iam::*:oidc-provider/${githubOidcIssuer}`],
        },
    ],
});

/** A first production `up` (cluster, database, CDN) can outlast the default hour. */
const deploySessionSeconds = 4 * 3600;

export const roles: Record<string, { deployRoleArn: pulumi.Output<string>; previewRoleArn: pulumi.Output<string> }> = {};
for (const { stack, environment } of settings.stacks) {
    const deploy = new aws.iam.Role(
        `${stack}-deploy`,
        {
            name: `platform-${stack}-deploy`,
            description: `pulumi up of platform stack ${stack} from ${settings.repository}, GitHub environment ${environment}`,
            assumeRolePolicy: pulumi.output(githubOidcProviderArn).apply((arn) => JSON.stringify(githubTrustPolicy("GithubDeploy", arn, [githubEnvironmentSubject(settings.repository, environment)]))),
            maxSessionDuration: deploySessionSeconds,
        },
        { provider },
    );
    new aws.iam.RolePolicy(`${stack}-deploy-guard`, { role: deploy.name, policy: deployGuard }, { provider });
    settings.deployPolicyArns.forEach((policyArn, index) => {
        new aws.iam.RolePolicyAttachment(`${stack}-deploy-${index}`, { role: deploy.name, policyArn }, { provider });
    });

    const preview = new aws.iam.Role(
        `${stack}-preview`,
        {
            name: `platform-${stack}-preview`,
            description: `pulumi preview and drift reports of platform stack ${stack} from ${settings.repository}`,
            assumeRolePolicy: pulumi.output(githubOidcProviderArn).apply((arn) => JSON.stringify(githubTrustPolicy("GithubPreview", arn, previewSubjects(settings.repository, settings.defaultBranch)))),
            maxSessionDuration: 3600,
        },
        { provider },
    );
    new aws.iam.RolePolicyAttachment(`${stack}-preview-read-only`, { role: preview.name, policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" }, { provider });
    new aws.iam.RolePolicy(`${stack}-preview-no-data-reads`, { role: preview.name, policy: noDataReads }, { provider });

    roles[stack] = { deployRoleArn: deploy.arn, previewRoleArn: preview.arn };
}
