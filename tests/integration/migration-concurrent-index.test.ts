// What ADR 0112 relies on, with Prisma's own `migrate deploy` (the one `npm run db:migrate` runs, through
// prisma.config.ts's PostgreSQL adapter) on a scratch database of the test server, with migrations of a
// temporary folder:
//  - a migration holding only `CREATE INDEX CONCURRENTLY IF NOT EXISTS …` applies, and builds a valid index;
//  - when such a build fails (here a unique index over duplicates), the migration is recorded as failed and the
//    index is left behind INVALID; `CREATE … CONCURRENTLY IF NOT EXISTS` run again then does nothing and
//    succeeds, the index still INVALID: so the recovery drops the index before the migration runs again.
// On SQLite, the other side of the rule: SQLite has no CONCURRENTLY (the statement is a syntax error there), so the
// twin migration of the same name keeps Prisma's plain CREATE INDEX, which `migrate deploy` applies.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { resolveDatabaseTarget } from "../../app/utils/database-url.ts";
import Database from "better-sqlite3";
import { databaseEngine } from "../../app/utils/db.server.ts";
import { lockProblems } from "../../scripts/migration-locks.ts";

const root = path.resolve(import.meta.dirname, "../..");

const MIGRATIONS: Record<string, string> = {
  "20260101000000_table": `CREATE TABLE "T" ("id" INTEGER NOT NULL, "v" INTEGER NOT NULL, CONSTRAINT "T_pkey" PRIMARY KEY ("id"));
INSERT INTO "T" SELECT g, g % 100 FROM generate_series(1, 20000) g;`,
  "20260101000100_index": `-- CreateIndex\nCREATE INDEX CONCURRENTLY IF NOT EXISTS "T_v_idx" ON "T"("v");\n`,
  "20260101000200_unique_index": `CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS "T_v_key" ON "T"("v");\n`,
};

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** A temporary migrations folder for `provider` with `migrations`, and `migrate deploy` run on it against `url`. */
function deployFolder(provider: "postgresql" | "sqlite", migrations: Record<string, string>, url: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "concurrent-index-"));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.writeFileSync(
    path.join(dir, "schema.prisma"),
    `datasource db {\n  provider = "${provider}"\n  url      = env("DATABASE_URL")\n}\n`,
  );
  fs.mkdirSync(path.join(dir, "migrations"));
  fs.writeFileSync(path.join(dir, "migrations", "migration_lock.toml"), `provider = "${provider}"\n`);
  for (const [name, sql] of Object.entries(migrations)) {
    fs.mkdirSync(path.join(dir, "migrations", name));
    fs.writeFileSync(path.join(dir, "migrations", name, "migration.sql"), sql);
  }
  return spawnSync(
    process.execPath,
    [path.join(root, "scripts/migrate-deploy.mjs"), "--schema", path.join(dir, "schema.prisma")],
    { cwd: root, env: { ...process.env, DATABASE_URL: url }, encoding: "utf8", timeout: 120_000 },
  );
}

describe(`an index on an existing table, by prisma migrate deploy on ${databaseEngine} (ADR 0112)`, () => {
  const postgresqlOnly = databaseEngine === "postgresql";
  it(
    postgresqlOnly
      ? "applies alone in its migration built CONCURRENTLY; a failed build is a failed migration and an INVALID index"
      : "keeps Prisma's plain CREATE INDEX in the SQLite twin, where CONCURRENTLY is a syntax error",
    async () => {
      if (!postgresqlOnly) {
        const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "concurrent-index-sqlite-")), "twin.db");
        cleanups.push(() => fs.rmSync(path.dirname(file), { recursive: true, force: true }));
        const twin = {
          "20260101000000_table": `CREATE TABLE "T" ("id" INTEGER NOT NULL PRIMARY KEY, "v" INTEGER NOT NULL);
INSERT INTO "T" WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < 2000) SELECT n, n % 100 FROM g;`,
          "20260101000100_index": `-- CreateIndex\nCREATE INDEX "T_v_idx" ON "T"("v");\n`,
        };
        const deploy = deployFolder("sqlite", twin, `file:${file}`);
        expect(deploy.status, deploy.stdout + deploy.stderr).toBe(0);
        const db = new Database(file);
        try {
          expect(
            db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'T'`).pluck().all(),
          ).toEqual(["T_v_idx"]);
          expect(() => db.exec(MIGRATIONS["20260101000100_index"]!.replace("T_v_idx", "T_v_again"))).toThrow(
            /syntax error/,
          );
        } finally {
          db.close();
        }
        return;
      }
      // The two index migrations have the shape the rule asks for.
      expect(lockProblems(MIGRATIONS["20260101000100_index"]!)).toEqual([]);
      expect(lockProblems(MIGRATIONS["20260101000200_unique_index"]!)).toEqual([]);

      const url = new URL(resolveDatabaseTarget(process.env.DATABASE_URL, root).url);
      const name = `${url.pathname.slice(1)}_cic_${process.pid}`.slice(0, 63);
      const admin = new pg.Client({ connectionString: url.toString() });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
      await admin.query(`CREATE DATABASE "${name}"`);
      cleanups.push(async () => {
        await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await admin.end();
      });
      url.pathname = `/${name}`;

      const deploy = deployFolder("postgresql", MIGRATIONS, url.toString());
      // The unique index over duplicate values fails, after the first two migrations were applied.
      expect(deploy.status, deploy.stdout + deploy.stderr).toBe(1);
      expect(deploy.stdout + deploy.stderr).toMatch(/T_v_key/);

      const db = new pg.Client({ connectionString: url.toString() });
      await db.connect();
      try {
        const indexes = async () =>
          Object.fromEntries(
            (
              await db.query<{ relname: string; indisvalid: boolean }>(
                `SELECT c.relname, i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                  WHERE i.indrelid = '"T"'::regclass ORDER BY 1`,
              )
            ).rows.map((r) => [r.relname, r.indisvalid]),
          );
        expect(await indexes()).toEqual({ T_pkey: true, T_v_idx: true, T_v_key: false });
        const records = await db.query<{ migration_name: string; finished: boolean }>(
          `SELECT migration_name, finished_at IS NOT NULL AS finished FROM _prisma_migrations ORDER BY migration_name`,
        );
        expect(records.rows).toEqual([
          { migration_name: "20260101000000_table", finished: true },
          { migration_name: "20260101000100_index", finished: true },
          { migration_name: "20260101000200_unique_index", finished: false },
        ]);

        // Run again as it stands, the statement skips the INVALID index by its name and reports success.
        await db.query(MIGRATIONS["20260101000200_unique_index"]!);
        expect((await indexes()).T_v_key).toBe(false);
        // The recovery's first step: drop it (outside a transaction too), then the build can start afresh.
        await db.query(`DROP INDEX CONCURRENTLY IF EXISTS "T_v_key"`);
        expect(await indexes()).toEqual({ T_pkey: true, T_v_idx: true });
      } finally {
        await db.end();
      }
    },
  );
});
