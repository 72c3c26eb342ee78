import { PolicyDocument, PolicyStatement } from "../iam/documents";
import { cloudWatchLogsUseKey, KeyScope } from "../iam/kms";

export interface ExecutionRoleScope {
    readonly repositoryArn: string;
    readonly logGroupArn: string;
    /** Exactly the secrets the container definition names in `secrets[].valueFrom`. */
    readonly secretArns: string[];
    readonly keyArn: string;
    readonly region: string;
}

/**
 * What ECS itself does before the container starts: pull this repository's image, write this log
 * group, read exactly the listed secrets and decrypt them through Secrets Manager. The registry
 * login token (`ecr:GetAuthorizationToken`) has no resource to scope to.
 */
export function executionRolePolicy(scope: ExecutionRoleScope): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            { Sid: "RegistryLogin", Effect: "Allow", Action: "ecr:GetAuthorizationToken", Resource: "*" },
            { Sid: "PullImage", Effect: "Allow", Action: ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"], Resource: scope.repositoryArn },
            { Sid: "WriteLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: `${scope.logGroupArn}:log-stream:*` },
            { Sid: "ReadSecrets", Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: scope.secretArns },
            {
                Sid: "DecryptSecrets",
                Effect: "Allow",
                Action: "kms:Decrypt",
                Resource: scope.keyArn,
                Condition: { StringEquals: { "kms:ViaService": `secretsmanager.${scope.region}.amazonaws.com` } },
            },
        ],
    };
}

export interface TaskRoleScope {
    readonly uploadsBucketArn: string;
    readonly keyArn: string;
    /** The ECS Exec session log group, when exec is on. */
    readonly execLogGroupArn?: string;
    /** The task's region: the only one whose SSM channels it may open. */
    readonly region: string;
}

/**
 * The application's own permissions: the uploads bucket (objects encrypted with the site key,
 * used only through S3) and, with ECS Exec on, the session key, the SSM channels and the session log. The `ssmmessages` actions have no
 * resource type (AWS documents them on `*`), so the task's region narrows them.
 */
export function taskRolePolicy(scope: TaskRoleScope): PolicyDocument {
    const statements: PolicyStatement[] = [
        { Sid: "ListUploads", Effect: "Allow", Action: "s3:ListBucket", Resource: scope.uploadsBucketArn },
        {
            Sid: "ReadWriteUploads",
            Effect: "Allow",
            Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"],
            Resource: `${scope.uploadsBucketArn}/*`,
        },
        {
            // Only for S3 in the task's region: the key also guards the database, cache and secrets.
            Sid: "UploadsKey",
            Effect: "Allow",
            Action: ["kms:Decrypt", "kms:GenerateDataKey"],
            Resource: scope.keyArn,
            Condition: { StringEquals: { "kms:ViaService": `s3.${scope.region}.amazonaws.com` } },
        },
    ];
    if (scope.execLogGroupArn) {
        statements.push(
            // The SSM agent decrypts the exec session's data key with the task role, not through a service.
            { Sid: "ExecSessionKey", Effect: "Allow", Action: "kms:Decrypt", Resource: scope.keyArn },
            {
                Sid: "ExecChannels",
                Effect: "Allow",
                Action: ["ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel"],
                Resource: "*",
                Condition: { StringEquals: { "aws:RequestedRegion": scope.region } },
            },
            { Sid: "ExecSessionLog", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"], Resource: `${scope.execLogGroupArn}:log-stream:*` },
            { Sid: "ExecSessionLogGroup", Effect: "Allow", Action: "logs:DescribeLogGroups", Resource: "*" },
        );
    }
    return { Version: "2012-10-17", Statement: statements };
}

export interface DeployScope {
    readonly repositoryArn: string;
    /** `arn:...:task-definition/<family>:*`. */
    readonly taskDefinitionFamilyArn: string;
    readonly serviceArn: string;
    readonly clusterArn: string;
    readonly executionRoleArn: string;
    readonly taskRoleArn: string;
    /** Read-only lookups of the stack program (`Describe*`, `Get*`, `List*`). */
    readonly readActions: string[];
}

/**
 * A release: push this repository's image, resolve a tag to its digest, register a revision of
 * this task family, roll this service onto it, and hand ECS exactly the two task roles. Read-only
 * calls without a resource type (`DescribeTaskDefinition`, the registry login) stay on `*`.
 */
export function deployRolePolicy(scope: DeployScope): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            { Sid: "RegistryLogin", Effect: "Allow", Action: "ecr:GetAuthorizationToken", Resource: "*" },
            {
                Sid: "PushImage",
                Effect: "Allow",
                Action: [
                    "ecr:BatchCheckLayerAvailability",
                    "ecr:InitiateLayerUpload",
                    "ecr:UploadLayerPart",
                    "ecr:CompleteLayerUpload",
                    "ecr:PutImage",
                    "ecr:BatchGetImage",
                    "ecr:GetDownloadUrlForLayer",
                    "ecr:DescribeImages",
                ],
                Resource: scope.repositoryArn,
            },
            { Sid: "ReadTaskDefinitions", Effect: "Allow", Action: "ecs:DescribeTaskDefinition", Resource: "*" },
            { Sid: "RegisterTaskDefinition", Effect: "Allow", Action: ["ecs:RegisterTaskDefinition", "ecs:TagResource"], Resource: scope.taskDefinitionFamilyArn },
            {
                Sid: "RollService",
                Effect: "Allow",
                Action: ["ecs:UpdateService", "ecs:DescribeServices"],
                Resource: scope.serviceArn,
                Condition: { StringEquals: { "ecs:cluster": scope.clusterArn } },
            },
            ...(scope.readActions.length > 0 ? [{ Sid: "ProgramLookups", Effect: "Allow" as const, Action: scope.readActions, Resource: "*" }] : []),
            {
                Sid: "PassTaskRoles",
                Effect: "Allow",
                Action: "iam:PassRole",
                Resource: [scope.executionRoleArn, scope.taskRoleArn],
                Condition: { StringEquals: { "iam:PassedToService": "ecs-tasks.amazonaws.com" } },
            },
        ],
    };
}

/**
 * The site key's policy. IAM keeps deciding who in the account uses the key (AWS's default key
 * policy, which ECR, ElastiCache, Secrets Manager, S3 and ECS exec already rely on through the
 * roles' own policies); CloudWatch Logs may use it for the database's log groups only.
 */
export function siteKeyPolicy(scope: KeyScope, databaseIdentifier: string): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            { Sid: "AccountIamDecides", Effect: "Allow", Principal: { AWS: `arn:${scope.partition}:iam::${scope.account}:root` }, Action: "kms:*", Resource: "*" },
            cloudWatchLogsUseKey("DatabaseLogsEncrypt", scope, [`/aws/rds/instance/${databaseIdentifier}/*`]),
        ],
    };
}
