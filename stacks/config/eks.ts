import { z } from "zod";
import { eksVersions, logRetentionDays } from "../../components/rules/eks";
import { architectureOf, instanceTypeProblem } from "../../components/rules/instance-types";

/** The policy pack's default `log-retention.maxRetentionDays`: a longer retention fails every preview. */
export const maxLogRetentionDays = 731;
const keptLogRetentionDays = logRetentionDays.filter((days) => days <= maxLogRetentionDays);
import { ipv4Cidr, slug, strictObject } from "./primitives";

const instanceType = z.string().superRefine((value, ctx) => {
    const problem = instanceTypeProblem(value);
    if (problem) {
        ctx.addIssue({ code: "custom", message: problem });
    }
});

const iamRoleArn = z
    .string()
    .regex(/^arn:aws(-cn|-us-gov)?:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/, { error: "an IAM role ARN such as arn:aws:iam::123456789012:role/platform-admin" });

/** `v<major>.<minor>.<patch>-eksbuild.<n>`, as `aws eks describe-addon-versions` lists them. */
const addonVersion = z.string().regex(/^v\d+\.\d+\.\d+-eksbuild\.\d+$/, { error: "an EKS add-on version such as v1.20.1-eksbuild.3" });

const nodeGroupSchema = strictObject({
    /** Suffix of the node group's resource names and its `platform/node-group` label. */
    name: slug,
    /** Instance types, all of one CPU architecture (the AMI follows it). */
    instanceTypes: z.array(instanceType).min(1),
    /** EKS caps a managed node group at 450 nodes. */
    minSize: z.number().int().min(0).max(450),
    desiredSize: z.number().int().min(0).max(450),
    maxSize: z.number().int().min(1).max(450),
    /** Root volume (gp3, encrypted) in GiB. Default: the component's, 50. */
    diskSizeGiB: z.number().int().min(20).max(2048).optional(),
});

export const eksSchema = strictObject({
    /** Kubernetes minor version of the control plane and nodes. */
    version: z.string().pipe(z.enum(eksVersions)),
    /** Ranges allowed to reach the public API endpoint; [] keeps the endpoint private only. */
    publicAccessCidrs: z.array(ipv4Cidr).max(40),
    /** IAM role granted AmazonEKSClusterAdminPolicy. */
    adminRoleArn: iamRoleArn,
    /** IAM role granted AmazonEKSViewPolicy. */
    readOnlyRoleArn: iamRoleArn,
    /** Days CloudWatch keeps control-plane logs: a value CloudWatch accepts, within the policy pack's `log-retention` cap. */
    logRetentionDays: z.union(keptLogRetentionDays.map((days) => z.literal(days)), {
        error: `one of ${keptLogRetentionDays.join(", ")} (days CloudWatch accepts, up to the policy pack's log-retention cap of ${maxLogRetentionDays})`,
    }),
    nodeGroups: z.array(nodeGroupSchema).min(1),
    /** Pinned EKS add-on versions; kube-proxy must match the cluster's minor version. */
    addons: strictObject({
        vpcCni: addonVersion,
        coreDns: addonVersion,
        kubeProxy: addonVersion,
        ebsCsiDriver: addonVersion,
    }),
}).superRefine((eks, ctx) => {
    const names = new Set<string>();
    eks.nodeGroups.forEach((group, index) => {
        const at = (key: string) => ["nodeGroups", index, key];
        if (names.has(group.name)) {
            ctx.addIssue({ code: "custom", path: at("name"), message: "a name unique among the node groups" });
        }
        names.add(group.name);
        if (group.minSize > group.desiredSize) {
            ctx.addIssue({ code: "custom", path: at("minSize"), message: `at most desiredSize (${group.desiredSize})` });
        }
        if (group.desiredSize > group.maxSize) {
            ctx.addIssue({ code: "custom", path: at("desiredSize"), message: `at most maxSize (${group.maxSize})` });
        }
        const architectures = new Set(group.instanceTypes.map(architectureOf));
        if (architectures.size > 1) {
            ctx.addIssue({ code: "custom", path: at("instanceTypes"), message: "instance types of one architecture (x86_64 or arm64): a node group runs one AMI" });
        }
    });
    if (!eks.addons.kubeProxy.startsWith(`v${eks.version}.`)) {
        ctx.addIssue({ code: "custom", path: ["addons", "kubeProxy"], message: `a v${eks.version}.x build: kube-proxy follows the cluster's minor version` });
    }
});

export type EksConfig = z.infer<typeof eksSchema>;

type Issue = { path: (string | number)[]; message: string };

/** Rules that depend on the environment, checked by the stack config's own superRefine. */
export function eksEnvironmentIssues(environment: string, eks: Pick<EksConfig, "publicAccessCidrs">): Issue[] {
    if (environment !== "production") {
        return [];
    }
    return eks.publicAccessCidrs.flatMap((cidr, index) =>
        cidr.endsWith("/0")
            ? [{ path: ["eks", "publicAccessCidrs", index], message: "a range narrower than /0 in production: list the operators' and CI egress ranges, or [] for a private-only endpoint" }]
            : [],
    );
}
