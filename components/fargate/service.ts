import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { serviceTrustPolicy } from "../iam/documents";
import { executionRolePolicy, taskRolePolicy } from "./policies";

const containerName = "app";

/** The paths PHP and Apache write to; everything else is the read-only image. */
export const writablePaths: Record<string, string> = { tmp: "/tmp", "apache-run": "/var/run/apache2", sessions: "/var/lib/php/sessions" };

/**
 * Where ECS Exec's SSM agent keeps its state and logs. AWS lists a read-only root filesystem as
 * unsupported for ECS Exec because the agent writes there; writable volumes at these two paths are
 * the workaround AWS's containers team published (aws/containers-roadmap#1359), so exec works
 * without giving up the read-only root.
 */
const execAgentPaths: Record<string, string> = { "ssm-state": "/var/lib/amazon", "ssm-logs": "/var/log/amazon" };

export interface SiteRuntimeArgs {
    readonly physicalName: string;
    readonly region: pulumi.Input<string>;
    readonly account: pulumi.Input<string>;
    readonly repositoryArn: pulumi.Input<string>;
    readonly keyArn: pulumi.Input<string>;
    readonly uploadsBucket: aws.s3.Bucket;
    /** The secrets the container gets, as whole-secret ARNs: all the execution role may read. */
    readonly secretArns: pulumi.Input<string>[];
    readonly logRetentionDays: number;
    readonly execEnabled: boolean;
    readonly spot: boolean;
    readonly targetGroup: aws.lb.TargetGroup;
    readonly loadBalancer: aws.lb.LoadBalancer;
}

export interface SiteRuntime {
    readonly cluster: aws.ecs.Cluster;
    readonly capacityProviders: aws.ecs.ClusterCapacityProviders;
    readonly capacityProviderStrategies: { capacityProvider: string; base?: number; weight: number }[];
    readonly executionRole: aws.iam.Role;
    readonly taskRole: aws.iam.Role;
    readonly logGroup: aws.cloudwatch.LogGroup;
    readonly rollbackAlarms: aws.cloudwatch.MetricAlarm[];
}

export interface SiteDeploymentArgs {
    readonly physicalName: string;
    readonly region: pulumi.Input<string>;
    readonly runtime: SiteRuntime;
    readonly image: pulumi.Input<string>;
    readonly cpu: number;
    readonly memory: number;
    readonly containerPort: number;
    readonly containerUser: string;
    readonly healthCheckPath: string;
    readonly environment: Record<string, pulumi.Input<string>>;
    /** Container variable name to Secrets Manager `valueFrom` (a secret ARN, optionally with `:<json key>::`). */
    readonly secrets: Record<string, pulumi.Input<string>>;
    readonly execEnabled: boolean;
    readonly minTasks: number;
    readonly maxTasks: number;
    readonly minimumHealthyPercent: number;
    readonly privateSubnetIds: pulumi.Input<string>[];
    readonly securityGroupId: pulumi.Input<string>;
    readonly targetGroup: aws.lb.TargetGroup;
    readonly loadBalancer: aws.lb.LoadBalancer;
    /** The listener that attaches the target group; the service waits for it. */
    readonly listener: pulumi.Resource;
}

export interface SiteDeployment {
    readonly service: aws.ecs.Service;
    readonly taskDefinition: aws.ecs.TaskDefinition;
}

/** ECS target-tracking goals: scale out above, in below. */
const scalingTargets = { cpu: 60, memory: 75, requestsPerTarget: 500 };

/**
 * What the site runs on, image or not: the cluster (Container Insights, FARGATE and FARGATE_SPOT,
 * exec sessions logged), the log groups, the two task roles and the rollback alarms.
 */
