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
// Started by bench/enrolment-burst.ts --floor (node --import tsx bench/enrolment-floor.ts) with
// DATABASE_URL, SESSION_SECRET and PORT; any GET answers 200 (readiness).
import crypto from "node:crypto";
import http from "node:http";
import { activeKeyFor } from "../app/domain/enrolment.ts";
import { takeSeatOrWaitlistTicket } from "../app/models/enrolment-seat.server.ts";
import { startWalCheckpoints } from "../app/utils/sqlite-checkpoints.server.ts";
import { sqlDate, sqlRead } from "../app/utils/sql.server.ts";

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

async function enrol(req: http.IncomingMessage, res: http.ServerResponse, eventId: string) {
  const editionId = new URLSearchParams(await readBody(req)).get("editionId") ?? "";
  const sessionId = sessionIdOf(req.headers.cookie);
  const now = new Date();
  const [user] = sessionId ? await sqlRead<{ id: string }>(SESSION_SQL, sessionId, sqlDate(now)) : [];
  if (!user) {
    res.writeHead(303, { Location: "/accedi" }).end();
    return;
  }
  try {
    const seat = await takeSeatOrWaitlistTicket({
      editionId,
      eventId,
      userId: user.id,
      activeKey: activeKeyFor(eventId, user.id),
      payload: { editionId },
      now,
    });
    res.writeHead(302, { Location: `/le-mie-iscrizioni?esito=${encodeURIComponent(seat.enrolmentId)}` }).end();
  } catch (error) {
    if (!isDuplicatePlace(error)) throw error;
    res.writeHead(409, { "Content-Type": "text/plain; charset=utf-8" }).end("already enrolled\n");
  }
}

const server = http.createServer((req, res) => {
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
});
server.keepAliveTimeout = 65_000;
await startWalCheckpoints(Number(process.env.FORMA_SQLITE_CHECKPOINT_MS ?? 100));
server.listen(port, host, () => console.error(`enrolment floor on http://${host}:${port}`));
const stop = () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
