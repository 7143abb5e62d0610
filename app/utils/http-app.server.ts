// The HTTP application of `node server.js`: Express in front of the Remix build.
//   1. one JSON log line per request (method, path, status, duration);
//   2. /healthz (the process is up) and /readyz (the database answers; 503 while it does not, or
//      while the process is shutting down), for load balancers;
//   3. security headers (helmet): a CSP with a nonce per request for Remix's inline scripts,
//      frame-ancestors 'none', HSTS in production, Referrer-Policy, nosniff; and
//      "Cache-Control: private, no-store" on every response to a signed-in user;
//   4. static assets (the hashed ones precompressed at build time), response compression unless
//      FORMA_COMPRESSION=off;
//   5. request body limits per route (413 before the body is read);
//   6. Remix, with APP_ORIGIN as the request's origin whatever Host a proxy sends; a form posted
//      from another site answers 403; while the database is away, 503 with a clear page.
//      With a read replica (DATABASE_REPLICA_URL), a successful POST's answer sets a short
//      "read your writes" cookie (app/utils/read-replica.server.ts).
import fs from "node:fs";
import type http from "node:http";
import path from "node:path";
import { type Duplex, Readable, Transform } from "node:stream";
import type { AppLoadContext, ServerBuild } from "@remix-run/node";
import { createReadableStreamFromReadable, createRequestHandler, writeReadableStreamToWritable } from "@remix-run/node";
import compression from "compression";
import express, { type NextFunction, type Request as ExpressRequest, type Response as ExpressResponse } from "express";
import { catalogueSearchShape, parseCatalogueSearch, type CatalogueFilters } from "../domain/catalogue-filters.ts";
import { bodyLimitFor, FORM_BODY_LIMIT, formatBytes } from "./body-limit.server.ts";
import { databaseReachable, isDatabaseUnavailableError, sqliteFileReplacedRecently } from "./database-health.server.ts";
import { getEnv } from "./env.server.ts";
import { errorFields, logger } from "./logger.server.ts";
import { plainPage, resourceForbidden, resourceNotFound } from "./plain-page.server.ts";
import { rememberFormBody } from "./form-data.server.ts";
import { precompressedAssets } from "./precompressed-assets.server.ts";
import { recentWriteCookie, replicaConfigured } from "./read-replica.server.ts";
import { rememberLanguageOfLink } from "./locale.server.ts";
import {
  COMPRESSION_OPTIONS,
  endWhole,
  wholeBodyEncoding,
  type WholeBodyEncoding,
} from "./response-compression.server.ts";
import { cspNonce, securityHeaders } from "./security-headers.server.ts";

/** What one request carries through Remix (the load context) and back. */
export type RequestState = {
  /** Set by handleError (entry.server.tsx) when a loader or action failed because the database is away. */
  databaseUnavailable: boolean;
  cspNonce: string;
  /**
   * Set by entry.server.tsx when it renders a document: the Response it returned (with no body)
   * and the HTML as a Node stream, which the app pipes to the socket itself; `abort` stops the
   * rendering (the client left, or Remix answered something else, e.g. HEAD).
   */
  document?: { response: Response; body: Readable; abort: () => void };
  /**
   * True when Remix answers this request with a rendered document (not a `.data` request): a loader
   * may then leave out of its serialised data what only the server's render reads (ADR 0052,
   * app/utils/server-only-data.ts). Unset for anyone calling the handler without Forma's HTTP app.
   */
  documentRequest?: boolean;
  /**
   * True when the request sends a form (not GET or HEAD): a document request's loaders then run after an action that
   * answered with the page itself, not a redirect (the root loader tells pageTitle, app/i18n/meta.ts).
   */
  submission?: boolean;
  /**
   * The search the catalogue's loader parsed from this request's URL (app/routes/eventi._index.tsx), which the
   * log line names (loggableSearch) without parsing the URL again.
   */
  catalogueSearch?: { filters: CatalogueFilters; page: number };
};

declare module "@remix-run/node" {
  interface AppLoadContext {
    forma?: RequestState;
  }
}

export const SESSION_COOKIE = "forma_session";
/** Seconds a client should wait before retrying while the database is away. */
const RETRY_AFTER_SECONDS = 5;

// ─── Pages the server answers itself (no database, no React) ─────────────────

const UNAVAILABLE_PAGE = plainPage(
  503,
  {
    title: "Servizio momentaneamente non disponibile",
    text: "Forma non riesce a raggiungere il proprio archivio dati. Nessuna operazione è stata registrata: riprova tra qualche secondo.",
  },
  {
    title: "Service temporarily unavailable",
    text: "Forma cannot reach its database. Nothing was recorded: please try again in a few seconds.",
  },
);

