import { expect } from "chai";
import fc from "fast-check";
import { cidrContains, cidrsOverlap, ipv4NetworkProblems, isIpv4Cidr, isIpv4Network, networkAddress, subnetCidr, vpcCidrProblems } from "../components/rules/cidr";

/** The oracle: a block as the first and last address it covers, in BigInt arithmetic of its own. */
interface Range {
    readonly first: bigint;
    readonly last: bigint;
}

const dotted = (value: bigint) => [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 255n)).join(".");

function rangeOf(address: bigint, prefix: number): Range {
    const size = 1n << BigInt(32 - prefix);
    const first = address - (address % size);
    return { first, last: first + size - 1n };
}

/** Any address with any prefix, host bits and all: `{ cidr, address, prefix }`. */
const anyBlock = fc.record({ address: fc.bigInt({ min: 0n, max: 2n ** 32n - 1n }), prefix: fc.integer({ min: 0, max: 32 }) }).map(({ address, prefix }) => ({
    cidr: `${dotted(address)}/${prefix}`,
    address,
    prefix,
    range: rangeOf(address, prefix),
}));

/** A block written as its network address, as VPCs take them. */
const network = anyBlock.map(({ range, prefix }) => ({ cidr: `${dotted(range.first)}/${prefix}`, prefix, range }));

/** Pairs that often nest or touch: the second block is carved near the first. */
const relatedNetworks = fc.tuple(network, fc.integer({ min: 0, max: 32 }), fc.bigInt({ min: -(2n ** 16n), max: 2n ** 16n })).map(([outer, prefix, shift]) => {
    const address = (((outer.range.first + shift) % 2n ** 32n) + 2n ** 32n) % 2n ** 32n;
    const range = rangeOf(address, prefix);
    return [outer, { cidr: `${dotted(range.first)}/${prefix}`, prefix, range }] as const;
});

describe("CIDR rules (components/rules/cidr.ts)", () => {
    describe("parsing", () => {
        it("accepts every dotted-decimal address with a prefix of 0 to 32", () => {
            fc.assert(fc.property(anyBlock, ({ cidr }) => isIpv4Cidr(cidr)));
        });

        it("refuses octets above 255, prefixes above 32, leading zeros, missing parts and stray text", () => {
            const octet = fc.integer({ min: 0, max: 255 });
            const malformed = fc.oneof(
                fc.tuple(octet, octet, octet, fc.integer({ min: 256, max: 999 }), fc.integer({ min: 0, max: 32 })).map(([a, b, c, d, p]) => `${a}.${b}.${c}.${d}/${p}`),
                fc.tuple(octet, octet, octet, octet, fc.integer({ min: 33, max: 99 })).map(([a, b, c, d, p]) => `${a}.${b}.${c}.${d}/${p}`),
                fc.tuple(octet, octet, octet, octet, fc.integer({ min: 0, max: 32 })).map(([a, b, c, d, p]) => `0${a}.${b}.${c}.${d}/${p}`),
                fc.tuple(octet, octet, octet, fc.integer({ min: 0, max: 32 })).map(([a, b, c, p]) => `${a}.${b}.${c}/${p}`),
                fc.tuple(octet, octet, octet, octet).map(([a, b, c, d]) => `${a}.${b}.${c}.${d}`),
                anyBlock.map(({ cidr }) => ` ${cidr}`),
                anyBlock.map(({ cidr }) => `${cidr}/8`),
            );
            fc.assert(
                fc.property(malformed, (cidr) => {
                    expect(isIpv4Cidr(cidr), cidr).to.equal(false);
                    expect(ipv4NetworkProblems(cidr), cidr).to.deep.equal(["an IPv4 CIDR block such as 10.0.0.0/16"]);
                }),
            );
        });

        it("finds the network address of any block, and calls a block a network only when its host bits are zero", () => {
            fc.assert(
                fc.property(anyBlock, ({ cidr, address, prefix, range }) => {
                    const expected = `${dotted(range.first)}/${prefix}`;
                    expect(networkAddress(cidr)).to.equal(expected);
                    expect(isIpv4Network(cidr)).to.equal(address === range.first);
                    expect(ipv4NetworkProblems(cidr)).to.deep.equal(address === range.first ? [] : [`${expected}, the block's network address (host bits zero)`]);
                }),
            );
        });

        it("takes VPC ranges of /16 to /20 only", () => {
            fc.assert(
                fc.property(network, ({ cidr, prefix }) => {
                    expect(vpcCidrProblems(cidr).length === 0).to.equal(prefix >= 16 && prefix <= 20);
                }),
            );
        });
    });

    describe("containment and overlap", () => {
        const pairs = fc.oneof(fc.tuple(network, network), relatedNetworks);

        it("contains exactly the blocks whose every address lies inside", () => {
            fc.assert(
                fc.property(pairs, ([outer, inner]) => {
                    const oracle = outer.range.first <= inner.range.first && inner.range.last <= outer.range.last;
                    expect(cidrContains(outer.cidr, inner.cidr), `${outer.cidr} ⊇ ${inner.cidr}`).to.equal(oracle);
                }),
            );
        });

        it("overlaps exactly when the ranges share an address, either way round", () => {
            fc.assert(
                fc.property(pairs, ([a, b]) => {
                    const oracle = a.range.first <= b.range.last && b.range.first <= a.range.last;
                    expect(cidrsOverlap(a.cidr, b.cidr), `${a.cidr} ∩ ${b.cidr}`).to.equal(oracle);
                    expect(cidrsOverlap(b.cidr, a.cidr)).to.equal(oracle);
                }),
            );
        });

        it("carves the n-th subnet inside its parent, apart from every other index", () => {
            const carving = network.chain((parent) =>
                fc.integer({ min: parent.prefix, max: Math.min(32, parent.prefix + 12) }).chain((prefix) => {
                    const count = 2 ** (prefix - parent.prefix);
                    return fc.tuple(fc.constant(parent), fc.constant(prefix), fc.integer({ min: 0, max: count - 1 }), fc.integer({ min: 0, max: count - 1 }));
                }),
            );
            fc.assert(
                fc.property(carving, ([parent, prefix, i, j]) => {
                    const size = 1n << BigInt(32 - prefix);
                    const subnet = subnetCidr(parent.cidr, prefix, i);
                    expect(subnet).to.equal(`${dotted(parent.range.first + BigInt(i) * size)}/${prefix}`);
                    expect(cidrContains(parent.cidr, subnet)).to.equal(true);
                    expect(cidrsOverlap(subnet, subnetCidr(parent.cidr, prefix, j))).to.equal(i === j);
                }),
            );
        });

        it("refuses a subnet index or size the parent does not have", () => {
            expect(() => subnetCidr("10.0.0.0/16", 18, 4)).to.throw(RangeError, "10.0.0.0/16 has no block #4 of size /18");
            expect(() => subnetCidr("10.0.0.0/16", 15, 0)).to.throw(RangeError);
        });
    });
});
