import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { Mocks, setMocks } from "@pulumi/pulumi/runtime/mocks";
import * as settings from "@pulumi/pulumi/runtime/settings";
import { setAllConfig } from "@pulumi/pulumi/runtime/config";
import { runInPulumiStack } from "@pulumi/pulumi/runtime/stack";
import { PolicyPackConfig, PolicyPackHost, PolicyViolation } from "./analyzer";
import { RealisticInvokes } from "./invokes";
import { DefaultProviderDisabledError, RecordedInvoke, RecordedResource, RecordingMonitor } from "./monitor";
import { OFFLINE_ACCOUNT_ID } from "./outputs/context";
import { RealisticOutputs } from "./outputs";
import { loadProjectStack, ProjectStack } from "./project";
import { skipSdkBookkeeping } from "./sdk-bookkeeping";

export const ORGANIZATION = "organization";

export interface PreviewOptions {
    /** Stack name: Pulumi.<stack>.yaml beside Pulumi.yaml. */
    stack: string;
    /** Directory of Pulumi.yaml; defaults to the repository root. */
    root?: string;
    /** Policy pack directory, or false to skip policies; defaults to `<root>/policy`. */
    policyPack?: string | false;
    /** Policy pack config in the `--policy-pack-config` file format. */
    policyPackConfig?: PolicyPackConfig;
    /** Replaces stack config values ("platform:key" -> value; undefined removes the key). Tests use it. */
    configOverrides?: Record<string, unknown>;
    /** A policy pack host started by the caller (reused across previews, or started early); the caller stops it. */
    policyHost?: PolicyPackHost | Promise<PolicyPackHost>;
}

export interface PreviewResult {
    project: string;
    stack: string;
    account: string;
    resources: RecordedResource[];
    /** The provider functions the program called, in order. */
    invokes: RecordedInvoke[];
    /** The stack's exported outputs. */
    outputs: Record<string, unknown>;
    violations: PolicyViolation[];
    /** The program's error, when it failed (a config error carries one line per problem). */
    error?: string;
}

export const repositoryRoot = path.resolve(__dirname, "..");

/** Placeholder for a `secure:` value; it stays marked secret everywhere it flows. */
export function secretPlaceholder(key: string): string {
    return `offline-secret-${key.replace(/[^A-Za-z0-9]+/g, "-")}`;
}

function applyOverrides(project: ProjectStack, overrides: Record<string, unknown> | undefined): ProjectStack {
    if (!overrides) {
        return project;
    }
    const config = { ...project.config };
    for (const [key, value] of Object.entries(overrides)) {
        if (value === undefined) {
            delete config[key];
        } else {
            config[key] = typeof value === "string" ? value : JSON.stringify(value);
        }
    }
    return { ...project, config };
}

/**
 * Loads the provider SDKs the project depends on. The program needs them first thing, and loading
 * them while the policy pack starts up uses time the engine would otherwise spend waiting.
 */
function preloadProviderSdks(root: string): void {
    let dependencies: Record<string, string>;
    try {
        dependencies = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).dependencies ?? {};
    } catch {
        return;
    }
    for (const name of Object.keys(dependencies).filter((dependency) => dependency.startsWith("@pulumi/"))) {
        try {
            require(require.resolve(name, { paths: [root] }));
        } catch {
            // Only a head start: the program itself reports a package it cannot load.
        }
    }
}

/** Errors the user can act on are shown as their message; anything else keeps its stack. */
function errorText(err: unknown): string {
    const expected = err instanceof DefaultProviderDisabledError || pulumi.RunError.isInstance(err as Error) || pulumi.ResourceError.isInstance(err as Error);
    if (err instanceof Error) {
        return expected ? err.message : (err.stack ?? err.message);
    }
    return String(err);
}

/**
 * A program's modules run their top level once per `require`; the CLI gets a fresh process per
 * preview, so the engine evicts the program's own modules (not installed packages) after each run.
 */
function forgetProgramModules(cachedBefore: ReadonlySet<string>): void {
    for (const file of Object.keys(require.cache)) {
        if (!cachedBefore.has(file) && !file.includes(`${path.sep}node_modules${path.sep}`)) {
            delete require.cache[file];
        }
    }
}

/** Runs the stack program on the recording mock monitor and returns what it registered. */
/** Called for each registration as it happens, with the provider it names. */
type RegistrationListener = (resource: RecordedResource, provider: RecordedResource | undefined) => void;

