// The two data models must not drift apart:
//  1. prisma/postgresql/schema.prisma is exactly what scripts/schema-sync.ts derives from
//     prisma/schema.prisma (fix: npm run db:sync-schemas);
//  2. the migrations of the engine under test produce that engine's schema (fix: write the
//     missing migration for that engine).
//
// How 2 is checked. global-setup has applied this engine's migrations to the test database.
// With engine "js" and a driver adapter, `prisma migrate diff` refuses --from-url and
// --from-schema-datasource, and introspecting PostgreSQL through the adapter fails ("Column
// type 'char' could not be deserialized"), so Prisma cannot compare a live database here.
// Instead the test builds a second, empty database from the schema alone
// (`prisma migrate diff --from-empty --to-schema-datamodel <schema> --script`, which needs no
// database) and compares the two catalogues: tables, columns with types, nullability and
// defaults, primary keys, indexes and foreign keys (column order is ignored, as Prisma does).
// Left out on purpose: the catalogue's text index, which Prisma cannot declare on both engines
// (migration 20261201062000_catalogue_text_index, docs/decisions/0012-catalogue-text-index.md):
// the FTS5 table "EventSearch" and its shadow tables on SQLite, "Event_searchText_trgm_idx" on
// PostgreSQL. tests/integration/catalogue-text-index.test.ts checks them. Also left out: PostgreSQL's partial index
// "CatalogueEntry_freeSeats_idx" (migration 20261202051000, docs/decisions/0054-postgresql-free-seats-from-the-catalogue-entry.md),
// which Prisma's schema cannot declare.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { resolveDatabaseTarget, type DatabaseTarget } from "../../app/utils/database-url.ts";
import { POSTGRES_SCHEMA_PATH, postgresSchemaFrom, SQLITE_SCHEMA_PATH } from "../../scripts/schema-sync.ts";

const root = path.resolve(import.meta.dirname, "../..");
const target = resolveDatabaseTarget(process.env.DATABASE_URL, root);
const schemaPath = target.engine === "postgresql" ? POSTGRES_SCHEMA_PATH : SQLITE_SCHEMA_PATH;
const migrationsDir = path.join(path.dirname(schemaPath), "migrations");

type Catalogue = Record<string, unknown>;