const ERROR_PAGE = plainPage(
  500,
  { title: "Si è verificato un errore", text: "La richiesta non è andata a buon fine. Riprova più tardi." },
  { title: "Something went wrong", text: "The request could not be completed. Please try again later." },
);

const FORBIDDEN_ORIGIN_PAGE = plainPage(
  403,
  {
    title: "Richiesta rifiutata",
    text: "Il modulo è stato inviato da un altro sito. Apri la pagina di Forma e invialo da lì.",
  },
  {
    title: "Request refused",
    text: "The form was sent from another site. Open the Forma page and send it from there.",
  },
);

const METHOD_NOT_ALLOWED_PAGE = plainPage(
  405,
  { title: "Metodo non consentito", text: "Forma risponde solo a richieste GET, HEAD e POST." },
  { title: "Method not allowed", text: "Forma only answers GET, HEAD and POST requests." },
);

/**
 * The methods Forma answers; every other is 405 with Allow before Remix sees it. The Fetch API refuses to put
 * TRACE in a Request (undici throws "'TRACE' HTTP method is unsupported"): such a request reached remixRequest
 * and came back as a 500 with an error in the log (Node's HTTP server hands CONNECT to its own event, but a
 * proxy may pass it on). And Remix runs a resource route's loader for OPTIONS (a certificate's PDF, the
 * participants' CSV were sent in answer) and a route's action for PUT, PATCH and DELETE: no page of Forma sends
 * them, and a 405 without Allow is not what HTTP says a 405 is.
 */
const ALLOWED_METHODS = new Set(["GET", "HEAD", "POST"]);

function tooLargePage(limit: number) {
  return plainPage(
    413,
    {
      title: "Richiesta troppo grande",
      text: `I dati inviati superano il limite di ${formatBytes(limit)} per questa pagina. Riduci il testo o scegli un file più piccolo.`,
    },
    {
      title: "Request too large",
      text: `The data sent exceeds this page's limit of ${formatBytes(limit)}. Shorten the text or choose a smaller file.`,
    },
  );
}

function sendPage(res: ExpressResponse, page: { status: number; html: string }, headers: Record<string, string> = {}) {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.status(page.status);
  res.set({ "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", ...headers });
  res.send(page.html);
}

/** How long a refused upload's connection stays open, unread, after the answer was sent. */
const REFUSAL_CLOSE_DELAY_MS = 1_000;

/**
 * Refuses a request whose body is still arriving (too large, or from a foreign origin), with
 * `Connection: close`. Closing the socket at once, with the client's unread bytes still in the
 * kernel's buffer, makes the kernel reset the connection, and a reset can drop the answer before
 * the client has read it: the browser then shows "connection reset" instead of the 413 page
 * (seen under load). So after the answer the socket stops reading (the client's sends stall once
 * the buffers are full: nothing more is received or held) and is destroyed a moment later, by
 * which time the client has read the page and usually closed its side.
 */
function refuseAndClose(res: ExpressResponse, page: { status: number; html: string }) {
  const socket = res.socket;
  if (socket && !res.headersSent) {
    socket.destroySoon = () => {
      // Node's HTTP parser reads the handle itself, and the finished request resumes the socket to
      // discard the rest of the body: stop the handle, and keep it stopped for the moment left.
      socket.resume = () => socket;
      socket.pause();
      (socket as unknown as { _handle?: { readStop?: () => void } })._handle?.readStop?.();
      setTimeout(() => socket.destroy(), REFUSAL_CLOSE_DELAY_MS).unref();
    };
  }
  sendPage(res, page, { Connection: "close" });
}

// ─── Logging ─────────────────────────────────────────────────────────────────

// Secret tokens travel in some paths (password reset, email confirmation, confirmation of a new
// address, personal calendar feed, a reminder's unsubscribe link, a participant's attendance pass, which
// never expires): never write them to the log.
const SECRET_PATHS =
  /^\/(reimposta-password|conferma-email|conferma-nuova-email|ripristina-email|calendario|disiscrizione|formazione\/presenza)\/[^/]+/;

export function loggablePath(pathname: string): string {
  return pathname.replace(SECRET_PATHS, "/$1/:token");
}

/** The catalogue's result pages (app/routes/eventi._index.tsx), whose log line says which search was served. */
const CATALOGUE_PATH = /^\/eventi\/?$/;

/**
 * For a catalogue page, the search it served as catalogueSearchShape writes it (filters, page, and only the
 * number and length of the free text's words); undefined for any other path. A search's cost depends on its
 * shape, so the slowest lines of a load test name the searches to look at (bench/lib/request-log-tails.mjs).
 */
