// The hot pool keeps its PostgreSQL connections through a quiet spell (ADR 0073): each one holds
// the named statements it parsed and planned (ADR 0058), and node-postgres's default closes a client
// idle for 10 s, so the first seconds of load after every lull ran on new, cold backends. Its idle
// connections must not keep a script's process alive either.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { resolveDatabaseTarget } from "../../app/utils/database-url.ts";
import { databaseEngine } from "../../app/utils/db.server.ts";
import { newPlainPool, pgPool } from "../../app/utils/pg-pool.server.ts";

const root = path.resolve(import.meta.dirname, "../..");

describe(`the hot pool through a quiet spell on ${databaseEngine}`, () => {
  if (databaseEngine !== "postgresql") {
    it("is PostgreSQL's only: SQLite has no connections to keep", () => {
      expect(() => pgPool()).toThrow(/PostgreSQL engine only/);
    });
    return;
  }

  it("answers on the same backend after a minute of quiet", async () => {
    // The pool's idle timer is a setTimeout: fake it, so a minute passes at once.
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const pool = newPlainPool(resolveDatabaseTarget().url, "quiet-test", { max: 1 });
    try {
      const before = await pool.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
      vi.advanceTimersByTime(60_000);
      const after = await pool.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
      expect(after.rows[0]!.pid).toBe(before.rows[0]!.pid);
      expect(pool.totalCount).toBe(1);
      expect(pool.idleCount).toBe(1);
    } finally {
      vi.useRealTimers();
      await pool.end();
    }
  });

  it("does not keep a script's process alive once its connections are idle", () => {
    // A script that queries through the pool and never ends it still exits by itself.
    const script = [
      'import { newPlainPool } from "./app/utils/pg-pool.server.ts";',
      'import { resolveDatabaseTarget } from "./app/utils/database-url.ts";',
      'const pool = newPlainPool(resolveDatabaseTarget().url, "exit-test");',
      'const { rows } = await pool.query("SELECT 41 + 1 AS answer");',
      "console.log(rows[0].answer);",
    ].join("\n");
    const output = execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      cwd: root,
      env: process.env,
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(output.trim()).toBe("42");
  });
});
