import * as net from "net";
import { HeaderDecoder, HeaderList } from "./hpack";

/**
 * A minimal HTTP/2 client connection (RFC 9113) over plain TCP: requests with a body, answered
 * with headers, data and trailers, under the peer's flow control and stream limits. It is what a
 * unary gRPC call needs and no more: no server push, priorities, TLS or upgrade.
 *
 * The engine makes one call per resource, thousands per preview, while the stack program holds the
 * event loop. Node's `http2` module costs several hundred microseconds of CPU per stream (stream
 * objects, async-hooks bookkeeping, native round trips); here a request is two frames appended to
 * one buffered socket write.
 */

const frameType = { data: 0, headers: 1, rstStream: 3, settings: 4, pushPromise: 5, ping: 6, goAway: 7, windowUpdate: 8, continuation: 9 };
const flag = { endStream: 0x1, ack: 0x1, endHeaders: 0x4, padded: 0x8, priority: 0x20 };
const setting = { headerTableSize: 1, enablePush: 2, maxConcurrentStreams: 3, initialWindowSize: 4, maxFrameSize: 5 };
const frameHeaderLength = 9;
const preface = Buffer.from("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", "latin1");
const defaultWindow = 65_535;
// Responses are never throttled: every window this side grants is as large as HTTP/2 allows.
const largestWindow = 2 ** 31 - 1;
const headerTableSize = 4096;

export interface Http2Response {
    headers: HeaderList;
    /** Trailers; empty when the response ended with its headers (e.g. a gRPC "trailers-only" error). */
    trailers: HeaderList;
    body: Buffer;
}

export class Http2Error extends Error {}

interface Stream {
    readonly id: number;
    readonly body: Buffer;
    sent: number;
    /** How much more this stream may send (the peer's stream window). */
    window: number;
    headers?: HeaderList;
    trailers: HeaderList;
    chunks: Buffer[];
    resolve(response: Http2Response): void;
    reject(err: Error): void;
}

interface QueuedRequest {
    headerBlock: Buffer;
    body: Buffer;
    resolve(response: Http2Response): void;
    reject(err: Error): void;
}

function frameHeader(type: number, flags: number, streamId: number, length: number): Buffer {
    const header = Buffer.allocUnsafe(frameHeaderLength);
    header.writeUIntBE(length, 0, 3);
    header[3] = type;
    header[4] = flags;
    header.writeUInt32BE(streamId, 5);
    return header;
}

/** A frame as the buffers to write: its header, then its payload as it is (never copied here). */
function frame(type: number, flags: number, streamId: number, payload: Buffer = Buffer.alloc(0)): Buffer[] {
    return [frameHeader(type, flags, streamId, payload.length), payload];
}

function windowUpdate(streamId: number, increment: number): Buffer[] {
    const payload = Buffer.allocUnsafe(4);
    payload.writeUInt32BE(increment, 0);
    return frame(frameType.windowUpdate, 0, streamId, payload);
}

export class Http2Connection {
    private readonly socket: net.Socket;
    private readonly decoder = new HeaderDecoder(headerTableSize);
    private readonly streams = new Map<number, Stream>();
    private readonly queued: QueuedRequest[] = [];
    /** Streams with data left to send, in the order they were opened. */
    private readonly sending: Stream[] = [];
    private nextStreamId = 1;
    private connectionWindow = defaultWindow;
    private peerInitialWindow = defaultWindow;
    private peerMaxFrameSize = 16_384;
    private peerMaxConcurrentStreams = Infinity;
    /** Bytes received since this side last replenished the connection window. */
    private received = 0;
    private inbound: Buffer = Buffer.alloc(0);
    /** A header block in progress: HEADERS followed by CONTINUATION frames. */
    private headerBlock?: { streamId: number; fragments: Buffer[]; endStream: boolean };
    private failure?: Error;
    private outbound: Buffer[] = [];
    private flushScheduled = false;

    constructor(host: string, port: number) {
        this.socket = net.connect({ host, port, noDelay: true });
        const settings = Buffer.alloc(18);
        [
            [setting.enablePush, 0],
            [setting.initialWindowSize, largestWindow],
            [setting.headerTableSize, headerTableSize],
        ].forEach(([id, value], index) => {
            settings.writeUInt16BE(id, index * 6);
            settings.writeUInt32BE(value, index * 6 + 2);
        });
        this.write([preface], frame(frameType.settings, 0, 0, settings), windowUpdate(0, largestWindow - defaultWindow));
        this.socket.on("data", (chunk: Buffer) => this.receive(chunk));
        this.socket.on("error", (err) => this.fail(err));
        this.socket.on("close", () => this.fail(new Http2Error("connection closed")));
    }