function loggableSearch(req: ExpressRequest, state: RequestState): string | undefined {
  if (!CATALOGUE_PATH.test(req.path)) return undefined;
  // The catalogue's loader has parsed the same URL (ADR 0059); a request it did not see is parsed here.
  if (state.catalogueSearch) return catalogueSearchShape(state.catalogueSearch.filters, state.catalogueSearch.page);
  const query = req.originalUrl.indexOf("?");
  if (query < 0) return "";
  const { filters, page } = parseCatalogueSearch(new URLSearchParams(req.originalUrl.slice(query + 1)));
  return catalogueSearchShape(filters, page);
}

/**
 * The requests of the worker's warm-up: marked by warmUpListener as its private loopback server
 * receives them, never by anything a client sends.
 */
const warmUpRequests = new WeakSet<object>();

/** Whether this process has said that X-Forwarded-For arrives while TRUST_PROXY is not set (requestStart). */
let warnedOfUntrustedProxy = false;

/**
 * The request's first middleware: its state (the CSP nonce), the client's address for the rate
 * limiters, and its log line when the response is done (or the connection closed first).
 */
function requestStart(req: ExpressRequest, res: ExpressResponse, next: NextFunction) {
  const started = process.hrtime.bigint();
  const state: RequestState = { databaseUnavailable: false, cspNonce: cspNonce() };
  res.locals.forma = state;
  // The worker's own warm-up (app/utils/warm-up.server.ts) is not traffic: no log line (its summary
  // says how many requests it made and their statuses).
  if (warmUpRequests.has(req)) {
    req.headers["x-forma-client-ip"] = "warm-up";
    next();
    return;
  }
  // Read once: the log line and the rate limiters both want it (Express computes it on every read).
  const ip = req.ip;
  if (!warnedOfUntrustedProxy && req.headers["x-forwarded-for"] !== undefined && !getEnv().TRUST_PROXY) {
    // Behind a reverse proxy without TRUST_PROXY every client is the proxy's address: one person's wrong passwords
    // (LOGIN_IP_FAILURE_LIMIT) refuse every sign-in of the site. Said once per process; the header itself is ignored.
    warnedOfUntrustedProxy = true;
    logger.warn(
      "requests carry X-Forwarded-For but TRUST_PROXY is not set: every client behind a reverse proxy counts as the " +
        "proxy's address for the per-address limits, so one person's failed sign-ins refuse everyone's. " +
        "Behind a proxy, set TRUST_PROXY (README)",
    );
  }
  // The rate limiters read the client address from this header; never trust one sent by the client.
  req.headers["x-forma-client-ip"] = ip ?? req.socket.remoteAddress ?? "unknown";
  // 'close' follows 'finish' (a complete response) or comes alone (the connection closed first).
  res.once("close", () => {
    const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
    const fields = {
      method: req.method,
      path: loggablePath(req.path),
      search: loggableSearch(req, state),
      status: res.statusCode,
      durationMs: Math.round(durationMs * 10) / 10,
      ip,
      ...(res.writableFinished ? {} : { aborted: true }),
    };
    if (res.statusCode >= 500) logger.error(fields, "request");
    else logger.info(fields, "request");
  });
  next();
}

// ─── Security headers ────────────────────────────────────────────────────────

/**
 * helmet's security headers (recorded once at start, with this request's CSP nonce: see
 * app/utils/security-headers.server.ts) and, for a signed-in user, private caching.
 */
function responseHeaders(production: boolean, httpsOrigin: boolean, formTargets: readonly string[]) {
  const setSecurityHeaders = securityHeaders(production, httpsOrigin, formTargets);
  return (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    setSecurityHeaders(res, (res.locals.forma as RequestState).cspNonce);
    if (req.headers.cookie?.includes(SESSION_COOKIE_PREFIX)) privateResponse(res);
    next();
  };
}

const SESSION_COOKIE_PREFIX = `${SESSION_COOKIE}=`;

/**
 * A response to a signed-in user may show personal data: no shared or browser cache keeps it.
 * Decided when the headers go out: public feeds and files keep their own "public" caching,
 * anything else becomes private.
 */
function privateResponse(res: ExpressResponse) {
  const writeHead = res.writeHead;
  res.writeHead = function (this: ExpressResponse, ...args: unknown[]) {
    const current = this.getHeader("cache-control");
    if (!current || !/\bpublic\b/.test(String(current))) this.setHeader("Cache-Control", "private, no-store");
    return (writeHead as (...a: unknown[]) => ExpressResponse).apply(this, args);
  } as typeof res.writeHead;
}

// ─── Remix ───────────────────────────────────────────────────────────────────

class BodyTooLarge extends Error {}

