import { expect } from "chai";
import { RecordedResource } from "../../engine/monitor";
import { preview, PreviewOptions, PreviewResult } from "../../engine/preview";
import { policyHost } from "../setup";

/** Previews a stack through the same engine as `npm run preview`, sharing the test run's policy pack server. */
export async function previewStack(stack: string, options: Omit<PreviewOptions, "stack" | "policyHost"> = {}): Promise<PreviewResult> {
    const usePolicies = options.policyPack !== false;
    return preview({ stack, ...options, policyHost: usePolicies ? await policyHost() : undefined });
}

const cache = new Map<string, Promise<PreviewResult>>();

/** A stack's unmodified preview, computed once per test run. */
export function previewOnce(stack: string): Promise<PreviewResult> {
    let result = cache.get(stack);
    if (!result) {
        result = previewStack(stack);
        cache.set(stack, result);
    }
    return result;
}

export function ofType(result: PreviewResult, type: string): RecordedResource[] {
    return result.resources.filter((resource) => resource.type === type);
}

export function named(result: PreviewResult, type: string, name: string): RecordedResource {
    const found = result.resources.find((resource) => resource.type === type && resource.name === name);
    expect(found, `${type} ${name}`).to.not.equal(undefined);
    return found!;
}

/** The provider resource a resource was registered with. */
export function providerOf(result: PreviewResult, resource: RecordedResource): RecordedResource | undefined {
    const urn = resource.provider?.slice(0, resource.provider.lastIndexOf("::"));
    return result.resources.find((candidate) => candidate.urn === urn);
}
