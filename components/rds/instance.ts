import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface SafeInstanceArgs {
    /** RDS identifier; the final snapshot is `<identifier>-final`. */
    readonly identifier: string;
    /** Encrypts storage and the master user secret. */
    readonly keyArn: pulumi.Input<string>;
    readonly subnetGroupName: pulumi.Input<string>;
    readonly securityGroupIds: pulumi.Input<string>[];
    readonly multiAz: boolean;
    readonly backupRetentionDays: number;
    readonly deletionProtection: boolean;
}

/**
 * What every database of the platform gets, whatever it serves: private, gp3 storage encrypted
 * with its key, the master password generated and rotated by RDS in Secrets Manager under the same
 * key (never in config or state), minor versions kept current by RDS, backups kept after the
 * instance is deleted, tags copied to snapshots, deletion protection and a final snapshot.
 */
export function safeInstanceArgs(args: SafeInstanceArgs): Partial<aws.rds.InstanceArgs> {
    return {
        identifier: args.identifier,
        autoMinorVersionUpgrade: true,
        storageType: "gp3",
        storageEncrypted: true,
        kmsKeyId: args.keyArn,
        username: "dbadmin",
        manageMasterUserPassword: true,
        masterUserSecretKmsKeyId: args.keyArn,
        dbSubnetGroupName: args.subnetGroupName,
        vpcSecurityGroupIds: args.securityGroupIds,
        publiclyAccessible: false,
        multiAz: args.multiAz,
        backupRetentionPeriod: args.backupRetentionDays,
        deleteAutomatedBackups: false,
        copyTagsToSnapshot: true,
        deletionProtection: args.deletionProtection,
        skipFinalSnapshot: false,
        finalSnapshotIdentifier: `${args.identifier}-final`,
    };
}
