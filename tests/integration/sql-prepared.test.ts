// Built SQL texts run as named statements (ADR 0058) up to a bound: each named statement keeps its parse tree and plans
// in every PostgreSQL connection that ran it, so a process names at most BUILT_STATEMENTS_NAMED_MAX texts and runs
// later ones unnamed, with the same rows.
import { describe, expect, it, vi } from "vitest";
import { databaseEngine } from "../../app/utils/db.server.ts";
import { pgPool } from "../../app/utils/pg-pool.server.ts";
import { BUILT_STATEMENTS_NAMED_MAX, sqlReadFromPrepared } from "../../app/utils/sql.server.ts";

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
