import { createHash } from "crypto";

/** Deterministic identifiers: the same URN always yields the same ids, ARNs and hostnames. */
export class IdSource {
    constructor(private readonly seed: string) {}

    private digest(label: string): Buffer {
        return createHash("sha256").update(`${this.seed}\0${label}`).digest();
    }

    hex(length: number, label = ""): string {
        let out = "";
        for (let round = 0; out.length < length; round++) {
            out += this.digest(`${label}#${round}`).toString("hex");
        }
        return out.slice(0, length);
    }

    /** Characters from `alphabet`, e.g. the upper-case alphanumerics of CloudFront ids. */
    chars(length: number, alphabet: string, label = ""): string {
        const bytes = Buffer.from(this.hex(length * 2, label), "hex");
        return Array.from(bytes, (byte) => alphabet[byte % alphabet.length]).join("");
    }

    uuid(label = ""): string {
        const h = this.hex(32, label);
        return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
    }

    digits(length: number, label = ""): string {
        return this.chars(length, "0123456789", label);
    }
}

export const UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
export const LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";
