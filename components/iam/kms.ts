/** KMS key policy statements several components share. */
import { PolicyStatement } from "./documents";

/**
 * What the account may do to a key without using it: manage, tag, rotate, schedule deletion.
 * Cryptographic use is not delegated to IAM, so no identity policy in the account (however
 * broad) can decrypt with the key directly; only the principals and services its policy names.
 */
export const keyAdministration = [
    "kms:DescribeKey",
    "kms:GetKeyPolicy",
    "kms:PutKeyPolicy",
    "kms:GetKeyRotationStatus",
    "kms:EnableKeyRotation",
    "kms:RotateKeyOnDemand",
    "kms:ListKeyRotations",
    "kms:ListKeyPolicies",
    "kms:ListResourceTags",
    "kms:TagResource",
    "kms:UntagResource",
    "kms:UpdateKeyDescription",
    "kms:CreateAlias",
    "kms:UpdateAlias",
    "kms:DeleteAlias",
    "kms:EnableKey",
    "kms:DisableKey",
    "kms:ListGrants",
    "kms:RevokeGrant",
    "kms:ScheduleKeyDeletion",
    "kms:CancelKeyDeletion",
];

/** Where a key is used: the ARNs its policy builds. */
export interface KeyScope {
    readonly partition: string;
    readonly account: string;
    readonly region: string;
}

/** The account root administers the key (see `keyAdministration`). */
export function accountAdministersKey(scope: KeyScope): PolicyStatement {
    return { Sid: "AccountAdministersKey", Effect: "Allow", Principal: { AWS: `arn:${scope.partition}:iam::${scope.account}:root` }, Action: keyAdministration, Resource: "*" };
}

/**
 * CloudWatch Logs of the key's region encrypts and decrypts the events of the named log groups
 * only: the encryption context CloudWatch sends is the log group's ARN, so the key cannot be
 * attached to any other group. `logGroupNames` may end in `*`.
 */
export function cloudWatchLogsUseKey(sid: string, scope: KeyScope, logGroupNames: readonly string[]): PolicyStatement {
    return {
        Sid: sid,
        Effect: "Allow",
        Principal: { Service: `logs.${scope.region}.amazonaws.com` },
        Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
        Resource: "*",
        Condition: {
            ArnLike: {
                "kms:EncryptionContext:aws:logs:arn": logGroupNames.map((logGroup) => `arn:${scope.partition}:logs:${scope.region}:${scope.account}:log-group:${logGroup}`),
            },
        },
    };
}
