// A worker's warm-up (ADR 0067): before it listens on the shared port, a worker of `node server.js`
// sends its own request path a bounded series of requests, so that V8 has compiled it before the
// first real burst. A cold worker compiled it while serving (Sparkplug, Maglev, TurboFan, whose
// threads compete with the requests for the cores), about a fifth fewer journeys per second in a
// burst right after a start (ADR 0066). The requests go through the very same Express app, served
// by a private http.Server on 127.0.0.1, port 0, closed afterwards: nothing from outside can reach
// it or make a request count as warm-up. Read-only and anonymous requests only: the catalogue
// (documents, its data, searches with filters, free text and pages), one public event page and its
// data, the sign-in page, /healthz, the build's favicon and the enrolment journey's two requests as a
// browser with JavaScript makes them, without a session cookie and with a signed one naming no
// session (both answer a redirect to sign in before the form is read: no session, rate-limit
// count, audit row or enrolment is written).
import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import zlib from "node:zlib";
import { getSessionStorage, SESSION_ID_KEY } from "./session.server.ts";

/** What a browser sends (bench/lib/browser-journey.ts): its answers are compressed as a browser's are. */
const BROWSER_ACCEPT_ENCODING = "gzip, deflate, br, zstd";
const DOCUMENT_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
const USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";

/** Catalogue searches of the warm-up: filters alone and together, free text, pages (bench/catalogue.mjs's head). */
export const WARM_UP_SEARCHES = [
  "",
  "?page=2",
  "?type=webinar",
  "?level=regionale&region=lombardia",
  "?q=etwinning",
  "?q=cittadinanza+digitale",
  "?q=inclusione&schoolLevel=primaria",
  "?role=dirigente",
  "?freeSeats=1",
  "?mode=online&schoolLevel=secondaria-secondo-grado&freeSeats=1",
  "?level=nazionale&page=3",
];

export type WarmUpOptions = {
  /** How many requests at most (0: none). */
  requests: number;
  /** How long at most, in ms: the requests still running then are cut. */
  timeLimitMs: number;
  /** Ends the warm-up at once (the worker is shutting down). */
  signal?: AbortSignal;
};

export type WarmUpResult = {
  /** Requests answered (whatever their status). */
  requests: number;
  ms: number;
  /** How many answers had each status. */
  statuses: Record<string, number>;
  /** An event was found in the catalogue: its page, its data and its enrolment (anonymous) were asked for. */
  eventFound: boolean;
  /** "done": every request made; otherwise why it stopped earlier. */
  ended: "done" | "time-limit" | "aborted" | "error";
  /** The error that ended it ("error"), as text. */
  error?: string;
};

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };

class Stop extends Error {}

/**
 * Sends `listener` (the worker's Express app, as createHttpApp's warmUpListener marks its requests)
 * up to `options.requests` requests over one keep-alive connection of a private loopback server, and
 * resolves when they are done, the time limit is reached or the signal aborts. Never rejects: an
 * error ends the warm-up and is reported in the result, and the caller starts the worker anyway.
 */
