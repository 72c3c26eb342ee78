import { unknownValue } from "@pulumi/pulumi/runtime/rpc";
import { expect } from "chai";
import fc from "fast-check";
import { PolicyPackConfig } from "../engine/analyzer";
import { RecordedResource } from "../engine/monitor";
import { compareQuantities, parseQuantity, Quantity } from "../policy/quantity";
import { recorded, violationsOfPolicy } from "./helpers/policy";

const resources = { requests: { cpu: "50m", memory: "64Mi" }, limits: { memory: "128Mi" } };
const container = (overrides: Record<string, unknown> = {}) => ({ name: "app", image: "registry.example/app:1.0.0", resources, ...overrides });
const podSpec = (overrides: Record<string, unknown> = {}) => ({ containers: [container(overrides)] });

/** Each workload kind with one container that requests 50m CPU and 64Mi, limited to 128Mi. */
const workloads: Record<string, (spec: object) => object> = {
    "kubernetes:apps/v1:Deployment": (spec) => ({ spec: { template: { spec } } }),
    "kubernetes:apps/v1:StatefulSet": (spec) => ({ spec: { template: { spec } } }),
    "kubernetes:apps/v1:DaemonSet": (spec) => ({ spec: { template: { spec } } }),
    "kubernetes:batch/v1:Job": (spec) => ({ spec: { template: { spec } } }),
    "kubernetes:batch/v1:CronJob": (spec) => ({ spec: { schedule: "0 5 * * *", jobTemplate: { spec: { template: { spec } } } } }),
    "kubernetes:core/v1:PodTemplate": (spec) => ({ template: { spec } }),
};

function deployment(spec: object, environment?: unknown): RecordedResource {
    const metadata = { name: "app", namespace: "app", labels: environment === undefined ? { app: "app" } : { app: "app", environment } };
    return recorded("kubernetes:apps/v1:Deployment", "app", { metadata, ...workloads["kubernetes:apps/v1:Deployment"](spec) });
}

const violations = (resource: RecordedResource, config?: PolicyPackConfig) => violationsOfPolicy("kubernetes-workload-resources", [resource], config);

const quantity = (text: string): Quantity => {
    const parsed = parseQuantity(text);
    expect(parsed, text).to.not.equal(undefined);
    return parsed!;
};

