/** GitHub Actions' OIDC issuer, as IAM names it in condition keys. */
export const githubIssuer = "token.actions.githubusercontent.com";

/** The audience `aws-actions/configure-aws-credentials` asks GitHub for. */
export const stsAudience = "sts.amazonaws.com";

/** The `sub` of a job that runs in a GitHub environment: what a deploy role trusts. */
export const environmentSubject = (repository: string, environment: string) => `repo:${repository}:environment:${environment}`;

/**
 * The `sub`s a preview role trusts: pull requests of the repository (its branches; forks get no
 * token) and the default branch, where the scheduled drift report runs.
 */
export const previewSubjects = (repository: string, defaultBranch: string) => [`repo:${repository}:pull_request`, `repo:${repository}:ref:refs/heads/${defaultBranch}`];

/**
 * A role trust policy for GitHub Actions' web identity tokens: only GitHub's OIDC provider, only
 * tokens for STS, only the given subjects, each pinned with StringEquals.
 */
export function githubTrustPolicy(providerArn: string, subjects: readonly string[]) {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Allow",
                Principal: { Federated: providerArn },
                Action: "sts:AssumeRoleWithWebIdentity",
                Condition: {
                    StringEquals: {
                        [`${githubIssuer}:aud`]: stsAudience,
                        [`${githubIssuer}:sub`]: subjects.length === 1 ? subjects[0] : [...subjects],
                    },
                },
            },
        ],
    };
}
