import { runSimulation } from "@cloud-copilot/iam-simulate";
import { expect } from "chai";
import * as fs from "fs";
import * as yaml from "js-yaml";
import * as path from "path";
import { PreviewResult, repositoryRoot, secretPlaceholder } from "../engine/preview";
import { isSecretWire } from "../engine/wire";
import { named, ofType, previewOnce, previewStack } from "./helpers/preview";

const T = {
    role: "aws:iam/role:Role",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
    release: "kubernetes:helm.sh/v3:Release",
    serviceAccount: "kubernetes:core/v1:ServiceAccount",
    issuer: "kubernetes:cert-manager.io/v1:ClusterIssuer",
    ingress: "kubernetes:networking.k8s.io/v1:Ingress",
    secret: "kubernetes:core/v1:Secret",
    subnet: "aws:ec2/subnet:Subnet",
    networkPolicy: "kubernetes:networking.k8s.io/v1:NetworkPolicy",
};

const stackConfig = (stack: string) =>
    (yaml.load(fs.readFileSync(path.join(repositoryRoot, `Pulumi.${stack}.yaml`), "utf8")) as { config: Record<string, any> }).config;

/** The EKS controllers: component role name, and the namespace and service account its trust policy must pin. */
const eksControllers = [
    { role: "alb-controller", namespace: "aws-load-balancer-controller", serviceAccount: "aws-load-balancer-controller" },
    { role: "external-dns", namespace: "external-dns", serviceAccount: "external-dns" },
    { role: "cert-manager", namespace: "cert-manager", serviceAccount: "cert-manager" },
];

const policyOf = (result: PreviewResult, role: string) => JSON.parse(named(result, T.rolePolicy, `eks-ingress-${role}-policy`).inputs.policy);
const releaseOf = (result: PreviewResult, name: string) => named(result, T.release, name);
const zoneArn = (id: string) => `arn:aws:route53:::hostedzone/${id}`;

/** Every string in a wire value that is not inside a secret. */
function plaintextStrings(value: unknown): string[] {
    if (isSecretWire(value)) {
        return [];
    }
    if (typeof value === "string") {
        return [value];
    }
    if (value && typeof value === "object") {
        return Object.values(value).flatMap(plaintextStrings);
    }
    return [];
}

const account = "123456789012";

/** How AWS would decide `action` on `resource` under the identity policy `policy` alone. */
async function simulate(policy: object, action: string, resource: string, contextVariables: Record<string, string>): Promise<string> {
    const result = await runSimulation({
        request: { principal: `arn:aws:sts::${account}:assumed-role/controller/session`, action, resource: { resource, accountId: account }, contextVariables },
        identityPolicies: [{ name: "controller", policy }],
        serviceControlPolicies: [],
        resourceControlPolicies: [],
    }, {});
    expect(result.resultType, JSON.stringify(result)).to.not.equal("error");
    return (result as { overallResult: string }).overallResult;
}

/** How AWS would decide a ChangeResourceRecordSets call under `policy`. */
async function route53Change(policy: object, zoneId: string, names: string[], types: string[]): Promise<string> {
    const result = await runSimulation({
        request: {
            principal: "arn:aws:sts::123456789012:assumed-role/controller/session",
            action: "route53:ChangeResourceRecordSets",
            resource: { resource: zoneArn(zoneId), accountId: "123456789012" },
            contextVariables: {
                "route53:ChangeResourceRecordSetsNormalizedRecordNames": names,
                "route53:ChangeResourceRecordSetsRecordTypes": types,
                "route53:ChangeResourceRecordSetsActions": ["UPSERT"],
            },
        },
        identityPolicies: [{ name: "controller", policy }],
        serviceControlPolicies: [],
        resourceControlPolicies: [],
    }, {});
    expect(result.resultType, JSON.stringify(result)).to.not.equal("error");
    return (result as { overallResult: string }).overallResult;
}