export function siteRuntime(name: string, args: SiteRuntimeArgs, opts: pulumi.CustomResourceOptions): SiteRuntime {
    const logGroup = new aws.cloudwatch.LogGroup(`${name}-logs`, { name: `/ecs/${args.physicalName}`, retentionInDays: args.logRetentionDays }, opts);
    const execLogGroup = args.execEnabled
        ? new aws.cloudwatch.LogGroup(`${name}-exec-logs`, { name: `/ecs/${args.physicalName}/exec`, retentionInDays: args.logRetentionDays }, opts)
        : undefined;

    const cluster = new aws.ecs.Cluster(`${name}-cluster`, {
        name: args.physicalName,
        settings: [{ name: "containerInsights", value: "enhanced" }],
        configuration: execLogGroup
            ? {
                executeCommandConfiguration: {
                    kmsKeyId: args.keyArn,
                    logging: "OVERRIDE",
                    logConfiguration: { cloudWatchLogGroupName: execLogGroup.name, cloudWatchEncryptionEnabled: false },
                },
            }
            : undefined,
    }, opts);
    const capacityProviderStrategies = args.spot
        ? [{ capacityProvider: "FARGATE", base: 1, weight: 1 }, { capacityProvider: "FARGATE_SPOT", weight: 3 }]
        : [{ capacityProvider: "FARGATE", base: 0, weight: 1 }];
    const capacityProviders = new aws.ecs.ClusterCapacityProviders(`${name}-capacity`, {
        clusterName: cluster.name,
        capacityProviders: ["FARGATE", "FARGATE_SPOT"],
        defaultCapacityProviderStrategies: capacityProviderStrategies,
    }, opts);

    const trust = pulumi.output(args.account).apply((account) => JSON.stringify(serviceTrustPolicy("EcsTasks", "ecs-tasks.amazonaws.com", account)));
    const executionRole = new aws.iam.Role(`${name}-execution`, { assumeRolePolicy: trust, description: `${args.physicalName}: ECS pulls the image, writes logs, reads the task's secrets` }, opts);
    new aws.iam.RolePolicy(`${name}-execution`, {
        role: executionRole.name,
        policy: pulumi.all([args.repositoryArn, logGroup.arn, pulumi.all(args.secretArns), args.keyArn, args.region]).apply(([repositoryArn, logGroupArn, secretArns, keyArn, region]) =>
            JSON.stringify(executionRolePolicy({ repositoryArn, logGroupArn, secretArns, keyArn, region }))),
    }, opts);
    const taskRole = new aws.iam.Role(`${name}-task`, { assumeRolePolicy: trust, description: `${args.physicalName}: the application's own permissions` }, opts);
    new aws.iam.RolePolicy(`${name}-task`, {
        role: taskRole.name,
        policy: pulumi.all([args.uploadsBucket.arn, args.keyArn, execLogGroup?.arn, args.region]).apply(([uploadsBucketArn, keyArn, execLogGroupArn, region]) =>
            JSON.stringify(taskRolePolicy({ uploadsBucketArn, keyArn, execLogGroupArn, region }))),
    }, opts);

    const alarm = (role: string, description: string, metricName: string, statistic: string, threshold: number, dimensions: Record<string, pulumi.Input<string>>) =>
        new aws.cloudwatch.MetricAlarm(`${name}-${role}`, {
            name: `${args.physicalName}-${role}`,
            alarmDescription: description,
            namespace: "AWS/ApplicationELB",
            metricName,
            statistic,
            dimensions,
            period: 60,
            evaluationPeriods: 3,
            datapointsToAlarm: 2,
            threshold,
            comparisonOperator: "GreaterThanOrEqualToThreshold",
            treatMissingData: "notBreaching",
        }, opts);
    const rollbackAlarms = [
        alarm("target-5xx", "Tasks answer with 5xx: a deployment in progress rolls back", "HTTPCode_Target_5XX_Count", "Sum", 10, {
            LoadBalancer: args.loadBalancer.arnSuffix,
            TargetGroup: args.targetGroup.arnSuffix,
        }),
        alarm("unhealthy-hosts", "Tasks fail the ALB health check: a deployment in progress rolls back", "UnHealthyHostCount", "Maximum", 1, {
            LoadBalancer: args.loadBalancer.arnSuffix,
            TargetGroup: args.targetGroup.arnSuffix,
        }),
    ];

    return { cluster, capacityProviders, capacityProviderStrategies, executionRole, taskRole, logGroup, rollbackAlarms };
}

/**
 * The task definition running `image` and the service with its rollbacks and autoscaling, on the
 * runtime's cluster and roles.
 */
