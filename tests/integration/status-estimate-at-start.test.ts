// ADR 0113's one row of sqlite_stat1 (Enrolment's status index), checked at start: a later migration that rebuilds
// Enrolment on SQLite drops it silently, and a file restored from an old backup may never have had it; then SQLite
// reads every place of a status in the database to keep one edition's. The start (startServerServices, where the
// migration check runs) writes it again when Enrolment has no statistics at all, logs one line when it does, and
// leaves statistics an ANALYZE measured as they are. The real start on the worker's migrated database; its
// sqlite_stat1 is put back as production has it after each test (tests/support/sqlite-plans.ts).
import path from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { enrol } from "../../app/models/enrolment.server.ts";
import { databaseEngine, prisma } from "../../app/utils/db.server.ts";
import { logger } from "../../app/utils/logger.server.ts";
import { startServerServices, stopServerServices } from "../../app/utils/server-services.server.ts";
import { sqliteDirect } from "../../app/utils/sqlite-direct.server.ts";
import { createOpenEdition, createTeachers } from "../support/factories.ts";
import { productionStatistics } from "../support/sqlite-plans.ts";

const root = path.resolve(import.meta.dirname, "../..");
const RESTORED = /^sqlite_stat1 had no statistics for Enrolment/;

// The start's background jobs would run against the worker's database during the test: not wanted here.
beforeEach(() => {
  process.env.FORMA_BACKGROUND_JOBS = "off";
});
afterEach(async () => {
  await stopServerServices();
  if (databaseEngine === "sqlite") productionStatistics();
  vi.restoreAllMocks();
});
afterAll(() => prisma.$disconnect());

type StatRow = { tbl: string; idx: string | null; stat: string };
const ESTIMATE: StatRow = { tbl: "Enrolment", idx: "Enrolment_status_offerExpiresAt_idx", stat: "1048576 100000 2" };

async function enrolmentStatistics(): Promise<StatRow[]> {
  return prisma.$queryRawUnsafe<StatRow[]>(
    `SELECT "tbl", "idx", "stat" FROM "sqlite_stat1" WHERE "tbl" = 'Enrolment' ORDER BY "idx"`,
  );
}

/** One edition's places of a status: the read ADR 0113 is about (the places' own indexes tie without the row). */
const EDITION_AND_STATUS = `SELECT "id" FROM "Enrolment" WHERE "editionId" = ? AND "status" = ?`;

/** The plan of that read on Prisma's connection and on the direct one, as each has loaded the statistics. */
async function plans(): Promise<{ prisma: string; direct: string }> {
  const explain = `EXPLAIN QUERY PLAN ${EDITION_AND_STATUS}`;
  const viaPrisma = await prisma.$queryRawUnsafe<{ detail: string }[]>(explain, "e1", "iscritto");
  const viaDirect = sqliteDirect().prepare(explain).all("e1", "iscritto") as { detail: string }[];
  return { prisma: viaPrisma.map((p) => p.detail).join("; "), direct: viaDirect.map((p) => p.detail).join("; ") };
}
const EDITION_INDEX =
  /^SEARCH Enrolment USING (COVERING )?INDEX Enrolment_editionId_quotaId_status_waitlistSeq_idx \(editionId=\?\)$/;
const STATUS_INDEX = /Enrolment_status_offerExpiresAt_idx/;

/** Both connections of the process read sqlite_stat1 again, as they would after a restart. */
async function reloadStatistics() {
  await prisma.$executeRawUnsafe(`ANALYZE sqlite_schema`);
  sqliteDirect().exec(`ANALYZE sqlite_schema`);
}

/** The start's warnings of a restored estimate, while `run` runs. */
async function restoredLines(run: () => Promise<void>): Promise<unknown[][]> {
  const warn = vi.spyOn(logger, "warn");
  await run();
  return warn.mock.calls.filter((call) => RESTORED.test(String(call[1])));
}

