import { ResourceValidationPolicy } from "@pulumi/policy";
import { isProduction, known, ofType } from "./util";

export interface RdsBackupRetentionConfig {
    maxNonProductionDays: number;
    minProductionDays: number;
    maxProductionDays: number;
}

const retentionHolders = new Set(["aws:rds/instance:Instance", "aws:rds/cluster:Cluster"]);

export const rdsBackupRetention: ResourceValidationPolicy = {
    name: "rds-backup-retention",
    description: "RDS instances and Aurora clusters keep automated backups for a bounded time: at most a week outside production, one to five weeks in production.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            maxNonProductionDays: { type: "integer", default: 7 },
            minProductionDays: { type: "integer", default: 7 },
            maxProductionDays: { type: "integer", default: 35 },
        },
    },
    validateResource: (args, reportViolation) => {
        if (!retentionHolders.has(args.type)) {
            return;
        }
        const production = isProduction(args.props, args.provider?.props);
        const days = known(() => args.props.backupRetentionPeriod ?? 0);
        // An environment or a retention a preview does not know yet is judged at `up`.
        if (production === undefined || days === undefined) {
            return;
        }
        const { maxNonProductionDays, minProductionDays, maxProductionDays } = args.getConfig<RdsBackupRetentionConfig>();
        if (production && (days < minProductionDays || days > maxProductionDays)) {
            reportViolation(`backupRetentionPeriod is ${days}; ${minProductionDays} to ${maxProductionDays} days in production`);
        } else if (!production && days > maxNonProductionDays) {
            reportViolation(`backupRetentionPeriod is ${days}; at most ${maxNonProductionDays} days outside production`);
        }
    },
};

/** How often a schedule fires: more than once a day, more than once a week (up to daily), or at most weekly. */
export type ScheduleFrequency = "more than daily" | "more than weekly" | "at most weekly";

const single = (field: string | undefined) => field !== undefined && /^(\d+|[A-Za-z]{3}|L|LW|\d+W|\d+L|[A-Za-z]{3}L|\d+#\d|[A-Za-z]{3}#\d)$/.test(field);

/**
 * How often an AWS Backup schedule fires: `cron(Minutes Hours Day-of-month Month Day-of-week Year)`
 * or `rate(<n> <unit>)`; undefined for an expression this cannot read.
 */
export function scheduleFrequency(expression: string): ScheduleFrequency | undefined {
    const rate = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(expression.trim());
    if (rate) {
        const days = Number(rate[1]) / ({ minute: 1440, minutes: 1440, hour: 24, hours: 24, day: 1, days: 1 } as Record<string, number>)[rate[2]];
        return days < 1 ? "more than daily" : days >= 7 ? "at most weekly" : "more than weekly";
    }
    const cron = /^cron\((.+)\)$/.exec(expression.trim());
    const fields = cron?.[1].trim().split(/\s+/);
    if (!fields || fields.length !== 6) {
        return undefined;
    }
    const [minutes, hours, dayOfMonth, , dayOfWeek] = fields;
    if (!single(minutes) || !single(hours)) {
        return "more than daily";
    }
    // One day of the week, or one day of the month: weekly or rarer.
    return single(dayOfWeek) || single(dayOfMonth) ? "at most weekly" : "more than weekly";
}

export interface BackupPlanConfig {
    maxShortTermRetentionDays: number;
}

export const backupPlanFrequency: ResourceValidationPolicy = {
    name: "backup-plan-frequency",
    description:
        "AWS Backup plans snapshot at most daily for short-term retention and at most weekly for long-term retention (or recovery points kept forever); more frequent snapshots multiply storage for little gain.",
    enforcementLevel: "mandatory",
    configSchema: { properties: { maxShortTermRetentionDays: { type: "integer", default: 35 } } },
    validateResource: ofType("aws:backup/plan:Plan", (_props, args, reportViolation) => {
        const { maxShortTermRetentionDays } = args.getConfig<BackupPlanConfig>();
        for (const rule of known(() => args.props.rules) ?? []) {
            const schedule = known(() => rule.schedule);
            const deleteAfter = known(() => rule.lifecycle?.deleteAfter);
            // A schedule a preview does not know yet is judged at `up`; none means AWS's default, daily at 05:00 UTC.
            if (schedule === undefined && "schedule" in rule) {
                continue;
            }
            const frequency = schedule === undefined ? "more than weekly" : scheduleFrequency(String(schedule));
            const longTerm = deleteAfter === undefined || deleteAfter === null || deleteAfter > maxShortTermRetentionDays;
            const label = `rule ${known(() => rule.ruleName) ?? ""}`.trim();
            const kept = deleteAfter ? `kept ${deleteAfter} days` : "kept forever";
            if (frequency === undefined) {
                reportViolation(`${label}: schedule ${JSON.stringify(schedule)} is neither cron(<6 fields>) nor rate(<n> <unit>)`);
            } else if (longTerm && frequency !== "at most weekly") {
                reportViolation(`${label} (recovery points ${kept}, long-term) runs ${frequency} (${schedule ?? "no schedule: AWS runs it daily"}); long-term rules run at most weekly, e.g. cron(0 5 ? * SUN *)`);
            } else if (!longTerm && frequency === "more than daily") {
                reportViolation(`${label} (recovery points ${kept}) runs more than daily (${schedule}); short-term rules run at most daily, e.g. cron(0 5 * * ? *)`);
            }
        }
    }),
};

/** Backups: how long and how often. */
export const backupPolicies = [rdsBackupRetention, backupPlanFrequency];
