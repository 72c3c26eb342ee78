import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as exoscale from "../../sdk/exoscale";
import { SksPlatformCluster } from "../cluster/types";
import { NetworkAllow, namespacePeer, PlatformNamespace } from "../namespace";
import { ExternalDnsPolicy, SksIngressArgs } from "./args";
import { charts, PinnedChart } from "./charts";
import { anyAddress, authoritativeDnsOut, httpsOut } from "./network-allows";

export const sksNamespaces = { ingressNginx: "ingress-nginx", externalDns: "external-dns", certManager: "cert-manager" } as const;

/**
 * Fixed NodePorts: the NLB services forward to them and the node security group opens only them
 * (the stack passes them to `SksCluster` as `publicNodePorts`), so the API server may not pick them.
 */
export const ingressNodePorts = { http: 30080, https: 30443 } as const;

/** Where the Cloudflare token lives in each namespace that reads it. */
export const cloudflareTokenSecret = { name: "cloudflare-api-token", key: "api-token" } as const;

/**
 * Calls from the SKS control plane, which Exoscale runs outside the pod network; they arrive
 * either from its address or through the Konnectivity agents in kube-system.
 */
const webhookIn = (port: number, podLabels: Record<string, string>): NetworkAllow => ({
    name: "webhook",
    reason: "admission webhook calls from the Kubernetes API server",
    podLabels,
    peers: [...anyAddress, namespacePeer("kube-system")],
    ports: [{ protocol: "TCP", port }],
});

export interface SksIngressInputs {
    readonly cluster: SksPlatformCluster;
    readonly sks: SksIngressArgs;
    readonly externalDnsPolicy: ExternalDnsPolicy;
    readonly txtOwnerId: pulumi.Input<string>;
}

export interface SksIngress {
    readonly certManager: k8s.helm.v3.Release;
    readonly ingressNginx: k8s.helm.v3.Release;
    /** Public address of the NLB; ingress-nginx publishes it in every Ingress's status for ExternalDNS. */
    readonly loadBalancerAddress: pulumi.Output<string>;
    /** Name of the Secret holding the Cloudflare token in cert-manager's namespace (for the issuers). */
    readonly cloudflareSecretName: pulumi.Output<string>;
}

interface ReleaseArgs {
    /** The release's namespace; the release waits for its policies. */
    readonly namespace: PlatformNamespace;
    readonly chart: PinnedChart;
    readonly values: pulumi.Input<Record<string, unknown>>;
}

function release(name: string, args: ReleaseArgs, opts: pulumi.CustomResourceOptions): k8s.helm.v3.Release {
    const { namespace, chart, values } = args;
    return new k8s.helm.v3.Release(name, {
        name: chart.chart,
        chart: chart.chart,
        version: chart.version,
        repositoryOpts: { repo: chart.repo },
        namespace: namespace.namespaceName,
        values,
        atomic: true,
    }, { ...opts, dependsOn: [namespace] });
}

/**
 * ingress-nginx on fixed NodePorts behind an Exoscale NLB this stack owns (so its address is a
 * stack output and nothing is left behind when the cluster goes), ExternalDNS and cert-manager
 * on Cloudflare. Every namespace starts from a default deny and opens only what its controller needs.
 */
