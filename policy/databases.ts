import { PolicyResource, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { sizeRank } from "./cost";
import { isProductionResource, known, pending, readOrPending } from "./util";

/** Where each database kind keeps its instance class. */
const instanceClasses: Record<string, (props: Record<string, any>) => unknown> = {
    "aws:rds/instance:Instance": (props) => props.instanceClass,
    "aws:rds/clusterInstance:ClusterInstance": (props) => props.instanceClass,
    "aws:elasticache/cluster:Cluster": (props) => props.nodeType,
    "aws:elasticache/replicationGroup:ReplicationGroup": (props) => props.nodeType,
};

export interface InstanceClassCeilingConfig {
    maxProductionSize: string;
    maxNonProductionSize: string;
}

export const databaseInstanceClassCeiling: ResourceValidationPolicy = {
    name: "database-instance-class-ceiling",
    description: "RDS instances, Aurora instances and ElastiCache nodes stay at or below the size ceiling of their environment.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            maxProductionSize: { type: "string", default: "4xlarge" },
            maxNonProductionSize: { type: "string", default: "large" },
        },
    },
    validateResource: (args, reportViolation) => {
        const read = instanceClasses[args.type];
        const instanceClass = read ? known(() => read(args.props)) : undefined;
        // Aurora Serverless v2 (`db.serverless`) scales by capacity units, not by a size.
        if (typeof instanceClass !== "string" || instanceClass === "db.serverless") {
            return;
        }
        const production = isProductionResource(args);
        // An environment a preview does not know yet is judged at `up`.
        if (production === undefined) {
            return;
        }
        const { maxProductionSize, maxNonProductionSize } = args.getConfig<InstanceClassCeilingConfig>();
        const ceiling = production ? maxProductionSize : maxNonProductionSize;
        // `db.r7g.large`, `cache.t4g.micro`: the size is the last part.
        const size = instanceClass.split(".").pop() ?? "";
        if (sizeRank(size) > sizeRank(ceiling)) {
            reportViolation(`${instanceClass} is larger than ${ceiling}, the ceiling ${production ? "in production" : "outside production"}; right-size it`);
        }
    },
};

export const multiAzOutsideProduction: ResourceValidationPolicy = {
    name: "rds-multi-az-outside-production",
    description: "Multi-AZ doubles a database's cost; outside production a single AZ with backups is enough (RDS instances, ElastiCache replication groups).",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
        const multiAz =
            args.type === "aws:rds/instance:Instance" ? args.props.multiAz : args.type === "aws:elasticache/replicationGroup:ReplicationGroup" ? args.props.multiAzEnabled : undefined;
        if (multiAz === true && isProductionResource(args) === false) {
            reportViolation(`${args.type === "aws:rds/instance:Instance" ? "multiAz" : "multiAzEnabled"} is true outside production; set it to false`);
        }
    },
};

export interface RdsLoggingConfig {
    requiredLogExports: Record<string, string[]>;
}

/** The parameter that makes each engine refuse connections without TLS, and the values that turn it on. */
const postgresTls = { name: "rds.force_ssl", values: ["1"] };
const mysqlTls = { name: "require_secure_transport", values: ["1", "on"] };
const tlsParameters: Record<string, { name: string; values: string[] }> = {
    postgres: postgresTls,
    "aurora-postgresql": postgresTls,
    mysql: mysqlTls,
    mariadb: mysqlTls,
    "aurora-mysql": mysqlTls,
};

/** Databases that export logs, and how each names its parameter group. */
const parameterGroupHolders: Record<string, { property: string; groupType: string }> = {
    "aws:rds/instance:Instance": { property: "parameterGroupName", groupType: "aws:rds/parameterGroup:ParameterGroup" },
    "aws:rds/cluster:Cluster": { property: "dbClusterParameterGroupName", groupType: "aws:rds/clusterParameterGroup:ClusterParameterGroup" },
};

/**
 * The parameter group a database uses: the group its property depends on, else the group of that
 * name in the stack; a name alone when the group is elsewhere, none when it is AWS's default. The
 * provider computes the name when it is not set, so a preview's unknown without a dependency on a
 * group is the default.
 */
