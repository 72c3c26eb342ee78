/** DNS name rules for the hostnames components publish and the stack config names. */

/** RFC 1035: a label holds at most 63 octets, a whole name at most 253 characters in text form. */
export const dnsLabelMaxLength = 63;
export const dnsNameMaxLength = 253;

const label = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;
const topLevelLabel = /^[a-z]([a-z0-9-]*[a-z0-9])?$/;

/**
 * A fully qualified, lower-case hostname with at least two labels and no trailing dot, as what
 * was expected, one entry per broken rule; empty when the name is fine.
 */
export function hostnameProblems(name: string): string[] {
    const labels = name.split(".");
    const problems: string[] = [];
    const wellFormed = labels.length >= 2 && labels.every((part) => label.test(part)) && topLevelLabel.test(labels[labels.length - 1]);
    if (!wellFormed) {
        problems.push("a lower-case hostname such as app.example.com (letters, digits and hyphens; no wildcard, no trailing dot)");
    }
    for (const long of labels.filter((part) => part.length > dnsLabelMaxLength)) {
        problems.push(`labels of at most ${dnsLabelMaxLength} characters (DNS's limit; "${long.slice(0, 12)}..." has ${long.length})`);
    }
    if (name.length > dnsNameMaxLength) {
        problems.push(`at most ${dnsNameMaxLength} characters in all (DNS's limit; found ${name.length})`);
    }
    return problems;
}

/** A single DNS label (RFC 1123), as Kubernetes names namespaces, services and service accounts. */
export function isDnsLabel(value: string): boolean {
    return value.length <= dnsLabelMaxLength && label.test(value);
}

/** The parent domain of a hostname (`app.example.com` -> `example.com`). */
export function parentDomain(hostname: string): string {
    return hostname.slice(hostname.indexOf(".") + 1);
}

/** Whether `host` is `domain` or a name below it. */
export function isWithin(host: string, domain: string): boolean {
    return host === domain || host.endsWith(`.${domain}`);
}

/** Whether `host` is exactly one label below `domain`: a wildcard certificate for the domain covers it. */
export function isDirectChild(host: string, domain: string): boolean {
    return host.endsWith(`.${domain}`) && !host.slice(0, -domain.length - 1).includes(".");
}