export function sksIngress(name: string, inputs: SksIngressInputs, opts: { readonly parent: pulumi.Resource }): SksIngress {
    const { cluster, sks } = inputs;
    const { parent } = opts;
    const k8sOpts = { parent, provider: cluster.provider };
    const exoscaleOpts = { parent, provider: sks.loadBalancer.provider };
    const token = pulumi.secret(sks.cloudflareApiToken);

    const nlb = new exoscale.Nlb(`${name}-nlb`, {
        zone: sks.loadBalancer.zone,
        description: "Public entry of the SKS cluster's ingress-nginx",
        labels: { "managed-by": "pulumi" },
    }, exoscaleOpts);
    for (const [listener, port] of [["http", 80], ["https", 443]] as const) {
        const nodePort = ingressNodePorts[listener];
        new exoscale.NlbService(`${name}-nlb-${listener}`, {
            zone: sks.loadBalancer.zone,
            nlbId: nlb.id,
            instancePoolId: sks.loadBalancer.instancePoolId,
            name: listener,
            protocol: "tcp",
            strategy: "round-robin",
            port,
            targetPort: nodePort,
            // A node without a controller pod refuses the NodePort (externalTrafficPolicy Local) and drops out.
            healthchecks: [{ mode: "tcp", port: nodePort, interval: 10, timeout: 5, retries: 1 }],
        }, exoscaleOpts);
    }

    const ingressNamespace = new PlatformNamespace(`${name}-ingress-nginx`, {
        name: sksNamespaces.ingressNginx,
        ingressControllerNamespace: false,
        ingressAllows: [
            {
                name: "clients",
                reason: "clients through the Exoscale NLB, which keeps their own source addresses",
                podLabels: { "app.kubernetes.io/component": "controller" },
                peers: anyAddress,
                ports: [{ protocol: "TCP", port: 80 }, { protocol: "TCP", port: 443 }],
            },
            webhookIn(8443, { "app.kubernetes.io/component": "controller" }),
        ],
        egressAllows: [httpsOut("the controller watches Ingresses and Services on the Kubernetes API")],
    }, k8sOpts);
    // Backends listen on whatever port their Service targets, so this one allow has no port list.
    new k8s.networking.v1.NetworkPolicy(`${name}-ingress-nginx-to-workloads`, {
        metadata: {
            name: "allow-egress-workloads",
            namespace: ingressNamespace.namespaceName,
            annotations: { "platform/reason": "the controller forwards requests to workload pods in any namespace" },
        },
        spec: {
            podSelector: { matchLabels: { "app.kubernetes.io/component": "controller" } },
            policyTypes: ["Egress"],
            egress: [{ to: [{ namespaceSelector: {}, podSelector: {} }] }],
        },
    }, k8sOpts);

    const externalDnsNamespace = new PlatformNamespace(`${name}-external-dns`, {
        name: sksNamespaces.externalDns,
        ingressControllerNamespace: false,
        egressAllows: [httpsOut("Cloudflare's API and the Kubernetes API")],
    }, k8sOpts);
    const certManagerNamespace = new PlatformNamespace(`${name}-cert-manager`, {
        name: sksNamespaces.certManager,
        ingressControllerNamespace: false,
        ingressAllows: [webhookIn(10250, { "app.kubernetes.io/component": "webhook" })],
        egressAllows: [httpsOut("Let's Encrypt, Cloudflare's API and the Kubernetes API"), authoritativeDnsOut],
    }, k8sOpts);

    const tokenSecret = (namespace: PlatformNamespace, role: string) => new k8s.core.v1.Secret(`${name}-${role}-cloudflare-token`, {
        metadata: { name: cloudflareTokenSecret.name, namespace: namespace.namespaceName },
        type: "Opaque",
        stringData: { [cloudflareTokenSecret.key]: token },
    }, k8sOpts);
    const externalDnsToken = tokenSecret(externalDnsNamespace, "external-dns");
    const certManagerToken = tokenSecret(certManagerNamespace, "cert-manager");

    const ingressNginx = release(`${name}-ingress-nginx`, { namespace: ingressNamespace, chart: charts.ingressNginx, values: {
        controller: {
            kind: "DaemonSet",
            ingressClass: "nginx",
            ingressClassResource: { name: "nginx", enabled: true, default: false },
            service: { type: "NodePort", externalTrafficPolicy: "Local", nodePorts: ingressNodePorts },
            // The NLB, not the Service, is the public address Ingresses should report.
            publishService: { enabled: false },
            extraArgs: { "publish-status-address": nlb.ipAddress },
        },
    } }, k8sOpts);

    const zoneIds = sks.zones.map((zone) => zone.id);
    release(`${name}-external-dns`, { namespace: externalDnsNamespace, chart: charts.externalDns, values: {
        provider: { name: "cloudflare" },
        env: [{ name: "CF_API_TOKEN", valueFrom: { secretKeyRef: { name: externalDnsToken.metadata.name, key: cloudflareTokenSecret.key } } }],
        sources: ["ingress", "service"],
        domainFilters: sks.zones.map((zone) => zone.domain),
        extraArgs: zoneIds.map((id) => `--zone-id-filter=${id}`),
        policy: inputs.externalDnsPolicy,
        registry: "txt",
        txtOwnerId: inputs.txtOwnerId,
    } }, k8sOpts);

    const certManager = release(`${name}-cert-manager`, { namespace: certManagerNamespace, chart: charts.certManager, values: {
        crds: { enabled: true, keep: true },
    } }, k8sOpts);

    return { certManager, ingressNginx, loadBalancerAddress: nlb.ipAddress, cloudflareSecretName: certManagerToken.metadata.name };
}
