import { ChildProcess } from "child_process";
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import * as emptyproto from "google-protobuf/google/protobuf/empty_pb";
import * as analyzerproto from "@pulumi/pulumi/proto/analyzer_pb";
import { framed, GrpcChannel } from "./grpc";
import { RecordedResource } from "./monitor";
import { forEachLengthDelimitedField, ProtoWriter, writeStruct } from "./protobuf";
import { withoutResourceReferences } from "./wire";
import { PolicyPackError, PolicyPackProcess, spawnPolicyPack } from "./policy-process";

export type EnforcementLevel = "advisory" | "mandatory" | "remediate" | "disabled";

/** One policy violation, in the shape `--json` adds as `policyViolations[]`. */
export interface PolicyViolation {
    policyPack: string;
    policyName: string;
    enforcementLevel: EnforcementLevel;
    urn: string;
    message: string;
}

/** Policy pack config in the CLI's `--policy-pack-config` file format. */
export type PolicyPackConfig = Record<string, EnforcementLevel | ({ enforcementLevel?: EnforcementLevel } & Record<string, unknown>)>;

export interface StackIdentity {
    project: string;
    stack: string;
    organization: string;
    config: Record<string, string>;
    secretKeys: string[];
}

/** Policy pack config that does not match the pack's schemas. */
export class PolicyConfigError extends PolicyPackError {}

const levels: EnforcementLevel[] = ["advisory", "mandatory", "disabled", "remediate"];
const levelOf = (value: number): EnforcementLevel => levels[value] ?? "advisory";
const levelCode = (level: EnforcementLevel): number => levels.indexOf(level);

interface PolicySchema {
    properties: Record<string, { type?: string; default?: unknown; enum?: unknown[]; items?: { type?: string } }>;
    required: string[];
}

interface PolicyInfo {
    name: string;
    enforcementLevel: EnforcementLevel;
    schema?: PolicySchema;
}

function jsonType(value: unknown): string {
    if (Array.isArray(value)) {
        return "array";
    }
    if (value === null) {
        return "null";
    }
    if (typeof value === "number") {
        return Number.isInteger(value) ? "integer" : "number";
    }
    return typeof value;
}

function matchesType(value: unknown, type: string | undefined): boolean {
    const actual = jsonType(value);
    return type === undefined || actual === type || (type === "number" && actual === "integer");
}

const analyzerService = "/pulumirpc.Analyzer";

/**
 * Calls one of the pack's Analyzer methods. A failure (a policy that threw, a pack that went away)
 * becomes a PolicyPackError, which the CLI prints as it is: the pack's own message says what failed.
 */
async function callPack(channel: GrpcChannel, method: string, frame: Buffer): Promise<Buffer> {
    try {
        return await channel.call(`${analyzerService}/${method}`, frame);
    } catch (err) {
        throw new PolicyPackError(`policy pack: ${(err as Error).message}`);
    }
}

/** Field numbers of pulumi/proto/analyzer.proto, for the messages the engine encodes itself. */
const field = {
    analyzeRequest: { type: 1, properties: 2, urn: 3, name: 4, options: 5, provider: 6 },
    analyzerResource: { parent: 7, dependencies: 8, propertyDependencies: 9 },
    options: { protect: 1, ignoreChanges: 2, deleteBeforeReplace: 3, deleteBeforeReplaceDefined: 4, additionalSecretOutputs: 5, aliases: 6, parent: 8 },
    analyzeStackRequest: { resources: 1 },
    analyzeResponse: { diagnostics: 2 },
} as const;

function toStruct(value: Record<string, unknown>): structproto.Struct {
    return structproto.Struct.fromJavaScript(value as Record<string, structproto.JavaScriptValue>);
}

