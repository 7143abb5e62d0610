// What a query outside an interactive transaction sees and keeps while one is open, and how long a
// transaction waits for its connection (docs/decisions/0056-sqlite-transactions-own-their-connection.md).
// SQLite's adapter keeps one connection: before patches/@prisma+adapter-better-sqlite3+6.19.3.patch a query
// made beside an open transaction ran inside it (a dirty read; a write reported done and then rolled
// back with it), and a transaction that read before writing failed with SQLITE_BUSY_SNAPSHOT when the
// direct connection committed in between. PostgreSQL gives each its own connection; the same promises
// hold there, and the wait for a connection is checked on a pool of one.
import crypto from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient, databaseEngine, prisma, type Db } from "../../app/utils/db.server.ts";
import { resolveDatabaseTarget } from "../../app/utils/database-url.ts";
import { RateLimiterSQLite } from "rate-limiter-flexible";
import {
  consumeEnrolmentAttempt,
  resetLoginAttempts,
  STORE_BUSY_WAIT_MS,
  withSharedStoreWrites,
} from "../../app/utils/rate-limit.server.ts";
import { immediateTransaction, sqliteDirect, sqliteTimestamp } from "../../app/utils/sqlite-direct.server.ts";

afterAll(() => prisma.$disconnect());

const ENTITY = "transaction-isolation";

function marker() {
  return crypto.randomBytes(6).toString("hex");
}

function note(db: Pick<Db, "auditLog">, entityId: string, action: string) {
  return db.auditLog.create({ data: { entityType: ENTITY, entityId, action } });
}

async function actionsOf(entityId: string) {
  const rows = await prisma.auditLog.findMany({ where: { entityType: ENTITY, entityId }, select: { action: true } });
  return rows.map((r) => r.action).sort();
}

/** Resolves once fn has been called (the moment a transaction has done its first step). */
function signal() {
  let fire!: () => void;
  const fired = new Promise<void>((resolve) => (fire = resolve));
  return { fired, fire };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A transaction that writes a row for id, then fails 150 ms later; resolves when that row is written,
 * with the transaction's outcome (its error's message).
 */
async function refusedTransaction(id: string) {
  const started = signal();
  const outcome = prisma
    .$transaction(async (tx) => {
      await note(tx, id, "inside");
      started.fire();
      await pause(150);
      throw new Error("refused by a rule");
    })
    .then(
      () => "committed",
      (error: Error) => error.message,
    );
  await started.fired;
  return { outcome };
}

describe("beside an open transaction", () => {
  it("a write made outside it stays written when the transaction rolls back", async () => {
    const id = marker();
    const { outcome } = await refusedTransaction(id);
    await note(prisma, id, "outside");
    expect(await outcome).toBe("refused by a rule");
    expect(await actionsOf(id)).toEqual(["outside"]);
  });

  it("a read outside it never sees the rows it writes and then rolls back", async () => {
    const id = marker();
    const { outcome } = await refusedTransaction(id);
    // PostgreSQL reads beside the transaction; SQLite's one connection waits for it to end.
    expect(await prisma.auditLog.count({ where: { entityType: ENTITY, entityId: id } })).toBe(0);
    expect(await outcome).toBe("refused by a rule");
  });

  it("a transaction that reads, then writes, commits although another connection wrote in between", async () => {
    const id = marker();
    let otherWrite: Promise<unknown> | undefined;
    await prisma.$transaction(async (tx) => {
      await tx.auditLog.count({ where: { entityType: ENTITY } });
      // Another connection writes now: on SQLite the direct one (as the enrolment hot path does), which
      // waits for this transaction's lock; on PostgreSQL the pool's next connection.
      otherWrite =
        databaseEngine === "sqlite"
          ? immediateTransaction((db) =>
              db
                .prepare(
                  `INSERT INTO "AuditLog" ("id", "at", "entityType", "entityId", "action", "details") VALUES (?, ?, ?, ?, 'other', '{}')`,
                )
                .run(`ti${marker()}`, sqliteTimestamp(new Date()), ENTITY, id),
            )
          : note(prisma, id, "other");
      await pause(50);
      await note(tx, id, "after-read");
    });
    await otherWrite;
    expect(await actionsOf(id)).toEqual(["after-read", "other"]);
  });
});

