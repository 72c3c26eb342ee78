import { ResourceValidationPolicy } from "@pulumi/policy";
import { isProductionResource, known } from "./util";

/** Instance types a compute resource asks for, wherever its kind keeps them. */
const requestedTypes: Record<string, (props: Record<string, any>) => unknown[]> = {
    "aws:ec2/instance:Instance": (props) => [props.instanceType],
    "aws:ec2/launchTemplate:LaunchTemplate": (props) => [props.instanceType],
    "aws:eks/nodeGroup:NodeGroup": (props) => props.instanceTypes ?? [],
    "aws:autoscaling/group:Group": (props) => (props.mixedInstancesPolicy?.launchTemplate?.overrides ?? []).map((override: any) => override.instanceType),
    "eks:index:Cluster": (props) => [props.instanceType, props.nodeGroupOptions?.instanceType],
    "eks:index:ManagedNodeGroup": (props) => props.instanceTypes ?? [],
    "eks:index:NodeGroup": (props) => [props.instanceType],
    "eks:index:NodeGroupV2": (props) => [props.instanceType],
    "exoscale:index/sksNodepool:SksNodepool": (props) => [props.instanceType],
    "exoscale:index/computeInstance:ComputeInstance": (props) => [props.type],
};

export interface InstanceFamilyConfig {
    productionFamilies: string[];
    nonProductionFamilies: string[];
    previousGenerationFamilies: string[];
}

export const instanceTypeFamilies: ResourceValidationPolicy = {
    name: "instance-type-families",
    description:
        "EC2 instances, launch templates (ECS-on-EC2 capacity too), Auto Scaling overrides, EKS node groups and Exoscale node pools take instance families from the allowlist of their environment; previous-generation families are refused everywhere.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            productionFamilies: {
                type: "array",
                items: { type: "string" },
                default: [
                    ...["t3", "t3a", "t4g", "m6i", "m6a", "m6g", "m7i", "m7i-flex", "m7a", "m7g", "m8g"],
                    ...["c6i", "c6a", "c6g", "c7i", "c7a", "c7g", "c8g", "r6i", "r6a", "r6g", "r7i", "r7a", "r7g", "r8g"],
                    ...["standard", "cpu", "memory"],
                ],
            },
            nonProductionFamilies: { type: "array", items: { type: "string" }, default: ["t3", "t3a", "t4g", "r6a", "r7a", "r6g", "r7g", "standard"] },
            previousGenerationFamilies: {
                type: "array",
                items: { type: "string" },
                default: ["a1", "c1", "c3", "c4", "cc2", "cr1", "d2", "g2", "g3", "g3s", "hs1", "i2", "m1", "m2", "m3", "m4", "p2", "r3", "r4", "t1", "t2", "x1", "x1e"],
            },
        },
    },
    validateResource: (args, reportViolation) => {
        const read = requestedTypes[args.type];
        // A type a preview does not know yet is judged at `up`.
        const requested = read ? (known(() => read(args.props)) ?? []).map((type) => known(() => type)).filter((type): type is string => typeof type === "string" && type !== "") : [];
        if (requested.length === 0) {
            return;
        }
        const { productionFamilies, nonProductionFamilies, previousGenerationFamilies } = args.getConfig<InstanceFamilyConfig>();
        const production = isProductionResource(args);
        for (const instanceType of new Set(requested)) {
            // `m7i.large`, `m7i-flex.large`; Exoscale's `standard.medium`.
            const family = instanceType.split(".")[0];
            if (previousGenerationFamilies.includes(family)) {
                reportViolation(`${instanceType} is of the previous-generation family ${family}, refused in every environment; use a current family of the allowlist`);
                continue;
            }
            // An environment a preview does not know yet is judged at `up`.
            if (production === undefined) {
                continue;
            }
            const allowed = production ? productionFamilies : nonProductionFamilies;
            if (!allowed.includes(family)) {
                reportViolation(`${instanceType}: family ${family} is not allowed ${production ? "in production" : "outside production"}; allowed: ${allowed.join(", ")}`);
            }
        }
    },
};

/** Compute capacity: which instance families each environment may run. */
export const instanceTypePolicies = [instanceTypeFamilies];
