import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { checkedArgs } from "../args";
import { namespacePeer } from "../namespace";
import { ClusterIssuerName, DnsZone, IngressStackArgs, resolveArgs } from "./args";
import { EksControllerRoleArns, eksIngress } from "./eks";
import { clusterIssuers, cloudflareSolver, route53Solver } from "./issuers";
import { cloudflareTokenSecret, sksIngress, sksNamespaces } from "./sks";

export * from "./args";
export { charts } from "./charts";
export { ingressNodePorts } from "./sks";

/**
 * Subnet tags the AWS Load Balancer Controller discovers subnets by: internet-facing ALBs go to
 * `elb` subnets, internal ones to `internal-elb`. (The `kubernetes.io/cluster/<name>` tag is
 * optional since controller v2.1.1 and only needed to keep clusters sharing a VPC apart.)
 */
export const loadBalancerSubnetTags = {
    public: { "kubernetes.io/role/elb": "1" },
    private: { "kubernetes.io/role/internal-elb": "1" },
} as const;

/**
 * Everything an Ingress with a host needs to get a load balancer, a DNS record and a certificate
 * with no human step. On EKS: the AWS Load Balancer Controller (ALB), ExternalDNS on Route 53 and
 * cert-manager, each with its own IRSA role, plus a wildcard ACM certificate per zone for the ALB.
 * On SKS: ingress-nginx behind an Exoscale NLB, ExternalDNS and cert-manager on Cloudflare. Both
 * get the `letsencrypt-staging` and `letsencrypt-production` ClusterIssuers.
 */
export class IngressStack extends pulumi.ComponentResource {
    /** IngressClass workloads name: `alb` on EKS, `nginx` on SKS. */
    readonly ingressClassName: "alb" | "nginx";
    /** ClusterIssuer workloads should use (`cert-manager.io/cluster-issuer`). */
    readonly defaultIssuer: ClusterIssuerName;
    /** Names of the ClusterIssuers, available once cert-manager runs. */
    readonly clusterIssuerNames: pulumi.Output<string[]>;
    /** Zones the controllers may write to; a workload's host must be under one of them. */
    readonly zones: readonly DnsZone[];
    /** EKS: IAM role per controller. */
    readonly roleArns?: EksControllerRoleArns;
    /** EKS: validated wildcard ACM certificate per zone, which the ALB serves. */
    readonly certificateArns?: pulumi.Output<string>[];
    /** SKS: public address of the NLB. */
    readonly loadBalancerAddress?: pulumi.Output<string>;
    /** Resources an Ingress must wait for: the controller that serves it and the issuers. */
    readonly ready: pulumi.Resource[];
    /**
     * Where requests to backend pods come from. EKS: the public subnets (the ALB sends to pod IPs
     * from its network interfaces there). SKS: the ingress-nginx controller pods.
     */
    readonly backendPeers: k8s.types.input.networking.v1.NetworkPolicyPeer[];

    constructor(name: string, args: IngressStackArgs, opts?: pulumi.ComponentResourceOptions) {
        const resolved = checkedArgs("IngressStack", name, resolveArgs(args), opts);
        super("platform:ingress:IngressStack", name, {}, opts);
        const { externalDnsPolicy, txtOwnerId } = resolved;
        this.defaultIssuer = resolved.defaultIssuer;

        const issuerOpts = { parent: this, provider: resolved.cluster.provider };
        let issuers: k8s.apiextensions.CustomResource[];
        if (resolved.kind === "eks") {
            const eks = eksIngress(name, { cluster: resolved.cluster, aws: resolved.eks, externalDnsPolicy, txtOwnerId }, { parent: this });
            this.ingressClassName = "alb";
            this.zones = resolved.eks.hostedZones;
            this.roleArns = eks.roleArns;
            this.certificateArns = eks.certificateArns;
            issuers = clusterIssuers(name, { acmeEmail: resolved.acmeEmail, zones: this.zones, solver: route53Solver(resolved.cluster.location), certManager: eks.certManager }, issuerOpts);
            this.ready = [eks.awsLoadBalancerController, ...issuers];
            this.backendPeers = resolved.eks.loadBalancerSubnetCidrs.map((cidr) => ({ ipBlock: { cidr } }));
        } else {
            const sks = sksIngress(name, { cluster: resolved.cluster, sks: resolved.sks, externalDnsPolicy, txtOwnerId }, { parent: this });
            this.ingressClassName = "nginx";
            this.zones = resolved.sks.zones;
            this.loadBalancerAddress = sks.loadBalancerAddress;
            const solver = cloudflareSolver(sks.cloudflareSecretName, cloudflareTokenSecret.key);
            issuers = clusterIssuers(name, { acmeEmail: resolved.acmeEmail, zones: this.zones, solver, certManager: sks.certManager }, issuerOpts);
            this.ready = [sks.ingressNginx, ...issuers];
            this.backendPeers = [namespacePeer(sksNamespaces.ingressNginx, { "app.kubernetes.io/component": "controller" })];
        }
        this.clusterIssuerNames = pulumi.all(issuers.map((issuer) => issuer.metadata.name));

        this.registerOutputs({
            ingressClassName: this.ingressClassName,
            defaultIssuer: this.defaultIssuer,
            clusterIssuerNames: this.clusterIssuerNames,
            zones: this.zones,
            roleArns: this.roleArns,
            certificateArns: this.certificateArns,
            loadBalancerAddress: this.loadBalancerAddress,
            ready: this.ready,
            backendPeers: this.backendPeers,
        });
    }
}
