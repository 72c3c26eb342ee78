import { unknownValue } from "@pulumi/pulumi/runtime/rpc";
import { expect } from "chai";
import { PolicyPackConfig } from "../engine/analyzer";
import { RecordedResource } from "../engine/monitor";
import { scheduleFrequency } from "../policy/backups";
import { providerIn, recorded, violationsOfPolicy } from "./helpers/policy";

const staging = providerIn("staging");
const production = providerIn("production");

describe("policy: backups", () => {
    describe("rds-backup-retention", () => {
        const retention = (resources: RecordedResource[], config?: PolicyPackConfig) => violationsOfPolicy("rds-backup-retention", resources, config);
        const db = (provider: RecordedResource, backupRetentionPeriod: unknown, type = "aws:rds/instance:Instance") => recorded(type, "db", { backupRetentionPeriod }, provider);

        it("passes 7 days in staging and 7 to 35 in production", async () => {
            expect(await retention([staging, db(staging, 7)])).to.deep.equal([]);
            expect(await retention([production, db(production, 7)])).to.deep.equal([]);
            expect(await retention([production, db(production, 35)])).to.deep.equal([]);
        });

        it("fails more than 7 days outside production", async () => {
            expect(await retention([staging, db(staging, 8)])).to.deep.equal(["db: backupRetentionPeriod is 8; at most 7 days outside production"]);
        });

        it("fails less than 7 or more than 35 days in production", async () => {
            expect(await retention([production, db(production, 6)])).to.deep.equal(["db: backupRetentionPeriod is 6; 7 to 35 days in production"]);
            expect(await retention([production, db(production, undefined)])).to.deep.equal(["db: backupRetentionPeriod is 0; 7 to 35 days in production"]);
        });

        it("applies to Aurora clusters", async () => {
            expect(await retention([staging, db(staging, 14, "aws:rds/cluster:Cluster")])).to.deep.equal(["db: backupRetentionPeriod is 14; at most 7 days outside production"]);
        });

        it("takes the bounds from policy pack config", async () => {
            expect(await retention([staging, db(staging, 14)], { "rds-backup-retention": { maxNonProductionDays: 14 } })).to.deep.equal([]);
        });

        it("judges at `up` a retention a preview does not know yet", async () => {
            expect(await retention([staging, db(staging, unknownValue)])).to.deep.equal([]);
        });
    });

    describe("backup-plan-frequency", () => {
        const daily = { ruleName: "daily", targetVaultName: "vault", schedule: "cron(0 5 * * ? *)", lifecycle: { deleteAfter: 14 } };
        const weekly = { ruleName: "weekly", targetVaultName: "vault", schedule: "cron(0 5 ? * SUN *)", lifecycle: { coldStorageAfter: 30, deleteAfter: 365 } };
        const plan = (rules: object[]) => recorded("aws:backup/plan:Plan", "plan", { name: "plan", rules }, production);
        const frequency = (rules: object[], config?: PolicyPackConfig) => violationsOfPolicy("backup-plan-frequency", [production, plan(rules)], config);

        it("passes daily short-term and weekly long-term rules", async () => {
            expect(await frequency([daily, weekly])).to.deep.equal([]);
        });

        it("fails a short-term rule that runs more than daily", async () => {
            expect(await frequency([{ ...daily, schedule: "cron(0 */4 * * ? *)" }, weekly])).to.deep.equal([
                "plan: rule daily (recovery points kept 14 days) runs more than daily (cron(0 */4 * * ? *)); short-term rules run at most daily, e.g. cron(0 5 * * ? *)",
            ]);
        });

        it("fails a long-term rule that runs daily", async () => {
            expect(await frequency([daily, { ...weekly, schedule: "cron(0 5 * * ? *)" }])).to.deep.equal([
                "plan: rule weekly (recovery points kept 365 days, long-term) runs more than weekly (cron(0 5 * * ? *)); long-term rules run at most weekly, e.g. cron(0 5 ? * SUN *)",
            ]);
        });

        it("counts recovery points kept forever as long-term, and no schedule as AWS's daily default", async () => {
            expect(await frequency([{ ruleName: "forever", targetVaultName: "vault" }])).to.deep.equal([
                "plan: rule forever (recovery points kept forever, long-term) runs more than weekly (no schedule: AWS runs it daily); long-term rules run at most weekly, e.g. cron(0 5 ? * SUN *)",
            ]);
        });

        it("fails a schedule it cannot read", async () => {
            expect(await frequency([{ ...daily, schedule: "every day" }])).to.deep.equal(['plan: rule daily: schedule "every day" is neither cron(<6 fields>) nor rate(<n> <unit>)']);
        });

        it("takes the short-term bound from policy pack config", async () => {
            expect(await frequency([{ ...weekly, schedule: daily.schedule }], { "backup-plan-frequency": { maxShortTermRetentionDays: 365 } })).to.deep.equal([]);
        });

        it("judges at `up` a schedule a preview does not know yet", async () => {
            expect(await frequency([{ ...daily, schedule: unknownValue }])).to.deep.equal([]);
        });

        it("reads cron and rate schedules", () => {
            expect(
                ["cron(0 5 * * ? *)", "cron(15,45 5 * * ? *)", "cron(0 5-7 * * ? *)", "cron(0 5 ? * MON *)", "cron(0 5 ? * MON,THU *)", "cron(0 5 1 * ? *)", "cron(0 5 L * ? *)", "rate(12 hours)", "rate(1 day)", "rate(7 days)"].map(
                    scheduleFrequency,
                ),
            ).to.deep.equal([
                "more than weekly",
                "more than daily",
                "more than daily",
                "at most weekly",
                "more than weekly",
                "at most weekly",
                "at most weekly",
                "more than daily",
                "more than weekly",
                "at most weekly",
            ]);
        });
    });
});
