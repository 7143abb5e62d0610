// The Prisma client singleton. The engine follows DATABASE_URL (see database-url.ts):
// SQLite through better-sqlite3 (the embedded default), PostgreSQL through node-postgres.
// Both generated clients come from the same data model, so the SQLite client's type
// describes either; code never branches on the engine except where SQL differs.
import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import Database from "better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { Prisma, PrismaClient as SqlitePrismaClient } from "~/generated/prisma-sqlite/client.ts";
import { PrismaClient as PostgresPrismaClient } from "~/generated/prisma-postgresql/client.ts";
import { resolveDatabaseTarget, type DatabaseTarget } from "./database-url.ts";
import { databasePoolSizes } from "./env.server.ts";
import { errorFields, logger } from "./logger.server.ts";

export type Db = SqlitePrismaClient;

/**
 * Every interactive transaction's limits unless it sets its own: it may wait 15 s for its connection
 * (Prisma's default, 2 s, refused a closure or a sign-up with a 500 while a bulk issue of certificates or
 * a queue of enrolments held SQLite's one connection on a busy machine) and run 20 s.
 * See docs/decisions/0056-sqlite-transactions-own-their-connection.md.
 */
export const DEFAULT_TRANSACTION_OPTIONS = { maxWait: 15_000, timeout: 20_000 } as const;

export function createPrismaClient(target: DatabaseTarget = resolveDatabaseTarget()): Db {
  if (target.engine === "postgresql") {
    const adapter = new PrismaPg(
      {
        connectionString: target.url,
        max: databasePoolSizes().DATABASE_POOL_SIZE,
        connectionTimeoutMillis: 5_000,
        // As the hot pool's (pg-pool.server.ts): a silent peer fails the query and its connection is dropped.
        query_timeout: databasePoolSizes().DATABASE_QUERY_TIMEOUT_MS,
      },
      // The adapter already keeps the process alive when an idle client dies; say so in the log.
      { onPoolError: (error) => logger.warn({ pool: "prisma", err: errorFields(error) }, "database connection lost") },
    );
    return new PostgresPrismaClient({ adapter, transactionOptions: DEFAULT_TRANSACTION_OPTIONS }) as unknown as Db;
  }
  try {
    fs.mkdirSync(path.dirname(target.filePath), { recursive: true });
    // Write-ahead logging lets readers work while a write commits; the setting is stored in the file.
    const setup = new Database(target.filePath, { timeout: 10_000 });
    setup.pragma("journal_mode = WAL");
    setup.close();
  } catch (error) {
    // "unable to open database file" or "EEXIST: file already exists, mkdir '/etc/passwd'" named
    // neither the setting nor the file: the start's one line now does (server.js).
    throw new Error(
      `DATABASE_URL: non si può aprire né creare il database SQLite ${target.filePath} (${(error as Error).message}): ` +
        `la cartella deve esistere (o poter essere creata) ed essere scrivibile dall'utente del servizio, con il file e i ` +
        `suoi -wal e -shm / cannot open or create the SQLite file: its folder must be writable by the service's user`,
      { cause: error },
    );
  }
  const adapter = new PrismaBetterSQLite3({ url: target.filePath, timeout: 10_000 });
  const client = new SqlitePrismaClient({ adapter, transactionOptions: DEFAULT_TRANSACTION_OPTIONS });
  // Per connection (the adapter keeps one): with WAL, NORMAL stays durable across application
  // crashes and only an OS crash can lose the last commits; busy_timeout covers other processes
  // (scripts, a second instance) writing to the same file.
  void client.$executeRawUnsafe("PRAGMA synchronous = NORMAL").catch(() => {});
  void client.$executeRawUnsafe("PRAGMA foreign_keys = ON").catch(() => {});
  return client;
}

export const databaseEngine = resolveDatabaseTarget().engine;

const globalForPrisma = globalThis as unknown as { __formaPrisma?: Db };

/** The one client of this process (kept across dev-server reloads). */
export const prisma: Db = globalForPrisma.__formaPrisma ?? createPrismaClient();
if (process.env.NODE_ENV !== "production") globalForPrisma.__formaPrisma = prisma;

/**
 * A unique constraint refused the write: P2002 from model queries, the driver adapter's
 * UniqueConstraintViolation from Prisma raw SQL, or the drivers' own codes from direct connections.
 */
export function isUniqueViolation(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return true;
  if (typeof error !== "object" || error === null) return false;
  const e = error as {
    code?: string;
    meta?: { driverAdapterError?: { cause?: { kind?: string } } };
    cause?: { kind?: string };
  };
  return (
    e.code === "P2002" ||
    e.code === "23505" || // PostgreSQL's unique_violation, from node-postgres
    e.code === "SQLITE_CONSTRAINT_UNIQUE" ||
    e.meta?.driverAdapterError?.cause?.kind === "UniqueConstraintViolation" ||
    e.cause?.kind === "UniqueConstraintViolation"
  );
}
