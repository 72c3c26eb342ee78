import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

/** The cluster's OpenID Connect identity, which IAM roles for service accounts (IRSA) trust. */
export interface OidcIdentity {
    /** ARN of the IAM OIDC provider, e.g. `arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-central-1.amazonaws.com/id/ABC`. */
    readonly providerArn: pulumi.Output<string>;
    /** Issuer URL, e.g. `https://oidc.eks.eu-central-1.amazonaws.com/id/ABC`. */
    readonly issuerUrl: pulumi.Output<string>;
}

/**
 * What every cluster exposes, EKS or SKS alike; ingress, ringfences and workloads consume only
 * this shape, so they run on either.
 */
export interface PlatformCluster {
    /** `eks` (AWS, IRSA, ALB) or `sks` (Exoscale, Cilium, NLB). */
    readonly kind: "eks" | "sks";
    /** Cluster name as the cloud knows it. */
    readonly clusterName: pulumi.Output<string>;
    /** Kubeconfig for the platform's own deployments; always a secret. */
    readonly kubeconfig: pulumi.Output<string>;
    /** Explicit Kubernetes provider bound to this cluster. */
    readonly provider: k8s.Provider;
    /** AWS region (EKS) or Exoscale zone (SKS) the cluster runs in. */
    readonly location: string;
    /** OIDC identity for IRSA; EKS only. */
    readonly oidc?: OidcIdentity;
}
