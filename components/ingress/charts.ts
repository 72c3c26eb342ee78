/** A Helm chart from its project's own repository, pinned to one exact version. */
export interface PinnedChart {
    readonly chart: string;
    /** Exact chart version: a range would let `pulumi up` pick up a new controller unreviewed. */
    readonly version: string;
    readonly repo: string;
}

/**
 * Every chart the ingress stack installs. The AWS Load Balancer Controller's upstream IAM policy
 * (`aws-load-balancer-controller-iam-policy.json`) and its narrowed form (`albControllerPolicy`)
 * must be updated together with its chart.
 */
export const charts = {
    /** App v2.12.0. */
    awsLoadBalancerController: { chart: "aws-load-balancer-controller", version: "1.12.0", repo: "https://aws.github.io/eks-charts" },
    /** App v0.17.0. */
    externalDns: { chart: "external-dns", version: "1.17.0", repo: "https://kubernetes-sigs.github.io/external-dns/" },
    /** jetstack publishes chart versions with the `v` prefix. */
    certManager: { chart: "cert-manager", version: "v1.17.2", repo: "https://charts.jetstack.io" },
    /** Controller v1.12.3. */
    ingressNginx: { chart: "ingress-nginx", version: "4.12.3", repo: "https://kubernetes.github.io/ingress-nginx" },
} as const satisfies Record<string, PinnedChart>;