    /** Sends a request (a header block and a body) and resolves with the whole response. */
    request(headerBlock: Buffer, body: Buffer): Promise<Http2Response> {
        if (this.failure) {
            return Promise.reject(this.failure);
        }
        return new Promise((resolve, reject) => {
            this.queued.push({ headerBlock, body, resolve, reject });
            this.openStreams();
        });
    }

    close(): void {
        this.fail(new Http2Error("connection closed by the client"));
        this.socket.end();
    }

    private openStreams(): void {
        while (!this.failure && this.queued.length > 0 && this.streams.size < this.peerMaxConcurrentStreams) {
            const { headerBlock, body, resolve, reject } = this.queued.shift()!;
            const id = this.nextStreamId;
            this.nextStreamId += 2;
            const stream: Stream = { id, body, sent: 0, window: this.peerInitialWindow, trailers: [], chunks: [], resolve, reject };
            this.streams.set(id, stream);
            // Request header blocks are small literals; one frame always holds them.
            this.write(frame(frameType.headers, flag.endHeaders | (body.length === 0 ? flag.endStream : 0), id, headerBlock));
            if (body.length > 0) {
                this.sending.push(stream);
            }
        }
        this.sendData();
    }

    /** Sends as much request data as the connection and stream windows allow. */
    private sendData(): void {
        for (let index = 0; index < this.sending.length && this.connectionWindow > 0; ) {
            const stream = this.sending[index];
            const size = Math.min(stream.body.length - stream.sent, stream.window, this.connectionWindow, this.peerMaxFrameSize);
            if (size <= 0) {
                index++;
                continue;
            }
            const end = stream.sent + size === stream.body.length;
            this.write(frame(frameType.data, end ? flag.endStream : 0, stream.id, stream.body.subarray(stream.sent, stream.sent + size)));
            stream.sent += size;
            stream.window -= size;
            this.connectionWindow -= size;
            if (end) {
                this.sending.splice(index, 1);
            }
        }
    }

    /** Queues bytes for the socket; everything queued in one turn of the event loop goes in one write. */
    private write(...frames: Buffer[][]): void {
        for (const buffers of frames) {
            this.outbound.push(...buffers);
        }
        if (!this.flushScheduled) {
            this.flushScheduled = true;
            process.nextTick(() => {
                this.flushScheduled = false;
                const pending = this.outbound;
                this.outbound = [];
                if (this.socket.writable) {
                    this.socket.write(pending.length === 1 ? pending[0] : Buffer.concat(pending));
                }
            });
        }
    }

    private receive(chunk: Buffer): void {
        this.inbound = this.inbound.length === 0 ? chunk : Buffer.concat([this.inbound, chunk]);
        let offset = 0;
        try {
            while (this.inbound.length - offset >= frameHeaderLength) {
                const length = this.inbound.readUIntBE(offset, 3);
                if (this.inbound.length - offset < frameHeaderLength + length) {
                    break;
                }
                const type = this.inbound[offset + 3];
                const flags = this.inbound[offset + 4];
                const streamId = this.inbound.readUInt32BE(offset + 5) & 0x7fffffff;
                const payload = this.inbound.subarray(offset + frameHeaderLength, offset + frameHeaderLength + length);
                offset += frameHeaderLength + length;
                this.onFrame(type, flags, streamId, payload);
            }
        } catch (err) {
            this.fail(err as Error);
            this.socket.destroy();
            return;
        }
        this.inbound = this.inbound.subarray(offset);
    }

