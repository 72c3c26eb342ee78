import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

/** CPU and memory for one container; limits bound a runaway, requests reserve what it needs. */
export interface WorkloadResources {
    readonly requests: { readonly cpu: string; readonly memory: string };
    readonly limits: { readonly cpu: string; readonly memory: string };
}

export interface PodSpecArgs {
    readonly app: string;
    readonly image: string;
    readonly port: number;
    readonly probePath: string;
    readonly resources: WorkloadResources;
    readonly labels: Record<string, string>;
    readonly serviceAccountName: pulumi.Input<string>;
}

/** Non-root, read-only, no privilege escalation, no capabilities, RuntimeDefault seccomp: Pod Security `restricted`. */
export function podSpec(args: PodSpecArgs): k8s.types.input.core.v1.PodSpec {
    const probe = { httpGet: { path: args.probePath, port: "http" } };
    return {
        serviceAccountName: args.serviceAccountName,
        automountServiceAccountToken: false,
        securityContext: {
            runAsNonRoot: true,
            runAsUser: 65532,
            runAsGroup: 65532,
            seccompProfile: { type: "RuntimeDefault" },
        },
        // Replicas on different nodes and zones, so one failure never takes all of them.
        topologySpreadConstraints: ["kubernetes.io/hostname", "topology.kubernetes.io/zone"].map((topologyKey) => ({
            maxSkew: 1,
            topologyKey,
            whenUnsatisfiable: "ScheduleAnyway",
            labelSelector: { matchLabels: args.labels },
        })),
        containers: [{
            name: args.app,
            image: args.image,
            ports: [{ name: "http", containerPort: args.port, protocol: "TCP" }],
            env: [{ name: "PORT", value: String(args.port) }],
            // Out of the Service until it answers; restarted when it stops answering.
            readinessProbe: { ...probe, periodSeconds: 5, timeoutSeconds: 2, failureThreshold: 3 },
            livenessProbe: { ...probe, initialDelaySeconds: 10, periodSeconds: 10, timeoutSeconds: 2, failureThreshold: 3 },
            resources: args.resources,
            securityContext: {
                allowPrivilegeEscalation: false,
                readOnlyRootFilesystem: true,
                runAsNonRoot: true,
                capabilities: { drop: ["ALL"] },
            },
        }],
    };
}
