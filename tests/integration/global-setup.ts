// Gives the integration run a fresh, migrated database and removes it afterwards.
// DATABASE_URL decides the engine: unset or file: -> a new SQLite file under tests/.tmp;
// postgresql:// -> a new database on that server (the URL's own database is left alone).
//
// The migrated database is a template: each vitest worker of the integration project works on a
// copy of its own (workerDatabase, from tests/integration/worker-database.ts), so test files can
// run in parallel without seeing each other's rows; within a worker, files still run one after
// another on one database, as they always have. The server project uses the template itself.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { resolveDatabaseTarget } from "../../app/utils/database-url.ts";

const root = path.resolve(import.meta.dirname, "../..");
/** The migrated database every worker copies (set by the global setup, inherited by the workers). */
const TEMPLATE_KEY = "FORMA_TEST_TEMPLATE_DATABASE_URL";
/** PostgreSQL: the database of the URL the run was given, to connect to while creating the copies. */
const ADMIN_KEY = "FORMA_TEST_ADMIN_DATABASE_URL";

export function migrate(databaseUrl: string) {
  execFileSync(process.execPath, [path.join(root, "scripts/migrate-deploy.mjs")], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: "pipe",
  });
}

/** The name of worker `poolId`'s copy of the template database (a file path or a database name). */
function workerName(template: string, poolId: string): string {
  return `${template}_w${poolId}`;
}

/**
 * The URL of this worker's own copy of the template database, made on first use: a file copy on
 * SQLite, CREATE DATABASE … TEMPLATE on PostgreSQL (the template has no connections: nothing opens it).
 */
export async function workerDatabase(poolId: string): Promise<string> {
  const templateUrl = process.env[TEMPLATE_KEY];
  if (!templateUrl) throw new Error(`${TEMPLATE_KEY} is unset: tests/integration/global-setup.ts did not run`);
  const target = resolveDatabaseTarget(templateUrl, root);
  if (target.engine === "sqlite") {
    const file = workerName(target.filePath.replace(/\.db$/, ""), poolId) + ".db";
    if (!fs.existsSync(file)) fs.copyFileSync(target.filePath, file);
    return `file:${file}`;
  }
  const url = new URL(target.url);
  const template = url.pathname.slice(1);
  const name = workerName(template, poolId);
  const admin = new pg.Client({ connectionString: process.env[ADMIN_KEY] });
  await admin.connect();
  try {
    const exists = await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name]);
    if (exists.rowCount === 0) {
      // Two workers may copy the template at the same moment: PostgreSQL refuses a template that
      // another CREATE DATABASE is reading ("being accessed by other users"); try again shortly.
      for (let attempt = 1; ; attempt++) {
        try {
          await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
          break;
        } catch (error) {
          if (attempt >= 50 || !/being accessed by other users/.test(String(error))) throw error;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
    }
  } finally {
    await admin.end();
  }
  url.pathname = `/${name}`;
  return url.toString();
}

export default async function setup() {
  const target = resolveDatabaseTarget(process.env.DATABASE_URL, root);
  const runId = `${process.pid}_${Date.now()}`;
  if (target.engine === "postgresql") {
    const admin = new pg.Client({ connectionString: target.url });
    await admin.connect();
    const name = `forma_it_${runId}`;
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const url = new URL(target.url);
    url.pathname = `/${name}`;
    process.env.DATABASE_URL = url.toString();
    process.env[TEMPLATE_KEY] = process.env.DATABASE_URL;
    process.env[ADMIN_KEY] = target.url;
    migrate(process.env.DATABASE_URL);
    return async () => {
      const again = new pg.Client({ connectionString: target.url });
      await again.connect();
      const copies = await again.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [
        `${name}\\_w%`,
      ]);
      for (const { datname } of copies.rows) await again.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
      await again.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await again.end();
    };
  }
  const dir = path.join(root, "tests/.tmp");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `integration_${runId}.db`);
  process.env.DATABASE_URL = `file:${file}`;
  process.env[TEMPLATE_KEY] = process.env.DATABASE_URL;
  migrate(process.env.DATABASE_URL);
  return () => {
    const prefix = `integration_${runId}`;
    for (const name of fs.readdirSync(dir))
      if (name.startsWith(prefix)) fs.rmSync(path.join(dir, name), { force: true });
  };
}
