import { expect } from "chai";
import { RecordedResource } from "../engine/monitor";
import { PolicyPackConfig } from "../engine/analyzer";
import { unknownValue } from "@pulumi/pulumi/runtime/rpc";
import { analyze, awsProvider, recorded, violationsOf } from "./helpers/policy";

const provider = awsProvider("aws-eu-central-1", { department: "data", environment: "production", project: "platform" });
const issuer = "oidc.eks.eu-central-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF";

async function violationsFor(policy: string, resource: RecordedResource, config?: PolicyPackConfig): Promise<string[]> {
    return violationsOf(await analyze([provider, resource], config), policy);
}

const document = (...Statement: object[]) => JSON.stringify({ Version: "2012-10-17", Statement });

function irsaRole(condition: Record<string, Record<string, unknown>>, federated = `arn:aws:iam::123456789012:oidc-provider/${issuer}`) {
    return recorded(
        "aws:iam/role:Role",
        "external-dns",
        {
            assumeRolePolicy: document({
                Effect: "Allow",
                Principal: { Federated: federated },
                Action: "sts:AssumeRoleWithWebIdentity",
                Condition: condition,
            }),
        },
        provider,
    );
}

const pinned = { StringEquals: { [`${issuer}:sub`]: "system:serviceaccount:external-dns:external-dns", [`${issuer}:aud`]: "sts.amazonaws.com" } };

