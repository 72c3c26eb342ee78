import { expect } from "chai";
import * as http2 from "http2";
import { AddressInfo } from "net";
import { framed, GrpcChannel, GrpcError } from "../engine/grpc";

type Handler = (stream: http2.ServerHttp2Stream, headers: http2.IncomingHttpHeaders, body: Buffer) => void;

/** Node's own HTTP/2 server stands in for the pack's gRPC server; `sessions` counts client connections. */
async function withServer(onStream: Handler, test: (channel: GrpcChannel, server: { sessions: number }) => Promise<void>): Promise<void> {
    const server = http2.createServer();
    const counts = { sessions: 0 };
    server.on("session", () => counts.sessions++);
    server.on("stream", (stream, headers) => {
        // A stream the test resets reports that as an error on the server side too.
        stream.on("error", () => undefined);
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("end", () => onStream(stream, headers, Buffer.concat(chunks)));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const channel = new GrpcChannel("127.0.0.1", (server.address() as AddressInfo).port);
    try {
        await test(channel, counts);
    } finally {
        channel.close();
        await new Promise((resolve) => server.close(resolve));
    }
}

/** A unary gRPC answer: the message, then the status in the trailers. */
function answer(stream: http2.ServerHttp2Stream, message: Buffer, trailers: http2.OutgoingHttpHeaders = { "grpc-status": "0" }): void {
    stream.respond({ ":status": 200, "content-type": "application/grpc" }, { waitForTrailers: true });
    stream.on("wantTrailers", () => stream.sendTrailers(trailers));
    stream.end(message);
}

const failureOf = (call: Promise<unknown>): Promise<unknown> => call.then(() => undefined, (err: unknown) => err);

describe("gRPC channel on node:http2", () => {
    it("sends each call as a gRPC POST of one framed message and returns the unframed answer, over one session", async () => {
        const seen: http2.IncomingHttpHeaders[] = [];
        await withServer(
            (stream, headers, body) => {
                seen.push(headers);
                // Echo the request's message, reversed, so the answer is told apart from the request.
                const message = Buffer.from(body.subarray(5)).reverse();
                answer(stream, framed(message));
            },
            async (channel, server) => {
                const answers = await Promise.all(Array.from({ length: 20 }, (_, index) => channel.call(`/test.Echo/Call${index}`, framed(Buffer.from(`request ${index}`)))));
                answers.forEach((message, index) => expect(message.toString()).to.equal([...`request ${index}`].reverse().join("")));
                expect(server.sessions).to.equal(1);
            },
        );
        expect(seen).to.have.length(20);
        for (const headers of seen) {
            expect(headers).to.include({ ":method": "POST", "content-type": "application/grpc", te: "trailers" });
            expect(headers[":path"]).to.match(/^\/test\.Echo\/Call\d+$/);
        }
    });

    it("carries thousands of concurrent calls on one session", async () => {
        // The server answers each request a turn after reading it, as the policy pack answers
        // early resources while later ones still queue up to be sent. Under Node's default
        // maxSessionMemory (10 MB) the client refuses those answers with
        // NGHTTP2_ENHANCE_YOUR_CALM, as it did in a 200-tenant preview.
        const calls = 6000;
        const message = Buffer.alloc(4000, 7);
        await withServer(
            (stream, _headers, body) => setImmediate(() => answer(stream, framed(Buffer.from(String(body.length))))),
            async (channel) => {
                const answers = await Promise.all(Array.from({ length: calls }, () => channel.call("/test.Load/Call", framed(message))));
                expect(new Set(answers.map((answer) => answer.toString()))).to.deep.equal(new Set([String(message.length + 5)]));
            },
        );
    });

    it("reports a status from the trailers with its percent-decoded message", async () => {
        await withServer(
            (stream) => answer(stream, Buffer.alloc(0), { "grpc-status": "9", "grpc-message": "policy%20failed%3A%20100%25" }),
            async (channel) => {
                const failure = await failureOf(channel.call("/test.Fail/Call", framed(Buffer.alloc(0))));
                expect(failure).to.be.instanceOf(GrpcError);
                expect(failure).to.include({ code: 9, details: "policy failed: 100%", message: "/test.Fail/Call: policy failed: 100%" });
            },
        );
    });

    it("reports a trailers-only answer (the status in the headers, no message)", async () => {
        await withServer(
            (stream) => {
                stream.respond({ ":status": 200, "content-type": "application/grpc", "grpc-status": "12", "grpc-message": "unknown method" });
                stream.end();
            },
            async (channel) => {
                const failure = await failureOf(channel.call("/test.Missing/Call", framed(Buffer.alloc(0))));
                expect(failure).to.include({ code: 12, details: "unknown method" });
            },
        );
    });

    it("reports an answer that is not one uncompressed gRPC message, and an HTTP error without a gRPC status", async () => {
        await withServer(
            (stream, headers) => {
                if (headers[":path"] === "/test.Compressed/Call") {
                    const compressed = framed(Buffer.from("zz"));
                    compressed[0] = 1;
                    answer(stream, compressed);
                } else if (headers[":path"] === "/test.Short/Call") {
                    answer(stream, framed(Buffer.from("message")).subarray(0, 8));
                } else {
                    stream.respond({ ":status": 503 });
                    stream.end();
                }
            },
            async (channel) => {
                for (const method of ["/test.Compressed/Call", "/test.Short/Call"]) {
                    expect(await failureOf(channel.call(method, framed(Buffer.alloc(0))))).to.include({
                        code: 13,
                        details: "response is not one uncompressed gRPC message",
                    });
                }
                expect(await failureOf(channel.call("/test.Http/Call", framed(Buffer.alloc(0))))).to.include({ code: 2, details: "HTTP status 503" });
            },
        );
    });

    it("fails a call whose stream the server resets, every open call when the server goes away, and every call after", async () => {
        await withServer(
            (stream, headers) => {
                if (headers[":path"] === "/test.Reset/Call") {
                    stream.close(http2.constants.NGHTTP2_REFUSED_STREAM);
                } else {
                    stream.session?.destroy();
                }
            },
            async (channel) => {
                const reset = await failureOf(channel.call("/test.Reset/Call", framed(Buffer.alloc(0))));
                expect(reset).to.be.instanceOf(GrpcError).and.include({ code: 14 });
                expect((reset as Error).message).to.equal("/test.Reset/Call: Stream closed with error code NGHTTP2_REFUSED_STREAM");

                const dropped = await failureOf(channel.call("/test.Drop/Call", framed(Buffer.alloc(0))));
                expect(dropped).to.be.instanceOf(GrpcError).and.include({ code: 14 });
                const afterwards = await failureOf(channel.call("/test.Later/Call", framed(Buffer.alloc(0))));
                expect(afterwards).to.be.instanceOf(GrpcError).and.include({ code: 14 });
            },
        );
    });
});
