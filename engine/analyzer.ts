import { ChildProcess } from "child_process";
import * as grpc from "@grpc/grpc-js";
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import * as emptyproto from "google-protobuf/google/protobuf/empty_pb";
import * as analyzerproto from "@pulumi/pulumi/proto/analyzer_pb";
import * as analyzerrpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import { RecordedResource } from "./monitor";
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

const maxMessage = 1024 * 1024 * 400;

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

function call<Req, Res>(client: any, method: string, request: Req): Promise<Res> {
    return new Promise((resolve, reject) =>
        client[method](request, (err: grpc.ServiceError | null, response: Res) => (err ? reject(err) : resolve(response))),
    );
}

function toStruct(value: Record<string, unknown>): structproto.Struct {
    return structproto.Struct.fromJavaScript(value as Record<string, structproto.JavaScriptValue>);
}

function resourceOptions(resource: RecordedResource): analyzerproto.AnalyzerResourceOptions {
    const options = new analyzerproto.AnalyzerResourceOptions();
    options.setProtect(resource.protect);
    options.setIgnorechangesList(resource.ignoreChanges);
    options.setDeletebeforereplace(resource.deleteBeforeReplace);
    options.setDeletebeforereplacedefined(resource.deleteBeforeReplace);
    options.setAdditionalsecretoutputsList(resource.additionalSecretOutputs);
    options.setAliasesList(resource.aliases);
    if (resource.parent) {
        options.setParent(resource.parent);
    }
    return options;
}

/** A stack has a handful of providers and thousands of resources: build each provider's message once. */
const providerMessages = new WeakMap<Record<string, unknown>, analyzerproto.AnalyzerProviderResource>();

function providerMessage(provider: RecordedResource, properties: Record<string, unknown>): analyzerproto.AnalyzerProviderResource {
    let message = providerMessages.get(properties);
    if (!message) {
        message = new analyzerproto.AnalyzerProviderResource();
        message.setType(provider.type);
        message.setName(provider.name);
        message.setUrn(provider.urn);
        message.setProperties(toStruct(withoutResourceReferences(properties)));
        providerMessages.set(properties, message);
    }
    return message;
}

function violationsOf(response: analyzerproto.AnalyzeResponse, urn: string): PolicyViolation[] {
    return response.getDiagnosticsList().map((diagnostic) => {
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
        private readonly client: any,
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
        const client = new analyzerrpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
            "grpc.max_receive_message_length": maxMessage,
            "grpc.max_send_message_length": maxMessage,
        });
        const info = await call<emptyproto.Empty, analyzerproto.AnalyzerInfo>(client, "getAnalyzerInfo", new emptyproto.Empty());
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
        return new PolicyPackHost(child, client, info.getName(), info.getVersion(), policies, initialConfig);
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
        await call(this.client, "configure", request);

        const stackRequest = new analyzerproto.AnalyzerStackConfigureRequest();
        stackRequest.setStack(stack.stack);
        stackRequest.setProject(stack.project);
        stackRequest.setOrganization(stack.organization);
        stackRequest.setDryRun(true);
        for (const [key, value] of Object.entries(stack.config)) {
            stackRequest.getConfigMap().set(key, value);
        }
        stackRequest.setConfigSecretKeysList(stack.secretKeys);
        await call(this.client, "configureStack", stackRequest);
    }

    /** Analyze for one resource's inputs, as the CLI sends it when the resource's step runs. */
    async analyzeResource(resource: RecordedResource, provider: RecordedResource | undefined): Promise<PolicyViolation[]> {
        const request = new analyzerproto.AnalyzeRequest();
        request.setType(resource.type);
        request.setName(resource.name);
        request.setUrn(resource.urn);
        request.setProperties(toStruct(withoutResourceReferences(resource.inputsWire)));
        request.setOptions(resourceOptions(resource));
        if (provider) {
            request.setProvider(providerMessage(provider, provider.inputsWire));
        }
        const response = await call<analyzerproto.AnalyzeRequest, analyzerproto.AnalyzeResponse>(this.client, "analyze", request);
        return violationsOf(response, resource.urn);
    }

    /** AnalyzeStack over the resolved outputs of every resource, after the program finished. */
    async analyzeStack(resources: readonly RecordedResource[], providerOf: (resource: RecordedResource) => RecordedResource | undefined): Promise<PolicyViolation[]> {
        const stackRequest = new analyzerproto.AnalyzeStackRequest();
        for (const resource of resources) {
            const message = new analyzerproto.AnalyzerResource();
            message.setType(resource.type);
            message.setName(resource.name);
            message.setUrn(resource.urn);
            message.setProperties(toStruct(withoutResourceReferences(resource.outputsWire)));
            message.setOptions(resourceOptions(resource));
            message.setDependenciesList(resource.dependencies);
            if (resource.parent) {
                message.setParent(resource.parent);
            }
            for (const [key, urns] of Object.entries(resource.propertyDependencies)) {
                const deps = new analyzerproto.AnalyzerPropertyDependencies();
                deps.setUrnsList(urns);
                message.getPropertydependenciesMap().set(key, deps);
            }
            const provider = providerOf(resource);
            if (provider) {
                message.setProvider(providerMessage(provider, provider.outputsWire));
            }
            stackRequest.addResources(message);
        }
        const response = await call<analyzerproto.AnalyzeStackRequest, analyzerproto.AnalyzeResponse>(this.client, "analyzeStack", stackRequest);
        return violationsOf(response, "");
    }

    /** Analyze for every resource, then AnalyzeStack: a whole preview's policy pass. */
    async analyze(resources: readonly RecordedResource[], providerOf: (resource: RecordedResource) => RecordedResource | undefined): Promise<PolicyViolation[]> {
        const perResource = await Promise.all(resources.map((resource) => this.analyzeResource(resource, providerOf(resource))));
        return [...perResource.flat(), ...(await this.analyzeStack(resources, providerOf))];
    }

    stop(): void {
        this.client.close();
        this.child.kill();
    }
}
