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

// Flow-control windows as large as HTTP/2 allows, so a whole-stack message is not sent in 64 KiB
// steps that each wait for the other process to acknowledge.
const largestWindow = 2 ** 31 - 1;

/**
 * Unary gRPC calls over one HTTP/2 connection, with the message bytes encoded by the caller. The
 * engine makes one call per resource; a general client's per-call machinery (interceptors, name
 * resolution, load balancing, deadlines) cost it more than the encoding did.
 */
export class GrpcChannel {
    private readonly session: http2.ClientHttp2Session;
    private failure: Error | undefined;

    constructor(address: string) {
        this.session = http2.connect(`http://${address}`, {
            maxSessionMemory: Number.MAX_SAFE_INTEGER,
            settings: { initialWindowSize: largestWindow },
        });
        this.session.on("connect", () => this.session.setLocalWindowSize(largestWindow));
        this.session.on("error", (err) => (this.failure = err));
    }

    /** Calls `method` (`/package.Service/Method`) with one framed message and returns the response message. */
    call(method: string, frame: Buffer): Promise<Buffer> {
        if (this.failure) {
            return Promise.reject(this.failure);
        }
        return new Promise((resolve, reject) => {
            const stream = this.session.request({
                ":method": "POST",
                ":path": method,
                "content-type": "application/grpc",
                te: "trailers",
            });
            const chunks: Buffer[] = [];
            let status: http2.IncomingHttpHeaders = {};
            // A failing call may answer with headers only; a successful one sends its status in trailers.
            stream.on("response", (headers) => (status = headers));
            stream.on("trailers", (trailers) => (status = trailers));
            stream.on("data", (chunk: Buffer) => chunks.push(chunk));
            stream.on("error", reject);
            stream.on("end", () => {
                const code = Number(status["grpc-status"] ?? 2);
                if (code !== 0) {
                    const details = decodeURIComponent(String(status["grpc-message"] ?? ""));
                    reject(new GrpcError(method, code, details));
                    return;
                }
                const body = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
                if (body.length < grpcFrameHeader || body[0] !== 0) {
                    reject(new GrpcError(method, 13, "response is not one uncompressed gRPC message"));
                    return;
                }
                resolve(body.subarray(grpcFrameHeader, grpcFrameHeader + body.readUInt32BE(1)));
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
