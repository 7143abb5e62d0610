// scripts/migrate-deploy.mjs (what `npm run db:migrate` runs, ADR 0114), run for real on the engine of DATABASE_URL
// against a scratch database and a temporary migrations folder:
//  - it ends with Prisma's exit code and Prisma's own output: 0 and "All migrations have been successfully applied."
//    on a database brought up to date, 0 and "No pending migrations to apply." on one already up to date; 1 and the
//    engine's error on a migration that fails, then 1 and P3009 while that failure is recorded, with exactly the
//    stdout, stderr and status of Prisma's CLI run alone;
//  - Prisma's process ended without waiting for a timer it no longer needed: no timer of 5 s or more it set fired
//    before it exited (tests/support/long-timers.mjs records them). On PostgreSQL the CLI alone waited 10 s after
//    printing its result, for the schema engine's advisory-lock timeout and the pool's idle timeout, both of which
//    then fired; SQLite sets neither.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { databaseEngine } from "../../app/utils/db.server.ts";
import {
  migrationsFolder as migrationsFolderOf,
  scratchDatabase as scratchDatabaseOf,
} from "../support/scratch-migrations.ts";

const root = path.resolve(import.meta.dirname, "../..");
const PRISMA_CLI = path.join(root, "node_modules/prisma/build/index.js");
const WITNESS = path.join(root, "tests/support/long-timers.mjs");

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

const TABLE = `CREATE TABLE "A" ("id" INTEGER NOT NULL PRIMARY KEY, "v" INTEGER NOT NULL);
INSERT INTO "A" ("id", "v") VALUES (1, 1), (2, 1);
`;
const FAILING = "20260101000100_unique_index";

const migrationsFolder = (migrations: Record<string, string>) =>
  migrationsFolderOf(cleanups, "deploy-exit", migrations).schema;
const scratchDatabase = (label: string) => scratchDatabaseOf(cleanups, "dx", label);

type LongTimers = { pid: number; argv: string[]; set: number[]; fired: number[] };

/**
 * scripts/migrate-deploy.mjs --schema `schema` against `url`, as `npm run db:migrate` runs it, with
 * tests/support/long-timers.mjs in its processes. Resolves when it has exited: its status and output, and the long
 * timers of the Prisma CLI process it ran (written by that process as it exited).
 */
function migrateDeploy(schema: string, url: string) {
  const timersFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "deploy-exit-timers-")), "timers.jsonl");
  cleanups.push(() => fs.rmSync(path.dirname(timersFile), { recursive: true, force: true }));
  const child = spawn(process.execPath, [path.join(root, "scripts/migrate-deploy.mjs"), "--schema", schema], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: url,
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --import ${WITNESS}`.trim(),
      FORMA_LONG_TIMERS_FILE: timersFile,
    },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise<{ status: number | null; stdout: string; stderr: string; prisma: LongTimers[] }>(
    (resolve, reject) => {
      child.on("error", reject);
      child.on("close", (status) => {
        const lines = fs.existsSync(timersFile) ? fs.readFileSync(timersFile, "utf8").trim().split("\n") : [];
        const records = lines.filter(Boolean).map((line) => JSON.parse(line) as LongTimers);
        resolve({ status, stdout, stderr, prisma: records.filter((r) => r.argv[0] === PRISMA_CLI) });
      });
    },
  );
}

/** Prisma's CLI alone, `migrate deploy --schema schema` against `url` (as db:migrate ran it before ADR 0114). */
function prismaAlone(schema: string, url: string) {
  const run = spawnSync(process.execPath, [PRISMA_CLI, "migrate", "deploy", "--schema", schema], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url },
    encoding: "utf8",
    timeout: 120_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Prisma's process ran the command and ended without any timer of 5 s or more it had set firing first. */
function expectEndedWithoutWaiting(prisma: LongTimers[]) {
  expect(prisma).toHaveLength(1);
  // On PostgreSQL the schema engine set its 10 s advisory-lock timeout (and pg its idle timeouts); none fired.
  if (databaseEngine === "postgresql") expect(prisma[0]!.set).toContain(10_000);
  expect(prisma[0]!.fired).toEqual([]);
}

describe(`scripts/migrate-deploy.mjs on ${databaseEngine} (ADR 0114)`, () => {
  it("applies the pending migrations and ends at once with 0 and Prisma's success line; again with none pending", async () => {
    const schema = migrationsFolder({ "20260101000000_table": TABLE });
    const { url, query } = await scratchDatabase("ok");

    const first = await migrateDeploy(schema, url);
    expect(first.status, first.stdout + first.stderr).toBe(0);
    expect(first.stdout).toContain("20260101000000_table");
    expect(first.stdout).toContain("All migrations have been successfully applied.");
    expectEndedWithoutWaiting(first.prisma);
    expect(await query(`SELECT "id", "v" FROM "A" ORDER BY "id"`)).toEqual([
      { id: 1, v: 1 },
      { id: 2, v: 1 },
    ]);

    const again = await migrateDeploy(schema, url);
    expect(again.status, again.stdout + again.stderr).toBe(0);
    expect(again.stdout).toContain("No pending migrations to apply.");
    expectEndedWithoutWaiting(again.prisma);
  }, 240_000);

  it("a failing migration: 1 with the engine's error, then 1 with P3009, exactly as Prisma's CLI alone says it", async () => {
    const schema = migrationsFolder({
      "20260101000000_table": TABLE,
      [FAILING]: `CREATE UNIQUE INDEX "A_v_key" ON "A"("v");\n`,
    });
    const { url } = await scratchDatabase("ko");

    const failed = await migrateDeploy(schema, url);
    expect(failed.status, failed.stdout + failed.stderr).toBe(1);
    // Prisma 6.19.3 through the driver adapters says it with the engine's error, not P3018 (ADR 0114).
    if (databaseEngine === "postgresql") {
      expect(failed.stderr).toContain("Error: external connector error\nUnique constraint failed: A_v_key");
      expect(failed.stderr).toContain(`with migration_name="${FAILING}"`);
    } else expect(failed.stderr).toContain("Error: P2002\n\nUnique constraint failed on the fields: (`v`)");
    expectEndedWithoutWaiting(failed.prisma);

    // The failure is recorded: every run now stops with P3009, the same through the wrapper and from Prisma alone.
    const refused = await migrateDeploy(schema, url);
    expect(refused.status, refused.stdout + refused.stderr).toBe(1);
    expect(refused.stderr).toContain("Error: P3009");
    expect(refused.stderr).toContain(`The \`${FAILING}\` migration started at`);
    expectEndedWithoutWaiting(refused.prisma);
    const alone = prismaAlone(schema, url);
    expect({ status: refused.status, stdout: refused.stdout, stderr: refused.stderr }).toEqual(alone);
  }, 240_000);
});