/** type, properties, urn, name and options: the fields AnalyzeRequest and AnalyzerResource share. */
function writeResourceFields(writer: ProtoWriter, resource: RecordedResource, properties: Record<string, unknown>): void {
    const { type, properties: propertiesField, urn, name, options: optionsField } = field.analyzeRequest;
    writer.string(type, resource.type);
    writeStruct(writer, propertiesField, withoutResourceReferences(properties));
    writer.string(urn, resource.urn);
    writer.string(name, resource.name);
    const options = writer.begin(optionsField);
    writer.bool(field.options.protect, resource.protect);
    writer.strings(field.options.ignoreChanges, resource.ignoreChanges);
    writer.bool(field.options.deleteBeforeReplace, resource.deleteBeforeReplace);
    writer.bool(field.options.deleteBeforeReplaceDefined, resource.deleteBeforeReplace);
    writer.strings(field.options.additionalSecretOutputs, resource.additionalSecretOutputs);
    writer.strings(field.options.aliases, resource.aliases);
    writer.string(field.options.parent, resource.parent);
    writer.end(options);
}

/**
 * The provider field: the provider's inputs, in Analyze and AnalyzeStack alike, as the CLI sends
 * it. A stack has a handful of providers and thousands of resources, so each is encoded once.
 */
const providerFields = new WeakMap<RecordedResource, Buffer>();

function writeProvider(writer: ProtoWriter, provider: RecordedResource): void {
    let bytes = providerFields.get(provider);
    if (!bytes) {
        const providerWriter = new ProtoWriter();
        const { type, properties, urn, name } = field.analyzeRequest;
        const at = providerWriter.begin(field.analyzeRequest.provider);
        providerWriter.string(type, provider.type);
        writeStruct(providerWriter, properties, withoutResourceReferences(provider.inputsWire));
        providerWriter.string(urn, provider.urn);
        providerWriter.string(name, provider.name);
        providerWriter.end(at);
        bytes = providerWriter.message();
        providerFields.set(provider, bytes);
    }
    writer.raw(bytes);
}

/** An AnalyzeRequest for a resource's inputs, framed for gRPC. */
export function analyzeRequestFrame(resource: RecordedResource, provider: RecordedResource | undefined): Buffer {
    const writer = new ProtoWriter();
    writeResourceFields(writer, resource, resource.inputsWire);
    if (provider) {
        writeProvider(writer, provider);
    }
    return writer.frame();
}

export type ProviderLookup = (resource: RecordedResource) => RecordedResource | undefined;

/** An AnalyzeStackRequest over every resource's outputs, framed for gRPC. */
export function analyzeStackRequestFrame(resources: readonly RecordedResource[], providerOf: ProviderLookup): Buffer {
    const writer = new ProtoWriter();
    for (const resource of resources) {
        const at = writer.begin(field.analyzeStackRequest.resources);
        writeResourceFields(writer, resource, resource.outputsWire);
        const provider = providerOf(resource);
        if (provider) {
            writeProvider(writer, provider);
        }
        writer.string(field.analyzerResource.parent, resource.parent);
        writer.strings(field.analyzerResource.dependencies, resource.dependencies);
        for (const [key, urns] of Object.entries(resource.propertyDependencies)) {
            const entry = writer.begin(field.analyzerResource.propertyDependencies);
            writer.stringAlways(1, key);
            const dependencies = writer.begin(2);
            writer.strings(1, urns);
            writer.end(dependencies);
            writer.end(entry);
        }
        writer.end(at);
    }
    return writer.frame();
}

/** The violations in an AnalyzeResponse; most responses carry none and are not decoded further. */
function violationsOf(responseBytes: Uint8Array, urn: string): PolicyViolation[] {
    let hasDiagnostics = false;
    forEachLengthDelimitedField(responseBytes, (number) => (hasDiagnostics ||= number === field.analyzeResponse.diagnostics));
    if (!hasDiagnostics) {
        return [];
    }
    return analyzerproto.AnalyzeResponse.deserializeBinary(responseBytes)
        .getDiagnosticsList()
        .map((diagnostic) => {
            // The pack prefixes each message with the policy's description, as the CLI prints it.
            const prefix = `${diagnostic.getDescription()}\n`;
            const message = diagnostic.getMessage();
            return {
                policyPack: diagnostic.getPolicypackname(),
                policyName: diagnostic.getPolicyname(),
                enforcementLevel: levelOf(diagnostic.getEnforcementlevel()),
                urn: diagnostic.getUrn() || urn,
                message: message.startsWith(prefix) ? message.slice(prefix.length) : message,
            };
        });
}

