// ADR 0112: a new PostgreSQL migration builds an index on an existing table only with
// CREATE INDEX CONCURRENTLY IF NOT EXISTS, alone in its file; migrations up to RULE_BASELINE stay as applied.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  commentSemicolons,
  lockProblems,
  migrationProblems,
  migrationsAfterBaseline,
  POSTGRES_MIGRATIONS,
  RULE_BASELINE,
  splitIndexMigrations,
  SQLITE_MIGRATIONS,
  statements,
} from "./migration-locks.ts";
import { shippedMigrations } from "../app/utils/migration-check.server.ts";

const temporary: string[] = [];
afterAll(() => {
  for (const dir of temporary) fs.rmSync(dir, { recursive: true, force: true });
});

describe("indexes on existing tables (ADR 0112)", () => {
  it("every migration after the rule's baseline follows it, on both engines", () => {
    expect(migrationProblems(migrationsAfterBaseline())).toEqual([]);
  });

  it("the baseline is a shipped migration, and the check reads real files (the baseline's own plain indexes)", () => {
    expect(shippedMigrations(POSTGRES_MIGRATIONS)).toContain(RULE_BASELINE);
    expect(shippedMigrations(SQLITE_MIGRATIONS)).toContain(RULE_BASELINE);
    // Applied before the rule: eight plain CREATE INDEX on existing tables, left as they are.
    expect(migrationProblems(["20261206104625_scale_indexes"])).toHaveLength(8);
  });

  it("a plain CREATE INDEX on a table of an earlier migration is refused, CONCURRENTLY alone is not", () => {
    expect(lockProblems(`CREATE INDEX "Enrolment_x_idx" ON "Enrolment"("x");`)).toEqual([
      expect.stringContaining(`existing table "Enrolment" without CONCURRENTLY`),
    ]);
    expect(lockProblems(`CREATE UNIQUE INDEX "User_x_key" ON "public"."User"("x");`)).toEqual([
      expect.stringContaining(`existing table "User"`),
    ]);
    expect(
      lockProblems(`-- CreateIndex\nCREATE INDEX CONCURRENTLY IF NOT EXISTS "Enrolment_x_idx" ON "Enrolment"("x");\n`),
    ).toEqual([]);
    expect(lockProblems(`create unique index concurrently if not exists user_x_key on "User" using btree (x)`)).toEqual(
      [],
    );
  });

  it("CONCURRENTLY shares its file with nothing, and has IF NOT EXISTS", () => {
    expect(
      lockProblems(
        `ALTER TABLE "Enrolment" ADD COLUMN "x" TEXT;\nCREATE INDEX CONCURRENTLY IF NOT EXISTS "Enrolment_x_idx" ON "Enrolment"("x");`,
      ),
    ).toEqual([expect.stringContaining("CONCURRENTLY in a migration with 1 other statement(s)")]);
    expect(lockProblems(`CREATE INDEX CONCURRENTLY "Enrolment_x_idx" ON "Enrolment"("x");`)).toEqual([
      expect.stringContaining("without IF NOT EXISTS"),
    ]);
    expect(lockProblems(`DROP INDEX CONCURRENTLY IF EXISTS "a"; DROP INDEX CONCURRENTLY IF EXISTS "b";`)).toHaveLength(
      2,
    );
    // Comments are not statements, and a semicolon in a comment does not split one.
    expect(statements(`-- a; b\n/* c; d */\nCREATE INDEX CONCURRENTLY IF NOT EXISTS "i" ON "T"("x");`)).toHaveLength(1);
  });

  it("an index on a table created in the same migration stays plain", () => {
    const sql = `CREATE TABLE "Badge" ("id" TEXT NOT NULL, "userId" TEXT NOT NULL, CONSTRAINT "Badge_pkey" PRIMARY KEY ("id"));
CREATE INDEX "Badge_userId_idx" ON "Badge"("userId");
ALTER TABLE "Badge" ADD CONSTRAINT "Badge_userId_key" UNIQUE ("userId");`;
    expect(lockProblems(sql)).toEqual([]);
  });

  it("a UNIQUE or PRIMARY KEY constraint added to an existing table is refused unless it uses an index built before", () => {
    expect(lockProblems(`ALTER TABLE "User" ADD CONSTRAINT "User_x_key" UNIQUE ("x");`)).toEqual([
      expect.stringContaining("ACCESS EXCLUSIVE"),
    ]);
    expect(lockProblems(`ALTER TABLE "User" ADD CONSTRAINT "User_x_key" UNIQUE USING INDEX "User_x_key";`)).toEqual([]);
  });

  it("a migration after the baseline is checked on both engines; the SQLite twin keeps a plain CREATE INDEX", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "migration-locks-"));
    temporary.push(dir);
    const directories = { postgresql: path.join(dir, "pg"), sqlite: path.join(dir, "sqlite") };
    const write = (engine: "pg" | "sqlite", name: string, sql: string) => {
      fs.mkdirSync(path.join(dir, engine, name), { recursive: true });
      fs.writeFileSync(path.join(dir, engine, name, "migration.sql"), sql);
    };
    write("pg", RULE_BASELINE, `CREATE INDEX "Old_idx" ON "Enrolment"("a");`);
    write("sqlite", RULE_BASELINE, `CREATE INDEX "Old_idx" ON "Enrolment"("a");`);
    write("pg", "29990101000000_good", `CREATE INDEX CONCURRENTLY IF NOT EXISTS "New_idx" ON "Enrolment"("b");`);
    write("sqlite", "29990101000000_good", `CREATE INDEX "New_idx" ON "Enrolment"("b");`);
    write("pg", "29990101000100_bad", `CREATE INDEX "Bad_idx" ON "Enrolment"("c");`);
    write("sqlite", "29990101000100_bad", `CREATE INDEX CONCURRENTLY "Bad_idx" ON "Enrolment"("c");`);
    const names = migrationsAfterBaseline(directories);
    expect(names).toEqual(["29990101000000_good", "29990101000100_bad"]);
    expect(migrationProblems(names, directories)).toEqual([
      expect.stringMatching(/^postgresql 29990101000100_bad: .*without CONCURRENTLY/),
      expect.stringMatching(/^sqlite 29990101000100_bad: CONCURRENTLY is PostgreSQL's/),
    ]);
  });
});

