// A second, direct better-sqlite3 connection to the SQLite file, for the few hot paths where
// Prisma's per-statement cost matters (enrolment bursts). See docs/decisions/0008-enrolment-hot-path.md.
//
// better-sqlite3 is synchronous: a transaction here runs start to end without yielding, so it
// never interleaves with anything else in this process. It never waits for the file lock
// either (busy_timeout 0, which would block the event loop and with it Prisma's own open
// transaction): when Prisma's connection holds the write lock, we get SQLITE_BUSY at once and
// retry after yielding, so Prisma's transaction can finish.
import Database from "better-sqlite3";
import { BoundedCache } from "./bounded-cache.ts";
import { resolveDatabaseTarget } from "./database-url.ts";

let connection: Database.Database | undefined;

export function sqliteDirect(): Database.Database {
  if (!connection) {
    const target = resolveDatabaseTarget();
    if (target.engine !== "sqlite") throw new Error("sqliteDirect() is for the SQLite engine only");
    connection = new Database(target.filePath, { timeout: 0 });
    connection.pragma("journal_mode = WAL");
    connection.pragma("synchronous = NORMAL");
    connection.pragma("foreign_keys = ON");
    // SQLite's own LOWER folds A-Z only ("ÀLBERO" stays "ÀLBERO"); PostgreSQL's folds every letter.
    // The same SQL text must find the same rows on both engines (searches write LOWER(…) LIKE …).
    connection.function("lower", { deterministic: true }, (text: unknown) =>
      typeof text === "string" ? text.toLowerCase() : text,
    );
  }
  return connection;
}

/**
 * Prepared statements kept, the most recently used. Each holds SQLite's compiled program in native
 * memory until it is dropped, and the catalogue's SQL text varies with the filters and the number
 * of words searched (hundreds of thousands of possible texts): unbounded, this grew with every new
 * search for the life of the worker. An evicted statement is finalised when collected (and
 * compiled again if its text comes back); one a caller still holds stays valid.
 */
export const PREPARED_STATEMENTS_MAX = 500;
const statements = new BoundedCache<string, Database.Statement>(PREPARED_STATEMENTS_MAX);

/** A prepared statement on the direct connection, compiled once per SQL text while it stays cached. */
export function prepared(sql: string): Database.Statement {
  return statements.getOrSet(sql, () => sqliteDirect().prepare(sql));
}

/** How many prepared statements are cached now (for the memory log). */
export function preparedCount(): number {
  return statements.size;
}

/** The same text Prisma's SQLite adapter stores for a DateTime. */
export function sqliteTimestamp(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return code === "SQLITE_BUSY" || code === "SQLITE_BUSY_SNAPSHOT" || code === "SQLITE_LOCKED";
}

/**
 * Runs fn (a statement or a whole transaction on the direct connection: synchronous), retrying after
 * yielding while another connection holds the write lock (another worker's commit, Prisma's open
 * transaction). Past maxWaitMs the busy error is thrown.
 */
export async function retryWhileBusy<T>(fn: () => T, maxWaitMs = 10_000): Promise<T> {
  const deadline = Date.now() + maxWaitMs;
  let delay = 0;
  for (;;) {
    try {
      return fn();
    } catch (error) {
      if (!isBusy(error) || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay + 1, 20);
    }
  }
}

let transactionOf: Database.Transaction<(body: (db: Database.Database) => unknown) => unknown> | undefined;

/**
 * Closes the direct connection, at shutdown (server-services.server.ts) and after each test file (the next
 * file loads the app afresh: tests/support/fresh-modules.ts). The last connection to close checkpoints the
 * write-ahead log into the file. A later call opens a new connection.
 */
export function closeSqliteDirect(): void {
  statements.clear();
  transactionOf = undefined;
  connection?.close();
  connection = undefined;
}

/** Runs fn in BEGIN IMMEDIATE … COMMIT, retrying (after yielding) while another connection writes. */
export async function immediateTransaction<T>(fn: (db: Database.Database) => T, maxWaitMs = 10_000): Promise<T> {
  const db = sqliteDirect();
  // One transaction wrapper for the connection (better-sqlite3 builds five functions per wrapper).
  transactionOf ??= db.transaction((body: (db: Database.Database) => unknown) => body(db));
  const run = transactionOf;
  return retryWhileBusy(() => run.immediate(fn) as T, maxWaitMs);
}
