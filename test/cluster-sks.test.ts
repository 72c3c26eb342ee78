import { expect } from "chai";
import * as fs from "fs";
import * as yaml from "js-yaml";
import * as os from "os";
import * as path from "path";
import { argoCdChart } from "../components/cluster/sks";
import { RecordedResource } from "../engine/monitor";
import { repositoryRoot } from "../engine/preview";
import { previewJson } from "../engine/render";
import * as exoscale from "../sdk/exoscale";
import { named, ofType, previewOnce, previewStack, providerOf } from "./helpers/preview";
import { PreviewResult } from "../engine/preview";

interface SchemaProperty {
    secret?: boolean;
}
interface SchemaResource {
    inputProperties: Record<string, SchemaProperty>;
    properties: Record<string, SchemaProperty>;
    requiredInputs?: string[];
}
interface ProviderSchema {
    name: string;
    pluginDownloadURL: string;
    provider: SchemaResource;
    resources: Record<string, SchemaResource>;
}

const schema = JSON.parse(fs.readFileSync(path.join(repositoryRoot, "sdk", "exoscale", "schema.json"), "utf8")) as ProviderSchema;
const day = 24 * 60 * 60;

const T = {
    cluster: "exoscale:index/sksCluster:SksCluster",
    nodepool: "exoscale:index/sksNodepool:SksNodepool",
    kubeconfig: "exoscale:index/sksKubeconfig:SksKubeconfig",
    securityGroup: "exoscale:index/securityGroup:SecurityGroup",
    rule: "exoscale:index/securityGroupRule:SecurityGroupRule",
    antiAffinity: "exoscale:index/antiAffinityGroup:AntiAffinityGroup",
    namespace: "kubernetes:core/v1:Namespace",
    networkPolicy: "kubernetes:networking.k8s.io/v1:NetworkPolicy",
};

/** Resources registered with the given provider resource. */
function onProvider(result: PreviewResult, provider: RecordedResource): RecordedResource[] {
    return result.resources.filter((resource) => providerOf(result, resource)?.urn === provider.urn);
}

/** The NetworkPolicies of one namespace, by their Kubernetes name. */
function policiesIn(result: PreviewResult, namespace: string): Map<string, any> {
    const policies = ofType(result, T.networkPolicy).filter((policy) => policy.inputs.metadata.namespace === namespace);
    return new Map(policies.map((policy) => [policy.inputs.metadata.name, policy.inputs.spec]));
}

const stagingSks = (yaml.load(fs.readFileSync(path.join(repositoryRoot, "Pulumi.staging.yaml"), "utf8")) as { config: Record<string, any> }).config["platform:sks"];

/** Previews staging with `platform:sks` changed and returns the error lines. */
async function sksProblems(change: (sks: any) => void): Promise<string[]> {
    const sks = structuredClone(stagingSks);
    change(sks);
    const result = await previewStack("staging", { configOverrides: { "platform:sks": sks }, policyPack: false });
    expect(result.error, "the preview should fail").to.be.a("string");
    expect(result.resources.map((r) => r.type)).to.deep.equal(["pulumi:pulumi:Stack"]);
    return result.error!.split("\n").slice(1).map((line) => line.trim());
}

