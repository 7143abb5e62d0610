// `npm run db:resolve`: Prisma's `migrate resolve` for the migrations of DATABASE_URL's engine, written against
// Prisma's record of them (_prisma_migrations) with the drivers Forma already has (better-sqlite3, pg).
//
//   npm run db:resolve -- --rolled-back <name>   a failed migration, once the database is repaired, is marked
//                                                rolled back: the next `npm run db:migrate` runs it again
//   npm run db:resolve -- --applied <name>       a migration completed by hand is recorded as applied, with its
//                                                checksum: `npm run db:migrate` then passes over it
//   --schema <path/schema.prisma>                the migrations folder beside that schema, as with Prisma
//                                                (default: the engine's own, prisma/migrations or
//                                                prisma/postgresql/migrations)
//
// Why not Prisma's own command: with `engine: "js"` (prisma.config.ts) Prisma 6.19.3's CLI runs `migrate resolve
// --rolled-back` only after a connection check that needs its native schema engine, which npm never downloads here
// (package.json allowScripts: @prisma/engines false): "Could not find schema-engine binary", on both engines
// (ADR 0112). This script writes what Prisma's schema engine writes (mark_migration_rolled_back,
// mark_migration_applied) and refuses what it refuses, with its error codes and messages:
//  - --rolled-back: sets rolled_back_at on the records of the name that are neither finished nor rolled back;
//    P3011 when the database has no record of it, P3012 when none of its records is failed;
//  - --applied: P3008 when a record of it is finished; otherwise marks its failed records rolled back and inserts a
//    record started and finished now, applied_steps_count 0, checksum the SHA-256 of its migration.sql (the table
//    is created first, as Prisma's, when the database has none: baselining);
//  - the name must be a migration of the folder (P3017, which Prisma gives for --applied only): a name of the other
//    engine's folder, or mistyped, is refused before the database is touched.
// On PostgreSQL it holds Prisma's advisory lock meanwhile (the one `migrate deploy` holds), on SQLite a write
// transaction. tests/integration/migrate-resolve.test.ts runs it through npm on both engines.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import pg from "pg";
import { resolveDatabaseTarget, type DatabaseTarget } from "../app/utils/database-url.ts";
import { migrationsDirectory, shippedMigrations } from "../app/utils/migration-check.server.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The key of Prisma's migration lock on PostgreSQL (`SELECT pg_advisory_lock(72707369)` in its schema engine). */
const PRISMA_ADVISORY_LOCK = 72707369;

/** Prisma's own table, as its schema engine creates it on each engine. */
const MIGRATIONS_TABLE = {
  sqlite: `CREATE TABLE "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`,
  postgresql: `CREATE TABLE _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
)`,
};

const EXAMPLES = `  npm run db:resolve -- --rolled-back 20201231000000_example
  npm run db:resolve -- --applied 20201231000000_example`;
const USAGE = `uso / usage:\n${EXAMPLES}`;

/** A refusal, printed as Prisma prints its own (`Error: P3012` then the message) with exit status 1. */
export class ResolveRefusal extends Error {
  override name = "ResolveRefusal";
  constructor(
    readonly code: string | null,
    message: string,
  ) {
    super(message);
  }
}

export type ResolveAction = { action: "applied" | "rolled-back"; name: string; schema: string | null };

