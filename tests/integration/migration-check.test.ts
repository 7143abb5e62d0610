// The start's check that the database has this release's migrations (app/utils/migration-check.server.ts),
// on the engine of DATABASE_URL, against Prisma's own record of them (_prisma_migrations, written by
// `npm run db:migrate`). Each test changes that record and puts it back.
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { databaseEngine, prisma } from "../../app/utils/db.server.ts";
import {
  invalidIndexes,
  migrationRefusal,
  migrationState,
  migrationsDirectory,
  shippedMigrations,
} from "../../app/utils/migration-check.server.ts";

const root = path.resolve(import.meta.dirname, "../..");
const directory = migrationsDirectory(root, databaseEngine);
const shipped = shippedMigrations(directory);
const last = shipped.at(-1)!;

type Row = Record<string, unknown>;
const saved: Row[] = [];
afterEach(async () => {
  for (const row of saved.splice(0)) {
    const columns = Object.keys(row);
    const marks = columns.map((_, i) => (databaseEngine === "sqlite" ? "?" : `$${i + 1}`));
    await prisma.$executeRawUnsafe(
      `DELETE FROM _prisma_migrations WHERE migration_name = ${databaseEngine === "sqlite" ? "?" : "$1"}`,
      row.migration_name,
    );
    await prisma.$executeRawUnsafe(
      `INSERT INTO _prisma_migrations (${columns.join(", ")}) VALUES (${marks.join(", ")})`,
      ...columns.map((c) => row[c]),
    );
  }
});

/** Keeps the record of a migration, to be put back after the test. */
async function keep(name: string) {
  const mark = databaseEngine === "sqlite" ? "?" : "$1";
  saved.push(
    ...(await prisma.$queryRawUnsafe<Row[]>(`SELECT * FROM _prisma_migrations WHERE migration_name = ${mark}`, name)),
  );
}

describe(`migrations at start (${databaseEngine})`, () => {
  it("a database migrated by npm run db:migrate has them all", async () => {
    expect(shipped.length).toBeGreaterThan(10);
    const state = await migrationState(prisma, databaseEngine, directory);
    expect(state).toEqual({ pending: [], failed: [], unknown: [] });
    expect(migrationRefusal(state)).toBeNull();
  });

  it("a database of the release before: the start names the migration to apply and the command", async () => {
    await keep(last);
    const mark = databaseEngine === "sqlite" ? "?" : "$1";
    await prisma.$executeRawUnsafe(`DELETE FROM _prisma_migrations WHERE migration_name = ${mark}`, last);
    const state = await migrationState(prisma, databaseEngine, directory);
    expect(state).toEqual({ pending: [last], failed: [], unknown: [] });
    expect(migrationRefusal(state)?.message).toBe(
      `database: 1 migrazione da applicare (${last}): esegui "npm run db:migrate" con lo stesso DATABASE_URL, poi riavvia / 1 migration to apply: run npm run db:migrate, then start again`,
    );
  });

  it("a migration that failed half-way is named, with how to resolve it", async () => {
    await keep(last);
    const mark = databaseEngine === "sqlite" ? "?" : "$1";
    await prisma.$executeRawUnsafe(
      `UPDATE _prisma_migrations SET finished_at = NULL WHERE migration_name = ${mark}`,
      last,
    );
    const state = await migrationState(prisma, databaseEngine, directory);
    expect(state).toEqual({ pending: [], failed: [last], unknown: [] });
    // The command is given with the migration's name in both languages, ready to copy: no "<nome>" to fill in.
    expect(migrationRefusal(state)?.message).toBe(
      `database: la migrazione ${last} è fallita a metà; correggi il database, poi ` +
        `"npm run db:resolve -- --rolled-back ${last}" (o --applied ${last} se completata a mano) e ` +
        `"npm run db:migrate" (README, Aggiornamenti) / migration ${last} failed half-way: fix the database, then ` +
        `"npm run db:resolve -- --rolled-back ${last}" (or --applied ${last} if completed by hand) and npm run db:migrate`,
    );
  });

  it("two failed migrations (records written by hand): each named, each with its own command", () => {
    const message = migrationRefusal({
      pending: [],
      failed: ["20260101000000_a", "20260102000000_b"],
      unknown: [],
    })?.message;
    expect(message).toMatch(/^database: le migrazioni 20260101000000_a, 20260102000000_b sono fallite a metà; /);
    expect(message).toContain(
      `"npm run db:resolve -- --rolled-back 20260101000000_a", "npm run db:resolve -- --rolled-back 20260102000000_b" ` +
        `(o --applied 20260101000000_a, --applied 20260102000000_b se completate a mano)`,
    );
    expect(message).toContain("/ migrations 20260101000000_a, 20260102000000_b failed half-way");
    expect(message).not.toContain("<");
  });

  it("several migrations to apply: the count in the plural, the first two and the last named", () => {
    const message = migrationRefusal({
      pending: ["20260101000000_a", "20260102000000_b", "20260103000000_c", "20260104000000_d"],
      failed: [],
      unknown: [],
    })?.message;
    expect(message).toBe(
      `database: 4 migrazioni da applicare (20260101000000_a, 20260102000000_b … 20260104000000_d): esegui ` +
        `"npm run db:migrate" con lo stesso DATABASE_URL, poi riavvia / 4 migrations to apply: run npm run ` +
        `db:migrate, then start again`,
    );
  });

  it("a migration this release does not ship (a newer release ran): not a refusal", async () => {
    const state = await migrationState(prisma, databaseEngine, directory);
    const older = { ...state, unknown: ["29991231000000_from_the_future"] };
    expect(migrationRefusal(older)).toBeNull();
  });

  it("an index a failed CREATE INDEX CONCURRENTLY left INVALID is named (PostgreSQL; ADR 0112)", async () => {
    expect(await invalidIndexes(prisma, databaseEngine)).toEqual([]);
    if (databaseEngine !== "postgresql") return;
    await prisma.$executeRawUnsafe(`CREATE TABLE "InvalidIndexProbe" ("v" INTEGER NOT NULL)`);
    try {
      await prisma.$executeRawUnsafe(`INSERT INTO "InvalidIndexProbe" VALUES (1), (1)`);
      await expect(
        prisma.$executeRawUnsafe(
          `CREATE UNIQUE INDEX CONCURRENTLY "InvalidIndexProbe_v_key" ON "InvalidIndexProbe"("v")`,
        ),
      ).rejects.toThrow();
      expect(await invalidIndexes(prisma, databaseEngine)).toEqual(["InvalidIndexProbe_v_key"]);
    } finally {
      await prisma.$executeRawUnsafe(`DROP TABLE "InvalidIndexProbe"`);
    }
    expect(await invalidIndexes(prisma, databaseEngine)).toEqual([]);
  });
});
