// The WAL checkpoint thread (app/utils/sqlite-checkpoints.server.ts, ADR 0071): on SQLite it copies
// the WAL back while the request path's connections keep only a backstop; nothing on PostgreSQL.
import fs from "node:fs";
import os from "node:os";
import { afterEach, describe, expect, it, vi } from "vitest";
import { activeKeyFor } from "../../app/domain/enrolment.ts";
import { takeSeatOrWaitlistTicket } from "../../app/models/enrolment-seat.server.ts";
import { resolveDatabaseTarget } from "../../app/utils/database-url.ts";
import { databaseEngine, prisma } from "../../app/utils/db.server.ts";
import {
  BACKSTOP_PAGES,
  SQLITE_DEFAULT_AUTOCHECKPOINT_PAGES,
  startWalCheckpoints,
  type WalCheckpoints,
} from "../../app/utils/sqlite-checkpoints.server.ts";
import { closeSqliteDirect, sqliteDirect } from "../../app/utils/sqlite-direct.server.ts";
import { createOpenEdition, createTeachers } from "../support/factories.ts";

/** The automatic checkpoint threshold of both request-path connections: [direct, Prisma's]. */
async function requestPathThresholds(): Promise<[number, number]> {
  const direct = sqliteDirect().pragma("wal_autocheckpoint", { simple: true }) as number;
  const [row] = await prisma.$queryRawUnsafe<{ wal_autocheckpoint: number | bigint }[]>("PRAGMA wal_autocheckpoint");
  return [direct, Number(row!.wal_autocheckpoint)];
}

/** Waits until both request connections are back at SQLite's default automatic checkpoint (the thread's fallback). */
async function requestPathBackToSqliteDefault() {
  await vi.waitFor(
    async () =>
      expect(await requestPathThresholds()).toEqual([
        SQLITE_DEFAULT_AUTOCHECKPOINT_PAGES,
        SQLITE_DEFAULT_AUTOCHECKPOINT_PAGES,
      ]),
    { timeout: 5_000, interval: 20 },
  );
}

/**
 * The frames in the WAL as its last commit left them, read from the wal-index (the -shm file, which every
 * connection maps): mxFrame of the header's first copy, a 32-bit number at byte 16 in the machine's byte
 * order (SQLite's wal.c, WalIndexHdr). Read-only, unlike a checkpoint of the test's own, which would copy the frames itself.
 */
function walFramesInIndex(): number {
  const target = resolveDatabaseTarget();
  if (target.engine !== "sqlite") throw new Error("SQLite only");
  const header = Buffer.alloc(20);
  const fd = fs.openSync(`${target.filePath}-shm`, "r");
  try {
    fs.readSync(fd, header, 0, 20, 0);
  } finally {
    fs.closeSync(fd);
  }
  return os.endianness() === "LE" ? header.readUInt32LE(16) : header.readUInt32BE(16);
}

let running: WalCheckpoints | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

describe(`WAL checkpoints on ${databaseEngine}`, () => {
  if (databaseEngine === "postgresql") {
    it("starts no thread on PostgreSQL", async () => {
      expect(await startWalCheckpoints(100)).toBeUndefined();
    });
    return;
  }

  it("moves the request path's automatic checkpoints to the backstop, and its thread copies the enrolments' pages back", async () => {
    const { event, edition } = await createOpenEdition({ seatCap: 20 });
    const teachers = await createTeachers(120);
    expect(await requestPathThresholds()).toEqual([
      SQLITE_DEFAULT_AUTOCHECKPOINT_PAGES,
      SQLITE_DEFAULT_AUTOCHECKPOINT_PAGES,
    ]);

    running = await startWalCheckpoints(20);
    expect(running).toBeDefined();
    expect(await requestPathThresholds()).toEqual([BACKSTOP_PAGES, BACKSTOP_PAGES]);
    // The thread ticks before the enrolments start: its reports during them reach the main thread only
    // after the loop (a worker's messages wait for the event loop), as on a loaded machine.
    await vi.waitFor(() => expect(running!.last).toBeDefined(), { timeout: 5_000, interval: 20 });
    // About 21 pages each: 2,500 frames, under the backstop, so only the thread copies them back.
    for (const teacher of teachers) {
      await takeSeatOrWaitlistTicket({
        editionId: edition.id,
        eventId: event.id,
        userId: teacher.id,
        activeKey: activeKeyFor(event.id, teacher.id),
        payload: { editionId: edition.id },
        now: new Date(),
      });
    }
    // The report to wait for is the one of the WAL as the last enrolment left it: one the thread sent
    // before that commit, and the main thread read only after the loop, said "all copied" too (and the
    // next tick's news then broke the idle count below).
    const frames = walFramesInIndex();
    expect(frames).toBeGreaterThan(0);
    await vi.waitFor(() => expect(running!.last).toEqual({ busy: 0, log: frames, checkpointed: frames }), {
      timeout: 5_000,
      interval: 20,
    });

    // Nothing written since: ten ticks of the thread send the main thread nothing.
    const news: unknown[] = [];
    running!.thread.on("message", (message) => news.push(message));
    await new Promise((resolve) => setTimeout(resolve, 10 * 20));
    expect(news).toEqual([]);

    await running!.stop();
    running = undefined;
    expect(await requestPathThresholds()).toEqual([
      SQLITE_DEFAULT_AUTOCHECKPOINT_PAGES,
      SQLITE_DEFAULT_AUTOCHECKPOINT_PAGES,
    ]);
  });

  it("gives the request path its automatic checkpoints back if the thread stops on its own", async () => {
    running = await startWalCheckpoints(20);
    expect(await requestPathThresholds()).toEqual([BACKSTOP_PAGES, BACKSTOP_PAGES]);
    await running!.thread.terminate();
    await requestPathBackToSqliteDefault();
  });

  it("a thread that cannot open the database leaves the request path with SQLite's automatic checkpoints", async () => {
    const own = process.env.DATABASE_URL;
    process.env.DATABASE_URL = "file:/nonexistent-forma-folder/forma.db";
    try {
      running = await startWalCheckpoints(20);
    } finally {
      process.env.DATABASE_URL = own;
    }
    if (running!.thread.threadId !== -1)
      await new Promise<void>((resolve) => running!.thread.once("exit", () => resolve()));
    await requestPathBackToSqliteDefault();
    expect(running!.last).toBeUndefined();
  });

  it("starts nothing with an interval of 0 (SQLite's own automatic checkpoints)", async () => {
    expect(await startWalCheckpoints(0)).toBeUndefined();
    expect(await requestPathThresholds()).toEqual([
      SQLITE_DEFAULT_AUTOCHECKPOINT_PAGES,
      SQLITE_DEFAULT_AUTOCHECKPOINT_PAGES,
    ]);
  });

  it("closes the direct connection at shutdown; a later use opens a new one that reads the same file", async () => {
    const { edition } = await createOpenEdition({ seatCap: 3 });
    const first = sqliteDirect();
    closeSqliteDirect();
    expect(first.open).toBe(false);
    const second = sqliteDirect();
    expect(second).not.toBe(first);
    expect(second.open).toBe(true);
    expect(second.prepare(`SELECT "seatCap" FROM "Edition" WHERE id = ?`).get(edition.id)).toEqual({ seatCap: 3 });
  });
});
