/**
 * Input rules for S3Cdn, as plain functions so the stack config schema reports the same rules at
 * `platform:frontend.*` before anything is registered. Each function returns what was expected,
 * one entry per broken rule; an empty list means the value is fine.
 */

const ipAddress = /^\d{1,3}(\.\d{1,3}){3}$/;

/** Prefixes and suffixes S3 reserves for access points, directory and table buckets, and demos. */
const reservedPrefixes = ["xn--", "sthree-", "amzn-s3-demo-"];
const reservedSuffixes = ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"];

/** S3's naming rules for general purpose buckets. */
export function bucketNameProblems(name: string): string[] {
    const problems: string[] = [];
    if (name.length < 3 || name.length > 63) {
        problems.push(`3 to 63 characters (found ${name.length})`);
    }
    if (!/^[a-z0-9.-]*$/.test(name)) {
        problems.push("only lower-case letters, digits, dots and hyphens");
    }
    if (!/^[a-z0-9]/i.test(name) || !/[a-z0-9]$/i.test(name)) {
        problems.push("a letter or digit at the start and the end");
    }
    if (name.includes("..")) {
        problems.push("no two adjacent dots");
    }
    if (ipAddress.test(name)) {
        problems.push("a name, not an IP address");
    }
    for (const prefix of reservedPrefixes.filter((reserved) => name.startsWith(reserved))) {
        problems.push(`no "${prefix}" prefix (reserved by S3)`);
    }
    for (const suffix of reservedSuffixes.filter((reserved) => name.endsWith(reserved))) {
        problems.push(`no "${suffix}" suffix (reserved by S3)`);
    }
    return problems;
}

const label = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const topLevelLabel = /^[a-z][a-z0-9-]{0,61}[a-z0-9]$/;

/** A fully qualified, lower-case hostname with at least two labels and no trailing dot. */
export function hostnameProblems(name: string): string[] {
    const labels = name.split(".");
    const wellFormed =
        name.length <= 253 &&
        labels.length >= 2 &&
        labels.every((part) => label.test(part)) &&
        topLevelLabel.test(labels[labels.length - 1]);
    return wellFormed ? [] : ["a lower-case hostname such as app.example.com (letters, digits and hyphens; no wildcard, no trailing dot)"];
}

/** The parent domain of a hostname (`app.example.com` -> `example.com`). */
export function parentDomain(hostname: string): string {
    return hostname.slice(hostname.indexOf(".") + 1);
}

