/** The key policies of an EksCluster: pure functions of ARNs, so tests evaluate the exact documents. */
import { PolicyDocument } from "../../iam/documents";
import { accountAdministersKey, cloudWatchLogsUseKey, KeyScope } from "../../iam/kms";

/** Name of the log group EKS writes a cluster's control-plane logs to. */
export function controlPlaneLogGroupName(clusterName: string): string {
    return `/aws/eks/${clusterName}/cluster`;
}

/**
 * The secrets key's policy: the account root administers the key; principals of the account
 * use it only through EKS (`kms:ViaService`), which is how creating the cluster grants the
 * control plane the key; the cluster role, which only EKS can assume, encrypts and decrypts
 * secrets. No identity policy in the account can decrypt a secret's data key directly.
 */
export function secretsKeyPolicy(scope: KeyScope, clusterRoleArn: string): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            accountAdministersKey(scope),
            {
                Sid: "AccountUsesKeyThroughEks",
                Effect: "Allow",
                Principal: { AWS: `arn:${scope.partition}:iam::${scope.account}:root` },
                Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:CreateGrant", "kms:DescribeKey"],
                Resource: "*",
                Condition: { StringEquals: { "kms:CallerAccount": scope.account, "kms:ViaService": `eks.${scope.region}.amazonaws.com` } },
            },
            {
                Sid: "ClusterRoleUsesKey",
                Effect: "Allow",
                Principal: { AWS: clusterRoleArn },
                Action: ["kms:Encrypt", "kms:Decrypt", "kms:ListGrants", "kms:DescribeKey"],
                Resource: "*",
            },
        ],
    };
}

/**
 * The control-plane log key's policy: the account root administers the key; CloudWatch Logs
 * uses it for this cluster's log group and no other. Readers of the logs need no key access:
 * CloudWatch decrypts for whoever may read the log group.
 */
export function controlPlaneLogKeyPolicy(scope: KeyScope, clusterName: string): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [accountAdministersKey(scope), cloudWatchLogsUseKey("ControlPlaneLogsEncrypt", scope, [controlPlaneLogGroupName(clusterName)])],
    };
}
