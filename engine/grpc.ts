import { encodeHeaderBlock, HeaderList } from "./hpack";
import { Http2Connection } from "./http2-connection";
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

const statusInternal = 13;
const statusUnknown = 2;

/** `grpc-message` is percent-encoded; a malformed one is shown as it came. */
function percentDecoded(text: string): string {
    try {
        return decodeURIComponent(text);
    } catch {
        return text;
    }
}

function header(headers: HeaderList, name: string): string | undefined {
    return headers.find(([key]) => key === name)?.[1];
}

/**
 * Unary gRPC calls over one HTTP/2 connection, with the message bytes encoded by the caller: the
 * protocol's request (`POST /package.Service/Method`, `content-type: application/grpc`, one
 * length-prefixed message) and its answer (the message, then `grpc-status` in the trailers).
 */
export class GrpcChannel {
    private readonly connection: Http2Connection;
    private readonly headerBlocks = new Map<string, Buffer>();

    constructor(
        private readonly host: string,
        private readonly port: number,
    ) {
        this.connection = new Http2Connection(host, port);
    }

    private headerBlock(method: string): Buffer {
        let block = this.headerBlocks.get(method);
        if (!block) {
            block = encodeHeaderBlock([
                [":method", "POST"],
                [":scheme", "http"],
                [":path", method],
                [":authority", `${this.host}:${this.port}`],
                ["content-type", "application/grpc"],
                ["te", "trailers"],
            ]);
            this.headerBlocks.set(method, block);
        }
        return block;
    }

    /** Calls `method` (`/package.Service/Method`) with one framed message and returns the response message. */
    async call(method: string, frame: Buffer): Promise<Buffer> {
        const { headers, trailers, body } = await this.connection.request(this.headerBlock(method), frame);
        // A failing call may answer with headers only; a successful one sends its status in trailers.
        const status = trailers.length > 0 ? trailers : headers;
        const code = Number(header(status, "grpc-status") ?? statusUnknown);
        if (code !== 0) {
            throw new GrpcError(method, code, percentDecoded(header(status, "grpc-message") ?? ""));
        }
        if (body.length < grpcFrameHeader || body[0] !== 0 || body.readUInt32BE(1) !== body.length - grpcFrameHeader) {
            throw new GrpcError(method, statusInternal, "response is not one uncompressed gRPC message");
        }
        return body.subarray(grpcFrameHeader);
    }

    close(): void {
        this.connection.close();
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
