import { expect } from "chai";
import * as path from "path";
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import * as analyzerproto from "@pulumi/pulumi/proto/analyzer_pb";
import { analyzeRequestFrame, analyzeStackRequestFrame, PolicyPackHost } from "../engine/analyzer";
import { GrpcChannel, GrpcError } from "../engine/grpc";
import { RecordedResource } from "../engine/monitor";
import { PolicyPackError, spawnPolicyPack } from "../engine/policy-process";
import { PreviewResult, repositoryRoot } from "../engine/preview";
import { grpcFrameHeader, ProtoWriter, writeStruct } from "../engine/protobuf";
import { withoutResourceReferences } from "../engine/wire";
import { previewOnce, previewStack, providerOf } from "./helpers/preview";

/** The message a frame carries, after checking the gRPC frame header. */
function unframe(frame: Buffer): Buffer {
    expect(frame[0], "compressed flag").to.equal(0);
    expect(frame.readUInt32BE(1), "frame length").to.equal(frame.length - grpcFrameHeader);
    return frame.subarray(grpcFrameHeader);
}

// The generated google-protobuf classes are the reference: a message they build must decode to
// what the engine's own encoding decodes to.
function referenceOptions(resource: RecordedResource): analyzerproto.AnalyzerResourceOptions {
    const options = new analyzerproto.AnalyzerResourceOptions();
    options.setProtect(resource.protect);
    options.setIgnorechangesList(resource.ignoreChanges);
    options.setDeletebeforereplace(resource.deleteBeforeReplace);
    options.setDeletebeforereplacedefined(resource.deleteBeforeReplace);
    options.setAdditionalsecretoutputsList(resource.additionalSecretOutputs);
    options.setAliasesList(resource.aliases);
    options.setParent(resource.parent ?? "");
    return options;
}

function referenceProvider(provider: RecordedResource, properties: Record<string, unknown>): analyzerproto.AnalyzerProviderResource {
    const message = new analyzerproto.AnalyzerProviderResource();
    message.setType(provider.type);
    message.setName(provider.name);
    message.setUrn(provider.urn);
    message.setProperties(structproto.Struct.fromJavaScript(withoutResourceReferences(properties)));
    return message;
}

function referenceAnalyzeRequest(resource: RecordedResource, provider: RecordedResource | undefined): analyzerproto.AnalyzeRequest {
    const request = new analyzerproto.AnalyzeRequest();
    request.setType(resource.type);
    request.setName(resource.name);
    request.setUrn(resource.urn);
    request.setProperties(structproto.Struct.fromJavaScript(withoutResourceReferences(resource.inputsWire)));
    request.setOptions(referenceOptions(resource));
    if (provider) {
        request.setProvider(referenceProvider(provider, provider.inputsWire));
    }
    return request;
}

function referenceStackResource(resource: RecordedResource, provider: RecordedResource | undefined): analyzerproto.AnalyzerResource {
    const message = new analyzerproto.AnalyzerResource();
    message.setType(resource.type);
    message.setName(resource.name);
    message.setUrn(resource.urn);
    message.setProperties(structproto.Struct.fromJavaScript(withoutResourceReferences(resource.outputsWire)));
    message.setOptions(referenceOptions(resource));
    message.setParent(resource.parent ?? "");
    message.setDependenciesList(resource.dependencies);
    for (const [key, urns] of Object.entries(resource.propertyDependencies)) {
        const dependencies = new analyzerproto.AnalyzerPropertyDependencies();
        dependencies.setUrnsList(urns);
        message.getPropertydependenciesMap().set(key, dependencies);
    }
    if (provider) {
        // The CLI sends a provider's inputs with every resource, in AnalyzeStack too.
        message.setProvider(referenceProvider(provider, provider.inputsWire));
    }
    return message;
}

/** A message as comparable data: Structs as JavaScript values, maps sorted by key. */
function comparable(message: analyzerproto.AnalyzeRequest | analyzerproto.AnalyzerResource): Record<string, unknown> {
    const object: Record<string, any> = message.toObject();
    object.properties = message.getProperties()?.toJavaScript();
    if (object.provider) {
        object.provider.properties = message.getProvider()?.getProperties()?.toJavaScript();
    }
    if (object.propertydependenciesMap) {
        object.propertydependenciesMap = [...object.propertydependenciesMap].sort(([a]: [string], [b]: [string]) => a.localeCompare(b));
    }
    return object;
}

