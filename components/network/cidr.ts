function toInt(ip: string): number {
    return ip.split(".").reduce((value, octet) => value * 256 + Number(octet), 0);
}

function toIp(value: number): string {
    return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join(".");
}

/** Whether two CIDR blocks share an address. */
export function cidrsOverlap(a: string, b: string): boolean {
    const range = (cidr: string) => {
        const [base, bits] = cidr.split("/");
        const start = toInt(base);
        return [start, start + 2 ** (32 - Number(bits)) - 1];
    };
    const [aStart, aEnd] = range(a);
    const [bStart, bEnd] = range(b);
    return aStart <= bEnd && bStart <= aEnd;
}

/** The network address of the block `cidr` is in: `10.20.1.0/16` is in `10.20.0.0/16`. */
export function networkAddress(cidr: string): string {
    return subnetCidr(cidr, Number(cidr.split("/")[1]), 0);
}

/** The `index`-th block of prefix length `prefix` inside `cidr`. */
export function subnetCidr(cidr: string, prefix: number, index: number): string {
    const [base, bits] = cidr.split("/");
    const parentPrefix = Number(bits);
    if (prefix < parentPrefix || index >= 2 ** (prefix - parentPrefix)) {
        throw new RangeError(`${cidr} has no block #${index} of size /${prefix}`);
    }
    const start = toInt(base) - (toInt(base) % 2 ** (32 - parentPrefix));
    return `${toIp(start + index * 2 ** (32 - prefix))}/${prefix}`;
}

/**
 * Carves a VPC into per-AZ subnets: private subnets take a quarter of the range each (room for
 * VPC-CNI pod IPs), public subnets share the last quarter in sixteenths (load balancers and NAT only).
 */
export function subnetLayout(vpcCidr: string, zones: number): { publicCidrs: string[]; privateCidrs: string[] } {
    const prefix = Number(vpcCidr.split("/")[1]);
    const indexes = Array.from({ length: zones }, (_, i) => i);
    return {
        privateCidrs: indexes.map((i) => subnetCidr(vpcCidr, prefix + 2, i)),
        publicCidrs: indexes.map((i) => subnetCidr(vpcCidr, prefix + 4, 12 + i)),
    };
}

/** Smallest and largest VPC for this layout: a /24-or-larger private subnet per AZ needs /20 at most. */
export const vpcPrefixRange = { min: 16, max: 20 } as const;

const cidrNotation = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

function isIpv4Cidr(cidr: string): boolean {
    const match = cidrNotation.exec(cidr);
    return match !== null && match.slice(1, 5).every((octet) => Number(octet) <= 255) && Number(match[5]) <= 32;
}

/** An IPv4 block in CIDR notation, written as its network address (`10.20.0.0/16`). */
export function isIpv4Network(cidr: string): boolean {
    return isIpv4Cidr(cidr) && networkAddress(cidr) === cidr;
}

/** What is wrong with a VPC range for this layout, or undefined: an IPv4 network address, /16 to /20. */
export function vpcCidrProblem(cidr: string): string | undefined {
    if (!isIpv4Cidr(cidr)) {
        return `cidr "${cidr}" is not an IPv4 CIDR block such as 10.0.0.0/16`;
    }
    const prefix = Number(cidr.split("/")[1]);
    if (prefix < vpcPrefixRange.min || prefix > vpcPrefixRange.max) {
        return `cidr "${cidr}" is a /${prefix}; expected /${vpcPrefixRange.min} to /${vpcPrefixRange.max}`;
    }
    const network = networkAddress(cidr);
    return network === cidr ? undefined : `cidr "${cidr}" has host bits set; expected its network address ${network}`;
}
