import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ClusterIssuerName, DnsZone } from "./args";

/** Let's Encrypt directories: staging has rate limits generous enough for tests, production's are not. */
export const acmeDirectories: Record<ClusterIssuerName, string> = {
    "letsencrypt-staging": "https://acme-staging-v02.api.letsencrypt.org/directory",
    "letsencrypt-production": "https://acme-v02.api.letsencrypt.org/directory",
};

/** Solver for the zone's challenges; cert-manager picks it by the `dnsZones` selector. */
export type Dns01Solver = (zone: DnsZone) => Record<string, unknown>;

/** Route 53 with the controller's IRSA credentials (ambient credentials are allowed for ClusterIssuers). */
export function route53Solver(region: string): Dns01Solver {
    return (zone) => ({ route53: { region, hostedZoneID: zone.id } });
}

/** Cloudflare with an API token read from a Secret in cert-manager's namespace. */
export function cloudflareSolver(secretName: pulumi.Input<string>, secretKey: string): Dns01Solver {
    return () => ({ cloudflare: { apiTokenSecretRef: { name: secretName, key: secretKey } } });
}

export interface ClusterIssuersArgs {
    readonly acmeEmail: string;
    readonly zones: readonly DnsZone[];
    readonly solver: Dns01Solver;
    /** The cert-manager release: its CRDs and webhook must exist first. */
    readonly certManager: pulumi.Resource;
}

/** `letsencrypt-staging` and `letsencrypt-production`, identical but for the ACME directory; `opts` names the cluster's provider. */
export function clusterIssuers(name: string, args: ClusterIssuersArgs, opts: pulumi.CustomResourceOptions): k8s.apiextensions.CustomResource[] {
    return (Object.keys(acmeDirectories) as ClusterIssuerName[]).map((issuer) => new k8s.apiextensions.CustomResource(`${name}-${issuer}`, {
        apiVersion: "cert-manager.io/v1",
        kind: "ClusterIssuer",
        metadata: { name: issuer },
        spec: {
            acme: {
                server: acmeDirectories[issuer],
                email: args.acmeEmail,
                privateKeySecretRef: { name: `${issuer}-account-key` },
                solvers: args.zones.map((zone) => ({ selector: { dnsZones: [zone.domain] }, dns01: args.solver(zone) })),
            },
        },
    }, { ...opts, dependsOn: [args.certManager] }));
}
