// Telling "the database is away" (restart, failover, connections terminated) from ordinary bugs,
// so that requests answer 503 with a clear page while it lasts, and /readyz can say so.
import fs from "node:fs";
import { resolveDatabaseTarget } from "./database-url.ts";
import { databaseEngine, prisma } from "./db.server.ts";
import { logger } from "./logger.server.ts";
import { pgPool } from "./pg-pool.server.ts";

// node-postgres socket errors and PostgreSQL's SQLSTATEs for a server that is going or not there:
// 57P01 admin_shutdown (pg_terminate_backend, fast shutdown), 57P02 crash_shutdown,
// 57P03 cannot_connect_now (starting up), 08xxx connection exceptions, 53300 too_many_connections.
const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENOTFOUND",
  "57P01",
  "57P02",
  "57P03",
  "08000",
  "08001",
  "08003",
  "08004",
  "08006",
  "53300",
  // Prisma: can't reach the server, server closed the connection, pool timeout.
  "P1001",
  "P1002",
  "P1017",
  "P2024",
]);

/**
 * SQLite's file cannot take a write now: the disk is full (SQLITE_FULL), the file or its folder went
 * read-only (SQLITE_READONLY_*), it was deleted or moved (SQLITE_READONLY_DBMOVED, SQLITE_CANTOPEN),
 * or the disk failed (SQLITE_IOERR_*). Like a PostgreSQL outage, nothing was written and the
 * operator has to act: 503 with the page that says so, and a "database unavailable" line with
 * SQLite's words, instead of the 500 "Si è verificato un errore" and an "unhandled error" stack.
 */
const SQLITE_UNAVAILABLE_CODE = /^SQLITE_(FULL|READONLY|CANTOPEN|IOERR)(_|$)/;

// "Query read timeout": node-postgres gave up waiting for an answer (DATABASE_QUERY_TIMEOUT_MS), as from a silent peer.
const UNAVAILABLE_MESSAGES =
  /Connection terminated|connection error|terminating connection|the database system is (starting up|shutting down|in recovery mode)|Can't reach database server|Server has closed the connection|timeout exceeded when trying to connect|Query read timeout|Client was closed|ECONNREFUSED|ECONNRESET|DatabaseNotReachable|ConnectionClosed|database or disk is full|attempt to write a readonly database|unable to open database file|disk I\/O error/i;

const unavailableCode = (code: unknown) =>
  typeof code === "string" && (UNAVAILABLE_CODES.has(code) || SQLITE_UNAVAILABLE_CODE.test(code));

/** True when the error (or one of its causes) says the database server cannot be reached now. */
export function isDatabaseUnavailableError(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current; depth += 1) {
    if (typeof current !== "object") return false;
    const e = current as { code?: unknown; message?: unknown; cause?: unknown; kind?: unknown };
    if (unavailableCode(e.code)) return true;
    if (typeof e.kind === "string" && /NotReachable|ConnectionClosed|SocketTimeout/i.test(e.kind)) return true;
    if (typeof e.message === "string" && UNAVAILABLE_MESSAGES.test(e.message)) return true;
    // Prisma's DriverAdapterError keeps the driver's error in cause.originalCode / originalMessage.
    const cause = e.cause as { originalCode?: unknown; originalMessage?: unknown } | undefined;
    if (cause && unavailableCode(cause.originalCode)) return true;
    if (cause && typeof cause.originalMessage === "string" && UNAVAILABLE_MESSAGES.test(cause.originalMessage)) {
      return true;
    }
    current = e.cause;
  }
  return false;
}

/** The SQLite file this process opened (device and inode), remembered at start. */
let openedSqliteFile: { path: string; dev: number; ino: number } | undefined;
let sqliteFileLossLogged = false;

/**
 * Remembers which file the SQLite database is (startServerServices, after the first query). A file
 * deleted or replaced while Forma has it open (an `rm`, a `cp backup.db forma.db`, a volume
 * remounted) keeps working through the open descriptors: pages answer and sign-ins succeed, but
 * every write goes to the old file and is lost at the next restart, and /readyz said 200 all along.
 */
export function rememberSqliteFile(): void {
  const target = resolveDatabaseTarget();
  if (target.engine !== "sqlite") return;
  const stat = fs.statSync(target.filePath);
  openedSqliteFile = { path: target.filePath, dev: stat.dev, ino: stat.ino };
  sqliteFileLossLogged = false;
}

/** The remembered SQLite file is no longer at its path (deleted, moved or replaced by another file). */
export function sqliteFileReplaced(): boolean {
  if (!openedSqliteFile) return false;
  let now: fs.Stats | undefined;
  try {
    now = fs.statSync(openedSqliteFile.path);
  } catch {
    now = undefined;
  }
  const replaced = !now || now.dev !== openedSqliteFile.dev || now.ino !== openedSqliteFile.ino;
  if (replaced && !sqliteFileLossLogged) {
    sqliteFileLossLogged = true;
    logger.error(
      { file: openedSqliteFile.path, found: now ? "another file" : "nothing" },
      "the SQLite database file was deleted or replaced while open: writes go to the old file and are lost at restart; restart Forma (after restoring the file if it was deleted)",
    );
  }
  return replaced;
}

let lastFileCheck = 0;
let lastFileReplaced = false;

/**
 * sqliteFileReplaced for every request, looked at (one stat) at most once a second: from the moment
 * the file is gone, pages and forms answer 503 instead of taking writes that the next restart loses.
 */
export function sqliteFileReplacedRecently(now: number = Date.now()): boolean {
  if (!openedSqliteFile) return false;
  if (now - lastFileCheck >= 1_000) {
    lastFileCheck = now;
    lastFileReplaced = sqliteFileReplaced();
  }
  return lastFileReplaced;
}

/** Both connection pools answer a trivial query within timeoutMs (the /readyz check). */
export async function databaseReachable(timeoutMs = 2_000): Promise<boolean> {
  if (sqliteFileReplaced()) return false;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const check = (async () => {
    await prisma.$queryRawUnsafe("SELECT 1");
    if (databaseEngine === "postgresql") await pgPool().query("SELECT 1");
    return true;
  })().catch(() => false);
  try {
    return await Promise.race([check, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
