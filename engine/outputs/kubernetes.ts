import { OutputContext, OutputFactory } from "./context";

/** Cluster-scoped kinds; every other kind defaults to the `default` namespace like kubectl. */
const clusterScoped = new Set(["Namespace", "ClusterRole", "ClusterRoleBinding", "StorageClass", "CustomResourceDefinition", "PriorityClass", "ClusterIssuer", "IngressClass"]);

/** Kubernetes objects: auto-named metadata, a uid, and `<namespace>/<name>` ids like the provider. */
export function kubernetesOutputs(ctx: OutputContext) {
    const kind = ctx.type.split(":")[2];
    const metadata = { ...(ctx.inputs.metadata ?? {}) } as Record<string, unknown>;
    metadata.name ??= ctx.autoName();
    if (!clusterScoped.has(kind)) {
        metadata.namespace ??= "default";
    }
    metadata.uid = ctx.ids.uuid("uid");
    const id = metadata.namespace ? `${metadata.namespace}/${metadata.name}` : String(metadata.name);
    return { id, outputs: { metadata } };
}

/** Helm v3 releases report their resolved name, namespace and a deployed status. */
const helmRelease: OutputFactory = (ctx) => {
    const name = (ctx.inputs.name as string | undefined) ?? ctx.autoName();
    const namespace = (ctx.inputs.namespace as string | undefined) ?? "default";
    return {
        id: `${namespace}/${name}`,
        outputs: {
            name,
            namespace,
            status: {
                name,
                namespace,
                chart: ctx.inputs.chart,
                version: ctx.inputs.version,
                revision: 1,
                status: "deployed",
                appVersion: ctx.inputs.version,
            },
        },
    };
};

export const kubernetesFactories: Record<string, OutputFactory> = {
    "kubernetes:helm.sh/v3:Release": helmRelease,
};
