/**
 * S3's bucket naming rules, shared by S3Cdn and the stack config (`platform:frontend.bucketName`).
 * Returns what was expected, one entry per broken rule; an empty list means the name is fine.
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
