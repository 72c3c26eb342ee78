/**
 * Protocol Buffers wire encoding for the few messages the engine sends most: one Analyze per
 * resource and one AnalyzeStack over the whole state. The generated google-protobuf classes build
 * an object per field and per `google.protobuf.Value` before serializing; for thousands of
 * resources that cost more CPU than the program itself. These writers go from the engine's plain
 * values straight to bytes, producing what the generated `serializeBinary` does (tests decode them
 * with the generated classes).
 */

const wireVarint = 0;
const wireFixed64 = 1;
const wireLengthDelimited = 2;

/** Bytes a gRPC message frame starts with: a compressed flag and a 4-byte big-endian length. */
export const grpcFrameHeader = 5;

function varintSize(value: number): number {
    let size = 1;
    while (value >= 0x80) {
        value = Math.floor(value / 128);
        size++;
    }
    return size;
}

/**
 * Appends fields to one growing buffer. A nested message's length is written in front of it once
 * its content is known: one byte is reserved, and the rare content of 128 bytes or more is moved
 * up to make room for a longer length.
 */
export class ProtoWriter {
    // Small enough to come from Node's shared pool: most messages are one resource's properties.
    private buffer = Buffer.allocUnsafe(2048);
    private position = grpcFrameHeader;

    private reserve(bytes: number): void {
        if (this.position + bytes > this.buffer.length) {
            const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.position + bytes));
            this.buffer.copy(grown, 0, 0, this.position);
            this.buffer = grown;
        }
    }

    private varint(value: number): void {
        this.reserve(10);
        while (value >= 0x80) {
            this.buffer[this.position++] = (value & 0x7f) | 0x80;
            value = Math.floor(value / 128);
        }
        this.buffer[this.position++] = value;
    }

    private tag(field: number, wireType: number): void {
        this.varint((field << 3) | wireType);
    }

    /** A string field, written even when empty (map keys and oneof members need that). */
    stringAlways(field: number, value: string): void {
        this.tag(field, wireLengthDelimited);
        if (value.length * 3 < 0x80) {
            // At most 3 bytes per UTF-16 unit, so the length fits the one reserved byte.
            this.reserve(1 + value.length * 3);
            const written = this.buffer.write(value, this.position + 1, "utf8");
            this.buffer[this.position] = written;
            this.position += 1 + written;
            return;
        }
        const length = Buffer.byteLength(value, "utf8");
        this.varint(length);
        this.reserve(length);
        this.position += this.buffer.write(value, this.position, "utf8");
    }

    /** A proto3 string field: the empty default is not written. */
    string(field: number, value: string | undefined): void {
        if (value) {
            this.stringAlways(field, value);
        }
    }

    strings(field: number, values: readonly string[]): void {
        for (const value of values) {
            this.stringAlways(field, value);
        }
    }

    boolAlways(field: number, value: boolean): void {
        this.tag(field, wireVarint);
        this.varint(value ? 1 : 0);
    }

    /** A proto3 bool field: false is not written. */
    bool(field: number, value: boolean): void {
        if (value) {
            this.boolAlways(field, true);
        }
    }

    enumAlways(field: number, value: number): void {
        this.tag(field, wireVarint);
        this.varint(value);
    }

    double(field: number, value: number): void {
        this.tag(field, wireFixed64);
        this.reserve(8);
        this.buffer.writeDoubleLE(value, this.position);
        this.position += 8;
    }

    /** Opens a nested message; pass the result to `end` once its fields are written. */
    begin(field: number): number {
        this.tag(field, wireLengthDelimited);
        this.reserve(1);
        return this.position++;
    }

    end(lengthAt: number): void {
        const length = this.position - lengthAt - 1;
        if (length < 0x80) {
            this.buffer[lengthAt] = length;
            return;
        }
        const extra = varintSize(length) - 1;
        this.reserve(extra);
        this.buffer.copyWithin(lengthAt + 1 + extra, lengthAt + 1, this.position);
        const end = this.position + extra;
        this.position = lengthAt;
        this.varint(length);
        this.position = end;
    }

    /** Pre-encoded bytes of a whole field (tag included). */
    raw(bytes: Uint8Array): void {
        this.reserve(bytes.length);
        this.buffer.set(bytes, this.position);
        this.position += bytes.length;
    }

    /** The message bytes without the frame header. */
    message(): Buffer {
        return Buffer.from(this.buffer.subarray(grpcFrameHeader, this.position));
    }

    /** The message as one uncompressed gRPC frame. */
    frame(): Buffer {
        const frame = this.buffer.subarray(0, this.position);
        frame[0] = 0;
        frame.writeUInt32BE(this.position - grpcFrameHeader, 1);
        return frame;
    }
}

/** A `google.protobuf.Value` from a JSON-like value; `undefined` in a list becomes null, as in JSON. */
export function writeValue(writer: ProtoWriter, field: number, value: unknown): void {
    const at = writer.begin(field);
    switch (typeof value) {
        case "string":
            writer.stringAlways(3, value);
            break;
        case "number":
            writer.double(2, value);
            break;
        case "boolean":
            writer.boolAlways(4, value);
            break;
        default:
            if (value === null || value === undefined) {
                writer.enumAlways(1, 0);
            } else if (Array.isArray(value)) {
                const list = writer.begin(6);
                for (const item of value) {
                    writeValue(writer, 1, item);
                }
                writer.end(list);
            } else if (typeof value === "object") {
                writeStruct(writer, 5, value as Record<string, unknown>);
            } else {
                throw new TypeError(`cannot encode a ${typeof value} as a protobuf Value`);
            }
    }
    writer.end(at);
}

/** A `google.protobuf.Struct`; keys whose value is `undefined` are left out, as in JSON. */
export function writeStruct(writer: ProtoWriter, field: number, object: Record<string, unknown>): void {
    const at = writer.begin(field);
    for (const key in object) {
        const value = object[key];
        if (value !== undefined) {
            const entry = writer.begin(1);
            writer.stringAlways(1, key);
            writeValue(writer, 2, value);
            writer.end(entry);
        }
    }
    writer.end(at);
}

/** Reads the top-level fields of a message, calling back for each length-delimited one. */
export function forEachLengthDelimitedField(bytes: Uint8Array, onField: (field: number, value: Uint8Array) => void): void {
    let position = 0;
    const readVarint = (): number => {
        let value = 0;
        let scale = 1;
        for (;;) {
            const byte = bytes[position++];
            if (byte === undefined) {
                throw new RangeError("truncated protobuf message");
            }
            value += (byte & 0x7f) * scale;
            if (byte < 0x80) {
                return value;
            }
            scale *= 128;
        }
    };
    while (position < bytes.length) {
        const key = readVarint();
        const field = Math.floor(key / 8);
        switch (key & 7) {
            case wireVarint:
                readVarint();
                break;
            case wireFixed64:
                position += 8;
                break;
            case wireLengthDelimited: {
                const length = readVarint();
                onField(field, bytes.subarray(position, position + length));
                position += length;
                break;
            }
            case 5:
                position += 4;
                break;
            default:
                throw new RangeError(`unsupported protobuf wire type ${key & 7}`);
        }
    }
}
