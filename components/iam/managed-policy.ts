import * as pulumi from "@pulumi/pulumi";

/** ARN of an AWS managed IAM policy (`AmazonEKSWorkerNodePolicy`, `service-role/...`) in the stack's partition. */
export function managedPolicyArn(partition: pulumi.Input<string>, policy: string): pulumi.Output<string> {
    return pulumi.interpolate`arn:${partition}:iam::aws:policy/${policy}`;
}
