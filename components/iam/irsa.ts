import * as pulumi from "@pulumi/pulumi";
import { OidcIdentity } from "../cluster/types";

/** A Kubernetes service account an IAM role is bound to. */
export interface ServiceAccountRef {
    readonly namespace: string;
    readonly name: string;
}

/** `system:serviceaccount:<namespace>:<name>`, the `sub` claim of the account's projected token. */
export function serviceAccountSubject(account: ServiceAccountRef): string {
    return `system:serviceaccount:${account.namespace}:${account.name}`;
}

/**
 * The trust policy of an IAM role for a service account (IRSA): only the cluster's OIDC provider,
 * only `sts:AssumeRoleWithWebIdentity`, and StringEquals on both `sub` (this one service account)
 * and `aud` (STS). Without the `aud` pin any token minted for another audience would do; without
 * `sub` every pod in the cluster could assume the role.
 */
export function irsaTrustPolicy(oidc: OidcIdentity, account: ServiceAccountRef): pulumi.Output<string> {
    return pulumi.all([oidc.providerArn, oidc.issuerUrl]).apply(([providerArn, issuerUrl]) => {
        const issuer = issuerUrl.replace(/^https:\/\//, "");
        return JSON.stringify({
            Version: "2012-10-17",
            Statement: [
                {
                    Effect: "Allow",
                    Principal: { Federated: providerArn },
                    Action: "sts:AssumeRoleWithWebIdentity",
                    Condition: {
                        StringEquals: {
                            [`${issuer}:sub`]: serviceAccountSubject(account),
                            [`${issuer}:aud`]: "sts.amazonaws.com",
                        },
                    },
                },
            ],
        });
    });
}
