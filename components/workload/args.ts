import { ArgsCheck, found } from "../args";
import { PlatformCluster } from "../cluster/types";
import { WorkloadIngress } from "./ingress";
import { WorkloadResources } from "./pod";
import { isDnsLabel } from "../rules/dns";

export interface ServiceWorkloadArgs {
    /** The cluster to run on; its `kind` picks the Ingress flavour (ALB on EKS, nginx on SKS). Required. */
    readonly cluster: PlatformCluster;
    /** The cluster's ingress stack (an `IngressStack`): IngressClass, issuer, zones, readiness. Required. */
    readonly ingress: WorkloadIngress;
    /** Namespace to create for the service (also its name, labels and resource names); a DNS label. Required. */
    readonly namespace: string;
    /** Public host name; under one of the ingress stack's zones (on EKS directly under it). Required. */
    readonly host: string;
    /**
     * Container image pinned by digest, `<repository>[:<tag>]@sha256:<64 hex digits>` (a tag alone can
     * be pushed over; the tag beside a digest is for readers, the runtime pulls the digest). ECR images
     * need nothing more: EKS nodes may pull from ECR. Required.
     */
    readonly image: string;
    /** Port the container serves HTTP on, 1024-65535; passed as `PORT`. Default: 8080. */
    readonly port?: number;
    /** Path answering 200 when the service is ready and alive. Default: `/`. */
    readonly probePath?: string;
    /** Replicas, at least 2 so the disruption budget can keep one up. Default: 2. */
    readonly replicas?: number;
    /** CPU and memory requests and limits. Default: 50m/64Mi requested, 250m/128Mi limit. */
    readonly resources?: WorkloadResources;
    /** ClusterIssuer of the TLS secret (SKS). Default: the ingress stack's `defaultIssuer`. */
    readonly clusterIssuer?: string;
}

/** Args with every default applied. */
export interface ResolvedServiceWorkloadArgs extends Required<ServiceWorkloadArgs> {}

/** A reference the runtime resolves to exactly one image: a sha256 digest, optionally after a tag. */
const pinnedByDigest = /^[^\s@]+@sha256:[0-9a-f]{64}$/;

/** Applies the defaults and lists every invalid argument, one line each. */
export function resolveArgs(args: ServiceWorkloadArgs): ArgsCheck<ResolvedServiceWorkloadArgs> {
    const resolved: ResolvedServiceWorkloadArgs = {
        ...args,
        port: args.port ?? 8080,
        probePath: args.probePath ?? "/",
        replicas: args.replicas ?? 2,
        resources: args.resources ?? { requests: { cpu: "50m", memory: "64Mi" }, limits: { cpu: "250m", memory: "128Mi" } },
        clusterIssuer: args.clusterIssuer ?? args.ingress.defaultIssuer,
    };
    const problems: string[] = [];
    const problem = (key: string, value: unknown, expected: string) => problems.push(`${key}: ${found(value)}; expected ${expected}`);
    if (!isDnsLabel(resolved.namespace)) {
        problem("namespace", resolved.namespace, "a DNS label: up to 63 lower-case letters, digits or hyphens");
    }
    if (!pinnedByDigest.test(resolved.image)) {
        problem("image", resolved.image, "an image pinned by digest, <repository>[:<tag>]@sha256:<64 hex digits>: a tag can be moved to other content");
    }
    if (!Number.isInteger(resolved.replicas) || resolved.replicas < 2) {
        problem("replicas", resolved.replicas, "at least 2, or the disruption budget would block every node drain");
    }
    if (!Number.isInteger(resolved.port) || resolved.port < 1024 || resolved.port > 65535) {
        problem("port", resolved.port, "1024-65535 (the container runs without privileges)");
    }
    if (!resolved.probePath.startsWith("/")) {
        problem("probePath", resolved.probePath, "an absolute path such as /healthz");
    }
    const zones = resolved.ingress.zones.map((zone) => zone.domain);
    const zone = zones.find((domain) => resolved.host.endsWith(`.${domain}`));
    if (!zone) {
        problem("host", resolved.host, `a host under one of the ingress stack's zones (${zones.join(", ")}): ExternalDNS ignores any other`);
    } else if (resolved.cluster.kind === "eks" && resolved.host.slice(0, -zone.length - 1).includes(".")) {
        problem("host", resolved.host, `a host directly under ${zone}: the zone's wildcard certificate covers one label`);
    }
    return { resolved, problems };
}