export async function warmUp(listener: http.RequestListener, options: WarmUpOptions): Promise<WarmUpResult> {
  const started = performance.now();
  const statuses: Record<string, number> = {};
  let made = 0;
  let eventFound = false;
  let editionId: string | null = null;
  const result = (ended: WarmUpResult["ended"], error?: unknown): WarmUpResult => ({
    requests: made,
    ms: Math.round(performance.now() - started),
    statuses,
    eventFound,
    ended,
    ...(error === undefined ? {} : { error: error instanceof Error ? error.message : String(error) }),
  });
  if (options.requests <= 0 || options.signal?.aborted) return result(options.signal?.aborted ? "aborted" : "done");

  const stop = new AbortController();
  let ended: WarmUpResult["ended"] | null = null;
  const end = (why: WarmUpResult["ended"]) => {
    ended ??= why;
    stop.abort();
  };
  const timer = setTimeout(() => end("time-limit"), options.timeLimitMs);
  const onAbort = () => end("aborted");
  options.signal?.addEventListener("abort", onAbort, { once: true });

  const server = http.createServer(listener);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      // exclusive: a cluster worker's listen(0) otherwise goes through the primary, which shares one
      // port among the workers (each worker's warm-up could then serve another's) and counts the
      // worker as listening.
      server.listen({ port: 0, host: "127.0.0.1", exclusive: true }, () => resolve());
    });
    const { port } = server.address() as AddressInfo;

    const send = async (method: "GET" | "POST", path: string, headers: http.OutgoingHttpHeaders, body?: string) => {
      if (made >= options.requests) throw new Stop();
      if (stop.signal.aborted) throw new Stop();
      const answer = await request(port, agent, stop.signal, method, path, headers, body);
      made += 1;
      statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
      return answer;
    };
    const get = (path: string, accept = "*/*") =>
      send("GET", path, { accept, "accept-encoding": BROWSER_ACCEPT_ENCODING, "user-agent": USER_AGENT });

    const cookie = await noSessionCookie();
    const journeyHeaders = (withCookie: boolean) => ({
      accept: "*/*",
      "accept-encoding": BROWSER_ACCEPT_ENCODING,
      "user-agent": USER_AGENT,
      ...(withCookie ? { cookie } : {}),
    });

    // Round after round, until the requests are all made (a Stop) or time is up. Documents every
    // third round: a round is mostly the data requests the JavaScript journey and the catalogue's
    // client navigation make (about a millisecond each, a document ten).
    let eventId: string | null = null;
    for (let round = 0; ; round++) {
      const search = WARM_UP_SEARCHES[round % WARM_UP_SEARCHES.length]!;
      const documents = round % 3 === 0;
      if (documents) {
        await get("/healthz");
        const catalogue = await get(`/eventi${search}`, DOCUMENT_ACCEPT);
        // The first event the catalogue lists (none on an empty catalogue: its requests are left out).
        eventId ??= firstEventId(catalogue);
      } else await get(`/eventi.data${search}`);
      if (eventId) {
        eventFound = true;
        if (documents) {
          const page = await get(`/eventi/${eventId}`, DOCUMENT_ACCEPT);
          editionId ??= firstEditionId(page, eventId);
        }
        await get(`/eventi/${eventId}.data`);
        // The journey's action as the page's JavaScript posts it, without a session and with a
        // cookie naming none: a redirect to sign in, before the form is read.
        for (const withCookie of [false, true]) {
          const edition = editionId ?? eventId;
          await send(
            "POST",
            `/eventi/${eventId}/iscrizione.data?edizione=${encodeURIComponent(edition)}`,
            { ...journeyHeaders(withCookie), "content-type": "application/x-www-form-urlencoded" },
            `editionId=${encodeURIComponent(edition)}`,
          );
        }
      }
      // The page an enrolment leads to, as data, likewise: a redirect to sign in.
      for (const withCookie of [false, true])
        await send("GET", `/le-mie-iscrizioni.data?esito=${eventId ?? "x"}`, journeyHeaders(withCookie));
      if (documents) {
        await get("/accedi", DOCUMENT_ACCEPT);
        await get("/favicon.svg");
      }
    }
  } catch (error) {
    if (error instanceof Stop) return result(ended ?? "done");
    if (ended) return result(ended);
    return result("error", error);
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener("abort", onAbort);
    agent.destroy();
    server.closeAllConnections();
    server.close();
  }
}

/** One request on the agent's connection, its body read whole and decompressed. */
function request(
  port: number,
  agent: http.Agent,
  signal: AbortSignal,
  method: string,
  path: string,
  headers: http.OutgoingHttpHeaders,
  body?: string,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port,
        method,
        path,
        agent,
        signal,
        headers: body === undefined ? headers : { ...headers, "content-length": Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.once("error", reject);
        res.once("end", () => {
          try {
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: decoded(res.headers, Buffer.concat(chunks)),
            });
          } catch (error) {
            reject(error);
          }
        });
      },
    );
    req.once("error", (error) => reject(signal.aborted ? new Stop() : error));
    req.end(body);
  });
}

/**
 * A session cookie signed with this server's secret whose session id no UserSession row can have
 * (ids are cuids; this one is not): the server reads it, looks the id up (one read) and treats the
 * request as signed out, as for a revoked session. Made by the cookie storage alone: nothing is written.
 */
async function noSessionCookie(): Promise<string> {
  const session = await getSessionStorage().getSession();
  session.set(SESSION_ID_KEY, `warm-up:${randomUUID()}`);
  const setCookie = await getSessionStorage().commitSession(session);
  return setCookie.split(";")[0]!;
}

function decoded(headers: http.IncomingHttpHeaders, body: Buffer): Buffer {
  switch (headers["content-encoding"]) {
    case "br":
      return zlib.brotliDecompressSync(body);
    case "gzip":
      return zlib.gunzipSync(body);
    case "deflate":
      return zlib.inflateSync(body);
    default:
      return body;
  }
}

const EVENT_LINK = /href="\/eventi\/([A-Za-z0-9_-]+)"/;

/** The first event a catalogue page links to, or null. */
export function firstEventId(answer: Answer): string | null {
  if (answer.status !== 200) return null;
  return EVENT_LINK.exec(answer.body.toString("utf8"))?.[1] ?? null;
}

/** The first edition an event page offers to enrol in, or null. */
function firstEditionId(answer: Answer, eventId: string): string | null {
  if (answer.status !== 200) return null;
  // As it is, or inside the sign-in link's return address (encoded) for a visitor without a session.
  const link = new RegExp(`/eventi/${eventId}/iscrizione(?:\\?|%3F)edizione(?:=|%3D)([A-Za-z0-9_-]+)`);
  return link.exec(answer.body.toString("utf8"))?.[1] ?? null;
}
