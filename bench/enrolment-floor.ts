// The bare floor of enrolment (issue 17 item 4): a plain node:http server, no framework, no ORM
// on the request path, doing what Forma's enrol POST does at its core on the same database:
//   1. the signed session cookie (Remix's format: base64 JSON, HMAC-SHA256 signature) is checked
//      and the session looked up (UserSession joined with User, not expired);
//   2. Forma's own seat transaction, takeSeatOrWaitlistTicket (app/models/enrolment-seat.server.ts:
//      the counter row on the edition decides seat or waitlist ticket, then the enrolment, its
//      change record and its notification are inserted; one statement on PostgreSQL, one
//      IMMEDIATE transaction on SQLite);
//   3. 302 to /le-mie-iscrizioni?esito=<id>; 409 for a second place in the event.
// On SQLite the floor runs the same WAL checkpoint thread as Forma's workers (ADR 0071;
// FORMA_SQLITE_CHECKPOINT_MS, default 100, 0 = none): it is how the database is set up, not framework.
// What Forma adds on top (Express, Remix, the rate limiter, the eligibility reads, validation) is
// what the `Forma / floor` ratio of bench/run-enrolment-bench.sh measures.
// FORMA_FLOOR_FRAMEWORK says what carries the same work (bench/enrolment-burst.ts --floor-framework):
//   node          plain node:http, as above (the default: the floor the ratio is taken against);
//   remix         Remix's request handler (the same patched @remix-run/server-runtime as Forma's build)
//                 with one route whose action does steps 1-3, behind plain node:http and a Node↔Fetch
//                 adapter like Forma's own (app/utils/http-app.server.ts: headers copied, an abort
//                 signal, the body read whole);
//   express-remix the same route behind Express 4 and @remix-run/express, nothing else.
// So the distance from the floor splits into what the framework costs on its own and what Forma's
// application (validation, rate limit, eligibility, headers, log) adds.
// Started by bench/enrolment-burst.ts --floor (node --import tsx bench/enrolment-floor.ts) with
// DATABASE_URL, SESSION_SECRET and PORT; any GET answers 200 (readiness).
import crypto from "node:crypto";
import http from "node:http";
import { activeKeyFor } from "../app/domain/enrolment.ts";
import { takeSeatOrWaitlistTicket } from "../app/models/enrolment-seat.server.ts";
import { startWalCheckpoints } from "../app/utils/sqlite-checkpoints.server.ts";
import { sqlDate, sqlRead } from "../app/utils/sql.server.ts";
import { createRemixFloorListener, floorFramework, type FloorAnswer } from "./lib/remix-floor.ts";

const secret = process.env.SESSION_SECRET ?? "";
if (secret.length < 32) throw new Error("SESSION_SECRET (the one that signed the cookies) is required");
const port = Number(process.env.PORT ?? 3790);
const host = process.env.HOST ?? "127.0.0.1";

const SESSION_SQL = `SELECT u."id" FROM "UserSession" s JOIN "User" u ON u."id" = s."userId"
  WHERE s."id" = $1 AND s."expiresAt" > $2`;
const ENROL_PATH = /^\/eventi\/([^/]+)\/iscrizione$/;

/** The session id in a Remix signed cookie session ("forma_session=<base64 JSON>.<signature>"), or null. */
function sessionIdOf(cookieHeader: string | undefined): string | null {
  const raw = /(?:^|;\s*)forma_session=([^;]+)/.exec(cookieHeader ?? "")?.[1];
  if (!raw) return null;
  const value = decodeURIComponent(raw);
  const dot = value.lastIndexOf(".");
  if (dot < 1) return null;
  const payload = value.slice(0, dot);
  const signature = Buffer.from(value.slice(dot + 1));
  const expected = Buffer.from(crypto.createHmac("sha256", secret).update(payload).digest("base64").replace(/=+$/, ""));
  if (signature.length !== expected.length || !crypto.timingSafeEqual(signature, expected)) return null;
  try {
    const data = JSON.parse(Buffer.from(payload, "base64").toString("utf8")) as { sessionId?: unknown };
    return typeof data.sessionId === "string" ? data.sessionId : null;
  } catch {
    return null;
  }
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > 4096) req.destroy(new Error("body too large"));
      else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function isDuplicatePlace(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return code === "P2002" || code === "23505";
}

/** Steps 1-3 for a form body and a Cookie header, whatever carries the request. */
async function enrolAtFloor(body: string, cookieHeader: string | undefined, eventId: string): Promise<FloorAnswer> {
  const editionId = new URLSearchParams(body).get("editionId") ?? "";
  const sessionId = sessionIdOf(cookieHeader);
  const now = new Date();
  const [user] = sessionId ? await sqlRead<{ id: string }>(SESSION_SQL, sessionId, sqlDate(now)) : [];
  if (!user) return { status: 303, location: "/accedi" };
  try {
    const seat = await takeSeatOrWaitlistTicket({
      editionId,
      eventId,
      userId: user.id,
      activeKey: activeKeyFor(eventId, user.id),
      payload: { editionId },
      now,
    });
    return { status: 302, location: `/le-mie-iscrizioni?esito=${encodeURIComponent(seat.enrolmentId)}` };
  } catch (error) {
    if (!isDuplicatePlace(error)) throw error;
    return { status: 409 };
  }
}

async function enrol(req: http.IncomingMessage, res: http.ServerResponse, eventId: string) {
  const answer = await enrolAtFloor(await readBody(req), req.headers.cookie, eventId);
  if (answer.status === 409)
    res.writeHead(409, { "Content-Type": "text/plain; charset=utf-8" }).end("already enrolled\n");
  else res.writeHead(answer.status, { Location: answer.location }).end();
}

const framework = floorFramework(process.env.FORMA_FLOOR_FRAMEWORK ?? "node");

const nodeListener: http.RequestListener = (req, res) => {
  const url = new URL(req.url ?? "/", "http://floor");
  const match = req.method === "POST" ? ENROL_PATH.exec(url.pathname) : null;
  if (!match) {
    res.writeHead(req.method === "GET" ? 200 : 404, { "Content-Type": "text/plain" }).end("floor\n");
    return;
  }
  enrol(req, res, decodeURIComponent(match[1]!)).catch((error: unknown) => {
    console.error(error);
    if (!res.headersSent) res.writeHead(500).end();
  });
};

const server = http.createServer(
  framework === "node" ? nodeListener : await createRemixFloorListener(framework, enrolAtFloor),
);
server.keepAliveTimeout = 65_000;
await startWalCheckpoints(Number(process.env.FORMA_SQLITE_CHECKPOINT_MS ?? 100));
server.listen(port, host, () => console.error(`enrolment floor on http://${host}:${port}`));
const stop = () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
