import { z } from "zod";
import { maxKubeconfigTtlDays, maxNodepoolSize } from "../../components/rules/sks";
import { slug, strictObject } from "./primitives";

/** Exoscale zones (`exo zone list`); SKS runs in all of them. */
export const exoscaleZones = ["ch-gva-2", "ch-dk-2", "de-fra-1", "de-muc-1", "at-vie-1", "at-vie-2", "bg-sof-1", "hr-zag-1"] as const;
export type ExoscaleZone = (typeof exoscaleZones)[number];

/** General-purpose families; GPU pools are out of scope for the platform's system node pool. */
export const sksInstanceFamilies = ["standard", "cpu", "memory", "storage"] as const;
/** Sizes from small up: micro (512 MB) and tiny (1 GB) cannot hold kubelet, Cilium and Argo CD. */
export const sksInstanceSizes = ["small", "medium", "large", "extra-large", "huge", "mega", "titan", "jumbo", "colossus"] as const;

const instanceTypePattern = new RegExp(`^(${sksInstanceFamilies.join("|")})\\.(${sksInstanceSizes.join("|")})$`);


/** Namespaces the platform or Kubernetes already own; workloads get one of their own. */
const reservedNamespaces = ["argocd", "default", "ingress-nginx", "kube-node-lease", "kube-public", "kube-system"];

/** `https://host[:port]/path`: Argo CD fetches over HTTPS only (its egress allows 443 alone). */
const httpsRepoUrl = z.string().regex(/^https:\/\/[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:443)?\/[A-Za-z0-9._~/-]+$/, {
    error: "an https:// Git repository URL such as https://github.com/example/platform-gitops.git",
});

/** A path inside the repository: relative, no `..`, no leading or trailing slash. */
const repoPath = z.string().regex(/^(?!.*(^|\/)\.\.(\/|$))[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/, {
    error: "a relative path inside the repository such as clusters/prod",
});

/** A branch, tag or commit SHA. */
const gitRevision = z.string().regex(/^(?!.*\.\.)[A-Za-z0-9][A-Za-z0-9._/-]{0,254}$/, {
    error: "a branch, tag or commit SHA such as main or v1.4.0",
});

export const sksSchema = strictObject({
    /** Exoscale zone of the cluster, its node pool and its load balancers. */
    zone: z.enum(exoscaleZones),
    /** Control plane version at creation (`exo compute sks versions`); later upgrades go through SKS. */
    kubernetesVersion: z.string().regex(/^1\.\d{2}\.\d{1,2}$/, { error: "a Kubernetes release such as 1.34.3" }),
    /** Let SKS apply patch releases of the current minor to the control plane. */
    autoUpgrade: z.boolean(),
    /** The platform's node pool. */
    nodepool: strictObject({
        /** `<family>.<size>`, e.g. `standard.large`. */
        instanceType: z.string().regex(instanceTypePattern, {
            error: `an Exoscale instance type <family>.<size> such as standard.large (families: ${sksInstanceFamilies.join(", ")}; sizes: ${sksInstanceSizes.join(", ")})`,
        }),
        /** Nodes; at most 8, the size of one anti-affinity group. */
        size: z.number().int().min(1).max(maxNodepoolSize, { error: `at most ${maxNodepoolSize} (an Exoscale anti-affinity group holds ${maxNodepoolSize} instances)` }),
    }),
    /** Lifetime of the platform's kubeconfig in days (renewed by `pulumi up --refresh` in its last quarter). */
    kubeconfigTtlDays: z.number().int().min(1).max(maxKubeconfigTtlDays).default(30),
    /** What Argo CD's bootstrap Application syncs. */
    argocd: strictObject({
        /** HTTPS URL of the Git repository. */
        repoUrl: httpsRepoUrl,
        /** Directory inside the repository. */
        path: repoPath,
        /** Branch, tag or commit. */
        revision: gitRevision,
        /** Namespace the synced workloads land in (created with the platform's default-deny policies). */
        destinationNamespace: slug.refine((namespace) => !reservedNamespaces.includes(namespace), {
            error: `a namespace of its own, not one of ${reservedNamespaces.join(", ")}`,
        }),
    }),
});

export type SksConfig = z.infer<typeof sksSchema>;
