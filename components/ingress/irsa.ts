import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { OidcIdentity } from "../cluster/types";
import { irsaTrustPolicy } from "../iam/irsa";
import { NetworkAllow, PlatformNamespace } from "../namespace";
import { PinnedChart } from "./charts";

/** One controller on EKS: its namespace, its service account, the IAM role the account assumes, its chart. */
export interface IrsaControllerArgs {
    /** Fixed namespace name: the role's trust policy pins it. */
    readonly namespace: string;
    /** Fixed service account name: the role's trust policy pins it. */
    readonly serviceAccount: string;
    readonly chart: PinnedChart;
    /** Chart values; `serviceAccount` is set here, so the chart uses the account this module creates. */
    readonly values: pulumi.Input<Record<string, unknown>>;
    /** The role's only permissions (JSON policy document). */
    readonly policy: pulumi.Input<string>;
    readonly oidc: OidcIdentity;
    readonly awsProvider: aws.Provider;
    readonly k8sProvider: k8s.Provider;
    /** Resources the release must wait for (e.g. another controller's webhooks). */
    readonly dependsOn?: pulumi.Resource[];
    /** Traffic the namespace admits, e.g. webhook calls; its default deny refuses the rest. Default: none. */
    readonly ingressAllows?: NetworkAllow[];
    /** Traffic its pods may send besides DNS, e.g. HTTPS to AWS APIs; its default deny blocks the rest. */
    readonly egressAllows: NetworkAllow[];
}

export interface IrsaController {
    readonly role: aws.iam.Role;
    readonly release: k8s.helm.v3.Release;
}

/**
 * The service account is created here rather than by the chart so that its name and the trust
 * policy's `sub` come from the same constant, and the role-arn annotation is visible in the plan.
 */
export function irsaController(name: string, args: IrsaControllerArgs, opts: { readonly parent: pulumi.Resource }): IrsaController {
    const awsOpts = { parent: opts.parent, provider: args.awsProvider };
    const k8sOpts = { parent: opts.parent, provider: args.k8sProvider };
    const account = { namespace: args.namespace, name: args.serviceAccount };

    const role = new aws.iam.Role(`${name}-role`, {
        assumeRolePolicy: irsaTrustPolicy(args.oidc, account),
        description: `IRSA role of ${args.namespace}/${args.serviceAccount}`,
        tags: { Name: `${name}-role` },
    }, awsOpts);
    const rolePolicy = new aws.iam.RolePolicy(`${name}-policy`, { role: role.id, policy: args.policy }, awsOpts);

    const namespace = new PlatformNamespace(`${name}-ns`, {
        name: args.namespace,
        labels: { "app.kubernetes.io/part-of": "platform-ingress" },
        ingressControllerNamespace: false,
        ingressAllows: args.ingressAllows,
        egressAllows: args.egressAllows,
    }, k8sOpts);
    const serviceAccount = new k8s.core.v1.ServiceAccount(`${name}-sa`, {
        metadata: {
            name: args.serviceAccount,
            namespace: namespace.namespaceName,
            annotations: { "eks.amazonaws.com/role-arn": role.arn },
        },
    }, k8sOpts);

    const release = new k8s.helm.v3.Release(name, {
        name: args.chart.chart,
        chart: args.chart.chart,
        version: args.chart.version,
        repositoryOpts: { repo: args.chart.repo },
        namespace: namespace.namespaceName,
        values: pulumi.output(args.values).apply((values) => ({
            ...values,
            serviceAccount: { create: false, name: args.serviceAccount },
        })),
        atomic: true,
    }, { ...k8sOpts, dependsOn: [namespace, serviceAccount, rolePolicy, ...(args.dependsOn ?? [])] });

    return { role, release };
}