/**
 * A running policy pack, driven over the Analyzer gRPC service exactly as the Pulumi CLI drives
 * `pulumi preview --policy-pack`: GetAnalyzerInfo, Configure (schema defaults, then the pack's
 * initial config, then the user's config file), ConfigureStack, Analyze per resource as it is
 * registered and AnalyzeStack over the resolved state.
 */
export class PolicyPackHost {
    private constructor(
        private readonly child: ChildProcess,
        private readonly channel: GrpcChannel,
        readonly name: string,
        readonly version: string,
        private readonly policies: PolicyInfo[],
        private readonly initialConfig: Record<string, Record<string, unknown>>,
    ) {}

    /** Starts the pack in its own node process and connects to it. */
    static start(directory: string): Promise<PolicyPackHost> {
        return PolicyPackHost.connect(spawnPolicyPack(directory));
    }

    /** Connects to a started pack and reads its policies, as the CLI does before configuring it. */
    static async connect(pack: PolicyPackProcess): Promise<PolicyPackHost> {
        const child = pack.child;
        const port = await pack.port;
        const channel = new GrpcChannel("127.0.0.1", Number(port));
        const info = analyzerproto.AnalyzerInfo.deserializeBinary(
            await callPack(channel, "GetAnalyzerInfo", framed(new emptyproto.Empty().serializeBinary())),
        );
        const policies = info.getPoliciesList().map((policy) => {
            const schema = policy.getConfigschema();
            return {
                name: policy.getName(),
                enforcementLevel: levelOf(policy.getEnforcementlevel()),
                schema: schema && {
                    properties: (schema.getProperties()?.toJavaScript() ?? {}) as PolicySchema["properties"],
                    required: schema.getRequiredList(),
                },
            };
        });
        const initialConfig: Record<string, Record<string, unknown>> = {};
        info.getInitialconfigMap().forEach((config, policyName) => {
            initialConfig[policyName] = {
                ...(config.getProperties()?.toJavaScript() ?? {}),
                enforcementLevel: levelOf(config.getEnforcementlevel()),
            };
        });
        return new PolicyPackHost(child, channel, info.getName(), info.getVersion(), policies, initialConfig);
    }

