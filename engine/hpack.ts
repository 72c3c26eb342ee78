/**
 * HPACK (RFC 7541), as much as an HTTP/2 client needs: header blocks for requests are encoded
 * with literals only (so the peer's dynamic table is never touched), and the peer's header
 * blocks are decoded in full, dynamic table and Huffman code included.
 */

export type HeaderList = [name: string, value: string][];

/** RFC 7541 Appendix A. */
const staticTable: HeaderList = [
    [":authority", ""],
    [":method", "GET"],
    [":method", "POST"],
    [":path", "/"],
    [":path", "/index.html"],
    [":scheme", "http"],
    [":scheme", "https"],
    [":status", "200"],
    [":status", "204"],
    [":status", "206"],
    [":status", "304"],
    [":status", "400"],
    [":status", "404"],
    [":status", "500"],
    ["accept-charset", ""],
    ["accept-encoding", "gzip, deflate"],
    ["accept-language", ""],
    ["accept-ranges", ""],
    ["accept", ""],
    ["access-control-allow-origin", ""],
    ["age", ""],
    ["allow", ""],
    ["authorization", ""],
    ["cache-control", ""],
    ["content-disposition", ""],
    ["content-encoding", ""],
    ["content-language", ""],
    ["content-length", ""],
    ["content-location", ""],
    ["content-range", ""],
    ["content-type", ""],
    ["cookie", ""],
    ["date", ""],
    ["etag", ""],
    ["expect", ""],
    ["expires", ""],
    ["from", ""],
    ["host", ""],
    ["if-match", ""],
    ["if-modified-since", ""],
    ["if-none-match", ""],
    ["if-range", ""],
    ["if-unmodified-since", ""],
    ["last-modified", ""],
    ["link", ""],
    ["location", ""],
    ["max-forwards", ""],
    ["proxy-authenticate", ""],
    ["proxy-authorization", ""],
    ["range", ""],
    ["referer", ""],
    ["refresh", ""],
    ["retry-after", ""],
    ["server", ""],
    ["set-cookie", ""],
    ["strict-transport-security", ""],
    ["transfer-encoding", ""],
    ["user-agent", ""],
    ["vary", ""],
    ["via", ""],
    ["www-authenticate", ""],
];

/**
 * Bit lengths of the Huffman code of RFC 7541 Appendix B, for symbols 0-255 and EOS (256). The
 * code is canonical, so the lengths alone determine every code.
 */
const huffmanCodeLengths = [
    13, 23, 28, 28, 28, 28, 28, 28, 28, 24, 30, 28, 28, 30, 28, 28, 28, 28, 28, 28, 28, 28, 30, 28, 28, 28, 28, 28, 28, 28, 28, 28,
    6, 10, 10, 12, 13, 6, 8, 11, 10, 10, 8, 11, 8, 6, 6, 6, 5, 5, 5, 6, 6, 6, 6, 6, 6, 6, 7, 8, 15, 6, 12, 10,
    13, 6, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 8, 7, 8, 13, 19, 13, 14, 6,
    15, 5, 6, 5, 6, 5, 6, 6, 6, 5, 7, 7, 6, 6, 6, 5, 6, 7, 6, 5, 5, 6, 7, 7, 7, 7, 7, 15, 11, 14, 13, 28,
    20, 22, 20, 20, 22, 22, 22, 23, 22, 23, 23, 23, 23, 23, 24, 23, 24, 24, 22, 23, 24, 23, 23, 23, 23, 21, 22, 23, 22, 23, 23, 24,
    22, 21, 20, 22, 22, 23, 23, 21, 23, 22, 22, 24, 21, 22, 23, 23, 21, 21, 22, 21, 23, 22, 23, 23, 20, 22, 22, 22, 23, 22, 22, 23,
    26, 26, 20, 19, 22, 23, 22, 25, 26, 26, 26, 27, 27, 26, 24, 25, 19, 21, 26, 27, 27, 26, 27, 24, 21, 21, 26, 26, 28, 27, 27, 27,
    20, 24, 20, 21, 22, 21, 21, 23, 22, 22, 25, 25, 24, 24, 26, 23, 26, 27, 26, 26, 27, 27, 27, 27, 27, 28, 27, 27, 27, 27, 27, 26,
    30,
];

/** Canonical decoding tables: per length, the first code, how many codes and where their symbols start. */
const huffman = (() => {
    const maxLength = 30;
    const symbols = huffmanCodeLengths
        .map((length, symbol) => ({ length, symbol }))
        .sort((a, b) => a.length - b.length || a.symbol - b.symbol)
        .map(({ symbol }) => symbol);
    const count = new Array<number>(maxLength + 1).fill(0);
    for (const length of huffmanCodeLengths) {
        count[length]++;
    }
    const firstCode = new Array<number>(maxLength + 1).fill(0);
    const firstIndex = new Array<number>(maxLength + 1).fill(0);
    let code = 0;
    let index = 0;
    for (let length = 1; length <= maxLength; length++) {
        code = (code + count[length - 1]) * 2;
        firstCode[length] = code;
        firstIndex[length] = index;
        index += count[length];
    }
    return { maxLength, symbols, count, firstCode, firstIndex };
})();

const eos = 256;

export class HpackError extends Error {}

