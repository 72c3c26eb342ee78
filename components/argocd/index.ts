import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { checkedArgs } from "../args";
import { NetworkAllow, PlatformNamespace } from "../namespace";
import { argoCdChart, ArgoCdArgs, argoCdNamespace, resolveArgs } from "./args";

export { argoCdChart, ArgoCdArgs, argoCdNamespace } from "./args";

/** Where Argo CD deploys: the cluster it runs in. */
const inCluster = "https://kubernetes.default.svc";

/**
 * Argo CD's way out: Git over HTTPS (repo-server) and the Kubernetes API (every component). On SKS
 * the API is the cluster's public endpoint on 443, whose address exists only after creation, and
 * Git hosts move between addresses, so a standard NetworkPolicy can only say "443 anywhere".
 * Everything else outbound stays denied (no plain HTTP, no SSH Git, no other ports).
 */
export const argoCdEgress: NetworkAllow = {
    name: "https",
    reason: "Git over HTTPS and the SKS API server, both on 443 at addresses not known in advance",
    peers: [{ ipBlock: { cidr: "0.0.0.0/0" } }],
    ports: [{ protocol: "TCP", port: 443 }],
};

/**
 * Argo CD from its Helm chart in a default-deny `argocd` namespace, and one bootstrap Application
 * that keeps `destinationNamespace` in sync with the repository (prune + self-heal). The
 * Application belongs to its own AppProject, which admits only that repository, only that
 * namespace, and no cluster-scoped resources. Pass the cluster's Kubernetes provider as `provider`.
 */
export class ArgoCd extends pulumi.ComponentResource {
    /** Argo CD's own namespace, `argocd`. */
    readonly namespace: pulumi.Output<string>;
    /** The namespace the bootstrap Application syncs into. */
    readonly destinationNamespace: pulumi.Output<string>;
    /** The Helm release's status (`deployed` once healthy). */
    readonly releaseStatus: pulumi.Output<string>;
    /** The bootstrap Application's name. */
    readonly applicationName: pulumi.Output<string>;

    constructor(name: string, args: ArgoCdArgs, opts?: pulumi.ComponentResourceOptions) {
        const { chartVersion } = checkedArgs("ArgoCd", name, resolveArgs(args), opts);
        super("platform:gitops:ArgoCd", name, {}, opts);

        const home = new PlatformNamespace(`${name}-namespace`, {
            name: argoCdNamespace,
            // Server, repo-server, controllers and redis call each other inside the namespace.
            allowWithinNamespace: true,
            egressAllows: [argoCdEgress],
        }, { parent: this });
        const destination = new PlatformNamespace(`${name}-destination`, { name: args.destinationNamespace }, { parent: this });

        const release = new k8s.helm.v3.Release(`${name}-release`, {
            name: "argocd",
            chart: argoCdChart.chart,
            version: chartVersion,
            repositoryOpts: { repo: argoCdChart.repo },
            namespace: home.namespaceName,
            createNamespace: false,
            // No SSO is configured, so Dex would only be one more pod holding API credentials.
            values: { dex: { enabled: false } },
        }, { parent: this, dependsOn: [home] });

        const project = new k8s.apiextensions.CustomResource(`${name}-project`, {
            apiVersion: "argoproj.io/v1alpha1",
            kind: "AppProject",
            metadata: { name: "platform-bootstrap", namespace: home.namespaceName },
            spec: {
                description: "What the bootstrap Application may deploy: one repository, one namespace.",
                sourceRepos: [args.repoUrl],
                destinations: [{ server: inCluster, namespace: args.destinationNamespace }],
                clusterResourceWhitelist: [],
            },
        }, { parent: this, dependsOn: [release] });

        const application = new k8s.apiextensions.CustomResource(`${name}-bootstrap`, {
            apiVersion: "argoproj.io/v1alpha1",
            kind: "Application",
            metadata: { name: "bootstrap", namespace: home.namespaceName },
            spec: {
                project: project.metadata.name,
                source: { repoURL: args.repoUrl, path: args.path, targetRevision: args.revision },
                destination: { server: inCluster, namespace: destination.namespaceName },
                syncPolicy: { automated: { prune: true, selfHeal: true } },
            },
        }, { parent: this, dependsOn: [release, destination] });

        this.namespace = home.namespaceName;
        this.destinationNamespace = destination.namespaceName;
        this.releaseStatus = release.status.status;
        this.applicationName = application.metadata.name;
        this.registerOutputs({
            namespace: this.namespace,
            destinationNamespace: this.destinationNamespace,
            releaseStatus: this.releaseStatus,
            applicationName: this.applicationName,
        });
    }
}
