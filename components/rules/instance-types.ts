/**
 * EC2 instance types for EKS nodes and RDS instance classes for tenant databases: the families the
 * platform runs on, each with the sizes it really offers, so a typo in the size fails naming the
 * sizes instead of failing at `up`.
 */

/**
 * EC2 families for EKS nodes. Burstable families stop at `medium`: smaller sizes leave too few
 * VPC-CNI pod IPs to run the node's own DaemonSets. Families ending in `g` (Graviton) are arm64
 * and need the ARM AMI.
 */
const burstable = ["medium", "large", "xlarge", "2xlarge"];
const graviton = ["medium", "large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge"];
const gen5 = ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge"];
const gen6i = [...gen5, "32xlarge"];
const gen6a = [...gen5, "32xlarge", "48xlarge"];
const gen7i = [...gen5, "48xlarge"];
const gen7a = ["medium", ...gen5, "32xlarge", "48xlarge"];

const instanceFamilies: Readonly<Record<string, readonly string[]>> = {
    t3: burstable, t3a: burstable, t4g: burstable,
    m5: gen5, m5a: gen5, m6i: gen6i, m6a: gen6a, m6g: graviton, m7i: gen7i, m7a: gen7a, m7g: graviton,
    c6i: gen6i, c6a: gen6a, c6g: graviton, c7i: gen7i, c7a: gen7a, c7g: graviton,
    r6i: gen6i, r6a: gen6a, r6g: graviton, r7i: gen7i, r7a: gen7a, r7g: graviton,
};

export type Architecture = "x86_64" | "arm64";

/** What is wrong with an instance type, or undefined when the platform supports it. */
export function instanceTypeProblem(instanceType: string): string | undefined {
    const [family, size, ...rest] = instanceType.split(".");
    const sizes = instanceFamilies[family];
    if (!sizes) {
        return `an EC2 instance type <family>.<size>; families: ${Object.keys(instanceFamilies).join(", ")}`;
    }
    if (rest.length > 0 || !sizes.includes(size)) {
        return `an EC2 instance type <family>.<size>; ${family} sizes: ${sizes.join(", ")}`;
    }
    return undefined;
}

/** The CPU architecture of a supported instance type. */
export function architectureOf(instanceType: string): Architecture {
    return /^[a-z]\d+g$/.test(instanceType.split(".")[0]) ? "arm64" : "x86_64";
}

/**
 * RDS instance classes for PostgreSQL, MySQL and MariaDB (each engine offers all of these), with
 * the sizes the family has. Burstable classes start at `micro` for small tenants.
 */
const rdsBurstable = ["micro", "small", "medium", "large", "xlarge", "2xlarge"];
const rdsGraviton = ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge"];
const rdsGen5 = ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge"];
const rdsGen6i = [...rdsGen5, "32xlarge"];
const rdsGen7i = [...rdsGen5, "48xlarge"];

const rdsInstanceFamilies: Readonly<Record<string, readonly string[]>> = {
    t3: rdsBurstable, t4g: rdsBurstable,
    m5: rdsGen5, m6g: rdsGraviton, m6i: rdsGen6i, m7g: rdsGraviton, m7i: rdsGen7i,
    r5: rdsGen5, r6g: rdsGraviton, r6i: rdsGen6i, r7g: rdsGraviton, r7i: rdsGen7i,
};

/** `db.<family>.<size>` of a supported family, as what was expected; empty when the class is fine. */
export function rdsInstanceClassProblems(instanceClass: string): string[] {
    const [prefix, family, size, ...rest] = instanceClass.split(".");
    const sizes = rdsInstanceFamilies[family];
    if (prefix !== "db" || !sizes) {
        return [`an RDS instance class db.<family>.<size> such as db.t4g.micro; families: ${Object.keys(rdsInstanceFamilies).join(", ")}`];
    }
    if (rest.length > 0 || !sizes.includes(size)) {
        return [`an RDS instance class db.<family>.<size>; db.${family} sizes: ${sizes.join(", ")}`];
    }
    return [];
}
