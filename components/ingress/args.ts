import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as exoscale from "../../sdk/exoscale";
import { ArgsCheck, found } from "../args";
import { EksPlatformCluster, PlatformCluster, SksPlatformCluster } from "../cluster/types";
import { isIpv4Network } from "../rules/cidr";
import { isEmailAddress } from "../rules/email";

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
    /** Provider zone id: Route 53 (`Z...`) on EKS, Cloudflare (32 hex) on SKS. Required. */
    readonly id: string;
    /** The zone's apex, e.g. `platform.example.com`. Required. */
    readonly domain: string;
}

/** The AWS side of the EKS variant. */
export interface EksIngressArgs {
    /** AWS provider for the cluster's region; IAM roles, ACM certificates and validation records use it. Required. */
    readonly provider: aws.Provider;
    /** VPC of the cluster; the load balancer controller creates target groups and security groups in it. Required. */
    readonly vpcId: pulumi.Input<string>;
    /**
     * Ranges of the public subnets, where internet-facing ALBs have their network interfaces: the
     * only source of requests to backend pods (target type `ip`) that workload namespaces admit. Required.
     */
    readonly loadBalancerSubnetCidrs: string[];
    /**
     * Ranges of the subnets handed to the EKS cluster, where its control plane's network interfaces
     * make admission webhook calls from. Pods share these subnets, so NetworkPolicy cannot tell
     * them apart by address. Required.
     */
    readonly controlPlaneSubnetCidrs: string[];
    /** Route 53 zones ExternalDNS and cert-manager may change; each gets a wildcard ACM certificate for the ALB. Required. */
    readonly hostedZones: readonly DnsZone[];
}

/** An Exoscale Network Load Balancer in front of the SKS nodes. */
export interface SksLoadBalancerArgs {
    /** Exoscale provider of the cluster's account. Required. */
    readonly provider: exoscale.Provider;
    /** Exoscale zone of the cluster, e.g. `ch-gva-2`. Required. */
    readonly zone: string;
    /** Instance pool of the SKS nodepool that runs ingress-nginx; the NLB targets it. Required. */
    readonly instancePoolId: pulumi.Input<string>;
}

/** The Exoscale/Cloudflare side of the SKS variant. */
export interface SksIngressArgs {
    /** Cloudflare API token with Zone:DNS:Edit on `zones` only; a secret, it reaches the cluster only as a Secret. Required. */
    readonly cloudflareApiToken: pulumi.Input<string>;
    /** Cloudflare zones ExternalDNS and cert-manager may change. Required. */
    readonly zones: readonly DnsZone[];
    /** Where the load balancer points. Required. */
    readonly loadBalancer: SksLoadBalancerArgs;
}