/** The request body as a stream that fails once it has carried more than `limit` bytes. */
function limitedBody(req: ExpressRequest, limit: number, onExceeded: () => void): Readable {
  let seen = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > limit) {
        onExceeded();
        callback(new BodyTooLarge(`body over ${limit} bytes`));
        return;
      }
      callback(null, chunk);
    },
  });
  req.on("error", (error) => counter.destroy(error));
  return req.pipe(counter);
}

/**
 * The request's URL on APP_ORIGIN. The request target is only ever a path there: "//x:99999/eventi" is that path on
 * Forma (a 404), where new URL(target, origin) read it as another site's address, or threw (a 500). An
 * absolute-form target ("GET http://host/eventi") keeps its path and query.
 */
export function urlOnOrigin(origin: URL, target: string): string {
  let path = target;
  if (!target.startsWith("/")) {
    try {
      const absolute = new URL(target);
      path = absolute.pathname + absolute.search;
    } catch {
      path = `/${target}`;
    }
  }
  return new URL(origin.origin + path).href;
}

/**
 * The Fetch Request Remix sees. Its origin is always APP_ORIGIN: behind a proxy that rewrites
 * Host (nginx's default) or terminates TLS, the URL and Host still name the public site, which is
 * also what Remix's own check compares a form's Origin header with.
 */
function remixRequest(
  req: ExpressRequest,
  res: ExpressResponse,
  origin: URL,
  body: Readable | Buffer | null,
  /** A one-click unsubscribe POST: its foreign Origin is expected (see ONE_CLICK_UNSUBSCRIBE_PATH). */
  anyOrigin = false,
): Request {
  const headers = new Headers();
  for (const [key, values] of Object.entries(req.headers)) {
    if (!values) continue;
    if (Array.isArray(values)) for (const value of values) headers.append(key, value);
    else headers.set(key, values);
  }
  headers.set("host", origin.host);
  headers.delete("x-forwarded-host");
  // Remix refuses an action whose Origin is not the Host (500); a provider's one-click POST comes
  // from its own origin, and the signed link, not the origin, is what authorises it.
  if (anyOrigin) headers.delete("origin");
  // Every other request that reaches Remix with a body has passed sameOrigin: its Origin is
  // APP_ORIGIN's or the Host the browser used. The latter (Forma reached at its own address, a port
  // changed without APP_ORIGIN) no longer matches the Host rewritten above, and Remix's check
  // answered 500: it is told the origin Forma has already accepted.
  else if (headers.has("origin")) headers.set("origin", origin.origin);
  const controller = new AbortController();
  // 'close' without 'finish' first: the client went away before the answer was complete.
  res.once("close", () => {
    if (!res.writableFinished) controller.abort();
  });
  const init: RequestInit & { duplex?: "half" } = { method: req.method, headers, signal: controller.signal };
  if (Buffer.isBuffer(body)) init.body = body as Uint8Array<ArrayBuffer>;
  else if (body) {
    init.body = createReadableStreamFromReadable(body);
    init.duplex = "half";
  }
  const request = new Request(urlOnOrigin(origin, req.originalUrl), init);
  // readForm parses an urlencoded body from the Buffer rather than the Request's stream (ADR 0050).
  if (Buffer.isBuffer(body) && body.length > 0) rememberFormBody(request, body);
  return request;
}

const EMPTY_BODY = Buffer.alloc(0);

/**
 * An ordinary form's body (a declared length within FORM_BODY_LIMIT), read whole before Remix
 * sees it: Remix reads it whole anyway (request.formData()), and a Buffer spares the counting
 * Transform and the Node→web stream conversion a streamed body needs. Node's parser stops at the
 * declared length, so the limit holds. null if the client went away before the end.
 */
function readFormBody(req: ExpressRequest, length: number): Promise<Buffer | null> {
  if (length === 0) return Promise.resolve(EMPTY_BODY);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
    });
    req.once("end", () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)));
    req.once("error", () => resolve(null));
    req.once("close", () => {
      if (!req.complete) resolve(null);
    });
  });
}

/** A declared Content-Length small enough to read whole (not chunked), or -1. */
function formBodyLength(req: ExpressRequest): number {
  const header = req.headers["content-length"];
  if (header === undefined || req.headers["transfer-encoding"] !== undefined) return -1;
  const length = Number(header);
  return Number.isInteger(length) && length >= 0 && length <= FORM_BODY_LIMIT ? length : -1;
}

/**
 * Express's res.set adds the charset to a text or JSON Content-Type that has none
 * ("text/html" → "text/html; charset=utf-8"): the same here, without its mime lookup.
 */
function contentTypeAsExpressSetsIt(value: string): string {
  if (/;\s*charset\s*=/.test(value)) return value;
  return /^text\/|^application\/(javascript|json)/.test(value.split(";")[0]!) ? `${value}; charset=utf-8` : value;
}