/** The command line, with Prisma's forms: `--applied NAME` or `--applied=NAME`, `--schema PATH`. */
export function parseArguments(argv: string[]): ResolveAction | "help" {
  const values: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "-h" || arg === "--help") return "help";
    const [flag, inline] = arg.includes("=")
      ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)]
      : [arg];
    if (flag !== "--applied" && flag !== "--rolled-back" && flag !== "--schema") {
      throw new ResolveRefusal(null, `opzione sconosciuta / unknown option: ${arg}\n${USAGE}`);
    }
    const value = inline ?? argv[++i];
    if (value === undefined || value === "" || value.startsWith("--")) {
      throw new ResolveRefusal(null, `${flag} value must be a string like:\n${EXAMPLES}`);
    }
    values[flag] = value;
  }
  const applied = values["--applied"];
  const rolledBack = values["--rolled-back"];
  if (applied === undefined && rolledBack === undefined) {
    throw new ResolveRefusal(null, `--applied or --rolled-back must be part of the command like:\n${EXAMPLES}`);
  }
  if (applied !== undefined && rolledBack !== undefined) {
    throw new ResolveRefusal(null, "Pass either --applied or --rolled-back, not both.");
  }
  return {
    action: applied !== undefined ? "applied" : "rolled-back",
    name: (applied ?? rolledBack)!,
    schema: values["--schema"] ?? null,
  };
}

type MigrationRecord = { id: string; finished_at: unknown; rolled_back_at: unknown };

/** What to write, as Prisma's schema engine decides it from the records of `name` (null: no table yet). */
export function resolution(
  action: "applied" | "rolled-back",
  name: string,
  records: MigrationRecord[] | null,
): { createTable: boolean; rollBack: string[]; insertApplied: boolean } {
  const failed = (records ?? []).filter((r) => r.finished_at == null && r.rolled_back_at == null).map((r) => r.id);
  if (action === "rolled-back") {
    if (!records || records.length === 0) {
      throw new ResolveRefusal(
        "P3011",
        `Migration \`${name}\` cannot be rolled back because it was never applied to the database. Hint: did you pass in the whole migration name? (example: "20201207184859_initial_migration")`,
      );
    }
    if (failed.length === 0) {
      throw new ResolveRefusal(
        "P3012",
        `Migration \`${name}\` cannot be rolled back because it is not in a failed state.`,
      );
    }
    return { createTable: false, rollBack: failed, insertApplied: false };
  }
  if ((records ?? []).some((r) => r.finished_at != null)) {
    throw new ResolveRefusal("P3008", `The migration \`${name}\` is already recorded as applied in the database.`);
  }
  return { createTable: records === null, rollBack: failed, insertApplied: true };
}

/** Prisma's checksum of a migration: the SHA-256 of its migration.sql, in hexadecimal. */
export function migrationChecksum(file: string): string {
  return crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

async function resolveOnSqlite(
  filePath: string,
  name: string,
  action: "applied" | "rolled-back",
  checksum: string,
): Promise<void> {
  if (!fs.existsSync(filePath)) {
    throw new ResolveRefusal(null, `nessun database in ${filePath} (DATABASE_URL) / no database at ${filePath}`);
  }
  const db = new Database(filePath, { fileMustExist: true, timeout: 10_000 });
  try {
    db.transaction(() => {
      const present = db
        .prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'`)
        .get();
      const records = present
        ? (db
            .prepare(`SELECT id, finished_at, rolled_back_at FROM _prisma_migrations WHERE migration_name = ?`)
            .all(name) as MigrationRecord[])
        : null;
      const plan = resolution(action, name, records);
      // Prisma writes SQLite's DATETIME columns as RFC 3339 text with milliseconds: 2026-12-07T19:56:10.996+00:00.
      const now = new Date().toISOString().replace(/Z$/, "+00:00");
      if (plan.createTable) db.exec(MIGRATIONS_TABLE.sqlite);
      const rollBack = db.prepare(`UPDATE _prisma_migrations SET rolled_back_at = ? WHERE id = ?`);
      for (const id of plan.rollBack) rollBack.run(now, id);
      if (plan.insertApplied) {
        db.prepare(
          `INSERT INTO _prisma_migrations (id, checksum, started_at, finished_at, migration_name, applied_steps_count)
           VALUES (?, ?, ?, ?, ?, 0)`,
        ).run(crypto.randomUUID(), checksum, now, now, name);
      }
    }).immediate();
  } finally {
    db.close();
  }
}

async function resolveOnPostgresql(
  url: string,
  name: string,
  action: "applied" | "rolled-back",
  checksum: string,
): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    // Prisma's migration lock: a `npm run db:migrate` running meanwhile finishes first (10 s at most, as Prisma waits).
    await client.query(`SET lock_timeout = '10s'`);
    try {
      await client.query(`SELECT pg_advisory_lock($1)`, [PRISMA_ADVISORY_LOCK]);
    } catch (error) {
      if ((error as { code?: string }).code !== "55P03") throw error;
      throw new ResolveRefusal(
        null,
        `un'altra migrazione ("npm run db:migrate") tiene il lock di Prisma: riprova quando è finita / ` +
          `another npm run db:migrate holds Prisma's migration lock (pg_advisory_lock(${PRISMA_ADVISORY_LOCK})): try again when it ends`,
      );
    }
    await client.query("BEGIN");
    try {
      const present = (
        await client.query<{ present: boolean }>(`SELECT to_regclass('_prisma_migrations') IS NOT NULL AS present`)
      ).rows[0]?.present;
      const records = present
        ? (
            await client.query<MigrationRecord>(
              `SELECT id, finished_at, rolled_back_at FROM _prisma_migrations WHERE migration_name = $1`,
              [name],
            )
          ).rows
        : null;
      const plan = resolution(action, name, records);
      const now = new Date();
      if (plan.createTable) await client.query(MIGRATIONS_TABLE.postgresql);
      for (const id of plan.rollBack) {
        await client.query(`UPDATE _prisma_migrations SET rolled_back_at = $1 WHERE id = $2`, [now, id]);
      }
      if (plan.insertApplied) {
        await client.query(
          `INSERT INTO _prisma_migrations (id, checksum, started_at, finished_at, migration_name, applied_steps_count)
           VALUES ($1, $2, $3, $3, $4, 0)`,
          [crypto.randomUUID(), checksum, now, name],
        );
      }
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK");
      throw error;
    }
  } finally {
    await client.end();
  }
}

