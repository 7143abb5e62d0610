// A fresh, migrated database for one benchmark run: a SQLite file under bench/.tmp, or a new
// database on the PostgreSQL server named by --pg-url (e.g. from scripts/throwaway-postgres.sh).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";

const root = path.resolve(import.meta.dirname, "../..");

export async function freshDatabase(engine: "sqlite" | "postgresql", pgUrl?: string): Promise<string> {
  let url: string;
  if (engine === "postgresql") {
    if (!pgUrl)
      throw new Error("--pg-url is required for PostgreSQL (bash scripts/throwaway-postgres.sh start prints one)");
    const name = `forma_bench_${Date.now()}`;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const u = new URL(pgUrl);
    u.pathname = `/${name}`;
    url = u.toString();
  } else {
    const dir = path.join(root, "bench/.tmp");
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `bench_${Date.now()}.db`);
    url = `file:${file}`;
    // Gone when the run ends (65 files, 750 MB had piled up in bench/.tmp); FORMA_BENCH_KEEP_DB=1 keeps it.
    if (!process.env.FORMA_BENCH_KEEP_DB) process.once("exit", () => removeSqliteFiles(file));
  }
  migrateDatabase(url);
  return url;
}

function removeSqliteFiles(file: string) {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(`${file}${suffix}`, { force: true });
}

/** Applies the migrations not yet applied (a fresh database, or one kept from an earlier run). */
export function migrateDatabase(url: string) {
  execFileSync(process.execPath, [path.join(root, "scripts/migrate-deploy.mjs")], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url },
    stdio: "pipe",
  });
}