    /** Resolves the effective config per policy the way the CLI does, validating it against each schema. */
    resolveConfig(userConfig: PolicyPackConfig = {}): Map<string, { enforcementLevel: EnforcementLevel; properties: Record<string, unknown> }> {
        const known = new Set(this.policies.map((policy) => policy.name));
        const problems: string[] = [];
        for (const key of Object.keys(userConfig)) {
            if (key !== "all" && !known.has(key)) {
                problems.push(`policy pack config: unknown policy "${key}"; policies: ${[...known].join(", ")}`);
            }
        }
        const normalize = (entry: PolicyPackConfig[string] | undefined) =>
            typeof entry === "string" ? { enforcementLevel: entry } : { ...(entry ?? {}) };
        const all = normalize(userConfig.all);

        const resolved = new Map<string, { enforcementLevel: EnforcementLevel; properties: Record<string, unknown> }>();
        for (const policy of this.policies) {
            const defaults: Record<string, unknown> = {};
            for (const [prop, schema] of Object.entries(policy.schema?.properties ?? {})) {
                if (schema.default !== undefined) {
                    defaults[prop] = schema.default;
                }
            }
            const { enforcementLevel: level, ...properties } = {
                enforcementLevel: policy.enforcementLevel,
                ...defaults,
                ...(this.initialConfig[policy.name] ?? {}),
                ...all,
                ...normalize(userConfig[policy.name]),
            } as { enforcementLevel: EnforcementLevel } & Record<string, unknown>;
            if (!levels.includes(level)) {
                problems.push(`policy pack config: ${policy.name}.enforcementLevel is "${level}"; allowed: ${levels.join(", ")}`);
            }
            for (const [prop, value] of Object.entries(properties)) {
                const schema = policy.schema?.properties[prop];
                if (!schema) {
                    problems.push(`policy pack config: ${policy.name}.${prop} is not a property of this policy`);
                } else if (!matchesType(value, schema.type) || (Array.isArray(value) && !value.every((item) => matchesType(item, schema.items?.type)))) {
                    problems.push(`policy pack config: ${policy.name}.${prop} is ${JSON.stringify(value)}; expected ${schema.type}${schema.items?.type ? ` of ${schema.items.type}` : ""}`);
                } else if (schema.enum && !schema.enum.includes(value)) {
                    problems.push(`policy pack config: ${policy.name}.${prop} is ${JSON.stringify(value)}; allowed: ${schema.enum.join(", ")}`);
                }
            }
            for (const required of policy.schema?.required ?? []) {
                if (!(required in properties)) {
                    problems.push(`policy pack config: ${policy.name}.${required} is required`);
                }
            }
            resolved.set(policy.name, { enforcementLevel: level, properties });
        }
        if (problems.length > 0) {
            throw new PolicyConfigError(problems.join("\n"));
        }
        return resolved;
    }

    async configure(userConfig: PolicyPackConfig | undefined, stack: StackIdentity): Promise<void> {
        const request = new analyzerproto.ConfigureAnalyzerRequest();
        for (const [name, config] of this.resolveConfig(userConfig)) {
            const policyConfig = new analyzerproto.PolicyConfig();
            policyConfig.setEnforcementlevel(levelCode(config.enforcementLevel) as analyzerproto.EnforcementLevel);
            policyConfig.setProperties(toStruct(config.properties));
            request.getPolicyconfigMap().set(name, policyConfig);
        }
        await callPack(this.channel, "Configure", framed(request.serializeBinary()));

        const stackRequest = new analyzerproto.AnalyzerStackConfigureRequest();
        stackRequest.setStack(stack.stack);
        stackRequest.setProject(stack.project);
        stackRequest.setOrganization(stack.organization);
        stackRequest.setDryRun(true);
        for (const [key, value] of Object.entries(stack.config)) {
            stackRequest.getConfigMap().set(key, value);
        }
        stackRequest.setConfigSecretKeysList(stack.secretKeys);
        await callPack(this.channel, "ConfigureStack", framed(stackRequest.serializeBinary()));
    }

    /** Analyze for one resource's inputs, as the CLI sends it when the resource's step runs. */
    async analyzeResource(resource: RecordedResource, provider: RecordedResource | undefined): Promise<PolicyViolation[]> {
        const response = await callPack(this.channel, "Analyze", analyzeRequestFrame(resource, provider));
        return violationsOf(response, resource.urn);
    }

    /** AnalyzeStack over the resolved outputs of every resource, after the program finished. */
    async analyzeStack(resources: readonly RecordedResource[], providerOf: ProviderLookup): Promise<PolicyViolation[]> {
        const response = await callPack(this.channel, "AnalyzeStack", analyzeStackRequestFrame(resources, providerOf));
        return violationsOf(response, "");
    }

    /** Analyze for every resource, then AnalyzeStack: a whole preview's policy pass. */
    async analyze(resources: readonly RecordedResource[], providerOf: ProviderLookup): Promise<PolicyViolation[]> {
        const perResource = await Promise.all(resources.map((resource) => this.analyzeResource(resource, providerOf(resource))));
        return [...perResource.flat(), ...(await this.analyzeStack(resources, providerOf))];
    }

    stop(): void {
        this.channel.close();
        this.child.kill();
    }
}
