// One keep-alive HTTP/1.1 connection for a load generator, on a bare `net` socket: a GET written as
// one prepared string, the answer read only as far as its status and its end (Content-Length or
// chunked), no IncomingMessage, no header object, no stream. node:http's client costs the paced
// catalogue generator 0.5–0.7 ms of CPU per request on this machine (and undici as much,
// docs/performance.md), CPU the server under test then lacks; this is the lighter instrument
// (bench/catalogue.mjs, BENCH_PACED_CLIENT=raw). One request at a time: the caller waits for an
// answer before the next GET. A connection the server closed (keep-alive timeout, `Connection:
// close`) is opened again by the next GET.
import net from "node:net";

const CRLF2 = Buffer.from("\r\n\r\n");

export class RawHttpConnection {
  /**
   * @param {string} host
   * @param {number} port
   * @param {Record<string, string>} headers sent with every request (besides Host and Connection)
   * @param {number} timeoutMs an answer not complete by then fails the request and closes the socket
   */
  constructor(host, port, headers = {}, timeoutMs = 10_000) {
    this.host = host;
    this.port = port;
    this.timeoutMs = timeoutMs;
    this.head = `Host: ${host}:${port}\r\n${Object.entries(headers)
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join("")}Connection: keep-alive\r\n\r\n`;
    this.socket = null;
    this.job = null;
  }

  /** Sends GET `path`; calls onResponse(status, localPort) once the whole body has arrived, or onError(error). */
  get(path, onResponse, onError) {
    if (this.job) throw new Error("RawHttpConnection: one request at a time");
    if (!this.socket) this.connect();
    this.job = {
      onResponse,
      onError,
      pending: null,
      status: 0,
      remaining: -1,
      chunked: false,
      last: false,
      close: false,
    };
    this.job.timer = setTimeout(() => this.fail(new Error("timeout")), this.timeoutMs);
    this.socket.write(`GET ${path} HTTP/1.1\r\n${this.head}`, "latin1");
  }

  connect() {
    const socket = net.connect({ host: this.host, port: this.port, noDelay: true });
    this.socket = socket;
    // A socket dropped earlier (timeout, `Connection: close`) may still report: only the current one counts.
    socket.on("data", (chunk) => this.socket === socket && this.read(chunk));
    socket.on("error", (error) => this.socket === socket && this.fail(error));
    socket.on(
      "close",
      () => this.socket === socket && this.fail(new Error("connection closed before the answer ended")),
    );
  }

  read(chunk) {
    const job = this.job;
    if (!job) return; // bytes with no request asked: nothing to read them for
    let data = job.pending ? Buffer.concat([job.pending, chunk]) : chunk;
    job.pending = null;
    if (job.status === 0) {
      const end = data.indexOf(CRLF2);
      if (end < 0) {
        job.pending = data;
        return;
      }
      const head = data.latin1Slice(0, end).toLowerCase();
      job.status = Number(head.slice(9, 12));
      const length = /\r\ncontent-length: *(\d+)/.exec(head);
      job.chunked = /\r\ntransfer-encoding: *chunked/.test(head);
      job.close = /\r\nconnection: *close/.test(head) || head.startsWith("http/1.0");
      // 204 and 304 carry no body (RFC 9112 §6.3), whatever their headers say.
      const bodiless = job.status === 204 || job.status === 304;
      job.remaining = bodiless ? 0 : length ? Number(length[1]) : job.chunked ? 0 : -1;
      if (bodiless) job.chunked = false;
      if (job.remaining < 0) return this.fail(new Error("an answer with neither Content-Length nor chunked"));
      data = data.subarray(end + 4);
    }
    if (!job.chunked) {
      job.remaining -= data.length;
      if (job.remaining <= 0) this.finish();
      return;
    }
    // Chunked: `size\r\n<size bytes>\r\n` … `0\r\n\r\n` (Forma sends no trailers). `remaining` counts a
    // chunk's bytes and the CRLF after them.
    for (;;) {
      if (job.remaining > 0) {
        const take = Math.min(job.remaining, data.length);
        job.remaining -= take;
        data = data.subarray(take);
        if (job.remaining > 0) return;
        if (job.last) return this.finish();
      }
      const line = data.indexOf("\r\n");
      if (line < 0) {
        job.pending = data.length > 0 ? data : null;
        return;
      }
      const size = parseInt(data.latin1Slice(0, line), 16);
      if (!(size >= 0)) return this.fail(new Error("a malformed chunk size"));
      data = data.subarray(line + 2);
      job.remaining = size + 2;
      job.last = size === 0;
    }
  }

  finish() {
    const job = this.job;
    this.job = null;
    clearTimeout(job.timer);
    const port = this.socket?.localPort;
    if (job.close) this.drop();
    job.onResponse(job.status, port);
  }

  fail(error) {
    const job = this.job;
    this.drop();
    if (!job) return;
    this.job = null;
    clearTimeout(job.timer);
    job.onError(error);
  }

  drop() {
    const socket = this.socket;
    this.socket = null;
    socket?.destroy();
  }

  destroy() {
    this.drop();
  }
}
