import { expect } from "chai";
import * as fs from "fs";
import * as yaml from "js-yaml";
import * as path from "path";
import { RecordedResource } from "../engine/monitor";
import { OFFLINE_ACCOUNT_ID } from "../engine/outputs/context";
import { PreviewResult, repositoryRoot } from "../engine/preview";
import { isSecretWire } from "../engine/wire";
import { keyDecision, logsEncryptDecision } from "./helpers/kms";
import { named, ofType, previewOnce, previewStack, providerOf } from "./helpers/preview";

const tags = (environment: string) => ({ department: "platform-engineering", environment, project: "platform" });

/** What each stack file asks for, restated so a changed value fails here. */
const expected = {
    prod: {
        environment: "production",
        clusterName: "platform-prod",
        logRetentionDays: 365,
        logTypes: ["api", "audit", "authenticator", "controllerManager", "scheduler"],
        instanceTypes: ["m7i.2xlarge", "m6i.2xlarge"],
        scaling: { minSize: 3, desiredSize: 3, maxSize: 12 },
        diskSizeGiB: 100,
    },
    staging: {
        environment: "staging",
        clusterName: "platform-staging",
        logRetentionDays: 30,
        logTypes: ["api", "audit", "authenticator"],
        instanceTypes: ["t3a.xlarge"],
        scaling: { minSize: 2, desiredSize: 2, maxSize: 4 },
        diskSizeGiB: 50,
    },
};

const pinnedAddons = {
    "vpc-cni": "v1.20.1-eksbuild.3",
    coredns: "v1.12.4-eksbuild.1",
    "kube-proxy": "v1.33.5-eksbuild.2",
    "aws-ebs-csi-driver": "v1.48.0-eksbuild.2",
};

const region = "eu-central-1";
/** An account principal whose identity policy allows every KMS action on every key. */
const administrator = `arn:aws:iam::${OFFLINE_ACCOUNT_ID}:role/platform-admin`;
const anyKms = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "kms:*", Resource: "*" }] };

const eksCluster = (result: PreviewResult) => named(result, "eks:index:Cluster", "eks-cluster");
const trustPolicy = (role: RecordedResource) => JSON.parse(role.inputs.assumeRolePolicy);
const attachedPolicies = (result: PreviewResult, role: RecordedResource) =>
    ofType(result, "aws:iam/rolePolicyAttachment:RolePolicyAttachment")
        .filter((attachment) => attachment.inputs.role === role.outputs.name)
        .map((attachment) => attachment.inputs.policyArn);

function stackEksConfig(stack: string): Record<string, any> {
    const file = yaml.load(fs.readFileSync(path.join(repositoryRoot, `Pulumi.${stack}.yaml`), "utf8")) as { config: Record<string, any> };
    return file.config["platform:eks"];
}

/** Previews a stack with `platform:eks` changed and returns the config error lines. */
async function eksProblems(stack: string, change: (eks: Record<string, any>) => void): Promise<string[]> {
    const eks = stackEksConfig(stack);
    change(eks);
    const result = await previewStack(stack, { configOverrides: { "platform:eks": eks }, policyPack: false });
    expect(result.error, "the preview should fail").to.be.a("string");
    expect(result.resources.map((r) => r.type), "nothing but the root stack is registered").to.deep.equal(["pulumi:pulumi:Stack"]);
    return result.error!.split("\n").slice(1).map((line) => line.trim());
}