describe("analyzer wire format", () => {
    let prod: PreviewResult;
    // The engine's fixture sets the options prod does not use: deleteBeforeReplace, ignoreChanges, aliases.
    let fixture: PreviewResult;
    before(async () => {
        prod = await previewOnce("prod");
        fixture = await previewStack("test", { root: path.join(__dirname, "fixtures", "engine-project"), policyPack: false });
    });

    it("encodes every resource's Analyze request as the generated classes do", () => {
        const resources = [...prod.resources, ...fixture.resources];
        expect(resources.some((resource) => resource.deleteBeforeReplace && resource.aliases.length > 0 && resource.ignoreChanges.length > 0)).to.equal(true);
        for (const result of [prod, fixture]) {
            for (const resource of result.resources) {
                const provider = providerOf(result, resource);
                const decoded = analyzerproto.AnalyzeRequest.deserializeBinary(unframe(analyzeRequestFrame(resource, provider)));
                expect(comparable(decoded), resource.urn).to.deep.equal(comparable(referenceAnalyzeRequest(resource, provider)));
            }
        }
    });

    it("encodes AnalyzeStack over every resource's outputs as the generated classes do", () => {
        const lookup = (resource: RecordedResource) => providerOf(prod, resource);
        const decoded = analyzerproto.AnalyzeStackRequest.deserializeBinary(unframe(analyzeStackRequestFrame(prod.resources, lookup)));
        const resources = decoded.getResourcesList();
        expect(resources).to.have.length(prod.resources.length);
        resources.forEach((message, index) => {
            const resource = prod.resources[index];
            expect(comparable(message), resource.urn).to.deep.equal(comparable(referenceStackResource(resource, lookup(resource))));
        });
    });

    it("round-trips every kind of Struct value, including lengths that need more than one byte", () => {
        const value = {
            empty: "",
            text: "eu-central-1",
            unicode: "tenant ünïcødé ✓ 🚀",
            long: "x".repeat(20_000),
            numbers: [0, -1, 1.5, 2 ** 40, -(2 ** 53)],
            flags: [true, false],
            nothing: null,
            emptyList: [],
            emptyObject: {},
            nested: { level: { deeper: Array.from({ length: 50 }, (_, i) => ({ index: i, name: `item-${i}` })) } },
        };
        const writer = new ProtoWriter();
        writeStruct(writer, 1, { ...value, skipped: undefined });
        const fieldBytes = writer.message();
        // Field 1 wraps the Struct: the tag, then its length as a varint.
        let offset = 1;
        while (fieldBytes[offset] >= 0x80) {
            offset++;
        }
        const struct = structproto.Struct.deserializeBinary(fieldBytes.subarray(offset + 1));
        expect(struct.toJavaScript()).to.deep.equal(value);
    });
});

describe("policy pack calls", () => {
    it("reports a failed call's status and message", async () => {
        const pack = spawnPolicyPack(path.join(repositoryRoot, "policy"));
        const channel = new GrpcChannel("127.0.0.1", Number(await pack.port));
        try {
            const failure = await channel.call("/pulumirpc.Analyzer/NoSuchMethod", Buffer.from([0, 0, 0, 0, 0])).then(
                () => undefined,
                (err: unknown) => err,
            );
            expect(failure).to.be.instanceOf(GrpcError);
            expect((failure as GrpcError).code).to.equal(12);
            expect((failure as GrpcError).message).to.contain("/pulumirpc.Analyzer/NoSuchMethod");
        } finally {
            channel.close();
            pack.child.kill();
        }
    });

    it("turns a policy that throws into a PolicyPackError carrying the pack's message", async () => {
        const prod = await previewOnce("prod");
        const provider = prod.resources.find((resource) => resource.type === "pulumi:providers:aws")!;
        // Never configured, the pack's policies find no config to read and throw.
        const host = await PolicyPackHost.start(path.join(repositoryRoot, "policy"));
        try {
            const failure = await host.analyzeResource(provider, undefined).then(
                () => undefined,
                (err: unknown) => err,
            );
            expect(failure).to.be.instanceOf(PolicyPackError);
            expect((failure as Error).message).to.match(/^policy pack: \/pulumirpc\.Analyzer\/Analyze: Error validating resource with policy '[a-z-]+'/);
        } finally {
            host.stop();
        }
    });
});
