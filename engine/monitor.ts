import * as aliasproto from "@pulumi/pulumi/proto/alias_pb";
import * as resproto from "@pulumi/pulumi/proto/resource_pb";
import { MockMonitor, Mocks } from "@pulumi/pulumi/runtime/mocks";
import { getProject, getStack } from "@pulumi/pulumi/runtime/settings";
import { plain, Wire, withSecretProperties } from "./wire";

/** Everything the engine knows about one registration, in the shape the CLI keeps in a step. */
export interface RecordedResource {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    readonly custom: boolean;
    /** A component implemented inside a provider plugin (e.g. `eks:index:Cluster`). */
    readonly remote: boolean;
    readonly parent?: string;
    /** Provider reference `<provider urn>::<provider id>`, as the CLI prints it. */
    readonly provider?: string;
    /** Providers handed to a component for its children (the `providers` option), by package. */
    readonly providers?: Record<string, string>;
    readonly id?: string;
    /** Inputs with secrets unwrapped, for assertions. */
    readonly inputs: Record<string, any>;
    /** Inputs in wire form, secrets still marked. */
    readonly inputsWire: Record<string, Wire>;
    /** Resolved outputs with secrets unwrapped (components: their registered outputs). */
    outputs: Record<string, any>;
    /** Outputs in wire form, secrets still marked. */
    outputsWire: Record<string, Wire>;
    readonly dependencies: string[];
    readonly propertyDependencies: Record<string, string[]>;
    readonly protect: boolean;
    readonly retainOnDelete: boolean;
    readonly deleteBeforeReplace: boolean;
    readonly ignoreChanges: string[];
    /** Alias URNs, each resolved the way the CLI collapses an alias spec. */
    readonly aliases: string[];
    readonly additionalSecretOutputs: string[];
    /** Provider plugin version the registration asks for (the `version` option), if any. */
    readonly version?: string;
    /** Where the CLI would fetch that plugin (the `pluginDownloadURL` option), if any. */
    readonly pluginDownloadURL?: string;
}

/** Computes the id and outputs a provider would report for a resource. */
export interface OutputSource {
    resourceOutputs(args: {
        urn: string;
        type: string;
        name: string;
        custom: boolean;
        inputs: Record<string, any>;
        provider?: RecordedResource;
    }): { id?: string; outputs: Record<string, unknown>; secretOutputs?: string[] };
}

/** A provider function the program called (`aws.getCallerIdentity`, ...), and through which provider. */
export interface RecordedInvoke {
    readonly token: string;
    readonly args: Record<string, unknown>;
    /** Provider reference `<provider urn>::<provider id>`, as in a resource's. */
    readonly provider?: string;
}

export class DefaultProviderDisabledError extends Error {}

function providerUrn(reference: string): string {
    return reference.slice(0, reference.lastIndexOf("::"));
}

/**
 * The answer to a RegisterResource call, holding its values as they are. The SDK reads only these
 * fields and turns the outputs straight back into JavaScript, so a protobuf message would be built
 * only to be taken apart again (and printed, for a debug log line nobody sees offline).
 */
function registerResourceResponse(urn: string, id: string | undefined, outputsWire: Record<string, Wire>) {
    const outputs = { toJavaScript: () => outputsWire };
    return {
        getUrn: () => urn,
        getId: () => id ?? "",
        getObject: () => outputs,
        getPropertydependenciesMap: () => undefined,
        getResult: () => resproto.Result.SUCCESS,
        getUnknown: () => false,
        toString: () => `RegisterResourceResponse ${urn}`,
    };
}

/**
 * The SDK's mock monitor, extended to keep every registration with its options and to answer
 * with realistic, deterministic outputs that keep secrets marked.
 */
export class RecordingMonitor extends MockMonitor {
    readonly recorded: RecordedResource[] = [];
    readonly invokes: RecordedInvoke[] = [];
    /** Errors the monitor answered with; the CLI would fail the preview on any of them. */
    readonly failures: Error[] = [];
    private readonly byUrn = new Map<string, RecordedResource>();

    constructor(
        mocks: Mocks,
        private readonly outputSource: OutputSource,
        private readonly disabledDefaultProviders: readonly string[],
        private readonly onRegistered: (resource: RecordedResource) => void = () => undefined,
    ) {
        super(mocks);
    }

    resource(urn: string): RecordedResource | undefined {
        return this.byUrn.get(urn);
    }

    /** URNs as the engine builds them: the parent's qualified type chain, except the root stack's. */
    private urnFor(parent: string, type: string, name: string, stack = getStack(), project = getProject()): string {
        const parentType = parent ? parent.split("::")[2] : "";
        const qualifiedType = parentType && parentType !== "pulumi:pulumi:Stack" ? `${parentType}$${type}` : type;
        return `urn:pulumi:${stack}::${project}::${qualifiedType}::${name}`;
    }

