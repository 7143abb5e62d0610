// npm run db:backup (scripts/backup-sqlite.mjs): an online copy of the SQLite database while Forma
// has it open and writes to it. The commits still in the WAL are in the copy (a `cp` of forma.db
// alone misses them), the copy is intact and self-contained, and Forma starts on it (it has every
// migration). A SQLite file of the test's own, whatever the engine of the run.
import Database from "better-sqlite3";
import { execFile, execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
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

/** The same command as a child process of its own, while this process goes on (and writes). */
function backupAsync(databaseUrl: string, destination: string) {
  return promisify(execFile)(process.execPath, [path.join(root, "scripts/backup-sqlite.mjs"), destination], {
    cwd: dir,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: "utf8",
    // A backup that never finishes is killed, so the test fails with it rather than hanging.
    timeout: 30_000,
  });
}

describe("npm run db:backup", () => {
  it("copies a live WAL database with its last commits, intact, and Forma starts on the copy", async () => {
    const live = path.join(dir, "forma.db");
    // A migrated database: the SQLite migrations' SQL, recorded as prisma migrate deploy records them.
    execFileSync(process.execPath, [path.join(root, "scripts/migrate-deploy.mjs")], {
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

  it("finishes while another connection writes all the time (a page-by-page copy started over at each write)", async () => {
    const live = path.join(dir, "busy.db");
    const writer = new Database(live);
    // Small pages, so that a few MB are as many pages as a national database's hundreds of MB are steps of
    // 100 pages, better-sqlite3's default: some 20,000 pages, 200 steps, each started over by the next write.
    writer.pragma("page_size = 512");
    writer.pragma("journal_mode = WAL");
    writer.exec("CREATE TABLE filler (id INTEGER PRIMARY KEY, data BLOB)");
    writer.exec(
      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000) " +
        "INSERT INTO filler (data) SELECT randomblob(300) FROM n",
    );
    const insert = writer.prepare("INSERT INTO filler (data) VALUES (randomblob(100))");
    let writes = 0;
    // Forma's workers: a write every 2 ms for as long as the backup runs.
    const writing = setInterval(() => {
      insert.run();
      writes += 1;
    }, 2);
    const destination = path.join(dir, "backups", "busy-copy.db");
    try {
      const { stdout } = await backupAsync(`file:${live}`, destination);
      expect(stdout).toMatch(/integro \/ intact/);
    } finally {
      clearInterval(writing);
      writer.close();
    }
    expect(writes).toBeGreaterThan(0);
    const copy = new Database(destination, { readonly: true });
    const { n } = copy.prepare("SELECT count(*) AS n FROM filler").get() as { n: number };
    expect(n).toBeGreaterThanOrEqual(20000);
    expect(n).toBeLessThanOrEqual(20000 + writes);
    expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
    copy.close();
  });

  it("refuses to overwrite a file, and points PostgreSQL to pg_dump", () => {
    const existing = path.join(dir, "existing.db");
    fs.writeFileSync(existing, "keep me");
    expect(() => backup(`file:${path.join(dir, "forma.db")}`, existing)).toThrow(/esiste già/);
    expect(fs.readFileSync(existing, "utf8")).toBe("keep me");
    expect(() => backup("postgresql://forma@db.example.it/forma", path.join(dir, "pg.db"))).toThrow(/pg_dump/);
  });
});
