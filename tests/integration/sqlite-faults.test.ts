// SQLite faults an operator meets (the disk full, the file gone read-only), as Forma's own clients
// meet them: Prisma through its driver adapter and the direct better-sqlite3 connection of the hot
// paths. Each must count as "database unavailable" (app/utils/database-health.server.ts), so that a
// request answers 503 with the page that says nothing was recorded, as while PostgreSQL is away,
// and not 500 "Si è verificato un errore" (seen with the demo database on a full 2 MB tmpfs: every
// sign-in answered 500 and logged an "unhandled error" stack). A SQLite file of the test's own,
// whatever the engine of the run.
import Database from "better-sqlite3";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { isDatabaseUnavailableError } from "../../app/utils/database-health.server.ts";
import { createPrismaClient } from "../../app/utils/db.server.ts";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "forma-sqlite-faults-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A database file with one table, its pages capped at what it holds now: the next page is a full disk. */
function fullDatabase(name: string) {
  const filePath = path.join(dir, name);
  const db = new Database(filePath);
  db.exec("CREATE TABLE note (id INTEGER PRIMARY KEY, body BLOB)");
  db.close();
  return filePath;
}

async function failure(run: () => Promise<unknown> | unknown): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error("the write succeeded");
}

describe("SQLite cannot take a write: database unavailable, not a bug", () => {
  it("the disk is full, through Prisma and through the direct connection", async () => {
    const filePath = fullDatabase("full.db");
    const prisma = createPrismaClient({ engine: "sqlite", url: `file:${filePath}`, filePath });
    try {
      const [pages] = await prisma.$queryRawUnsafe<{ page_count: bigint | number }[]>("PRAGMA page_count");
      await prisma.$queryRawUnsafe(`PRAGMA max_page_count = ${Number(pages!.page_count)}`);
      const error = await failure(() => prisma.$executeRawUnsafe("INSERT INTO note (body) VALUES (zeroblob(100000))"));
      expect(String(error)).toMatch(/database or disk is full/);
      expect(isDatabaseUnavailableError(error)).toBe(true);
    } finally {
      await prisma.$disconnect();
    }
    const direct = new Database(filePath);
    try {
      direct.pragma(`max_page_count = ${direct.pragma("page_count", { simple: true }) as number}`);
      const error = await failure(() => direct.prepare("INSERT INTO note (body) VALUES (zeroblob(100000))").run());
      expect((error as { code?: string }).code).toBe("SQLITE_FULL");
      expect(isDatabaseUnavailableError(error)).toBe(true);
    } finally {
      direct.close();
    }
  });

  it("the file is read-only", async () => {
    const filePath = fullDatabase("readonly.db");
    const direct = new Database(filePath, { readonly: true });
    try {
      const error = await failure(() => direct.prepare("INSERT INTO note (body) VALUES (1)").run());
      expect((error as { code?: string }).code).toMatch(/^SQLITE_READONLY/);
      expect(isDatabaseUnavailableError(error)).toBe(true);
    } finally {
      direct.close();
    }
    const prisma = createPrismaClient({ engine: "sqlite", url: `file:${filePath}`, filePath });
    try {
      await prisma.$executeRawUnsafe("PRAGMA query_only = 1");
      const error = await failure(() => prisma.$executeRawUnsafe("INSERT INTO note (body) VALUES (1)"));
      expect(String(error)).toMatch(/readonly database/);
      expect(isDatabaseUnavailableError(error)).toBe(true);
    } finally {
      await prisma.$disconnect();
    }
  });

  it("an ordinary bug stays a bug (500 and its stack in the log)", async () => {
    const filePath = fullDatabase("bug.db");
    const prisma = createPrismaClient({ engine: "sqlite", url: `file:${filePath}`, filePath });
    try {
      const error = await failure(() => prisma.$executeRawUnsafe("INSERT INTO missing_table VALUES (1)"));
      expect(isDatabaseUnavailableError(error)).toBe(false);
    } finally {
      await prisma.$disconnect();
    }
  });
});
