/**
 * The `sub`s a preview role trusts: pull requests of the repository (its branches; forks get no
 * token) and the default branch, where the scheduled drift report runs.
 */
export const previewSubjects = (repository: string, defaultBranch: string) => [`repo:${repository}:pull_request`, `repo:${repository}:ref:refs/heads/${defaultBranch}`];
