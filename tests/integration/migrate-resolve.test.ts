// `npm run db:resolve` (scripts/migrate-resolve.ts), run for real: package.json's command line for it, run by node
// itself (without npm and tsx's launcher around it), on the engine of DATABASE_URL, with the start's migration check
// (migrationState, migrationRefusal) and Prisma's own `migrate deploy` before and after it:
//  - a migration that failed half-way (a unique index over duplicates; on PostgreSQL built CONCURRENTLY as ADR 0112
//    asks, leaving an INVALID index) is repaired, marked rolled back, deployed again, and the start no longer refuses;
//  - a migration applied by hand is recorded with --applied, with Prisma's checksum, and `migrate deploy` passes over
//    it (run again, its plain CREATE INDEX would fail on the index already there);
//  - the same on the worker's own migrated database and the engine's own migrations folder (no --schema).
// Prisma 6.19.3's `migrate resolve --rolled-back` failed here on both engines ("Could not find schema-engine binary").
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { databaseEngine, prisma, type Db } from "../../app/utils/db.server.ts";
import {
  migrationsFolder as migrationsFolderOf,
  scratchDatabase as scratchDatabaseOf,
} from "../support/scratch-migrations.ts";
import {
  invalidIndexes,
  migrationRefusal,
  migrationState,
  migrationsDirectory,
  shippedMigrations,
} from "../../app/utils/migration-check.server.ts";

const root = path.resolve(import.meta.dirname, "../..");
const TABLE = `CREATE TABLE "A" ("id" INTEGER NOT NULL PRIMARY KEY, "v" INTEGER NOT NULL);
INSERT INTO "A" ("id", "v") VALUES (1, 1), (2, 1), (3, 2);
`;

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/**
 * package.json's `db:resolve` script, `tsx <node options…> <script>`, as one node process: node with those options and
 * tsx's loader runs the same script with the same arguments. `npm run` (npm, a shell, then tsx's launcher and the node
 * it starts) took about 1.5 s more a command than the command itself, eight commands a run (07/12/2026).
 */
const DB_RESOLVE = (() => {
  const script = (
    JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { scripts: Record<string, string> }
  ).scripts["db:resolve"]!;
  const words = script.split(" ");
  if (words[0] !== "tsx" || words.at(-1) !== "scripts/migrate-resolve.ts")
    throw new Error(`package.json's db:resolve is "${script}", not "tsx <node options…> scripts/migrate-resolve.ts"`);
  return [...words.slice(1, -1), "--import", "tsx", words.at(-1)!];
})();

/** `npm run db:resolve -- …args` against `url`, as an operator runs it (package.json's command, without npm). */
function dbResolve(url: string, ...args: string[]) {
  const run = spawnSync(process.execPath, [...DB_RESOLVE, ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url },
    encoding: "utf8",
    timeout: 120_000,
  });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

/** Prisma's `migrate deploy` as `npm run db:migrate` runs it (scripts/migrate-deploy.mjs) of the folder beside `schema`. */
function deploy(schema: string, url: string) {
  const run = spawnSync(process.execPath, [path.join(root, "scripts/migrate-deploy.mjs"), "--schema", schema], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url },
    encoding: "utf8",
    timeout: 120_000,
  });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

/** A scratch database of the engine under test, reached both by URL and by a query function. */
const scratchDatabase = (label: string) => scratchDatabaseOf(cleanups, "resolve", label);
const migrationsFolder = (migrations: Record<string, string>) => migrationsFolderOf(cleanups, "resolve", migrations);

/** The start's check (server.js) on a database reached by `query`. */
async function startCheck(query: (sql: string) => Promise<unknown[]>, directory: string) {
  const db = { $queryRawUnsafe: query } as unknown as Db;
  const state = await migrationState(db, databaseEngine, directory);
  return {
    state,
    refusal: migrationRefusal(state)?.message ?? null,
    invalid: await invalidIndexes(db, databaseEngine),
  };
}

