import { ResourceValidationPolicy } from "@pulumi/policy";
import { compareQuantities, parseQuantity, Quantity } from "./quantity";
import { isProductionResource, known, readOrPending } from "./util";

/** Where each workload kind keeps its pod spec. */
const podSpecs: Record<string, (props: Record<string, any>) => any> = {
    "kubernetes:apps/v1:Deployment": (props) => props.spec?.template?.spec,
    "kubernetes:apps/v1:StatefulSet": (props) => props.spec?.template?.spec,
    "kubernetes:apps/v1:DaemonSet": (props) => props.spec?.template?.spec,
    "kubernetes:apps/v1:ReplicaSet": (props) => props.spec?.template?.spec,
    "kubernetes:batch/v1:Job": (props) => props.spec?.template?.spec,
    "kubernetes:batch/v1:CronJob": (props) => props.spec?.jobTemplate?.spec?.template?.spec,
    "kubernetes:core/v1:PodTemplate": (props) => props.template?.spec,
    "kubernetes:core/v1:Pod": (props) => props.spec,
};

export interface WorkloadResourcesConfig {
    maxNonProductionCpuRequest: string;
}

export const kubernetesWorkloadResources: ResourceValidationPolicy = {
    name: "kubernetes-workload-resources",
    description:
        "Every container of a Kubernetes workload requests CPU and memory and limits memory, so the scheduler packs nodes by real need; outside production CPU requests stay at or below a ceiling.",
    enforcementLevel: "mandatory",
    configSchema: { properties: { maxNonProductionCpuRequest: { type: "string", default: "100m" } } },
    validateResource: (args, reportViolation) => {
        const podSpec = podSpecs[args.type];
        // A pod spec a preview does not know yet is judged at `up`.
        const spec = podSpec ? known(() => podSpec(args.props)) : undefined;
        if (!spec) {
            return;
        }
        const { maxNonProductionCpuRequest } = args.getConfig<WorkloadResourcesConfig>();
        const ceiling = parseQuantity(maxNonProductionCpuRequest);
        if (!ceiling) {
            throw new Error(`maxNonProductionCpuRequest is ${JSON.stringify(maxNonProductionCpuRequest)}, not a Kubernetes quantity (e.g. 100m)`);
        }
        const production = isProductionResource(args);
        const containers = [...(known(() => spec.initContainers) ?? []), ...(known(() => spec.containers) ?? [])];
        for (const container of containers) {
            const resources = known(() => container.resources ?? {});
            if (resources === undefined) {
                continue;
            }
            const label = `container ${known(() => container.name) ?? "(name not known yet)"}`;
            // A value a preview does not know yet is set: only its size is judged at `up`.
            const settings: Record<string, unknown> = {
                "requests.cpu": readOrPending(() => resources.requests?.cpu),
                "requests.memory": readOrPending(() => resources.requests?.memory),
                "limits.memory": readOrPending(() => resources.limits?.memory),
            };
            const missing = Object.keys(settings).filter((key) => settings[key] === undefined || settings[key] === null || settings[key] === "");
            if (missing.length > 0) {
                reportViolation(`${label} sets no ${missing.map((key) => `resources.${key}`).join(", ")}; set CPU and memory requests and a memory limit`);
            }
            const quantities: Record<string, Quantity | undefined> = {};
            for (const [key, value] of Object.entries(settings)) {
                if (typeof value === "string" || typeof value === "number") {
                    quantities[key] = parseQuantity(value);
                    if (!quantities[key]) {
                        reportViolation(`${label} resources.${key} is ${JSON.stringify(value)}, not a Kubernetes quantity (e.g. 100m, 0.5, 128Mi)`);
                    }
                }
            }
            const cpuRequest = quantities["requests.cpu"];
            if (production === false && cpuRequest && compareQuantities(cpuRequest, ceiling) > 0) {
                reportViolation(`${label} requests cpu ${settings["requests.cpu"]}; at most ${maxNonProductionCpuRequest} outside production`);
            }
        }
    },
};

/** Kubernetes workloads and the resources their pods ask the scheduler for. */
export const kubernetesPolicies = [kubernetesWorkloadResources];
