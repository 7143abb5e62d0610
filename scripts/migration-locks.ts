// How a PostgreSQL migration may add an index to a table that already exists (ADR 0112): a plain
// CREATE INDEX holds a SHARE lock on the table until the index is built, which blocks every INSERT,
// UPDATE and DELETE on it (enrolments, notifications, the audit log) for minutes at national volume.
// Such an index goes in a migration of its own holding one statement,
// `CREATE [UNIQUE] INDEX CONCURRENTLY IF NOT EXISTS "name" ON "Table"(...);`, and the SQLite twin of the
// same name keeps Prisma's plain CREATE INDEX (SQLite has no CONCURRENTLY).
//
// Migrations up to RULE_BASELINE were written before the rule and are applied on existing databases
// (their checksums are recorded in _prisma_migrations): they stay as they are.
//
//   npx tsx scripts/migration-locks.ts            checks every migration after RULE_BASELINE
//   npx tsx scripts/migration-locks.ts NAME...    checks these migrations (scripts/new-migration.sh)
// Prints the problems and the rule, exit status 1 when there is one.
// scripts/migration-locks.test.ts runs the same check in the unit tests.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { migrationsDirectory, shippedMigrations } from "../app/utils/migration-check.server.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const POSTGRES_MIGRATIONS = migrationsDirectory(root, "postgresql");
export const SQLITE_MIGRATIONS = migrationsDirectory(root, "sqlite");

/** The last migration written before ADR 0112: it and every earlier one are left as applied. */
export const RULE_BASELINE = "20261207140000_dashboard_reach_counts";

export const RULE =
  "ADR 0112: on PostgreSQL an index on a table that already exists is built with " +
  '`CREATE [UNIQUE] INDEX CONCURRENTLY IF NOT EXISTS "name" ON "Table"(...);`, alone in a migration of its own ' +
  "(a later timestamp, the same folder name under prisma/migrations with Prisma's plain CREATE INDEX for SQLite); " +
  "a plain CREATE INDEX blocks every write to the table until the index is built.";

/**
 * The statements of a migration: comments dropped, split at each semicolon (the PostgreSQL driver adapter of the
 * migrations, @prisma/adapter-pg 7, splits the file at each semicolon and runs the pieces one by one, outside any
 * transaction). The adapter does not skip comments: a semicolon in one ends the statement there, and the comment's
 * rest is sent as SQL (commentSemicolons refuses it).
 */
