// The optional PostgreSQL read replica (DATABASE_REPLICA_URL; docs/decisions/0017-read-replica.md).
//
// Reads that tolerate a few seconds of lag may go to a streaming replica: the catalogue, the
// public feeds, the public event page of a visitor without a session, the dashboard. Everything
// else, and every write, stays on the primary. Three rules:
// - The route decides, per request, with `lagTolerantSource(request)`: "replica", unless the
//   browser wrote something in the last DATABASE_REPLICA_STICKY_SECONDS ("read your writes": the
//   server sets a short cookie on the answer to every successful POST, see http-app.server.ts;
//   a cookie works across workers and instances behind any load balancer).
// - The models read through `sqlReadFrom(source, …)` (sql.server.ts), the same SQL text as
//   `sqlRead`. With SQLite, or without a replica, "replica" is the primary.
// - A replica that fails (down, restarting, refusing, a query cancelled by recovery) is never an
//   error for the visitor: the read runs again on the primary, the outage is logged once, and the
//   replica is tried again RETRY_AFTER_FAILURE_MS later.
import type pg from "pg";
import { getEnv } from "./env.server.ts";
import { errorFields, logger } from "./logger.server.ts";
import { newPlainPool } from "./pg-pool.server.ts";

/** Where a read goes: the primary always works; "replica" means "the replica if there is one". */
export type ReadSource = "primary" | "replica";

/** Set on the answer to a browser's successful POST: its lag-tolerant reads then go to the primary. */
export const RECENT_WRITE_COOKIE = "forma_wrote";
const SESSION_COOKIE = "forma_session";
/** After a failure, how long reads stay on the primary before the replica is tried again. */
export const RETRY_AFTER_FAILURE_MS = 5_000;
/** A replica that does not accept a connection quickly is skipped (the primary answers instead). */
const CONNECT_TIMEOUT_MS = 2_000;

let pool: pg.Pool | undefined;
/** When the replica last failed (null: it works); while set, reads go to the primary. */
let failedAt: number | null = null;
let probing = false;

export function replicaConfigured(): boolean {
  return getEnv().DATABASE_REPLICA_URL !== undefined;
}

function hasCookie(request: Request, name: string): boolean {
  const header = request.headers.get("Cookie");
  if (!header) return false;
  return header.split(";").some((c) => c.trim().startsWith(`${name}=`));
}

/**
 * Where this request's lag-tolerant reads go. The replica, unless this browser wrote in the last
 * few seconds (RECENT_WRITE_COOKIE); with `signedIn: "primary"` also the primary for a visitor with
 * a session (the public event page then shows the person's own place and seats).
 */
export function lagTolerantSource(request: Request, options: { signedIn?: ReadSource } = {}): ReadSource {
  if (!replicaConfigured()) return "primary";
  if (hasCookie(request, RECENT_WRITE_COOKIE)) return "primary";
  if (options.signedIn === "primary" && hasCookie(request, SESSION_COOKIE)) return "primary";
  return "replica";
}

/** The Set-Cookie value that sends this browser's lag-tolerant reads to the primary for a while. */
export function recentWriteCookie(): string {
  const env = getEnv();
  return `${RECENT_WRITE_COOKIE}=1; Max-Age=${env.DATABASE_REPLICA_STICKY_SECONDS}; Path=/; HttpOnly; SameSite=Lax${
    env.cookieSecure ? "; Secure" : ""
  }`;
}

function markFailed(error: unknown) {
  if (failedAt === null) {
    logger.warn(
      { pool: "replica", err: errorFields(error), retryInMs: RETRY_AFTER_FAILURE_MS },
      "read replica unavailable: reading from the primary",
    );
  }
  failedAt = Date.now();
}

function replicaPool(url: string): pg.Pool {
  pool ??= newPlainPool(url, "replica", {
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    applicationName: "forma-replica",
    onError: markFailed,
  });
  return pool;
}

/**
 * Runs a read on the replica. Null when there is none, when it failed a moment ago, or when this
 * read fails: the caller then reads the primary.
 */
export async function replicaRead<T>(
  sql: string,
  params: unknown[],
  options: { name?: string; rowMode?: "array" } = {},
): Promise<T[] | null> {
  const url = getEnv().DATABASE_REPLICA_URL;
  if (!url) return null;
  const recovering = failedAt !== null;
  if (recovering) {
    // After a failure, one read at a time tries the replica again; the others go to the primary
    // meanwhile (a replica that times out would otherwise hold each of them for the timeout).
    if (probing || Date.now() - failedAt! < RETRY_AFTER_FAILURE_MS) return null;
    probing = true;
  }
  try {
    const rows = (await replicaPool(url).query({ text: sql, values: params, ...options })).rows as T[];
    if (failedAt !== null) {
      failedAt = null;
      logger.info({ pool: "replica" }, "read replica answers again: lag-tolerant reads go back to it");
    }
    return rows;
  } catch (error) {
    markFailed(error);
    return null;
  } finally {
    if (recovering) probing = false;
  }
}

export async function closeReplicaPool(): Promise<void> {
  const p = pool;
  pool = undefined;
  await p?.end();
}
