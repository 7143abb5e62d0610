// Plain SQL reads for hot paths (enrolment, the public catalogue), the same text on both engines.
// See docs/decisions/0008-enrolment-hot-path.md: Prisma 6's query compiler costs 0.3–1.4 ms of
// CPU per statement here, a raw statement almost nothing.
//
// Write the SQL once: quoted identifiers, $1, $2… placeholders (a placeholder may repeat), no
// ILIKE or other engine-only syntax (sqlJsonArray, below, is the one spelled per engine). Pass
// parameters only as strings, numbers or null, never build SQL from user input. Dates go in as
// `sqlDate(d)` and come out through `toDate()`:
// - SQLite: the direct better-sqlite3 connection (app/utils/sqlite-direct.server.ts), statements
//   prepared once. Dates come back as the adapter's ISO text, booleans as 0/1, integers as numbers.
// - PostgreSQL: a plain node-postgres pool (app/utils/pg-pool.server.ts). Parameters are sent
//   untyped, so the server infers their type from the column they meet (an ISO string compared
//   with a timestamp is a timestamp). Dates come back as Date (read as UTC), booleans as boolean,
//   COUNT(*) as a numeric string.
import crypto from "node:crypto";
import { BoundedCache } from "./bounded-cache.ts";
import { databaseEngine } from "./db.server.ts";
import { pgPool } from "./pg-pool.server.ts";
import { replicaRead, type ReadSource } from "./read-replica.server.ts";
import { PREPARED_STATEMENTS_MAX, prepared, sqliteDirect, sqliteTimestamp } from "./sqlite-direct.server.ts";

export type SqlParam = string | number | null;

/**
 * A scalar subquery's aggregate of `column` into a JSON array, the one engine-specific spelling of
 * these reads (PostgreSQL `json_agg`, NULL over no rows, hence the COALESCE; SQLite
 * `json_group_array`). Read the column back with `toList`.
 */
export function sqlJsonArray(column: string): string {
  return databaseEngine === "postgresql" ? `COALESCE(json_agg(${column}), '[]')` : `json_group_array(${column})`;
}

/** A `sqlJsonArray` column: parsed by node-postgres (json), JSON text from SQLite. */
export function toList(value: string[] | string): string[] {
  return typeof value === "string" ? (JSON.parse(value) as string[]) : value;
}

/** Runs a read and returns its rows as the driver gives them (normalise with toDate/toBool/toInt). */
export async function sqlRead<T>(sql: string, ...params: SqlParam[]): Promise<T[]> {
  if (databaseEngine === "sqlite") return sqliteRead<T>(sql, params);
  return (await pgPool().query(sql, params)).rows as T[];
}

const statementNames = new Map<string, string>();

/**
 * The name of a fixed SQL text as a PostgreSQL prepared statement (node-postgres parses and plans a
 * named statement once per connection, then only binds and executes it).
 */
export function statementName(sql: string): string {
  let name = statementNames.get(sql);
  if (name === undefined) {
    name = `forma_${crypto.createHash("sha256").update(sql).digest("hex").slice(0, 24)}`;
    statementNames.set(sql, name);
  }
  return name;
}

/**
 * sqlRead for the few fixed statements that run on every request of a hot path (the session
 * lookup, the enrolment's reads): on PostgreSQL a named statement, parsed and planned once per
 * connection instead of on every call. Only for SQL texts written in the code, never built per call.
 */
export async function sqlReadPrepared<T>(sql: string, ...params: SqlParam[]): Promise<T[]> {
  if (databaseEngine === "sqlite") return sqliteRead<T>(sql, params);
  return (await pgPool().query({ name: statementName(sql), text: sql, values: params })).rows as T[];
}

/**
 * sqlRead for reads that tolerate a few seconds of lag (ADR 0017): on the PostgreSQL read replica
 * when `source` is "replica" and DATABASE_REPLICA_URL names one (the route decides with
 * lagTolerantSource); on the primary otherwise, and whenever the replica fails.
 */
export async function sqlReadFrom<T>(source: ReadSource, sql: string, ...params: SqlParam[]): Promise<T[]> {
  if (source === "replica" && databaseEngine === "postgresql") {
    const rows = await replicaRead<T>(sql, params);
    if (rows) return rows;
  }
  return sqlRead<T>(sql, ...params);
}

/**
 * sqlReadFrom with each row as an array of its columns in the SELECT's order, for reads of many rows kept in memory
 * (an object per row of 14 columns cost SQLite's driver about ten times the read itself at 28,000 rows).
 */
