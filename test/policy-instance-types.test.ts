import { unknownValue } from "@pulumi/pulumi/runtime/rpc";
import { expect } from "chai";
import { PolicyPackConfig } from "../engine/analyzer";
import { RecordedResource } from "../engine/monitor";
import { awsProvider, environmentTags, providerIn, recorded, violationsOfPolicy } from "./helpers/policy";

const staging = providerIn("staging");
const production = providerIn("production");

const families = (resources: RecordedResource[], config?: PolicyPackConfig) => violationsOfPolicy("instance-type-families", resources, config);
const nonProductionList = "t3, t3a, t4g, r6a, r7a, r6g, r7g, standard";

/** Each compute kind asking for one instance type, where that kind keeps it. */
const computeKinds: Record<string, (instanceType: unknown) => Record<string, unknown>> = {
    "aws:ec2/instance:Instance": (instanceType) => ({ instanceType }),
    "aws:ec2/launchTemplate:LaunchTemplate": (instanceType) => ({ instanceType }),
    "aws:eks/nodeGroup:NodeGroup": (instanceType) => ({ instanceTypes: [instanceType] }),
    "aws:autoscaling/group:Group": (instanceType) => ({ mixedInstancesPolicy: { launchTemplate: { overrides: [{ instanceType }] } } }),
    "eks:index:Cluster": (instanceType) => ({ skipDefaultNodeGroup: false, nodeGroupOptions: { instanceType } }),
    "eks:index:ManagedNodeGroup": (instanceType) => ({ instanceTypes: [instanceType] }),
};

describe("policy: instance-type-families", () => {
    for (const [type, inputs] of Object.entries(computeKinds)) {
        it(`passes t3a.xlarge in staging and m7i.2xlarge in production on ${type}`, async () => {
            expect(await families([staging, recorded(type, "compute", inputs("t3a.xlarge"), staging)])).to.deep.equal([]);
            expect(await families([production, recorded(type, "compute", inputs("m7i.2xlarge"), production)])).to.deep.equal([]);
        });

        it(`fails a general-purpose family outside production on ${type}`, async () => {
            expect(await families([staging, recorded(type, "compute", inputs("m7i.large"), staging)])).to.deep.equal([
                `compute: m7i.large: family m7i is not allowed outside production; allowed: ${nonProductionList}`,
            ]);
        });
    }

    it("reads the default node group's instanceType of an eks:index:Cluster", async () => {
        expect(await families([staging, recorded("eks:index:Cluster", "eks", { instanceType: "c7i.large" }, staging)])).to.deep.equal([
            `eks: c7i.large: family c7i is not allowed outside production; allowed: ${nonProductionList}`,
        ]);
    });

    it("refuses previous-generation families in production too", async () => {
        const group = recorded("aws:eks/nodeGroup:NodeGroup", "workers", { instanceTypes: ["m4.large", "m7i.large"] }, production);
        expect(await families([production, group])).to.deep.equal(["workers: m4.large is of the previous-generation family m4, refused in every environment; use a current family of the allowlist"]);
    });

    it("fails an accelerated family in production, outside the production allowlist", async () => {
        const instance = recorded("aws:ec2/instance:Instance", "gpu", { instanceType: "p5.48xlarge" }, production);
        expect(await families([production, instance])).to.deep.equal([
            "gpu: p5.48xlarge: family p5 is not allowed in production; allowed: t3, t3a, t4g, m6i, m6a, m6g, m7i, m7i-flex, m7a, m7g, m8g, c6i, c6a, c6g, c7i, c7a, c7g, c8g, r6i, r6a, r6g, r7i, r7a, r7g, r8g, standard, cpu, memory",
        ]);
    });

    it("takes production from the resource's own environment tag", async () => {
        expect(await families([staging, recorded("aws:ec2/instance:Instance", "vm", { instanceType: "m7i.large", tags: environmentTags("production") }, staging)])).to.deep.equal([]);
    });

    describe("Exoscale node pools", () => {
        const pool = (instanceType: string, environment: string) =>
            recorded("exoscale:index/sksNodepool:SksNodepool", "pool", { instanceType, labels: { environment, department: "data", project: "platform" } });

        it("passes standard.medium in staging and cpu.large in production", async () => {
            expect(await families([pool("standard.medium", "staging")])).to.deep.equal([]);
            expect(await families([pool("cpu.large", "production")])).to.deep.equal([]);
        });

        it("fails the memory family outside production, by the pool's environment label", async () => {
            expect(await families([pool("memory.huge", "staging")])).to.deep.equal([`pool: memory.huge: family memory is not allowed outside production; allowed: ${nonProductionList}`]);
        });
    });

    it("takes every list from policy pack config", async () => {
        const config = { "instance-type-families": { nonProductionFamilies: ["m7i"], productionFamilies: ["m7i"], previousGenerationFamilies: ["t3a"] } };
        expect(await families([staging, recorded("aws:ec2/instance:Instance", "vm", { instanceType: "m7i.large" }, staging)], config)).to.deep.equal([]);
        expect(await families([staging, recorded("aws:ec2/instance:Instance", "vm", { instanceType: "t3a.large" }, staging)], config)).to.deep.equal([
            "vm: t3a.large is of the previous-generation family t3a, refused in every environment; use a current family of the allowlist",
        ]);
    });

    it("judges at `up` a type or an environment a preview does not know yet, but refuses a previous generation at once", async () => {
        const untagged = awsProvider("aws-untagged");
        const pendingEnvironment = { ...environmentTags("staging"), environment: unknownValue };
        expect(await families([staging, recorded("aws:ec2/instance:Instance", "vm", { instanceType: unknownValue }, staging)])).to.deep.equal([]);
        expect(await families([untagged, recorded("aws:ec2/instance:Instance", "vm", { instanceType: "m7i.large", tags: pendingEnvironment }, untagged)])).to.deep.equal([]);
        expect(await families([untagged, recorded("aws:ec2/instance:Instance", "vm", { instanceType: "t2.large", tags: pendingEnvironment }, untagged)])).to.deep.equal([
            "vm: t2.large is of the previous-generation family t2, refused in every environment; use a current family of the allowlist",
        ]);
    });
});
