import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { irsaTrustPolicy, ServiceAccountRef } from "../../iam/irsa";
import { managedPolicyArn } from "../../iam/managed-policy";
import { OidcIdentity } from "../types";

/**
 * Worker nodes get only what the kubelet needs to join and pull images, plus SSM for
 * shell-less access. The CNI policy is deliberately absent: the vpc-cni add-on has its own IRSA
 * role, so no pod that reaches the node's credentials can modify ENIs.
 */
export const nodePolicies = ["AmazonEKSWorkerNodePolicy", "AmazonEC2ContainerRegistryReadOnly", "AmazonSSMManagedInstanceCore"];

export interface NodeRoleArgs {
    /** The AWS partition the managed policies live in. */
    readonly partition: pulumi.Input<string>;
}

/** The instance role of the managed node groups. */
export function nodeRole(name: string, args: NodeRoleArgs, opts: pulumi.CustomResourceOptions): aws.iam.Role {
    const role = new aws.iam.Role(name, {
        description: "EKS managed node group instances",
        assumeRolePolicy: JSON.stringify({
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
        }),
    }, opts);
    for (const policy of nodePolicies) {
        new aws.iam.RolePolicyAttachment(`${name}-${policy}`, { role: role.name, policyArn: managedPolicyArn(args.partition, policy) }, opts);
    }
    return role;
}

export interface ServiceAccountRoleArgs {
    readonly oidc: OidcIdentity;
    readonly account: ServiceAccountRef;
    /** AWS managed policy name, e.g. `service-role/AmazonEBSCSIDriverPolicy`. */
    readonly managedPolicy: string;
    readonly partition: pulumi.Input<string>;
}

/** An IRSA role trusted by exactly one service account, with one AWS managed policy. */
export function serviceAccountRole(name: string, args: ServiceAccountRoleArgs, opts: pulumi.CustomResourceOptions): { role: aws.iam.Role; attachment: aws.iam.RolePolicyAttachment } {
    const role = new aws.iam.Role(name, {
        description: `IRSA role of ${args.account.namespace}/${args.account.name}`,
        assumeRolePolicy: irsaTrustPolicy(args.oidc, args.account),
    }, opts);
    const attachment = new aws.iam.RolePolicyAttachment(name, { role: role.name, policyArn: managedPolicyArn(args.partition, args.managedPolicy) }, opts);
    return { role, attachment };
}
