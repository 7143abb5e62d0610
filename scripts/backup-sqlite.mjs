// Online backup of Forma's SQLite database, safe while Forma runs and writes:
//   npm run db:backup -- /var/backups/forma/forma-2026-12-04.db
// SQLite's backup API (better-sqlite3's db.backup) copies a consistent snapshot of the database,
// WAL included, letting the workers write meanwhile. A `cp` of forma.db alone misses the commits
// still in forma.db-wal, and a cp of the three files while they change can be torn.
// The copy is made in one step (one read transaction, one WAL snapshot): copied 100 pages at a time,
// as better-sqlite3 does by default, it started over from page 1 whenever another connection wrote
// between two steps, and on a large database Forma's workers (sessions, outbox, enrolments) write
// often enough that it never finished. Writers are not blocked meanwhile (WAL); the WAL only grows
// until the copy ends, as checkpoints cannot pass the copy's snapshot.
// The copy is then checked (PRAGMA integrity_check) and given its own journal mode (DELETE), so it is
// one self-contained file. PostgreSQL: pg_dump (README, Backup). Plain JavaScript: runs with node
// alone, as in production.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

/** DATABASE_URL's SQLite file, as app/utils/database-url.ts reads it; null for PostgreSQL. */
export function sqliteFileOf(rawUrl, cwd = process.cwd()) {
  const url = rawUrl && rawUrl.trim() !== "" ? rawUrl.trim() : "file:./data/forma.db";
  if (/^postgres(ql)?:\/\//.test(url)) return null;
  if (!url.startsWith("file:")) throw new Error(`DATABASE_URL non valido: ${url.split(":")[0]}:…`);
  const rest = url.slice("file:".length).split("?")[0] ?? "";
  return path.isAbsolute(rest) ? rest : path.resolve(cwd, rest);
}

/** Copies the live database at `source` to `destination` (which must not exist) and checks the copy. */
export async function backupSqlite(source, destination) {
  if (!fs.existsSync(source)) throw new Error(`nessun database in ${source}`);
  if (fs.existsSync(destination)) throw new Error(`${destination} esiste già: scegli un altro nome`);
  fs.mkdirSync(path.dirname(path.resolve(destination)), { recursive: true });
  const partial = `${destination}.partial`;
  fs.rmSync(partial, { force: true });
  const db = new Database(source, { fileMustExist: true, timeout: 10_000 });
  try {
    // The first step only opens the backup (0 pages); the progress handler then asks for every page in
    // the next step (0x7fffffff, the most better-sqlite3 accepts), which also survives a restart.
    await db.backup(partial, { progress: () => 0x7fffffff });
  } finally {
    db.close();
  }
  const copy = new Database(partial);
  try {
    copy.pragma("journal_mode = DELETE");
    const check = copy.pragma("integrity_check", { simple: true });
    if (check !== "ok") throw new Error(`la copia non è integra: ${check}`);
  } finally {
    copy.close();
  }
  fs.renameSync(partial, destination);
  return { bytes: fs.statSync(destination).size };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const destination = process.argv[2];
  try {
    if (!destination) throw new Error("uso / usage: npm run db:backup -- <file di destinazione>");
    const source = sqliteFileOf(process.env.DATABASE_URL);
    if (source === null) {
      throw new Error("DATABASE_URL è PostgreSQL: usa pg_dump (README, Backup) / use pg_dump");
    }
    const { bytes } = await backupSqlite(source, destination);
    console.log(`Backup di ${source} in ${destination} (${bytes} byte, integro / intact).`);
  } catch (error) {
    console.error(`Backup non riuscito / backup failed: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  }
}