describe("semicolons in a PostgreSQL migration's comments", () => {
  it("are refused with their lines: the migration adapter splits the file at each one, comments included", () => {
    expect(commentSemicolons(`-- one line; then the rest\nUPDATE "T" SET "a" = 1; -- fine\n`)).toEqual([1]);
    expect(commentSemicolons(`SELECT 1;\n/* a block\n over lines; */\nSELECT 2; -- a comment; here\n`)).toEqual([2, 4]);
    expect(commentSemicolons(`-- no semicolon here\nSELECT 1;\n`)).toEqual([]);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "migration-comments-"));
    temporary.push(dir);
    const directories = { postgresql: path.join(dir, "pg"), sqlite: path.join(dir, "sqlite") };
    for (const engine of ["pg", "sqlite"]) {
      fs.mkdirSync(path.join(dir, engine, "29990101000000_data"), { recursive: true });
      fs.writeFileSync(path.join(dir, engine, "29990101000000_data", "migration.sql"), `-- first; second\nSELECT 1;\n`);
    }
    // SQLite's adapter runs the file whole: its comments may hold semicolons (earlier migrations do).
    expect(migrationProblems(["29990101000000_data"], directories)).toEqual([
      expect.stringMatching(/^postgresql 29990101000000_data: line 1: a semicolon in a comment/),
    ]);
  });
});

