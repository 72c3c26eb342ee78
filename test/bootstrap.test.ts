import { expect } from "chai";
import * as path from "node:path";
import { runSimulation, runUnsafeSimulation } from "@cloud-copilot/iam-simulate";
import { RecordedResource } from "../engine/monitor";
import { PreviewResult } from "../engine/preview";
import { resolveBootstrapConfig } from "../bootstrap/config";
import { named, ofType, previewStack } from "./helpers/preview";

const root = path.resolve(__dirname, "..", "bootstrap");
const account = "123456789012";
const githubProvider = `arn:aws:iam::${account}:oidc-provider/token.actions.githubusercontent.com`;

const bootstrap = (configOverrides: Record<string, unknown> = {}) => previewStack("example", { root, configOverrides });

/**
 * Whether a GitHub Actions token with this `sub` and `aud` may assume a role with this trust
 * policy. The validated `runSimulation` ignores the `token.actions.githubusercontent.com:*` keys
 * (iam-simulate 0.1.173 lists them as ignoredContextKeys), so, as in ringfence.test.ts, it
 * validates the document and `runUnsafeSimulation` decides.
 */
async function assume(trustPolicy: object, token: { sub: string; aud?: string }): Promise<string> {
    const request = {
        principal: githubProvider,
        action: "sts:AssumeRoleWithWebIdentity",
        resource: { resource: `arn:aws:iam::${account}:role/platform-staging-deploy`, accountId: account },
        contextVariables: {
            "token.actions.githubusercontent.com:sub": token.sub,
            "token.actions.githubusercontent.com:aud": token.aud ?? "sts.amazonaws.com",
        },
    };
    const base = { request, identityPolicies: [], serviceControlPolicies: [], resourceControlPolicies: [] };
    const validated = await runSimulation({ ...base, resourcePolicy: trustPolicy }, {});
    expect(validated.resultType, JSON.stringify((validated as { errors?: unknown }).errors)).to.not.equal("error");
    return runUnsafeSimulation({ ...base, resourcePolicy: { __validated: true, policyDocument: trustPolicy, metadata: { name: "trust" }, errors: [] } }, {});
}

const trustOf = (role: RecordedResource) => JSON.parse(role.inputs.assumeRolePolicy as string);

/** Everything allowed, as the broadest policy an organisation might attach: only an explicit deny stops a request. */
const allowEverything = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] };

/** The decision for one request by a role holding `allowEverything` and the given inline policy. */
async function decide(roleName: string, inline: object, action: string, resource: string): Promise<string> {
    const response = await runSimulation({
        request: { principal: `arn:aws:iam::${account}:role/${roleName}`, action, resource: { resource, accountId: account }, contextVariables: {} },
        identityPolicies: [{ name: "attached", policy: allowEverything }, { name: "inline", policy: inline }],
        serviceControlPolicies: [],
        resourceControlPolicies: [],
    }, {});
    if (response.resultType === "error") {
        throw new Error(`${action} ${resource}: ${JSON.stringify(response.errors)}`);
    }
    return response.overallResult;
}