export function siteDeployment(name: string, args: SiteDeploymentArgs, opts: pulumi.CustomResourceOptions): SiteDeployment {
    const { runtime } = args;
    const volumes = { ...writablePaths, ...(args.execEnabled ? execAgentPaths : {}) };
    const containerDefinitions = pulumi
        .all([args.image, runtime.logGroup.name, pulumi.all(args.environment), pulumi.all(args.secrets), args.region])
        .apply(([image, logGroupName, environment, secrets, region]) => JSON.stringify([{
            name: containerName,
            image,
            essential: true,
            user: args.containerUser,
            readonlyRootFilesystem: true,
            portMappings: [{ name: "http", containerPort: args.containerPort, protocol: "tcp" }],
            mountPoints: Object.entries(volumes).map(([sourceVolume, containerPath]) => ({ sourceVolume, containerPath, readOnly: false })),
            environment: Object.entries(environment).sort(([a], [b]) => a.localeCompare(b)).map(([name, value]) => ({ name, value })),
            secrets: Object.entries(secrets).sort(([a], [b]) => a.localeCompare(b)).map(([name, valueFrom]) => ({ name, valueFrom })),
            healthCheck: {
                command: ["CMD-SHELL", `curl -fsS http://localhost:${args.containerPort}${args.healthCheckPath} > /dev/null || exit 1`],
                interval: 30,
                timeout: 5,
                retries: 3,
                startPeriod: 30,
            },
            // ECS Exec runs its agent beside an init process that reaps its children.
            linuxParameters: { initProcessEnabled: true },
            logConfiguration: { logDriver: "awslogs", options: { "awslogs-group": logGroupName, "awslogs-region": region, "awslogs-stream-prefix": containerName } },
        }]));
    const taskDefinition = new aws.ecs.TaskDefinition(`${name}-task`, {
        family: args.physicalName,
        requiresCompatibilities: ["FARGATE"],
        networkMode: "awsvpc",
        cpu: String(args.cpu),
        memory: String(args.memory),
        runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: "X86_64" },
        executionRoleArn: runtime.executionRole.arn,
        taskRoleArn: runtime.taskRole.arn,
        containerDefinitions,
        volumes: Object.keys(volumes).map((volume) => ({ name: volume })),
        // Old revisions stay registered (ECS keeps them INACTIVE anyway): the circuit breaker and a
        // release rollback go back to them, and the deploy role needs no DeregisterTaskDefinition on `*`.
        skipDestroy: true,
    }, opts);

    const service = new aws.ecs.Service(`${name}-service`, {
        name: args.physicalName,
        cluster: runtime.cluster.arn,
        taskDefinition: taskDefinition.arn,
        desiredCount: args.minTasks,
        capacityProviderStrategies: runtime.capacityProviderStrategies,
        platformVersion: "LATEST",
        networkConfiguration: { subnets: args.privateSubnetIds, securityGroups: [args.securityGroupId], assignPublicIp: false },
        loadBalancers: [{ targetGroupArn: args.targetGroup.arn, containerName, containerPort: args.containerPort }],
        healthCheckGracePeriodSeconds: 60,
        deploymentMinimumHealthyPercent: args.minimumHealthyPercent,
        deploymentMaximumPercent: 200,
        deploymentCircuitBreaker: { enable: true, rollback: true },
        alarms: { enable: true, rollback: true, alarmNames: runtime.rollbackAlarms.map((a) => a.name) },
        enableExecuteCommand: args.execEnabled,
        enableEcsManagedTags: true,
        propagateTags: "SERVICE",
        waitForSteadyState: true,
    }, {
        ...opts,
        dependsOn: [args.listener, runtime.capacityProviders],
        // Autoscaling owns the running count; the next `up` must not reset it.
        ignoreChanges: ["desiredCount"],
    });

    const scaling = new aws.appautoscaling.Target(`${name}-scaling`, {
        serviceNamespace: "ecs",
        scalableDimension: "ecs:service:DesiredCount",
        resourceId: pulumi.interpolate`service/${runtime.cluster.name}/${service.name}`,
        minCapacity: args.minTasks,
        maxCapacity: args.maxTasks,
    }, opts);
    const tracking = (role: string, targetValue: number, predefinedMetricType: string, resourceLabel?: pulumi.Input<string>) =>
        new aws.appautoscaling.Policy(`${name}-scale-${role}`, {
            name: `${args.physicalName}-${role}`,
            policyType: "TargetTrackingScaling",
            serviceNamespace: scaling.serviceNamespace,
            scalableDimension: scaling.scalableDimension,
            resourceId: scaling.resourceId,
            targetTrackingScalingPolicyConfiguration: {
                targetValue,
                predefinedMetricSpecification: { predefinedMetricType, resourceLabel },
                scaleInCooldown: 300,
                scaleOutCooldown: 60,
            },
        }, opts);
    tracking("cpu", scalingTargets.cpu, "ECSServiceAverageCPUUtilization");
    tracking("memory", scalingTargets.memory, "ECSServiceAverageMemoryUtilization");
    tracking("requests", scalingTargets.requestsPerTarget, "ALBRequestCountPerTarget", pulumi.interpolate`${args.loadBalancer.arnSuffix}/${args.targetGroup.arnSuffix}`);

    return { service, taskDefinition };
}
