/**
 * IPv4 CIDR arithmetic for the Network component, the tenants' persistence networks and the stack
 * config: parsing, network addresses, containment and overlap, on ipaddr.js.
 */
import * as ipaddr from "ipaddr.js";

interface Ipv4Block {
    readonly address: ipaddr.IPv4;
    readonly prefix: number;
}

/**
 * The block `cidr` names, or undefined unless it is written in canonical dotted-decimal form:
 * `10.0.0.0/08` or `010.0.0.0/8` read differently in other tools (some take a leading zero as octal).
 */
function parseIpv4Cidr(cidr: string): Ipv4Block | undefined {
    if (!ipaddr.IPv4.isValidCIDRFourPartDecimal(cidr)) {
        return undefined;
    }
    const [address, prefix] = ipaddr.IPv4.parseCIDR(cidr);
    return `${address.toString()}/${prefix}` === cidr ? { address, prefix } : undefined;
}

function blockOf(cidr: string): Ipv4Block {
    const block = parseIpv4Cidr(cidr);
    if (!block) {
        throw new RangeError(`${JSON.stringify(cidr)} is not an IPv4 CIDR block`);
    }
    return block;
}

/** Whether `cidr` is IPv4 CIDR notation (`10.20.1.0/16` is; its host bits may be set). */
export function isIpv4Cidr(cidr: string): boolean {
    return parseIpv4Cidr(cidr) !== undefined;
}

/** The network address of the block `cidr` is in: `10.20.1.0/16` is in `10.20.0.0/16`. */
export function networkAddress(cidr: string): string {
    const { prefix } = blockOf(cidr);
    return `${ipaddr.IPv4.networkAddressFromCIDR(cidr).toString()}/${prefix}`;
}

/** An IPv4 block in CIDR notation, written as its network address (`10.20.0.0/16`). */
export function isIpv4Network(cidr: string): boolean {
    return isIpv4Cidr(cidr) && networkAddress(cidr) === cidr;
}

/** Whether every address of `inner` is in `outer`. */
export function cidrContains(outer: string, inner: string): boolean {
    const [o, i] = [blockOf(outer), blockOf(inner)];
    return i.prefix >= o.prefix && i.address.match(o.address, o.prefix);
}

/** Whether two CIDR blocks share an address: aligned blocks overlap only when one holds the other. */
export function cidrsOverlap(a: string, b: string): boolean {
    return cidrContains(a, b) || cidrContains(b, a);
}

/** The `index`-th block of prefix length `prefix` inside `cidr`. */
export function subnetCidr(cidr: string, prefix: number, index: number): string {
    const parent = blockOf(cidr);
    if (prefix < parent.prefix || prefix > 32 || !Number.isInteger(index) || index < 0 || index >= 2 ** (prefix - parent.prefix)) {
        throw new RangeError(`${cidr} has no block #${index} of size /${prefix}`);
    }
    const bytes = Buffer.from(ipaddr.IPv4.networkAddressFromCIDR(cidr).toByteArray());
    bytes.writeUInt32BE(bytes.readUInt32BE() + index * 2 ** (32 - prefix));
    return `${new ipaddr.IPv4([...bytes]).toString()}/${prefix}`;
}

/** What is wrong with an IPv4 network block, as what was expected instead; empty when it is fine. */
export function ipv4NetworkProblems(cidr: string): string[] {
    if (!isIpv4Cidr(cidr)) {
        return ["an IPv4 CIDR block such as 10.0.0.0/16"];
    }
    const network = networkAddress(cidr);
    return network === cidr ? [] : [`${network}, the block's network address (host bits zero)`];
}

/** Smallest and largest VPC the Network layout takes: a /24-or-larger private subnet per AZ needs /20 at most. */
export const vpcPrefixRange = { min: 16, max: 20 } as const;

/** What is wrong with a VPC range, one entry per broken rule: an IPv4 network address, /16 to /20. */
export function vpcCidrProblems(cidr: string): string[] {
    const problems = ipv4NetworkProblems(cidr);
    const prefix = parseIpv4Cidr(cidr)?.prefix;
    if (prefix !== undefined && (prefix < vpcPrefixRange.min || prefix > vpcPrefixRange.max)) {
        problems.push(`a /${vpcPrefixRange.min} to /${vpcPrefixRange.max} IPv4 CIDR block such as 10.0.0.0/16`);
    }
    return problems;
}