function huffmanDecode(bytes: Uint8Array): string {
    const out: number[] = [];
    let code = 0;
    let length = 0;
    for (const byte of bytes) {
        for (let bit = 7; bit >= 0; bit--) {
            code = code * 2 + ((byte >> bit) & 1);
            length++;
            const offset = code - huffman.firstCode[length];
            if (offset < huffman.count[length]) {
                const symbol = huffman.symbols[huffman.firstIndex[length] + offset];
                if (symbol === eos) {
                    throw new HpackError("Huffman-coded string contains EOS");
                }
                out.push(symbol);
                code = 0;
                length = 0;
            } else if (length >= huffman.maxLength) {
                throw new HpackError("invalid Huffman code");
            }
        }
    }
    // What is left must be padding: fewer than 8 bits, all ones (a prefix of EOS).
    if (length > 7 || code !== 2 ** length - 1) {
        throw new HpackError("invalid Huffman padding");
    }
    return Buffer.from(out).toString("latin1");
}

/** Decodes a peer's header blocks, in the order they arrive on the connection. */
export class HeaderDecoder {
    private readonly dynamicTable: HeaderList = [];
    private dynamicTableSize = 0;
    private maxDynamicTableSize = 4096;

    constructor(private readonly advertisedMaxTableSize = 4096) {}

    decode(block: Uint8Array): HeaderList {
        const headers: HeaderList = [];
        let position = 0;
        const integer = (prefixBits: number): number => {
            const mask = 2 ** prefixBits - 1;
            let value = block[position++] & mask;
            if (value < mask) {
                return value;
            }
            let scale = 1;
            for (;;) {
                const byte = block[position++];
                if (byte === undefined || scale > 2 ** 28) {
                    throw new HpackError("truncated or oversized integer");
                }
                value += (byte & 0x7f) * scale;
                scale *= 128;
                if (byte < 0x80) {
                    return value;
                }
            }
        };
        const string = (): string => {
            const huffmanCoded = (block[position] & 0x80) !== 0;
            const length = integer(7);
            if (position + length > block.length) {
                throw new HpackError("truncated string");
            }
            const bytes = block.subarray(position, position + length);
            position += length;
            return huffmanCoded ? huffmanDecode(bytes) : Buffer.from(bytes).toString("latin1");
        };
        const entry = (index: number): [string, string] => {
            const found = index <= staticTable.length ? staticTable[index - 1] : this.dynamicTable[index - staticTable.length - 1];
            if (index === 0 || !found) {
                throw new HpackError(`header index ${index} out of range`);
            }
            return found;
        };
        while (position < block.length) {
            const first = block[position];
            if (first & 0x80) {
                const [name, value] = entry(integer(7));
                headers.push([name, value]);
            } else if (first & 0x40) {
                const nameIndex = integer(6);
                const name = nameIndex ? entry(nameIndex)[0] : string();
                const value = string();
                headers.push([name, value]);
                this.insert(name, value);
            } else if (first & 0x20) {
                const size = integer(5);
                if (size > this.advertisedMaxTableSize) {
                    throw new HpackError(`dynamic table size ${size} exceeds the advertised ${this.advertisedMaxTableSize}`);
                }
                this.maxDynamicTableSize = size;
                this.evict(0);
            } else {
                // Literal without indexing (0000) or never indexed (0001): both leave the table alone.
                const nameIndex = integer(4);
                const name = nameIndex ? entry(nameIndex)[0] : string();
                headers.push([name, string()]);
            }
        }
        return headers;
    }

    private insert(name: string, value: string): void {
        const size = name.length + value.length + 32;
        this.evict(size);
        if (size <= this.maxDynamicTableSize) {
            this.dynamicTable.unshift([name, value]);
            this.dynamicTableSize += size;
        }
    }

    /** Evicts the oldest entries until `incoming` more octets fit. */
    private evict(incoming: number): void {
        while (this.dynamicTable.length > 0 && this.dynamicTableSize + incoming > this.maxDynamicTableSize) {
            const [name, value] = this.dynamicTable.pop()!;
            this.dynamicTableSize -= name.length + value.length + 32;
        }
    }
}

function encodeInteger(out: number[], value: number, prefixBits: number, firstByteFlags: number): void {
    const mask = 2 ** prefixBits - 1;
    if (value < mask) {
        out.push(firstByteFlags | value);
        return;
    }
    out.push(firstByteFlags | mask);
    value -= mask;
    while (value >= 0x80) {
        out.push((value % 128) | 0x80);
        value = Math.floor(value / 128);
    }
    out.push(value);
}

function encodeString(out: number[], text: string): void {
    const bytes = Buffer.from(text, "latin1");
    encodeInteger(out, bytes.length, 7, 0);
    out.push(...bytes);
}

/**
 * A header block of literals without indexing: names from the static table where it has them,
 * values as plain octets. Each request's block is then independent of every other.
 */
export function encodeHeaderBlock(headers: HeaderList): Buffer {
    const out: number[] = [];
    for (const [name, value] of headers) {
        const nameIndex = staticTable.findIndex(([staticName]) => staticName === name) + 1;
        encodeInteger(out, nameIndex, 4, 0);
        if (!nameIndex) {
            encodeString(out, name);
        }
        encodeString(out, value);
    }
    return Buffer.from(out);
}