/** The DDL Prisma would write for a schema, computed without any database. */
function ddlFor(schemaFile: string): string {
  return execFileSync(
    process.execPath,
    [
      path.join(root, "node_modules/prisma/build/index.js"),
      "migrate",
      "diff",
      "--from-empty",
      "--to-schema-datamodel",
      schemaFile,
      "--script",
    ],
    // DATABASE_URL makes prisma.config.ts pick the adapter of the engine under test.
    {
      cwd: root,
      env: { ...process.env, DATABASE_URL: target.url },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
}

// ---------------------------------------------------------------- SQLite
function sqliteCatalogue(file: string): Catalogue {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db
      .prepare(
        `SELECT name FROM sqlite_master WHERE type = 'table'
         AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'
         AND name <> 'EventSearch' AND name NOT LIKE 'EventSearch\\_%' ESCAPE '\\' ORDER BY name`,
      )
      .all() as { name: string }[];
    const out: Catalogue = {};
    for (const { name } of tables) {
      const q = (sql: string) => db.prepare(sql).all(name);
      const indexes = (
        q(`SELECT name, "unique", origin, partial FROM pragma_index_list(?)`) as {
          name: string;
          unique: number;
          origin: string;
          partial: number;
        }[]
      )
        .map((ix) => ({
          ...ix,
          // Automatic indexes (primary keys, inline UNIQUE) get engine-chosen names.
          name: ix.name.startsWith("sqlite_autoindex_") ? `auto:${ix.origin}` : ix.name,
          columns: db
            .prepare(`SELECT name, "desc", coll FROM pragma_index_xinfo(?) WHERE key = 1 ORDER BY seqno`)
            .all(ix.name),
        }))
        .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
      out[name] = {
        // By name: a column added by a later migration comes last, which changes nothing.
        columns: q(`SELECT name, type, "notnull", dflt_value, pk, hidden FROM pragma_table_xinfo(?) ORDER BY name`),
        foreignKeys: q(
          `SELECT "table", "from", "to", on_update, on_delete, "match" FROM pragma_foreign_key_list(?) ORDER BY id, seq`,
        ),
        indexes,
      };
    }
    return out;
  } finally {
    db.close();
  }
}

// ---------------------------------------------------------------- PostgreSQL
async function postgresCatalogue(url: string): Promise<Catalogue> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const columns = await client.query(
      `SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default,
              character_maximum_length, numeric_precision, numeric_scale, datetime_precision, is_identity
         FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'
          -- tables only, as on SQLite: a view (ADR 0041's "CatalogueEntryLive") is not in Prisma's schema
          AND table_name IN (SELECT table_name FROM information_schema.tables
                              WHERE table_schema = 'public' AND table_type = 'BASE TABLE')
        ORDER BY table_name, column_name`, // not by position: ADD COLUMN appends, harmlessly
    );
    const constraints = await client.query(
      `SELECT c.conrelid::regclass::text AS table_name, c.conname, c.contype, pg_get_constraintdef(c.oid) AS definition
         FROM pg_constraint c
        WHERE c.connamespace = 'public'::regnamespace AND c.conrelid::regclass::text <> '_prisma_migrations'
        ORDER BY 1, 2`,
    );
    const indexes = await client.query(
      `SELECT tablename, indexname, indexdef FROM pg_indexes
        WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'
          AND indexname NOT IN ('Event_searchText_trgm_idx', 'CatalogueEntry_freeSeats_idx') ORDER BY 1, 2`,
    );
    const enums = await client.query(
      `SELECT t.typname, e.enumlabel, e.enumsortorder FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
        WHERE t.typnamespace = 'public'::regnamespace ORDER BY 1, 3`,
    );
    return { columns: columns.rows, constraints: constraints.rows, indexes: indexes.rows, enums: enums.rows };
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------- a scratch database per engine
type Scratch = { catalogue(): Promise<Catalogue>; exec(sql: string): Promise<void>; drop(): Promise<void> };

async function scratchDatabase(t: DatabaseTarget, label: string): Promise<Scratch> {
  const suffix = `${label}_${process.pid}_${Date.now()}`;
  if (t.engine === "postgresql") {
    const url = new URL(t.url);
    const name = `${url.pathname.slice(1)}_${suffix}`.slice(0, 63);
    const admin = new pg.Client({ connectionString: t.url });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    url.pathname = `/${name}`;
    const scratchUrl = url.toString();
    return {
      catalogue: () => postgresCatalogue(scratchUrl),
      async exec(sql) {
        const c = new pg.Client({ connectionString: scratchUrl });
        await c.connect();
        try {
          await c.query(sql);
        } finally {
          await c.end();
        }
      },
      async drop() {
        const again = new pg.Client({ connectionString: t.url });
        await again.connect();
        await again.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await again.end();
      },
    };
  }
  const file = path.join(root, "tests/.tmp", `schema_${suffix}.db`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  return {
    catalogue: async () => sqliteCatalogue(file),
    async exec(sql) {
      const db = new Database(file);
      try {
        db.exec(sql);
      } finally {
        db.close();
      }
    },
    async drop() {
      for (const s of ["", "-wal", "-shm", "-journal"]) fs.rmSync(file + s, { force: true });
    },
  };
}

const catalogueOfTestDatabase = () =>
  target.engine === "postgresql" ? postgresCatalogue(target.url) : Promise.resolve(sqliteCatalogue(target.filePath));

const scratches: Scratch[] = [];
afterAll(async () => {
  for (const s of scratches) await s.drop();
});

describe("schema sync", () => {
  it("prisma/postgresql/schema.prisma is generated from prisma/schema.prisma (run npm run db:sync-schemas)", () => {
    const expected = postgresSchemaFrom(fs.readFileSync(SQLITE_SCHEMA_PATH, "utf8"));
    expect(fs.readFileSync(POSTGRES_SCHEMA_PATH, "utf8")).toBe(expected);
  });

  it("each migrations folder is locked to its own engine", () => {
    const lock = (dir: string) => fs.readFileSync(path.join(dir, "migration_lock.toml"), "utf8");
    expect(lock(path.join(root, "prisma/migrations"))).toMatch(/provider\s*=\s*"sqlite"/);
    expect(lock(path.join(root, "prisma/postgresql/migrations"))).toMatch(/provider\s*=\s*"postgresql"/);
  });

  it("both engines have the same migrations, by name", () => {
    const names = (dir: string) =>
      fs
        .readdirSync(dir, { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => e.name)
        .sort();
    expect(names(path.join(root, "prisma/postgresql/migrations"))).toEqual(names(path.join(root, "prisma/migrations")));
  });

  it(`the ${target.engine} migrations produce exactly the ${target.engine} schema`, async () => {
    expect(fs.existsSync(migrationsDir)).toBe(true);
    const expectedDb = await scratchDatabase(target, "expected");
    scratches.push(expectedDb);
    await expectedDb.exec(ddlFor(schemaPath));

    const fromMigrations = await catalogueOfTestDatabase();
    const fromSchema = await expectedDb.catalogue();
    expect(JSON.stringify(fromSchema)).toContain('"User"');
    expect(fromMigrations).toEqual(fromSchema);

    // The comparison notices drift: one extra column is enough to make it fail.
    await expectedDb.exec(`ALTER TABLE "User" ADD COLUMN "schemaSyncProbe" TEXT`);
    expect(await expectedDb.catalogue()).not.toEqual(fromMigrations);
  });
});
