/** IAM policy documents as plain data, and the statements several components share. */

export interface PolicyStatement {
    Sid: string;
    Effect: "Allow" | "Deny";
    Principal?: "*" | { AWS: string } | { Service: string };
    Action: string | string[];
    Resource: string | string[];
    Condition?: Record<string, Record<string, string | string[]>>;
}

export interface PolicyDocument {
    Version: "2012-10-17";
    Statement: PolicyStatement[];
}

/** Refuses every request to the bucket or its objects that arrives over plain HTTP. */
export function denyInsecureTransport(bucketArn: string): PolicyStatement {
    return {
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: [bucketArn, `${bucketArn}/*`],
        Condition: { Bool: { "aws:SecureTransport": "false" } },
    };
}

/**
 * CloudFront reads `objects` through Origin Access Control on behalf of one distribution only
 * (`AWS:SourceArn`), so no other distribution, in any account, can serve them.
 */
export function allowCloudFrontRead(sid: string, objects: string, distributionArn: string): PolicyStatement {
    return {
        Sid: sid,
        Effect: "Allow",
        Principal: { Service: "cloudfront.amazonaws.com" },
        Action: "s3:GetObject",
        Resource: objects,
        Condition: { StringEquals: { "AWS:SourceArn": distributionArn } },
    };
}

/** A role's trust policy: who may assume it (no `Resource`). */
export interface TrustPolicy {
    Version: "2012-10-17";
    Statement: (Omit<PolicyStatement, "Resource" | "Principal"> & { Principal: { Service: string } | { Federated: string } })[];
}

/** An AWS service may assume the role, only on behalf of this account (confused-deputy guard). */
export function serviceTrustPolicy(sid: string, service: string, account: string): TrustPolicy {
    return {
        Version: "2012-10-17",
        Statement: [{ Sid: sid, Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceAccount": account } } }],
    };
}

/** The issuer of GitHub Actions' OIDC tokens; an account holds one IAM provider for it. */
export const githubOidcIssuer = "token.actions.githubusercontent.com";

/** The audience `aws-actions/configure-aws-credentials` asks GitHub for. */
export const stsAudience = "sts.amazonaws.com";

/** The `sub` of a GitHub Actions job that runs in a GitHub environment. */
export const githubEnvironmentSubject = (repository: string, environment: string) => `repo:${repository}:environment:${environment}`;

/**
 * GitHub Actions may assume the role with a web identity token from the account's provider for
 * GitHub's issuer, only for STS (`aud`) and only as one of `subjects` (`sub`), both pinned with
 * StringEquals: a job of another repository, environment or branch presents another `sub`.
 */
export function githubTrustPolicy(sid: string, providerArn: string, subjects: readonly string[]): TrustPolicy {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: sid,
                Effect: "Allow",
                Principal: { Federated: providerArn },
                Action: "sts:AssumeRoleWithWebIdentity",
                Condition: {
                    StringEquals: {
                        [`${githubOidcIssuer}:aud`]: stsAudience,
                        [`${githubOidcIssuer}:sub`]: subjects.length === 1 ? subjects[0] : [...subjects],
                    },
                },
            },
        ],
    };
}