describe("policy: kubernetes-workload-resources", () => {
    for (const [type, wrap] of Object.entries(workloads)) {
        it(`passes a ${type} whose containers request and limit`, async () => {
            expect(await violations(recorded(type, "app", wrap(podSpec())))).to.deep.equal([]);
        });

        it(`fails a ${type} with a container that requests no CPU`, async () => {
            const spec = podSpec({ resources: { ...resources, requests: { memory: "64Mi" } } });
            expect(await violations(recorded(type, "app", wrap(spec)))).to.deep.equal(["app: container app sets no resources.requests.cpu; set CPU and memory requests and a memory limit"]);
        });
    }

    it("fails a container without a memory request", async () => {
        expect(await violations(deployment(podSpec({ resources: { ...resources, requests: { cpu: "50m" } } })))).to.deep.equal([
            "app: container app sets no resources.requests.memory; set CPU and memory requests and a memory limit",
        ]);
    });

    it("fails a container without a memory limit, and counts init containers", async () => {
        const spec = { initContainers: [container({ name: "migrate", resources: { requests: resources.requests, limits: { cpu: "1" } } })], containers: [container()] };
        expect(await violations(deployment(spec))).to.deep.equal(["app: container migrate sets no resources.limits.memory; set CPU and memory requests and a memory limit"]);
    });

    it("fails a container with no resources at all, naming every missing setting", async () => {
        expect(await violations(deployment(podSpec({ resources: undefined })))).to.deep.equal([
            "app: container app sets no resources.requests.cpu, resources.requests.memory, resources.limits.memory; set CPU and memory requests and a memory limit",
        ]);
    });

    it("fails a value that is not a quantity", async () => {
        expect(await violations(deployment(podSpec({ resources: { ...resources, limits: { memory: "128MB" } } })))).to.deep.equal([
            'app: container app resources.limits.memory is "128MB", not a Kubernetes quantity (e.g. 100m, 0.5, 128Mi)',
        ]);
    });

    describe("the CPU request ceiling outside production", () => {
        const requesting = (cpu: unknown, environment?: unknown) => deployment(podSpec({ resources: { ...resources, requests: { ...resources.requests, cpu } } }), environment);

        it("allows the ceiling itself, in any notation", async () => {
            for (const cpu of ["100m", "0.1", "1e-1", 0.1]) {
                expect(await violations(requesting(cpu, "staging")), String(cpu)).to.deep.equal([]);
            }
        });

        it("fails a request above it, in any notation", async () => {
            expect(await violations(requesting("101m", "staging"))).to.deep.equal(["app: container app requests cpu 101m; at most 100m outside production"]);
            expect(await violations(requesting("0.25", "staging"))).to.deep.equal(["app: container app requests cpu 0.25; at most 100m outside production"]);
            expect(await violations(requesting(1, "staging"))).to.deep.equal(["app: container app requests cpu 1; at most 100m outside production"]);
        });

        it("counts a workload without an environment label as outside production, as the pack counts an AWS resource without the tag", async () => {
            expect(await violations(requesting("500m"))).to.deep.equal(["app: container app requests cpu 500m; at most 100m outside production"]);
        });

        it("lets production workloads request more", async () => {
            expect(await violations(requesting("2", "production"))).to.deep.equal([]);
        });

        it("takes the ceiling from policy pack config", async () => {
            expect(await violations(requesting("50m", "staging"), { "kubernetes-workload-resources": { maxNonProductionCpuRequest: "10m" } })).to.deep.equal([
                "app: container app requests cpu 50m; at most 10m outside production",
            ]);
        });

        it("judges at `up` a request or an environment a preview does not know yet", async () => {
            expect(await violations(requesting(unknownValue, "staging"))).to.deep.equal([]);
            expect(await violations(requesting("2", unknownValue))).to.deep.equal([]);
        });
    });

    describe("quantities", () => {
        it("reads every suffix", () => {
            expect(compareQuantities(quantity("1Ki"), quantity("1024"))).to.equal(0);
            expect(compareQuantities(quantity("1Mi"), quantity("1048576"))).to.equal(0);
            expect(compareQuantities(quantity("1Gi"), quantity("1073741824"))).to.equal(0);
            expect(compareQuantities(quantity("1k"), quantity("1000"))).to.equal(0);
            expect(compareQuantities(quantity("1M"), quantity("1e6"))).to.equal(0);
            expect(compareQuantities(quantity("1E"), quantity("1e18"))).to.equal(0);
            expect(compareQuantities(quantity("1500m"), quantity("1.5"))).to.equal(0);
            expect(compareQuantities(quantity("250000u"), quantity("250m"))).to.equal(0);
            expect(compareQuantities(quantity("1n"), quantity("1e-9"))).to.equal(0);
            expect(compareQuantities(quantity(".5"), quantity("500m"))).to.equal(0);
            expect(compareQuantities(quantity("-1"), quantity("0"))).to.equal(-1);
        });

        it("refuses what Kubernetes refuses", () => {
            for (const text of ["", "m", "1MB", "1 Mi", "1.2.3", "1mi", "1e", "0x10", "one"]) {
                expect(parseQuantity(text), text).to.equal(undefined);
            }
        });

        it("equates millicores with their decimal form (property)", () => {
            fc.assert(
                fc.property(fc.nat(10_000_000), (millicores) => {
                    const whole = Math.floor(millicores / 1000);
                    const decimal = `${whole}.${String(millicores % 1000).padStart(3, "0")}`;
                    return compareQuantities(quantity(`${millicores}m`), quantity(decimal)) === 0;
                }),
            );
        });

        it("orders quantities as their integer values, across binary and decimal suffixes (property)", () => {
            fc.assert(
                fc.property(fc.nat(1_000_000), fc.nat(1_000_000), (a, b) => {
                    const expected = Math.sign(a * 1024 - b * 1000);
                    return compareQuantities(quantity(`${a}Ki`), quantity(`${b}k`)) === expected;
                }),
            );
        });
    });
});
