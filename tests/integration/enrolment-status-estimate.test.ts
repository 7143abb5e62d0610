// ADR 0113: SQLite plans without statistics (nothing runs ANALYZE), so an equality on Enrolment.status looked as
// selective as one on editionId, and the (status, offerExpiresAt) index tied with the edition's index (and beat the
// primary key for `id IN` of three ids or more): SQLite took it and read every place of that status in the database
// to keep one edition's (391,306 seated places at national volume). The migration
// 20261208100000_enrolment_status_index_estimate writes one row of sqlite_stat1 for that index only. These tests run
// the application's paths that read one edition's places by status (Prisma's statements, which a unary `+` cannot
// steer) and check, on SQLite, that none of their statements takes the status index or reads the whole table; on both
// engines, that each path still does what it did.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCriteria, parseQuestions } from "../../app/domain/application.ts";
import type { Actor } from "../../app/domain/permissions.ts";
import { closeAccount } from "../../app/models/account-closure.server.ts";
import {
  apply,
  closeSelection,
  closeSelectionPreview,
  loadApplicationsForOrganiser,
  saveApplicationSetup,
  scoreApplicant,
  selectTop,
  selectTopPreview,
  setAdmission,
} from "../../app/models/application.server.ts";
import { loadBulkMovePage, previewBulkMove } from "../../app/models/bulk-move.server.ts";
import { enrol } from "../../app/models/enrolment.server.ts";
import { loadEditionOverview } from "../../app/models/enrolment-views.server.ts";
import { databaseEngine, prisma } from "../../app/utils/db.server.ts";
import { sqliteDirect } from "../../app/utils/sqlite-direct.server.ts";
import { addEdition, createOpenEdition, createUser } from "../support/factories.ts";
import { createNationalUnit } from "../support/events.ts";
import { managedEdition } from "../support/scopes.ts";
import { sqlitePlanned, type RecordedStatement } from "../support/sqlite-plans.ts";

afterAll(() => prisma.$disconnect());

let national: Actor;
beforeAll(async () => {
  ({ actor: national } = await createNationalUnit());
});

/** A statement that finds places by their edition or their ids (Prisma's text or the direct SQL's). */
const BY_EDITION_OR_ID =
  /`Enrolment`\.`(editionId|id)` (=|IN)|\ben\."(editionId|id)" (=|IN)|"Enrolment"\."(editionId|id)" (=|IN)/;

/**
 * None of the statements that find places by edition or id reads the (status, offerExpiresAt) index or scans
 * Enrolment; and there were such statements (the path was really run). SQLite only: PostgreSQL plans by its own
 * statistics, which autovacuum gathers.
 */
function expectNoStatusTie(statements: RecordedStatement[], minimum: number) {
  if (databaseEngine !== "sqlite") return;
  const concerned = statements.filter((s) => /Enrolment/.test(s.sql) && BY_EDITION_OR_ID.test(s.sql));
  expect(concerned.length).toBeGreaterThanOrEqual(minimum);
  const wrong = concerned
    .filter((s) => s.plan.some((d) => /Enrolment_status_offerExpiresAt_idx|^SCAN (main\.)?Enrolment\b/.test(d)))
    .map((s) => ({ sql: s.sql, plan: s.plan }));
  expect(wrong).toEqual([]);
}

