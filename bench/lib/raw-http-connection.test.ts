import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RawHttpConnection } from "./raw-http-connection.mjs";

// The paced catalogue generator's connection (bench/catalogue.mjs, BENCH_PACED_CLIENT=raw) must see
// every answer end exactly where it ends, however the bytes arrive, or its latencies are wrong.
const body = "x".repeat(20_000);
const seen: { path: string; headers: http.IncomingHttpHeaders; remotePort: number }[] = [];
const server = http.createServer((req, res) => {
  seen.push({ path: req.url ?? "", headers: req.headers, remotePort: req.socket.remotePort ?? 0 });
  if (req.url?.startsWith("/length")) {
    res.writeHead(200, { "content-length": Buffer.byteLength(body) }).end(body);
  } else if (req.url === "/chunked") {
    res.writeHead(404, { "content-type": "text/plain" });
    res.write("first part ");
    setTimeout(() => res.end(body), 20);
  } else if (req.url === "/close") {
    res.writeHead(503, { connection: "close", "content-length": 2 }).end("no");
  } else if (req.url === "/empty") {
    res.writeHead(204).end();
  } // "/silent": no answer
});
// Answers written a byte at a time, so every boundary (status line, headers' end, a chunk's size
// line, its CRLF, the last chunk) falls between two reads at least once.
const trickling = net.createServer((socket) => {
  socket.setNoDelay(true);
  socket.on("data", async () => {
    const answer = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\na\r\n0123456789\r\n0\r\n\r\n";
    for (const byte of answer) {
      socket.write(byte);
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
  });
});
let port = 0;
let tricklingPort = 0;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  await new Promise<void>((resolve) => trickling.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
  tricklingPort = (trickling.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await new Promise((resolve) => trickling.close(resolve));
});

function get(connection: RawHttpConnection, path: string) {
  return new Promise<{ status: number; port: number }>((resolve, reject) =>
    connection.get(path, (status: number, localPort: number) => resolve({ status, port: localPort }), reject),
  );
}

describe("RawHttpConnection", () => {
  it("reads answers by Content-Length and chunked on one kept-alive socket, with the headers asked", async () => {
    const connection = new RawHttpConnection("127.0.0.1", port, { "accept-encoding": "br" });
    seen.length = 0;
    const answers = [
      await get(connection, "/length"),
      await get(connection, "/chunked"),
      await get(connection, "/empty"),
      await get(connection, "/length?q=caf%C3%A8"),
    ];
    connection.destroy();
    expect(answers.map((a) => a.status)).toEqual([200, 404, 204, 200]);
    expect(new Set(answers.map((a) => a.port)).size).toBe(1);
    expect(new Set(seen.map((s) => s.remotePort))).toEqual(new Set([answers[0]!.port]));
    expect(seen.map((s) => s.path)).toEqual(["/length", "/chunked", "/empty", "/length?q=caf%C3%A8"]);
    expect(seen[0]!.headers["accept-encoding"]).toBe("br");
    expect(seen[0]!.headers.connection).toBe("keep-alive");
  });

  it("opens a new socket after the server said Connection: close", async () => {
    const connection = new RawHttpConnection("127.0.0.1", port);
    const closed = await get(connection, "/close");
    const next = await get(connection, "/length");
    connection.destroy();
    expect(closed.status).toBe(503);
    expect(next.status).toBe(200);
    expect(next.port).not.toBe(closed.port);
  });

  it("finds a chunked answer's end when it arrives a byte at a time", async () => {
    const connection = new RawHttpConnection("127.0.0.1", tricklingPort);
    const first = await get(connection, "/");
    const second = await get(connection, "/");
    connection.destroy();
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.port).toBe(first.port);
  });

  it("fails a request not answered in time, and the next one goes through", async () => {
    const connection = new RawHttpConnection("127.0.0.1", port, {}, 100);
    await expect(get(connection, "/silent")).rejects.toThrow("timeout");
    expect((await get(connection, "/length")).status).toBe(200);
    connection.destroy();
  });

  it("refuses a second request while one is in flight", async () => {
    const connection = new RawHttpConnection("127.0.0.1", port);
    const first = get(connection, "/chunked");
    expect(() =>
      connection.get(
        "/length",
        () => {},
        () => {},
      ),
    ).toThrow("one request at a time");
    expect((await first).status).toBe(404);
    connection.destroy();
  });
});