describe("EKS cluster", () => {
    for (const [stack, want] of Object.entries(expected)) {
        describe(stack, () => {
            it("builds on @pulumi/eks in the primary region, handing it the region's aws provider", async () => {
                const result = await previewOnce(stack);
                const cluster = eksCluster(result);
                const awsProvider = named(result, "pulumi:providers:aws", "aws-eu-central-1");
                expect(cluster.remote).to.equal(true);
                expect(cluster.providers?.aws).to.equal(`${awsProvider.urn}::${awsProvider.id}`);
                expect(cluster.inputs.name).to.equal(want.clusterName);
                expect(cluster.inputs.version).to.equal("1.33");
                expect(cluster.inputs.vpcId).to.equal(named(result, "aws:ec2/vpc:Vpc", "primary-vpc").id);
                const privateSubnets = ofType(result, "aws:ec2/subnet:Subnet").filter((s) => s.inputs.tags.tier === "private" && s.parent?.endsWith("::primary"));
                expect(cluster.inputs.privateSubnetIds).to.deep.equal(privateSubnets.map((s) => s.id));
                expect(cluster.inputs).to.not.have.any.keys("publicSubnetIds", "subnetIds");
                expect(cluster.inputs.skipDefaultNodeGroup).to.equal(true);
            });

            it("turns on OIDC for IRSA and grants the admin and read-only roles through access entries", async () => {
                const cluster = eksCluster(await previewOnce(stack));
                const { adminRoleArn, readOnlyRoleArn } = stackEksConfig(stack);
                expect(cluster.inputs.createOidcProvider).to.equal(true);
                expect(cluster.inputs.authenticationMode).to.equal("API");
                expect(cluster.inputs.accessEntries).to.deep.equal({
                    admin: {
                        principalArn: adminRoleArn,
                        accessPolicies: { clusterAdmin: { policyArn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy", accessScope: { type: "cluster" } } },
                        tags: tags(want.environment),
                    },
                    readOnly: {
                        principalArn: readOnlyRoleArn,
                        accessPolicies: { view: { policyArn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy", accessScope: { type: "cluster" } } },
                        tags: tags(want.environment),
                    },
                });
            });

            it("encrypts secrets with its own protected, rotating KMS key", async () => {
                const result = await previewOnce(stack);
                const key = named(result, "aws:kms/key:Key", "eks-secrets");
                expect(eksCluster(result).inputs.encryptionConfigKeyArn).to.equal(key.outputs.arn);
                expect(key.inputs.enableKeyRotation).to.equal(true);
                expect(key.inputs.deletionWindowInDays).to.equal(30);
                expect(key.protect).to.equal(true);
            });

            it(`logs ${want.logTypes.join(", ")} to a log group kept ${want.logRetentionDays} days, encrypted with its own key, created first`, async () => {
                const result = await previewOnce(stack);
                const cluster = eksCluster(result);
                const logGroup = named(result, "aws:cloudwatch/logGroup:LogGroup", "eks-control-plane");
                const logKey = named(result, "aws:kms/key:Key", "eks-logs");
                expect(cluster.inputs.enabledClusterLogTypes).to.deep.equal(want.logTypes);
                expect(logGroup.inputs).to.include({
                    name: `/aws/eks/${want.clusterName}/cluster`,
                    retentionInDays: want.logRetentionDays,
                    kmsKeyId: logKey.outputs.arn,
                    deletionProtectionEnabled: true,
                });
                expect(logKey.inputs).to.include({ enableKeyRotation: true, deletionWindowInDays: 30 });
                expect(logKey.protect).to.equal(true);
                expect(cluster.dependencies).to.include(logGroup.urn);
                // The data dependency is what orders the cluster inside the remote component.
                expect(cluster.propertyDependencies.enabledClusterLogTypes).to.deep.equal([logGroup.urn]);
            });

            it("lets CloudWatch Logs use the log key for the cluster's log group only, and no account principal decrypt with it", async () => {
                const result = await previewOnce(stack);
                const logKey = named(result, "aws:kms/key:Key", "eks-logs");
                const keyPolicy = JSON.parse(logKey.inputs.policy);
                const keyArn = logKey.outputs.arn;
                const logGroupArn = (name: string) => `arn:aws:logs:${region}:${OFFLINE_ACCOUNT_ID}:log-group:${name}`;
                expect(keyPolicy.Statement.map((statement: { Sid: string }) => statement.Sid)).to.deep.equal(["AccountAdministersKey", "ControlPlaneLogsEncrypt"]);
                expect(keyPolicy.Statement[1].Condition).to.deep.equal({ ArnLike: { "kms:EncryptionContext:aws:logs:arn": [logGroupArn(`/aws/eks/${want.clusterName}/cluster`)] } });
                const encrypt = (principal: string, name: string) => logsEncryptDecision(keyPolicy, { principal, keyArn, logGroupArn: logGroupArn(name) });
                expect(await encrypt(`logs.${region}.amazonaws.com`, `/aws/eks/${want.clusterName}/cluster`)).to.equal("Allowed");
                expect(await encrypt(`logs.${region}.amazonaws.com`, `/aws/eks/${want.clusterName}-other/cluster`)).to.equal("ImplicitlyDenied");
                expect(await encrypt("logs.eu-west-1.amazonaws.com", `/aws/eks/${want.clusterName}/cluster`)).to.equal("ImplicitlyDenied");
                const decrypt = await keyDecision({ principal: administrator, identityPolicies: [anyKms], keyPolicy, action: "kms:Decrypt", keyArn });
                expect(decrypt).to.equal("ImplicitlyDenied");
            });

            it("gives the secrets key an explicit policy: the account administers it, the cluster role and EKS use it", async () => {
                const result = await previewOnce(stack);
                const key = named(result, "aws:kms/key:Key", "eks-secrets");
                const keyPolicy = JSON.parse(named(result, "aws:kms/keyPolicy:KeyPolicy", "eks-secrets").inputs.policy);
                const clusterRoleArn = eksCluster(result).outputs.eksCluster.roleArn;
                const root = `arn:aws:iam::${OFFLINE_ACCOUNT_ID}:root`;
                expect(named(result, "aws:kms/keyPolicy:KeyPolicy", "eks-secrets").inputs.keyId).to.equal(key.outputs.keyId);
                expect(keyPolicy.Statement[0]).to.deep.include({ Sid: "AccountAdministersKey", Principal: { AWS: root } });
                expect(keyPolicy.Statement[0].Action).to.not.include.members(["kms:Decrypt", "kms:Encrypt", "kms:*"]);
                expect(keyPolicy.Statement.slice(1)).to.deep.equal([
                    {
                        Sid: "AccountUsesKeyThroughEks",
                        Effect: "Allow",
                        Principal: { AWS: root },
                        Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:CreateGrant", "kms:DescribeKey"],
                        Resource: "*",
                        Condition: { StringEquals: { "kms:CallerAccount": OFFLINE_ACCOUNT_ID, "kms:ViaService": `eks.${region}.amazonaws.com` } },
                    },
                    { Sid: "ClusterRoleUsesKey", Effect: "Allow", Principal: { AWS: clusterRoleArn }, Action: ["kms:Encrypt", "kms:Decrypt", "kms:ListGrants", "kms:DescribeKey"], Resource: "*" },
                ]);
            });

            it("lets only the cluster role, and account principals through EKS, decrypt with the secrets key", async () => {
                const result = await previewOnce(stack);
                const keyArn = named(result, "aws:kms/key:Key", "eks-secrets").outputs.arn;
                const keyPolicy = JSON.parse(named(result, "aws:kms/keyPolicy:KeyPolicy", "eks-secrets").inputs.policy);
                const clusterRoleArn = eksCluster(result).outputs.eksCluster.roleArn;
                const nodeRoleArn = named(result, "aws:iam/role:Role", "eks-node").outputs.arn;
                const decide = (principal: string, identityPolicies: object[], action: string, context: Record<string, string> = {}) =>
                    keyDecision({ principal, identityPolicies, keyPolicy, action, keyArn, context });
                const throughEks = { "kms:ViaService": `eks.${region}.amazonaws.com`, "kms:CallerAccount": OFFLINE_ACCOUNT_ID };
                expect(await decide(clusterRoleArn, [], "kms:Decrypt")).to.equal("Allowed");
                expect(await decide(administrator, [anyKms], "kms:Decrypt")).to.equal("ImplicitlyDenied");
                expect(await decide(administrator, [anyKms], "kms:Decrypt", { "kms:ViaService": `s3.${region}.amazonaws.com`, "kms:CallerAccount": OFFLINE_ACCOUNT_ID })).to.equal("ImplicitlyDenied");
                expect(await decide(administrator, [anyKms], "kms:CreateGrant", throughEks)).to.equal("Allowed");
                expect(await decide(nodeRoleArn, [anyKms], "kms:Decrypt")).to.equal("ImplicitlyDenied");
                expect(await decide(administrator, [anyKms], "kms:ScheduleKeyDeletion")).to.equal("Allowed");
                expect(await decide(administrator, [], "kms:ScheduleKeyDeletion"), "administration is delegated to IAM, not granted to everyone").to.equal("ImplicitlyDenied");
            });

            it("keeps the API endpoint private, public only from the configured ranges", async () => {
                const cluster = eksCluster(await previewOnce(stack));
                expect(cluster.inputs.endpointPrivateAccess).to.equal(true);
                expect(cluster.inputs.endpointPublicAccess).to.equal(true);
                expect(cluster.inputs.publicAccessCidrs).to.deep.equal(["203.0.113.0/24", "198.51.100.17/32"]);
            });

            it("sizes the managed node group for the environment, on private subnets", async () => {
                const result = await previewOnce(stack);
                const [group] = ofType(result, "aws:eks/nodeGroup:NodeGroup");
                expect(ofType(result, "aws:eks/nodeGroup:NodeGroup")).to.have.length(1);
                expect(group.inputs.instanceTypes).to.deep.equal(want.instanceTypes);
                expect(group.inputs.scalingConfig).to.deep.equal(want.scaling);
                expect(group.inputs.amiType).to.equal("AL2023_x86_64_STANDARD");
                expect(group.inputs.clusterName).to.equal(want.clusterName);
                expect(group.inputs.subnetIds).to.deep.equal(eksCluster(result).inputs.privateSubnetIds);
                const template = named(result, "aws:ec2/launchTemplate:LaunchTemplate", "eks-general-lt");
                expect(template.inputs.blockDeviceMappings).to.deep.equal([
                    { deviceName: "/dev/xvda", ebs: { volumeSize: want.diskSizeGiB, volumeType: "gp3", encrypted: "true", deleteOnTermination: "true" } },
                ]);
            });

            it("requires IMDSv2 with a hop limit of 1 through the node group's launch template", async () => {
                const result = await previewOnce(stack);
                const template = named(result, "aws:ec2/launchTemplate:LaunchTemplate", "eks-general-lt");
                const group = named(result, "aws:eks/nodeGroup:NodeGroup", "eks-general");
                expect(template.inputs.metadataOptions).to.deep.equal({
                    httpEndpoint: "enabled",
                    httpTokens: "required",
                    httpPutResponseHopLimit: 1,
                    instanceMetadataTags: "disabled",
                });
                expect(group.inputs.launchTemplate).to.deep.equal({ id: template.id, version: "1" });
            });

            it("pins every core add-on as an EKS add-on and lets nothing install its own", async () => {
                const result = await previewOnce(stack);
                const cluster = eksCluster(result);
                const addons = ofType(result, "aws:eks/addon:Addon");
                expect(Object.fromEntries(addons.map((a) => [a.inputs.addonName, a.inputs.addonVersion]))).to.deep.equal(pinnedAddons);
                for (const addon of addons) {
                    expect(addon.inputs.clusterName).to.equal(want.clusterName);
                }
                expect(cluster.inputs.bootstrapSelfManagedAddons).to.equal(false);
                expect(cluster.inputs.useDefaultVpcCni).to.equal(true);
                expect(cluster.inputs.kubeProxyAddonOptions.enabled).to.equal(false);
                expect(cluster.inputs.corednsAddonOptions.enabled).to.equal(false);
                // Networking before nodes, Deployments after them.
                const group = named(result, "aws:eks/nodeGroup:NodeGroup", "eks-general");
                const urnOf = (addonName: string) => addons.find((a) => a.inputs.addonName === addonName)!.urn;
                expect(group.dependencies).to.include.members([urnOf("vpc-cni"), urnOf("kube-proxy")]);
                expect(named(result, "aws:eks/addon:Addon", "eks-coredns").dependencies).to.include(group.urn);
                expect(named(result, "aws:eks/addon:Addon", "eks-aws-ebs-csi-driver").dependencies).to.include(group.urn);
            });

            it("turns on the VPC CNI's network policy agent, so NetworkPolicies are enforced", async () => {
                const cni = named(await previewOnce(stack), "aws:eks/addon:Addon", "eks-vpc-cni");
                expect(JSON.parse(cni.inputs.configurationValues)).to.deep.equal({ enableNetworkPolicy: "true" });
            });

            it("gives the EBS CSI controller and the VPC CNI their own IRSA roles, trust pinned on sub and aud", async () => {
                const result = await previewOnce(stack);
                const cluster = eksCluster(result);
                const issuer = cluster.outputs.oidcIssuer;
                for (const [addonName, roleName, subject, policy] of [
                    ["aws-ebs-csi-driver", "eks-ebs-csi", "system:serviceaccount:kube-system:ebs-csi-controller-sa", "service-role/AmazonEBSCSIDriverPolicy"],
                    ["vpc-cni", "eks-vpc-cni", "system:serviceaccount:kube-system:aws-node", "AmazonEKS_CNI_Policy"],
                ]) {
                    const role = named(result, "aws:iam/role:Role", roleName);
                    expect(trustPolicy(role)).to.deep.equal({
                        Version: "2012-10-17",
                        Statement: [
                            {
                                Effect: "Allow",
                                Principal: { Federated: cluster.outputs.oidcProviderArn },
                                Action: "sts:AssumeRoleWithWebIdentity",
                                Condition: { StringEquals: { [`${issuer}:sub`]: subject, [`${issuer}:aud`]: "sts.amazonaws.com" } },
                            },
                        ],
                    });
                    expect(attachedPolicies(result, role)).to.deep.equal([`arn:aws:iam::aws:policy/${policy}`]);
                    expect(named(result, "aws:eks/addon:Addon", `eks-${addonName}`).inputs.serviceAccountRoleArn).to.equal(role.outputs.arn);
                }
            });

            it("gives nodes only the worker, ECR read-only and SSM managed policies", async () => {
                const result = await previewOnce(stack);
                const role = named(result, "aws:iam/role:Role", "eks-node");
                expect(trustPolicy(role).Statement).to.deep.equal([{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }]);
                expect(attachedPolicies(result, role)).to.have.members([
                    "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
                    "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly",
                    "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
                ]);
                expect(named(result, "aws:eks/nodeGroup:NodeGroup", "eks-general").inputs.nodeRoleArn).to.equal(role.outputs.arn);
            });

            it("tags the cluster, its node group and the instances, volumes and ENIs the group launches", async () => {
                const result = await previewOnce(stack);
                expect(eksCluster(result).inputs.tags).to.deep.equal(tags(want.environment));
                expect(named(result, "aws:eks/nodeGroup:NodeGroup", "eks-general").outputs.tagsAll).to.deep.equal(tags(want.environment));
                const template = named(result, "aws:ec2/launchTemplate:LaunchTemplate", "eks-general-lt");
                expect(template.inputs.tagSpecifications).to.deep.equal(
                    ["instance", "volume", "network-interface"].map((resourceType) => ({ resourceType, tags: { ...tags(want.environment), Name: "eks-general" } })),
                );
            });

            it("makes an encrypted gp3 StorageClass the default, through the cluster's own provider", async () => {
                const result = await previewOnce(stack);
                const storageClass = named(result, "kubernetes:storage.k8s.io/v1:StorageClass", "eks-gp3");
                expect(providerOf(result, storageClass)!.name).to.equal("eks-k8s");
                expect(storageClass.inputs.metadata).to.deep.equal({ name: "gp3", annotations: { "storageclass.kubernetes.io/is-default-class": "true" } });
                expect(storageClass.inputs.provisioner).to.equal("ebs.csi.aws.com");
                expect(storageClass.inputs.parameters).to.deep.equal({ type: "gp3", encrypted: "true", "csi.storage.k8s.io/fstype": "ext4" });
                expect(storageClass.inputs.volumeBindingMode).to.equal("WaitForFirstConsumer");
                expect(storageClass.inputs.reclaimPolicy).to.equal("Retain");
            });

            it("exposes the PlatformCluster shape, kubeconfig secret everywhere it flows", async () => {
                const result = await previewOnce(stack);
                const component = named(result, "platform:cluster:EksCluster", "eks");
                const cluster = eksCluster(result);
                expect(component.outputs).to.include({ kind: "eks", clusterName: want.clusterName, location: "eu-central-1" });
                expect(component.outputs.oidcProviderArn).to.match(
                    new RegExp(`^arn:aws:iam::${OFFLINE_ACCOUNT_ID}:oidc-provider/oidc\\.eks\\.eu-central-1\\.amazonaws\\.com/id/[0-9A-F]{32}$`),
                );
                expect(component.outputs.oidcIssuerUrl).to.equal(cluster.outputs.oidcProviderUrl);
                expect(isSecretWire(component.outputsWire.kubeconfig)).to.equal(true);
                expect(isSecretWire(named(result, "pulumi:providers:kubernetes", "eks-k8s").inputsWire.kubeconfig)).to.equal(true);
                const stackResource = ofType(result, "pulumi:pulumi:Stack")[0];
                expect(isSecretWire(stackResource.outputsWire.eksKubeconfig)).to.equal(true);
                expect(result.outputs).to.include({ eksClusterName: want.clusterName, eksOidcProviderArn: component.outputs.oidcProviderArn });
                expect(JSON.parse(String(result.outputs.eksKubeconfig)).users[0].user.exec.args).to.include.ordered.members(["--region", "eu-central-1", "eks", "get-token", "--cluster-name", want.clusterName]);
            });
        });
    }

    describe("stack config", () => {
        it("rejects a misspelt instance type, listing the family's sizes", async () => {
            expect(await eksProblems("staging", (eks) => (eks.nodeGroups[0].instanceTypes = ["t3a.xlarg"]))).to.deep.equal([
                'platform:eks.nodeGroups[0].instanceTypes[0]: found "t3a.xlarg"; expected an EC2 instance type <family>.<size>; t3a sizes: medium, large, xlarge, 2xlarge',
            ]);
        });

        it("rejects a Kubernetes version EKS does not support", async () => {
            expect(await eksProblems("staging", (eks) => (eks.version = "1.36"))).to.deep.equal([
                'platform:eks.version: found "1.36"; allowed: 1.31, 1.32, 1.33, 1.34',
            ]);
        });

        it("rejects a public endpoint open to 0.0.0.0/0 in production", async () => {
            expect(await eksProblems("prod", (eks) => (eks.publicAccessCidrs = ["203.0.113.0/24", "0.0.0.0/0"]))).to.deep.equal([
                'platform:eks.publicAccessCidrs[1]: found "0.0.0.0/0"; expected a range narrower than /0 in production: list the operators\' and CI egress ranges, or [] for a private-only endpoint',
            ]);
        });

        it("rejects node group sizes out of order", async () => {
            expect(await eksProblems("staging", (eks) => Object.assign(eks.nodeGroups[0], { minSize: 5, desiredSize: 4, maxSize: 3 }))).to.deep.equal([
                "platform:eks.nodeGroups[0].minSize: found 5; expected at most desiredSize (4)",
                "platform:eks.nodeGroups[0].desiredSize: found 4; expected at most maxSize (3)",
            ]);
        });

        it("rejects a node group mixing x86_64 and arm64 instance types", async () => {
            expect(await eksProblems("staging", (eks) => (eks.nodeGroups[0].instanceTypes = ["t3a.xlarge", "t4g.xlarge"]))).to.deep.equal([
                'platform:eks.nodeGroups[0].instanceTypes: found ["t3a.xlarge","t4g.xlarge"]; expected instance types of one architecture (x86_64 or arm64): a node group runs one AMI',
            ]);
        });

        it("rejects a kube-proxy build of another Kubernetes minor version", async () => {
            expect(await eksProblems("staging", (eks) => (eks.addons.kubeProxy = "v1.32.6-eksbuild.8"))).to.deep.equal([
                'platform:eks.addons.kubeProxy: found "v1.32.6-eksbuild.8"; expected a v1.33.x build: kube-proxy follows the cluster\'s minor version',
            ]);
        });

        it("rejects a log retention CloudWatch does not offer", async () => {
            const [line] = await eksProblems("staging", (eks) => (eks.logRetentionDays = 31));
            expect(line).to.equal(`platform:eks.logRetentionDays: found 31; expected one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731 (days CloudWatch accepts, up to the policy pack's log-retention cap of 731)`);
        });

        it("rejects a log retention longer than the policy pack's log-retention cap", async () => {
            const [line] = await eksProblems("staging", (eks) => (eks.logRetentionDays = 1096));
            expect(line).to.match(/^platform:eks\.logRetentionDays: found 1096; expected one of .*, 731 \(/);
        });

        it("rejects an access role that is not an IAM role ARN", async () => {
            expect(await eksProblems("staging", (eks) => (eks.readOnlyRoleArn = "arn:aws:iam::123456789012:user/viewer"))).to.deep.equal([
                'platform:eks.readOnlyRoleArn: found "arn:aws:iam::123456789012:user/viewer"; expected an IAM role ARN such as arn:aws:iam::123456789012:role/platform-admin',
            ]);
        });
    });

    describe("component", () => {
        const root = path.join(__dirname, "fixtures", "eks-component");
        const run = (scenario: string) => previewStack("test", { root, policyPack: false, configOverrides: { "eks-component-fixture:scenario": scenario } });

        it("defaults to a private-only endpoint, api, audit and authenticator logs kept 90 days, 50 GiB disks and deletion protection", async () => {
            const result = await run("defaults");
            expect(result.error).to.equal(undefined);
            const cluster = named(result, "eks:index:Cluster", "fixture-cluster");
            expect(cluster.inputs.name).to.equal("fixture");
            expect(cluster.inputs.endpointPrivateAccess).to.equal(true);
            expect(cluster.inputs.endpointPublicAccess).to.equal(false);
            expect(cluster.inputs).to.not.have.property("publicAccessCidrs");
            expect(cluster.inputs.deletionProtection).to.equal(true);
            const logGroup = named(result, "aws:cloudwatch/logGroup:LogGroup", "fixture-control-plane");
            expect(logGroup.inputs).to.include({ name: "/aws/eks/fixture/cluster", retentionInDays: 90, deletionProtectionEnabled: true });
            expect(cluster.inputs.enabledClusterLogTypes).to.deep.equal(["api", "audit", "authenticator"]);
            expect(named(result, "aws:ec2/launchTemplate:LaunchTemplate", "fixture-general-lt").inputs.blockDeviceMappings[0].ebs.volumeSize).to.equal(50);
        });

        /** The error's lines, once it is shown that nothing but the stack and the fixture's provider was registered. */
        const refused = async (scenario: string) => {
            const result = await run(scenario);
            expect(result.resources.filter((resource) => !resource.type.startsWith("pulumi:")).map((resource) => resource.urn)).to.deep.equal([]);
            return result.error?.split("\n");
        };

        it("refuses to run without an explicit aws provider", async () => {
            expect(await refused("no-provider")).to.deep.equal([
                'EksCluster "fixture": invalid arguments:',
                "  provider: missing; expected the explicit aws provider of the cluster's region (default providers are disabled)",
            ]);
        });

        it("refuses a node group mixing architectures", async () => {
            expect(await refused("mixed-architecture")).to.deep.equal([
                'EksCluster "fixture": invalid arguments:',
                '  nodeGroups[0].instanceTypes: found ["m7i.large","m7g.large"]; expected at least one instance type, all of one architecture (x86_64 or arm64)',
            ]);
        });

        it("reports every invalid argument in one error", async () => {
            expect(await refused("every-problem")).to.deep.equal([
                'EksCluster "fixture": invalid arguments:',
                '  version: found "1.20"; expected one of 1.31, 1.32, 1.33, 1.34',
                '  publicAccessCidrs: found "10.0.0.1/16"; expected IPv4 network addresses in CIDR notation',
                "  logRetentionDays: found 45; expected a retention CloudWatch offers: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653",
                '  controlPlaneLogTypes: found ["api","audit","kubelet","scheduler","scheduler"]; expected distinct values of api, audit, authenticator, controllerManager, scheduler, including api, audit, authenticator',
                '  nodeGroups[0].instanceTypes: found ["m7i.large","m7g.large"]; expected at least one instance type, all of one architecture (x86_64 or arm64)',
                '  nodeGroups[0]: found {"minSize":3,"desiredSize":2,"maxSize":4}; expected whole numbers with 0 <= minSize <= desiredSize <= maxSize and maxSize >= 1',
                '  nodeGroups[1].name: found "general"; expected a name no other node group has',
                '  nodeGroups[1].instanceTypes: found "m7i.gigantic"; expected an EC2 instance type <family>.<size>; m7i sizes: large, xlarge, 2xlarge, 4xlarge, 8xlarge, 12xlarge, 16xlarge, 24xlarge, 48xlarge',
                "  nodeGroups[1].diskSizeGiB: found 10; expected a whole number of GiB from 20 to 16384",
            ]);
        });
    });
});
