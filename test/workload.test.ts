import { expect } from "chai";
import * as path from "path";
import { clusterIssuerNames } from "../components/ingress/args";
import { PreviewResult } from "../engine/preview";
import { named, ofType, previewOnce, previewStack } from "./helpers/preview";

const T = {
    namespace: "kubernetes:core/v1:Namespace",
    serviceAccount: "kubernetes:core/v1:ServiceAccount",
    deployment: "kubernetes:apps/v1:Deployment",
    pdb: "kubernetes:policy/v1:PodDisruptionBudget",
    service: "kubernetes:core/v1:Service",
    ingress: "kubernetes:networking.k8s.io/v1:Ingress",
    release: "kubernetes:helm.sh/v3:Release",
    networkPolicy: "kubernetes:networking.k8s.io/v1:NetworkPolicy",
};

const labels = { "app.kubernetes.io/name": "hello", "app.kubernetes.io/managed-by": "pulumi" };
const hosts: Record<string, Record<string, string>> = {
    staging: { eks: "hello.eks.staging.platform.example.com", sks: "hello-sks.staging.platform.example.com" },
    prod: { eks: "hello.eks.platform.example.com", sks: "hello-sks.platform.example.com" },
};

const fixture = path.join(__dirname, "fixtures", "ingress-component");
const scenario = (name: string) => previewStack("test", { root: fixture, policyPack: false, configOverrides: { "ingress-component-fixture:scenario": name } });

