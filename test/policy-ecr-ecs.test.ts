import { unknownValue } from "@pulumi/pulumi/runtime/rpc";
import { expect } from "chai";
import { PolicyPackConfig } from "../engine/analyzer";
import { RecordedResource } from "../engine/monitor";
import { environmentTags, providerIn, recorded, violationsOfPolicy, withUnknown } from "./helpers/policy";

const staging = providerIn("staging");
const production = providerIn("production");

const expireUntagged = JSON.stringify({
    rules: [{ rulePriority: 1, description: "untagged", selection: { tagStatus: "untagged", countType: "sinceImagePushed", countUnit: "days", countNumber: 7 }, action: { type: "expire" } }],
});

/** An immutable repository with a lifecycle policy that expires untagged images; each case mutates one field. */
function repository(overrides: { imageTagMutability?: string; policy?: unknown; dropPolicy?: boolean; byNameOnly?: boolean } = {}): RecordedResource[] {
    const repo = recorded("aws:ecr/repository:Repository", "app", { name: "app", imageTagMutability: overrides.imageTagMutability ?? "IMMUTABLE" }, production);
    const lifecycle = recorded(
        "aws:ecr/lifecyclePolicy:LifecyclePolicy",
        "app-lifecycle",
        { repository: "app", policy: overrides.policy ?? expireUntagged },
        production,
        overrides.byNameOnly ? {} : { propertyDependencies: { repository: [repo.urn] } },
    );
    return overrides.dropPolicy ? [production, repo] : [production, repo, lifecycle];
}

