import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

/** The cluster's OpenID Connect identity, which IAM roles for service accounts (IRSA) trust. */
export interface OidcIdentity {
    /** ARN of the IAM OIDC provider, e.g. `arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-central-1.amazonaws.com/id/ABC`. */
    readonly providerArn: pulumi.Output<string>;
    /** Issuer URL, e.g. `https://oidc.eks.eu-central-1.amazonaws.com/id/ABC`. */
    readonly issuerUrl: pulumi.Output<string>;
}

/** What every cluster exposes, EKS or SKS alike. */
interface ClusterBase {
    /** Cluster name as the cloud knows it. */
    readonly clusterName: pulumi.Output<string>;
    /** Kubeconfig for the platform's own deployments; always a secret. */
    readonly kubeconfig: pulumi.Output<string>;
    /** Explicit Kubernetes provider bound to this cluster. */
    readonly provider: k8s.Provider;
    /** AWS region (EKS) or Exoscale zone (SKS) the cluster runs in. */
    readonly location: string;
}

/** An EKS cluster: AWS, IRSA through its OIDC identity, ALB ingress. */
export interface EksPlatformCluster extends ClusterBase {
    readonly kind: "eks";
    /** OIDC identity IRSA roles trust. */
    readonly oidc: OidcIdentity;
}

/** An Exoscale SKS cluster: Cilium, NLB ingress, no IRSA. */
export interface SksPlatformCluster extends ClusterBase {
    readonly kind: "sks";
}

/**
 * Either cluster; `kind` tells them apart. Ingress, ringfences and workloads consume only this
 * shape, and a component that needs one kind (a ringfence needs IRSA) asks for that member.
 */
export type PlatformCluster = EksPlatformCluster | SksPlatformCluster;
