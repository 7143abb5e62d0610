// Built SQL texts run as named statements (ADR 0058) up to a bound: each named statement keeps its parse tree and plans
// in every PostgreSQL connection that ran it, so a process names at most BUILT_STATEMENTS_NAMED_MAX texts and runs
// later ones unnamed, with the same rows.
import { describe, expect, it, vi } from "vitest";
import { databaseEngine } from "../../app/utils/db.server.ts";
import { pgPool } from "../../app/utils/pg-pool.server.ts";
import { BUILT_STATEMENTS_NAMED_MAX, sqlReadFromPrepared, sqlReadRowsFrom } from "../../app/utils/sql.server.ts";

describe(`built statements on ${databaseEngine}`, () => {
  it("names at most BUILT_STATEMENTS_NAMED_MAX texts, runs later ones unnamed, and reads the same rows", async () => {
    const names: (string | undefined)[] = [];
    let spy: { mockRestore(): void } | null = null;
    if (databaseEngine === "postgresql") {
      const pool = pgPool();
      const original = pool.query.bind(pool) as (...args: unknown[]) => Promise<unknown>;
      spy = vi.spyOn(pool, "query").mockImplementation(((...args: unknown[]) => {
        const first = args[0] as string | { name?: string };
        names.push(typeof first === "string" ? undefined : first.name);
        return original(...args);
      }) as typeof pool.query);
    }
    try {
      const texts = Array.from({ length: BUILT_STATEMENTS_NAMED_MAX + 5 }, (_, i) => `SELECT ${i} + $1 AS "n"`);
      for (const [i, text] of texts.entries()) {
        const rows = await sqlReadFromPrepared<{ n: number | string }>("primary", text, 1);
        expect(Number(rows[0]!.n)).toBe(i + 1);
      }
      // A text named before stays named after the bound is reached.
      await sqlReadFromPrepared("primary", texts[0]!, 2);
      if (databaseEngine !== "postgresql") return;
      expect(names.filter((n) => n !== undefined).length).toBeLessThanOrEqual(BUILT_STATEMENTS_NAMED_MAX + 1);
      expect(names.slice(-6, -1)).toEqual([undefined, undefined, undefined, undefined, undefined]);
      expect(names.at(-1)).toMatch(/^forma_/);
    } finally {
      spy?.mockRestore();
    }
  });
});

describe(`rows as arrays on ${databaseEngine}`, () => {
  it("gives each row's columns in the SELECT's order, two columns of one name included", async () => {
    // The dashboard keeps a school year's facts read this way (ADR 0021 addendum (5)); on PostgreSQL the driver builds
    // the arrays (rowMode "array"), where an object per row lost a repeated column name and cost a third more CPU.
    const rows = await sqlReadRowsFrom(
      "primary",
      `SELECT CAST($1 AS TEXT) AS "a", 2 AS "b", CAST($2 AS TEXT) AS "a" UNION ALL SELECT 'y', 3, 'z'`,
      "x",
      "w",
    );
    expect(rows).toEqual([
      ["x", 2, "w"],
      ["y", 3, "z"],
    ]);
  });
});
