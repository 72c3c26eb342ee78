import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { githubEnvironmentSubject, githubOidcIssuer, githubTrustPolicy, stsAudience } from "../iam/documents";
import { deployRolePolicy, DeployScope } from "./policies";

export interface DeployRoleArgs {
    readonly physicalName: string;
    readonly repository: string;
    readonly environment: string;
    /** The account's existing GitHub OIDC provider; created when absent. */
    readonly oidcProviderArn?: string;
    readonly scope: { [Key in Exclude<keyof DeployScope, "readActions">]: pulumi.Input<string> };
    readonly readActions: string[];
}

/**
 * The role GitHub Actions assumes to release: trusted by one repository in one GitHub
 * environment, allowed to push this repository's images, roll this service and pass exactly its
 * two task roles to ECS. An account holds one IAM OIDC provider per issuer, so an existing one is
 * reused when its ARN is given.
 */
export function deployRole(name: string, args: DeployRoleArgs, opts: pulumi.CustomResourceOptions): { role: aws.iam.Role; oidcProviderArn: pulumi.Output<string> } {
    const oidcProviderArn = args.oidcProviderArn !== undefined
        ? pulumi.output(args.oidcProviderArn)
        : new aws.iam.OpenIdConnectProvider(`${name}-github-oidc`, { url: `https://${githubOidcIssuer}`, clientIdLists: [stsAudience] }, opts).arn;
    const role = new aws.iam.Role(name, {
        name: `${args.physicalName}-deploy`,
        description: `${args.physicalName}: releases from ${args.repository} (GitHub environment ${args.environment})`,
        assumeRolePolicy: oidcProviderArn.apply((arn) => JSON.stringify(githubTrustPolicy("GithubDeploy", arn, [githubEnvironmentSubject(args.repository, args.environment)]))),
        maxSessionDuration: 3600,
    }, opts);
    const s = args.scope;
    new aws.iam.RolePolicy(name, {
        role: role.name,
        policy: pulumi.all([s.repositoryArn, s.taskDefinitionFamilyArn, s.serviceArn, s.clusterArn, s.executionRoleArn, s.taskRoleArn])
            .apply(([repositoryArn, taskDefinitionFamilyArn, serviceArn, clusterArn, executionRoleArn, taskRoleArn]) =>
                JSON.stringify(deployRolePolicy({ repositoryArn, taskDefinitionFamilyArn, serviceArn, clusterArn, executionRoleArn, taskRoleArn, readActions: args.readActions }))),
    }, opts);
    return { role, oidcProviderArn };
}