async function runProgram(
    project: ProjectStack,
    onRegistered: RegistrationListener,
): Promise<Pick<PreviewResult, "resources" | "invokes" | "outputs" | "error"> & { monitor: RecordingMonitor }> {
    skipSdkBookkeeping();
    const outputSource = new RealisticOutputs();
    const providerOf = (reference: string | undefined) =>
        reference ? monitor.resource(reference.slice(0, reference.lastIndexOf("::"))) : undefined;
    const invokes = new RealisticInvokes(providerOf);
    const mocks: Mocks = {
        call: (args) => invokes.call(args),
        // Reads of existing resources (`Resource.get`) answer with the same realistic outputs.
        newResource: (args) => {
            const read = outputSource.resourceOutputs({
                urn: `read::${args.type}::${args.name}`,
                type: args.type,
                name: args.name,
                custom: true,
                inputs: args.inputs,
                provider: providerOf(args.provider),
            });
            return { id: args.id ?? read.id, state: { ...args.inputs, ...read.outputs } };
        },
    };
    const monitor: RecordingMonitor = new RecordingMonitor(mocks, outputSource, project.disabledDefaultProviders, (resource) =>
        onRegistered(resource, providerOf(resource.provider)),
    );
    // setMocks turns on the monitor features the SDK checks; the recording monitor then replaces the plain one.
    await setMocks(monitor.mocks, project.project, project.stack, true, ORGANIZATION);
    settings.setMockOptions(monitor, project.project, project.stack, true, ORGANIZATION);
    // The CLI hands the program its project directory (`pulumi.getRootDirectory()`) through the
    // environment, which the SDK reads once, at load; a preview in this process sets it per run.
    (require("@pulumi/pulumi/runtime/state") as { getStore(): { settings: { options: { rootDirectory?: string } } } }).getStore().settings.options.rootDirectory = project.root;
    setAllConfig(project.config, project.secretKeys);

    const failures: unknown[] = monitor.failures;
    const onFailure = (err: unknown) => failures.push(err);
    process.on("unhandledRejection", onFailure);
    let outputs: Record<string, unknown> = {};
    const cachedBefore = new Set(Object.keys(require.cache));
    try {
        outputs =
            (await runInPulumiStack(async () => {
                const program = require(project.program);
                return program instanceof Function ? program() : program;
            })) ?? {};
        await settings.disconnect();
    } catch (err) {
        failures.push(err);
    } finally {
        // A failed program also rejects promises nobody awaits (the stack component's data);
        // Node reports those a turn later, and they belong to this run.
        await new Promise((resolve) => setImmediate(resolve));
        process.off("unhandledRejection", onFailure);
        forgetProgramModules(cachedBefore);
    }
    const stackResource = monitor.recorded.find((resource) => resource.type === "pulumi:pulumi:Stack");
    return {
        monitor,
        resources: monitor.recorded,
        invokes: monitor.invokes,
        outputs: stackResource?.outputs ?? outputs,
        error: failures.length > 0 ? [...new Set(failures.map(errorText))].join("\n") : undefined,
    };
}

/**
 * The offline `pulumi preview --policy-pack policy`: run the program, analyzing each resource as
 * it registers (as the CLI does per step, which overlaps the pack's work with the program's), then
 * AnalyzeStack over the resolved state.
 */
export async function preview(options: PreviewOptions): Promise<PreviewResult> {
    const root = options.root ?? repositoryRoot;
    const project = applyOverrides(loadProjectStack(root, options.stack, secretPlaceholder), options.configOverrides);
    const policyDir = options.policyPack === false ? undefined : (options.policyPack ?? path.join(root, "policy"));
    const ownHost = options.policyHost === undefined && policyDir ? PolicyPackHost.start(policyDir) : undefined;
    try {
        // The pack is connected and configured before the program runs, as under the CLI: the
        // program's synchronous stretches would otherwise hold up the connection, and every
        // analysis would wait for the program to finish instead of overlapping with it.
        preloadProviderSdks(root);
        const host = await (options.policyHost ?? ownHost);
        await host?.configure(options.policyPackConfig, { ...project, organization: ORGANIZATION });

        const analyses: Promise<PolicyViolation[]>[] = [];
        const run = await runProgram(project, (resource, provider) => {
            if (host) {
                const analysis = host.analyzeResource(resource, provider);
                // A failed program discards its analyses; until then none may go unhandled.
                analysis.catch(() => undefined);
                analyses.push(analysis);
            }
        });
        const result: PreviewResult = {
            project: project.project,
            stack: project.stack,
            account: OFFLINE_ACCOUNT_ID,
            resources: run.resources,
            invokes: run.invokes,
            outputs: run.outputs,
            violations: [],
            error: run.error,
        };
        if (host && !run.error) {
            const providerOf = (resource: RecordedResource) =>
                resource.provider ? run.monitor.resource(resource.provider.slice(0, resource.provider.lastIndexOf("::"))) : undefined;
            // AnalyzeStack goes out without waiting for the last analyses to come back: the pack
            // works through its calls either way, and encoding the stack overlaps with that.
            const [perResource, stackViolations] = await Promise.all([Promise.all(analyses), host.analyzeStack(run.resources, providerOf)]);
            result.violations = [...perResource.flat(), ...stackViolations];
        }
        return result;
    } finally {
        ownHost?.then((host) => host.stop(), () => undefined);
    }
}