describe("ingress stack", () => {
    for (const stack of ["staging", "prod"]) {
        describe(`${stack}, EKS`, () => {
            const config = stackConfig(stack)["platform:ingress"];
            const zoneId: string = config.hostedZones[0].id;

            it("trusts exactly one service account per role: the cluster's OIDC provider, sub and aud pinned with StringEquals", async () => {
                const result = await previewOnce(stack);
                const providerArn = result.outputs.eksOidcProviderArn as string;
                const issuer = providerArn.split(":oidc-provider/")[1];
                for (const controller of eksControllers) {
                    const role = named(result, T.role, `eks-ingress-${controller.role}-role`);
                    expect(JSON.parse(role.inputs.assumeRolePolicy), controller.role).to.deep.equal({
                        Version: "2012-10-17",
                        Statement: [{
                            Effect: "Allow",
                            Principal: { Federated: providerArn },
                            Action: "sts:AssumeRoleWithWebIdentity",
                            Condition: {
                                StringEquals: {
                                    [`${issuer}:sub`]: `system:serviceaccount:${controller.namespace}:${controller.serviceAccount}`,
                                    [`${issuer}:aud`]: "sts.amazonaws.com",
                                },
                            },
                        }],
                    });
                    // The pinned account is the one the chart runs as, and it carries this role.
                    const account = named(result, T.serviceAccount, `eks-ingress-${controller.role}-sa`);
                    expect(account.inputs.metadata).to.deep.include({ name: controller.serviceAccount, namespace: controller.namespace });
                    expect(account.inputs.metadata.annotations).to.deep.equal({ "eks.amazonaws.com/role-arn": role.outputs.arn });
                    const release = releaseOf(result, `eks-ingress-${controller.role}`);
                    expect(release.inputs.namespace).to.equal(controller.namespace);
                    expect(release.inputs.values.serviceAccount).to.deep.equal({ create: false, name: controller.serviceAccount });
                }
            });

            it("gives the load balancer controller upstream's actions minus the WAF and Shield integrations it turns off", async () => {
                const result = await previewOnce(stack);
                const upstream = JSON.parse(fs.readFileSync(path.join(repositoryRoot, "components", "ingress", "aws-load-balancer-controller-iam-policy.json"), "utf8"));
                const actionsOf = (document: { Statement: { Action: string | string[] }[] }) => new Set(document.Statement.flatMap((statement) => [statement.Action].flat()));
                const granted = actionsOf(policyOf(result, "alb-controller"));
                const upstreamActions = actionsOf(upstream);
                const omitted = [...upstreamActions].filter((action) => !granted.has(action)).sort();
                expect(omitted).to.deep.equal([
                    "elasticloadbalancing:SetWebAcl",
                    "shield:CreateProtection",
                    "shield:DeleteProtection",
                    "shield:DescribeProtection",
                    "shield:GetSubscriptionState",
                    "waf-regional:AssociateWebACL",
                    "waf-regional:DisassociateWebACL",
                    "waf-regional:GetWebACL",
                    "waf-regional:GetWebACLForResource",
                    "wafv2:AssociateWebACL",
                    "wafv2:DisassociateWebACL",
                    "wafv2:GetWebACL",
                    "wafv2:GetWebACLForResource",
                ]);
                expect([...granted].filter((action) => !upstreamActions.has(action))).to.deep.equal([]);
                expect(releaseOf(result, "eks-ingress-alb-controller").inputs.values).to.deep.include({ enableWaf: false, enableWafv2: false, enableShield: false });
            });

            it("moves ModifyIpPools under the cluster-tag condition, on this account's load balancers", async () => {
                const result = await previewOnce(stack);
                const statements: { Sid: string; Action: string | string[] }[] = policyOf(result, "alb-controller").Statement;
                const holding = statements.filter((statement) => [statement.Action].flat().includes("elasticloadbalancing:ModifyIpPools"));
                expect(holding).to.have.length(1);
                expect(holding[0]).to.deep.include({
                    Sid: "ChangeOwnLoadBalancers",
                    Resource: [
                        `arn:aws:elasticloadbalancing:eu-central-1:${account}:loadbalancer/app/*/*`,
                        `arn:aws:elasticloadbalancing:eu-central-1:${account}:loadbalancer/net/*/*`,
                        `arn:aws:elasticloadbalancing:eu-central-1:${account}:targetgroup/*/*`,
                        `arn:aws:elasticloadbalancing:eu-central-1:${account}:listener/app/*/*/*`,
                        `arn:aws:elasticloadbalancing:eu-central-1:${account}:listener/net/*/*/*`,
                    ],
                    Condition: { StringEquals: { "aws:ResourceTag/elbv2.k8s.aws/cluster": result.outputs.eksClusterName } },
                });
            });

            it("holds the load balancer controller to its cluster's tag and VPC when AWS evaluates it", async () => {
                const result = await previewOnce(stack);
                const policy = policyOf(result, "alb-controller");
                const clusterName = result.outputs.eksClusterName as string;
                const loadBalancer = `arn:aws:elasticloadbalancing:eu-central-1:${account}:loadbalancer/app/k8s-hello-0123456789/0123456789abcdef`;
                const securityGroup = `arn:aws:ec2:eu-central-1:${account}:security-group/sg-0123456789abcdef0`;
                const vpc = (id: string) => `arn:aws:ec2:eu-central-1:${account}:vpc/${id}`;
                const tagged = (value: string) => ({ "aws:ResourceTag/elbv2.k8s.aws/cluster": value });
                expect(await simulate(policy, "elasticloadbalancing:ModifyIpPools", loadBalancer, tagged(clusterName))).to.equal("Allowed");
                expect(await simulate(policy, "elasticloadbalancing:ModifyIpPools", loadBalancer, tagged("another-cluster"))).to.equal("ImplicitlyDenied");
                expect(await simulate(policy, "elasticloadbalancing:ModifyIpPools", loadBalancer, {})).to.equal("ImplicitlyDenied");
                expect(await simulate(policy, "elasticloadbalancing:DeleteLoadBalancer", loadBalancer, tagged("another-cluster"))).to.equal("ImplicitlyDenied");
                expect(await simulate(policy, "elasticloadbalancing:CreateLoadBalancer", loadBalancer, { "aws:RequestTag/elbv2.k8s.aws/cluster": clusterName })).to.equal("Allowed");
                expect(await simulate(policy, "elasticloadbalancing:CreateLoadBalancer", loadBalancer, {})).to.equal("ImplicitlyDenied");
                expect(await simulate(policy, "ec2:AuthorizeSecurityGroupIngress", securityGroup, { "ec2:Vpc": vpc(result.outputs.vpcId as string) })).to.equal("Allowed");
                expect(await simulate(policy, "ec2:AuthorizeSecurityGroupIngress", securityGroup, { "ec2:Vpc": vpc("vpc-0ffffffffffffffff") })).to.equal("ImplicitlyDenied");
                expect(await simulate(policy, "ec2:DeleteSecurityGroup", securityGroup, tagged("another-cluster"))).to.equal("ImplicitlyDenied");
            });

            it("lets ExternalDNS change and read records in the listed zones only, and list the zones", async () => {
                expect(policyOf(await previewOnce(stack), "external-dns")).to.deep.equal({
                    Version: "2012-10-17",
                    Statement: [
                        { Sid: "ChangeRecordsInListedZones", Effect: "Allow", Action: "route53:ChangeResourceRecordSets", Resource: [zoneArn(zoneId)] },
                        { Sid: "ReadListedZones", Effect: "Allow", Action: ["route53:ListResourceRecordSets", "route53:ListTagsForResources"], Resource: [zoneArn(zoneId)] },
                        { Sid: "DiscoverZones", Effect: "Allow", Action: "route53:ListHostedZones", Resource: "*" },
                    ],
                });
            });

            it("lets cert-manager write only _acme-challenge TXT records in the listed zones", async () => {
                expect(policyOf(await previewOnce(stack), "cert-manager")).to.deep.equal({
                    Version: "2012-10-17",
                    Statement: [
                        {
                            Sid: "AcmeChallengeRecordsOnly",
                            Effect: "Allow",
                            Action: "route53:ChangeResourceRecordSets",
                            Resource: [zoneArn(zoneId)],
                            Condition: {
                                "ForAllValues:StringEquals": { "route53:ChangeResourceRecordSetsRecordTypes": ["TXT"] },
                                "ForAllValues:StringLike": { "route53:ChangeResourceRecordSetsNormalizedRecordNames": ["_acme-challenge.*"] },
                            },
                        },
                        { Sid: "ReadListedZones", Effect: "Allow", Action: "route53:ListResourceRecordSets", Resource: [zoneArn(zoneId)] },
                        { Sid: "WaitForPropagation", Effect: "Allow", Action: "route53:GetChange", Resource: "arn:aws:route53:::change/*" },
                        { Sid: "FindZones", Effect: "Allow", Action: "route53:ListHostedZonesByName", Resource: "*" },
                    ],
                });
            });

            it("grants neither DNS controller anything on hostedzone/*", async () => {
                const result = await previewOnce(stack);
                for (const role of ["external-dns", "cert-manager"]) {
                    const resources: string[] = policyOf(result, role).Statement.flatMap((statement: { Resource: string | string[] }) => [statement.Resource].flat());
                    expect(resources.filter((resource) => resource.includes("hostedzone/*")), role).to.deep.equal([]);
                }
            });

            it("holds cert-manager and ExternalDNS to those grants when AWS evaluates them", async () => {
                const result = await previewOnce(stack);
                const certManager = policyOf(result, "cert-manager");
                const externalDns = policyOf(result, "external-dns");
                const host: string = config.sampleHosts.eks;
                expect(await route53Change(certManager, zoneId, [`_acme-challenge.${host}`], ["TXT"])).to.equal("Allowed");
                expect(await route53Change(certManager, zoneId, [host], ["A"])).to.equal("ImplicitlyDenied");
                expect(await route53Change(certManager, zoneId, [`_acme-challenge.${host}`, host], ["TXT"])).to.equal("ImplicitlyDenied");
                expect(await route53Change(certManager, zoneId, [`_acme-challenge.${host}`], ["TXT", "CNAME"])).to.equal("ImplicitlyDenied");
                expect(await route53Change(certManager, "ZOTHERZONE0000001", [`_acme-challenge.${host}`], ["TXT"])).to.equal("ImplicitlyDenied");
                expect(await route53Change(externalDns, zoneId, [host], ["A"])).to.equal("Allowed");
                expect(await route53Change(externalDns, "ZOTHERZONE0000001", [host], ["A"])).to.equal("ImplicitlyDenied");
                expect(await simulate(externalDns, "route53:ListResourceRecordSets", zoneArn(zoneId), {})).to.equal("Allowed");
                expect(await simulate(externalDns, "route53:ListResourceRecordSets", zoneArn("ZOTHERZONE0000001"), {})).to.equal("ImplicitlyDenied");
            });

            it("points the charts at the cluster, its VPC and its zones", async () => {
                const result = await previewOnce(stack);
                expect(releaseOf(result, "eks-ingress-alb-controller").inputs.values).to.deep.include({
                    clusterName: result.outputs.eksClusterName,
                    region: "eu-central-1",
                    vpcId: result.outputs.vpcId,
                });
                expect(releaseOf(result, "eks-ingress-external-dns").inputs.values).to.deep.include({
                    provider: { name: "aws" },
                    domainFilters: [config.hostedZones[0].domain],
                    extraArgs: [`--zone-id-filter=${zoneId}`],
                    registry: "txt",
                    txtOwnerId: `${result.outputs.eksClusterName}-eks`,
                });
                expect(releaseOf(result, "eks-ingress-cert-manager").inputs.values.crds).to.deep.equal({ enabled: true, keep: true });
            });

            it("closes every controller namespace by default: HTTPS out, webhook calls in only from the control plane's subnets", async () => {
                const result = await previewOnce(stack);
                // The control plane's interfaces are in the subnets handed to the cluster: the primary VPC's private ones.
                const controlPlane = ofType(result, "aws:ec2/subnet:Subnet")
                    .filter((subnet) => subnet.parent?.endsWith("::primary") && subnet.name.startsWith("primary-private-"))
                    .map((subnet) => ({ ipBlock: { cidr: subnet.inputs.cidrBlock } }));
                expect(controlPlane).to.not.have.length(0);
                const policies = ofType(result, T.networkPolicy).filter((policy) => policy.name.startsWith("eks-ingress-"));
                const namesIn = (namespace: string) => policies.filter((policy) => policy.inputs.metadata.namespace === namespace).map((policy) => policy.inputs.metadata.name).sort();
                const spec = (namespace: string, name: string) => policies.find((policy) => policy.inputs.metadata.namespace === namespace && policy.inputs.metadata.name === name)!.inputs.spec;
                expect(namesIn("aws-load-balancer-controller")).to.deep.equal(["allow-dns", "allow-egress-https", "allow-ingress-webhook", "default-deny"]);
                expect(namesIn("external-dns")).to.deep.equal(["allow-dns", "allow-egress-https", "default-deny"]);
                expect(namesIn("cert-manager")).to.deep.equal(["allow-dns", "allow-egress-authoritative-dns", "allow-egress-https", "allow-ingress-webhook", "default-deny"]);
                expect(spec("aws-load-balancer-controller", "allow-ingress-webhook")).to.deep.equal({
                    podSelector: { matchLabels: { "app.kubernetes.io/name": "aws-load-balancer-controller" } },
                    policyTypes: ["Ingress"],
                    ingress: [{ from: controlPlane, ports: [{ protocol: "TCP", port: 9443 }] }],
                });
                expect(spec("cert-manager", "allow-ingress-webhook").ingress).to.deep.equal([{ from: controlPlane, ports: [{ protocol: "TCP", port: 10250 }] }]);
                for (const namespace of ["aws-load-balancer-controller", "external-dns", "cert-manager"]) {
                    expect(spec(namespace, "allow-egress-https").egress, namespace).to.deep.equal([{
                        to: [{ ipBlock: { cidr: "0.0.0.0/0", except: ["169.254.0.0/16"] } }],
                        ports: [{ protocol: "TCP", port: 443 }],
                    }]);
                }
                // Each release installs into its namespace once the namespace is closed.
                for (const controller of ["alb-controller", "external-dns", "cert-manager"]) {
                    const defaultDeny = named(result, T.networkPolicy, `eks-ingress-${controller}-ns-default-deny`);
                    expect(releaseOf(result, `eks-ingress-${controller}`).dependencies, controller).to.include(defaultDeny.urn);
                }
            });

            it("leaves Services alone: no fail-closed Service webhook that would reject the charts' Services while the controller starts", async () => {
                const result = await previewOnce(stack);
                expect(releaseOf(result, "eks-ingress-alb-controller").inputs.values.enableServiceMutatorWebhook).to.equal(false);
            });

            it("gives each zone a DNS-validated wildcard certificate for the ALB", async () => {
                const result = await previewOnce(stack);
                const domain: string = config.hostedZones[0].domain;
                const certificate = named(result, "aws:acm/certificate:Certificate", "eks-ingress-zone-cert-0");
                expect(certificate.inputs).to.deep.include({ domainName: domain, subjectAlternativeNames: [`*.${domain}`], validationMethod: "DNS" });
                const record = named(result, "aws:route53/record:Record", "eks-ingress-zone-cert-0-validation");
                expect(record.inputs.zoneId).to.equal(zoneId);
                expect(record.inputs.name).to.equal(certificate.outputs.domainValidationOptions[0].resourceRecordName);
                expect(result.outputs.eksIngressCertificateArns).to.deep.equal([certificate.outputs.arn]);
            });
        });
    }

    it("pins every chart to an exact version, and the ingress charts to their official repositories", async () => {
        // Written out, not read from `charts`: a version bump must change this test too.
        const pinned = new Map<string, { version: string; repo: string }>([
            ["aws-load-balancer-controller", { version: "1.12.0", repo: "https://aws.github.io/eks-charts" }],
            ["external-dns", { version: "1.17.0", repo: "https://kubernetes-sigs.github.io/external-dns/" }],
            ["cert-manager", { version: "v1.17.2", repo: "https://charts.jetstack.io" }],
            ["ingress-nginx", { version: "4.12.3", repo: "https://kubernetes.github.io/ingress-nginx" }],
        ]);
        for (const stack of ["staging", "prod"]) {
            const releases = ofType(await previewOnce(stack), T.release);
            expect(releases.filter((release) => pinned.has(release.inputs.chart))).to.have.length(6);
            for (const release of releases) {
                expect(release.inputs.version, release.name).to.match(/^v?\d+\.\d+\.\d+$/);
                const chart = pinned.get(release.inputs.chart);
                if (chart) {
                    expect({ version: release.inputs.version, repo: release.inputs.repositoryOpts.repo }, release.name).to.deep.equal({ version: chart.version, repo: chart.repo });
                }
            }
        }
    });

    describe("issuers and ExternalDNS policy per environment", () => {
        const sampleIssuer = (result: PreviewResult) => named(result, T.ingress, "sks-hello-ingress").inputs.metadata.annotations["cert-manager.io/cluster-issuer"];

        it("defaults staging to the Let's Encrypt staging issuer and ExternalDNS sync", async () => {
            const result = await previewOnce("staging");
            expect(sampleIssuer(result)).to.equal("letsencrypt-staging");
            expect(result.outputs.ingressDefaultIssuer).to.equal("letsencrypt-staging");
            expect(releaseOf(result, "eks-ingress-external-dns").inputs.values.policy).to.equal("sync");
            expect(releaseOf(result, "sks-ingress-external-dns").inputs.values.policy).to.equal("sync");
        });

        it("defaults production to the production issuer and ExternalDNS upsert-only", async () => {
            const result = await previewOnce("prod");
            expect(sampleIssuer(result)).to.equal("letsencrypt-production");
            expect(releaseOf(result, "eks-ingress-external-dns").inputs.values.policy).to.equal("upsert-only");
            expect(releaseOf(result, "sks-ingress-external-dns").inputs.values.policy).to.equal("upsert-only");
        });

        it("takes the issuer, the policy and more zones from config", async () => {
            const config = structuredClone(stackConfig("staging")["platform:ingress"]);
            config.defaultIssuer = "letsencrypt-production";
            config.externalDnsPolicy = "upsert-only";
            config.hostedZones.push({ id: "Z0SECONDZONE42", domain: "apps.staging.platform.example.com" });
            const result = await previewStack("staging", { configOverrides: { "platform:ingress": config }, policyPack: false });
            expect(result.error).to.equal(undefined);
            expect(sampleIssuer(result)).to.equal("letsencrypt-production");
            expect(releaseOf(result, "eks-ingress-external-dns").inputs.values.policy).to.equal("upsert-only");
            expect(policyOf(result, "external-dns").Statement[0].Resource).to.deep.equal([zoneArn(config.hostedZones[0].id), zoneArn("Z0SECONDZONE42")]);
            expect(policyOf(result, "cert-manager").Statement[0].Resource).to.deep.equal([zoneArn(config.hostedZones[0].id), zoneArn("Z0SECONDZONE42")]);
        });

        for (const stack of ["staging", "prod"]) {
            it(`gives both clusters in ${stack} a staging and a production ClusterIssuer solving DNS01 in their own zones`, async () => {
                const result = await previewOnce(stack);
                const config = stackConfig(stack)["platform:ingress"];
                const servers: Record<string, string> = {
                    "letsencrypt-staging": "https://acme-staging-v02.api.letsencrypt.org/directory",
                    "letsencrypt-production": "https://acme-v02.api.letsencrypt.org/directory",
                };
                const solvers = {
                    eks: config.hostedZones.map((zone: { id: string; domain: string }) => ({
                        selector: { dnsZones: [zone.domain] },
                        dns01: { route53: { region: "eu-central-1", hostedZoneID: zone.id } },
                    })),
                    sks: config.cloudflareZones.map((zone: { domain: string }) => ({
                        selector: { dnsZones: [zone.domain] },
                        dns01: { cloudflare: { apiTokenSecretRef: { name: "cloudflare-api-token", key: "api-token" } } },
                    })),
                };
                for (const cluster of ["eks", "sks"] as const) {
                    const issuers = ofType(result, T.issuer).filter((issuer) => issuer.name.startsWith(`${cluster}-ingress-`));
                    expect(issuers.map((issuer) => issuer.inputs.metadata.name).sort()).to.deep.equal(["letsencrypt-production", "letsencrypt-staging"]);
                    for (const issuer of issuers) {
                        const name: string = issuer.inputs.metadata.name;
                        expect(issuer.inputs.apiVersion).to.equal("cert-manager.io/v1");
                        expect(issuer.inputs.spec.acme).to.deep.equal({
                            server: servers[name],
                            email: config.acmeEmail,
                            privateKeySecretRef: { name: `${name}-account-key` },
                            solvers: solvers[cluster],
                        });
                        expect(issuer.dependencies, `${cluster} ${name}`).to.include(releaseOf(result, `${cluster}-ingress-cert-manager`).urn);
                    }
                }
            });
        }
    });

    it("tags public subnets for internet-facing load balancers and private ones for internal ones", async () => {
        const subnets = ofType(await previewOnce("prod"), T.subnet).filter((subnet) => subnet.name.startsWith("primary-"));
        expect(subnets).to.have.length(6);
        for (const subnet of subnets) {
            const expected = subnet.inputs.tags.tier === "public" ? { "kubernetes.io/role/elb": "1" } : { "kubernetes.io/role/internal-elb": "1" };
            const roleTags = Object.fromEntries(Object.entries(subnet.inputs.tags).filter(([key]) => key.startsWith("kubernetes.io/role/")));
            expect(roleTags, subnet.name).to.deep.equal(expected);
        }
    });

    describe("SKS", () => {
        it("puts ingress-nginx on fixed NodePorts behind an NLB that targets the node pool", async () => {
            const result = await previewOnce("staging");
            const nlb = named(result, "exoscale:index/nlb:Nlb", "sks-ingress-nlb");
            const pool = ofType(result, "exoscale:index/sksNodepool:SksNodepool")[0];
            for (const [listener, port, nodePort] of [["http", 80, 30080], ["https", 443, 30443]] as const) {
                const service = named(result, "exoscale:index/nlbService:NlbService", `sks-ingress-nlb-${listener}`);
                expect(service.inputs).to.deep.include({ nlbId: nlb.id, instancePoolId: pool.outputs.instancePoolId, port, targetPort: nodePort, protocol: "tcp" });
                expect(service.inputs.healthchecks).to.deep.equal([{ mode: "tcp", port: nodePort, interval: 10, timeout: 5, retries: 1 }]);
            }
            const controller = releaseOf(result, "sks-ingress-ingress-nginx").inputs.values.controller;
            expect(controller.service).to.deep.equal({ type: "NodePort", externalTrafficPolicy: "Local", nodePorts: { http: 30080, https: 30443 } });
            expect(controller.extraArgs).to.deep.equal({ "publish-status-address": nlb.outputs.ipAddress });
            expect(result.outputs.sksIngressAddress).to.equal(nlb.outputs.ipAddress);
        });

        it("hands the Cloudflare token to the cluster only inside secrets", async () => {
            const result = await previewOnce("staging");
            const token = secretPlaceholder("platform:cloudflareApiToken");
            const secrets = ofType(result, T.secret).filter((secret) => secret.name.endsWith("-cloudflare-token"));
            expect(secrets.map((secret) => secret.inputs.metadata.namespace).sort()).to.deep.equal(["cert-manager", "external-dns"]);
            for (const secret of secrets) {
                expect(isSecretWire(secret.inputsWire.stringData), secret.name).to.equal(true);
                expect(secret.inputs.stringData).to.deep.equal({ "api-token": token });
            }
            const leaks = result.resources.filter((resource) => [...plaintextStrings(resource.inputsWire), ...plaintextStrings(resource.outputsWire)].some((value) => value.includes(token)));
            expect(leaks.map((resource) => resource.urn)).to.deep.equal([]);
            const externalDns = releaseOf(result, "sks-ingress-external-dns").inputs.values;
            expect(externalDns.env).to.deep.equal([{ name: "CF_API_TOKEN", valueFrom: { secretKeyRef: { name: "cloudflare-api-token", key: "api-token" } } }]);
            expect(externalDns).to.deep.include({ provider: { name: "cloudflare" }, txtOwnerId: `${result.outputs.sksClusterName}-sks` });
        });

        it("closes every controller namespace by default and opens only what each controller needs", async () => {
            const result = await previewOnce("staging");
            const policies = ofType(result, T.networkPolicy).filter((policy) => policy.name.startsWith("sks-ingress-"));
            const namesIn = (namespace: string) => policies.filter((policy) => policy.inputs.metadata.namespace === namespace).map((policy) => policy.inputs.metadata.name).sort();
            const spec = (namespace: string, name: string) => policies.find((policy) => policy.inputs.metadata.namespace === namespace && policy.inputs.metadata.name === name)!.inputs.spec;
            expect(namesIn("ingress-nginx")).to.deep.equal(["allow-dns", "allow-egress-https", "allow-egress-workloads", "allow-ingress-clients", "allow-ingress-webhook", "default-deny"]);
            expect(namesIn("external-dns")).to.deep.equal(["allow-dns", "allow-egress-https", "default-deny"]);
            expect(namesIn("cert-manager")).to.deep.equal(["allow-dns", "allow-egress-authoritative-dns", "allow-egress-https", "allow-ingress-webhook", "default-deny"]);
            expect(spec("ingress-nginx", "allow-ingress-clients").ingress).to.deep.equal([{
                from: [{ ipBlock: { cidr: "0.0.0.0/0", except: ["169.254.0.0/16"] } }],
                ports: [{ protocol: "TCP", port: 80 }, { protocol: "TCP", port: 443 }],
            }]);
            for (const namespace of ["ingress-nginx", "external-dns", "cert-manager"]) {
                expect(spec(namespace, "allow-egress-https").egress[0].ports, namespace).to.deep.equal([{ protocol: "TCP", port: 443 }]);
            }
            expect(spec("cert-manager", "allow-ingress-webhook").ingress[0].ports).to.deep.equal([{ protocol: "TCP", port: 10250 }]);
        });
    });
});
