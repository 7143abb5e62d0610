// npm run db:backup (scripts/backup-sqlite.mjs): an online copy of the SQLite database while Forma
// has it open and writes to it. The commits still in the WAL are in the copy (a `cp` of forma.db
// alone misses them), the copy is intact and self-contained, and Forma starts on it (it has every
// migration). A SQLite file of the test's own, whatever the engine of the run.
import Database from "better-sqlite3";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "../../app/utils/db.server.ts";
import { migrationRefusal, migrationState, migrationsDirectory } from "../../app/utils/migration-check.server.ts";

const root = path.resolve(import.meta.dirname, "../..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "forma-backup-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** npm run db:backup's command, with DATABASE_URL pointing at the live file. */
function backup(databaseUrl: string, destination: string) {
  return execFileSync(process.execPath, [path.join(root, "scripts/backup-sqlite.mjs"), destination], {
    cwd: dir,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: "utf8",
    stdio: "pipe",
  });
}

describe("npm run db:backup", () => {
  it("copies a live WAL database with its last commits, intact, and Forma starts on the copy", async () => {
    const live = path.join(dir, "forma.db");
    // A migrated database: the SQLite migrations' SQL, recorded as prisma migrate deploy records them.
    execFileSync(process.execPath, [path.join(root, "node_modules/prisma/build/index.js"), "migrate", "deploy"], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: `file:${live}` },
      stdio: "pipe",
    });
    // Forma's connection: WAL, commits left in the WAL (no checkpoint), still open while the backup runs.
    const writer = new Database(live);
    writer.pragma("journal_mode = WAL");
    writer.pragma("wal_autocheckpoint = 0");
    writer.exec("CREATE TABLE backup_probe (id INTEGER PRIMARY KEY, note TEXT)");
    const insert = writer.prepare("INSERT INTO backup_probe (note) VALUES (?)");
    for (let i = 0; i < 500; i++) insert.run(`nota ${i}`);
    expect(fs.statSync(`${live}-wal`).size).toBeGreaterThan(0);

    // What a cp of the main file alone would keep: not the commits in the WAL.
    fs.copyFileSync(live, path.join(dir, "cp.db"));
    const cp = new Database(path.join(dir, "cp.db"));
    expect(() => cp.prepare("SELECT count(*) FROM backup_probe").get()).toThrow(/no such table/);
    cp.close();

    const destination = path.join(dir, "backups", "forma-copy.db");
    const output = backup(`file:${live}`, destination);
    insert.run("after the backup");
    writer.close();
    expect(output).toMatch(/integro \/ intact/);
    expect(fs.existsSync(`${destination}-wal`)).toBe(false);
    const copy = new Database(destination, { readonly: true });
    expect(copy.prepare("SELECT count(*) AS n FROM backup_probe").get()).toEqual({ n: 500 });
    expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
    copy.close();

    const prisma = createPrismaClient({ engine: "sqlite", url: `file:${destination}`, filePath: destination });
    try {
      const state = await migrationState(prisma, "sqlite", migrationsDirectory(root, "sqlite"));
      expect(migrationRefusal(state)).toBeNull();
    } finally {
      await prisma.$disconnect();
    }
  });

  it("refuses to overwrite a file, and points PostgreSQL to pg_dump", () => {
    const existing = path.join(dir, "existing.db");
    fs.writeFileSync(existing, "keep me");
    expect(() => backup(`file:${path.join(dir, "forma.db")}`, existing)).toThrow(/esiste già/);
    expect(fs.readFileSync(existing, "utf8")).toBe("keep me");
    expect(() => backup("postgresql://forma@db.example.it/forma", path.join(dir, "pg.db"))).toThrow(/pg_dump/);
  });
});
