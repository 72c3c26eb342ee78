import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { databaseAuditTrail } from "../rds/audit";
import { safeInstanceArgs } from "../rds/instance";
import { DatabaseEngine, databaseEngines } from "../rules/rds";

export interface TenantDatabaseArgs {
    /** RDS identifier; the final snapshot is `<identifier>-final`. */
    readonly identifier: string;
    readonly engine: DatabaseEngine;
    readonly engineVersion: string;
    readonly instanceClass: string;
    readonly allocatedStorage: number;
    readonly maxAllocatedStorage?: number;
    readonly multiAz: boolean;
    readonly backupRetentionDays: number;
    readonly performanceInsights: boolean;
    readonly dbName: string;
    /** Storage, snapshots, the master user secret, Performance Insights and the exported logs are encrypted with it. */
    readonly keyArn: pulumi.Input<string>;
    /** The key's policy, which lets CloudWatch Logs encrypt the database's log groups. */
    readonly keyPolicy: pulumi.Resource;
    /** Days CloudWatch keeps the exported logs. */
    readonly logRetentionDays: number;
    readonly vpcId: pulumi.Input<string>;
    /** Private subnets only: the instance never gets a route from the internet. */
    readonly subnetIds: pulumi.Input<string>[];
    /** The only network admitted on the database port. */
    readonly clientCidr: string;
    /** RDS deletion protection and Pulumi `protect` on the instance; off only while the tenant is being off-boarded. */
    readonly deletionProtection: boolean;
    readonly tags: Record<string, string>;
}

/**
 * The tenant database: private, encrypted with the tenant key, TLS only, IAM authentication on,
 * the master password generated and rotated by RDS in Secrets Manager (never in config or state),
 * backups kept after the instance is deleted, and a final snapshot on delete. Its logs go to
 * CloudWatch under the tenant key, with enhanced monitoring (`databaseAuditTrail`). Only the
 * instance is protected: replacing its security group, subnet, parameter or option group is
 * harmless to the data.
 */
export function tenantDatabase(name: string, args: TenantDatabaseArgs, opts: pulumi.CustomResourceOptions): aws.rds.Instance {
    const port = databaseEngines[args.engine].port;
    // No egress rules: the instance only answers connections, and a security group created by
    // the provider starts without AWS's default allow-all egress rule.
    const securityGroup = new aws.ec2.SecurityGroup(`${name}-sg`, {
        vpcId: args.vpcId,
        description: `${args.identifier}: ${args.engine} from the cluster network only`,
        tags: args.tags,
    }, opts);
    new aws.vpc.SecurityGroupIngressRule(`${name}-from-cluster`, {
        securityGroupId: securityGroup.id,
        cidrIpv4: args.clientCidr,
        ipProtocol: "tcp",
        fromPort: port,
        toPort: port,
        description: `${args.engine} from the cluster network`,
        tags: args.tags,
    }, opts);
    const subnetGroup = new aws.rds.SubnetGroup(`${name}-subnets`, {
        subnetIds: args.subnetIds,
        description: `${args.identifier}: private subnets`,
        tags: args.tags,
    }, opts);

    const auditTrail = databaseAuditTrail(name, {
        identifier: args.identifier,
        engine: args.engine,
        engineVersion: args.engineVersion,
        logRetentionDays: args.logRetentionDays,
        keyArn: args.keyArn,
        keyPolicy: args.keyPolicy,
        deletionProtection: args.deletionProtection,
        tags: args.tags,
    }, opts);

    return new aws.rds.Instance(name, {
        ...safeInstanceArgs({
            identifier: args.identifier,
            keyArn: args.keyArn,
            subnetGroupName: subnetGroup.name,
            securityGroupIds: [securityGroup.id],
            multiAz: args.multiAz,
            backupRetentionDays: args.backupRetentionDays,
            deletionProtection: args.deletionProtection,
        }),
        engine: args.engine,
        engineVersion: args.engineVersion,
        instanceClass: args.instanceClass,
        allocatedStorage: args.allocatedStorage,
        maxAllocatedStorage: args.maxAllocatedStorage,
        dbName: args.dbName,
        port,
        iamDatabaseAuthenticationEnabled: true,
        ...auditTrail.instanceArgs,
        performanceInsightsEnabled: args.performanceInsights,
        performanceInsightsKmsKeyId: args.performanceInsights ? args.keyArn : undefined,
        performanceInsightsRetentionPeriod: args.performanceInsights ? 7 : undefined,
        tags: args.tags,
    }, { ...opts, protect: args.deletionProtection, dependsOn: auditTrail.dependencies });
}