describe("policy: security", () => {
    describe("iam-no-wildcard-admin", () => {
        const policy = (...statements: object[]) => recorded("aws:iam/policy:Policy", "deploy", { policy: document(...statements) }, provider);

        it("passes scoped actions on named resources, and list actions on *", async () => {
            const scoped = policy(
                { Effect: "Allow", Action: ["s3:PutObject"], Resource: "arn:aws:s3:::site/*" },
                { Effect: "Allow", Action: ["route53:ListHostedZones"], Resource: "*" },
            );
            expect(await violationsFor("iam-no-wildcard-admin", scoped)).to.deep.equal([]);
        });

        it("fails * on *", async () => {
            expect(await violationsFor("iam-no-wildcard-admin", policy({ Sid: "Admin", Effect: "Allow", Action: "*", Resource: "*" }))).to.deep.equal([
                'deploy: statement "Admin" allows "*" on "*"',
            ]);
        });

        it("fails a whole service on *", async () => {
            expect(await violationsFor("iam-no-wildcard-admin", policy({ Effect: "Allow", Action: ["s3:*"], Resource: ["*"] }))).to.deep.equal([
                'deploy: a statement allows "s3:*" on "*"',
            ]);
        });

        it("fails Allow with NotAction", async () => {
            expect(await violationsFor("iam-no-wildcard-admin", policy({ Effect: "Allow", NotAction: "iam:*", Resource: "arn:aws:s3:::x" }))).to.deep.equal([
                "deploy: a statement allows NotAction, i.e. every other action",
            ]);
        });

        it("fails a wildcard action on NotResource, i.e. every resource but the listed ones", async () => {
            expect(await violationsFor("iam-no-wildcard-admin", policy({ Effect: "Allow", Action: ["s3:*"], NotResource: ["arn:aws:s3:::audit-logs/*"] }))).to.deep.equal([
                'deploy: a statement allows "s3:*" on "*"',
            ]);
        });

        it("passes a Deny of * on * (it takes permissions away)", async () => {
            expect(await violationsFor("iam-no-wildcard-admin", policy({ Sid: "Admin", Effect: "Deny", Action: "*", Resource: "*" }))).to.deep.equal([]);
        });

        it("checks role inline policies too", async () => {
            const role = recorded("aws:iam/role:Role", "ci", { assumeRolePolicy: document(), inlinePolicies: [{ name: "all", policy: document({ Effect: "Allow", Action: "*", Resource: "*" }) }] }, provider);
            expect(await violationsFor("iam-no-wildcard-admin", role)).to.deep.equal(['ci: a statement allows "*" on "*"']);
        });

        it("fails a wildcard action on an ARN pattern that names every resource", async () => {
            expect(await violationsFor("iam-no-wildcard-admin", policy({ Effect: "Allow", Action: "*", Resource: "arn:aws:*:*:*:*" }))).to.deep.equal([
                'deploy: a statement allows "*" on "arn:aws:*:*:*:*", every iam role',
            ]);
            expect(await violationsFor("iam-no-wildcard-admin", policy({ Effect: "Allow", Action: "s3:*", Resource: "arn:aws:s3:::*" }))).to.deep.equal([
                'deploy: a statement allows "s3:*" on "arn:aws:s3:::*", every s3 bucket',
            ]);
        });

        it("fails a wildcard action on shorter patterns whose wildcard spans the remaining ARN parts", async () => {
            for (const pattern of ["arn:aws:*", "arn:*", "arn:aws:*:*:123456789012:*"]) {
                expect(await violationsFor("iam-no-wildcard-admin", policy({ Effect: "Allow", Action: "*", Resource: pattern })), pattern).to.deep.equal([
                    `deploy: a statement allows "*" on "${pattern}", every iam role`,
                ]);
            }
        });

        it("fails a service's every action on every resource of one kind, in any or one account", async () => {
            const cases: [string, string, string][] = [
                ["iam:*", "arn:aws:iam::123456789012:*", "every iam role"],
                ["iam:*", "arn:aws:iam::*:role/*", "every iam role"],
                ["*", "arn:aws:iam::*:role/*", "every iam role"],
                ["sts:*", "arn:aws:iam::*:role/*", "every sts role"],
                ["kms:*", "arn:aws:kms:*:123456789012:key/*", "every kms key"],
                ["secretsmanager:*", "arn:aws:secretsmanager:eu-central-1:123456789012:secret:*", "every secretsmanager secret"],
                ["dynamodb:*", "arn:aws:dynamodb:*:*:table/*", "every dynamodb table"],
                ["s3:*", "arn:aws:s3:::*/*", "every s3 object"],
                ["cloudfront:*", "arn:aws:cloudfront::123456789012:*", "every cloudfront distribution"],
            ];
            for (const [action, pattern, kind] of cases) {
                expect(await violationsFor("iam-no-wildcard-admin", policy({ Effect: "Allow", Action: action, Resource: pattern })), `${action} ${pattern}`).to.deep.equal([
                    `deploy: a statement allows "${action}" on "${pattern}", ${kind}`,
                ]);
            }
        });

        it("passes every action on some resources of a kind, or on one resource", async () => {
            const narrow: [string, string][] = [
                ["iam:*", "arn:aws:iam::123456789012:role/ci-*"],
                ["*", "arn:aws:s3:::site-*"],
                ["s3:*", "arn:aws:s3:::bucket*"],
                ["kms:*", "arn:aws:kms:eu-central-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"],
                ["logs:*", "arn:aws:logs:eu-central-1:123456789012:log-group:/platform/*"],
            ];
            for (const [action, pattern] of narrow) {
                expect(await violationsFor("iam-no-wildcard-admin", policy({ Effect: "Allow", Action: action, Resource: pattern })), `${action} ${pattern}`).to.deep.equal([]);
            }
        });

        it("passes a whole service on one bucket's objects", async () => {
            expect(await violationsFor("iam-no-wildcard-admin", policy({ Effect: "Allow", Action: "s3:*", Resource: "arn:aws:s3:::site/*" }))).to.deep.equal([]);
        });

        describe("AWS managed policies", () => {
            const attachment = (policyArn: string) => recorded("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "ci-admin", { role: "ci", policyArn }, provider);

            it("passes a narrow AWS managed policy", async () => {
                expect(await violationsFor("iam-no-wildcard-admin", attachment("arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy"))).to.deep.equal([]);
            });

            it("fails AdministratorAccess attached to a role", async () => {
                expect(await violationsFor("iam-no-wildcard-admin", attachment("arn:aws:iam::aws:policy/AdministratorAccess"))).to.deep.equal([
                    "ci-admin: attaches the AWS managed policy AdministratorAccess; grant the actions the workload needs on its own resources",
                ]);
            });

            it("fails PowerUserAccess in a role's managedPolicyArns", async () => {
                const role = recorded("aws:iam/role:Role", "ci", { assumeRolePolicy: document(), managedPolicyArns: ["arn:aws:iam::aws:policy/PowerUserAccess"] }, provider);
                expect(await violationsFor("iam-no-wildcard-admin", role)).to.deep.equal([
                    "ci: attaches the AWS managed policy PowerUserAccess; grant the actions the workload needs on its own resources",
                ]);
            });

            it("takes the denied policies from policy pack config", async () => {
                const config = { "iam-no-wildcard-admin": { deniedManagedPolicies: ["AmazonS3FullAccess"] } };
                expect(await violationsFor("iam-no-wildcard-admin", attachment("arn:aws:iam::aws:policy/AmazonS3FullAccess"), config)).to.deep.equal([
                    "ci-admin: attaches the AWS managed policy AmazonS3FullAccess; grant the actions the workload needs on its own resources",
                ]);
                expect(await violationsFor("iam-no-wildcard-admin", attachment("arn:aws:iam::aws:policy/AdministratorAccess"), config)).to.deep.equal([]);
            });

            it("runs in a preview where the attached policy is still unknown (one the stack creates)", async () => {
                expect(await violationsFor("iam-no-wildcard-admin", attachment(unknownValue))).to.deep.equal([]);
            });

            it("judges the known ARNs of a role whose other managed policies are still unknown", async () => {
                const role = recorded("aws:iam/role:Role", "ci", { assumeRolePolicy: document(), managedPolicyArns: [unknownValue, "arn:aws:iam::aws:policy/AdministratorAccess"] }, provider);
                expect(await violationsFor("iam-no-wildcard-admin", role)).to.deep.equal([
                    "ci: attaches the AWS managed policy AdministratorAccess; grant the actions the workload needs on its own resources",
                ]);
            });
        });
    });

    describe("irsa-trust-pinned", () => {
        it("passes a trust policy pinning sub and aud with StringEquals", async () => {
            expect(await violationsFor("irsa-trust-pinned", irsaRole(pinned))).to.deep.equal([]);
        });

        it("fails a sub matched with StringLike", async () => {
            const role = irsaRole({ StringLike: { [`${issuer}:sub`]: "system:serviceaccount:*:*" }, StringEquals: { [`${issuer}:aud`]: "sts.amazonaws.com" } });
            expect(await violationsFor("irsa-trust-pinned", role)).to.deep.equal([
                `external-dns: StringEquals "${issuer}:sub" must name exactly one service account; found undefined`,
            ]);
        });

        it("fails a Federated principal that is not an IAM OIDC provider", async () => {
            expect(await violationsFor("irsa-trust-pinned", irsaRole(pinned, "cognito-identity.amazonaws.com"))).to.deep.equal([
                'external-dns: web identity principal "cognito-identity.amazonaws.com" is not exactly one IAM OIDC provider',
            ]);
        });

        it("fails a missing aud", async () => {
            const role = irsaRole({ StringEquals: { [`${issuer}:sub`]: "system:serviceaccount:external-dns:external-dns" } });
            expect(await violationsFor("irsa-trust-pinned", role)).to.deep.equal([`external-dns: StringEquals "${issuer}:aud" must be "sts.amazonaws.com"; found undefined`]);
        });

        const unpinned = [`external-dns: StringEquals "${issuer}:sub" must name exactly one service account; found undefined`, `external-dns: StringEquals "${issuer}:aud" must be "sts.amazonaws.com"; found undefined`];
        const trust = (statement: object) => recorded("aws:iam/role:Role", "external-dns", { assumeRolePolicy: document(statement) }, provider);
        const federated = { Federated: `arn:aws:iam::123456789012:oidc-provider/${issuer}` };

        it("fails an unpinned web identity trust granted through sts:*", async () => {
            expect(await violationsFor("irsa-trust-pinned", trust({ Effect: "Allow", Principal: federated, Action: "sts:*" }))).to.deep.equal(unpinned);
        });

        it("fails an unpinned web identity trust granted through NotAction", async () => {
            expect(await violationsFor("irsa-trust-pinned", trust({ Effect: "Allow", Principal: federated, NotAction: "sts:AssumeRole" }))).to.deep.equal(unpinned);
        });

        describe("GitHub Actions subjects", () => {
            const github = "token.actions.githubusercontent.com";
            const githubRole = (sub: unknown) => recorded("aws:iam/role:Role", "deploy", {
                assumeRolePolicy: document({
                    Effect: "Allow",
                    Principal: { Federated: `arn:aws:iam::123456789012:oidc-provider/${github}` },
                    Action: "sts:AssumeRoleWithWebIdentity",
                    Condition: { StringEquals: { [`${github}:aud`]: "sts.amazonaws.com", [`${github}:sub`]: sub } },
                }),
            }, provider);
            const expected = "exact subjects of one repository (repo:<owner>/<name>:environment:<environment>, :pull_request or :ref:refs/heads/<branch>)";

            it("passes one repository's environment, pull requests or branch, alone or together", async () => {
                for (const sub of [
                    "repo:example/site:environment:production",
                    "repo:example/site:pull_request",
                    ["repo:example/site:pull_request", "repo:example/site:ref:refs/heads/main"],
                ]) {
                    expect(await violationsFor("irsa-trust-pinned", githubRole(sub)), JSON.stringify(sub)).to.deep.equal([]);
                }
            });

            it("fails a wildcard, a second repository, a service account subject and an empty list", async () => {
                for (const sub of ["repo:example/site:*", ["repo:example/site:pull_request", "repo:other/site:pull_request"], "system:serviceaccount:ns:app", []]) {
                    expect(await violationsFor("irsa-trust-pinned", githubRole(sub)), JSON.stringify(sub)).to.deep.equal([
                        `deploy: StringEquals "${github}:sub" must name ${expected}; found ${JSON.stringify(sub)}`,
                    ]);
                }
            });

            it("keeps service account subjects for every other issuer", async () => {
                const role = irsaRole({ StringEquals: { [`${issuer}:sub`]: "repo:example/site:environment:production", [`${issuer}:aud`]: "sts.amazonaws.com" } });
                expect(await violationsFor("irsa-trust-pinned", role)).to.deep.equal([
                    `external-dns: StringEquals "${issuer}:sub" must name exactly one service account; found "repo:example/site:environment:production"`,
                ]);
            });
        });

        it("fails a web identity trust open to every principal", async () => {
            for (const principal of ["*", { AWS: "*" }]) {
                expect(await violationsFor("irsa-trust-pinned", trust({ Effect: "Allow", Principal: principal, Action: "sts:AssumeRoleWithWebIdentity" }))).to.deep.equal([
                    `external-dns: principal ${JSON.stringify(principal)} admits any web identity token; name exactly one IAM OIDC provider as Federated`,
                ]);
            }
        });

        it("does not judge SAML federation", async () => {
            const saml = { Federated: "arn:aws:iam::123456789012:saml-provider/okta" };
            expect(await violationsFor("irsa-trust-pinned", trust({ Effect: "Allow", Principal: saml, Action: "sts:AssumeRoleWithSAML" }))).to.deep.equal([]);
        });
    });

    describe("security-group-public-ingress", () => {
        const rule = (fromPort: number, toPort: number, cidrIpv4: string) =>
            recorded("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "lb-in", { fromPort, toPort, cidrIpv4, ipProtocol: "tcp" }, provider);

        it("passes 443 from the internet and anything from a private range", async () => {
            expect(await violationsFor("security-group-public-ingress", rule(443, 443, "0.0.0.0/0"))).to.deep.equal([]);
            expect(await violationsFor("security-group-public-ingress", rule(5432, 5432, "10.10.0.0/16"))).to.deep.equal([]);
        });

        it("fails SSH from the internet", async () => {
            expect(await violationsFor("security-group-public-ingress", rule(22, 22, "0.0.0.0/0"))).to.deep.equal([
                "lb-in: ingress 22-22 is open to 0.0.0.0/0; allowed public ports: 80, 443",
            ]);
        });

        describe("aws:ec2/securityGroupRule:SecurityGroupRule", () => {
            const legacyRule = (overrides: Record<string, unknown> = {}) =>
                recorded(
                    "aws:ec2/securityGroupRule:SecurityGroupRule",
                    "bastion-ssh",
                    { type: "ingress", securityGroupId: "sg-0123456789abcdef0", protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["10.10.0.0/16"], ...overrides },
                    provider,
                );

            it("passes SSH from a private range", async () => {
                expect(await violationsFor("security-group-public-ingress", legacyRule())).to.deep.equal([]);
            });

            it("fails SSH from the internet", async () => {
                expect(await violationsFor("security-group-public-ingress", legacyRule({ cidrBlocks: ["0.0.0.0/0"] }))).to.deep.equal([
                    "bastion-ssh: ingress 22-22 is open to 0.0.0.0/0; allowed public ports: 80, 443",
                ]);
            });

            it("does not judge an egress rule", async () => {
                expect(await violationsFor("security-group-public-ingress", legacyRule({ type: "egress", cidrBlocks: ["0.0.0.0/0"] }))).to.deep.equal([]);
            });
        });

        it("takes the allowed public ports from policy pack config", async () => {
            const config = { "security-group-public-ingress": { allowedPublicPorts: [8443] } };
            expect(await violationsFor("security-group-public-ingress", rule(8443, 8443, "0.0.0.0/0"), config)).to.deep.equal([]);
            expect(await violationsFor("security-group-public-ingress", rule(443, 443, "0.0.0.0/0"), config)).to.deep.equal([
                "lb-in: ingress 443-443 is open to 0.0.0.0/0; allowed public ports: 8443",
            ]);
        });

        it("fails an inline security group rule open to ::/0 on a port range", async () => {
            const group = recorded("aws:ec2/securityGroup:SecurityGroup", "web", { ingress: [{ fromPort: 0, toPort: 65535, protocol: "tcp", ipv6CidrBlocks: ["::/0"] }] }, provider);
            expect(await violationsFor("security-group-public-ingress", group)).to.deep.equal(["web: ingress 0-65535 is open to ::/0; allowed public ports: 80, 443"]);
        });

        it("fails an every-protocol rule from the internet, whatever ports it names (AWS ignores them)", async () => {
            const everyProtocol = recorded("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "lb-in", { fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/0", ipProtocol: "-1" }, provider);
            expect(await violationsFor("security-group-public-ingress", everyProtocol)).to.deep.equal([
                "lb-in: ingress all-all is open to 0.0.0.0/0; allowed public ports: 80, 443",
            ]);
        });
    });

    describe("ec2-imdsv2-required", () => {
        const template = (metadataOptions: object) => recorded("aws:ec2/launchTemplate:LaunchTemplate", "nodes", { metadataOptions }, provider);

        it("passes required tokens with hop limit 1", async () => {
            expect(await violationsFor("ec2-imdsv2-required", template({ httpTokens: "required", httpPutResponseHopLimit: 1, httpEndpoint: "enabled" }))).to.deep.equal([]);
        });

        it("fails optional tokens", async () => {
            expect(await violationsFor("ec2-imdsv2-required", template({ httpTokens: "optional", httpPutResponseHopLimit: 1 }))).to.deep.equal([
                'nodes: metadataOptions.httpTokens is "optional"; must be "required"',
            ]);
        });

        it("fails a hop limit that lets pods reach the node's credentials", async () => {
            expect(await violationsFor("ec2-imdsv2-required", template({ httpTokens: "required", httpPutResponseHopLimit: 2 }))).to.deep.equal([
                "nodes: metadataOptions.httpPutResponseHopLimit is 2; at most 1",
            ]);
        });

        describe("aws:ec2/instance:Instance", () => {
            const instance = (metadataOptions: object) =>
                recorded("aws:ec2/instance:Instance", "bastion", { ami: "ami-0123456789abcdef0", instanceType: "t3a.micro", metadataOptions }, provider);

            it("passes required tokens with hop limit 1", async () => {
                expect(await violationsFor("ec2-imdsv2-required", instance({ httpTokens: "required", httpPutResponseHopLimit: 1 }))).to.deep.equal([]);
            });

            it("fails httpTokens left unset (IMDSv1 stays on)", async () => {
                expect(await violationsFor("ec2-imdsv2-required", instance({ httpPutResponseHopLimit: 1 }))).to.deep.equal([
                    'bastion: metadataOptions.httpTokens is undefined; must be "required"',
                ]);
            });

            it("fails a hop limit above the maximum", async () => {
                expect(await violationsFor("ec2-imdsv2-required", instance({ httpTokens: "required", httpPutResponseHopLimit: 2 }))).to.deep.equal([
                    "bastion: metadataOptions.httpPutResponseHopLimit is 2; at most 1",
                ]);
            });

            it("takes the maximum hop limit from policy pack config", async () => {
                const config = { "ec2-imdsv2-required": { maxHopLimit: 2 } };
                expect(await violationsFor("ec2-imdsv2-required", instance({ httpTokens: "required", httpPutResponseHopLimit: 2 }), config)).to.deep.equal([]);
                expect(await violationsFor("ec2-imdsv2-required", instance({ httpTokens: "required", httpPutResponseHopLimit: 3 }), config)).to.deep.equal([
                    "bastion: metadataOptions.httpPutResponseHopLimit is 3; at most 2",
                ]);
            });
        });
    });

    describe("cloudfront-viewer-security", () => {
        const s3Origin = { originId: "s3", domainName: "site.s3.eu-central-1.amazonaws.com", originAccessControlId: "E123" };
        const distribution = (overrides: Record<string, any> = {}) =>
            recorded(
                "aws:cloudfront/distribution:Distribution",
                "site",
                {
                    viewerCertificate: { acmCertificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/x", minimumProtocolVersion: "TLSv1.2_2021", sslSupportMethod: "sni-only" },
                    defaultCacheBehavior: { viewerProtocolPolicy: "redirect-to-https" },
                    orderedCacheBehaviors: [{ pathPattern: "/assets/*", viewerProtocolPolicy: "https-only" }],
                    origins: [s3Origin],
                    priceClass: "PriceClass_100",
                    ...overrides,
                },
                provider,
            );

        it("passes HTTPS, TLSv1.2_2021 and OAC", async () => {
            expect(await violationsFor("cloudfront-viewer-security", distribution())).to.deep.equal([]);
        });

        it("fails an old TLS policy", async () => {
            const old = distribution({ viewerCertificate: { acmCertificateArn: "arn", minimumProtocolVersion: "TLSv1", sslSupportMethod: "sni-only" } });
            expect(await violationsFor("cloudfront-viewer-security", old)).to.deep.equal([
                'site: viewerCertificate.minimumProtocolVersion is "TLSv1"; allowed: TLSv1.2_2021, TLSv1.2_2025, TLSv1.3_2025',
            ]);
        });

        it("fails plain HTTP", async () => {
            expect(await violationsFor("cloudfront-viewer-security", distribution({ defaultCacheBehavior: { viewerProtocolPolicy: "allow-all" } }))).to.deep.equal([
                "site: cache behavior default allows plain HTTP; use redirect-to-https or https-only",
            ]);
        });

        it("fails plain HTTP on an ordered cache behavior", async () => {
            const plain = distribution({ orderedCacheBehaviors: [{ pathPattern: "/assets/*", viewerProtocolPolicy: "allow-all" }] });
            expect(await violationsFor("cloudfront-viewer-security", plain)).to.deep.equal([
                "site: cache behavior /assets/* allows plain HTTP; use redirect-to-https or https-only",
            ]);
        });

        it("fails an origin read through an OAI", async () => {
            const viaOai = distribution({ origins: [{ ...s3Origin, s3OriginConfig: { originAccessIdentity: "origin-access-identity/cloudfront/E1" } }] });
            expect(await violationsFor("cloudfront-viewer-security", viaOai)).to.deep.equal(["site: origin s3 uses an Origin Access Identity; use originAccessControlId"]);
        });

        it("fails an S3 bucket origin read without an Origin Access Control, at any of the bucket's REST endpoints", async () => {
            for (const domainName of ["site.s3.eu-central-1.amazonaws.com", "site.s3.amazonaws.com", "site.s3-eu-west-1.amazonaws.com", "site.s3.dualstack.eu-west-1.amazonaws.com"]) {
                const anonymous = distribution({ origins: [{ originId: "s3", domainName }] });
                expect(await violationsFor("cloudfront-viewer-security", anonymous), domainName).to.deep.equal([
                    `site: origin s3 reads S3 bucket endpoint ${domainName} without an Origin Access Control; set originAccessControlId`,
                ]);
            }
        });

        it("passes an OAC the same stack creates, still unknown in a preview, and a custom origin without one", async () => {
            const pending = distribution({ origins: [{ ...s3Origin, originAccessControlId: unknownValue }] });
            expect(await violationsFor("cloudfront-viewer-security", pending)).to.deep.equal([]);
            for (const domainName of ["site.s3-website.eu-central-1.amazonaws.com", "site.s3-website-eu-west-1.amazonaws.com"]) {
                const website = distribution({ origins: [{ originId: "web", domainName, customOriginConfig: { originProtocolPolicy: "http-only" } }] });
                expect(await violationsFor("cloudfront-viewer-security", website), domainName).to.deep.equal([]);
            }
        });

        it("fails an Origin Access Identity resource", async () => {
            const oai = recorded("aws:cloudfront/originAccessIdentity:OriginAccessIdentity", "legacy", { comment: "site" }, provider);
            expect(await violationsFor("cloudfront-viewer-security", oai)).to.deep.equal(["legacy: use an Origin Access Control instead of an Origin Access Identity"]);
        });
    });

    describe("eks-cluster-hardening", () => {
        const cluster = (overrides: Record<string, unknown> = {}) => {
            const resource = recorded(
                "eks:index:Cluster",
                "primary",
                {
                    encryptionConfigKeyArn: "arn:aws:kms:eu-central-1:123456789012:key/abc",
                    enabledClusterLogTypes: ["api", "audit", "authenticator"],
                    endpointPrivateAccess: true,
                    endpointPublicAccess: true,
                    publicAccessCidrs: ["203.0.113.0/24"],
                    ...overrides,
                },
            );
            return { ...resource, custom: false, remote: true };
        };

        it("passes an encrypted, logged cluster with a restricted endpoint", async () => {
            expect(await violationsFor("eks-cluster-hardening", cluster())).to.deep.equal([]);
        });

        it("still judges logs and endpoint in a preview where the stack's own key is unknown", async () => {
            expect(await violationsFor("eks-cluster-hardening", cluster({ encryptionConfigKeyArn: unknownValue, enabledClusterLogTypes: ["api"] }))).to.deep.equal([
                "primary: enabledClusterLogTypes misses audit, authenticator",
            ]);
        });

        it("fails a cluster without secrets encryption", async () => {
            expect(await violationsFor("eks-cluster-hardening", cluster({ encryptionConfigKeyArn: undefined }))).to.deep.equal([
                "primary: encryptionConfigKeyArn must name a KMS key for envelope encryption of secrets",
            ]);
        });

        it("fails a cluster without audit logs", async () => {
            expect(await violationsFor("eks-cluster-hardening", cluster({ enabledClusterLogTypes: ["api"] }))).to.deep.equal([
                "primary: enabledClusterLogTypes misses audit, authenticator",
            ]);
        });

        it("fails a public endpoint open to the internet, including by default", async () => {
            const expected = ["primary: the public API endpoint is open to 0.0.0.0/0; restrict publicAccessCidrs or disable endpointPublicAccess"];
            expect(await violationsFor("eks-cluster-hardening", cluster({ publicAccessCidrs: ["0.0.0.0/0"] }))).to.deep.equal(expected);
            expect(await violationsFor("eks-cluster-hardening", cluster({ publicAccessCidrs: undefined }))).to.deep.equal(expected);
        });

        it("treats an unset endpointPublicAccess with no publicAccessCidrs as public to the internet", async () => {
            expect(await violationsFor("eks-cluster-hardening", cluster({ endpointPublicAccess: undefined, publicAccessCidrs: undefined }))).to.deep.equal([
                "primary: the public API endpoint is open to 0.0.0.0/0; restrict publicAccessCidrs or disable endpointPublicAccess",
            ]);
        });

        it("does not judge publicAccessCidrs of a private-only endpoint", async () => {
            expect(await violationsFor("eks-cluster-hardening", cluster({ endpointPublicAccess: false, publicAccessCidrs: undefined }))).to.deep.equal([]);
        });

        describe("a plain aws.eks.Cluster", () => {
            const plainCluster = (overrides: Record<string, unknown> = {}, vpcConfig: Record<string, unknown> = {}) =>
                recorded("aws:eks/cluster:Cluster", "plain", {
                    roleArn: "arn:aws:iam::123456789012:role/eks",
                    encryptionConfig: { provider: { keyArn: "arn:aws:kms:eu-central-1:123456789012:key/abc" }, resources: ["secrets"] },
                    enabledClusterLogTypes: ["api", "audit", "authenticator"],
                    vpcConfig: { subnetIds: ["subnet-1", "subnet-2"], endpointPublicAccess: true, publicAccessCidrs: ["203.0.113.0/24"], ...vpcConfig },
                    ...overrides,
                }, provider);

            it("passes an encrypted, logged cluster with a restricted endpoint", async () => {
                expect(await violationsFor("eks-cluster-hardening", plainCluster())).to.deep.equal([]);
            });

            it("fails a cluster whose secrets are not envelope-encrypted", async () => {
                const expected = ['plain: encryptionConfig must encrypt resources ["secrets"] with a KMS key'];
                expect(await violationsFor("eks-cluster-hardening", plainCluster({ encryptionConfig: undefined }))).to.deep.equal(expected);
                expect(await violationsFor("eks-cluster-hardening", plainCluster({ encryptionConfig: { provider: { keyArn: "arn:aws:kms:eu-central-1:123456789012:key/abc" }, resources: [] } }))).to.deep.equal(expected);
            });

            it("fails a cluster without audit logs", async () => {
                expect(await violationsFor("eks-cluster-hardening", plainCluster({ enabledClusterLogTypes: ["api", "authenticator"] }))).to.deep.equal(["plain: enabledClusterLogTypes misses audit"]);
            });

            it("fails a public endpoint open to the internet by default", async () => {
                expect(await violationsFor("eks-cluster-hardening", plainCluster({}, { endpointPublicAccess: undefined, publicAccessCidrs: undefined }))).to.deep.equal([
                    "plain: the public API endpoint is open to 0.0.0.0/0; restrict publicAccessCidrs or disable endpointPublicAccess",
                ]);
            });
        });
    });
});
