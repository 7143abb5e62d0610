// The edition management page's counts (review 0014, finding 4): seats left, and how many wait in each pool
// (general, or a regional quota), read with grouped counts and the edition row, not from a list of every place
// of the edition. Its numbers stay the ones the full read (the participants CSV's) gives.
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, describe, expect, it, vi } from "vitest";
import { apply, setAdmission, withdrawApplication } from "../../app/models/application.server.ts";
import { cancelByTeacher, enrol } from "../../app/models/enrolment.server.ts";
import { loadEditionForOrganiser, loadEditionOverview } from "../../app/models/enrolment-views.server.ts";
import { addQuota, cancelEdition } from "../../app/models/seat-ledger.server.ts";
import * as editionRoute from "../../app/routes/gestione.edizioni.$editionId.tsx";
import { translator } from "../../app/i18n/i18n.tsx";
import { prisma } from "../../app/utils/db.server.ts";
import { createOpenEdition, createTeachers } from "../support/factories.ts";
import { cookieOf, runRoute, type Handler } from "../support/routes.ts";
import { loadParticipantList } from "../../app/models/participant-list.server.ts";
import { managedEdition } from "../support/scopes.ts";

afterAll(() => prisma.$disconnect());

/**
 * The SQL statements the database drivers were given while `work` ran (better-sqlite3's prepare, node-postgres'
 * query; they still run them): what the code reads, seen where it reaches the database.
 */
async function statementsOf(work: () => Promise<unknown>): Promise<string[]> {
  const sqlite = vi.spyOn(Database.prototype, "prepare");
  const postgres = vi.spyOn(pg.Client.prototype, "query");
  try {
    await work();
    const text = (q: unknown) => (typeof q === "string" ? q : ((q as { text?: string } | null)?.text ?? ""));
    return [...sqlite.mock.calls.map(([sql]) => sql), ...postgres.mock.calls.map(([q]) => text(q))];
  } finally {
    sqlite.mockRestore();
    postgres.mockRestore();
  }
}

/** A read of places' own rows: their motivations and answers (which only a list of them needs). */
const readsPlaceRows = (sql: string) =>
  /[`"]motivation[`"]/.test(sql) && /FROM\s+([`"]\w+[`"]\.)?[`"]Enrolment[`"]/i.test(sql);