export function statements(sql: string): string[] {
  return sql
    .replace(/\/\*[\s\S]*?\*\//g, " ")
    .replace(/--[^\n]*/g, " ")
    .split(";")
    .map((s) => s.replace(/\s+/g, " ").trim())
    .filter((s) => s.length > 0);
}

const NAME = String.raw`(?:"((?:[^"]|"")+)"|([A-Za-z_][\w$]*))`;
/** "schema"."name" or name: the last part, unquoted. */
const QUALIFIED = String.raw`(?:${NAME}\s*\.\s*)?${NAME}`;
const CREATE_TABLE = new RegExp(
  String.raw`^CREATE\s+(?:UNLOGGED\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?${QUALIFIED}`,
  "i",
);
const CREATE_INDEX = new RegExp(
  String.raw`^CREATE\s+(UNIQUE\s+)?INDEX\s+(CONCURRENTLY\s+)?(IF\s+NOT\s+EXISTS\s+)?(?:${QUALIFIED}\s+)?ON\s+(?:ONLY\s+)?${QUALIFIED}`,
  "i",
);
/** A unique or primary key constraint added to a table: it builds its index under an ACCESS EXCLUSIVE lock. */
const ADD_KEY_CONSTRAINT = new RegExp(
  String.raw`^ALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?${QUALIFIED}\s.*\bADD\s+(?:CONSTRAINT\s+${NAME}\s+)?(?:UNIQUE|PRIMARY\s+KEY)\b(?!.*\bUSING\s+INDEX\b)`,
  "i",
);

/** The last identifier captured in groups `from` to `to` (excluded) of a match, unquoted. */
function lastName(match: RegExpMatchArray, from: number, to = match.length): string {
  const found = match.slice(from, to).filter((g) => g !== undefined);
  return (found.at(-1) ?? "").replace(/""/g, '"');
}

/** What breaks ADR 0112 in one PostgreSQL migration's SQL (empty when nothing does). */
export function lockProblems(sql: string): string[] {
  const list = statements(sql);
  const created = new Set(
    list.flatMap((s) => {
      const m = s.match(CREATE_TABLE);
      return m ? [lastName(m, 1)] : [];
    }),
  );
  const problems: string[] = [];
  for (const statement of list) {
    const index = statement.match(CREATE_INDEX);
    if (index) {
      const concurrently = index[2] !== undefined;
      const table = lastName(index, 8);
      if (!concurrently && !created.has(table)) {
        problems.push(
          `"${statement}": CREATE INDEX on the existing table "${table}" without CONCURRENTLY (SHARE lock: writes wait until it is built)`,
        );
      }
      if (concurrently && index[3] === undefined) {
        problems.push(`"${statement}": CONCURRENTLY without IF NOT EXISTS (a retry after an interrupted build fails)`);
      }
    }
    if (/\bCONCURRENTLY\b/i.test(statement) && list.length > 1) {
      problems.push(`"${statement}": CONCURRENTLY in a migration with ${list.length - 1} other statement(s)`);
    }
    const key = statement.match(ADD_KEY_CONSTRAINT);
    if (key && !created.has(lastName(key, 1, 5))) {
      problems.push(
        `"${statement}": a UNIQUE or PRIMARY KEY constraint added to an existing table builds its index under an ACCESS EXCLUSIVE lock ` +
          "(build a unique index CONCURRENTLY first, then ADD CONSTRAINT … USING INDEX)",
      );
    }
  }
  return problems;
}

/**
 * The lines of a PostgreSQL migration whose comment holds a semicolon. `prisma migrate deploy` on PostgreSQL cut the
 * reshuffle migration of 08/12/2026 there and sent "one statement, so every row …" as SQL (a syntax error; the
 * migration failed half-way). SQLite's adapter runs the file whole: its comments may hold them.
 */
export function commentSemicolons(sql: string): number[] {
  const lines = new Set<number>();
  for (const comment of sql.matchAll(/\/\*[\s\S]*?\*\/|--[^\n]*/g)) {
    if (comment[0].includes(";")) lines.add(sql.slice(0, comment.index).split("\n").length);
  }
  return [...lines].sort((a, b) => a - b);
}

/** The problems of the named migrations, each prefixed with its engine and name. */
export function migrationProblems(
  names: string[],
  directories = { postgresql: POSTGRES_MIGRATIONS, sqlite: SQLITE_MIGRATIONS },
) {
  const problems: string[] = [];
  for (const name of names) {
    const pgFile = path.join(directories.postgresql, name, "migration.sql");
    if (fs.existsSync(pgFile)) {
      const sql = fs.readFileSync(pgFile, "utf8");
      for (const p of lockProblems(sql)) problems.push(`postgresql ${name}: ${p}`);
      for (const line of commentSemicolons(sql)) {
        problems.push(
          `postgresql ${name}: line ${line}: a semicolon in a comment ends the statement there on PostgreSQL (the migration adapter splits the file at every ";")`,
        );
      }
    }
    const sqliteFile = path.join(directories.sqlite, name, "migration.sql");
    if (
      fs.existsSync(sqliteFile) &&
      /\bCONCURRENTLY\b/i.test(statements(fs.readFileSync(sqliteFile, "utf8")).join(";"))
    ) {
      problems.push(`sqlite ${name}: CONCURRENTLY is PostgreSQL's: the SQLite twin keeps a plain CREATE INDEX`);
    }
  }
  return problems;
}

/** The migrations the rule applies to: every one after RULE_BASELINE, on either engine. */
export function migrationsAfterBaseline(directories = { postgresql: POSTGRES_MIGRATIONS, sqlite: SQLITE_MIGRATIONS }) {
  const names = new Set([...shippedMigrations(directories.postgresql), ...shippedMigrations(directories.sqlite)]);
  return [...names].filter((name) => name > RULE_BASELINE).sort();
}

/** The index a statement builds without CONCURRENTLY on a table the same SQL does not create, or null. */
function plainIndexOnExistingTable(statement: string, created: Set<string>): string | null {
  const index = statement.match(CREATE_INDEX);
  if (!index || index[2] !== undefined || created.has(lastName(index, 8))) return null;
  return lastName(index, 4, 8) || null;
}

/** A migration's SQL cut at its semicolons, each piece keeping its comments and blank lines. */
function pieces(sql: string): { text: string; statement: string }[] {
  // Comments first masked (a semicolon in a comment does not end a statement), then cut where the mask has ";".
  const masked = sql
    .replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/;/g, " "))
    .replace(/--[^\n]*/g, (c) => c.replace(/;/g, " "));
  const out: { text: string; statement: string }[] = [];
  let start = 0;
  for (let i = 0; i <= masked.length; i++) {
    if (i === masked.length || masked[i] === ";") {
      const text = sql.slice(start, Math.min(i + 1, sql.length));
      out.push({ text, statement: statements(text)[0] ?? "" });
      start = i + 1;
    }
  }
  return out;
}

