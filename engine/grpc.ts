import * as http2 from "http2";
import { grpcFrameHeader } from "./protobuf";

/** A gRPC call that ended with a status other than OK. */
export class GrpcError extends Error {
    constructor(
        readonly method: string,
        readonly code: number,
        readonly details: string,
    ) {
        super(`${method}: ${details || `gRPC status ${code}`}`);
    }
}

/** gRPC status codes the client itself reports (the server's come in `grpc-status`). */
const grpcStatus = { ok: 0, unknown: 2, internal: 13, unavailable: 14 } as const;

/**
 * Memory (MB) the session may hold before Node refuses further answers with
 * NGHTTP2_ENHANCE_YOUR_CALM. A preview sends one Analyze per resource as it registers, faster than
 * the pack answers, and every request not yet sent counts against this. Node's default of 10 MB
 * fails a 200-tenant preview (5,857 calls), which gets through with 32 MB; 256 leaves room for
 * stacks several times larger. It is a cap, not an allocation.
 */
const sessionMemoryMb = 256;

/** `grpc-message` is percent-encoded; a malformed one is shown as it came. */
function percentDecoded(text: string): string {
    try {
        return decodeURIComponent(text);
    } catch {
        return text;
    }
}

function single(value: string | string[] | undefined): string | undefined {
    return Array.isArray(value) ? value[0] : value;
}

/**
 * Unary gRPC calls over one HTTP/2 session of Node's own client, with the message bytes encoded by
 * the caller: one stream per call carrying the protocol's request (`POST /package.Service/Method`,
 * `content-type: application/grpc`, one length-prefixed message) and its answer (the message,
 * then `grpc-status` in the trailers).
 */
export class GrpcChannel {
    private readonly session: http2.ClientHttp2Session;
    private sessionError?: Error;

    constructor(host: string, port: number) {
        this.session = http2.connect(`http://${host}:${port}`, { maxSessionMemory: sessionMemoryMb });
        // A session failure also fails every open stream, which rejects its call; kept for calls made later.
        this.session.on("error", (err) => (this.sessionError = err));
    }

    /** Calls `method` (`/package.Service/Method`) with one framed message and returns the response message. */
    call(method: string, frame: Buffer): Promise<Buffer> {
        return new Promise((resolve, reject) => {
            if (this.session.closed || this.session.destroyed) {
                reject(new GrpcError(method, grpcStatus.unavailable, this.sessionError?.message ?? "channel closed"));
                return;
            }
            const stream = this.session.request({
                ":method": "POST",
                ":path": method,
                "content-type": "application/grpc",
                te: "trailers",
            });
            let status: http2.IncomingHttpHeaders = {};
            const chunks: Buffer[] = [];
            // A failing call may answer with headers only; a successful one sends its status in trailers.
            stream.on("response", (headers) => (status = headers));
            stream.on("trailers", (trailers) => (status = trailers));
            stream.on("data", (chunk: Buffer) => chunks.push(chunk));
            stream.on("error", (err) => reject(new GrpcError(method, grpcStatus.unavailable, err.message)));
            stream.on("close", () => {
                if (stream.rstCode !== http2.constants.NGHTTP2_NO_ERROR) {
                    reject(new GrpcError(method, grpcStatus.unavailable, `stream reset (HTTP/2 error ${stream.rstCode})`));
                    return;
                }
                const code = Number(single(status["grpc-status"]) ?? grpcStatus.unknown);
                if (code !== grpcStatus.ok) {
                    const details = single(status["grpc-message"]) ?? `HTTP status ${status[":status"]}`;
                    reject(new GrpcError(method, code, percentDecoded(details)));
                    return;
                }
                const body = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
                if (body.length < grpcFrameHeader || body[0] !== 0 || body.readUInt32BE(1) !== body.length - grpcFrameHeader) {
                    reject(new GrpcError(method, grpcStatus.internal, "response is not one uncompressed gRPC message"));
                    return;
                }
                resolve(body.subarray(grpcFrameHeader));
            });
            stream.end(frame);
        });
    }

    close(): void {
        this.session.close();
    }
}

/** Frames an already serialized message (from a generated class's `serializeBinary`). */
export function framed(message: Uint8Array): Buffer {
    const frame = Buffer.allocUnsafe(grpcFrameHeader + message.length);
    frame[0] = 0;
    frame.writeUInt32BE(message.length, 1);
    frame.set(message, grpcFrameHeader);
    return frame;
}