describe("policy: ECR and ECS", () => {
    describe("ecr-lifecycle-policy", () => {
        const lifecycle = (resources: RecordedResource[], config?: PolicyPackConfig) => violationsOfPolicy("ecr-lifecycle-policy", resources, config);

        it("passes a repository whose lifecycle policy expires untagged images, linked by dependency or by name", async () => {
            expect(await lifecycle(repository())).to.deep.equal([]);
            expect(await lifecycle(repository({ byNameOnly: true }))).to.deep.equal([]);
        });

        it("fails a repository without a lifecycle policy", async () => {
            expect(await lifecycle(repository({ dropPolicy: true }))).to.deep.equal(["app: repository app has no lifecycle policy; add an aws.ecr.LifecyclePolicy expiring untagged and old images"]);
        });

        it("fails a lifecycle policy that never expires untagged images, unless policy pack config waives it", async () => {
            const taggedOnly = JSON.stringify({ rules: [{ rulePriority: 1, selection: { tagStatus: "tagged", tagPrefixList: ["v"], countType: "imageCountMoreThan", countNumber: 50 }, action: { type: "expire" } }] });
            expect(await lifecycle(repository({ policy: taggedOnly }))).to.deep.equal([
                'app-lifecycle: the lifecycle policy of repository app never expires untagged images; add a rule with selection.tagStatus "untagged"',
            ]);
            expect(await lifecycle(repository({ policy: taggedOnly }), { "ecr-lifecycle-policy": { requireUntaggedExpiry: false } })).to.deep.equal([]);
        });

        it("in a real preview, matches by dependency while the repository name is unknown", async () => {
            const pending = (resources: RecordedResource[]) => resources.map((resource) => (resource.type === "aws:ecr/lifecyclePolicy:LifecyclePolicy" ? withUnknown(resource, "repository") : resource));
            expect(await lifecycle(pending(repository()))).to.deep.equal([]);
            expect(await lifecycle(pending(repository({ policy: unknownValue })))).to.deep.equal([]);
        });

        it("judges at `up` repositories a policy of unknown repository may belong to", async () => {
            const [, repo, policy] = repository({ byNameOnly: true });
            expect(await lifecycle([production, repo, withUnknown(policy, "repository")])).to.deep.equal([]);
        });
    });

    describe("ecr-immutable-tags", () => {
        it("passes IMMUTABLE and fails MUTABLE or unset", async () => {
            expect(await violationsOfPolicy("ecr-immutable-tags", repository())).to.deep.equal([]);
            expect(await violationsOfPolicy("ecr-immutable-tags", repository({ imageTagMutability: "MUTABLE" }))).to.deep.equal(["app: imageTagMutability is MUTABLE; set IMMUTABLE"]);
            const unset = recorded("aws:ecr/repository:Repository", "app", { name: "app" }, production);
            expect(await violationsOfPolicy("ecr-immutable-tags", [production, unset])).to.deep.equal(["app: imageTagMutability is MUTABLE; set IMMUTABLE"]);
        });
    });

    describe("fargate-spot-outside-production", () => {
        const spot = [
            { capacityProvider: "FARGATE", weight: 1, base: 1 },
            { capacityProvider: "FARGATE_SPOT", weight: 3 },
        ];
        const service = (provider: RecordedResource, inputs: Record<string, unknown>) => recorded("aws:ecs/service:Service", "site", { desiredCount: 2, ...inputs }, provider);
        const fargateSpot = (resources: RecordedResource[], config?: PolicyPackConfig) => violationsOfPolicy("fargate-spot-outside-production", resources, config);

        it("passes part of the capacity on FARGATE_SPOT in staging, and on-demand only in production", async () => {
            expect(await fargateSpot([staging, service(staging, { capacityProviderStrategies: spot })])).to.deep.equal([]);
            expect(await fargateSpot([production, service(production, { launchType: "FARGATE" })])).to.deep.equal([]);
        });

        it("fails launchType FARGATE outside production", async () => {
            expect(await fargateSpot([staging, service(staging, { launchType: "FARGATE" })])).to.deep.equal([
                "site: launchType FARGATE runs every task on on-demand Fargate; drop launchType and set capacityProviderStrategies with FARGATE_SPOT (at least 1 % of the weight)",
            ]);
        });

        it("fails a strategy without FARGATE_SPOT weight", async () => {
            const onDemand = [{ capacityProvider: "FARGATE", weight: 1 }, { capacityProvider: "FARGATE_SPOT", weight: 0 }];
            expect(await fargateSpot([staging, service(staging, { capacityProviderStrategies: onDemand })])).to.deep.equal([
                "site: FARGATE_SPOT has 0 of 1 capacity provider weight outside production; give FARGATE_SPOT at least 1 % of the weight (FARGATE may keep a base of on-demand tasks)",
            ]);
        });

        it("fails a service that leaves its capacity to the cluster's default, and passes launchType EC2", async () => {
            expect(await fargateSpot([staging, service(staging, {})])).to.deep.equal([
                "site: no launchType or capacityProviderStrategies: the cluster's default decides, which this policy cannot check; set capacityProviderStrategies with FARGATE_SPOT (at least 1 % of the weight), or launchType EC2",
            ]);
            expect(await fargateSpot([staging, service(staging, { launchType: "EC2" })])).to.deep.equal([]);
        });

        it("takes the share from policy pack config", async () => {
            expect(await fargateSpot([staging, service(staging, { capacityProviderStrategies: spot })], { "fargate-spot-outside-production": { minSpotWeightPercent: 80 } })).to.deep.equal([
                "site: FARGATE_SPOT has 3 of 4 capacity provider weight outside production; give FARGATE_SPOT at least 80 % of the weight (FARGATE may keep a base of on-demand tasks)",
            ]);
        });

        it("takes production from the service's own environment tag, and leaves EC2 capacity providers alone", async () => {
            expect(await fargateSpot([staging, service(staging, { launchType: "FARGATE", tags: environmentTags("production") })])).to.deep.equal([]);
            expect(await fargateSpot([staging, service(staging, { capacityProviderStrategies: [{ capacityProvider: "ec2-capacity", weight: 1 }] })])).to.deep.equal([]);
        });

        it("judges at `up` strategies a preview does not know yet", async () => {
            expect(await fargateSpot([staging, service(staging, { capacityProviderStrategies: unknownValue })])).to.deep.equal([]);
        });
    });
});