function parameterGroupOf(db: PolicyResource, property: string, groups: PolicyResource[]): { group?: PolicyResource; name?: string } {
    const dependency = db.propertyDependencies[property]?.find((resource) => resource.type === parameterGroupHolders[db.type].groupType);
    if (dependency) {
        return { group: dependency };
    }
    const name = readOrPending(() => db.props[property]);
    if (name === pending || typeof name !== "string" || name === "" || name.startsWith("default.")) {
        return {};
    }
    return { group: groups.find((group) => known(() => group.props.name) === name), name };
}

/** What a parameter group lacks to force TLS for `engine`; [] while a preview does not know its parameters. */
function tlsProblems(group: PolicyResource, engine: string): string[] {
    const { name, values } = tlsParameters[engine];
    const parameters = known(() => group.props.parameters ?? []);
    const parameter = parameters?.find((candidate: { name?: string }) => known(() => candidate.name)?.toLowerCase() === name);
    const value = parameter === undefined ? undefined : readOrPending(() => parameter.value);
    if (parameters === undefined || value === pending) {
        return [];
    }
    if (value === undefined || !values.includes(String(value).toLowerCase())) {
        return [`parameter group ${known(() => group.props.name) ?? group.name} ${value === undefined ? `does not set ${name}` : `sets ${name} to ${value}`}; set ${name} = ${values[0]} so connections without TLS are refused`];
    }
    return [];
}

export const rdsLoggingAndTls: StackValidationPolicy = {
    name: "rds-logging-and-tls",
    description:
        "RDS instances and clusters export their engine's logs to CloudWatch (enabledCloudwatchLogsExports) and use a parameter group of the stack that forces TLS (postgres rds.force_ssl = 1; mysql and mariadb require_secure_transport = 1).",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            requiredLogExports: {
                type: "object",
                additionalProperties: { type: "array", items: { type: "string" } },
                default: {
                    postgres: ["postgresql"],
                    mysql: ["error", "slowquery"],
                    mariadb: ["error", "slowquery"],
                    "aurora-postgresql": ["postgresql"],
                    "aurora-mysql": ["error", "slowquery"],
                },
            },
        },
    },
    validateStack: (args, reportViolation) => {
        const { requiredLogExports } = args.getConfig<RdsLoggingConfig>();
        const groupsByType = new Map<string, PolicyResource[]>();
        for (const resource of args.resources) {
            let ofItsType = groupsByType.get(resource.type);
            if (!ofItsType) {
                groupsByType.set(resource.type, (ofItsType = []));
            }
            ofItsType.push(resource);
        }
        for (const [type, { property, groupType }] of Object.entries(parameterGroupHolders)) {
            for (const db of groupsByType.get(type) ?? []) {
                // An engine a preview does not know yet (or a replica's, inherited from its source) is not judged.
                const engine = known(() => db.props.engine);
                if (typeof engine !== "string" || !(engine in tlsParameters)) {
                    continue;
                }
                const exported = known(() => db.props.enabledCloudwatchLogsExports ?? []);
                const missing = exported === undefined ? [] : (requiredLogExports[engine] ?? []).filter((logType) => !exported.includes(logType));
                if (missing.length > 0) {
                    reportViolation(`${engine} database ${db.name} does not export ${missing.join(", ")} logs; add them to enabledCloudwatchLogsExports`, db.urn);
                }
                const { group, name } = parameterGroupOf(db, property, groupsByType.get(groupType) ?? []);
                const { name: tlsParameter, values } = tlsParameters[engine];
                if (group) {
                    for (const problem of tlsProblems(group, engine)) {
                        reportViolation(`${engine} database ${db.name}: ${problem}`, db.urn);
                    }
                } else if (name) {
                    reportViolation(`${engine} database ${db.name} uses parameter group ${name}, which is not in this stack; create it here with ${tlsParameter} = ${values[0]} and reference it by ${property}`, db.urn);
                } else {
                    reportViolation(`${engine} database ${db.name} uses the default parameter group, which does not force TLS; set ${property} to a group with ${tlsParameter} = ${values[0]}`, db.urn);
                }
            }
        }
    },
};

/** Databases and caches: how large they may be, how many copies they run, what they log and how clients connect. */
export const databasePolicies = [databaseInstanceClassCeiling, multiAzOutsideProduction, rdsLoggingAndTls];
