// The SQLite plans of what a piece of code really runs, Prisma's statements included: the SQL texts and parameters
// better-sqlite3 runs while `run` runs are recorded (statements prepared earlier and kept, as the direct reads keep
// theirs, included), then each is explained (EXPLAIN QUERY PLAN, with the same parameters: SQLite plans some shapes
// by a bound LIMIT) on the test's database. The test database has no statistics, as a production one (nothing runs
// ANALYZE): its plans are the ones production gets, whatever the rows (ADR 0029, addendum of 07/12/2026). SQLite only.
import fs from "node:fs";
import path from "node:path";
import type Database from "better-sqlite3";
import { databaseEngine } from "../../app/utils/db.server.ts";
import { sqliteDirect } from "../../app/utils/sqlite-direct.server.ts";

export type RecordedStatement = { sql: string; args: unknown[]; plan: string[] };

export async function sqlitePlansOf(run: () => Promise<unknown>): Promise<RecordedStatement[]> {
  const recorded: { sql: string; args: unknown[] }[] = [];
  const bound = new WeakMap<object, unknown[]>();
  // Every connection's statements share better-sqlite3's one Statement class: its methods are wrapped while `run` runs.
  type Method = (this: Database.Statement, ...args: unknown[]) => unknown;
  const statement = Object.getPrototypeOf(sqliteDirect().prepare("SELECT 1")) as Record<string, Method>;
  const originals = (["bind", "all", "get", "run", "iterate"] as const).map((method) => {
    const original = statement[method]!;
    statement[method] = function (this: Database.Statement, ...args: unknown[]) {
      // Prisma's adapter binds the parameters first (statement.bind(args).raw().all()); direct reads pass them to all().
      if (method === "bind") bound.set(this, args);
      else recorded.push({ sql: this.source, args: args.length > 0 ? args : (bound.get(this) ?? []) });
      return original.apply(this, args);
    };
    return [method, original] as const;
  });
  try {
    await run();
  } finally {
    for (const [method, original] of originals) statement[method] = original;
  }
  return recorded
    .filter((r) => /^\s*(SELECT|UPDATE|DELETE|WITH)\b/i.test(r.sql))
    .map((r) => ({
      ...r,
      plan: (
        sqliteDirect()
          .prepare(`EXPLAIN QUERY PLAN ${r.sql}`)
          .all(...r.args) as { detail: string }[]
      ).map((p) => p.detail),
    }));
}

/**
 * Runs `run` once, on any engine: its result, and on SQLite every statement it ran with its plan (none on
 * PostgreSQL, where the same test checks the behaviour alone).
 */
export async function sqlitePlanned<T>(run: () => Promise<T>): Promise<{ result: T; statements: RecordedStatement[] }> {
  if (databaseEngine !== "sqlite") return { result: await run(), statements: [] };
  let result: T | undefined;
  const statements = await sqlitePlansOf(async () => {
    result = await run();
  });
  return { result: result as T, statements };
}

/** The statements among `statements` whose plan reads all of `table` (a SCAN of it, by its rows or an index). */
export function scansOf(statements: RecordedStatement[], table: string): RecordedStatement[] {
  const scan = new RegExp(`^SCAN (main\\.)?${table}\\b`);
  return statements.filter((s) => s.plan.some((d) => scan.test(d)));
}

/** The migration that gives SQLite's planner its one estimate (ADR 0113): every migrated database has it. */
export const STATUS_ESTIMATE_MIGRATION = path.resolve(
  import.meta.dirname,
  "../../prisma/migrations/20261208100000_enrolment_status_index_estimate/migration.sql",
);

/**
 * Leaves sqlite_stat1 as a production database has it: the statistics an ANALYZE wrote (a test's own, of its small
 * and lopsided rows) dropped, and the migration's estimate for Enrolment's status index written again. For a file
 * whose work ran ANALYZE on the worker's database, which later files share (their plans must not depend on it).
 */
export function productionStatistics(): void {
  const db = sqliteDirect();
  db.exec("DROP TABLE IF EXISTS sqlite_stat1; DROP TABLE IF EXISTS sqlite_stat4;");
  db.exec(fs.readFileSync(STATUS_ESTIMATE_MIGRATION, "utf8"));
}
