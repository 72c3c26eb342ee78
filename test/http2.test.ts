import { expect } from "chai";
import * as crypto from "crypto";
import * as http2 from "http2";
import { AddressInfo } from "net";
import { encodeHeaderBlock, HeaderDecoder, HeaderList } from "../engine/hpack";
import { Http2Connection, Http2Error } from "../engine/http2-connection";

/** A request header block for `path`, as the gRPC channel builds them. */
function requestHeaders(path: string, port: number): Buffer {
    return encodeHeaderBlock([
        [":method", "POST"],
        [":scheme", "http"],
        [":path", path],
        [":authority", `127.0.0.1:${port}`],
        ["content-type", "application/octet-stream"],
    ]);
}

/** Node's own HTTP/2 server (nghttp2) is the reference peer for the engine's client. */
async function withServer(
    onStream: (stream: http2.ServerHttp2Stream, headers: http2.IncomingHttpHeaders, body: Buffer) => void,
    test: (connection: Http2Connection, port: number, server: http2.Http2Server) => Promise<void>,
    settings: http2.Settings = {},
): Promise<void> {
    const server = http2.createServer({ settings });
    server.on("stream", (stream, headers) => {
        // A stream the test resets reports that as an error on the server side too.
        stream.on("error", () => undefined);
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("end", () => onStream(stream, headers, Buffer.concat(chunks)));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as AddressInfo).port;
    const connection = new Http2Connection("127.0.0.1", port);
    try {
        await test(connection, port, server);
    } finally {
        connection.close();
        await new Promise((resolve) => server.close(resolve));
    }
}

const value = (headers: HeaderList, name: string) => headers.find(([key]) => key === name)?.[1];

describe("HPACK", () => {
    it("decodes the RFC 7541 request examples with Huffman coding and the dynamic table (C.4)", () => {
        const decoder = new HeaderDecoder();
        const block = (hex: string) => Buffer.from(hex.replace(/\s/g, ""), "hex");
        expect(decoder.decode(block("8286 8441 8cf1 e3c2 e5f2 3a6b a0ab 90f4 ff"))).to.deep.equal([
            [":method", "GET"],
            [":scheme", "http"],
            [":path", "/"],
            [":authority", "www.example.com"],
        ]);
        expect(decoder.decode(block("8286 84be 5886 a8eb 1064 9cbf"))).to.deep.equal([
            [":method", "GET"],
            [":scheme", "http"],
            [":path", "/"],
            [":authority", "www.example.com"],
            ["cache-control", "no-cache"],
        ]);
        expect(decoder.decode(block("8287 85bf 4088 25a8 49e9 5ba9 7d7f 8925 a849 e95b b8e8 b4bf"))).to.deep.equal([
            [":method", "GET"],
            [":scheme", "https"],
            [":path", "/index.html"],
            [":authority", "www.example.com"],
            ["custom-key", "custom-value"],
        ]);
    });

    it("rejects an index outside both tables", () => {
        expect(() => new HeaderDecoder().decode(Buffer.from([0xff, 0x00]))).to.throw(/index 127 out of range/);
    });
});

describe("HTTP/2 client connection", () => {
    it("reads headers, body and trailers as Node's server encodes them, Huffman codes and dynamic table included", async () => {
        // Every printable ASCII character, in a header that repeats (indexed) and one that changes.
        const printable = Array.from({ length: 95 }, (_, index) => String.fromCharCode(32 + index)).join("").trim();
        await withServer(
            (stream, headers, body) => {
                stream.respond({ ":status": 200, "x-printable": printable, "x-path": String(headers[":path"]) }, { waitForTrailers: true });
                stream.on("wantTrailers", () => stream.sendTrailers({ "grpc-status": "0", "x-length": String(body.length) }));
                stream.end(body);
            },
            async (connection, port) => {
                const responses = await Promise.all(
                    Array.from({ length: 40 }, (_, index) => connection.request(requestHeaders(`/echo/${index}`, port), Buffer.from(`request ${index}`))),
                );
                responses.forEach((response, index) => {
                    expect(value(response.headers, ":status")).to.equal("200");
                    expect(value(response.headers, "x-printable")).to.equal(printable);
                    expect(value(response.headers, "x-path")).to.equal(`/echo/${index}`);
                    expect(response.body.toString()).to.equal(`request ${index}`);
                    expect(value(response.trailers, "grpc-status")).to.equal("0");
                    expect(value(response.trailers, "x-length")).to.equal(String(`request ${index}`.length));
                });
            },
        );
    });

    it("sends bodies larger than the server's flow-control windows and frame size, and receives large ones", async () => {
        const large = crypto.randomBytes(3 * 1024 * 1024);
        await withServer(
            (stream, _headers, body) => {
                stream.respond({ ":status": 200, "x-sha256": crypto.createHash("sha256").update(body).digest("hex") });
                stream.end(Buffer.concat([body, body]));
            },
            async (connection, port) => {
                const [first, second] = await Promise.all([
                    connection.request(requestHeaders("/large", port), large),
                    connection.request(requestHeaders("/large", port), large.subarray(1)),
                ]);
                expect(value(first.headers, "x-sha256")).to.equal(crypto.createHash("sha256").update(large).digest("hex"));
                expect(first.body.equals(Buffer.concat([large, large]))).to.equal(true);
                expect(second.body.length).to.equal(2 * (large.length - 1));
            },
            // Small windows, so the body only gets through if the client waits for WINDOW_UPDATE.
            { initialWindowSize: 16_384 },
        );
    });

    it("keeps to the server's limit on concurrent streams", async () => {
        let open = 0;
        let mostOpen = 0;
        await withServer(
            (stream, _headers, body) => {
                mostOpen = Math.max(mostOpen, ++open);
                setTimeout(() => {
                    open--;
                    stream.respond({ ":status": 200 });
                    stream.end(body);
                }, 5);
            },
            async (connection, port) => {
                // The client learns the limit from the server's SETTINGS before its first request goes out.
                await connection.request(requestHeaders("/first", port), Buffer.from("first"));
                const bodies = await Promise.all(
                    Array.from({ length: 12 }, (_, index) => connection.request(requestHeaders("/limited", port), Buffer.from(String(index)))),
                );
                expect(bodies.map((response) => response.body.toString())).to.deep.equal(Array.from({ length: 12 }, (_, index) => String(index)));
            },
            { maxConcurrentStreams: 2 },
        );
        expect(mostOpen).to.equal(2);
    });

    it("fails a stream the server resets, and every request once the connection is gone", async () => {
        await withServer(
            (stream, headers) => {
                if (headers[":path"] === "/reset") {
                    stream.close(http2.constants.NGHTTP2_REFUSED_STREAM);
                } else {
                    stream.session?.destroy();
                }
            },
            async (connection, port) => {
                const reset = await connection.request(requestHeaders("/reset", port), Buffer.from("x")).catch((err: unknown) => err);
                expect(reset).to.be.instanceOf(Http2Error);
                expect((reset as Error).message).to.contain(`error code ${http2.constants.NGHTTP2_REFUSED_STREAM}`);

                const dropped = await connection.request(requestHeaders("/drop", port), Buffer.from("x")).catch((err: unknown) => err);
                expect(dropped).to.be.instanceOf(Error);
                const afterwards = await connection.request(requestHeaders("/later", port), Buffer.from("x")).catch((err: unknown) => err);
                expect(afterwards).to.be.instanceOf(Error);
            },
        );
    });
});