describe("service workload template", () => {
    for (const stack of ["staging", "prod"]) {
        for (const cluster of ["eks", "sks"] as const) {
            describe(`${stack}, ${cluster}`, () => {
                const part = (result: PreviewResult, type: string, role: string) => named(result, type, `${cluster}-hello-${role}`);

                it("runs two probed, bounded replicas as a non-root user on a read-only filesystem", async () => {
                    const result = await previewOnce(stack);
                    const deployment = part(result, T.deployment, "deployment");
                    expect(deployment.inputs.metadata).to.deep.include({ name: "hello", namespace: "hello" });
                    expect(deployment.inputs.spec.replicas).to.equal(2);
                    expect(deployment.inputs.spec.selector).to.deep.equal({ matchLabels: labels });
                    const pod = deployment.inputs.spec.template.spec;
                    expect(pod.automountServiceAccountToken).to.equal(false);
                    expect(pod.securityContext).to.deep.equal({ runAsNonRoot: true, runAsUser: 65532, runAsGroup: 65532, seccompProfile: { type: "RuntimeDefault" } });
                    expect(pod.containers).to.have.length(1);
                    const [container] = pod.containers;
                    expect(container.image).to.equal("us-docker.pkg.dev/google-samples/containers/gke/hello-app:1.0@sha256:8e836aef1ec98bf41189a7b14fa94434e97244fa9106461bef02d0696da20af8");
                    expect(container.ports).to.deep.equal([{ name: "http", containerPort: 8080, protocol: "TCP" }]);
                    expect(container.readinessProbe).to.deep.equal({ httpGet: { path: "/", port: "http" }, periodSeconds: 5, timeoutSeconds: 2, failureThreshold: 3 });
                    expect(container.livenessProbe).to.deep.equal({ httpGet: { path: "/", port: "http" }, initialDelaySeconds: 10, periodSeconds: 10, timeoutSeconds: 2, failureThreshold: 3 });
                    expect(container.resources).to.deep.equal({ requests: { cpu: "50m", memory: "64Mi" }, limits: { cpu: "250m", memory: "128Mi" } });
                    expect(container.securityContext).to.deep.equal({
                        allowPrivilegeEscalation: false,
                        readOnlyRootFilesystem: true,
                        runAsNonRoot: true,
                        capabilities: { drop: ["ALL"] },
                    });
                });

                it("keeps one replica up through voluntary disruptions", async () => {
                    const result = await previewOnce(stack);
                    expect(part(result, T.pdb, "pdb").inputs.spec).to.deep.equal({ maxUnavailable: 1, selector: { matchLabels: labels } });
                });

                it("gives the service an account without a token and a namespace enforcing restricted Pod Security", async () => {
                    const result = await previewOnce(stack);
                    expect(part(result, T.serviceAccount, "sa").inputs.automountServiceAccountToken).to.equal(false);
                    const namespace = ofType(result, T.namespace).find((candidate) => candidate.name.startsWith(`${cluster}-hello-namespace`))!;
                    expect(namespace.inputs.metadata.labels).to.deep.include({ "pod-security.kubernetes.io/enforce": "restricted" });
                    expect(part(result, T.service, "service").inputs.spec).to.deep.equal({
                        type: "ClusterIP",
                        selector: labels,
                        ports: [{ name: "http", port: 80, targetPort: "http", protocol: "TCP" }],
                    });
                });

                it("publishes the host through the cluster's ingress class once the controller and issuers exist", async () => {
                    const result = await previewOnce(stack);
                    const ingress = part(result, T.ingress, "ingress");
                    const host = hosts[stack][cluster];
                    expect(ingress.inputs.spec.rules).to.deep.equal([{
                        host,
                        http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "hello", port: { name: "http" } } } }] },
                    }]);
                    const controller = named(result, T.release, cluster === "eks" ? "eks-ingress-alb-controller" : "sks-ingress-ingress-nginx");
                    expect(ingress.dependencies).to.include(controller.urn);
                    const issuers = ofType(result, "kubernetes:cert-manager.io/v1:ClusterIssuer").filter((issuer) => issuer.name.startsWith(`${cluster}-ingress-`));
                    expect(issuers.map((issuer) => issuer.inputs.metadata.name)).to.have.members([...clusterIssuerNames]);
                    expect(ingress.dependencies).to.include.members(issuers.map((issuer) => issuer.urn));
                    expect(result.outputs.sampleUrls).to.include(`https://${host}`);
                });
            });
        }
    }

    describe("ingress per cluster kind", () => {
        it("on EKS: an internet-facing ALB to pod IPs, HTTPS only, the zone's ACM certificate by host", async () => {
            const ingress = named(await previewOnce("staging"), T.ingress, "eks-hello-ingress");
            expect(ingress.inputs.spec.ingressClassName).to.equal("alb");
            expect(ingress.inputs.metadata.annotations).to.deep.equal({
                "external-dns.alpha.kubernetes.io/hostname": hosts.staging.eks,
                "alb.ingress.kubernetes.io/scheme": "internet-facing",
                "alb.ingress.kubernetes.io/target-type": "ip",
                "alb.ingress.kubernetes.io/listen-ports": '[{"HTTP":80},{"HTTPS":443}]',
                "alb.ingress.kubernetes.io/ssl-redirect": "443",
                "alb.ingress.kubernetes.io/ssl-policy": "ELBSecurityPolicy-TLS13-1-2-2021-06",
                "alb.ingress.kubernetes.io/healthcheck-path": "/",
            });
            expect(ingress.inputs.spec.tls).to.deep.equal([{ hosts: [hosts.staging.eks] }]);
        });

        for (const [stack, issuer] of [["staging", "letsencrypt-staging"], ["prod", "letsencrypt-production"]]) {
            it(`on SKS in ${stack}: nginx, with the TLS secret issued by ${issuer}`, async () => {
                const ingress = named(await previewOnce(stack), T.ingress, "sks-hello-ingress");
                expect(ingress.inputs.spec.ingressClassName).to.equal("nginx");
                expect(ingress.inputs.metadata.annotations).to.deep.equal({
                    "external-dns.alpha.kubernetes.io/hostname": hosts[stack].sks,
                    "cert-manager.io/cluster-issuer": issuer,
                    "nginx.ingress.kubernetes.io/ssl-redirect": "true",
                });
                expect(ingress.inputs.spec.tls).to.deep.equal([{ hosts: [hosts[stack].sks], secretName: "hello-tls" }]);
            });
        }

        const backendPolicies = async (cluster: "eks" | "sks") => {
            const result = await previewOnce("staging");
            const policies = ofType(result, T.networkPolicy).filter((policy) => policy.name.startsWith(`${cluster}-hello-namespace-`));
            const fromLoadBalancer = policies.find((policy) => policy.inputs.metadata.name === "allow-ingress-load-balancer")!;
            return { names: policies.map((policy) => policy.inputs.metadata.name).sort(), ingress: fromLoadBalancer.inputs.spec.ingress };
        };

        it("on SKS: the namespace denies everything but DNS and ingress-nginx's requests to the service's port", async () => {
            const { names, ingress } = await backendPolicies("sks");
            expect(names).to.deep.equal(["allow-dns", "allow-ingress-load-balancer", "default-deny"]);
            expect(ingress).to.deep.equal([{
                from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "ingress-nginx" } }, podSelector: { matchLabels: { "app.kubernetes.io/component": "controller" } } }],
                ports: [{ protocol: "TCP", port: 8080 }],
            }]);
        });

        it("on EKS: the namespace denies everything but DNS and requests from the public subnets (the ALB's, never pods') to the service's port", async () => {
            const { names, ingress } = await backendPolicies("eks");
            expect(names).to.deep.equal(["allow-dns", "allow-ingress-load-balancer", "default-deny"]);
            // Staging's 10.20.0.0/16 over two AZs: public subnets take the last quarter in sixteenths.
            expect(ingress).to.deep.equal([{ from: [{ ipBlock: { cidr: "10.20.192.0/20" } }, { ipBlock: { cidr: "10.20.208.0/20" } }], ports: [{ protocol: "TCP", port: 8080 }] }]);
        });
    });

    describe("guards", () => {
        it("builds the whole template from the required args alone, on either cluster kind", async () => {
            for (const kind of ["eks", "sks"]) {
                const result = await scenario(`${kind}-defaults`);
                expect(result.error, kind).to.equal(undefined);
                expect(ofType(result, T.deployment), kind).to.have.length(1);
                expect(ofType(result, T.ingress), kind).to.have.length(1);
            }
        });

        const ingressError = (...problems: string[]) => ['IngressStack "ingress": invalid arguments:', ...problems.map((problem) => `  ${problem}`)];
        const workloadError = (...problems: string[]) => ['ServiceWorkload "app": invalid arguments:', ...problems.map((problem) => `  ${problem}`)];
        const refusals: [string, string[]][] = [
            ["eks-with-sks-args", ingressError("sks: found settings for SKS; expected none on an EKS cluster")],
            ["sks-without-sks-args", ingressError("sks: missing; expected the Exoscale and Cloudflare side (token, zones, NLB target) of an SKS cluster")],
            ["eks-without-oidc", ingressError("cluster.oidc: missing; expected the EKS cluster's OIDC identity, which IRSA needs")],
            ["cloudflare-id-on-eks", ingressError('eks.hostedZones[0].id: found "0123456789abcdef0123456789abcdef"; expected a Route 53 hosted zone id (Z...)')],
            ["no-zones", ingressError("eks.hostedZones: found []; expected at least one zone: without one ExternalDNS and cert-manager can write nowhere")],
            ["bad-email", ingressError('acmeEmail: found "ops"; expected an email address')],
            ["host-bits-in-subnet", ingressError('eks.loadBalancerSubnetCidrs: found ["10.0.193.0/20"]; expected at least one IPv4 network address in CIDR notation, each without host bits')],
            ["no-control-plane-subnets", ingressError("eks.controlPlaneSubnetCidrs: found []; expected at least one IPv4 network address in CIDR notation, each without host bits")],
            ["every-ingress-problem", ingressError(
                'acmeEmail: found "ops"; expected an email address',
                "eks.controlPlaneSubnetCidrs: found []; expected at least one IPv4 network address in CIDR notation, each without host bits",
                'eks.hostedZones[0].id: found "0123456789abcdef0123456789abcdef"; expected a Route 53 hosted zone id (Z...)',
            )],
            ["single-replica", workloadError("replicas: found 1; expected at least 2, or the disruption budget would block every node drain")],
            ["host-outside-zones", workloadError('host: found "app.other.com"; expected a host under one of the ingress stack\'s zones (eks.example.com): ExternalDNS ignores any other')],
            ["nested-eks-host", workloadError('host: found "a.b.eks.example.com"; expected a host directly under eks.example.com: the zone\'s wildcard certificate covers one label')],
            ["privileged-port", workloadError("port: found 80; expected 1024-65535 (the container runs without privileges)")],
            ["tag-only-image", workloadError('image: found "example/app:1.0"; expected an image pinned by digest, <repository>[:<tag>]@sha256:<64 hex digits>: a tag can be moved to other content')],
            ["short-digest", workloadError('image: found "example/app@sha256:0123456789abcdef"; expected an image pinned by digest, <repository>[:<tag>]@sha256:<64 hex digits>: a tag can be moved to other content')],
            ["every-workload-problem", workloadError(
                'namespace: found "App"; expected a DNS label: up to 63 lower-case letters, digits or hyphens',
                "replicas: found 1; expected at least 2, or the disruption budget would block every node drain",
                "port: found 80; expected 1024-65535 (the container runs without privileges)",
                'host: found "app.other.com"; expected a host under one of the ingress stack\'s zones (eks.example.com): ExternalDNS ignores any other',
            )],
        ];
        for (const [name, lines] of refusals) {
            it(`refuses ${name} in one error, before the refusing component registers anything, itself included`, async () => {
                const result = await scenario(name);
                expect(result.error?.split("\n")).to.deep.equal(lines);
                if (lines[0].startsWith("IngressStack")) {
                    // Only the stack and the fixture's providers.
                    expect(result.resources.filter((resource) => !resource.type.startsWith("pulumi:")).map((resource) => resource.urn)).to.deep.equal([]);
                } else {
                    // The fixture names the ServiceWorkload `app`; its IngressStack was valid and stays.
                    const refused = result.resources.filter((resource) => resource.type === "platform:workload:ServiceWorkload" || resource.name.startsWith("app"));
                    expect(refused.map((resource) => resource.urn)).to.deep.equal([]);
                }
            });
        }
    });

    describe("stack config", () => {
        const base = {
            acmeEmail: "platform-team@example.com",
            hostedZones: [{ id: "Z07393141S1PLATFORMSTG", domain: "eks.staging.platform.example.com" }],
            cloudflareZones: [{ id: "9b8e7d6c5a4f4e3d2c1b0a9f8e7d6c5b", domain: "staging.platform.example.com" }],
            sampleHosts: { eks: "hello.eks.staging.platform.example.com", sks: "hello-sks.staging.platform.example.com" },
        };
        const problems = async (ingress: object) => {
            const result = await previewStack("staging", { configOverrides: { "platform:ingress": ingress }, policyPack: false });
            expect(result.error, "the preview should fail").to.be.a("string");
            return result.error!.split("\n").slice(1).map((line) => line.trim());
        };

        it("accepts the stack file's own section", async () => {
            const result = await previewStack("staging", { configOverrides: { "platform:ingress": base }, policyPack: false });
            expect(result.error).to.equal(undefined);
        });

        const cases: [string, object, string[]][] = [
            ["a malformed hosted zone id", { ...base, hostedZones: [{ id: "z0abc", domain: base.hostedZones[0].domain }] }, [
                'platform:ingress.hostedZones[0].id: found "z0abc"; expected a Route 53 hosted zone id such as Z0123456789ABCDEFGHIJ (Z, then 1-32 upper-case letters or digits)',
            ]],
            ["a malformed Cloudflare zone id", { ...base, cloudflareZones: [{ id: "Z07393141S1PLATFORMSTG", domain: base.cloudflareZones[0].domain }] }, [
                'platform:ingress.cloudflareZones[0].id: found "Z07393141S1PLATFORMSTG"; expected a Cloudflare zone id (32 lower-case hex digits)',
            ]],
            ["an unknown ExternalDNS policy", { ...base, externalDnsPolicy: "create-only" }, [
                'platform:ingress.externalDnsPolicy: found "create-only"; allowed: sync, upsert-only',
            ]],
            ["an unknown issuer", { ...base, defaultIssuer: "letsencrypt" }, [
                'platform:ingress.defaultIssuer: found "letsencrypt"; allowed: letsencrypt-staging, letsencrypt-production',
            ]],
            ["an EKS sample host two labels below its zone", { ...base, sampleHosts: { ...base.sampleHosts, eks: "a.hello.eks.staging.platform.example.com" } }, [
                'platform:ingress.sampleHosts.eks: found "a.hello.eks.staging.platform.example.com"; expected a host directly under a hosted zone: <name>.eks.staging.platform.example.com',
            ]],
            ["an SKS sample host outside the Cloudflare zones", { ...base, sampleHosts: { ...base.sampleHosts, sks: "hello.example.org" } }, [
                'platform:ingress.sampleHosts.sks: found "hello.example.org"; expected a host under a Cloudflare zone: staging.platform.example.com',
            ]],
            ["a zone outside the stack's domain", { ...base, hostedZones: [{ id: "Z0OTHER", domain: "eks.example.org" }], sampleHosts: { ...base.sampleHosts, eks: "hello.eks.example.org" } }, [
                'platform:ingress.hostedZones[0].domain: found "eks.example.org"; expected platform:domain (staging.platform.example.com) or a zone below it',
            ]],
            ["a zone outside the stack's domain in the same run as its sample host's problem", { ...base, hostedZones: [{ id: "Z0OTHER", domain: "eks.example.org" }] }, [
                'platform:ingress.sampleHosts.eks: found "hello.eks.staging.platform.example.com"; expected a host directly under a hosted zone: <name>.eks.example.org',
                'platform:ingress.hostedZones[0].domain: found "eks.example.org"; expected platform:domain (staging.platform.example.com) or a zone below it',
            ]],
            ["a zone listed twice", { ...base, hostedZones: [base.hostedZones[0], { id: "Z0SECOND", domain: base.hostedZones[0].domain }] }, [
                'platform:ingress.hostedZones[1].domain: found "eks.staging.platform.example.com"; expected each domain once',
            ]],
            ["a bad ACME email", { ...base, acmeEmail: "platform-team" }, [
                'platform:ingress.acmeEmail: found "platform-team"; expected an email address such as platform-team@example.com',
            ]],
        ];
        for (const [what, ingress, expected] of cases) {
            it(`rejects ${what}`, async () => {
                expect(await problems(ingress)).to.deep.equal(expected);
            });
        }
    });
});
