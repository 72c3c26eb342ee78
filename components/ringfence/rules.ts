/**
 * Input rules for Ringfence as plain data and functions, so the stack config schema reports the
 * same rules at `platform:tenants[i].*` before anything is registered. Each `...Problems`
 * function returns what was expected, one entry per broken rule; empty means the value is fine.
 */

/**
 * Longest tenant name. The name is embedded in every derived name: the namespace
 * `tenant-<name>`, the bucket `tenant-<name>-data-<7 hex>` (S3: 63), the database identifier
 * `tenant-<name>-<nameSuffix>` (RDS: 63; the stacks pass a slug of the stack name), the role `tenant-<name>-role-<7 hex>` (IAM: 64) and the
 * final snapshot `tenant-<name>-<nameSuffix>-final`; 20 leaves each of them room for its suffixes.
 */
export const tenantNameMaxLength = 20;

/** DNS-label safe, no double hyphen (RDS identifiers forbid it), ends with a letter or digit. */
const tenantNamePattern = /^[a-z]([a-z0-9]|-(?=[a-z0-9]))*$/;

export function tenantNameProblems(name: string): string[] {
    if (name.length >= 2 && name.length <= tenantNameMaxLength && tenantNamePattern.test(name)) {
        return [];
    }
    return [`2-${tenantNameMaxLength} lower-case letters, digits or single hyphens, starting with a letter and ending with a letter or digit`];
}

/**
 * RDS engines a tenant database may run, with the major versions still in standard support
 * (a major version past it is billed as RDS Extended Support). A major version alone lets RDS
 * pick and auto-upgrade the minor version.
 */
export const databaseEngines = {
    postgres: { port: 5432, versions: ["14", "15", "16", "17"], defaultVersion: "17" },
    mysql: { port: 3306, versions: ["8.0", "8.4"], defaultVersion: "8.4" },
    mariadb: { port: 3306, versions: ["10.6", "10.11", "11.4"], defaultVersion: "11.4" },
} as const;

export type DatabaseEngine = keyof typeof databaseEngines;

export const databaseEngineNames = Object.keys(databaseEngines) as DatabaseEngine[];

export function databaseEngineProblems(engine: string): string[] {
    return engine in databaseEngines ? [] : [`one of ${databaseEngineNames.join(", ")}`];
}

export function engineVersionProblems(engine: DatabaseEngine, version: string): string[] {
    const versions: readonly string[] = databaseEngines[engine].versions;
    return versions.includes(version) ? [] : [`one of ${versions.join(", ")} for ${engine}`];
}

/** `db.<family>.<size>`, e.g. db.t4g.micro or db.m7g.large. */
export function instanceClassProblems(instanceClass: string): string[] {
    return /^db\.[a-z0-9-]+\.[a-z0-9]+$/.test(instanceClass) ? [] : ["an RDS instance class such as db.t4g.micro"];
}

/** gp3 storage: 20 GiB minimum, 64 TiB maximum. */
export const allocatedStorageRange = { min: 20, max: 65536 } as const;

/** RDS keeps automated backups for 1 to 35 days (0 would turn backups off). */
export const backupRetentionRange = { min: 1, max: 35 } as const;

/** A Kubernetes resource quantity such as `500m`, `4`, `8Gi`. */
export function quantityProblems(quantity: string): string[] {
    return /^\d+(\.\d+)?(m|k|M|G|T|Ki|Mi|Gi|Ti)?$/.test(quantity) ? [] : ["a Kubernetes quantity such as 4, 500m or 8Gi"];
}
