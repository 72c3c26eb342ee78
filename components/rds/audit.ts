import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { awsAccountId, awsPartition } from "../lookups";
import { auditPluginOption, databaseLogExports, databaseParameters, DatabaseEngine, monitoringIntervalSeconds, parameterGroupFamily } from "../rules/rds";
import { managedPolicyArn } from "../iam/managed-policy";
import { serviceTrustPolicy } from "../iam/documents";

export interface DatabaseAuditTrailArgs {
    /** RDS identifier of the instance; its log groups are `/aws/rds/instance/<identifier>/<log>`. */
    readonly identifier: string;
    readonly engine: DatabaseEngine;
    /** Major version, e.g. `17`, `8.4`, `11.4`: it selects the parameter group family. */
    readonly engineVersion: string;
    /** Days CloudWatch keeps the exported logs. */
    readonly logRetentionDays: number;
    /** Encrypts the exported logs. Its policy must let CloudWatch Logs use it for these log groups. */
    readonly keyArn: pulumi.Input<string>;
    /** The key policy that lets CloudWatch Logs use `keyArn`: log groups are created after it, or CloudWatch refuses the key. */
    readonly keyPolicy: pulumi.Resource;
    /** Log groups keep their deletion protection as long as the instance does. */
    readonly deletionProtection: boolean;
    readonly tags?: Record<string, string>;
}

/** What the instance is created with, and the resources it must wait for. */
export interface DatabaseAuditTrail {
    readonly instanceArgs: Pick<aws.rds.InstanceArgs, "parameterGroupName" | "optionGroupName" | "enabledCloudwatchLogsExports" | "monitoringInterval" | "monitoringRoleArn">;
    /** Created before the instance, or RDS would create the log groups itself without a retention. */
    readonly dependencies: pulumi.Resource[];
}

/**
 * Everything an RDS instance needs to leave an audit trail: a parameter group of its engine
 * family that refuses plain-text clients and logs slow statements; on MySQL and MariaDB the
 * audit plugin option; its logs exported to CloudWatch log groups created here first, with a
 * retention and encrypted with `keyArn`; and enhanced monitoring every 60 s through a role only
 * RDS monitoring can assume, for this account. Log groups are retained when removed: the trail
 * outlives the instance until its retention expires the events.
 */
export function databaseAuditTrail(name: string, args: DatabaseAuditTrailArgs, opts: pulumi.CustomResourceOptions): DatabaseAuditTrail {
    const parameterGroup = new aws.rds.ParameterGroup(`${name}-parameters`, {
        family: parameterGroupFamily(args.engine, args.engineVersion),
        description: `${args.identifier}: TLS required, slow statements logged`,
        parameters: [...databaseParameters[args.engine]],
        tags: args.tags,
    }, opts);
    const optionGroup = args.engine === "postgres"
        ? undefined
        : new aws.rds.OptionGroup(`${name}-options`, {
            engineName: args.engine,
            majorEngineVersion: args.engineVersion,
            optionGroupDescription: `${args.identifier}: audit log`,
            options: [{ optionName: auditPluginOption.optionName, optionSettings: [...auditPluginOption.optionSettings] }],
            tags: args.tags,
        }, opts);

    const exports = databaseLogExports[args.engine];
    const logGroups = exports.map((log) => new aws.cloudwatch.LogGroup(`${name}-${log}-log`, {
        name: `/aws/rds/instance/${args.identifier}/${log}`,
        retentionInDays: args.logRetentionDays,
        kmsKeyId: args.keyArn,
        deletionProtectionEnabled: args.deletionProtection,
        tags: args.tags,
    }, { ...opts, dependsOn: [args.keyPolicy], retainOnDelete: true }));

    const lookups = { parent: opts.parent, provider: opts.provider };
    const monitoringRole = new aws.iam.Role(`${name}-monitoring`, {
        description: `${args.identifier}: RDS enhanced monitoring`,
        assumeRolePolicy: awsAccountId(lookups).apply((account) => JSON.stringify(serviceTrustPolicy("RdsEnhancedMonitoring", "monitoring.rds.amazonaws.com", account))),
        tags: args.tags,
    }, opts);
    const partition = awsPartition(lookups);
    const monitoringPolicy = new aws.iam.RolePolicyAttachment(`${name}-monitoring`, {
        role: monitoringRole.name,
        policyArn: managedPolicyArn(partition, "service-role/AmazonRDSEnhancedMonitoringRole"),
    }, opts);

    return {
        instanceArgs: {
            parameterGroupName: parameterGroup.name,
            optionGroupName: optionGroup?.name,
            enabledCloudwatchLogsExports: [...exports],
            monitoringInterval: monitoringIntervalSeconds,
            monitoringRoleArn: monitoringRole.arn,
        },
        dependencies: [...logGroups, monitoringPolicy],
    };
}
