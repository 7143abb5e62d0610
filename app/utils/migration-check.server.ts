// Whether the database has every migration this release ships, checked at start (server.js through
// startServerServices). A new release started on a database of the release before (its files
// replaced, `npm run db:migrate` forgotten) used to listen and answer /readyz 200, while the
// catalogue answered 500 ("no such column: e.titleLanguage") until someone read the logs. Now the
// start stops with one line naming the migrations to apply, or the one that failed.
import fs from "node:fs";
import path from "node:path";
import type { Db } from "./db.server.ts";
import { StartupRefusal } from "./startup-failure.server.ts";

export type MigrationState = {
  /** Migrations of this release not applied to the database (oldest first). */
  pending: string[];
  /** Migrations Prisma started and never finished or rolled back (`npm run db:resolve` needed). */
  failed: string[];
  /** Migrations the database has and this release does not (a newer release ran on it). */
  unknown: string[];
};

/** The folder of the engine's migrations under the project's root. */
export function migrationsDirectory(root: string, engine: "sqlite" | "postgresql"): string {
  return engine === "sqlite" ? path.join(root, "prisma/migrations") : path.join(root, "prisma/postgresql/migrations");
}

/** The migrations of this release: the folders holding a migration.sql, in name (time) order. */
export function shippedMigrations(directory: string): string[] {
  return fs
    .readdirSync(directory, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(directory, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort();
}

type MigrationRow = { migration_name: string; finished_at: unknown; rolled_back_at: unknown };

/** Compares the release's migrations with Prisma's record of those applied (_prisma_migrations). */
export async function migrationState(
  db: Db,
  engine: "sqlite" | "postgresql",
  directory: string,
): Promise<MigrationState> {
  const shipped = shippedMigrations(directory);
  const present =
    engine === "sqlite"
      ? (
          await db.$queryRawUnsafe<unknown[]>(
            `SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'`,
          )
        ).length > 0
      : (
          await db.$queryRawUnsafe<{ present: boolean }[]>(
            `SELECT to_regclass('_prisma_migrations') IS NOT NULL AS present`,
          )
        )[0]?.present === true;
  const rows = present
    ? await db.$queryRawUnsafe<MigrationRow[]>(
        `SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations ORDER BY started_at`,
      )
    : [];
  const applied = new Set(
    rows.filter((r) => r.finished_at != null && r.rolled_back_at == null).map((r) => r.migration_name),
  );
  const failed = [
    ...new Set(
      rows
        .filter((r) => r.finished_at == null && r.rolled_back_at == null && !applied.has(r.migration_name))
        .map((r) => r.migration_name),
    ),
  ];
  return {
    pending: shipped.filter((name) => !applied.has(name) && !failed.includes(name)),
    failed,
    unknown: [...applied].filter((name) => !shipped.includes(name)).sort(),
  };
}

/**
 * PostgreSQL's indexes left INVALID in the database's schema (ADR 0112): a `CREATE INDEX CONCURRENTLY` that failed
 * or was cut off leaves one, unused by queries yet possibly updated by every write, and the migration run again
 * passes over it by its name (IF NOT EXISTS). One being built right now is INVALID too until it is done. SQLite has none.
 */
export async function invalidIndexes(db: Db, engine: "sqlite" | "postgresql"): Promise<string[]> {
  if (engine !== "postgresql") return [];
  const rows = await db.$queryRawUnsafe<{ name: string }[]>(
    `SELECT c.relname::text AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
      WHERE NOT i.indisvalid AND c.relnamespace = current_schema()::regnamespace ORDER BY 1`,
  );
  return rows.map((r) => r.name);
}

/** The start's refusal for a database that is not at this release's schema, or null when it is. */
export function migrationRefusal(state: MigrationState): StartupRefusal | null {
  if (state.failed.length > 0) {
    // The operator copies the command as it is: each failed migration named in it, never a placeholder.
    const names = state.failed.join(", ");
    const resolve = state.failed.map((name) => `"npm run db:resolve -- --rolled-back ${name}"`).join(", ");
    const applied = state.failed.map((name) => `--applied ${name}`).join(", ");
    const one = state.failed.length === 1;
    return new StartupRefusal(
      `database: ${one ? `la migrazione ${names} è fallita` : `le migrazioni ${names} sono fallite`} a metà; ` +
        `correggi il database, poi ${resolve} (o ${applied} se ${one ? "completata" : "completate"} a mano) e "npm run db:migrate" ` +
        `(README, Aggiornamenti) / ${one ? `migration ${names}` : `migrations ${names}`} failed half-way: fix the ` +
        `database, then ${resolve} (or ${applied} if completed by hand) and npm run db:migrate`,
    );
  }
  if (state.pending.length > 0) {
    const names =
      state.pending.length > 3
        ? `${state.pending.slice(0, 2).join(", ")} … ${state.pending.at(-1)}`
        : state.pending.join(", ");
    const count = state.pending.length;
    return new StartupRefusal(
      `database: ${count === 1 ? "1 migrazione" : `${count} migrazioni`} da applicare (${names}): esegui "npm run db:migrate" ` +
        `con lo stesso DATABASE_URL, poi riavvia / ${count === 1 ? "1 migration" : `${count} migrations`} to apply: run ` +
        `npm run db:migrate, then start again`,
    );
  }
  return null;
}
