import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { NetworkAllow, PlatformNamespace } from "../namespace";

/** What a tenant namespace may consume in total. */
export interface NamespaceQuota {
    /** Sum of the pods' CPU requests, e.g. `4`. */
    readonly cpu: string;
    /** Sum of the pods' memory requests, and of their memory limits, e.g. `8Gi`. */
    readonly memory: string;
    readonly pods: number;
}

export interface TenantNamespaceArgs {
    readonly namespace: string;
    readonly serviceAccountName: string;
    /** The tenant IAM role, announced to the EKS pod identity webhook on the service account. */
    readonly roleArn: pulumi.Input<string>;
    readonly quota: NamespaceQuota;
    /** Where the tenant database listens: the VPC range its subnets are in, and its port. */
    readonly databaseCidr: string;
    readonly databasePort: number;
    readonly labels: Record<string, string>;
}

/**
 * Private, shared (carrier-grade NAT) and link-local ranges: the cluster's pods, nodes and API
 * server, peered networks and the instance metadata service. HTTPS to them would reach other
 * tenants' services and the node's credentials, so it stays closed.
 */
const nonPublicRanges = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "169.254.0.0/16"];

/**
 * What tenant pods may open connections to besides cluster DNS: the tenant database, and HTTPS
 * to public addresses, because AWS APIs (STS, S3, KMS, Secrets Manager) have no fixed ranges.
 */
function tenantEgress(databaseCidr: string, databasePort: number): NetworkAllow[] {
    return [
        {
            name: "database",
            reason: "the tenant database, on its port only",
            peers: [{ ipBlock: { cidr: databaseCidr } }],
            ports: [{ protocol: "TCP", port: databasePort }],
        },
        {
            name: "https",
            reason: "AWS APIs (STS, S3, KMS, Secrets Manager) at public addresses; private, shared and link-local ranges stay closed",
            peers: [{ ipBlock: { cidr: "0.0.0.0/0", except: nonPublicRanges } }],
            ports: [{ protocol: "TCP", port: 443 }],
        },
    ];
}

/**
 * The tenant namespace: a platform namespace (default deny, cluster DNS) that admits nothing in
 * and lets pods reach only the tenant database and HTTPS on the internet; an IRSA service
 * account without an automounted Kubernetes API token (the pod identity webhook projects its own
 * STS token regardless); a quota that also forbids persistent volumes (they would hold tenant
 * data in the cluster's region, outside the ringfence) and load balancers; default container requests.
 */
export function tenantNamespace(name: string, args: TenantNamespaceArgs, opts: pulumi.ComponentResourceOptions): PlatformNamespace {
    // Before the tenant namespace was a PlatformNamespace, the namespace and its default deny were
    // children of the ringfence itself. The aliases keep them in place on an existing stack: without
    // them `up` would create the namespace anew and then delete the old one, workloads and all.
    const formerNames: Record<string, string> = {
        [`${name}-namespace-namespace`]: `${name}-namespace`,
        [`${name}-namespace-default-deny`]: `${name}-default-deny`,
    };
    const keepFormerNames: pulumi.ResourceTransformation = (child) => {
        const formerName = formerNames[child.name];
        return formerName === undefined ? undefined : { props: child.props, opts: pulumi.mergeOptions(child.opts, { aliases: [{ name: formerName, parent: opts.parent }] }) };
    };
    const namespace = new PlatformNamespace(`${name}-namespace`, {
        name: args.namespace,
        labels: { ...args.labels, "pod-security.kubernetes.io/enforce": "restricted" },
        ingressControllerNamespace: false,
        egressAllows: tenantEgress(args.databaseCidr, args.databasePort),
    }, { ...opts, transformations: [keepFormerNames] });
    const metadata = (objectName: string) => ({ name: objectName, namespace: namespace.namespaceName, labels: args.labels });

    new k8s.core.v1.ServiceAccount(`${name}-service-account`, {
        metadata: { ...metadata(args.serviceAccountName), annotations: { "eks.amazonaws.com/role-arn": args.roleArn } },
        automountServiceAccountToken: false,
    }, opts);

    new k8s.core.v1.ResourceQuota(`${name}-quota`, {
        metadata: metadata("tenant-quota"),
        spec: {
            hard: {
                "requests.cpu": args.quota.cpu,
                "requests.memory": args.quota.memory,
                "limits.memory": args.quota.memory,
                pods: String(args.quota.pods),
                persistentvolumeclaims: "0",
                "services.loadbalancers": "0",
                "services.nodeports": "0",
            },
        },
    }, opts);

    // The quota makes requests and memory limits mandatory; these fill them in for containers
    // that do not set their own. No default CPU limit: CPU is bounded by the requests quota.
    new k8s.core.v1.LimitRange(`${name}-limits`, {
        metadata: metadata("tenant-defaults"),
        spec: { limits: [{ type: "Container", defaultRequest: { cpu: "100m", memory: "128Mi" }, default: { memory: "256Mi" } }] },
    }, opts);
    return namespace;
}