describe("Bootstrap (CI's own roles, outside the platform stacks)", () => {
    let result: PreviewResult;
    before(async () => {
        result = await bootstrap();
        expect(result.error).to.equal(undefined);
    });

    describe("config", () => {
        const valid = {
            repository: "example/platform",
            region: "eu-central-1",
            stacks: [{ stack: "staging", environment: "staging" }],
            deployPolicyArns: [`arn:aws:iam::${account}:policy/platform-deploy`],
        };
        const problems = (overrides: Record<string, unknown>) => resolveBootstrapConfig({ ...valid, ...overrides }).problems;

        it("accepts the example and applies the defaults", () => {
            const check = resolveBootstrapConfig(valid);
            expect(check.problems).to.deep.equal([]);
            expect(check.resolved).to.deep.include({ defaultBranch: "main", department: "platform-engineering", githubOidcProviderArn: undefined });
        });

        it("names each problem on one line", () => {
            expect(problems({ repository: "platform" })).to.deep.equal(['repository: found "platform"; expected a GitHub repository as owner/name']);
            expect(problems({ region: undefined })).to.deep.equal(['region: missing; expected an AWS region, e.g. "eu-central-1"']);
            expect(problems({ stacks: [] })).to.deep.equal(["stacks: found []; expected a list of {stack, environment}, one per platform stack of this account"]);
            expect(problems({ stacks: [{ stack: "prod" }] })).to.deep.equal(["stacks[0].environment: missing; expected a GitHub environment name: letters, digits, '.', '_' or '-'"]);
            expect(problems({ stacks: [{ stack: "prod", environment: "prod:*" }] })).to.deep.equal([`stacks[0].environment: found "prod:*"; expected a GitHub environment name: letters, digits, '.', '_' or '-'`]);
            expect(problems({ defaultBranch: "" })).to.deep.equal(['defaultBranch: found ""; expected a branch name']);
            expect(problems({ department: "" })).to.deep.equal(['department: found ""; expected the owning department\'s name']);
            expect(problems({ githubOidcProviderArn: `arn:aws:iam::${account}:oidc-provider/gitlab.com` })).to.deep.equal([
                `githubOidcProviderArn: found "arn:aws:iam::${account}:oidc-provider/gitlab.com"; expected the ARN of the account's IAM OIDC provider for token.actions.githubusercontent.com`,
            ]);
        });

        it("accepts only regions AWS has, not names shaped like one", () => {
            expect(problems({ region: "eu-central-9" })).to.deep.equal(['region: found "eu-central-9"; expected an AWS region, e.g. "eu-central-1"']);
            expect(problems({ region: "us-east-2" })).to.deep.equal([]);
        });

        it("reports a stack listed twice as a config problem, before two roles could claim one name", async () => {
            const twice = [{ stack: "staging", environment: "staging" }, { stack: "prod", environment: "production" }, { stack: "staging", environment: "staging-2" }];
            expect(problems({ stacks: twice })).to.deep.equal(['stacks[2].stack: found "staging"; expected a stack not listed before (stacks[0] has it)']);
            const bad = await bootstrap({ "platform-bootstrap:stacks": twice });
            expect(bad.error).to.contain('platform-bootstrap:stacks[2].stack: found "staging"; expected a stack not listed before (stacks[0] has it)');
            expect(bad.resources.filter((resource) => resource.custom)).to.deep.equal([]);
        });

        it("refuses the AWS managed admin policies the pack denies, and anything but a policy ARN", () => {
            for (const arn of ["arn:aws:iam::aws:policy/AdministratorAccess", "arn:aws:iam::aws:policy/PowerUserAccess", "arn:aws:iam::aws:policy/IAMFullAccess", "*"]) {
                expect(problems({ deployPolicyArns: [arn] })).to.deep.equal([
                    `deployPolicyArns[0]: found ${JSON.stringify(arn)}; expected an IAM policy ARN other than AdministratorAccess, PowerUserAccess, IAMFullAccess`,
                ]);
            }
            expect(problems({ deployPolicyArns: undefined })).to.deep.equal(["deployPolicyArns: missing; expected the ARNs of the policies a deploy role needs"]);
        });

        it("fails the program with every problem before any resource registers", async () => {
            const bad = await bootstrap({ "platform-bootstrap:repository": undefined, "platform-bootstrap:stacks": [] });
            expect(bad.error).to.contain("platform-bootstrap:repository: missing;");
            expect(bad.error).to.contain("platform-bootstrap:stacks: found [];");
            expect(bad.resources.filter((resource) => resource.custom)).to.deep.equal([]);
        });
    });

    describe("the deploy role", () => {
        const deployTrust = () => trustOf(named(result, "aws:iam/role:Role", "staging-deploy"));

        it("is assumable by the repository's jobs in the stack's GitHub environment", async () => {
            expect(await assume(deployTrust(), { sub: "repo:example/platform:environment:staging" })).to.equal("Allowed");
        });

        it("is denied to another repository, another environment, pull requests, branches and other audiences", async () => {
            for (const sub of [
                "repo:example/platform-fork:environment:staging",
                "repo:other/platform:environment:staging",
                "repo:example/platform:environment:production",
                "repo:example/platform:pull_request",
                "repo:example/platform:ref:refs/heads/main",
                "repo:example/platform:environment:staging-preview",
            ]) {
                expect(await assume(deployTrust(), { sub }), sub).to.equal("ImplicitlyDenied");
            }
            expect(await assume(deployTrust(), { sub: "repo:example/platform:environment:staging", aud: "https://github.com/example" })).to.equal("ImplicitlyDenied");
        });

        it("trusts only GitHub's OIDC provider, which the stack creates and protects", () => {
            const provider = named(result, "aws:iam/openIdConnectProvider:OpenIdConnectProvider", "github");
            expect(provider.inputs).to.deep.include({ url: "https://token.actions.githubusercontent.com", clientIdLists: ["sts.amazonaws.com"] });
            expect(provider.protect).to.equal(true);
            expect(deployTrust().Statement.map((statement: { Principal: unknown }) => statement.Principal)).to.deep.equal([{ Federated: provider.outputs.arn }]);
        });

        it("gets exactly the configured policies and the guard", () => {
            const attachments = ofType(result, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").filter((a) => a.name.startsWith("staging-deploy"));
            expect(attachments.map((a) => a.inputs.policyArn)).to.deep.equal([`arn:aws:iam::${account}:policy/platform-deploy`]);
            expect(ofType(result, "aws:iam/rolePolicy:RolePolicy").filter((p) => p.name.startsWith("staging-deploy")).map((p) => p.name)).to.deep.equal(["staging-deploy-guard"]);
        });

        it("cannot widen itself, another stack's CI roles or the GitHub provider, whatever its policies allow (IAM simulation)", async () => {
            const deploy = named(result, "aws:iam/role:Role", "staging-deploy");
            const guard = named(result, "aws:iam/rolePolicy:RolePolicy", "staging-deploy-guard");
            expect(guard.inputs.role).to.equal(deploy.outputs.name);
            const policy = JSON.parse(guard.inputs.policy as string);
            const can = (action: string, resource: string) => decide(deploy.inputs.name as string, policy, action, resource);
            const role = (name: string) => `arn:aws:iam::${account}:role/${name}`;
            expect(await can("iam:AttachRolePolicy", role(deploy.inputs.name as string))).to.equal("ExplicitlyDenied");
            expect(await can("iam:PutRolePolicy", role("platform-staging-deploy"))).to.equal("ExplicitlyDenied");
            expect(await can("iam:DeleteRolePolicy", role("platform-staging-deploy"))).to.equal("ExplicitlyDenied");
            expect(await can("iam:UpdateAssumeRolePolicy", role("platform-prod-deploy"))).to.equal("ExplicitlyDenied");
            expect(await can("iam:AttachRolePolicy", role("platform-prod-preview"))).to.equal("ExplicitlyDenied");
            expect(await can("iam:UpdateOpenIDConnectProviderThumbprint", githubProvider)).to.equal("ExplicitlyDenied");
            // What the platform stacks create stays the deploy policies' business.
            expect(await can("iam:AttachRolePolicy", role("grocery-prod-task"))).to.equal("Allowed");
        });

        it("lasts four hours, as long as a first production up may take", () => {
            expect(named(result, "aws:iam/role:Role", "staging-deploy").inputs.maxSessionDuration).to.equal(4 * 3600);
        });
    });

    describe("the preview role", () => {
        const previewTrust = () => trustOf(named(result, "aws:iam/role:Role", "staging-preview"));

        it("is assumable by the repository's pull requests and by its default branch (the drift report)", async () => {
            expect(await assume(previewTrust(), { sub: "repo:example/platform:pull_request" })).to.equal("Allowed");
            expect(await assume(previewTrust(), { sub: "repo:example/platform:ref:refs/heads/main" })).to.equal("Allowed");
        });

        it("is denied to another repository, other branches and deploy environments", async () => {
            for (const sub of ["repo:other/platform:pull_request", "repo:example/platform:ref:refs/heads/feature", "repo:example/platform:environment:staging"]) {
                expect(await assume(previewTrust(), { sub }), sub).to.equal("ImplicitlyDenied");
            }
        });

        it("reads the account's configuration but not its data", () => {
            const attachments = ofType(result, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").filter((a) => a.name.startsWith("staging-preview"));
            expect(attachments.map((a) => a.inputs.policyArn)).to.deep.equal(["arn:aws:iam::aws:policy/ReadOnlyAccess"]);
            const deny = JSON.parse(named(result, "aws:iam/rolePolicy:RolePolicy", "staging-preview-no-data-reads").inputs.policy as string);
            expect(deny.Statement).to.have.length(1);
            expect(deny.Statement[0]).to.deep.include({ Effect: "Deny", Resource: "*" });
            expect(deny.Statement[0].Action).to.include.members(["s3:GetObject", "secretsmanager:GetSecretValue", "kms:Decrypt", "ssm:GetParameter", "dynamodb:Scan"]);
        });

        it("is denied every data read ReadOnlyAccess allows, and still describes (IAM simulation)", async () => {
            const preview = named(result, "aws:iam/role:Role", "staging-preview");
            const deny = JSON.parse(named(result, "aws:iam/rolePolicy:RolePolicy", "staging-preview-no-data-reads").inputs.policy as string);
            const can = (action: string, resource: string) => decide(preview.inputs.name as string, deny, action, resource);
            const arn = (service: string, rest: string) => `arn:aws:${service}:eu-central-1:${account}:${rest}`;
            const logGroup = arn("logs", "log-group:/ecs/grocery-prod:*");
            const dataReads: [string, string][] = [
                ["s3:GetObject", "arn:aws:s3:::grocery-prod-uploads/a.jpg"],
                ["secretsmanager:GetSecretValue", arn("secretsmanager", "secret:grocery-prod/cache-auth-token-AbCdEf")],
                ["kms:Decrypt", arn("kms", "key/1234abcd-12ab-34cd-56ef-1234567890ab")],
                ["ssm:GetParameter", arn("ssm", "parameter/db")],
                ["logs:GetLogEvents", `${logGroup.slice(0, -2)}:log-stream:app`],
                ["logs:FilterLogEvents", logGroup],
                ["logs:StartQuery", logGroup],
                ["logs:GetQueryResults", "*"],
                ["logs:StartLiveTail", logGroup],
                ["logs:GetLogRecord", "*"],
                ["ecr:BatchGetImage", arn("ecr", "repository/grocery-prod")],
                ["ecr:GetDownloadUrlForLayer", arn("ecr", "repository/grocery-prod")],
                ["rds:DownloadDBLogFilePortion", arn("rds", "db:grocery-prod")],
                ["rds:DownloadCompleteDBLogFile", arn("rds", "db:grocery-prod")],
                ["ec2:GetPasswordData", arn("ec2", "instance/i-0123456789abcdef0")],
                ["ec2:GetConsoleOutput", arn("ec2", "instance/i-0123456789abcdef0")],
                ["dynamodb:PartiQLSelect", arn("dynamodb", "table/orders")],
                ["dynamodb:GetRecords", arn("dynamodb", "table/orders/stream/2026-01-01T00:00:00.000")],
                ["sqs:ReceiveMessage", arn("sqs", "orders")],
                ["kinesis:GetRecords", arn("kinesis", "stream/orders")],
                ["athena:GetQueryResults", arn("athena", "workgroup/primary")],
            ];
            for (const [action, resource] of dataReads) {
                expect(await can(action, resource), action).to.equal("ExplicitlyDenied");
            }
            expect(await can("logs:DescribeLogGroups", "*")).to.equal("Allowed");
            expect(await can("ecr:DescribeRepositories", arn("ecr", "repository/grocery-prod"))).to.equal("Allowed");
            expect(await can("secretsmanager:DescribeSecret", arn("secretsmanager", "secret:grocery-prod/cache-auth-token-AbCdEf"))).to.equal("Allowed");
        });
    });

    it("reuses an account's existing GitHub OIDC provider instead of creating one", async () => {
        const existing = await bootstrap({ "platform-bootstrap:githubOidcProviderArn": githubProvider });
        expect(ofType(existing, "aws:iam/openIdConnectProvider:OpenIdConnectProvider")).to.deep.equal([]);
        expect(trustOf(named(existing, "aws:iam/role:Role", "staging-deploy")).Statement[0].Principal).to.deep.equal({ Federated: githubProvider });
    });

    it("passes the policy pack: GitHub subjects pinned to one repository are what irsa-trust-pinned asks", () => {
        expect(result.violations.map((v) => `${v.policyName} ${v.urn.split("::").pop()}`)).to.deep.equal([]);
    });
});