/**
 * Gives each index a new PostgreSQL migration builds on an existing table a migration of its own, as ADR 0112
 * asks (scripts/new-migration.sh): `NAME_index_<index>` on both engines, right after NAME, with
 * `CREATE … INDEX CONCURRENTLY IF NOT EXISTS` on PostgreSQL and the SQLite migration's own statement for that
 * index, moved out of NAME. When NAME held nothing else, it keeps its first index. Returns the folders written.
 */
export function splitIndexMigrations(
  name: string,
  directories = { postgresql: POSTGRES_MIGRATIONS, sqlite: SQLITE_MIGRATIONS },
): string[] {
  const file = (engine: "postgresql" | "sqlite", folder: string) =>
    path.join(directories[engine], folder, "migration.sql");
  const pgSql = fs.readFileSync(file("postgresql", name), "utf8");
  const sqliteSql = fs.readFileSync(file("sqlite", name), "utf8");
  const created = new Set(
    statements(pgSql).flatMap((s) => {
      const m = s.match(CREATE_TABLE);
      return m ? [lastName(m, 1)] : [];
    }),
  );
  const pgPieces = pieces(pgSql);
  const moved = pgPieces.flatMap((p) => {
    const index = plainIndexOnExistingTable(p.statement, created);
    return index ? [{ index, statement: p.statement }] : [];
  });
  if (moved.length === 0) return [];
  const movedNames = new Set(moved.map((m) => m.index));
  const indexOf = (statement: string) => {
    const m = statement.match(CREATE_INDEX);
    return m ? lastName(m, 4, 8) : null;
  };
  const sqlitePieces = pieces(sqliteSql);
  const sqliteFor = (index: string) =>
    sqlitePieces.find((p) => indexOf(p.statement) === index)?.statement ??
    moved.find((m) => m.index === index)!.statement;
  const keep = (list: { text: string; statement: string }[]) =>
    list
      .filter((p) => !movedNames.has(indexOf(p.statement) ?? ""))
      .map((p) => p.text)
      .join("");
  const pgRest = keep(pgPieces);
  const sqliteRest = keep(sqlitePieces);
  const concurrent = (statement: string) =>
    statement.replace(
      /^CREATE\s+(UNIQUE\s+)?INDEX\s+(?:IF\s+NOT\s+EXISTS\s+)?/i,
      (_, unique: string | undefined) => `CREATE ${unique ? "UNIQUE " : ""}INDEX CONCURRENTLY IF NOT EXISTS `,
    );
  const write = (engine: "postgresql" | "sqlite", folder: string, sql: string) => {
    fs.mkdirSync(path.dirname(file(engine, folder)), { recursive: true });
    fs.writeFileSync(file(engine, folder), sql);
  };
  const written: string[] = [];
  const ownFolders = statements(pgRest).length === 0 ? [name] : [];
  moved.forEach(({ index, statement }, i) => {
    const folder = ownFolders[i] ?? `${name}_index_${index.replace(/[^\w]/g, "_")}`;
    write("postgresql", folder, `-- ADR 0112: alone, built without blocking writes\n${concurrent(statement)};\n`);
    // The SQLite migration NAME keeps whatever else it had (a table rebuilt, say) before the index it keeps.
    const before = folder === name && statements(sqliteRest).length > 0 ? sqliteRest.replace(/\s*$/, "\n\n") : "";
    write(
      "sqlite",
      folder,
      `${before}-- CreateIndex (its PostgreSQL twin builds it CONCURRENTLY, ADR 0112)\n${sqliteFor(index)};\n`,
    );
    written.push(folder);
  });
  if (ownFolders.length === 0) {
    write("postgresql", name, pgRest);
    write(
      "sqlite",
      name,
      statements(sqliteRest).length > 0
        ? sqliteRest
        : "-- This is an empty migration: its index moved to the next one (ADR 0112).\n",
    );
  }
  return written;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  if (process.argv[2] === "--split") {
    for (const folder of splitIndexMigrations(process.argv[3]!))
      console.log(`wrote ${folder} (an index alone, ADR 0112)`);
    process.exit(0);
  }
  const names = process.argv.length > 2 ? process.argv.slice(2) : migrationsAfterBaseline();
  const problems = migrationProblems(names);
  if (problems.length > 0) {
    console.error(problems.join("\n"));
    console.error(`\n${RULE}`);
    process.exit(1);
  }
  console.log(
    `${names.length} migration(s) checked: no index built with a write-blocking lock (ADR 0112), no semicolon in a PostgreSQL comment`,
  );
}
