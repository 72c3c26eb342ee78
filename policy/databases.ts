import { ResourceValidationPolicy } from "@pulumi/policy";
import { sizeRank } from "./cost";
import { isProductionResource, known } from "./util";

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

/** Databases and caches: how large they may be, and how many copies they run. */
export const databasePolicies = [databaseInstanceClassCeiling, multiAzOutsideProduction];