    private onFrame(type: number, flags: number, streamId: number, payload: Buffer): void {
        if (this.headerBlock && type !== frameType.continuation) {
            throw new Http2Error("header block interrupted by another frame");
        }
        switch (type) {
            case frameType.data:
                return this.onData(flags, streamId, payload);
            case frameType.headers:
                return this.onHeaders(flags, streamId, payload);
            case frameType.continuation:
                if (!this.headerBlock || this.headerBlock.streamId !== streamId) {
                    throw new Http2Error("unexpected CONTINUATION frame");
                }
                this.headerBlock.fragments.push(payload);
                if (flags & flag.endHeaders) {
                    this.endHeaderBlock();
                }
                return;
            case frameType.rstStream:
                return this.finish(streamId, new Http2Error(`stream ${streamId} reset by the peer (error code ${payload.readUInt32BE(0)})`));
            case frameType.settings:
                return flags & flag.ack ? undefined : this.onSettings(payload);
            case frameType.ping:
                if (!(flags & flag.ack)) {
                    this.write(frame(frameType.ping, flag.ack, 0, payload));
                }
                return;
            case frameType.goAway: {
                const lastStreamId = payload.readUInt32BE(0) & 0x7fffffff;
                this.failure ??= new Http2Error(`the peer closed the connection (GOAWAY, error code ${payload.readUInt32BE(4)})`);
                for (const id of [...this.streams.keys()].filter((id) => id > lastStreamId)) {
                    this.finish(id, this.failure);
                }
                this.rejectQueued(this.failure);
                return;
            }
            case frameType.windowUpdate: {
                const increment = payload.readUInt32BE(0) & 0x7fffffff;
                if (streamId === 0) {
                    this.connectionWindow += increment;
                } else {
                    const stream = this.streams.get(streamId);
                    if (stream) {
                        stream.window += increment;
                    }
                }
                return this.sendData();
            }
            case frameType.pushPromise:
                throw new Http2Error("server push was disabled, yet the peer sent PUSH_PROMISE");
            default:
                // PRIORITY and unknown frame types carry nothing a client must act on.
                return;
        }
    }

    private onSettings(payload: Buffer): void {
        for (let offset = 0; offset + 6 <= payload.length; offset += 6) {
            const id = payload.readUInt16BE(offset);
            const value = payload.readUInt32BE(offset + 2);
            if (id === setting.initialWindowSize) {
                for (const stream of this.streams.values()) {
                    stream.window += value - this.peerInitialWindow;
                }
                this.peerInitialWindow = value;
            } else if (id === setting.maxFrameSize) {
                this.peerMaxFrameSize = value;
            } else if (id === setting.maxConcurrentStreams) {
                this.peerMaxConcurrentStreams = value;
            }
        }
        this.write(frame(frameType.settings, flag.ack, 0));
        this.openStreams();
    }

    /** Strips the padding (and priority fields) a HEADERS or DATA frame may carry. */
    private static content(flags: number, payload: Buffer, priorityFields: boolean): Buffer {
        let start = 0;
        let end = payload.length;
        if (flags & flag.padded) {
            start = 1;
            end -= payload[0];
        }
        if (priorityFields && flags & flag.priority) {
            start += 5;
        }
        if (start > end) {
            throw new Http2Error("frame padding exceeds its payload");
        }
        return payload.subarray(start, end);
    }

    private onData(flags: number, streamId: number, payload: Buffer): void {
        this.received += payload.length;
        if (this.received > largestWindow / 2) {
            this.write(windowUpdate(0, this.received));
            this.received = 0;
        }
        const stream = this.streams.get(streamId);
        stream?.chunks.push(Http2Connection.content(flags, payload, false));
        if (flags & flag.endStream) {
            this.finish(streamId);
        }
    }

    private onHeaders(flags: number, streamId: number, payload: Buffer): void {
        this.headerBlock = { streamId, fragments: [Http2Connection.content(flags, payload, true)], endStream: (flags & flag.endStream) !== 0 };
        if (flags & flag.endHeaders) {
            this.endHeaderBlock();
        }
    }

    private endHeaderBlock(): void {
        const { streamId, fragments, endStream } = this.headerBlock!;
        this.headerBlock = undefined;
        // Every block is decoded, even for a stream this side forgot, to keep the HPACK table in step.
        const headers = this.decoder.decode(fragments.length === 1 ? fragments[0] : Buffer.concat(fragments));
        const stream = this.streams.get(streamId);
        if (stream) {
            if (stream.headers) {
                stream.trailers = headers;
            } else {
                stream.headers = headers;
            }
        }
        if (endStream) {
            this.finish(streamId);
        }
    }

    private finish(streamId: number, err?: Error): void {
        const stream = this.streams.get(streamId);
        if (!stream) {
            return;
        }
        this.streams.delete(streamId);
        const sendingIndex = this.sending.indexOf(stream);
        if (sendingIndex >= 0) {
            this.sending.splice(sendingIndex, 1);
        }
        if (err) {
            stream.reject(err);
        } else {
            stream.resolve({ headers: stream.headers ?? [], trailers: stream.trailers, body: Buffer.concat(stream.chunks) });
        }
        this.openStreams();
    }

    private rejectQueued(err: Error): void {
        for (const request of this.queued.splice(0)) {
            request.reject(err);
        }
    }

    private fail(err: Error): void {
        if (this.failure && this.streams.size === 0 && this.queued.length === 0) {
            return;
        }
        this.failure ??= err;
        for (const id of [...this.streams.keys()]) {
            this.finish(id, this.failure);
        }
        this.rejectQueued(this.failure);
    }
}