describe("scripts/new-migration.sh's split (ADR 0112)", () => {
  function folders() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "migration-split-"));
    temporary.push(dir);
    const directories = { postgresql: path.join(dir, "pg"), sqlite: path.join(dir, "sqlite") };
    const write = (engine: "pg" | "sqlite", name: string, sql: string) => {
      fs.mkdirSync(path.join(dir, engine, name), { recursive: true });
      fs.writeFileSync(path.join(dir, engine, name, "migration.sql"), sql);
    };
    const read = (engine: "pg" | "sqlite", name: string) =>
      fs.readFileSync(path.join(dir, engine, name, "migration.sql"), "utf8");
    return { directories, write, read };
  }

  it("moves each index on an existing table to a migration of its own, CONCURRENTLY on PostgreSQL, plain on SQLite", () => {
    const { directories, write, read } = folders();
    const name = "29990101000000_enrolment_channel";
    write(
      "pg",
      name,
      `-- AlterTable\nALTER TABLE "Enrolment" ADD COLUMN "channel" TEXT;\n\n-- CreateTable\nCREATE TABLE "Channel" ("id" TEXT NOT NULL, CONSTRAINT "Channel_pkey" PRIMARY KEY ("id"));\n\n` +
        `-- CreateIndex\nCREATE INDEX "Channel_id_idx" ON "Channel"("id");\n\n-- CreateIndex\nCREATE UNIQUE INDEX "Enrolment_channel_key" ON "Enrolment"("channel");\n\n` +
        `-- CreateIndex\nCREATE INDEX "User_x_idx" ON "User"("x");\n`,
    );
    write(
      "sqlite",
      name,
      `-- AlterTable\nALTER TABLE "Enrolment" ADD COLUMN "channel" TEXT;\n\n-- CreateTable\nCREATE TABLE "Channel" ("id" TEXT NOT NULL PRIMARY KEY);\n\n` +
        `-- CreateIndex\nCREATE INDEX "Channel_id_idx" ON "Channel"("id");\n\n-- CreateIndex\nCREATE UNIQUE INDEX "Enrolment_channel_key" ON "Enrolment"("channel");\n\n` +
        `-- CreateIndex\nCREATE INDEX "User_x_idx" ON "User"("x");\n`,
    );
    expect(splitIndexMigrations(name, directories)).toEqual([
      `${name}_index_Enrolment_channel_key`,
      `${name}_index_User_x_idx`,
    ]);
    expect(statements(read("pg", name))).toEqual([
      `ALTER TABLE "Enrolment" ADD COLUMN "channel" TEXT`,
      `CREATE TABLE "Channel" ("id" TEXT NOT NULL, CONSTRAINT "Channel_pkey" PRIMARY KEY ("id"))`,
      `CREATE INDEX "Channel_id_idx" ON "Channel"("id")`,
    ]);
    expect(statements(read("sqlite", name))).toHaveLength(3);
    expect(statements(read("pg", `${name}_index_Enrolment_channel_key`))).toEqual([
      `CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS "Enrolment_channel_key" ON "Enrolment"("channel")`,
    ]);
    expect(statements(read("sqlite", `${name}_index_Enrolment_channel_key`))).toEqual([
      `CREATE UNIQUE INDEX "Enrolment_channel_key" ON "Enrolment"("channel")`,
    ]);
    const all = fs.readdirSync(directories.postgresql).sort();
    expect(fs.readdirSync(directories.sqlite).sort()).toEqual(all);
    expect(migrationProblems(all, directories)).toEqual([]);
  });

  it("a migration that only adds an index keeps it, CONCURRENTLY; one with nothing to move is left alone", () => {
    const { directories, write, read } = folders();
    write("pg", "29990101000000_index", `-- CreateIndex\nCREATE INDEX "AuditLog_x_idx" ON "AuditLog"("x");\n`);
    write("sqlite", "29990101000000_index", `-- CreateIndex\nCREATE INDEX "AuditLog_x_idx" ON "AuditLog"("x");\n`);
    expect(splitIndexMigrations("29990101000000_index", directories)).toEqual(["29990101000000_index"]);
    expect(statements(read("pg", "29990101000000_index"))).toEqual([
      `CREATE INDEX CONCURRENTLY IF NOT EXISTS "AuditLog_x_idx" ON "AuditLog"("x")`,
    ]);
    expect(statements(read("sqlite", "29990101000000_index"))).toEqual([
      `CREATE INDEX "AuditLog_x_idx" ON "AuditLog"("x")`,
    ]);

    write("pg", "29990101000100_column", `ALTER TABLE "User" ADD COLUMN "y" TEXT;\n`);
    write("sqlite", "29990101000100_column", `ALTER TABLE "User" ADD COLUMN "y" TEXT;\n`);
    expect(splitIndexMigrations("29990101000100_column", directories)).toEqual([]);
    expect(read("pg", "29990101000100_column")).toBe(`ALTER TABLE "User" ADD COLUMN "y" TEXT;\n`);
  });
});
