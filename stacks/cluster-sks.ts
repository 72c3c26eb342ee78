import * as pulumi from "@pulumi/pulumi";
import { SksCluster } from "../components/cluster/sks";
import { ingressNodePorts } from "../components/ingress";
import * as exoscale from "../sdk/exoscale";
import { Foundation } from "./foundation";
import { stackTags } from "./providers";

/** The stack's Exoscale SKS cluster, with Argo CD bootstrapping workloads from Git. */
export function sksCluster(foundation: Foundation) {
    const { config } = foundation;
    const provider = new exoscale.Provider("exoscale", { key: config.exoscaleApiKey, secret: config.exoscaleApiSecret });
    const production = config.environment === "production";
    const cluster = new SksCluster("sks", {
        // One cluster per stack: the stack name keeps a second stack in the same organization apart.
        clusterName: `${config.project}-${pulumi.getStack()}`,
        zone: config.sks.zone,
        kubernetesVersion: config.sks.kubernetesVersion,
        serviceLevel: production ? "pro" : "starter",
        autoUpgrade: config.sks.autoUpgrade,
        labels: stackTags(config),
        nodepool: config.sks.nodepool,
        kubeconfig: { ttlSeconds: config.sks.kubeconfigTtlDays * 24 * 60 * 60 },
        // The ingress controller's NLB targets; every other NodePort stays closed to the internet.
        publicNodePorts: Object.values(ingressNodePorts),
        argocd: config.sks.argocd,
        protect: production,
    }, { provider });
    return {
        /** The `PlatformCluster` that ingress and workloads deploy onto. */
        cluster,
        outputs: {
            sksClusterName: cluster.clusterName,
            sksZone: cluster.location,
            sksEndpoint: cluster.endpoint,
            sksKubeconfig: cluster.kubeconfig,
        },
    };
}
