import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { namespacePeer } from "../namespace";
import { isIpv4Network } from "../rules/cidr";
import { isEmailAddress } from "../rules/email";
import { ClusterIssuerName, DnsZone, IngressStackArgs, zoneIdFormats } from "./args";
import { eksIngress } from "./eks";
import { clusterIssuers, cloudflareSolver, route53Solver } from "./issuers";
import { cloudflareTokenSecret, sksIngress, sksNamespaces } from "./sks";

export * from "./args";
export { charts } from "./charts";

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
    readonly roleArns?: { awsLoadBalancerController: pulumi.Output<string>; externalDns: pulumi.Output<string>; certManager: pulumi.Output<string> };
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
        super("platform:ingress:IngressStack", name, {}, opts);
        const externalDnsPolicy = args.externalDnsPolicy ?? "upsert-only";
        const txtOwnerId = args.txtOwnerId ?? pulumi.interpolate`${args.cluster.clusterName}-${args.cluster.kind}`;
        this.defaultIssuer = args.defaultIssuer ?? "letsencrypt-production";
        this.validate(args);

        const issuerArgs = { acmeEmail: args.acmeEmail, provider: args.cluster.provider, parent: this };
        let issuers: k8s.apiextensions.CustomResource[];
        if (args.cluster.kind === "eks") {
            const eks = eksIngress(name, this, { cluster: args.cluster, oidc: args.cluster.oidc!, aws: args.eks!, externalDnsPolicy, txtOwnerId });
            this.ingressClassName = "alb";
            this.zones = args.eks!.hostedZones;
            this.roleArns = eks.roleArns;
            this.certificateArns = eks.certificateArns;
            issuers = clusterIssuers(name, { ...issuerArgs, zones: this.zones, solver: route53Solver(args.cluster.location), certManager: eks.certManager });
            this.ready = [eks.awsLoadBalancerController, ...issuers];
            this.backendPeers = args.eks!.loadBalancerSubnetCidrs.map((cidr) => ({ ipBlock: { cidr } }));
        } else {
            const sks = sksIngress(name, this, { cluster: args.cluster, sks: args.sks!, externalDnsPolicy, txtOwnerId });
            this.ingressClassName = "nginx";
            this.zones = args.sks!.zones;
            this.loadBalancerAddress = sks.loadBalancerAddress;
            issuers = clusterIssuers(name, { ...issuerArgs, zones: this.zones, solver: cloudflareSolver(sks.cloudflareSecretName, cloudflareTokenSecret.key), certManager: sks.certManager });
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
            backendPeers: this.backendPeers,
        });
    }

    /** Every rule here would otherwise surface as a controller failing at runtime, long after `up`. */
    private validate(args: IngressStackArgs): void {
        const fail = (message: string) => {
            throw new pulumi.ResourceError(`IngressStack: ${message}`, this);
        };
        const kind = args.cluster.kind;
        if (kind === "eks" && (!args.eks || args.sks)) {
            fail("an EKS cluster takes `eks` (AWS provider, VPC, Route 53 zones) and no `sks`");
        }
        if (kind === "sks" && (!args.sks || args.eks)) {
            fail("an SKS cluster takes `sks` (Cloudflare token and zones, NLB target) and no `eks`");
        }
        if (kind === "eks" && !args.cluster.oidc) {
            fail("the EKS cluster exposes no OIDC identity; IRSA needs it");
        }
        if (kind === "eks") {
            for (const [key, cidrs] of [["loadBalancerSubnetCidrs", args.eks!.loadBalancerSubnetCidrs], ["controlPlaneSubnetCidrs", args.eks!.controlPlaneSubnetCidrs]] as const) {
                const malformed = cidrs.find((cidr) => !isIpv4Network(cidr));
                if (cidrs.length === 0 || malformed !== undefined) {
                    fail(`eks.${key} needs at least one IPv4 network address in CIDR notation${malformed === undefined ? "" : `; found "${malformed}"`}`);
                }
            }
        }
        if (!isEmailAddress(args.acmeEmail)) {
            fail(`acmeEmail "${args.acmeEmail}" is not an email address`);
        }
        const zones = kind === "eks" ? args.eks!.hostedZones : args.sks!.zones;
        const idFormat = kind === "eks" ? zoneIdFormats.route53 : zoneIdFormats.cloudflare;
        if (zones.length === 0) {
            fail("at least one zone is needed: without one ExternalDNS and cert-manager can write nowhere");
        }
        for (const zone of zones) {
            if (!idFormat.test(zone.id)) {
                fail(`zone id "${zone.id}" (${zone.domain}) is not a ${kind === "eks" ? "Route 53 hosted zone id (Z...)" : "Cloudflare zone id (32 hex)"}`);
            }
        }
    }
}
