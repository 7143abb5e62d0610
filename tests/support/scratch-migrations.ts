// A scratch database and a temporary migrations folder of the engine under test (DATABASE_URL), for the tests that
// run Prisma's migrate commands for real (migrate-resolve, migrate-deploy-exit). Each registers its own removal in
// `cleanups`, which the test file runs in reverse after all its tests.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { resolveDatabaseTarget } from "../../app/utils/database-url.ts";
import { databaseEngine } from "../../app/utils/db.server.ts";

export type Cleanups = (() => Promise<void> | void)[];
export type ScratchDatabase = { url: string; query: (sql: string) => Promise<unknown[]> };

const root = path.resolve(import.meta.dirname, "../..");

/**
 * An empty scratch database named after `prefix` and `label`, and a query of its rows (or a statement run). On SQLite
 * each query opens the file and closes it again, so no connection of the test's is open while Prisma's process
 * migrates it.
 */
export async function scratchDatabase(cleanups: Cleanups, prefix: string, label: string): Promise<ScratchDatabase> {
  if (databaseEngine === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-${label}-`));
    const file = path.join(dir, "scratch.db");
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    return {
      url: `file:${file}`,
      query: async (sql) => {
        const db = new Database(file);
        try {
          const statement = db.prepare(sql);
          return statement.reader ? statement.all() : (statement.run(), []);
        } finally {
          db.close();
        }
      },
    };
  }
  const url = new URL(resolveDatabaseTarget(process.env.DATABASE_URL, root).url);
  const name = `${url.pathname.slice(1)}_${prefix}_${label}_${process.pid}`.slice(0, 63);
  const admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
  await admin.query(`CREATE DATABASE "${name}"`);
  url.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  cleanups.push(async () => {
    await client.end();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  });
  return { url: url.toString(), query: async (sql) => (await client.query(sql)).rows };
}

/** A temporary schema of the engine under test with `migrations` in the folder beside it; `add` writes one more. */
export function migrationsFolder(cleanups: Cleanups, prefix: string, migrations: Record<string, string>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-folder-`));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  const schema = path.join(dir, "schema.prisma");
  fs.writeFileSync(schema, `datasource db {\n  provider = "${databaseEngine}"\n  url      = env("DATABASE_URL")\n}\n`);
  fs.mkdirSync(path.join(dir, "migrations"));
  fs.writeFileSync(path.join(dir, "migrations", "migration_lock.toml"), `provider = "${databaseEngine}"\n`);
  const add = (name: string, sql: string) => {
    fs.mkdirSync(path.join(dir, "migrations", name));
    fs.writeFileSync(path.join(dir, "migrations", name, "migration.sql"), sql);
  };
  for (const [name, sql] of Object.entries(migrations)) add(name, sql);
  return { schema, directory: path.join(dir, "migrations"), add };
}