/** Where the database is, for the first line (no password). */
function describeTarget(target: DatabaseTarget): string {
  if (target.engine === "sqlite") return `SQLite database "${target.filePath}"`;
  const url = new URL(target.url);
  return `PostgreSQL database "${decodeURIComponent(url.pathname.slice(1))}" at "${url.host}"`;
}

/** Marks `name` as the action says, on DATABASE_URL's database; returns the line Prisma prints on success. */
export async function migrateResolve(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const parsed = parseArguments(argv);
  if (parsed === "help") return USAGE;
  const { action, name, schema } = parsed;
  const target = resolveDatabaseTarget(env.DATABASE_URL);
  const directory = schema
    ? path.join(path.dirname(path.resolve(schema)), "migrations")
    : migrationsDirectory(root, target.engine);
  if (!shippedMigrations(directory).includes(name)) {
    throw new ResolveRefusal(
      "P3017",
      `The migration ${name} could not be found. Please make sure that the migration exists, and that you included the whole name of the directory. (example: "20201207184859_initial_migration")\n` +
        `(${path.relative(root, directory) || directory}: le migrazioni di ${target.engine} / the ${target.engine} migrations)`,
    );
  }
  const checksum = migrationChecksum(path.join(directory, name, "migration.sql"));
  process.stdout.write(`Datasource: ${describeTarget(target)}\n`);
  if (target.engine === "sqlite") await resolveOnSqlite(target.filePath, name, action, checksum);
  else await resolveOnPostgresql(target.url, name, action, checksum);
  return `\nMigration ${name} marked as ${action === "applied" ? "applied" : "rolled back"}.`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  try {
    process.stdout.write(`${await migrateResolve(process.argv.slice(2))}\n`);
  } catch (error) {
    if (error instanceof ResolveRefusal) {
      process.stderr.write(error.code ? `Error: ${error.code}\n\n${error.message}\n` : `Error: ${error.message}\n`);
    } else {
      process.stderr.write(`Error: ${error instanceof Error ? error.message : String(error)}\n`);
    }
    process.exitCode = 1;
  }
}
