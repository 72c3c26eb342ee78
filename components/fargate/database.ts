import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { databaseAuditTrail } from "../rds/audit";
import { safeInstanceArgs } from "../rds/instance";

export const mysqlPort = 3306;

export interface SiteDatabaseArgs {
    readonly identifier: string;
    readonly engineVersion: string;
    readonly instanceClass: string;
    readonly allocatedStorage: number;
    readonly maxAllocatedStorage?: number;
    readonly backupRetentionDays: number;
    readonly dbName: string;
    readonly multiAz: boolean;
    readonly deletionProtection: boolean;
    /** Encrypts storage, the master secret and the exported logs. */
    readonly keyArn: pulumi.Input<string>;
    /** The key's policy, which lets CloudWatch Logs encrypt the database's log groups. */
    readonly keyPolicy: pulumi.Resource;
    /** Days CloudWatch keeps the exported logs. */
    readonly logRetentionDays: number;
    readonly subnetIds: pulumi.Input<string>[];
    readonly securityGroupId: pulumi.Input<string>;
}

/**
 * RDS MySQL: private, storage and the master secret encrypted with the site key, the master
 * password generated and rotated by RDS in Secrets Manager (never in config or state), TLS
 * required by its parameter group (`require_secure_transport`), error, slow query and audit logs
 * in CloudWatch under the site key, enhanced monitoring (`databaseAuditTrail`), deletion
 * protection, a final snapshot and backups kept after deletion. The instance is protected; its
 * parameter, option and subnet groups are harmless to replace.
 */
export function siteDatabase(name: string, args: SiteDatabaseArgs, opts: pulumi.CustomResourceOptions): aws.rds.Instance {
    const auditTrail = databaseAuditTrail(name, {
        identifier: args.identifier,
        engine: "mysql",
        engineVersion: args.engineVersion,
        logRetentionDays: args.logRetentionDays,
        keyArn: args.keyArn,
        keyPolicy: args.keyPolicy,
        deletionProtection: args.deletionProtection,
    }, opts);
    const subnetGroup = new aws.rds.SubnetGroup(`${name}-subnets`, {
        subnetIds: args.subnetIds,
        description: `${args.identifier}: private subnets`,
    }, opts);
    return new aws.rds.Instance(name, {
        ...safeInstanceArgs({
            identifier: args.identifier,
            keyArn: args.keyArn,
            subnetGroupName: subnetGroup.name,
            securityGroupIds: [args.securityGroupId],
            multiAz: args.multiAz,
            backupRetentionDays: args.backupRetentionDays,
            deletionProtection: args.deletionProtection,
        }),
        engine: "mysql",
        engineVersion: args.engineVersion,
        instanceClass: args.instanceClass,
        allocatedStorage: args.allocatedStorage,
        maxAllocatedStorage: args.maxAllocatedStorage,
        dbName: args.dbName,
        port: mysqlPort,
        ...auditTrail.instanceArgs,
    }, { ...opts, protect: true, dependsOn: auditTrail.dependencies });
}
