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

/** Parameter group family of an engine's major version, e.g. `postgres17`, `mysql8.4`, `mariadb11.4`. */
export function parameterGroupFamily(engine: DatabaseEngine, majorVersion: string): string {
    return `${engine}${majorVersion}`;
}

/**
 * Logs each engine publishes to CloudWatch (`enabledCloudwatchLogsExports`): PostgreSQL's server
 * log (connections, errors, slow statements) and its major-version upgrade log; MySQL's and
 * MariaDB's error, slow query and audit logs (audit through the MariaDB Audit Plugin option).
 */
export const databaseLogExports: Record<DatabaseEngine, readonly string[]> = {
    postgres: ["postgresql", "upgrade"],
    mysql: ["error", "slowquery", "audit"],
    mariadb: ["error", "slowquery", "audit"],
};

/** Statements slower than this are logged with their duration. */
export const slowStatementSeconds = 1;

/**
 * Parameters every database's parameter group sets: TLS only (a plain-text client is refused),
 * slow statements logged, and on PostgreSQL connections and disconnections logged, which the
 * MySQL-family engines record in their audit log instead. MySQL's and MariaDB's slow query log
 * reaches CloudWatch only when it is written to a file (`log_output`).
 */
export const databaseParameters: Record<DatabaseEngine, readonly { name: string; value: string }[]> = {
    postgres: [
        { name: "rds.force_ssl", value: "1" },
        { name: "log_min_duration_statement", value: String(slowStatementSeconds * 1000) },
        { name: "log_connections", value: "1" },
        { name: "log_disconnections", value: "1" },
    ],
    mysql: [
        { name: "require_secure_transport", value: "1" },
        { name: "slow_query_log", value: "1" },
        { name: "long_query_time", value: String(slowStatementSeconds) },
        { name: "log_output", value: "FILE" },
    ],
    mariadb: [
        { name: "require_secure_transport", value: "1" },
        { name: "slow_query_log", value: "1" },
        { name: "long_query_time", value: String(slowStatementSeconds) },
        { name: "log_output", value: "FILE" },
    ],
};

/**
 * The option that writes MySQL's and MariaDB's audit log, and what it records: connections
 * (failed ones included), schema changes and grants. Statement text of reads and writes stays
 * out: it would copy tenant data into the logs. `rdsadmin` is RDS's own monitoring user, whose
 * health checks would otherwise fill the log every few seconds.
 */
export const auditPluginOption = {
    optionName: "MARIADB_AUDIT_PLUGIN",
    optionSettings: [
        { name: "SERVER_AUDIT_EVENTS", value: "CONNECT,QUERY_DDL,QUERY_DCL" },
        { name: "SERVER_AUDIT_EXCL_USERS", value: "rdsadmin" },
    ],
} as const;

/** Seconds between enhanced monitoring samples of the instance's operating system. */
export const monitoringIntervalSeconds = 60;
