import { unknownValue } from "@pulumi/pulumi/runtime/rpc";
import { PolicyPackConfig, PolicyViolation } from "../../engine/analyzer";
import { RecordedResource } from "../../engine/monitor";
import { policyHost } from "../setup";

const stackUrn = "urn:pulumi:test::platform::pulumi:pulumi:Stack::platform-test";

/** A registration as the engine records it, for feeding policies synthetic resources. */
export function recorded(
    type: string,
    name: string,
    inputs: Record<string, any>,
    provider?: RecordedResource,
    options: Partial<Pick<RecordedResource, "protect" | "propertyDependencies">> = {},
): RecordedResource {
    const urn = `urn:pulumi:test::platform::${type}::${name}`;
    // Properties set to undefined are absent on the wire, as in a real registration.
    inputs = JSON.parse(JSON.stringify(inputs));
    const dependencies = Object.values(options.propertyDependencies ?? {}).flat();
    return {
        urn,
        type,
        name,
        custom: true,
        remote: false,
        parent: stackUrn,
        provider: provider ? `${provider.urn}::${provider.id}` : undefined,
        id: `${name}-id`,
        inputs,
        inputsWire: inputs,
        outputs: inputs,
        outputsWire: inputs,
        dependencies,
        propertyDependencies: options.propertyDependencies ?? {},
        protect: options.protect ?? false,
        retainOnDelete: false,
        deleteBeforeReplace: false,
        ignoreChanges: [],
        aliases: [],
        additionalSecretOutputs: [],
    };
}

/** An AWS provider as @pulumi/aws registers it: `defaultTags` travels as JSON text. */
export function awsProvider(name: string, defaultTags?: Record<string, string>, region = "eu-central-1"): RecordedResource {
    const inputs: Record<string, any> = { region };
    if (defaultTags) {
        inputs.defaultTags = JSON.stringify({ tags: defaultTags });
    }
    return recorded("pulumi:providers:aws", name, inputs);
}

/** Runs resources through the policy pack over the analyzer gRPC service, as the preview does. */
export async function analyze(resources: RecordedResource[], config?: PolicyPackConfig): Promise<PolicyViolation[]> {
    const host = await policyHost();
    await host.configure(config, { project: "platform", stack: "test", organization: "organization", config: {}, secretKeys: [] });
    const byUrn = new Map(resources.map((resource) => [resource.urn, resource]));
    return host.analyze(resources, (resource) => (resource.provider ? byUrn.get(resource.provider.slice(0, resource.provider.lastIndexOf("::"))) : undefined));
}

/** Violations of one policy as "urn-name: message" lines. */
export function violationsOf(violations: PolicyViolation[], policyName: string): string[] {
    return violations.filter((v) => v.policyName === policyName).map((v) => `${v.urn.split("::").pop()}: ${v.message}`);
}

/** The three tags every AWS resource carries, for one environment. */
export const environmentTags = (environment: string) => ({ department: "data", environment, project: "platform" });

/** An AWS provider whose default tags put its resources in `environment`. */
export const providerIn = (environment: string) => awsProvider(`aws-${environment}`, environmentTags(environment));

/** A copy of a registration with top-level inputs a real preview does not know yet (Pulumi's unknown sentinel on the wire). */
export function withUnknown(resource: RecordedResource, ...keys: string[]): RecordedResource {
    const props = { ...resource.inputs, ...Object.fromEntries(keys.map((key) => [key, unknownValue])) };
    return { ...resource, inputs: props, inputsWire: props, outputs: props, outputsWire: props };
}

/** Violations of one policy, through the same analyzer path as the preview, as "urn-name: message" lines. */
export async function violationsOfPolicy(policyName: string, resources: RecordedResource[], config?: PolicyPackConfig): Promise<string[]> {
    return violationsOf(await analyze(resources, config), policyName);
}