/** What both variants take. */
interface IngressStackCommonArgs {
    /** Let's Encrypt account contact for both ClusterIssuers. Required. */
    readonly acmeEmail: string;
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

/** On EKS: ALB + Route 53 + IRSA. */
export interface EksIngressStackArgs extends IngressStackCommonArgs {
    /** The EKS cluster to equip. Required. */
    readonly cluster: EksPlatformCluster;
    /** The AWS side. Required. */
    readonly eks: EksIngressArgs;
    /** Not on EKS. */
    readonly sks?: never;
}

/** On SKS: NLB + ingress-nginx + Cloudflare. */
export interface SksIngressStackArgs extends IngressStackCommonArgs {
    /** The SKS cluster to equip. Required. */
    readonly cluster: SksPlatformCluster;
    /** The Exoscale and Cloudflare side. Required. */
    readonly sks: SksIngressArgs;
    /** Not on SKS. */
    readonly eks?: never;
}

/** The cluster's kind picks the variant, so the other variant's args do not compile. */
export type IngressStackArgs = EksIngressStackArgs | SksIngressStackArgs;

interface ResolvedCommon {
    readonly acmeEmail: string;
    readonly externalDnsPolicy: ExternalDnsPolicy;
    readonly defaultIssuer: ClusterIssuerName;
    readonly txtOwnerId: pulumi.Input<string>;
}

/** Args with every default applied, tagged with the cluster's kind. */
export type ResolvedIngressStackArgs =
    | (ResolvedCommon & { readonly kind: "eks"; readonly cluster: EksPlatformCluster; readonly eks: EksIngressArgs })
    | (ResolvedCommon & { readonly kind: "sks"; readonly cluster: SksPlatformCluster; readonly sks: SksIngressArgs });

/** Applies the defaults and lists every invalid argument, one line each. Each would otherwise surface as a controller failing at runtime, long after `up`. */
export function resolveArgs(args: IngressStackArgs): ArgsCheck<ResolvedIngressStackArgs> {
    const common: ResolvedCommon = {
        acmeEmail: args.acmeEmail,
        externalDnsPolicy: args.externalDnsPolicy ?? "upsert-only",
        defaultIssuer: args.defaultIssuer ?? "letsencrypt-production",
        txtOwnerId: args.txtOwnerId ?? pulumi.interpolate`${args.cluster.clusterName}-${args.cluster.kind}`,
    };
    const problems: string[] = [];
    const problem = (key: string, value: unknown, expected: string) => problems.push(`${key}: ${found(value)}; expected ${expected}`);
    // The types rule these out; a caller without type checks may still pass them.
    const cluster: PlatformCluster = args.cluster;
    const given = args as { eks?: EksIngressArgs; sks?: SksIngressArgs };
    const other = cluster.kind === "eks" ? "sks" : "eks";
    if (given[cluster.kind] === undefined) {
        problem(cluster.kind, undefined, `the ${cluster.kind === "eks" ? "AWS side (provider, VPC, Route 53 zones)" : "Exoscale and Cloudflare side (token, zones, NLB target)"} of an ${cluster.kind.toUpperCase()} cluster`);
    }
    if (given[other] !== undefined) {
        problems.push(`${other}: found settings for ${other.toUpperCase()}; expected none on an ${cluster.kind.toUpperCase()} cluster`);
    }
    if (cluster.kind === "eks" && !cluster.oidc) {
        problem("cluster.oidc", undefined, "the EKS cluster's OIDC identity, which IRSA needs");
    }
    if (!isEmailAddress(common.acmeEmail)) {
        problem("acmeEmail", common.acmeEmail, "an email address");
    }
    if (!(externalDnsPolicies as readonly string[]).includes(common.externalDnsPolicy)) {
        problem("externalDnsPolicy", common.externalDnsPolicy, `one of ${externalDnsPolicies.join(", ")}`);
    }
    if (!(clusterIssuerNames as readonly string[]).includes(common.defaultIssuer)) {
        problem("defaultIssuer", common.defaultIssuer, `one of ${clusterIssuerNames.join(", ")}`);
    }
    if (given.eks !== undefined && cluster.kind === "eks") {
        for (const key of ["loadBalancerSubnetCidrs", "controlPlaneSubnetCidrs"] as const) {
            const cidrs = given.eks[key];
            if (cidrs.length === 0 || cidrs.some((cidr) => !isIpv4Network(cidr))) {
                problem(`eks.${key}`, cidrs, "at least one IPv4 network address in CIDR notation, each without host bits");
            }
        }
    }
    const zones = cluster.kind === "eks" ? given.eks?.hostedZones : given.sks?.zones;
    if (zones !== undefined) {
        const key = cluster.kind === "eks" ? "eks.hostedZones" : "sks.zones";
        const idFormat = cluster.kind === "eks" ? zoneIdFormats.route53 : zoneIdFormats.cloudflare;
        if (zones.length === 0) {
            problem(key, [], "at least one zone: without one ExternalDNS and cert-manager can write nowhere");
        }
        zones.forEach((zone, index) => {
            if (!idFormat.test(zone.id)) {
                problem(`${key}[${index}].id`, zone.id, cluster.kind === "eks" ? "a Route 53 hosted zone id (Z...)" : "a Cloudflare zone id (32 hex)");
            }
        });
    }
    const resolved: ResolvedIngressStackArgs = isEks(args)
        ? { ...common, kind: "eks", cluster: args.cluster, eks: args.eks }
        : { ...common, kind: "sks", cluster: args.cluster, sks: args.sks };
    return { resolved, problems };
}

function isEks(args: IngressStackArgs): args is EksIngressStackArgs {
    return args.cluster.kind === "eks";
}
