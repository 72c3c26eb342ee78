import { EksCluster } from "../components/cluster/eks";
import { SksCluster } from "../components/cluster/sks";
import { IngressStack } from "../components/ingress";
import { ServiceWorkload } from "../components/workload";
import * as exoscale from "../sdk/exoscale";
import { Foundation } from "./foundation";

/**
 * The sample service: answers any path on $PORT, needs no writable filesystem and no root. Pinned by
 * digest (ServiceWorkload refuses a tag alone); the tag says which release the digest is.
 */
export const sampleImage = "us-docker.pkg.dev/google-samples/containers/gke/hello-app:1.0@sha256:8e836aef1ec98bf41189a7b14fa94434e97244fa9106461bef02d0696da20af8";

export interface IngressClusters {
    readonly eks: EksCluster;
    readonly sks: SksCluster;
}

/**
 * The ingress stack on both clusters and one sample workload on each, proving the chain
 * (load balancer, DNS record, certificate) under the stack's domain. Outside production the
 * defaults are ExternalDNS `sync` (test records do not pile up) and the Let's Encrypt staging
 * issuer (its rate limits leave room for tests); production defaults to `upsert-only`, so no
 * controller mistake can delete a live record, and to the production issuer.
 */
export function ingress(foundation: Foundation, clusters: IngressClusters) {
    const { config } = foundation;
    const settings = config.ingress;
    const production = config.environment === "production";
    const externalDnsPolicy = settings.externalDnsPolicy ?? (production ? "upsert-only" : "sync");
    const defaultIssuer = settings.defaultIssuer ?? (production ? "letsencrypt-production" : "letsencrypt-staging");
    const common = { acmeEmail: settings.acmeEmail, externalDnsPolicy, defaultIssuer } as const;

    const eksIngress = new IngressStack("eks-ingress", {
        ...common,
        cluster: clusters.eks,
        eks: {
            provider: foundation.aws.forRegion(clusters.eks.location),
            vpcId: foundation.network.vpcId,
            loadBalancerSubnetCidrs: foundation.network.publicSubnetCidrs,
            controlPlaneSubnetCidrs: foundation.network.privateSubnetCidrs,
            hostedZones: settings.hostedZones,
        },
    });
    const exoscaleProvider = clusters.sks.getProvider("exoscale::Nlb") as exoscale.Provider | undefined;
    if (!exoscaleProvider) {
        throw new Error("the SKS cluster was created without an explicit Exoscale provider");
    }
    const sksIngress = new IngressStack("sks-ingress", {
        ...common,
        cluster: clusters.sks,
        sks: {
            cloudflareApiToken: config.cloudflareApiToken,
            zones: settings.cloudflareZones,
            loadBalancer: { provider: exoscaleProvider, zone: clusters.sks.location, instancePoolId: clusters.sks.instancePoolId },
        },
    });

    const samples = [
        new ServiceWorkload("eks-hello", { cluster: clusters.eks, ingress: eksIngress, namespace: "hello", host: settings.sampleHosts.eks, image: sampleImage }),
        new ServiceWorkload("sks-hello", { cluster: clusters.sks, ingress: sksIngress, namespace: "hello", host: settings.sampleHosts.sks, image: sampleImage }),
    ];
    return {
        eksIngress,
        sksIngress,
        outputs: {
            ingressDefaultIssuer: defaultIssuer,
            ingressExternalDnsPolicy: externalDnsPolicy,
            eksIngressRoleArns: eksIngress.roleArns,
            eksIngressCertificateArns: eksIngress.certificateArns,
            sksIngressAddress: sksIngress.loadBalancerAddress,
            sampleUrls: samples.map((sample) => sample.url),
        },
    };
}