/** A page (HTML) or a redirect, as opposed to a feed, a file or Remix's data. */
function isPage(response: Response): boolean {
  if (response.status >= 300 && response.status < 400) return true;
  return /^text\/html\b/i.test(response.headers.get("content-type") ?? "");
}

/**
 * The Fetch response's headers onto Node's response, as Express's res.append did one by one (a
 * header already set, such as a cookie, gains a line), with Node's own setHeader/appendHeader.
 */
function copyHeaders(res: ExpressResponse, headers: Headers) {
  for (const [key, value] of headers) {
    if (key === "content-type" && !res.hasHeader(key)) res.setHeader(key, contentTypeAsExpressSetsIt(value));
    else if (ROUTE_REPLACES.has(key)) res.setHeader(key, value);
    else res.appendHeader(key, value);
  }
}

/**
 * Site-wide security headers a route may set otherwise, its value replacing the site's instead of
 * joining it: a token page's `Referrer-Policy: strict-origin` went out as "same-origin, strict-origin".
 */
const ROUTE_REPLACES = new Set(["referrer-policy"]);

/**
 * The rendered document's HTML, collected whole (React writes it at once when complete, ADR 0035)
 * and sent in one call with its length: compressed (`encoding`, ADR 0042) or as it is (or through the
 * compression middleware, for an encoding not done whole). Piping React's stream instead sent the page as a chunk and then the chunked
 * terminator in a second write: a second system call, TCP segment and wake-up of the client per page
 * (ADR 0051).
 */
function sendDocument(
  document: NonNullable<RequestState["document"]>,
  res: ExpressResponse,
  encoding: WholeBodyEncoding | null,
) {
  document.body.once("error", (error) => res.destroy(error));
  // The client left before the end: stop rendering for nobody.
  res.once("close", () => {
    if (!res.writableFinished) document.abort();
  });
  const chunks: Buffer[] = [];
  let size = 0;
  document.body.on("data", (chunk: Buffer) => {
    chunks.push(chunk);
    size += chunk.length;
  });
  document.body.once("end", () => {
    if (res.destroyed) return;
    sendWhole(res, chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size), encoding);
  });
}

/** A body held whole, in one write with its length: compressed whole (`encoding`) or as it is. */
function sendWhole(res: ExpressResponse, body: Buffer, encoding: WholeBodyEncoding | null) {
  if (encoding) endWhole(res, body, encoding);
  else {
    // Its length, which the compression middleware drops if it compresses (an encoding not done whole).
    res.setHeader("Content-Length", body.length);
    res.end(body);
  }
}

/** A web stream read to its end, as one Buffer. */
async function readWhole(body: ReadableStream<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = body.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    chunks.push(read.value);
    size += read.value.length;
  }
  return Buffer.concat(chunks, size);
}

/** Lets go of an answer that will not be sent. */
async function discardBody(response: Response, document: RequestState["document"]) {
  if (document) document.abort();
  await response.body?.cancel().catch(() => {});
}

/**
 * A reminder's one-click unsubscribe link (ADR 0077, RFC 8058): the mail provider POSTs to it from
 * its own servers or its webmail page, so from another origin. The signed link is the whole proof
 * (no session is read, no cookie is needed), which is why it alone skips the origin check.
 */
const ONE_CLICK_UNSUBSCRIBE_PATH = /^\/disiscrizione\/[^/]+$/;

/** A state-changing request must come from Forma's own pages: Origin is APP_ORIGIN or this host. */
function sameOrigin(req: ExpressRequest, origin: URL): boolean {
  const header = req.get("origin");
  if (!header) return true; // not a browser form post (or a very old browser): the session cookie is SameSite=Lax
  if (header === "null") return false;
  try {
    const from = new URL(header);
    return from.host === origin.host || from.host === req.get("host");
  } catch {
    return false;
  }
}

/** Remix's single-fetch data requests (a route's loader or action data, turbo-stream encoded). */
const REMIX_DATA_PATH = /\.data$/;
/**
 * Remix's lazy route discovery (the client asks which routes the links of a page lead to): a small
 * JSON body Remix builds whole. Through the compression middleware it cost a streamed Brotli
 * compressor per request, 15 % of the answer's CPU (ADR 0060).
 */
const REMIX_MANIFEST_PATH = "/__manifest";

/**
 * The compression middleware for the answers that are not compressed whole (ADR 0059). It used to run
 * for every request, wrapping `res.write`, `end`, `on` and `writeHead` and negotiating again when the
 * headers went out, although Remix's documents and data, the requests that matter, are compressed
 * whole and pass it untouched. The build's public files get it at once; a request for Remix gets it
 * (`streamedCompression`) only when its answer will not be compressed whole, before anything is
 * written: the same headers and bodies as when it ran for everything.
 */
