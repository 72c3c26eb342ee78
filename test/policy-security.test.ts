import { expect } from "chai";
import { RecordedResource } from "../engine/monitor";
import { analyze, awsProvider, recorded, violationsOf } from "./helpers/policy";

const provider = awsProvider("aws-eu-central-1", { department: "data", environment: "production", project: "platform" });
const issuer = "oidc.eks.eu-central-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF";

async function violationsFor(policy: string, resource: RecordedResource): Promise<string[]> {
    return violationsOf(await analyze([provider, resource]), policy);
}

const document = (...Statement: object[]) => JSON.stringify({ Version: "2012-10-17", Statement });

function irsaRole(condition: Record<string, Record<string, unknown>>) {
    return recorded(
        "aws:iam/role:Role",
        "external-dns",
        {
            assumeRolePolicy: document({
                Effect: "Allow",
                Principal: { Federated: `arn:aws:iam::123456789012:oidc-provider/${issuer}` },
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

        it("checks role inline policies too", async () => {
            const role = recorded("aws:iam/role:Role", "ci", { assumeRolePolicy: document(), inlinePolicies: [{ name: "all", policy: document({ Effect: "Allow", Action: "*", Resource: "*" }) }] }, provider);
            expect(await violationsFor("iam-no-wildcard-admin", role)).to.deep.equal(['ci: a statement allows "*" on "*"']);
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

        it("fails a missing aud", async () => {
            const role = irsaRole({ StringEquals: { [`${issuer}:sub`]: "system:serviceaccount:external-dns:external-dns" } });
            expect(await violationsFor("irsa-trust-pinned", role)).to.deep.equal([`external-dns: StringEquals "${issuer}:aud" must be "sts.amazonaws.com"; found undefined`]);
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

        it("fails an inline security group rule open to ::/0 on a port range", async () => {
            const group = recorded("aws:ec2/securityGroup:SecurityGroup", "web", { ingress: [{ fromPort: 0, toPort: 65535, protocol: "tcp", ipv6CidrBlocks: ["::/0"] }] }, provider);
            expect(await violationsFor("security-group-public-ingress", group)).to.deep.equal(["web: ingress 0-65535 is open to ::/0; allowed public ports: 80, 443"]);
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
    });

    describe("cloudfront-viewer-security", () => {
        const distribution = (overrides: Record<string, any> = {}) =>
            recorded(
                "aws:cloudfront/distribution:Distribution",
                "site",
                {
                    viewerCertificate: { acmCertificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/x", minimumProtocolVersion: "TLSv1.2_2021", sslSupportMethod: "sni-only" },
                    defaultCacheBehavior: { viewerProtocolPolicy: "redirect-to-https" },
                    origins: [{ originId: "s3", domainName: "site.s3.eu-central-1.amazonaws.com", originAccessControlId: "E123" }],
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

        it("fails an origin read through an OAI, and the OAI itself", async () => {
            const viaOai = distribution({ origins: [{ originId: "s3", domainName: "d", s3OriginConfig: { originAccessIdentity: "origin-access-identity/cloudfront/E1" } }] });
            expect(await violationsFor("cloudfront-viewer-security", viaOai)).to.deep.equal(["site: origin s3 uses an Origin Access Identity; use originAccessControlId"]);
            const oai = recorded("aws:cloudfront/originAccessIdentity:OriginAccessIdentity", "legacy", {}, provider);
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
    });
});
