import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { checkedArgs } from "../args";
import { PlatformNamespace } from "../namespace";
import { resolveArgs, ServiceWorkloadArgs } from "./args";
import { ingressAnnotations } from "./ingress";
import { podSpec } from "./pod";

export { ServiceWorkloadArgs } from "./args";
export { ingressAnnotations, WorkloadIngress } from "./ingress";
export { WorkloadResources } from "./pod";

/**
 * The seed's service template: a namespace with a non-root, read-only, probed and bounded
 * Deployment, its PodDisruptionBudget, a Service and an Ingress whose host gets a load balancer,
 * a DNS record and a certificate from the cluster's ingress stack.
 */
export class ServiceWorkload extends pulumi.ComponentResource {
    /** The service's namespace, resolved once it exists. */
    readonly namespace: pulumi.Output<string>;
    /** The public host name. */
    readonly host: string;
    /** `https://<host>`. */
    readonly url: string;
    /** The Ingress's name. */
    readonly ingressName: pulumi.Output<string>;

    constructor(name: string, args: ServiceWorkloadArgs, opts?: pulumi.ComponentResourceOptions) {
        const resolved = checkedArgs("ServiceWorkload", name, resolveArgs(args), opts);
        super("platform:workload:ServiceWorkload", name, {}, opts);
        const { port, replicas, probePath, resources, clusterIssuer } = resolved;

        const k8sOpts = { parent: this, provider: args.cluster.provider };
        const app = args.namespace;
        const labels = { "app.kubernetes.io/name": app, "app.kubernetes.io/managed-by": "pulumi" };
        // `restricted` Pod Security: the API server refuses any pod that drops the hardening below.
        const podSecurity = { "pod-security.kubernetes.io/enforce": "restricted", "pod-security.kubernetes.io/warn": "restricted" };
        // Default deny (Cilium enforces it on SKS, the VPC CNI's network policy agent on EKS), with
        // only the load balancer's requests let in, on the service's port.
        const namespace = new PlatformNamespace(`${name}-namespace`, {
            name: app,
            labels: podSecurity,
            ingressControllerNamespace: false,
            ingressAllows: [{
                name: "load-balancer",
                reason: "requests the cluster's load balancer forwards to the service",
                peers: args.ingress.backendPeers,
                ports: [{ protocol: "TCP", port }],
            }],
        }, k8sOpts).namespaceName;

        const serviceAccount = new k8s.core.v1.ServiceAccount(`${name}-sa`, {
            metadata: { name: app, namespace, labels },
            // The service never calls the Kubernetes API; no token in the pod means none to steal.
            automountServiceAccountToken: false,
        }, k8sOpts);

        new k8s.apps.v1.Deployment(`${name}-deployment`, {
            metadata: { name: app, namespace, labels },
            spec: {
                replicas,
                selector: { matchLabels: labels },
                template: {
                    metadata: { labels },
                    spec: podSpec({ app, image: args.image, port, probePath, resources, labels, serviceAccountName: serviceAccount.metadata.name }),
                },
            },
        }, k8sOpts);

        new k8s.policy.v1.PodDisruptionBudget(`${name}-pdb`, {
            metadata: { name: app, namespace, labels },
            spec: { maxUnavailable: 1, selector: { matchLabels: labels } },
        }, k8sOpts);

        const service = new k8s.core.v1.Service(`${name}-service`, {
            metadata: { name: app, namespace, labels },
            spec: { type: "ClusterIP", selector: labels, ports: [{ name: "http", port: 80, targetPort: "http", protocol: "TCP" }] },
        }, k8sOpts);

        const tlsSecretName = `${app}-tls`;
        const ingress = new k8s.networking.v1.Ingress(`${name}-ingress`, {
            metadata: {
                name: app,
                namespace,
                labels,
                annotations: ingressAnnotations(args.cluster.kind, { host: args.host, clusterIssuer, probePath }),
            },
            spec: {
                ingressClassName: args.ingress.ingressClassName,
                // EKS: the ALB picks the zone's wildcard ACM certificate by host; SKS: cert-manager fills the secret.
                tls: [args.cluster.kind === "eks" ? { hosts: [args.host] } : { hosts: [args.host], secretName: tlsSecretName }],
                rules: [{
                    host: args.host,
                    http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: service.metadata.name, port: { name: "http" } } } }] },
                }],
            },
        }, { ...k8sOpts, dependsOn: args.ingress.ready });

        this.namespace = namespace;
        this.host = args.host;
        this.url = `https://${args.host}`;
        this.ingressName = ingress.metadata.name;
        this.registerOutputs({ namespace: this.namespace, host: this.host, url: this.url, ingressName: this.ingressName });
    }
}