    /** An alias as the URN it stands for, each part the resource's own unless the alias names it. */
    private aliasUrn(alias: aliasproto.Alias, resource: { parent: string; type: string; name: string }): string {
        const spec = alias.getSpec();
        if (alias.getUrn() || !spec) {
            return alias.getUrn();
        }
        const parent = spec.getNoparent() ? "" : spec.getParenturn() || resource.parent;
        return this.urnFor(parent, spec.getType() || resource.type, spec.getName() || resource.name, spec.getStack() || getStack(), spec.getProject() || getProject());
    }

    /**
     * A remote component builds its children inside its plugin with the providers it was handed;
     * the one that carries a region (or zone) locates its outputs.
     */
    private handedProvider(providers: Record<string, string>): RecordedResource | undefined {
        return Object.values(providers)
            .map((reference) => this.byUrn.get(providerUrn(reference)))
            .find((candidate) => candidate?.inputs.region !== undefined || candidate?.inputs.zone !== undefined);
    }

    private checkDefaultProvider(kind: string, token: string, provider: string): void {
        const pkg = token.split(":")[0];
        if (!provider && (this.disabledDefaultProviders.includes(pkg) || this.disabledDefaultProviders.includes("*"))) {
            throw new DefaultProviderDisabledError(
                `Default provider for '${pkg}' disabled. ${kind} (${token}) must use an explicit provider ` +
                    "(pulumi:disable-default-providers in Pulumi.yaml).",
            );
        }
    }

    async invoke(req: any, callback: (err: any, response: any) => void): Promise<void> {
        const token: string = req.getTok();
        this.invokes.push({ token, args: plain(req.getArgs()?.toJavaScript() ?? {}), provider: req.getProvider() || undefined });
        try {
            if (!token.startsWith("pulumi:")) {
                this.checkDefaultProvider("invoke", token, req.getProvider());
            }
        } catch (err) {
            this.failures.push(err as Error);
            callback(err, undefined);
            return;
        }
        return super.invoke(req, (err, response) => {
            if (err) {
                this.failures.push(err);
            }
            callback(err, response);
        });
    }

    async registerResource(req: any, callback: (err: any, response: any) => void): Promise<void> {
        try {
            const type: string = req.getType();
            const name: string = req.getName();
            const custom: boolean = req.getCustom();
            const parent: string = req.getParent();
            const providerRef: string = req.getProvider();
            if (custom && !type.startsWith("pulumi:providers:")) {
                this.checkDefaultProvider(`resource ${name}`, type, providerRef);
            }
            const urn = this.urnFor(parent, type, name);
            if (this.byUrn.has(urn)) {
                throw new Error(`Duplicate resource URN '${urn}'; try giving it a unique name`);
            }
            const inputsWire = (req.getObject()?.toJavaScript() ?? {}) as Record<string, Wire>;
            const inputs = plain(inputsWire);
            const providers: Record<string, string> = {};
            req.getProvidersMap().forEach((ref: string, pkg: string) => {
                providers[pkg] = ref;
            });
            const remote: boolean = req.getRemote();
            const provider = providerRef ? this.byUrn.get(providerUrn(providerRef)) : remote ? this.handedProvider(providers) : undefined;
            const additionalSecretOutputs: string[] = req.getAdditionalsecretoutputsList();

            const computed = this.outputSource.resourceOutputs({ urn, type, name, custom, inputs, provider });
            const id = custom ? (computed.id ?? name) : undefined;
            const outputsWire = withSecretProperties({ ...inputsWire, ...computed.outputs }, [
                ...(computed.secretOutputs ?? []),
                ...additionalSecretOutputs,
            ]);
            const propertyDependencies: Record<string, string[]> = {};
            req.getPropertydependenciesMap().forEach((deps: any, key: string) => {
                propertyDependencies[key] = deps.getUrnsList();
            });

            const record: RecordedResource = {
                urn,
                type,
                name,
                custom,
                remote,
                parent: parent || undefined,
                provider: providerRef || undefined,
                providers,
                id,
                inputs,
                inputsWire,
                outputs: plain(outputsWire),
                outputsWire,
                dependencies: req.getDependenciesList(),
                propertyDependencies,
                protect: req.getProtect() === true,
                retainOnDelete: req.getRetainondelete() === true,
                deleteBeforeReplace: req.getDeletebeforereplace(),
                ignoreChanges: req.getIgnorechangesList(),
                aliases: req.getAliasesList().map((alias: aliasproto.Alias) => this.aliasUrn(alias, { parent, type, name })),
                additionalSecretOutputs,
                version: req.getVersion() || undefined,
                pluginDownloadURL: req.getPlugindownloadurl() || undefined,
            };
            this.recorded.push(record);
            this.byUrn.set(urn, record);
            this.onRegistered(record);
            this.resources.set(urn, { urn, id: id ?? null, state: outputsWire });

            callback(null, registerResourceResponse(urn, id, outputsWire));
        } catch (err) {
            this.failures.push(err as Error);
            callback(err, undefined);
        }
    }

    registerResourceOutputs(req: any, callback: (err: any, response: any) => void): void {
        const record = this.byUrn.get(req.getUrn());
        if (record) {
            record.outputsWire = (req.getOutputs()?.toJavaScript() ?? {}) as Record<string, Wire>;
            record.outputs = plain(record.outputsWire);
        }
        super.registerResourceOutputs(req, callback);
    }
}
