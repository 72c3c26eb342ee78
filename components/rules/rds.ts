/** RDS rules shared by Ringfence and the stack config (`platform:tenants[].database`). */

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

/** gp3 storage: 20 GiB minimum, 64 TiB maximum. */
export const allocatedStorageRange = { min: 20, max: 65536 } as const;

/** RDS keeps automated backups for 1 to 35 days (0 would turn backups off). */
export const backupRetentionRange = { min: 1, max: 35 } as const;
