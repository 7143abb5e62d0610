// Graceful shutdown of `node server.js` on SIGTERM/SIGINT (a deploy, a scale-down):
//   1. stop accepting connections, and make /readyz answer 503; the background jobs start no new run
//      (the outbox ends its send in flight and gives back the rest of its batch);
//   2. close idle keep-alive connections at once, and every other one as soon as its response
//      is sent ("Connection: close" on responses still to come), so no request is cut by a
//      connection reset;
//   3. wait for the requests in flight, at most SHUTDOWN_TIMEOUT_SECONDS;
//   4. stop the background jobs and close the database pools;
//   5. exit 0, or 1 if requests were still running at the limit and had to be cut.
import type http from "node:http";
import type { Socket } from "node:net";
import { errorFields, logger } from "./logger.server.ts";

export type ShutdownOptions = {
  timeoutMs: number;
  /** Called once shutdown begins (e.g. /readyz starts answering 503). */
  onBegin?: () => void;
  /** Releases everything else (jobs, pools) after the last request. */
  onClosed?: () => Promise<void> | void;
  exit?: (code: number) => void;
};

export function installGracefulShutdown(server: http.Server, options: ShutdownOptions) {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  /** Requests in flight per connection; a connection with none is idle. */
  const active = new Map<Socket, number>();
  const responses = new Set<http.ServerResponse>();
  let closing = false;

  server.on("connection", (socket: Socket) => {
    active.set(socket, 0);
    socket.on("close", () => active.delete(socket));
  });
  server.on("request", (req: http.IncomingMessage, res: http.ServerResponse) => {
    const socket = req.socket;
    active.set(socket, (active.get(socket) ?? 0) + 1);
    if (closing) res.setHeader("Connection", "close");
    responses.add(res);
    res.on("close", () => {
      responses.delete(res);
      const left = (active.get(socket) ?? 1) - 1;
      active.set(socket, left);
      if (closing && left === 0) socket.destroySoon();
    });
  });

  const inFlight = () => [...active.values()].reduce((sum, n) => sum + n, 0);

  async function shutdown(signal: string) {
    if (closing) return;
    closing = true;
    options.onBegin?.();
    logger.info({ signal, inFlight: inFlight(), timeoutMs: options.timeoutMs }, "shutdown started");
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    // Responses still to come tell the client this connection ends with them.
    for (const res of responses) if (!res.headersSent) res.setHeader("Connection", "close");
    for (const [socket, requests] of active) if (requests === 0) socket.destroySoon();

    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<"timeout">((resolve) => {
      timer = setTimeout(() => resolve("timeout"), options.timeoutMs);
    });
    const outcome = await Promise.race([closed.then(() => "closed" as const), timedOut]);
    clearTimeout(timer);

    let cut = 0;
    if (outcome === "timeout") {
      cut = inFlight();
      logger.error({ cut, timeoutMs: options.timeoutMs }, "shutdown limit reached: cutting requests still running");
      for (const socket of active.keys()) socket.destroy();
    }
    try {
      await options.onClosed?.();
    } catch (error) {
      logger.error({ err: errorFields(error) }, "shutdown: releasing resources failed");
    }
    logger.info({ cut }, "shutdown complete");
    logger.flush?.();
    exit(cut > 0 ? 1 : 0);
  }

  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
  return { shutdown };
}