export async function sqlReadRowsFrom(source: ReadSource, sql: string, ...params: SqlParam[]): Promise<unknown[][]> {
  if (databaseEngine === "sqlite") {
    const { statement, named } = sqliteStatement(sql, params);
    // The statement is shared by its text: back to objects for any other caller.
    try {
      return statement.raw(true).all(named) as unknown[][];
    } finally {
      statement.raw(false);
    }
  }
  // node-postgres builds the arrays itself (rowMode "array"): no object per row to take apart again.
  if (source === "replica") {
    const rows = await replicaRead<unknown[]>(sql, params, { rowMode: "array" });
    if (rows) return rows;
  }
  return (await pgPool().query<unknown[]>({ text: sql, values: params, rowMode: "array" })).rows;
}

/**
 * How many built SQL texts sqlReadFromPrepared names per process: each named statement holds its parse tree and plan in
 * every connection that ran it, so a text built from a request (the catalogue's filters and words: a few hundred
 * shapes in the search mix, more in theory) is named only while fewer than this many have been; later ones run
 * unnamed, as before (ADR 0058).
 */
export const BUILT_STATEMENTS_NAMED_MAX = 200;
const builtNamed = new Set<string>();

/**
 * sqlReadFrom as a named statement on PostgreSQL (see sqlReadPrepared), for SQL built per call from a bounded set of
 * shapes (values always as parameters): parsed once per connection, and planned once when PostgreSQL finds its
 * generic plan as good as a custom one (plan_cache_mode auto). Beyond BUILT_STATEMENTS_NAMED_MAX texts, unnamed.
 */
export async function sqlReadFromPrepared<T>(source: ReadSource, sql: string, ...params: SqlParam[]): Promise<T[]> {
  if (databaseEngine === "sqlite") return sqliteRead<T>(sql, params);
  if (!builtNamed.has(sql)) {
    if (builtNamed.size >= BUILT_STATEMENTS_NAMED_MAX) return sqlReadFrom<T>(source, sql, ...params);
    builtNamed.add(sql);
  }
  const name = statementName(sql);
  if (source === "replica") {
    const rows = await replicaRead<T>(sql, params, { name });
    if (rows) return rows;
  }
  return (await pgPool().query({ name, text: sql, values: params })).rows as T[];
}

/** Each SQL text with its placeholders renamed, for the texts whose statements are cached. */
const namedSql = new BoundedCache<string, string>(PREPARED_STATEMENTS_MAX);

/**
 * The direct connection's page cache, for the catalogue's counts, which read every upcoming
 * Event row (about 10 MB at 10,000 events). SQLite's default of 2 MB makes each filtered count
 * re-read pages from the OS: rotating through the benchmark's 20 searches cost 3.1 ms of CPU per
 * search with it and 2.6 ms with 64 MB. The cache grows only as pages are read. 32 MB since ADR 0053: under the
 * catalogue bench a worker's RSS peaked 10-20 MB lower than with 64 MB (16 MB: 20-30 MB lower) at the same server
 * CPU per request; in process the mix's SQL cost 3.75 / 4.00 / 4.08 / 4.45 ms with 64 / 32 / 16 / 8 MB.
 */
const SQLITE_READ_CACHE_KIB = 32 * 1024;
let sqliteTuned = false;

function sqliteRead<T>(sql: string, params: SqlParam[]): T[] {
  const { statement, named } = sqliteStatement(sql, params);
  return statement.all(named) as T[];
}

/** The direct connection's statement of a SQL text and its parameters bound by name. */
function sqliteStatement(sql: string, params: SqlParam[]) {
  if (!sqliteTuned) {
    sqliteDirect().pragma(`cache_size = -${SQLITE_READ_CACHE_KIB}`);
    sqliteTuned = true;
  }
  // PostgreSQL numbers parameters $1, $2…; better-sqlite3 binds them here as named @p1, @p2…
  const text = namedSql.getOrSet(sql, () => sql.replace(/\$(\d+)/g, "@p$1"));
  const named: Record<string, SqlParam> = {};
  for (let i = 0; i < params.length; i++) named[`p${i + 1}`] = params[i]!;
  return { statement: prepared(text), named };
}

/**
 * A DateTime parameter. On SQLite the adapter stores ISO text ("…T10:00:00.000+00:00"), and the
 * same text compares correctly; PostgreSQL reads it as a timestamp (the offset is UTC, like the
 * stored values).
 */
export function sqlDate(d: Date): string {
  return sqliteTimestamp(d);
}

export function toDate(v: Date | string): Date;
export function toDate(v: Date | string | null): Date | null;
export function toDate(v: Date | string | null): Date | null {
  if (v === null || v === undefined) return null;
  return v instanceof Date ? v : new Date(v);
}

export function toBool(v: boolean | number | bigint | string | null): boolean {
  return v === true || v === 1 || v === 1n || v === "1" || v === "t" || v === "true";
}

export function toInt(v: number | bigint | string): number;
export function toInt(v: number | bigint | string | null): number | null;
export function toInt(v: number | bigint | string | null): number | null {
  if (v === null || v === undefined) return null;
  return typeof v === "number" ? v : Number(v);
}
