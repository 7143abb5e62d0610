// Gives the integration run a fresh, migrated database of its own and removes it afterwards.
// DATABASE_URL decides the engine: unset or file: -> a new SQLite file under tests/.tmp;
// postgresql:// -> a new database on that server (the URL's own database is left alone).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { resolveDatabaseTarget } from "../../app/utils/database-url.ts";

const root = path.resolve(import.meta.dirname, "../..");

export function migrate(databaseUrl: string) {
  execFileSync(process.execPath, [path.join(root, "node_modules/prisma/build/index.js"), "migrate", "deploy"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: "pipe",
  });
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
    migrate(process.env.DATABASE_URL);
    return async () => {
      const again = new pg.Client({ connectionString: target.url });
      await again.connect();
      await again.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await again.end();
    };
  }
  const dir = path.join(root, "tests/.tmp");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `integration_${runId}.db`);
  process.env.DATABASE_URL = `file:${file}`;
  migrate(process.env.DATABASE_URL);
  return () => {
    for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(file + suffix, { force: true });
  };
}