type StreamedCompression = (req: ExpressRequest, res: ExpressResponse) => void;

function streamedCompressionOf(enabled: boolean): StreamedCompression {
  if (!enabled) return () => {};
  const middleware = compression(COMPRESSION_OPTIONS);
  return (req, res) => {
    if (res.locals.streamedCompression) return;
    res.locals.streamedCompression = true;
    // The middleware calls next() at once, having only wrapped the response.
    middleware(req, res, () => {});
  };
}

function remixHandler(
  build: ServerBuild,
  origin: URL,
  compressWhole: boolean,
  streamedCompression: StreamedCompression,
) {
  const handle = createRequestHandler(build, process.env.NODE_ENV);
  return async (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    const state = res.locals.forma as RequestState;
    const hasBody = req.method !== "GET" && req.method !== "HEAD";
    const oneClickUnsubscribe = hasBody && ONE_CLICK_UNSUBSCRIBE_PATH.test(req.path);
    if (hasBody && !oneClickUnsubscribe && !sameOrigin(req, origin)) {
      streamedCompression(req, res);
      refuseAndClose(res, FORBIDDEN_ORIGIN_PAGE);
      return;
    }
    const limit = bodyLimitFor(req.path);
    const declared = Number(req.get("content-length") ?? "0");
    if (hasBody && declared > limit) {
      // Refused on the header alone: the body is never read, and the connection is closed after
      // the answer so the client stops sending it.
      streamedCompression(req, res);
      refuseAndClose(res, tooLargePage(limit));
      return;
    }
    let exceeded = false;
    try {
      let body: Readable | Buffer | null = null;
      if (hasBody) {
        const length = formBodyLength(req);
        if (length === -1) body = limitedBody(req, limit, () => (exceeded = true));
        else {
          body = await readFormBody(req, length);
          if (!body) {
            // The client went away while sending: nobody is left to answer.
            res.destroy();
            return;
          }
        }
      }
      state.documentRequest = !REMIX_DATA_PATH.test(req.path);
      state.submission = hasBody;
      const context: AppLoadContext = { forma: state };
      const request = remixRequest(req, res, origin, body, oneClickUnsubscribe);
      let response = await handle(request, context);
      // The document's HTML as a Node stream, if Remix answers with the rendered document itself.
      const document = state.document?.response === response ? state.document : undefined;
      if (state.document && !document) state.document.abort();
      if (exceeded) {
        await discardBody(response, document);
        streamedCompression(req, res);
        refuseAndClose(res, tooLargePage(limit));
        return;
      }
      if (state.databaseUnavailable && response.status >= 500) {
        if (REMIX_DATA_PATH.test(req.path)) {
          // Remix's own data request: keep its encoded error, say 503.
          const headers = new Headers(response.headers);
          headers.set("Retry-After", String(RETRY_AFTER_SECONDS));
          response = new Response(response.body, { status: 503, headers });
        } else {
          await discardBody(response, document);
          streamedCompression(req, res);
          sendPage(res, UNAVAILABLE_PAGE, { "Retry-After": String(RETRY_AFTER_SECONDS) });
          return;
        }
      }
      // A resource route's refusal thrown as bare text (a guard's 403 in front of a CSV, PDF or ZIP, an id that
      // cannot be one: Remix sends a resource route's thrown Response as it is): a browser showed that sentence
      // alone, without title, language or way back. The small bilingual page instead, as resourceNotFound answers
      // (ADR 0079, 0086); document routes already get the app's error page, Remix's data requests keep their own.
      if (
        !hasBody &&
        !document &&
        !REMIX_DATA_PATH.test(req.path) &&
        (response.status === 403 || response.status === 404) &&
        /^text\/plain\b/i.test(response.headers.get("content-type") ?? "")
      ) {
        await discardBody(response, undefined);
        response = response.status === 403 ? resourceForbidden() : resourceNotFound();
      }
      res.statusMessage = response.statusText;
      res.statusCode = response.status;
      // Read your writes (ADR 0017): after a successful POST this browser's lag-tolerant reads go
      // to the primary for a few seconds, whichever worker or instance serves them.
      if (hasBody && response.status < 400 && replicaConfigured()) res.appendHeader("Set-Cookie", recentWriteCookie());
      copyHeaders(res, response.headers);
      // A page opened by a link that names its language (?lang=en, as every English email's links are) keeps that
      // language on the next pages, as the language switch would (ADR 0102). Only a page or a redirect: a feed or a
      // file with ?lang= keeps its own caching. A response that sets a cookie is never kept by a shared cache.
      if (!hasBody && (isPage(response) || REMIX_DATA_PATH.test(req.path))) {
        const remembered = await rememberLanguageOfLink(request.url, req.headers.cookie);
        if (remembered) {
          res.appendHeader("Set-Cookie", remembered);
          res.setHeader("Cache-Control", "private, no-store");
        }
      }
      // A document, Remix's data (turbo-stream: no Forma loader defers, so it ends at once) or its
      // route manifest goes out in one write with its length, compressed whole in one call (unless
      // small); anything else streams through the compression middleware.
      const encoding = compressWhole ? wholeBodyEncoding(req, res) : null;
      const whole = REMIX_DATA_PATH.test(req.path) || req.path === REMIX_MANIFEST_PATH;
      if (document && encoding) sendDocument(document, res, encoding);
      else if (response.body && encoding && whole) sendWhole(res, await readWhole(response.body), encoding);
      else {
        streamedCompression(req, res);
        if (document) sendDocument(document, res, null);
        else if (response.body && whole) sendWhole(res, await readWhole(response.body), null);
        else if (response.body) await writeReadableStreamToWritable(response.body, res);
        else res.end();
      }
    } catch (error) {
      streamedCompression(req, res);
      if (exceeded) {
        refuseAndClose(res, tooLargePage(limit));
        return;
      }
      next(error);
    }
  };
}