/** A statement that keeps to places of some statuses (SQLite quotes names with `, PostgreSQL with "). */
const filtersStatus = /[`"]status[`"]\s*(=|IN)/i;

async function enrolled(userId: string, editionId: string) {
  const r = await enrol(userId, editionId);
  if (!r.ok) throw new Error(`expected a place, got ${r.reason}`);
  return r.enrolmentId;
}

/**
 * A first-come edition of 3 seats with a 1-seat Lazio quota, where a freed seat is offered: two seated and one
 * offered a seat in the general pool, one waiting there and one who left the list; one seated and two waiting in
 * the quota.
 */
async function firstComeWithQuota() {
  const { organiser, edition } = await createOpenEdition({ seatCap: 3, promotionMode: "offerta" });
  expect(await addQuota(await managedEdition(organiser.id, edition.id), "lazio", 1)).toEqual({ ok: true });
  const toscana = await createTeachers(5, "toscana");
  const lazio = await createTeachers(3, "lazio");
  const places = [];
  for (const t of [...toscana, ...lazio]) places.push({ userId: t.id, id: await enrolled(t.id, edition.id) });
  // The first seated leaves: the first waiting of the general pool is offered the seat; the last waiting leaves.
  expect(await cancelByTeacher(places[0]!.userId, places[0]!.id)).toEqual({ ok: true });
  expect(await cancelByTeacher(places[4]!.userId, places[4]!.id)).toEqual({ ok: true });
  return { organiser, edition };
}

/** An edition by application: two applications under review, one withdrawn. */
async function byApplication() {
  const { organiser, edition } = await createOpenEdition({ seatCap: 5 });
  expect(await setAdmission(await managedEdition(organiser.id, edition.id), "candidatura")).toEqual({ ok: true });
  const ids = [];
  for (const t of await createTeachers(3)) {
    const r = await apply(t.id, edition.id, {
      motivation: "Vorrei avviare un progetto con altre scuole.",
      answers: {},
    });
    if (!r.ok) throw new Error(`expected an application, got ${r.reason}`);
    ids.push({ userId: t.id, id: r.enrolmentId });
  }
  expect(await withdrawApplication(ids[2]!.userId, ids[2]!.id)).toEqual({ ok: true });
  return { organiser, edition };
}

/** The counts as the full read of every place gives them (what the page showed before). */
async function countsFromEveryPlace(editionId: string) {
  const full = (await loadEditionForOrganiser(editionId))!;
  return { edition: full.edition, seatsLeft: full.seatsLeft, quotas: full.quotas, generalPool: full.generalPool };
}

async function pageData(organiserId: string, editionId: string) {
  const page = await runRoute(editionRoute.loader as unknown as Handler, {
    cookie: await cookieOf(organiserId),
    url: `http://localhost/gestione/edizioni/${editionId}`,
    params: { editionId },
  });
  expect(page.status).toBe(200);
  return page.data as Record<string, unknown>;
}

describe("the edition page's counts", () => {
  it("are the ones the full list gives, for every status and pool", async () => {
    const s = await firstComeWithQuota();
    const full = await loadEditionForOrganiser(s.edition.id);
    // The scenario has places in every state of a first-come edition.
    expect(full!.enrolled).toHaveLength(2);
    expect(full!.offered).toHaveLength(1);
    expect(full!.waitlisted).toHaveLength(3);
    expect(full!.ended).toHaveLength(2);

    const overview = await loadEditionOverview(s.edition.id);
    expect(overview).toEqual(await countsFromEveryPlace(s.edition.id));
    expect(overview!.quotas).toMatchObject([{ regionCode: "lazio", seats: 1, seatsTaken: 1, free: 0, waiting: 2 }]);
    expect(overview!.generalPool).toEqual({ free: 0, waiting: 1 });
    expect(overview!.seatsLeft).toBe(0);

    const data = await pageData(s.organiser.id, s.edition.id);
    expect({
      edition: data.edition,
      seatsLeft: data.seatsLeft,
      quotas: data.quotas,
      generalPool: data.generalPool,
    }).toEqual(await countsFromEveryPlace(s.edition.id));

    const applications = await byApplication();
    const appFull = await loadEditionForOrganiser(applications.edition.id);
    expect(appFull!.candidates).toHaveLength(2);
    expect(appFull!.ended).toHaveLength(1);
    expect(await loadEditionOverview(applications.edition.id)).toEqual(
      await countsFromEveryPlace(applications.edition.id),
    );
    expect(await loadEditionOverview("nessuna-edizione")).toBeNull();

    // A cancelled edition has no seats left to show, and nobody waiting.
    await cancelEdition(await managedEdition(s.organiser.id, s.edition.id), "Corso rinviato");
    const cancelled = await loadEditionOverview(s.edition.id);
    expect(cancelled).toEqual(await countsFromEveryPlace(s.edition.id));
    expect(cancelled!.seatsLeft).toBeNull();
  });

  it("reads no list of the edition's places, and gives the page none", async () => {
    const s = await firstComeWithQuota();
    const statements = await statementsOf(() => pageData(s.organiser.id, s.edition.id));
    const data = await pageData(s.organiser.id, s.edition.id);
    // The page's one list of places is its participant list, a page at a time.
    for (const key of ["enrolled", "waitlisted", "offered", "candidates", "ended"])
      expect(data).not.toHaveProperty(key);
    // No statement reads the places' motivations or answers but the applications' read, which takes those under
    // review only (its status filter).
    const placeRows = statements.filter(readsPlaceRows);
    expect(placeRows.length).toBeLessThanOrEqual(1);
    for (const sql of placeRows) expect(sql).toMatch(filtersStatus);
    // The log sees such a read where there is one: the participants CSV's.
    const csvRead = await statementsOf(() => loadEditionForOrganiser(s.edition.id));
    expect(csvRead.filter(readsPlaceRows)).toHaveLength(1);
    expect(csvRead.filter(readsPlaceRows)[0]).not.toMatch(filtersStatus);
  });
});

describe("a participant's refused removal", () => {
  // The refusal was told only at the top of the page, naming no one, and the reason typed was lost (review 0017,
  // accessibility, finding 2): the answer now says whose removal it was and gives the reason back for that row.
  it("comes back with the participant's place and the reason as typed, and nothing changes", async () => {
    const { organiser, edition } = await createOpenEdition({ seatCap: 3 });
    const [teacher, left] = await createTeachers(2);
    const id = await enrolled(teacher!.id, edition.id);
    const leftId = await enrolled(left!.id, edition.id);
    expect(await cancelByTeacher(left!.id, leftId)).toEqual({ ok: true });
    const say = translator("it");
    const remove = async (enrolmentId: string, reason: string) =>
      runRoute(editionRoute.action as unknown as Handler, {
        cookie: await cookieOf(organiser.id),
        url: `http://localhost/gestione/edizioni/${edition.id}`,
        params: { editionId: edition.id },
        form: { intent: "remove", enrolmentId, reason },
      });

    const blank = await remove(id, "   ");
    expect(blank.status).toBe(400);
    expect(blank.data).toMatchObject({
      error: say("organiserEdition.error.reasonRequired"),
      removing: { enrolmentId: id, reason: "   " },
    });
    const long = await remove(id, "x".repeat(501));
    expect(long.status).toBe(400);
    expect(long.data).toMatchObject({
      error: say("validation.tooLong"),
      removing: { enrolmentId: id, reason: "x".repeat(501) },
    });
    // A place that ended meanwhile (cancelled in another tab): the model's refusal, for that row too.
    const ended = await remove(leftId, "Richiesta della scuola");
    expect(ended.status).toBe(409);
    expect(ended.data).toMatchObject({ removing: { enrolmentId: leftId, reason: "Richiesta della scuola" } });
    expect((await prisma.enrolment.findUniqueOrThrow({ where: { id } })).status).toBe("iscritto");
  });
});

describe("the participant list's waiting places", () => {
  // With regional quotas each waiting place showed its position in its own pool without naming the pool, so two
  // people read "In lista d'attesa (posizione 1)" (review 0017, referent, finding 7).
  it("name their pool in an edition with quotas, and none without", async () => {
    const s = await firstComeWithQuota();
    const waiting = await loadParticipantList(s.edition.id, { q: "", filter: "in-attesa", page: 1 });
    const lines = waiting.rows.map((r) => [r.user.regionCode, r.position, r.pool]);
    expect(lines.sort((a, b) => String(a).localeCompare(String(b)))).toEqual([
      ["lazio", 1, { regionCode: "lazio" }],
      ["lazio", 2, { regionCode: "lazio" }],
      ["toscana", 1, { regionCode: null }],
    ]);
    // Seated people have no position, nor a pool to name.
    const seated = await loadParticipantList(s.edition.id, { q: "", filter: "iscritto", page: 1 });
    expect(seated.rows.map((r) => [r.position, r.pool])).toEqual(seated.rows.map(() => [null, null]));

    const { edition } = await createOpenEdition({ seatCap: 1 });
    for (const t of await createTeachers(2)) await enrolled(t.id, edition.id);
    const plain = await loadParticipantList(edition.id, { q: "", filter: "in-attesa", page: 1 });
    expect(plain.rows.map((r) => [r.position, r.pool])).toEqual([[1, null]]);
  });
});