describe(`npm run db:resolve on ${databaseEngine}`, () => {
  it("--rolled-back: a migration that failed half-way is repaired, marked rolled back, deployed again; the start then goes", async () => {
    const failing = "20260101000100_unique_index";
    // On PostgreSQL the index is built as ADR 0112 asks: a failed build leaves it INVALID.
    const folder = migrationsFolder({
      "20260101000000_table": TABLE,
      [failing]:
        databaseEngine === "postgresql"
          ? `CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS "A_v_key" ON "A"("v");\n`
          : `CREATE UNIQUE INDEX "A_v_key" ON "A"("v");\n`,
    });
    const { url, query } = await scratchDatabase("rb");

    const failed = deploy(folder.schema, url);
    expect(failed.status, failed.output).toBe(1);
    expect(failed.output).toMatch(/A_v_key|Unique constraint failed/);
    const before = await startCheck(query, folder.directory);
    expect(before.state).toEqual({ pending: [], failed: [failing], unknown: [] });
    expect(before.refusal).toMatch(/fallita a metà; .*npm run db:resolve -- --rolled-back/);
    expect(before.invalid).toEqual(databaseEngine === "postgresql" ? ["A_v_key"] : []);

    // Resolving is refused for a migration that did not fail, or is not in the folder.
    const notFailed = dbResolve(url, "--rolled-back", "20260101000000_table", "--schema", folder.schema);
    expect(notFailed.status, notFailed.output).toBe(1);
    expect(notFailed.output).toContain(
      "Error: P3012\n\nMigration `20260101000000_table` cannot be rolled back because it is not in a failed state.",
    );
    const unknown = dbResolve(url, "--rolled-back", "20260101000100_unique", "--schema", folder.schema);
    expect(unknown.status, unknown.output).toBe(1);
    expect(unknown.output).toContain("Error: P3017\n\nThe migration 20260101000100_unique could not be found.");

    // ADR 0112, point 5: drop the INVALID index, remove the cause, mark the migration rolled back, deploy again.
    if (databaseEngine === "postgresql") await query(`DROP INDEX CONCURRENTLY IF EXISTS "A_v_key"`);
    await query(`DELETE FROM "A" WHERE "id" = 2`);
    const resolved = dbResolve(url, "--rolled-back", failing, "--schema", folder.schema);
    expect(resolved.status, resolved.output).toBe(0);
    expect(resolved.output).toContain(`Migration ${failing} marked as rolled back.`);
    const afterResolve = await startCheck(query, folder.directory);
    expect(afterResolve.state).toEqual({ pending: [failing], failed: [], unknown: [] });
    expect(afterResolve.refusal).toMatch(/^database: 1 migrazione da applicare .*npm run db:migrate/);

    const again = deploy(folder.schema, url);
    expect(again.status, again.output).toBe(0);
    const after = await startCheck(query, folder.directory);
    expect(after).toEqual({ state: { pending: [], failed: [], unknown: [] }, refusal: null, invalid: [] });
    // The failed run stays in the record, rolled back; the second one is applied.
    expect(
      await query(
        `SELECT finished_at IS NOT NULL AS finished, rolled_back_at IS NOT NULL AS rolled_back FROM _prisma_migrations
          WHERE migration_name = '${failing}' ORDER BY started_at`,
      ),
    ).toEqual([
      { finished: databaseEngine === "sqlite" ? 0 : false, rolled_back: databaseEngine === "sqlite" ? 1 : true },
      { finished: databaseEngine === "sqlite" ? 1 : true, rolled_back: databaseEngine === "sqlite" ? 0 : false },
    ]);
  }, 240_000);

  it("--applied: a migration applied by hand is recorded with its checksum, and migrate deploy passes over it", async () => {
    const folder = migrationsFolder({ "20260101000000_table": TABLE });
    const { url, query } = await scratchDatabase("ap");
    const first = deploy(folder.schema, url);
    expect(first.status, first.output).toBe(0);

    // A plain CREATE INDEX (as the migrations before ADR 0112), applied by hand first without blocking (its point 6).
    const byHand = "20260101000200_index";
    const sql = `-- CreateIndex\nCREATE INDEX "A_v_idx" ON "A"("v");\n`;
    folder.add(byHand, sql);
    expect((await startCheck(query, folder.directory)).state.pending).toEqual([byHand]);
    await query(
      databaseEngine === "postgresql"
        ? `CREATE INDEX CONCURRENTLY IF NOT EXISTS "A_v_idx" ON "A"("v")`
        : `CREATE INDEX "A_v_idx" ON "A"("v")`,
    );

    const missing = dbResolve(url, "--applied", "20260101000300_index", "--schema", folder.schema);
    expect(missing.status, missing.output).toBe(1);
    expect(missing.output).toContain("Error: P3017\n\nThe migration 20260101000300_index could not be found.");

    const applied = dbResolve(url, "--applied", byHand, "--schema", folder.schema);
    expect(applied.status, applied.output).toBe(0);
    expect(applied.output).toContain(`Migration ${byHand} marked as applied.`);
    const records = (await query(
      `SELECT checksum, finished_at IS NOT NULL AS finished, rolled_back_at IS NULL AS kept, applied_steps_count
         FROM _prisma_migrations WHERE migration_name = '${byHand}'`,
    )) as { checksum: string; finished: unknown; kept: unknown; applied_steps_count: unknown }[];
    expect(records).toHaveLength(1);
    expect(records[0]!.checksum).toBe(crypto.createHash("sha256").update(sql).digest("hex"));
    expect(Boolean(records[0]!.finished) && Boolean(records[0]!.kept)).toBe(true);
    expect(await startCheck(query, folder.directory)).toEqual({
      state: { pending: [], failed: [], unknown: [] },
      refusal: null,
      invalid: [],
    });

    // migrate deploy passes over it: run, its CREATE INDEX would fail on the index already there.
    const next = deploy(folder.schema, url);
    expect(next.status, next.output).toBe(0);
    expect(next.output).toContain("No pending migrations to apply.");

    const twice = dbResolve(url, "--applied", byHand, "--schema", folder.schema);
    expect(twice.status, twice.output).toBe(1);
    expect(twice.output).toContain(
      `Error: P3008\n\nThe migration \`${byHand}\` is already recorded as applied in the database.`,
    );
  }, 240_000);
});

