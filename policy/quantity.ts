/**
 * Kubernetes resource quantities (`100m`, `0.5`, `128Mi`, `1e3`), as apimachinery's
 * `resource.ParseQuantity` reads them, held as exact fractions: `0.1` and `100m` are equal, which
 * floating point cannot promise.
 */
export interface Quantity {
    numerator: bigint;
    denominator: bigint;
}

const binarySuffixes: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const decimalSuffixes: Record<string, number> = { n: -9, u: -6, m: -3, "": 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

/** `<sign><digits>[.<digits>]<suffix>`; an exponent (`e3`, `E-2`) is tried before the single-letter suffix `E` (exa). */
const quantityPattern = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|[eE][+-]?\d+|[numkMGTPE]?)$/;

/** The quantity `text` stands for, or undefined when it is not a Kubernetes quantity. */
export function parseQuantity(text: string | number): Quantity | undefined {
    const match = quantityPattern.exec(String(text).trim());
    if (!match) {
        return undefined;
    }
    const [, sign, number, suffix] = match;
    const [whole, fraction = ""] = number.split(".");
    let numerator = BigInt(`${sign}${whole || "0"}${fraction}`);
    let denominator = 10n ** BigInt(fraction.length);
    let exponent = 0;
    if (suffix in binarySuffixes) {
        numerator *= 2n ** BigInt(binarySuffixes[suffix]);
    } else if (/^[eE][+-]?\d+$/.test(suffix)) {
        exponent = Number(suffix.slice(1));
    } else {
        exponent = decimalSuffixes[suffix];
    }
    if (exponent >= 0) {
        numerator *= 10n ** BigInt(exponent);
    } else {
        denominator *= 10n ** BigInt(-exponent);
    }
    return { numerator, denominator };
}

/** Negative, zero or positive as `a` is less than, equal to or greater than `b`. */
export function compareQuantities(a: Quantity, b: Quantity): number {
    const difference = a.numerator * b.denominator - b.numerator * a.denominator;
    return difference < 0n ? -1 : difference > 0n ? 1 : 0;
}
