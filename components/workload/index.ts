import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { PlatformCluster } from "../cluster/types";
import { PlatformNamespace } from "../namespace";
import { isDnsLabel } from "../rules/dns";
import { ingressAnnotations, WorkloadIngress } from "./ingress";
import { podSpec, WorkloadResources } from "./pod";

export { ingressAnnotations, WorkloadIngress } from "./ingress";
export { WorkloadResources } from "./pod";

export interface ServiceWorkloadArgs {
    /** The cluster to run on; its `kind` picks the Ingress flavour (ALB on EKS, nginx on SKS). */
    readonly cluster: PlatformCluster;
    /** The cluster's ingress stack (an `IngressStack`): IngressClass, issuer, zones, readiness. */
    readonly ingress: WorkloadIngress;
    /** Namespace to create for the service (also its name, labels and resource names). */
    readonly namespace: string;
    /** Public host name; under one of the ingress stack's zones (on EKS directly under it). */
    readonly host: string;
    /** Container image, pinned by tag or digest. ECR images need nothing more: EKS nodes may pull from ECR. */
    readonly image: string;
    /** Port the container serves HTTP on; passed as `PORT`. Default: 8080. */
    readonly port?: number;
    /** Path answering 200 when the service is ready and alive. Default: `/`. */
    readonly probePath?: string;
    /** Replicas, at least 2 so the disruption budget can keep one up. Default: 2. */
    readonly replicas?: number;
    /** CPU and memory requests and limits. Default: 50m/64Mi requested, 250m/128Mi limit. */
    readonly resources?: WorkloadResources;
    /** ClusterIssuer of the TLS secret (SKS). Default: the ingress stack's `defaultIssuer`. */
    readonly clusterIssuer?: string;
}

/**
 * The seed's service template: a namespace with a non-root, read-only, probed and bounded
 * Deployment, its PodDisruptionBudget, a Service and an Ingress whose host gets a load balancer,
 * a DNS record and a certificate from the cluster's ingress stack.
 */
export class ServiceWorkload extends pulumi.ComponentResource {
    readonly namespace: pulumi.Output<string>;
    readonly host: string;
    readonly url: string;
    readonly ingressName: pulumi.Output<string>;

    constructor(name: string, args: ServiceWorkloadArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:workload:ServiceWorkload", name, {}, opts);
        const port = args.port ?? 8080;
        const replicas = args.replicas ?? 2;
        const probePath = args.probePath ?? "/";
        const resources = args.resources ?? { requests: { cpu: "50m", memory: "64Mi" }, limits: { cpu: "250m", memory: "128Mi" } };
        const clusterIssuer = args.clusterIssuer ?? args.ingress.defaultIssuer;
        this.validate(args, replicas, port);

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

    private validate(args: ServiceWorkloadArgs, replicas: number, port: number): void {
        const fail = (message: string) => {
            throw new pulumi.ResourceError(`ServiceWorkload: ${message}`, this);
        };
        if (!isDnsLabel(args.namespace)) {
            fail(`namespace "${args.namespace}" is not a DNS label`);
        }
        if (!Number.isInteger(replicas) || replicas < 2) {
            fail(`replicas ${replicas}: at least 2, or the disruption budget would block every node drain`);
        }
        if (!Number.isInteger(port) || port < 1024 || port > 65535) {
            fail(`port ${port}: 1024-65535 (the container runs without privileges)`);
        }
        const zone = args.ingress.zones.find((candidate) => args.host.endsWith(`.${candidate.domain}`));
        if (!zone) {
            fail(`host "${args.host}" is under none of the ingress stack's zones (${args.ingress.zones.map((z) => z.domain).join(", ")}): ExternalDNS would ignore it`);
        } else if (args.cluster.kind === "eks" && args.host.slice(0, -zone.domain.length - 1).includes(".")) {
            fail(`host "${args.host}" must be directly under ${zone.domain}: the zone's wildcard certificate covers one label`);
        }
    }
}