describe(`npm run db:resolve on the worker's database and ${databaseEngine}'s own migrations`, () => {
  const directory = migrationsDirectory(root, databaseEngine);
  const last = shippedMigrations(directory).at(-1)!;
  const mark = databaseEngine === "sqlite" ? "?" : "$1";
  type Row = Record<string, unknown>;
  let saved: Row[] = [];
  afterEach(async () => {
    await prisma.$executeRawUnsafe(`DELETE FROM _prisma_migrations WHERE migration_name = ${mark}`, last);
    for (const row of saved.splice(0)) {
      const columns = Object.keys(row);
      const marks = columns.map((_, i) => (databaseEngine === "sqlite" ? "?" : `$${i + 1}`));
      await prisma.$executeRawUnsafe(
        `INSERT INTO _prisma_migrations (${columns.join(", ")}) VALUES (${marks.join(", ")})`,
        ...columns.map((c) => row[c]),
      );
    }
  });

  it("a failed record of the release's last migration: --rolled-back, then --applied once completed by hand", async () => {
    saved = await prisma.$queryRawUnsafe<Row[]>(
      `SELECT * FROM _prisma_migrations WHERE migration_name = ${mark}`,
      last,
    );
    expect(saved).toHaveLength(1);
    await prisma.$executeRawUnsafe(
      `UPDATE _prisma_migrations SET finished_at = NULL WHERE migration_name = ${mark}`,
      last,
    );
    expect((await migrationState(prisma, databaseEngine, directory)).failed).toEqual([last]);
    const url = process.env.DATABASE_URL!;

    const rolledBack = dbResolve(url, "--rolled-back", last);
    expect(rolledBack.status, rolledBack.output).toBe(0);
    expect(await migrationState(prisma, databaseEngine, directory)).toEqual({
      pending: [last],
      failed: [],
      unknown: [],
    });

    // Its statements did run (the record was made failed above): the operator records it as applied.
    const applied = dbResolve(url, "--applied", last);
    expect(applied.status, applied.output).toBe(0);
    const state = await migrationState(prisma, databaseEngine, directory);
    expect(state).toEqual({ pending: [], failed: [], unknown: [] });
    expect(migrationRefusal(state)).toBeNull();
    expect(
      await prisma.$queryRawUnsafe(
        `SELECT checksum FROM _prisma_migrations WHERE migration_name = ${mark} AND finished_at IS NOT NULL`,
        last,
      ),
    ).toEqual([{ checksum: saved[0]!.checksum }]);
  }, 120_000);
});