describe(`the planner's estimate for Enrolment's status index at start (${databaseEngine})`, () => {
  it("a database whose Enrolment row of sqlite_stat1 was dropped gets it back, and plans one edition's places by its index", async () => {
    if (databaseEngine !== "sqlite") {
      // Nothing to restore on PostgreSQL (it plans by its own statistics): the start writes nothing and says nothing.
      expect(await restoredLines(() => startServerServices({ root }))).toEqual([]);
      return;
    }
    expect(await enrolmentStatistics()).toEqual([ESTIMATE]);
    // As a migration rebuilding Enrolment leaves it: the row gone with the old table, and connections opened after it
    // (both of this process here) plan without it, through the status index.
    await prisma.$executeRawUnsafe(`DELETE FROM "sqlite_stat1" WHERE "tbl" = 'Enrolment'`);
    await reloadStatistics();
    const before = await plans();
    expect(before.prisma).toMatch(STATUS_INDEX);
    expect(before.direct).toMatch(STATUS_INDEX);

    const lines = await restoredLines(() => startServerServices({ root }));
    expect(lines).toEqual([
      [
        { table: ESTIMATE.tbl, index: ESTIMATE.idx, stat: ESTIMATE.stat },
        expect.stringContaining("the planner's estimate for its status index is written again"),
      ],
    ]);
    expect(await enrolmentStatistics()).toEqual([ESTIMATE]);
    // Prisma's connection, open before the start, and the direct one plan with it at once: the edition's index.
    const after = await plans();
    expect(after.prisma).toMatch(EDITION_INDEX);
    expect(after.direct).toMatch(EDITION_INDEX);

    // A start with the row there writes nothing and says nothing.
    await stopServerServices();
    expect(await restoredLines(() => startServerServices({ root }))).toEqual([]);
    expect(await enrolmentStatistics()).toEqual([ESTIMATE]);
  });

  it("a file without sqlite_stat1 at all (or with other tables' statistics only) gets the row", async () => {
    if (databaseEngine !== "sqlite") return;
    await prisma.$executeRawUnsafe(`DROP TABLE "sqlite_stat1"`);
    expect(await restoredLines(() => startServerServices({ root }))).toHaveLength(1);
    expect(await enrolmentStatistics()).toEqual([ESTIMATE]);
    expect((await plans()).prisma).toMatch(EDITION_INDEX);

    // Another table analysed, Enrolment not: Enrolment has no statistics, so the row is written, the others kept.
    await stopServerServices();
    await prisma.$executeRawUnsafe(`DELETE FROM "sqlite_stat1" WHERE "tbl" = 'Enrolment'`);
    await prisma.$executeRawUnsafe(`ANALYZE "_prisma_migrations"`);
    const others = await prisma.$queryRawUnsafe<StatRow[]>(
      `SELECT "tbl", "idx", "stat" FROM "sqlite_stat1" WHERE "tbl" <> 'Enrolment' ORDER BY "tbl", "idx"`,
    );
    expect(others.length).toBeGreaterThan(0);
    expect(await restoredLines(() => startServerServices({ root }))).toHaveLength(1);
    expect(await enrolmentStatistics()).toEqual([ESTIMATE]);
    expect(
      await prisma.$queryRawUnsafe<StatRow[]>(
        `SELECT "tbl", "idx", "stat" FROM "sqlite_stat1" WHERE "tbl" <> 'Enrolment' ORDER BY "tbl", "idx"`,
      ),
    ).toEqual(others);
  });

  it("statistics an ANALYZE measured for Enrolment are left as they are, and nothing is logged", async () => {
    if (databaseEngine !== "sqlite") return;
    // Some places, so that ANALYZE has rows to measure (of an empty table it writes nothing, and the row comes back).
    const { edition } = await createOpenEdition({ seatCap: 5 });
    for (const teacher of await createTeachers(2)) expect((await enrol(teacher.id, edition.id)).ok).toBe(true);
    await prisma.$executeRawUnsafe(`ANALYZE "Enrolment"`);
    const measured = await enrolmentStatistics();
    expect(measured).not.toContainEqual(ESTIMATE);
    expect(measured.length).toBeGreaterThan(0);
    expect(await restoredLines(() => startServerServices({ root }))).toEqual([]);
    expect(await enrolmentStatistics()).toEqual(measured);
  });
});
