import { specialResourceSig, specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";

/**
 * Property values as they cross the resource monitor: plain JSON with secrets and resource
 * references marked by Pulumi's signature key. These helpers translate that form for the
 * engine's consumers.
 */
export type Wire = unknown;

type WireObject = Record<string, unknown>;

function isObject(value: unknown): value is WireObject {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

function signature(value: unknown): unknown {
    return isObject(value) ? value[specialSigKey] : undefined;
}

export function isSecretWire(value: unknown): boolean {
    return signature(value) === specialSecretSig;
}

export function secretWire(value: unknown): WireObject {
    return { [specialSigKey]: specialSecretSig, value };
}

function map(value: Wire, onSecret: (inner: unknown) => unknown): unknown {
    if (Array.isArray(value)) {
        return value.map((item) => map(item, onSecret));
    }
    if (!isObject(value)) {
        return value;
    }
    const sig = signature(value);
    if (sig === specialSecretSig) {
        return onSecret(map(value.value, onSecret));
    }
    if (sig === specialResourceSig) {
        return value.id !== undefined && value.id !== "" ? value.id : value.urn;
    }
    const result: WireObject = {};
    for (const [key, item] of Object.entries(value)) {
        result[key] = map(item, onSecret);
    }
    return result;
}

/** The values a program or a test reasons about: secrets unwrapped, references as ids or URNs. */
export function plain(value: Wire): any {
    return map(value, (inner) => inner);
}

/** Every secret replaced by `mask`, references as ids or URNs. */
export function masked(value: Wire, mask: unknown): any {
    return map(value, () => mask);
}

/** The values `pulumi preview --json` shows: every secret replaced by "[secret]". */
export function redacted(value: Wire): any {
    return masked(value, "[secret]");
}

/**
 * Secrets kept, resource references downgraded to their id (or URN): what the CLI sends an
 * analyzer, since policy packs do not accept resource references.
 */
export function withoutResourceReferences(value: Wire): any {
    return map(value, secretWire);
}

/** Marks the named top-level properties secret, as `additionalSecretOutputs` does. */
export function withSecretProperties(state: WireObject, keys: readonly string[]): WireObject {
    const result = { ...state };
    for (const key of keys) {
        if (key in result && !isSecretWire(result[key])) {
            result[key] = secretWire(result[key]);
        }
    }
    return result;
}