describe("SKS cluster", () => {
    describe("control plane", () => {
        it("runs Cilium with the Exoscale CCM and CSI, labelled with department, environment and project", async () => {
            const cluster = named(await previewOnce("prod"), T.cluster, "sks-cluster");
            expect(cluster.inputs).to.include({ cni: "cilium", exoscaleCcm: true, exoscaleCsi: true, zone: "ch-gva-2", version: "1.34.3", name: "platform-prod" });
            expect(cluster.inputs.labels).to.deep.equal({ department: "platform-engineering", environment: "production", project: "platform" });
            expect(cluster.protect).to.equal(true);
        });

        it("is pro with auto-upgrade off in production, starter with auto-upgrade on in staging", async () => {
            const prod = named(await previewOnce("prod"), T.cluster, "sks-cluster");
            const staging = named(await previewOnce("staging"), T.cluster, "sks-cluster");
            expect([prod.inputs.serviceLevel, prod.inputs.autoUpgrade]).to.deep.equal(["pro", false]);
            expect([staging.inputs.serviceLevel, staging.inputs.autoUpgrade]).to.deep.equal(["starter", true]);
            expect(staging.protect).to.equal(false);
        });

        it("takes the version at creation only, so SKS's own upgrades are neither reverted nor a replacement", async () => {
            for (const stack of ["prod", "staging"]) {
                expect(named(await previewOnce(stack), T.cluster, "sks-cluster").ignoreChanges, stack).to.deep.equal(["version"]);
            }
        });

        it("exports the endpoint and zone, and the kubeconfig only as a secret", async () => {
            const result = await previewOnce("prod");
            const cluster = named(result, T.cluster, "sks-cluster");
            expect(result.outputs.sksEndpoint).to.equal(`https://${cluster.id}.sks-ch-gva-2.exo.io`);
            expect(result.outputs.sksZone).to.equal("ch-gva-2");
            expect((previewJson(result) as any).steps[0].newState.outputs.sksKubeconfig).to.equal("[secret]");
            expect(result.outputs.sksKubeconfig).to.equal(named(result, T.kubeconfig, "sks-kubeconfig").outputs.kubeconfig);
        });
    });

    describe("node pool", () => {
        it("sizes the pool from config: standard.large x3 in production, standard.medium x2 in staging", async () => {
            const prod = named(await previewOnce("prod"), T.nodepool, "sks-nodepool");
            const staging = named(await previewOnce("staging"), T.nodepool, "sks-nodepool");
            expect([prod.inputs.instanceType, prod.inputs.size]).to.deep.equal(["standard.large", 3]);
            expect([staging.inputs.instanceType, staging.inputs.size]).to.deep.equal(["standard.medium", 2]);
        });

        it("runs on its own security group and anti-affinity group, attached to nothing else", async () => {
            const result = await previewOnce("prod");
            const pool = named(result, T.nodepool, "sks-nodepool");
            const group = named(result, T.securityGroup, "sks-nodes");
            const spread = named(result, T.antiAffinity, "sks-nodes-spread");
            expect(pool.inputs.securityGroupIds).to.deep.equal([group.id]);
            expect(pool.inputs.antiAffinityGroupIds).to.deep.equal([spread.id]);
            expect(pool.inputs.clusterId).to.equal(named(result, T.cluster, "sks-cluster").id);
            const users = result.resources.filter((r) => r.type !== T.rule && JSON.stringify(r.inputs).includes(group.id!));
            expect(users.map((r) => r.name)).to.deep.equal(["sks-nodepool"]);
        });
    });

    describe("security group", () => {
        it("admits exactly kubelet, Cilium VXLAN, Cilium health and ICMP echo from its own nodes, and the ingress controller's two NodePorts", async () => {
            const result = await previewOnce("prod");
            const group = named(result, T.securityGroup, "sks-nodes");
            const rules = ofType(result, T.rule).filter((rule) => rule.inputs.securityGroupId === group.id).map(({ inputs }) => ({
                group: inputs.securityGroupId,
                type: inputs.type,
                protocol: inputs.protocol,
                ports: inputs.protocol === "ICMP" ? `icmp ${inputs.icmpType}/${inputs.icmpCode}` : `${inputs.startPort}-${inputs.endPort}`,
                source: inputs.userSecurityGroupId === group.id ? "own nodes" : (inputs.cidr ?? inputs.userSecurityGroupId ?? inputs.publicSecurityGroup),
            }));
            const own = { group: group.id, type: "INGRESS" };
            expect(rules).to.have.deep.members([
                { ...own, protocol: "TCP", ports: "10250-10250", source: "own nodes" },
                { ...own, protocol: "UDP", ports: "8472-8472", source: "own nodes" },
                { ...own, protocol: "TCP", ports: "4240-4240", source: "own nodes" },
                { ...own, protocol: "ICMP", ports: "icmp 8/0", source: "own nodes" },
                { ...own, protocol: "TCP", ports: "30080-30080", source: "0.0.0.0/0" },
                { ...own, protocol: "TCP", ports: "30443-30443", source: "0.0.0.0/0" },
            ]);
            expect(rules).to.have.length(6);
        });

        for (const stack of ["prod", "staging"]) {
            it(`${stack}: opens nothing to 0.0.0.0/0 but NodePorts 30080 and 30443, and no other CIDR at all`, async () => {
                const result = await previewOnce(stack);
                const withCidr = ofType(result, T.rule).filter((rule) => rule.inputs.cidr !== undefined || rule.inputs.publicSecurityGroup !== undefined);
                expect(withCidr.map((rule) => [rule.name, rule.inputs.protocol, rule.inputs.startPort, rule.inputs.endPort, rule.inputs.cidr])).to.deep.equal([
                    ["sks-nodeport-30080-0", "TCP", 30080, 30080, "0.0.0.0/0"],
                    ["sks-nodeport-30443-0", "TCP", 30443, 30443, "0.0.0.0/0"],
                ]);
            });

            it(`${stack}: keeps the NLB working: every port it forwards to and health-checks is one the nodes open`, async () => {
                const result = await previewOnce(stack);
                const opened = ofType(result, T.rule).filter((rule) => rule.inputs.cidr === "0.0.0.0/0").map((rule) => rule.inputs.startPort).sort();
                const services = ofType(result, "exoscale:index/nlbService:NlbService");
                expect(services).to.have.length(2);
                const used = services.flatMap((service) => [service.inputs.targetPort, ...service.inputs.healthchecks.map((check: { port: number }) => check.port)]);
                expect([...new Set(used)].sort()).to.deep.equal(opened);
            });
        }
    });

    describe("kubeconfig", () => {
        it("lives 30 days in production and 14 in staging, renews in its last quarter, never past 90 days", async () => {
            const prod = named(await previewOnce("prod"), T.kubeconfig, "sks-kubeconfig");
            const staging = named(await previewOnce("staging"), T.kubeconfig, "sks-kubeconfig");
            expect([prod.inputs.ttlSeconds, prod.inputs.earlyRenewalSeconds]).to.deep.equal([30 * day, 7.5 * day]);
            expect([staging.inputs.ttlSeconds, staging.inputs.earlyRenewalSeconds]).to.deep.equal([14 * day, 3.5 * day]);
        });

        it("authenticates the cluster's provider as group platform-admins, bound to cluster-admin, without system:masters", async () => {
            const result = await previewOnce("prod");
            const kubeconfig = named(result, T.kubeconfig, "sks-kubeconfig");
            expect(kubeconfig.inputs.groups).to.deep.equal(["platform-admins"]);
            expect(kubeconfig.inputs.user).to.equal("platform-deployer");
            const provider = named(result, "pulumi:providers:kubernetes", "sks-k8s");
            expect(provider.inputs.kubeconfig).to.equal(kubeconfig.outputs.kubeconfig);
            const binding = named(result, "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding", "sks-admins");
            expect(binding.inputs.roleRef).to.deep.equal({ apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "cluster-admin" });
            expect(binding.inputs.subjects).to.deep.equal([{ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: "platform-admins" }]);
            expect(provider.dependencies).to.include(binding.urn);
        });

        it("confines the system:masters credential to creating that one binding", async () => {
            const result = await previewOnce("prod");
            const masters = ofType(result, T.kubeconfig).filter((k) => k.inputs.groups.includes("system:masters"));
            expect(masters.map((k) => k.name)).to.deep.equal(["sks-bootstrap-kubeconfig"]);
            expect(masters[0].inputs.ttlSeconds).to.be.at.most(90 * day);
            const bootstrap = named(result, "pulumi:providers:kubernetes", "sks-bootstrap-k8s");
            expect(bootstrap.inputs.kubeconfig).to.equal(masters[0].outputs.kubeconfig);
            expect(onProvider(result, bootstrap).map((r) => r.name)).to.deep.equal(["sks-admins"]);
            expect(JSON.stringify(result.outputs)).to.not.contain(masters[0].outputs.kubeconfig);
        });
    });

    describe("namespaces", () => {
        /** Every namespace the platform creates through the SKS cluster's provider. */
        async function sksNamespaces(stack: string) {
            const result = await previewOnce(stack);
            const provider = named(result, "pulumi:providers:kubernetes", "sks-k8s");
            const namespaces = onProvider(result, provider).filter((r) => r.type === T.namespace).map((ns) => ns.inputs.metadata.name as string);
            return { result, namespaces };
        }

        for (const stack of ["prod", "staging"]) {
            it(`${stack}: every namespace denies all ingress and egress by default and allows DNS to kube-dns only`, async () => {
                const { result, namespaces } = await sksNamespaces(stack);
                expect(namespaces).to.include.members(["argocd", "workloads"]);
                for (const namespace of namespaces) {
                    const policies = policiesIn(result, namespace);
                    expect(policies.get("default-deny"), namespace).to.deep.equal({ podSelector: {}, policyTypes: ["Ingress", "Egress"] });
                    expect(policies.get("allow-dns"), namespace).to.deep.equal({
                        podSelector: {},
                        policyTypes: ["Egress"],
                        egress: [{
                            to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } }, podSelector: { matchLabels: { "k8s-app": "kube-dns" } } }],
                            ports: [{ protocol: "UDP", port: 53 }, { protocol: "TCP", port: 53 }],
                        }],
                    });
                }
            });
        }

        it("lets the ingress controller's namespace reach the workloads and Argo CD, and nothing else in", async () => {
            const { result } = await sksNamespaces("prod");
            for (const namespace of ["workloads", "argocd"]) {
                expect(policiesIn(result, namespace).get("allow-from-ingress-controller"), namespace).to.deep.equal({
                    podSelector: {},
                    policyTypes: ["Ingress"],
                    ingress: [{ from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "ingress-nginx" } } }] }],
                });
            }
            expect([...policiesIn(result, "workloads").keys()]).to.have.members(["default-deny", "allow-dns", "allow-from-ingress-controller"]);
        });

        it("gives Argo CD its own namespace, HTTPS egress and nothing more", async () => {
            const { result } = await sksNamespaces("prod");
            const policies = policiesIn(result, "argocd");
            expect([...policies.keys()]).to.have.members(["default-deny", "allow-dns", "allow-from-ingress-controller", "allow-within-namespace", "allow-egress-https"]);
            expect(policies.get("allow-egress-https")).to.deep.equal({
                podSelector: {},
                policyTypes: ["Egress"],
                egress: [{ to: [{ ipBlock: { cidr: "0.0.0.0/0" } }], ports: [{ protocol: "TCP", port: 443 }] }],
            });
            const own = [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "argocd" } } }];
            expect(policies.get("allow-within-namespace")).to.deep.equal({
                podSelector: {},
                policyTypes: ["Ingress", "Egress"],
                ingress: [{ from: own }],
                egress: [{ to: own }],
            });
        });
    });

    describe("Argo CD", () => {
        it("installs the pinned argo-cd chart from argo-helm into argocd, after its namespace policies", async () => {
            const result = await previewOnce("prod");
            const release = named(result, "kubernetes:helm.sh/v3:Release", "sks-argocd-release");
            expect(release.inputs).to.include({ chart: "argo-cd", version: "9.4.17", namespace: "argocd", createNamespace: false });
            expect(argoCdChart.version).to.match(/^\d+\.\d+\.\d+$/);
            expect(release.inputs.repositoryOpts).to.deep.equal({ repo: "https://argoproj.github.io/argo-helm" });
            expect(release.inputs.values).to.deep.equal({ dex: { enabled: false } });
            const deny = named(result, T.networkPolicy, "sks-argocd-namespace-default-deny");
            expect(release.dependencies).to.include(deny.urn);
        });

        it("bootstraps one Application from the configured repository into its own namespace, pruning and self-healing", async () => {
            const result = await previewOnce("prod");
            const application = named(result, "kubernetes:argoproj.io/v1alpha1:Application", "sks-argocd-bootstrap");
            expect(application.inputs.metadata).to.include({ name: "bootstrap", namespace: "argocd" });
            expect(application.inputs.spec).to.deep.equal({
                project: "platform-bootstrap",
                source: { repoURL: "https://github.com/example/platform-gitops.git", path: "clusters/sks-prod", targetRevision: "main" },
                destination: { server: "https://kubernetes.default.svc", namespace: "workloads" },
                syncPolicy: { automated: { prune: true, selfHeal: true } },
            });
            expect(application.dependencies).to.include(named(result, "kubernetes:helm.sh/v3:Release", "sks-argocd-release").urn);
            const staging = named(await previewOnce("staging"), "kubernetes:argoproj.io/v1alpha1:Application", "sks-argocd-bootstrap");
            expect(staging.inputs.spec.source.path).to.equal("clusters/sks-staging");
        });

        it("limits the Application's project to that repository and namespace, with no cluster-scoped resources", async () => {
            const project = named(await previewOnce("prod"), "kubernetes:argoproj.io/v1alpha1:AppProject", "sks-argocd-project");
            expect(project.inputs.spec).to.deep.include({
                sourceRepos: ["https://github.com/example/platform-gitops.git"],
                destinations: [{ server: "https://kubernetes.default.svc", namespace: "workloads" }],
                clusterResourceWhitelist: [],
            });
        });
    });

    describe("Exoscale bindings", () => {
        const tokens = Object.values(exoscale as Record<string, unknown>)
            .filter((value): value is { __pulumiType: string } => typeof value === "function" && "__pulumiType" in value)
            .map((binding) => binding.__pulumiType);

        it("bind real type tokens of the v0.66.1 schema, the provider included", () => {
            expect(tokens).to.include(schema.name);
            for (const token of tokens.filter((t) => t !== schema.name)) {
                expect(schema.resources, token).to.have.property(token);
            }
            expect(tokens).to.have.length(9);
        });

        it("declare exactly the schema's inputs, required where the schema requires them, and its outputs", () => {
            for (const token of tokens.filter((t) => t !== schema.name)) {
                const file = token.split("/")[1].split(":")[0];
                const source = fs.readFileSync(path.join(repositoryRoot, "sdk", "exoscale", `${file}.ts`), "utf8");
                const className = token.split(":")[2];
                const argsBlock = new RegExp(`export interface ${className}Args \\{([\\s\\S]*?)\\n\\}`).exec(source)![1];
                const declared = [...argsBlock.matchAll(/^ {4}(\w+)(\??): /gm)];
                const spec = schema.resources[token];
                expect(declared.map(([, name]) => name), token).to.have.members(Object.keys(spec.inputProperties));
                expect(declared.filter(([, , optional]) => optional === "").map(([, name]) => name), token).to.have.members(spec.requiredInputs ?? []);
                const outputs = [...source.matchAll(/declare readonly (\w+): pulumi\.Output/g)].map(([, name]) => name);
                expect(outputs, token).to.have.members(Object.keys(spec.properties));
            }
        });

        it("send only input names the schema knows, with every required one, for each registered resource", async () => {
            for (const stack of ["prod", "staging"]) {
                const result = await previewOnce(stack);
                for (const resource of result.resources.filter((r) => r.type.startsWith("exoscale:"))) {
                    const spec = schema.resources[resource.type];
                    expect(spec, resource.type).to.not.equal(undefined);
                    expect(Object.keys(spec.inputProperties), resource.name).to.include.members(Object.keys(resource.inputs));
                    expect(Object.keys(resource.inputs), resource.name).to.include.members(spec.requiredInputs ?? []);
                }
                const provider = named(result, "pulumi:providers:exoscale", "exoscale");
                expect(Object.keys(schema.provider.inputProperties)).to.include.members(Object.keys(provider.inputs));
            }
        });

        it("pin plugin 0.66.1 from the schema's download URL on every Exoscale resource and the explicit provider", async () => {
            const result = await previewOnce("prod");
            const provider = named(result, "pulumi:providers:exoscale", "exoscale");
            const exoscaleResources = result.resources.filter((r) => r.type.startsWith("exoscale:"));
            expect(exoscaleResources.map((r) => r.name)).to.include.members([
                "sks-cluster", "sks-nodes", "sks-nodes-spread", "sks-nodepool", "sks-kubeconfig", "sks-bootstrap-kubeconfig",
                "sks-kubelet", "sks-cilium-vxlan", "sks-cilium-health", "sks-cilium-icmp", "sks-nodeport-30080-0", "sks-nodeport-30443-0",
            ]);
            for (const resource of [provider, ...exoscaleResources]) {
                expect([resource.version, resource.pluginDownloadURL], resource.name).to.deep.equal(["0.66.1", schema.pluginDownloadURL]);
            }
            for (const resource of exoscaleResources) {
                expect(providerOf(result, resource)?.urn, resource.name).to.equal(provider.urn);
            }
        });

        it("keep the API key and secret secret on the provider", async () => {
            const result = await previewOnce("prod");
            const step = (previewJson(result) as any).steps.find((s: any) => s.newState.type === "pulumi:providers:exoscale");
            expect(step.newState.inputs).to.deep.equal({ key: "[secret]", secret: "[secret]" });
            expect(named(result, "pulumi:providers:exoscale", "exoscale").inputs.secret).to.equal("offline-secret-platform-exoscaleApiSecret");
        });
    });

    describe("config validation", () => {
        it("rejects a zone Exoscale does not have", async () => {
            expect(await sksProblems((sks) => (sks.zone = "ch-gva-1"))).to.deep.equal([
                'platform:sks.zone: found "ch-gva-1"; allowed: ch-gva-2, ch-dk-2, de-fra-1, de-muc-1, at-vie-1, at-vie-2, bg-sof-1, hr-zag-1',
            ]);
        });

        it("rejects a malformed instance type", async () => {
            expect(await sksProblems((sks) => (sks.nodepool.instanceType = "standard-large"))).to.deep.equal([
                'platform:sks.nodepool.instanceType: found "standard-large"; expected an Exoscale instance type <family>.<size> such as standard.large ' +
                    "(families: standard, cpu, memory, storage; sizes: small, medium, large, extra-large, huge, mega, titan, jumbo, colossus)",
            ]);
        });

        it("rejects a pool larger than one anti-affinity group", async () => {
            expect(await sksProblems((sks) => (sks.nodepool.size = 9))).to.deep.equal([
                "platform:sks.nodepool.size: found 9; expected at most 8 (an Exoscale anti-affinity group holds 8 instances)",
            ]);
        });

        it("rejects a kubeconfig lifetime over 90 days", async () => {
            expect(await sksProblems((sks) => (sks.kubeconfigTtlDays = 365))).to.deep.equal(["platform:sks.kubeconfigTtlDays: found 365; expected <= 90"]);
        });

        it("rejects an Argo CD repository that is not HTTPS", async () => {
            expect(await sksProblems((sks) => (sks.argocd.repoUrl = "git@github.com:example/platform-gitops.git"))).to.deep.equal([
                'platform:sks.argocd.repoUrl: found "git@github.com:example/platform-gitops.git"; expected an https:// Git repository URL such as https://github.com/example/platform-gitops.git',
            ]);
        });

        it("rejects a plaintext Exoscale API secret without echoing it", async () => {
            const project = fs.mkdtempSync(path.join(os.tmpdir(), "platform-sks-"));
            try {
                fs.copyFileSync(path.join(repositoryRoot, "Pulumi.yaml"), path.join(project, "Pulumi.yaml"));
                fs.writeFileSync(path.join(project, "package.json"), JSON.stringify({ main: path.join(repositoryRoot, "stacks", "index.ts") }));
                const staging = yaml.load(fs.readFileSync(path.join(repositoryRoot, "Pulumi.staging.yaml"), "utf8")) as { config: Record<string, unknown> };
                staging.config["platform:exoscaleApiSecret"] = "EXO-plaintext-secret-value";
                fs.writeFileSync(path.join(project, "Pulumi.plaintext.yaml"), yaml.dump(staging));
                const result = await previewStack("plaintext", { root: project, policyPack: false });
                expect(result.error!.split("\n").slice(1).map((line) => line.trim())).to.deep.equal([
                    "platform:exoscaleApiSecret: found a plaintext value; expected a secret: pulumi config set --secret exoscaleApiSecret <value> (plaintext is refused)",
                ]);
                expect(result.error).to.not.contain("EXO-plaintext-secret-value");
                expect(result.resources.map((r) => r.type)).to.deep.equal(["pulumi:pulumi:Stack"]);
            } finally {
                fs.rmSync(project, { recursive: true, force: true });
            }
        });
    });

    describe("component arguments", () => {
        const root = path.join(__dirname, "fixtures", "sks-component");
        /** The error's lines, once it is shown that nothing but the stack and the fixture's provider was registered. */
        const failure = async (argumentCase: string) => {
            const result = await previewStack("test", { root, policyPack: false, configOverrides: { "sks-fixture:case": argumentCase } });
            expect(result.resources.filter((r) => !r.type.startsWith("pulumi:")).map((r) => r.urn), "nothing registered, not even the component").to.deep.equal([]);
            return result.error?.split("\n");
        };
        const sksError = (...problems: string[]) => ['SksCluster "sks": invalid arguments:', ...problems.map((problem) => `  ${problem}`)];
        const namespaceError = (...problems: string[]) => ['PlatformNamespace "apps": invalid arguments:', ...problems.map((problem) => `  ${problem}`)];

        it("builds the cluster from the minimum arguments with the documented defaults", async () => {
            const result = await previewStack("test", { root, policyPack: false });
            expect(result.error).to.equal(undefined);
            expect(named(result, T.cluster, "sks-cluster").inputs).to.include({ serviceLevel: "pro", autoUpgrade: false, cni: "cilium", name: "sks" });
            expect(named(result, T.kubeconfig, "sks-kubeconfig").inputs).to.include({ ttlSeconds: 30 * day, earlyRenewalSeconds: 7.5 * day });
            expect(ofType(result, "platform:gitops:ArgoCd")).to.deep.equal([]);
            // No public NodePort unless asked for: only node-to-node rules.
            expect(ofType(result, T.rule).filter((rule) => rule.inputs.cidr !== undefined)).to.deep.equal([]);
        });

        it("opens each public NodePort to each source, one port per rule", async () => {
            const result = await previewStack("test", { root, policyPack: false, configOverrides: { "sks-fixture:case": "restricted-nodeports" } });
            expect(result.error).to.equal(undefined);
            const withCidr = ofType(result, T.rule).filter((rule) => rule.inputs.cidr !== undefined);
            expect(withCidr.map((rule) => [rule.name, rule.inputs.protocol, rule.inputs.startPort, rule.inputs.endPort, rule.inputs.cidr])).to.deep.equal([
                ["sks-nodeport-31000-0", "TCP", 31000, 31000, "198.51.100.0/24"],
                ["sks-nodeport-31000-1", "TCP", 31000, 31000, "203.0.113.0/24"],
            ]);
        });

        it("refuses a public NodePort outside 30000-32767 or listed twice", async () => {
            expect(await failure("bad-nodeports")).to.deep.equal(sksError(
                "publicNodePorts[0]: found 443; expected a NodePort, 30000-32767",
                "publicNodePorts[2]: found 30080; expected a port not listed before it",
            ));
        });

        it("refuses a system: admin group", async () => {
            expect(await failure("system-group")).to.deep.equal(sksError('kubeconfig.adminGroup: found "system:masters"; expected a group outside the reserved system: prefix, bound through RBAC'));
        });

        it("refuses a kubeconfig lifetime over 90 days", async () => {
            expect(await failure("ttl-too-long")).to.deep.equal(sksError("kubeconfig.ttlSeconds: found 7862400; expected 1 to 7776000 (90 days)"));
        });

        it("refuses an early renewal that is not before expiry", async () => {
            expect(await failure("renewal-after-expiry")).to.deep.equal(sksError("kubeconfig.earlyRenewalSeconds: found 604800; expected more than 0 and less than ttlSeconds (604800)"));
        });

        it("refuses a pool larger than one anti-affinity group", async () => {
            expect(await failure("pool-too-large")).to.deep.equal(sksError("nodepool.size: found 9; expected 1 to 8 (an Exoscale anti-affinity group holds 8 instances)"));
        });

        it("reports every invalid argument in one error, Argo CD's included", async () => {
            expect(await failure("every-problem")).to.deep.equal(sksError(
                'nodepool.instanceType: found "standard"; expected an Exoscale instance type <family>.<size> such as standard.large',
                "nodepool.size: found 0; expected 1 to 8 (an Exoscale anti-affinity group holds 8 instances)",
                "kubeconfig.ttlSeconds: found 7862400; expected 1 to 7776000 (90 days)",
                'kubeconfig.adminGroup: found "system:masters"; expected a group outside the reserved system: prefix, bound through RBAC',
                "publicNodePorts[0]: found 32768; expected a NodePort, 30000-32767",
                'nodePortSourceCidrs: found "0.0.0.0"; expected IPv4 network addresses in CIDR notation',
                'argocd.repoUrl: found "git@github.com:example/apps.git"; expected an https:// URL of a Git repository',
                'argocd.destinationNamespace: found "argocd"; expected a DNS label other than "argocd": workloads get a namespace of their own',
            ));
        });

        it("refuses two namespace allows with the same name", async () => {
            expect(await failure("duplicate-allow")).to.deep.equal(namespaceError('egressAllows[1].name: found "https"; expected a DNS label no other of the egressAllows has (it names the policy)'));
        });

        it("reports every invalid Argo CD argument in one error", async () => {
            expect(await failure("bad-argocd")).to.deep.equal([
                'ArgoCd "argocd": invalid arguments:',
                '  destinationNamespace: found "Apps"; expected a DNS label other than "argocd": workloads get a namespace of their own',
                '  chartVersion: found "9.x"; expected an exact chart version such as 9.4.17',
            ]);
        });

        it("reports every invalid namespace argument in one error", async () => {
            expect(await failure("bad-namespace")).to.deep.equal(namespaceError(
                'name: found "Apps"; expected a DNS label: up to 63 lower-case letters, digits or hyphens',
                'ingressAllows[0].name: found "from_lb"; expected a DNS label no other of the ingressAllows has (it names the policy)',
                "ingressAllows[0].peers: found []; expected at least one peer",
                "ingressAllows[0].ports: found []; expected at least one port",
            ));
        });
    });
});
