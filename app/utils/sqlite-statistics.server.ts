// ADR 0113's one row of sqlite_stat1, checked at start (server-services.server.ts). The migration
// 20261208100000_enrolment_status_index_estimate writes it once; a later migration that rebuilds Enrolment on SQLite
// (Prisma's "redefine table": new table, copy, DROP TABLE) drops the row with the old table, silently, and a file
// restored from a backup taken before that migration never had it. Without it SQLite, which plans without statistics
// in production, reads every place of a status in the database to keep one edition's (ADR 0029, addendum of
// 07/12/2026). The start writes it again when Enrolment has no statistics at all, with the migration's conditional
// INSERT: statistics an ANALYZE measured (any Enrolment row) are never replaced. SQLite only.
import type { Db } from "./db.server.ts";

/** The row the migration writes: what an Enrolment status selects, as ADR 0113 tells the planner. */
export const STATUS_ESTIMATE = {
  tbl: "Enrolment",
  idx: "Enrolment_status_offerExpiresAt_idx",
  stat: "1048576 100000 2",
} as const;

/**
 * Writes STATUS_ESTIMATE when sqlite_stat1 has no Enrolment row and the index exists, and then makes this connection
 * plan with it (SQLite reads sqlite_stat1 when a connection loads the schema, or at `ANALYZE sqlite_schema`). True when
 * it wrote the row. Other connections already open keep planning without it until they are opened again: the start
 * runs this before the direct connection opens (and closes it if it was open).
 */
export async function restoreStatusEstimate(db: Db): Promise<boolean> {
  const table = await db.$queryRawUnsafe<unknown[]>(
    `SELECT 1 FROM "sqlite_schema" WHERE "type" = 'table' AND "name" = 'sqlite_stat1'`,
  );
  if (table.length > 0) {
    // The usual case, read only: a start writes nothing when the row (or an ANALYZE's statistics) is there.
    const analysed = await db.$queryRawUnsafe<unknown[]>(
      `SELECT 1 FROM "sqlite_stat1" WHERE "tbl" = ? LIMIT 1`,
      STATUS_ESTIMATE.tbl,
    );
    if (analysed.length > 0) return false;
  } else {
    // Creates sqlite_stat1 without analysing anything (SQLite's documented way), as the migration does.
    await db.$executeRawUnsafe(`ANALYZE sqlite_schema`);
  }
  const written = await db.$executeRawUnsafe(
    `INSERT INTO "sqlite_stat1" ("tbl", "idx", "stat")
     SELECT ?, ?, ?
     WHERE NOT EXISTS (SELECT 1 FROM "sqlite_stat1" WHERE "tbl" = ?)
       AND EXISTS (SELECT 1 FROM "sqlite_schema" WHERE "type" = 'index' AND "name" = ? AND "tbl_name" = ?)`,
    STATUS_ESTIMATE.tbl,
    STATUS_ESTIMATE.idx,
    STATUS_ESTIMATE.stat,
    STATUS_ESTIMATE.tbl,
    STATUS_ESTIMATE.idx,
    STATUS_ESTIMATE.tbl,
  );
  if (written === 0) return false;
  // This connection reads sqlite_stat1 again (an INSERT alone is seen only by connections opened after it).
  await db.$executeRawUnsafe(`ANALYZE sqlite_schema`);
  return true;
}