function lastResort(error: unknown, req: ExpressRequest, res: ExpressResponse, _next: NextFunction) {
  if (isDatabaseUnavailableError(error)) {
    logger.warn({ path: loggablePath(req.path), err: errorFields(error) }, "database unavailable");
    sendPage(res, UNAVAILABLE_PAGE, { "Retry-After": String(RETRY_AFTER_SECONDS) });
    return;
  }
  logger.error({ path: loggablePath(req.path), err: error }, "unhandled error");
  sendPage(res, ERROR_PAGE);
}

// ─── The application ─────────────────────────────────────────────────────────

export type HttpApp = {
  app: express.Express;
  /** Makes /readyz answer 503 (shutdown has begun: the load balancer should stop sending). */
  markShuttingDown: () => void;
  /**
   * The same app for the worker's warm-up server (app/utils/warm-up.server.ts): its requests are
   * served alike but left out of the request log.
   */
  warmUpListener: (req: http.IncomingMessage, res: http.ServerResponse) => void;
  /** The HTTP server's "clientError" listener (answerClientError). */
  clientError: (error: NodeJS.ErrnoException, socket: Duplex) => void;
};

export function createHttpApp(build: ServerBuild, options: { root: string }): HttpApp {
  const env = getEnv();
  const origin = new URL(env.APP_ORIGIN);
  const production = env.NODE_ENV === "production";
  let shuttingDown = false;

  const app = express();
  app.disable("x-powered-by");
  // No handler of Forma reads req.query (Remix reads the URL itself, the log line and the catalogue
  // parse the search with URLSearchParams): Express's default "extended" parser ran qs on every
  // query string for nothing (about 0.05 ms of CPU per page with a query, ADR 0055).
  app.set("query parser", false);
  // Only decides which address counts as the client's (logs, rate limits): links and the request's
  // origin come from APP_ORIGIN, never from X-Forwarded-* headers.
  if (env.TRUST_PROXY) app.set("trust proxy", trustProxyValue(env.TRUST_PROXY));
  if (env.TRUST_PROXY === "true") {
    // Express then takes the first address of X-Forwarded-For, which the client wrote itself behind a proxy that
    // appends to the header (nginx's $proxy_add_x_forwarded_for): a new address each request escapes every limit.
    logger.warn(
      "TRUST_PROXY=true believes the first address of X-Forwarded-For, which a client can write itself unless the " +
        "proxy replaces the header: a client naming a new address each time escapes the per-address limits. " +
        "Set the number of proxies in front (1) or their addresses instead (README)",
    );
  }

  app.use(requestStart);

  app.get("/healthz", (_req, res) => {
    res.set("Cache-Control", "no-store").type("text/plain").send("ok\n");
  });
  app.get("/readyz", async (_req, res) => {
    res.set("Cache-Control", "no-store").type("text/plain");
    if (shuttingDown) {
      res.status(503).send("shutting down\n");
      return;
    }
    const ok = await databaseReachable();
    res.status(ok ? 200 : 503).send(ok ? "ready\n" : "database unreachable\n");
  });

  // The OpenID providers' origins: the sign-in forms post to /auth/oidc/<id>, which redirects there.
  const providerOrigins = [...new Set(env.OIDC_PROVIDERS.map((p) => new URL(p.issuer).origin))];
  app.use(responseHeaders(production, origin.protocol === "https:", providerOrigins));
  // The hashed assets: precompressed at build time, never compressed per request (ADR 0038).
  app.use("/assets", precompressedAssets(path.join(options.root, "build/client/assets")));
  const compress = env.FORMA_COMPRESSION === "on";
  const streamedCompression = streamedCompressionOf(compress);
  // Other public files (favicon…): only the paths of files the build holds, listed once, so other
  // requests (pages, and Remix's .data requests, which look like files) pay no stat() on the way to
  // Remix (ADR 0060). Files are compressed as they stream; Remix's answers are compressed whole, or
  // get the middleware in remixHandler.
  const clientRoot = path.join(options.root, "build/client");
  const publicFiles = express.static(clientRoot, { maxAge: "1h" });
  const publicPaths = publicFilePaths(clientRoot);
  app.use((req, res, next) => {
    // Where the middleware used to be mounted: an error from here on is answered through it.
    res.locals.pastCompression = true;
    if (!publicPaths.has(req.path)) return next();
    streamedCompression(req, res);
    publicFiles(req, res, next);
  });
  app.get("/favicon.ico", (_req, res) => res.redirect(301, "/favicon.svg"));
  app.use((req, res, next) => {
    if (ALLOWED_METHODS.has(req.method)) return next();
    streamedCompression(req, res);
    sendPage(res, METHOD_NOT_ALLOWED_PAGE, { Allow: "GET, HEAD, POST" });
  });
  // A SQLite file deleted or replaced under the running server (an `rm`, a restore
  // copied over it): every page and form answers 503 with the page that says so, instead of taking
  // writes into the old file's open descriptors that the next restart loses.
  app.use((req, res, next) => {
    if (!sqliteFileReplacedRecently()) return next();
    streamedCompression(req, res);
    sendPage(res, UNAVAILABLE_PAGE, { "Retry-After": String(RETRY_AFTER_SECONDS) });
  });
  // Mounted with use(), not all("*"): a route's wildcard makes Express decode the path as a parameter,
  // and a malformed escape ("/eventi/100%", a link cut short by a mail client) threw a URIError before
  // Remix saw the request. Remix matches the raw path itself and answers such a URL with its 404.
  app.use(remixHandler(build, origin, compress, streamedCompression));
  app.use((error: unknown, req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    if (res.locals.pastCompression) streamedCompression(req, res);
    lastResort(error, req, res, next);
  });

  return {
    app,
    markShuttingDown: () => (shuttingDown = true),
    warmUpListener: (req, res) => {
      warmUpRequests.add(req);
      app(req, res);
    },
    clientError: answerClientError,
  };
}

