// The SQLite plans of what a piece of code really runs, Prisma's statements included: the SQL texts and parameters
// better-sqlite3 is given while `run` runs are recorded, then each is explained (EXPLAIN QUERY PLAN, with the same
// parameters: SQLite plans some shapes by a bound LIMIT) on the test's database. The test database has no statistics,
// as a production one (nothing runs ANALYZE): its plans are the ones production gets, whatever the rows (ADR 0029,
// addendum of 07/12/2026). SQLite only.
import Database from "better-sqlite3";
import { vi } from "vitest";
import { sqliteDirect } from "../../app/utils/sqlite-direct.server.ts";

export type RecordedStatement = { sql: string; args: unknown[]; plan: string[] };

export async function sqlitePlansOf(run: () => Promise<unknown>): Promise<RecordedStatement[]> {
  const recorded: { sql: string; args: unknown[] }[] = [];
  const prepare = Database.prototype.prepare;
  const spy = vi.spyOn(Database.prototype, "prepare").mockImplementation(function (this: Database.Database, sql) {
    const statement = prepare.call(this, sql);
    const entry = { sql, args: [] as unknown[] };
    recorded.push(entry);
    // Prisma's adapter binds the parameters first (statement.bind(args).raw().all()); direct reads pass them to all().
    for (const method of ["bind", "all", "get", "run", "iterate"] as const) {
      const original = statement[method] as (...args: unknown[]) => unknown;
      Object.defineProperty(statement, method, {
        value: (...args: unknown[]) => {
          if (args.length > 0) entry.args = args;
          return original.apply(statement, args);
        },
      });
    }
    return statement;
  });
  try {
    await run();
  } finally {
    spy.mockRestore();
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

/** The statements among `statements` whose plan reads all of `table` (a SCAN of it, by its rows or an index). */
export function scansOf(statements: RecordedStatement[], table: string): RecordedStatement[] {
  const scan = new RegExp(`^SCAN (main\\.)?${table}\\b`);
  return statements.filter((s) => s.plan.some((d) => scan.test(d)));
}
