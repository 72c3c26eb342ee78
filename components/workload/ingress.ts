import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

/** What a workload needs from its cluster's ingress stack (an `IngressStack` provides all of it). */
export interface WorkloadIngress {
    readonly ingressClassName: string;
    readonly defaultIssuer: string;
    readonly zones: readonly { readonly domain: string }[];
    /** The controller and ClusterIssuers; the Ingress waits for them (their webhooks validate it). */
    readonly ready: pulumi.Resource[];
    /** Where requests to backend pods come from; a workload's namespace admits only them, on its port. */
    readonly backendPeers: k8s.types.input.networking.v1.NetworkPolicyPeer[];
}

export interface IngressAnnotationArgs {
    readonly host: string;
    readonly clusterIssuer: string;
    readonly probePath: string;
}

/**
 * EKS: an internet-facing ALB sending straight to pod IPs, HTTPS only (HTTP redirects), TLS 1.2+
 * with the zone's ACM certificate. SKS: ingress-nginx with a certificate from cert-manager.
 * Both: ExternalDNS publishes the host.
 */
export function ingressAnnotations(kind: "eks" | "sks", args: IngressAnnotationArgs): Record<string, string> {
    const dns = { "external-dns.alpha.kubernetes.io/hostname": args.host };
    if (kind === "eks") {
        return {
            ...dns,
            "alb.ingress.kubernetes.io/scheme": "internet-facing",
            "alb.ingress.kubernetes.io/target-type": "ip",
            "alb.ingress.kubernetes.io/listen-ports": JSON.stringify([{ HTTP: 80 }, { HTTPS: 443 }]),
            "alb.ingress.kubernetes.io/ssl-redirect": "443",
            "alb.ingress.kubernetes.io/ssl-policy": "ELBSecurityPolicy-TLS13-1-2-2021-06",
            "alb.ingress.kubernetes.io/healthcheck-path": args.probePath,
        };
    }
    return {
        ...dns,
        "cert-manager.io/cluster-issuer": args.clusterIssuer,
        "nginx.ingress.kubernetes.io/ssl-redirect": "true",
    };
}
