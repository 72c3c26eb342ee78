import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as exoscale from "../../sdk/exoscale";
import { PlatformCluster } from "../cluster/types";

/** The two ClusterIssuers every cluster gets; only the ACME directory differs. */
export const clusterIssuerNames = ["letsencrypt-staging", "letsencrypt-production"] as const;
export type ClusterIssuerName = (typeof clusterIssuerNames)[number];

/** `sync` deletes records whose Ingress is gone; `upsert-only` never deletes. */
export const externalDnsPolicies = ["sync", "upsert-only"] as const;
export type ExternalDnsPolicy = (typeof externalDnsPolicies)[number];

/** Zone id formats: Route 53 hosted zones (EKS) and Cloudflare zones (SKS). */
export const zoneIdFormats = {
    route53: /^Z[A-Z0-9]{1,32}$/,
    cloudflare: /^[0-9a-f]{32}$/,
} as const;

/** A DNS zone the controllers may write to. */
export interface DnsZone {
    /** Provider zone id: Route 53 (`Z...`) on EKS, Cloudflare (32 hex) on SKS. */
    readonly id: string;
    /** The zone's apex, e.g. `platform.example.com`. */
    readonly domain: string;
}

/** The AWS side of the EKS variant. */
export interface EksIngressArgs {
    /** AWS provider for the cluster's region; IAM roles, ACM certificates and validation records use it. */
    readonly provider: aws.Provider;
    /** VPC of the cluster; the load balancer controller creates target groups and security groups in it. */
    readonly vpcId: pulumi.Input<string>;
    /**
     * Ranges of the public subnets, where internet-facing ALBs have their network interfaces: the
     * only source of requests to backend pods (target type `ip`) that workload namespaces admit.
     */
    readonly loadBalancerSubnetCidrs: string[];
    /**
     * Ranges of the subnets handed to the EKS cluster, where its control plane's network interfaces
     * make admission webhook calls from. Pods share these subnets, so NetworkPolicy cannot tell
     * them apart by address.
     */
    readonly controlPlaneSubnetCidrs: string[];
    /** Route 53 zones ExternalDNS and cert-manager may change; each gets a wildcard ACM certificate for the ALB. */
    readonly hostedZones: readonly DnsZone[];
}

/** An Exoscale Network Load Balancer in front of the SKS nodes. */
export interface SksLoadBalancerArgs {
    /** Exoscale provider of the cluster's account. */
    readonly provider: exoscale.Provider;
    /** Exoscale zone of the cluster, e.g. `ch-gva-2`. */
    readonly zone: string;
    /** Instance pool of the SKS nodepool that runs ingress-nginx; the NLB targets it. */
    readonly instancePoolId: pulumi.Input<string>;
}

/** The Exoscale/Cloudflare side of the SKS variant. */
export interface SksIngressArgs {
    /** Cloudflare API token with Zone:DNS:Edit on `zones` only; a secret, it reaches the cluster only as a Secret. */
    readonly cloudflareApiToken: pulumi.Input<string>;
    /** Cloudflare zones ExternalDNS and cert-manager may change. */
    readonly zones: readonly DnsZone[];
    /** Where the load balancer points. */
    readonly loadBalancer: SksLoadBalancerArgs;
}

export interface IngressStackArgs {
    /** The cluster to equip; its `kind` picks the variant (EKS: ALB + Route 53 + IRSA; SKS: NLB + ingress-nginx + Cloudflare). */
    readonly cluster: PlatformCluster;
    /** Let's Encrypt account contact for both ClusterIssuers. */
    readonly acmeEmail: string;
    /** Required when `cluster.kind` is `eks`; forbidden otherwise. */
    readonly eks?: EksIngressArgs;
    /** Required when `cluster.kind` is `sks`; forbidden otherwise. */
    readonly sks?: SksIngressArgs;
    /** ExternalDNS `policy`. Default: `upsert-only` (never deletes a record). */
    readonly externalDnsPolicy?: ExternalDnsPolicy;
    /** ClusterIssuer reported as `defaultIssuer` for workloads. Default: `letsencrypt-production`. */
    readonly defaultIssuer?: ClusterIssuerName;
    /**
     * ExternalDNS TXT-registry owner: records owned by another id are never touched, so it must be
     * unique per cluster writing to a zone. Default: `<cluster name>-<kind>`.
     */
    readonly txtOwnerId?: pulumi.Input<string>;
}