const HEADERS_TOO_LARGE_PAGE = plainPage(
  431,
  {
    title: "Indirizzo troppo lungo",
    text: "L'indirizzo della pagina o i cookie inviati sono troppo lunghi. Apri il catalogo e ripeti la ricerca con meno parole; se non basta, cancella i cookie di questo sito.",
  },
  {
    title: "Address too long",
    text: "The page's address or the cookies sent are too long. Open the catalogue and search again with fewer words; if that is not enough, clear this site's cookies.",
  },
);

/**
 * What Node's HTTP parser refuses before any request exists (Node answers them itself when nothing
 * listens to "clientError"): headers or an address longer than 16 KB get the small bilingual 431
 * page instead of an empty answer the browser shows as its own error; anything else gets Node's
 * usual bare status (400, 408, 413). A socket that can no longer be written is closed.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === "ECONNRESET" || !socket.writable) {
    socket.destroy();
    return;
  }
  if (error.code === "HPE_HEADER_OVERFLOW") {
    const body = Buffer.from(HEADERS_TOO_LARGE_PAGE.html);
    socket.end(
      `HTTP/1.1 431 Request Header Fields Too Large\r\nContent-Type: text/html; charset=utf-8\r\n` +
        `Content-Length: ${body.length}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n` +
        `Connection: close\r\n\r\n${body.toString("latin1")}`,
      "latin1",
    );
    return;
  }
  const status =
    error.code === "ERR_HTTP_REQUEST_TIMEOUT"
      ? "408 Request Timeout"
      : error.code === "HPE_CHUNK_EXTENSIONS_OVERFLOW"
        ? "413 Payload Too Large"
        : "400 Bad Request";
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`);
}

/** The URL paths of the build's public files outside /assets (copied from public/ at build time). */
function publicFilePaths(clientRoot: string): Set<string> {
  if (!fs.existsSync(clientRoot)) return new Set();
  return new Set(
    fs
      .readdirSync(clientRoot, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map(
        (entry) => `/${path.relative(clientRoot, path.join(entry.parentPath, entry.name)).split(path.sep).join("/")}`,
      )
      .filter((urlPath) => !urlPath.startsWith("/assets/")),
  );
}

/** TRUST_PROXY as Express understands it: a hop count, true/false, or addresses/subnets. */
export function trustProxyValue(value: string): boolean | number | string {
  if (value === "true") return true;
  if (value === "false") return false;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}
