// SQLite's WAL checkpoints on a thread of their own, off the request path (ADR 0071).
//
// In WAL mode every commit appends its pages to the -wal file, and by default the connection that
// commits past 1,000 pages in the WAL copies them back into the database file then and there (an
// automatic checkpoint), with two fsyncs (synchronous = NORMAL syncs only at checkpoints). An enrolment
// writes about 21 pages, so every ~47th enrolment's request stopped the worker's event loop for that
// copy and those fsyncs: every request in flight waited with it.
//
// Here a worker thread with its own connection runs `PRAGMA wal_checkpoint(PASSIVE)` every
// FORMA_SQLITE_CHECKPOINT_MS (default 100; 0 = SQLite's own automatic checkpoints, as before). A
// PASSIVE checkpoint never blocks a writer or a reader, and SQLite lets one run while others commit.
// The request path's connections (Prisma's and the direct one) keep an automatic checkpoint only as
// a backstop, at BACKSTOP_PAGES: if the thread fell that far behind, the WAL would still stay bounded.
// If the thread ever stops on its own, they go back to SQLite's default at once.
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import { resolveDatabaseTarget } from "./database-url.ts";
import { prisma } from "./db.server.ts";
import { getEnv } from "./env.server.ts";
import { errorFields, logger } from "./logger.server.ts";
import { sqliteDirect } from "./sqlite-direct.server.ts";

/** SQLite's own automatic checkpoint threshold, in pages (its default). */
export const SQLITE_DEFAULT_AUTOCHECKPOINT_PAGES = 1000;
/**
 * The request path's automatic checkpoint while the thread runs: 10,000 pages (40 MB of WAL at
 * 4 KB a page), about 470 enrolments, over half a second of the fastest burst measured (ADR 0071).
 */
export const BACKSTOP_PAGES = 10_000;

/** What one PASSIVE checkpoint reported: frames in the WAL, frames copied back, whether it was busy. */
export type CheckpointReport = { busy: number; log: number; checkpointed: number };

/** The automatic checkpoint threshold (pages) of the two connections that serve requests: Prisma's and the direct one. */
export async function setRequestPathAutocheckpoint(pages: number): Promise<void> {
  sqliteDirect().pragma(`wal_autocheckpoint = ${pages}`);
  await prisma.$queryRawUnsafe(`PRAGMA wal_autocheckpoint = ${pages}`);
}

export type WalCheckpoints = {
  /** The thread's last report that differed from the one before (undefined before its first checkpoint). */
  readonly last: CheckpointReport | undefined;
  /** The thread itself (for tests and diagnostics). */
  readonly thread: Worker;
  /** Runs one last checkpoint, ends the thread, and gives the request path its automatic checkpoints back. */
  stop(): Promise<void>;
};

// The thread's code: CommonJS, evaluated by worker_threads (no file of its own to ship in build/).
const THREAD_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file, { timeout: 0 });
let previous = "";
function checkpoint() {
  try {
    const [report] = db.pragma("wal_checkpoint(PASSIVE)");
    // Only news is sent: an idle worker's event loop is not woken ten times a second for nothing.
    const text = JSON.stringify(report);
    if (text === previous) return;
    previous = text;
    parentPort.postMessage({ report });
  } catch (error) {
    // Another connection's checkpoint or a lock held for a moment: the next tick tries again.
    if (!/^SQLITE_(BUSY|LOCKED)/.test(String(error && error.code))) throw error;
  }
}
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on("message", (message) => {
  if (message !== "stop") return;
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.close();
});
`;

/**
 * Starts the checkpoint thread for the SQLite file of DATABASE_URL and moves the request path's
 * automatic checkpoints to the backstop. Undefined on PostgreSQL or with an interval of 0.
 */
export async function startWalCheckpoints(
  intervalMs = getEnv().FORMA_SQLITE_CHECKPOINT_MS,
): Promise<WalCheckpoints | undefined> {
  const target = resolveDatabaseTarget();
  if (target.engine !== "sqlite" || intervalMs === 0) return undefined;
  const driver = createRequire(import.meta.url).resolve("better-sqlite3");
  // The backstop first: a thread that died at once would otherwise have its fallback overwritten by it.
  await setRequestPathAutocheckpoint(BACKSTOP_PAGES);
  const thread = new Worker(THREAD_SOURCE, {
    eval: true,
    workerData: { driver, file: target.filePath, intervalMs },
    // A connection and a timer: a small heap is plenty, and keeps the worker's memory down.
    resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 2 },
  });
  thread.unref();
  let last: CheckpointReport | undefined;
  let stopping = false;
  thread.on("message", (message: { report?: CheckpointReport }) => {
    if (message.report) last = message.report;
  });
  thread.on("error", (error) => logger.warn({ err: errorFields(error) }, "SQLite checkpoint thread failed"));
  const exited = new Promise<void>((resolve) =>
    thread.once("exit", (code) => {
      if (!stopping) {
        // Unexpected: the request path checkpoints again, so the WAL never grows unchecked.
        logger.warn({ code }, "SQLite checkpoint thread stopped: automatic checkpoints back on the request path");
        void setRequestPathAutocheckpoint(SQLITE_DEFAULT_AUTOCHECKPOINT_PAGES).catch(() => {});
      }
      resolve();
    }),
  );
  return {
    thread,
    get last() {
      return last;
    },
    async stop() {
      if (stopping) return exited;
      stopping = true;
      await setRequestPathAutocheckpoint(SQLITE_DEFAULT_AUTOCHECKPOINT_PAGES).catch(() => {});
      // Unreferenced while it runs (it never keeps a process alive), referenced now: otherwise a process
      // with nothing else left to do would end here, before its shutdown's own exit status.
      thread.ref();
      thread.postMessage("stop");
      await exited;
    },
  };
}