describe("one edition's places read by status (SQLite's plans without statistics, ADR 0113)", () => {
  it("the database carries the planner's estimate for the status index, and nothing else of sqlite_stat1", () => {
    if (databaseEngine !== "sqlite") {
      // Nothing to write on PostgreSQL: the migration of the same name is a no-op there.
      expect(databaseEngine).toBe("postgresql");
      return;
    }
    expect(sqliteDirect().prepare(`SELECT "tbl", "idx", "stat" FROM "sqlite_stat1"`).all()).toEqual([
      { tbl: "Enrolment", idx: "Enrolment_status_offerExpiresAt_idx", stat: "1048576 100000 2" },
    ]);
  });

  it("an edition's applicants: the ranking page, the previews, the selection of the first and the selection's close", async () => {
    const { organiser, edition } = await createOpenEdition({ seatCap: 5 });
    const scope = async () => managedEdition(organiser.id, edition.id);
    expect(await setAdmission(await scope(), "candidatura")).toEqual({ ok: true });
    const questions = parseQuestions("Progetti eTwinning realizzati");
    const criteria = parseCriteria("Esperienza (max 10)");
    if (!questions.ok || !criteria.ok) throw new Error("expected a valid set-up");
    expect(await saveApplicationSetup(await scope(), { questions: questions.items, criteria: criteria.items })).toEqual(
      { ok: true },
    );
    const applicants: string[] = [];
    for (let i = 0; i < 4; i++) {
      const teacher = await createUser();
      const r = await apply(teacher.id, edition.id, {
        motivation: "Vorrei avviare un progetto STEM con scuole di altri paesi.",
        answers: { q1: "Due progetti con la Spagna" },
      });
      if (!r.ok) throw new Error(`expected an application, got ${r.reason}`);
      applicants.push(r.enrolmentId);
    }
    // The third scores highest, then the first; the others are not scored.
    const [c1] = criteria.items.map((c) => c.id);
    expect(
      await scoreApplicant(await scope(), applicants[2]!, { scores: { [c1!]: 9 }, priority: false }),
    ).toMatchObject({ ok: true });
    expect(
      await scoreApplicant(await scope(), applicants[0]!, { scores: { [c1!]: 4 }, priority: false }),
    ).toMatchObject({ ok: true });

    const reads = await sqlitePlanned(async () => ({
      page: await loadApplicationsForOrganiser(edition.id),
      top: await selectTopPreview(edition.id, 1),
      close: await closeSelectionPreview(edition.id, { reserve: false }),
    }));
    expect(reads.result.page!.applicants.map((a) => a.id)).toEqual([
      applicants[2],
      applicants[0],
      applicants[1],
      applicants[3],
    ]);
    expect(reads.result.top).not.toBeNull();
    expect(reads.result.close).not.toBeNull();
    expectNoStatusTie(reads.statements, 3);

    const selected = await sqlitePlanned(async () => selectTop(await scope(), 1));
    expect(selected.result).toEqual({ ok: true, selected: 1 });
    expectNoStatusTie(selected.statements, 1);

    const closed = await sqlitePlanned(async () => closeSelection(await scope()));
    expect(closed.result).toEqual({ ok: true, notSelected: 3, reserve: 0, alreadyClosed: false });
    expectNoStatusTie(closed.statements, 1);
    const statuses = await prisma.enrolment.findMany({
      where: { id: { in: applicants } },
      select: { id: true, status: true },
    });
    expect(new Map(statuses.map((s) => [s.id, s.status]))).toEqual(
      new Map([
        [applicants[0], "non-selezionato"],
        [applicants[1], "non-selezionato"],
        [applicants[2], "iscritto"],
        [applicants[3], "non-selezionato"],
      ]),
    );
  });

  it("an edition's seated places: the overview's lines, the bulk move's page and preview, an account's closure", async () => {
    const { event, edition } = await createOpenEdition({ seatCap: 3, promotionMode: "automatica" });
    const other = await addEdition(event.id, { seatCap: 10 });
    const teachers: { id: string }[] = [];
    for (let i = 0; i < 5; i++) teachers.push(await createUser());
    for (const t of teachers) expect((await enrol(t.id, edition.id)).ok).toBe(true);
    const placeOf = async (userId: string) =>
      (await prisma.enrolment.findFirstOrThrow({ where: { editionId: edition.id, userId }, select: { id: true } })).id;
    const seated = await Promise.all(teachers.slice(0, 3).map((t) => placeOf(t.id)));

    const reads = await sqlitePlanned(async () => ({
      overview: await loadEditionOverview(edition.id),
      page: await loadBulkMovePage(edition.id),
      preview: await previewBulkMove(edition.id, other.id, seated),
    }));
    expect(reads.result.overview!.generalPool).toEqual({ free: 0, waiting: 2 });
    // The page's order (enrolment time, then id) is bulk-move.test.ts's concern: enrolments written in the same
    // millisecond, as a warm worker writes these, are ordered by their random ids.
    expect(reads.result.page.people.map((p) => p.enrolmentId).sort()).toEqual([...seated].sort());
    expect(reads.result.preview).not.toBeNull();
    expectNoStatusTie(reads.statements, 3);

    const closure = await sqlitePlanned(() => closeAccount(teachers[0]!.id, national.userId));
    expect(closure.result).toMatchObject({ ok: true, releasedPlaces: 1 });
    expect(
      (await prisma.enrolment.findFirstOrThrow({ where: { editionId: edition.id, userId: teachers[3]!.id } })).status,
    ).toBe("iscritto");
    expectNoStatusTie(closure.statements, 2);
  });
});