describe("waiting for a connection", () => {
  it("a transaction waits longer than Prisma's 2 s default while another holds the only connection", async () => {
    const previous = process.env.DATABASE_POOL_SIZE;
    process.env.DATABASE_POOL_SIZE = "1";
    const client = createPrismaClient(resolveDatabaseTarget());
    if (previous === undefined) delete process.env.DATABASE_POOL_SIZE;
    else process.env.DATABASE_POOL_SIZE = previous;
    try {
      const id = marker();
      const started = signal();
      const long = client.$transaction(async (tx) => {
        await note(tx, id, "first");
        started.fire();
        await pause(2_600);
      });
      await started.fired;
      const waiting = client.$transaction((tx) => note(tx, id, "second"));
      await Promise.all([long, waiting]);
      expect(await actionsOf(id)).toEqual(["first", "second"]);
    } finally {
      await client.$disconnect();
    }
  });
});

describe("a rate-limit count while another connection writes", () => {
  // Another worker's commit holds SQLite's write lock for a moment; the direct connection does not wait
  // on it by itself (busy timeout 0). Before ADR 0066 the count failed at once and the library kept it
  // in this process's memory: the shared table never saw it, so N workers could each allow the limit.
  it("waits for the lock and counts the attempt in the shared table, not in one process's memory", async () => {
    const client = createPrismaClient(resolveDatabaseTarget());
    try {
      const userId = `isolation-${marker()}`;
      const key = `enrolment:${userId}`;
      const started = signal();
      // The row the count will update, written (with 0 points) by a transaction that keeps the lock 150 ms.
      const holder = client.$transaction(async (tx) => {
        await tx.rateLimit.create({ data: { key, points: 0, expire: BigInt(Date.now() + 600_000) } });
        started.fire();
        await pause(150);
      });
      await started.fired;
      const verdict = await consumeEnrolmentAttempt(userId);
      await holder;
      expect(verdict).toEqual({ allowed: true });
      expect((await prisma.rateLimit.findUnique({ where: { key } }))?.points).toBe(1);
    } finally {
      await client.$disconnect();
    }
  });
});

describe("the rate limiter's other writes while another connection writes", () => {
  /**
   * Runs body while a transaction of another connection, having written the (committed) row, holds its lock for
   * holdMs: SQLite's write lock on the file, PostgreSQL's lock on the row.
   */
  async function whileLocked<T>(holdMs: number, body: () => Promise<T>, row: { key: string; expire: bigint }) {
    await prisma.rateLimit.create({ data: { key: row.key, points: 2, expire: row.expire } });
    const client = createPrismaClient(resolveDatabaseTarget());
    try {
      const started = signal();
      const holder = client.$transaction(
        async (tx) => {
          await tx.rateLimit.update({ where: { key: row.key }, data: { points: 3 } });
          started.fire();
          await pause(holdMs);
        },
        { timeout: holdMs + 5_000 },
      );
      await started.fired;
      const result = await body();
      await holder;
      return result;
    } finally {
      await client.$disconnect();
    }
  }

  // A successful sign-in forgets the failed attempts. The reset failed at once on a busy SQLite file and the
  // library forgot them in this process's memory only, so the shared table went on counting them.
  it("a reset after a sign-in waits for the lock and clears the counter in the shared table", async () => {
    const email = `isolation-${marker()}@example.org`;
    const key = `login:${email}|127.0.0.9`;
    await whileLocked(150, () => resetLoginAttempts(email, "127.0.0.9"), {
      key,
      expire: BigInt(Date.now() + 600_000),
    });
    expect(await prisma.rateLimit.findUnique({ where: { key } })).toBeNull();
  });

  if (databaseEngine === "sqlite") {
    // The library clears expired counters every 5 minutes on a timer. On a busy file its promise rejected with
    // nobody to catch it: an unhandled rejection ends the worker.
    it("clearing expired counters waits for the lock, and past the wait resolves instead of rejecting", async () => {
      const store = withSharedStoreWrites(
        new RateLimiterSQLite({
          storeClient: sqliteDirect(),
          storeType: "better-sqlite3",
          points: 1,
          duration: 60,
          tableName: "rate_limit",
          tableCreated: true,
        }),
      );
      const expired = { key: `isolation:${marker()}`, expire: BigInt(Date.now() - 7_200_000) };
      await whileLocked(150, () => store.clearExpired(Date.now() - 3_600_000), expired);
      expect(await prisma.rateLimit.findUnique({ where: { key: expired.key } })).toBeNull();

      const kept = { key: `isolation:${marker()}`, expire: BigInt(Date.now() - 7_200_000) };
      const outcome = await whileLocked(
        STORE_BUSY_WAIT_MS + 500,
        () =>
          store.clearExpired(Date.now() - 3_600_000).then(
            () => "resolved",
            () => "rejected",
          ),
        kept,
      );
      expect(outcome).toBe("resolved");
      expect(await prisma.rateLimit.findUnique({ where: { key: kept.key } })).not.toBeNull();
      await prisma.rateLimit.delete({ where: { key: kept.key } });
    });
  }
});
