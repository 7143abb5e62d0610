// The warm-up's bounds without a database (ADR 0067): a listener standing in for the app records
// what it is sent. tests/server/warm-up.test.ts checks the real server (before listening, nothing
// written, not logged, SIGTERM).
import type http from "node:http";
import net from "node:net";
import { describe, expect, test } from "vitest";
import { warmUp } from "./warm-up.server.ts";

type Seen = { method: string; url: string; cookie?: string; remote?: string; localPort?: number };

/** A stand-in app: a catalogue listing one event, whose page offers one edition; everything else 200. */
function fakeApp(seen: Seen[]): http.RequestListener {
  return (req, res) => {
    seen.push({
      method: req.method!,
      url: req.url!,
      cookie: req.headers.cookie,
      remote: req.socket.remoteAddress,
      localPort: req.socket.localPort,
    });
    req.resume();
    req.on("end", () => {
      if (req.url!.startsWith("/eventi?") || req.url === "/eventi") res.end('<a href="/eventi/ev1">Un evento</a>');
      else if (req.url === "/eventi/ev1") res.end('<a href="/eventi/ev1/iscrizione?edizione=ed1">Iscriviti</a>');
      else res.end("ok");
    });
  };
}

const refused = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", () => resolve(true));
  });

describe("warmUp", () => {
  test("makes exactly the requests asked for, on loopback, the journey's with and without a cookie, then closes its server", async () => {
    const seen: Seen[] = [];
    const result = await warmUp(fakeApp(seen), { requests: 40, timeLimitMs: 10_000 });
    expect(result).toMatchObject({ requests: 40, ended: "done", eventFound: true, statuses: { 200: 40 } });
    expect(seen).toHaveLength(40);
    expect(new Set(seen.map((s) => s.remote))).toEqual(new Set(["127.0.0.1"]));
    const posts = seen.filter((s) => s.method === "POST");
    expect(posts.map((s) => s.url)).toContain("/eventi/ev1/iscrizione.data?edizione=ed1");
    expect(posts.some((s) => s.cookie === undefined)).toBe(true);
    expect(posts.some((s) => s.cookie?.startsWith("forma_session="))).toBe(true);
    expect(seen.some((s) => s.url.startsWith("/le-mie-iscrizioni.data"))).toBe(true);
    // Only GETs besides the journey's action, and never a sign-in or any other form.
    expect(new Set(posts.map((s) => s.url.replace(/\?.*/, "")))).toEqual(new Set(["/eventi/ev1/iscrizione.data"]));
    expect(await refused(seen[0]!.localPort!)).toBe(true);
  });

  test("0 requests: none, no server", async () => {
    const seen: Seen[] = [];
    expect(await warmUp(fakeApp(seen), { requests: 0, timeLimitMs: 1000 })).toMatchObject({
      requests: 0,
      ended: "done",
    });
    expect(seen).toEqual([]);
  });

  test("the time limit ends a warm-up whose requests do not answer", async () => {
    const started = performance.now();
    const result = await warmUp(() => {}, { requests: 10, timeLimitMs: 200 });
    expect(result).toMatchObject({ requests: 0, ended: "time-limit" });
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  test("the signal ends it (the worker is shutting down)", async () => {
    const seen: Seen[] = [];
    const stop = new AbortController();
    const app = fakeApp(seen);
    const pending = warmUp(
      (req, res) => {
        if (seen.length >= 5) stop.abort();
        app(req, res);
      },
      { requests: 100_000, timeLimitMs: 10_000, signal: stop.signal },
    );
    const result = await pending;
    expect(result.ended).toBe("aborted");
    expect(result.requests).toBeLessThan(100_000);
  });

  test("an error ends it without throwing", async () => {
    const result = await warmUp((req) => req.socket.destroy(), { requests: 10, timeLimitMs: 5_000 });
    expect(result.ended).toBe("error");
    expect(result.error).toBeTruthy();
    expect(result.requests).toBe(0);
  });
});
