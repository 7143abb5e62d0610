// Applications (candidature) against a real database: apply, one place per event, eligibility,
// scores, ranking, selection within the cap under concurrent calls, closing the selection once,
// withdrawal. Runs on SQLite and on PostgreSQL (DATABASE_URL).
import { afterAll, describe, expect, it } from "vitest";
import { parseCriteria, parseQuestions } from "../../app/domain/application.ts";
import {
  apply,
  closeSelection,
  loadApplicationsForOrganiser,
  saveApplicationSetup,
  scoreApplicant,
  selectApplicants,
  selectTop,
  setAdmission,
  withdrawApplication,
} from "../../app/models/application.server.ts";
import {
  acceptOffer,
  cancelByTeacher,
  declineOffer,
  enrol,
  expireOverdueOffers,
} from "../../app/models/enrolment.server.ts";
import { addQuota, cancelEdition, endOutlivedPlaceOf, releaseQuota } from "../../app/models/seat-ledger.server.ts";
import { changeEventStatus } from "../../app/models/event.server.ts";
import * as organiserEditionRoute from "../../app/routes/gestione.edizioni.$editionId.tsx";
import * as eventPage from "../../app/routes/eventi.$eventId.tsx";
import * as enrolPage from "../../app/routes/eventi.$eventId_.iscrizione.tsx";
import { renderRoutePage, textOf } from "../support/render-route.ts";
import { editionCsv, loadEditionForOrganiser } from "../../app/models/enrolment-views.server.ts";
import { prisma } from "../../app/utils/db.server.ts";
import { addEdition, createOpenEdition, createTeachers, createUser } from "../support/factories.ts";
import { sendQueued, startFileMailbox } from "../support/file-mailbox.ts";
import { managedEdition } from "../support/scopes.ts";
import { cookieOf, runRoute } from "../support/routes.ts";
import { to } from "../support/smtp.ts";

afterAll(() => prisma.$disconnect());

const QUESTIONS = "Progetti eTwinning realizzati\nLivello di inglese: A2 | B1 | B2 | C1";
const CRITERIA = "Esperienza (max 10)\nMotivazione (max 5)";
const MOTIVATION = "Vorrei avviare un progetto STEM con scuole di altri paesi.";
const ANSWERS = { q1: "Due progetti con la Spagna", q2: "B2" };

function parsed<T>(result: { ok: true; items: T[] } | { ok: false }): T[] {
  if (!result.ok) throw new Error("expected a valid set-up");
  return result.items;
}

/** An open edition switched to applications through the organiser's functions. */
async function applicationEdition(options: Parameters<typeof createOpenEdition>[0] = {}) {
  const created = await createOpenEdition(options);
  const { organiser, edition } = created;
  expect(await setAdmission(await managedEdition(organiser.id, edition.id), "candidatura")).toEqual({ ok: true });
  const setup = { questions: parsed(parseQuestions(QUESTIONS)), criteria: parsed(parseCriteria(CRITERIA)) };
  expect(await saveApplicationSetup(await managedEdition(organiser.id, edition.id), setup)).toEqual({ ok: true });
  return created;
}

async function applyOk(userId: string, editionId: string, now?: Date) {
  const r = await apply(userId, editionId, { motivation: MOTIVATION, answers: ANSWERS }, now);
  if (!r.ok) throw new Error(`expected an application, got ${r.reason}`);
  return r.enrolmentId;
}

async function edition(editionId: string) {
  return prisma.edition.findUniqueOrThrow({ where: { id: editionId } });
}

async function statusesByUser(editionId: string) {
  const rows = await prisma.enrolment.findMany({ where: { editionId }, select: { userId: true, status: true } });
  return new Map(rows.map((r) => [r.userId, r.status]));
}

describe("apply", () => {
  it("records an application under review: no seat, one place in the event, change and notification", async () => {
    const { edition: ed } = await applicationEdition({ seatCap: 6 });
    const teacher = await createUser();
    const id = await applyOk(teacher.id, ed.id);
    const row = await prisma.enrolment.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: "candidato", motivation: MOTIVATION, totalScore: null, priority: false });
    expect(row.activeKey).toBe(`${ed.eventId}:${teacher.id}`);
    expect(JSON.parse(row.answers)).toEqual(ANSWERS);
    expect((await edition(ed.id)).seatsTaken).toBe(0);
    expect(await prisma.enrolmentChange.findMany({ where: { enrolmentId: id } })).toMatchObject([
      { fromStatus: null, toStatus: "candidato", actorId: teacher.id },
    ]);
    const notes = await prisma.notification.findMany({ where: { enrolmentId: id } });
    expect(notes.map((n) => n.kind)).toEqual(["candidatura-ricevuta"]);
    const change = await prisma.enrolmentChange.findFirstOrThrow({ where: { enrolmentId: id } });
    expect(notes[0]!.dedupeKey).toBe(`candidatura-ricevuta:${change.id}`);
  });

  it("refuses first-come enrolment in an application edition, and applications in a first-come edition", async () => {
    const { edition: ed } = await applicationEdition();
    const plain = await createOpenEdition();
    const teacher = await createUser();
    expect(await enrol(teacher.id, ed.id)).toEqual({ ok: false, reason: "application-required" });
    expect(await apply(teacher.id, plain.edition.id, { motivation: MOTIVATION, answers: ANSWERS })).toEqual({
      ok: false,
      reason: "not-application",
    });
    expect(await prisma.enrolment.count({ where: { userId: teacher.id } })).toBe(0);
  });

  it("refuses a second application (or place) in the same event, in any edition", async () => {
    const { organiser, event, edition: ed } = await applicationEdition();
    const second = await prisma.edition.create({
      data: {
        eventId: event.id,
        number: 2,
        startsOn: ed.startsOn,
        endsOn: ed.endsOn,
        seatCap: 5,
        enrolmentOpensAt: ed.enrolmentOpensAt,
        enrolmentClosesAt: ed.enrolmentClosesAt,
      },
    });
    expect(await setAdmission(await managedEdition(organiser.id, second.id), "candidatura")).toEqual({ ok: true });
    const teacher = await createUser();
    await applyOk(teacher.id, ed.id);
    const again = { motivation: MOTIVATION, answers: ANSWERS };
    expect(await apply(teacher.id, ed.id, again)).toEqual({ ok: false, reason: "already-enrolled" });
    expect(await apply(teacher.id, second.id, again)).toEqual({ ok: false, reason: "already-enrolled" });
    expect(await prisma.enrolment.count({ where: { userId: teacher.id } })).toBe(1);
    expect(await prisma.notification.count({ where: { userId: teacher.id } })).toBe(1);
  });

  it("applies the enrolment eligibility rules: window, region, audience", async () => {
    const closed = await applicationEdition({
      opensAt: new Date(Date.now() - 86_400_000),
      closesAt: new Date(Date.now() - 1000),
    });
    const notYet = await applicationEdition({ opensAt: new Date(Date.now() + 86_400_000) });
    const regional = await applicationEdition({ level: "regionale", regionCode: "lombardia" });
    const secondary = await applicationEdition({ schoolLevels: ["secondaria-secondo-grado"] });
    const teacher = await createUser({ regionCode: "toscana", schoolLevel: "primaria" });
    const input = { motivation: MOTIVATION, answers: ANSWERS };
    expect(await apply(teacher.id, closed.edition.id, input)).toEqual({ ok: false, reason: "window-closed" });
    expect(await apply(teacher.id, notYet.edition.id, input)).toEqual({ ok: false, reason: "window-not-open" });
    expect(await apply(teacher.id, regional.edition.id, input)).toEqual({ ok: false, reason: "other-region" });
    expect(await apply(teacher.id, secondary.edition.id, input)).toEqual({
      ok: false,
      reason: "audience-school-level",
    });
    expect(await apply(teacher.id, "no-such-edition", input)).toEqual({ ok: false, reason: "not-found" });
    expect(await prisma.enrolment.count({ where: { userId: teacher.id } })).toBe(0);
  });

  it("requires a 20-2000 character motivation and every answer, choices among the options", async () => {
    const { edition: ed } = await applicationEdition();
    const teacher = await createUser();
    expect(await apply(teacher.id, ed.id, { motivation: "Breve", answers: { q1: "", q2: "C2" } })).toEqual({
      ok: false,
      reason: "invalid",
      motivation: "too-short",
      answers: { q1: "required", q2: "invalid-choice" },
    });
    expect(await apply(teacher.id, ed.id, { motivation: "x".repeat(2001), answers: ANSWERS })).toMatchObject({
      ok: false,
      reason: "invalid",
      motivation: "too-long",
    });
    expect(await prisma.enrolment.count({ where: { userId: teacher.id } })).toBe(0);
  });
});

describe("set-up", () => {
  it("switches admission only while nobody holds or awaits a place", async () => {
    const { organiser, edition: ed } = await createOpenEdition();
    const teacher = await createUser();
    await enrol(teacher.id, ed.id);
    expect(await setAdmission(await managedEdition(organiser.id, ed.id), "candidatura")).toEqual({
      ok: false,
      reason: "has-enrolments",
    });
    expect((await edition(ed.id)).admission).toBe("ordine-arrivo");

    const app = await applicationEdition();
    await applyOk(teacher.id, app.edition.id);
    expect(await setAdmission(await managedEdition(app.organiser.id, app.edition.id), "ordine-arrivo")).toEqual({
      ok: false,
      reason: "has-enrolments",
    });
  });

  it("never switches an edition whose selection is closed: refused at the choice, the choice kept, the selection kept", async () => {
    // Everyone told "non selezionata", nobody holding a place: the switch went through and cleared the closed
    // selection (first come opened the seats to anyone, those told no included; switched back, it reopened).
    const { organiser, edition: ed } = await applicationEdition({ seatCap: 3 });
    const teachers = await createTeachers(2);
    for (const t of teachers) await applyOk(t.id, ed.id);
    const scope = await managedEdition(organiser.id, ed.id);
    expect(await closeSelection(scope)).toMatchObject({ ok: true, notSelected: 2 });
    const closedAt = (await edition(ed.id)).selectionClosedAt;
    expect(closedAt).not.toBeNull();

    expect(await setAdmission(scope, "ordine-arrivo")).toEqual({ ok: false, reason: "selection-closed" });
    expect(await edition(ed.id)).toMatchObject({ admission: "candidatura", selectionClosedAt: closedAt });
    const teacher = await createUser();
    expect(await enrol(teacher.id, ed.id)).toEqual({ ok: false, reason: "application-required" });

    // Through the page: 409, the reason and the way out at the choice, the mode as chosen kept, the switch locked.
    const url = `http://localhost/gestione/edizioni/${ed.id}`;
    const cookie = await cookieOf(organiser.id);
    const posted = await runRoute(organiserEditionRoute.action, {
      url,
      params: { editionId: ed.id },
      cookie,
      form: { intent: "admission", admission: "ordine-arrivo" },
    });
    expect(posted.status).toBe(409);
    expect(posted.data).toMatchObject({ admissionTyped: "ordine-arrivo" });
    expect(await edition(ed.id)).toMatchObject({ admission: "candidatura", selectionClosedAt: closedAt });
    const loaded = await runRoute(organiserEditionRoute.loader, { url, params: { editionId: ed.id }, cookie });
    expect(loaded.data).toMatchObject({
      applications: { canSwitchAdmission: false, admissionLocked: "selection-closed" },
    });
    const html = await renderRoutePage(organiserEditionRoute.default, {
      url,
      path: "/gestione/edizioni/:editionId",
      loaderData: loaded.data,
      actionData: posted.data,
    });
    const field = /<fieldset[^>]*aria-describedby="admission-locked admission-error"[\s\S]*?<\/fieldset>/.exec(
      html,
    )?.[0];
    expect(field).toBeDefined();
    expect(field).toMatch(/<input[^>]*id="admission-ordine-arrivo"[^>]*checked=""/);
    const error = textOf(/<div id="admission-error"[\s\S]*?<\/div>/.exec(field!)?.[0] ?? "");
    expect(error).toContain("la selezione di questa edizione è chiusa");
    expect(error).toContain("aggiungi una nuova edizione");
  });

  it("freezes the questions once someone applied and the criteria once someone was scored", async () => {
    const { organiser, edition: ed } = await applicationEdition();
    const teacher = await createUser();
    const id = await applyOk(teacher.id, ed.id);
    const criteria = parsed(parseCriteria(CRITERIA));
    const otherQuestions = parsed(parseQuestions("Una domanda diversa"));
    expect(
      await saveApplicationSetup(await managedEdition(organiser.id, ed.id), { questions: otherQuestions, criteria }),
    ).toEqual({
      ok: false,
      reason: "questions-locked",
    });
    const sameQuestions = parsed(parseQuestions(QUESTIONS));
    const moreCriteria = parsed(parseCriteria(`${CRITERIA}\nInclusione (max 3)`));
    expect(
      await saveApplicationSetup(await managedEdition(organiser.id, ed.id), {
        questions: sameQuestions,
        criteria: moreCriteria,
      }),
    ).toEqual({ ok: true });
    expect(
      await scoreApplicant(await managedEdition(organiser.id, ed.id), id, {
        scores: { c1: 5, c2: 5, c3: 3 },
        priority: false,
      }),
    ).toEqual({ ok: true, total: 13 });
    expect(
      await saveApplicationSetup(await managedEdition(organiser.id, ed.id), { questions: sameQuestions, criteria }),
    ).toEqual({
      ok: false,
      reason: "criteria-locked",
    });
  });
});

describe("scores and ranking", () => {
  it("validates each score against its criterion and stores the total, with an audit row", async () => {
    const { organiser, edition: ed } = await applicationEdition();
    const teacher = await createUser();
    const id = await applyOk(teacher.id, ed.id);
    expect(
      await scoreApplicant(await managedEdition(organiser.id, ed.id), id, {
        scores: { c1: "11", c2: "-1" },
        priority: false,
      }),
    ).toEqual({
      ok: false,
      reason: "invalid",
      errors: { c1: "out-of-range", c2: "out-of-range" },
    });
    expect(
      await scoreApplicant(await managedEdition(organiser.id, ed.id), id, { scores: { c1: "8" }, priority: false }),
    ).toEqual({
      ok: false,
      reason: "invalid",
      errors: { c2: "required" },
    });
    expect((await prisma.enrolment.findUniqueOrThrow({ where: { id } })).totalScore).toBeNull();
    expect(
      await scoreApplicant(await managedEdition(organiser.id, ed.id), id, {
        scores: { c1: "8,5", c2: "4" },
        priority: true,
      }),
    ).toEqual({
      ok: true,
      total: 12.5,
    });
    const row = await prisma.enrolment.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ totalScore: 12.5, priority: true, status: "candidato" });
    expect(JSON.parse(row.scores)).toEqual({ c1: 8.5, c2: 4 });
    expect(
      await prisma.auditLog.count({ where: { entityType: "enrolment", entityId: id, actorId: organiser.id } }),
    ).toBe(1);
  });

  it("refuses scores for an enrolment of another edition", async () => {
    const a = await applicationEdition();
    const b = await applicationEdition();
    const teacher = await createUser();
    const id = await applyOk(teacher.id, b.edition.id);
    expect(
      await scoreApplicant(await managedEdition(a.organiser.id, a.edition.id), id, {
        scores: { c1: 1, c2: 1 },
        priority: false,
      }),
    ).toEqual({
      ok: false,
      reason: "not-found",
    });
  });

  it("ranks priority first, then total score, then application time; 'top N' follows the ranking", async () => {
    const { organiser, edition: ed } = await applicationEdition({ seatCap: 2 });
    const teachers = await createTeachers(5);
    const base = Date.now() - 60_000;
    const ids: string[] = [];
    for (const [i, t] of teachers.entries()) ids.push(await applyOk(t.id, ed.id, new Date(base + i * 1000)));
    const scope = await managedEdition(organiser.id, ed.id);
    const score = (i: number, c1: number, c2: number, priority = false) =>
      scoreApplicant(scope, ids[i]!, { scores: { c1, c2 }, priority });
    await score(0, 4, 1); // 5, earliest
    await score(1, 9, 5); // 14
    await score(2, 2, 0, true); // 2, priority
    await score(3, 9, 5); // 14, later than 1
    // 4 is not scored
    const view = await loadApplicationsForOrganiser(ed.id);
    expect(view!.applicants.map((a) => a.id)).toEqual([ids[2], ids[1], ids[3], ids[0], ids[4]]);
    expect(view!.applicants.map((a) => a.rank)).toEqual([1, 2, 3, 4, 5]);
    expect(view!.selectable).toBe(2);

    expect(await selectTop(await managedEdition(organiser.id, ed.id), 2)).toEqual({ ok: true, selected: 2 });
    const byUser = await statusesByUser(ed.id);
    expect(teachers.map((t) => byUser.get(t.id))).toEqual([
      "candidato",
      "iscritto",
      "iscritto",
      "candidato",
      "candidato",
    ]);
  });
});

describe("selection", () => {
  it("takes seats, tells each selected applicant once, and refuses beyond the cap with the numbers", async () => {
    const { organiser, edition: ed } = await applicationEdition({ seatCap: 2 });
    const teachers = await createTeachers(4);
    const ids = [];
    for (const t of teachers) ids.push(await applyOk(t.id, ed.id));
    expect(await selectApplicants(await managedEdition(organiser.id, ed.id), [ids[0]!])).toEqual({
      ok: true,
      selected: 1,
    });
    expect(await selectApplicants(await managedEdition(organiser.id, ed.id), [ids[1]!, ids[2]!])).toEqual({
      ok: false,
      reason: "over-cap",
      free: 1,
      requested: 2,
    });
    expect(await selectTop(await managedEdition(organiser.id, ed.id), 3)).toEqual({
      ok: false,
      reason: "over-cap",
      free: 1,
      requested: 3,
    });
    expect(await selectApplicants(await managedEdition(organiser.id, ed.id), [ids[0]!])).toEqual({
      ok: false,
      reason: "not-candidate",
    });
    expect((await edition(ed.id)).seatsTaken).toBe(1);
    const accepted = await prisma.notification.findMany({
      where: { enrolmentId: ids[0]!, kind: "candidatura-accettata" },
    });
    expect(accepted).toHaveLength(1);
    const change = await prisma.enrolmentChange.findFirstOrThrow({
      where: { enrolmentId: ids[0]!, toStatus: "iscritto" },
    });
    expect(change).toMatchObject({ fromStatus: "candidato", actorId: organiser.id });
    expect(accepted[0]!.dedupeKey).toBe(`candidatura-accettata:${change.id}`);
  });

  it("never goes beyond the cap when several selections run at once", async () => {
    const { organiser, edition: ed } = await applicationEdition({ seatCap: 3 });
    const teachers = await createTeachers(8);
    const ids: string[] = [];
    for (const t of teachers) ids.push(await applyOk(t.id, ed.id));
    const results = await Promise.all([
      selectTop(await managedEdition(organiser.id, ed.id), 3),
      selectTop(await managedEdition(organiser.id, ed.id), 3),
      selectApplicants(await managedEdition(organiser.id, ed.id), [ids[7]!]),
      selectApplicants(await managedEdition(organiser.id, ed.id), [ids[6]!, ids[5]!]),
      selectTop(await managedEdition(organiser.id, ed.id), 1),
    ]);
    const selected = results.reduce((sum, r) => sum + (r.ok ? r.selected : 0), 0);
    expect(selected).toBe(3);
    for (const r of results) if (!r.ok) expect(["over-cap", "not-candidate"]).toContain(r.reason);
    expect((await edition(ed.id)).seatsTaken).toBe(3);
    expect(await prisma.enrolment.count({ where: { editionId: ed.id, status: "iscritto" } })).toBe(3);
    expect(
      await prisma.notification.count({
        where: { kind: "candidatura-accettata", userId: { in: teachers.map((t) => t.id) } },
      }),
    ).toBe(3);
  });

  it("closing tells every remaining applicant once, even if closed twice at the same time", async () => {
    const { organiser, edition: ed } = await applicationEdition({ seatCap: 2 });
    const teachers = await createTeachers(5);
    const ids: string[] = [];
    for (const t of teachers) ids.push(await applyOk(t.id, ed.id));
    await selectApplicants(await managedEdition(organiser.id, ed.id), [ids[0]!, ids[1]!]);
    const [first, second] = await Promise.all([
      closeSelection(await managedEdition(organiser.id, ed.id)),
      closeSelection(await managedEdition(organiser.id, ed.id)),
    ]);
    const outcomes = [first, second].map((r) => (r.ok ? r : null));
    expect(outcomes.filter((r) => r && !r.alreadyClosed).map((r) => r!.notSelected)).toEqual([3]);
    expect(outcomes.filter((r) => r?.alreadyClosed)).toHaveLength(1);
    expect(await closeSelection(await managedEdition(organiser.id, ed.id))).toEqual({
      ok: true,
      notSelected: 0,
      reserve: 0,
      alreadyClosed: true,
    });

    const rows = await prisma.enrolment.findMany({ where: { editionId: ed.id } });
    const rest = rows.filter((r) => !ids.slice(0, 2).includes(r.id));
    expect(rest.every((r) => r.status === "non-selezionato" && r.activeKey === null && r.endedAt !== null)).toBe(true);
    const userIds = teachers.map((t) => t.id);
    expect(await prisma.notification.count({ where: { kind: "candidatura-respinta", userId: { in: userIds } } })).toBe(
      3,
    );
    expect(await prisma.notification.count({ where: { kind: "candidatura-accettata", userId: { in: userIds } } })).toBe(
      2,
    );
    for (const r of rest) {
      expect(
        await prisma.enrolmentChange.count({
          where: { enrolmentId: r.id, fromStatus: "candidato", toStatus: "non-selezionato" },
        }),
      ).toBe(1);
    }
    expect((await edition(ed.id)).selectionClosedAt).not.toBeNull();

    // After closing: no more selections, applications or withdrawals.
    expect(await selectTop(await managedEdition(organiser.id, ed.id), 1)).toEqual({
      ok: false,
      reason: "selection-closed",
    });
    const late = await createUser();
    expect(await apply(late.id, ed.id, { motivation: MOTIVATION, answers: ANSWERS })).toEqual({
      ok: false,
      reason: "selection-closed",
    });
    expect(await withdrawApplication(teachers[4]!.id, ids[4]!)).toEqual({ ok: false, reason: "not-allowed" });
  });

  it("the public event page calls an application edition closed once its selection is closed, inside its window", async () => {
    const { organiser, event, edition: ed } = await applicationEdition({ seatCap: 2 });
    const editionOnPage = async () => {
      const r = await runRoute(eventPage.loader, {
        url: `http://localhost/eventi/${event.id}`,
        params: { eventId: event.id },
      });
      expect(r.status).toBe(200);
      const page = r.data as { event: { editions: { enrolmentState: string; admission: string }[] } };
      return page.event.editions[0]!;
    };
    // Open for applications: the page offers to apply (the button reads "Candidati", not "Iscriviti").
    expect(await editionOnPage()).toMatchObject({ enrolmentState: "open", admission: "candidatura" });
    await applyOk((await createUser()).id, ed.id);
    expect(await closeSelection(await managedEdition(organiser.id, ed.id), new Date(), { reserve: false })).toEqual({
      ok: true,
      notSelected: 1,
      reserve: 0,
      alreadyClosed: false,
    });
    // The window is still open, but applications are refused ("selection-closed"): the page says "Chiuse".
    expect((await edition(ed.id)).enrolmentClosesAt.getTime()).toBeGreaterThan(Date.now());
    expect(await editionOnPage()).toMatchObject({ enrolmentState: "closed" });
  });

  it("counts applicants on the organiser's view and exports motivation, answers and total score", async () => {
    const { organiser, edition: ed } = await applicationEdition({ seatCap: 2 });
    const teacher = await createUser({ lastName: "Bianchi" });
    const id = await applyOk(teacher.id, ed.id);
    await scoreApplicant(await managedEdition(organiser.id, ed.id), id, {
      scores: { c1: 7, c2: 3.5 },
      priority: false,
    });
    const view = await loadEditionForOrganiser(ed.id);
    expect(view!.candidates.map((c) => c.id)).toEqual([id]);
    expect(view!.ended).toHaveLength(0);
    const csv = editionCsv(view!);
    const [header, line] = csv.replace("\uFEFF", "").split("\r\n");
    expect(header).toContain("Motivazione");
    expect(header).toContain("Progetti eTwinning realizzati");
    expect(header).toContain("Livello di inglese");
    expect(header).toContain("Punteggio totale");
    expect(line).toContain(MOTIVATION);
    expect(line).toContain("Due progetti con la Spagna");
    expect(line).toContain("10,5");
  });

  it("exports the applicants in the ranking's order, with rank, priority and each criterion's score", async () => {
    // The committee's file must give the order the page showed and "Seleziona le prime N" took: priority first,
    // then the total. Sorted by arrival with the total only, a later applicant with priority and 6 points sat
    // below an earlier one with 9, and nothing in the file said why.
    const { organiser, edition: ed } = await applicationEdition({ seatCap: 2 });
    const scope = await managedEdition(organiser.id, ed.id);
    const first = await applyOk((await createUser({ lastName: "Prima" })).id, ed.id);
    const second = await applyOk((await createUser({ lastName: "Seconda" })).id, ed.id);
    const unscored = await applyOk((await createUser({ lastName: "Terza" })).id, ed.id);
    await scoreApplicant(scope, first, { scores: { c1: 7, c2: 2 }, priority: false });
    await scoreApplicant(scope, second, { scores: { c1: 4, c2: 2 }, priority: true });
    const view = await loadEditionForOrganiser(ed.id);
    expect(view!.candidates.map((c) => c.id)).toEqual([second, first, unscored]);
    const lines = editionCsv(view!).replace("\uFEFF", "").trimEnd().split("\r\n").slice(1);
    expect(lines.map((l) => l.split(";")[0])).toEqual(["Seconda", "Prima", "Terza"]);
    expect(lines[0]).toMatch(/;1;Sì;4;2;6$/);
    expect(lines[1]).toMatch(/;2;No;7;2;9$/);
    expect(lines[2]).toMatch(/;3;No;;;$/);
  });

  it("exports the list with every column name in the organiser's language", async () => {
    const { organiser, edition: ed } = await applicationEdition({ seatCap: 2 });
    const scope = await managedEdition(organiser.id, ed.id);
    const teacher = await createUser({ lastName: "Bianchi" });
    const id = await applyOk(teacher.id, ed.id);
    await scoreApplicant(scope, id, { scores: { c1: 7, c2: 3.5 }, priority: false });
    const view = await loadEditionForOrganiser(ed.id);
    const [header, line] = editionCsv(view!, "en").replace("\uFEFF", "").split("\r\n");
    expect(header).toBe(
      "Surname;First name;Email;School;School code;School level;Region;Status;Waiting list position;" +
        "Offer expires;Requested on;Reason;Certificate (verification code);Certified hours (decimal);Motivation;Question 1: Progetti eTwinning realizzati;" +
        "Question 2: Livello di inglese;Ranking position;Priority;Score: Esperienza (max 10);" +
        "Score: Motivazione (max 5);Total score",
    );
    expect(line).toMatch(/^Bianchi;/);
    // The score in the file's convention, as in Italian: the ";" is for Excel in Italian settings, where "10.5" stayed text.
    expect(line).toMatch(/;1;No;7;3,5;10,5$/);
    // The request's date and time as a spreadsheet reads it (ISO order, Rome's clock), not the page's text.
    expect(line).toMatch(/;\d{4}-\d{2}-\d{2} \d{2}:\d{2};/);
    // Italian stays as it was.
    const [italian] = editionCsv(view!, "it").replace("\uFEFF", "").split("\r\n");
    expect(italian).toBe(
      "Cognome;Nome;Email;Scuola;Codice meccanografico;Ordine di scuola;Regione;Stato;Posizione in lista d'attesa;" +
        "Scadenza offerta;Data richiesta;Motivo;Attestato (codice di verifica);Ore attestate (in decimali);Motivazione;Domanda 1: Progetti eTwinning realizzati;" +
        "Domanda 2: Livello di inglese;Posizione in graduatoria;Priorità;Punteggio: Esperienza (max 10);" +
        "Punteggio: Motivazione (max 5);Punteggio totale",
    );
  });
});

describe("selection and regional quotas", () => {
  it("do not go together: no quota on an edition by application, no switch to applications with a quota", async () => {
    // The selection seats people in the general pool only: a quota's seats stayed empty, and the page hid them.
    const { organiser, edition: ed } = await applicationEdition({ seatCap: 3 });
    const scope = await managedEdition(organiser.id, ed.id);
    expect(await addQuota(scope, "lazio", 2)).toEqual({ ok: false, reason: "by-application" });
    expect(await prisma.editionQuota.count({ where: { editionId: ed.id } })).toBe(0);

    const firstCome = await createOpenEdition({ seatCap: 3 });
    const firstComeScope = await managedEdition(firstCome.organiser.id, firstCome.edition.id);
    expect(await addQuota(firstComeScope, "lazio", 2)).toEqual({ ok: true });
    expect(await setAdmission(firstComeScope, "candidatura")).toEqual({ ok: false, reason: "has-quotas" });
    expect((await edition(firstCome.edition.id)).admission).toBe("ordine-arrivo");
    // Through the page: a 409 with the message that says what to do.
    const refused = await runRoute(organiserEditionRoute.action, {
      url: `http://localhost/gestione/edizioni/${firstCome.edition.id}`,
      params: { editionId: firstCome.edition.id },
      cookie: await cookieOf(firstCome.organiser.id),
      form: { intent: "admission", admission: "candidatura" },
    });
    expect(refused.status).toBe(409);
    expect(JSON.stringify(refused.data)).toContain("rimuovi prima le quote regionali");
    // Once the quota is released, the switch goes through.
    const [quota] = await prisma.editionQuota.findMany({ where: { editionId: firstCome.edition.id } });
    expect(await releaseQuota(firstComeScope, quota!.id)).toEqual({ ok: true });
    expect(await setAdmission(firstComeScope, "candidatura")).toEqual({ ok: true });
  });
});

describe("reserve list after the selection", () => {
  /** Five applicants ranked 2, 1, 3, 0, 4 (by score), two seats, the top two selected. */
  async function rankedAndSelected(seatCap: number | null, selected: number) {
    const { organiser, edition: ed } = await applicationEdition({ seatCap });
    const teachers = await createTeachers(5);
    const base = Date.now() - 60_000;
    const ids: string[] = [];
    for (const [i, t] of teachers.entries()) ids.push(await applyOk(t.id, ed.id, new Date(base + i * 1000)));
    const scores = [5, 8, 10, 4, 1];
    for (const [i, total] of scores.entries()) {
      const r = await scoreApplicant(await managedEdition(organiser.id, ed.id), ids[i]!, {
        scores: { c1: total, c2: 0 },
        priority: false,
      });
      expect(r.ok).toBe(true);
    }
    expect(await selectTop(await managedEdition(organiser.id, ed.id), selected)).toEqual({ ok: true, selected });
    const ranked = [2, 1, 0, 3, 4].map((i) => ({ id: ids[i]!, userId: teachers[i]!.id }));
    return { organiser, ed, ranked };
  }

  const status = async (id: string) =>
    (await prisma.enrolment.findUniqueOrThrow({ where: { id }, select: { status: true } })).status;
  const kinds = async (id: string) =>
    (await prisma.notification.findMany({ where: { enrolmentId: id }, orderBy: { createdAt: "asc" } })).map(
      (n) => n.kind,
    );

  it("puts the applicants not selected on the reserve list in ranking order, and tells each their position", async () => {
    const { organiser, ed, ranked } = await rankedAndSelected(2, 2);
    expect(await closeSelection(await managedEdition(organiser.id, ed.id), new Date(), { reserve: true })).toEqual({
      ok: true,
      notSelected: 0,
      reserve: 3,
      alreadyClosed: false,
    });
    const reserves = ranked.slice(2);
    for (const [i, r] of reserves.entries()) {
      const row = await prisma.enrolment.findUniqueOrThrow({ where: { id: r.id } });
      expect(row.status).toBe("in-attesa");
      expect(row.activeKey).toBe(`${ed.eventId}:${r.userId}`);
      const note = await prisma.notification.findFirstOrThrow({
        where: { enrolmentId: r.id, kind: "candidatura-in-riserva" },
      });
      expect(JSON.parse(note.payload)).toMatchObject({ position: i + 1 });
      expect(
        await prisma.enrolmentChange.count({
          where: { enrolmentId: r.id, fromStatus: "candidato", toStatus: "in-attesa" },
        }),
      ).toBe(1);
    }
    const after = await edition(ed.id);
    expect(after).toMatchObject({ seatsTaken: 2, promotionMode: "offerta" });
    // The organiser sees the reserve order.
    const view = await loadEditionForOrganiser(ed.id);
    expect(view!.waitlisted.map((w) => [w.id, w.position])).toEqual(reserves.map((r, i) => [r.id, i + 1]));
    expect(
      await prisma.notification.count({
        where: { kind: "candidatura-respinta", enrolmentId: { in: ranked.map((r) => r.id) } },
      }),
    ).toBe(0);
  });

  it("offers a seat freed by a withdrawal to the next ranked, passing it on after a decline and an expiry", async () => {
    const { organiser, ed, ranked } = await rankedAndSelected(2, 2);
    await closeSelection(await managedEdition(organiser.id, ed.id), new Date(), { reserve: true });
    const [first, , third, fourth, fifth] = ranked;

    // A selected applicant withdraws: the first reserve is offered the seat with a deadline.
    expect(await cancelByTeacher(first!.userId, first!.id)).toEqual({ ok: true });
    const offered = await prisma.enrolment.findUniqueOrThrow({ where: { id: third!.id } });
    expect(offered.status).toBe("offerta");
    expect(offered.offerExpiresAt).not.toBeNull();
    expect(await kinds(third!.id)).toEqual(["candidatura-ricevuta", "candidatura-in-riserva", "posto-offerto"]);
    expect(await status(fourth!.id)).toBe("in-attesa");
    expect((await edition(ed.id)).seatsTaken).toBe(2);

    // Declined: the next ranked is offered the seat.
    expect(await declineOffer(third!.userId, third!.id)).toEqual({ ok: true });
    expect(await status(third!.id)).toBe("offerta-rifiutata");
    expect(await status(fourth!.id)).toBe("offerta");

    // Expired: it moves on again.
    const deadline = (await prisma.enrolment.findUniqueOrThrow({ where: { id: fourth!.id } })).offerExpiresAt!;
    expect(await expireOverdueOffers(new Date(deadline.getTime() + 1000))).toBeGreaterThanOrEqual(1);
    expect(await status(fourth!.id)).toBe("offerta-scaduta");
    expect(await status(fifth!.id)).toBe("offerta");

    // Accepted: the seat is taken, nobody is left in reserve.
    expect(await acceptOffer(fifth!.userId, fifth!.id)).toEqual({ ok: true });
    expect(await status(fifth!.id)).toBe("iscritto");
    const final = await edition(ed.id);
    expect(final.seatsTaken).toBe(2);
    expect(await prisma.enrolment.count({ where: { editionId: ed.id, status: "iscritto" } })).toBe(2);
    expect(
      await prisma.enrolment.count({ where: { editionId: ed.id, status: { in: ["in-attesa", "offerta"] } } }),
    ).toBe(0);
  });

  it("offers the seats the selection left free at once, first ranked first", async () => {
    const { inbox, mailer } = await startFileMailbox();
    const { organiser, ed, ranked } = await rankedAndSelected(3, 1);
    expect(
      await closeSelection(await managedEdition(organiser.id, ed.id), new Date(), { reserve: true }),
    ).toMatchObject({ reserve: 4 });
    expect(await Promise.all(ranked.map((r) => status(r.id)))).toEqual([
      "iscritto",
      "offerta",
      "offerta",
      "in-attesa",
      "in-attesa",
    ]);
    expect((await edition(ed.id)).seatsTaken).toBe(3);
    const view = await loadEditionForOrganiser(ed.id);
    expect(view!.waitlisted.map((w) => [w.id, w.position])).toEqual([
      [ranked[3]!.id, 1],
      [ranked[4]!.id, 2],
    ]);
    // The reserve-list emails give the position on that list as it is when they leave: after the
    // offers, not the rank written while the selection closed (3 and 4). Those offered a seat get no
    // position (their seat offer comes with it).
    try {
      await sendQueued(mailer, "ap");
      const reserveMail = async (userId: string) => {
        const { email } = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } });
        const mails = to(inbox, email).filter((m) => /graduatoria di riserva/.test(m.text ?? ""));
        expect(mails).toHaveLength(1);
        return mails[0]!.text ?? "";
      };
      expect(await reserveMail(ranked[3]!.userId)).toContain("in posizione 1.");
      expect(await reserveMail(ranked[4]!.userId)).toContain("in posizione 2.");
      for (const offered of [ranked[1]!, ranked[2]!])
        expect(await reserveMail(offered.userId)).not.toMatch(/posizione/);
    } finally {
      mailer.close();
      await inbox.stop();
    }
  });

  it("without a reserve list, the applicants not selected are told so and a freed seat stays free", async () => {
    const { organiser, ed, ranked } = await rankedAndSelected(2, 2);
    expect(
      await closeSelection(await managedEdition(organiser.id, ed.id), new Date(), { reserve: false }),
    ).toMatchObject({
      notSelected: 3,
      reserve: 0,
    });
    expect(await cancelByTeacher(ranked[0]!.userId, ranked[0]!.id)).toEqual({ ok: true });
    expect(await Promise.all(ranked.slice(2).map((r) => status(r.id)))).toEqual([
      "non-selezionato",
      "non-selezionato",
      "non-selezionato",
    ]);
    expect((await edition(ed.id)).seatsTaken).toBe(1);
  });

  describe("closing the selection from the edition page", () => {
    /** The edition page's loader opened at `query`, and its action posting `form`, as the organiser. */
    async function page(organiserId: string, editionId: string) {
      const cookie = await cookieOf(organiserId);
      const at = `http://localhost/gestione/edizioni/${editionId}`;
      return {
        step: async (query: string) => {
          const r = await runRoute(organiserEditionRoute.loader, {
            url: `${at}?${query}`,
            params: { editionId },
            cookie,
          });
          expect(r.status).toBe(200);
          return (r.data as { closingSelection: unknown }).closingSelection;
        },
        post: (form: Record<string, string>) =>
          runRoute(organiserEditionRoute.action, { url: at, params: { editionId }, cookie, form }),
      };
    }

    async function state(editionId: string) {
      const [row, places] = await Promise.all([
        prisma.edition.findUniqueOrThrow({
          where: { id: editionId },
          select: { selectionClosedAt: true, seatsTaken: true },
        }),
        prisma.enrolment.findMany({ where: { editionId }, orderBy: { id: "asc" }, select: { id: true, status: true } }),
      ]);
      const notifications = await prisma.notification.count({
        where: { enrolmentId: { in: places.map((p) => p.id) } },
      });
      return { row, places, notifications };
    }

    it("closes only from the second step, which says with the numbers what will happen", async () => {
      // "Chiudi la selezione" closed at one click, with the reserve box ticked: every applicant emailed at once.
      const { organiser, ed } = await rankedAndSelected(3, 1);
      const { step, post } = await page(organiser.id, ed.id);
      const { offerHours } = await edition(ed.id);
      // Four applicants still under review; two free seats, offered at once to the first two on the reserve list.
      expect(await step("chiudi-selezione=1&riserva=1")).toEqual({
        reserve: true,
        underReview: 4,
        unlimited: false,
        seatsAtOnce: 2,
        giving: "offer",
        offerHours,
      });
      // Without the reserve list: the four are told they were not selected, no seat is given.
      expect(await step("chiudi-selezione=1")).toEqual({
        reserve: false,
        underReview: 4,
        unlimited: false,
        seatsAtOnce: 0,
        giving: "none",
        offerHours,
      });
      expect(await step("")).toBeNull();

      // The old one-click form (no confirmation): 400, the step's message, nothing changed and nobody told.
      const before = await state(ed.id);
      const oneClick = await post({ intent: "close-selection", reserve: "on" });
      expect(oneClick.status).toBe(400);
      expect(oneClick.data).toMatchObject({ closingSelection: true });
      expect(JSON.stringify(oneClick.data)).toContain("secondo passaggio");
      expect(await state(ed.id)).toEqual(before);

      // Confirmed: closed, and the seats offered at once are the ones the step announced.
      const done = await post({ intent: "close-selection", reserve: "on", confirm: "yes" });
      expect(done).toMatchObject({
        status: 302,
        location: `/gestione/edizioni/${ed.id}?selezione-chiusa=riserva&candidature=4`,
      });
      const after = await state(ed.id);
      expect(after.row.selectionClosedAt).not.toBeNull();
      expect(after.places.filter((p) => p.status === "offerta")).toHaveLength(2);
      expect(after.places.filter((p) => p.status === "in-attesa")).toHaveLength(2);
      // Closed: no step any more.
      expect(await step("chiudi-selezione=1&riserva=1")).toBeNull();
    });

    it("on an edition with no seat cap says that a reserve list would offer every applicant a seat", async () => {
      const { organiser, ed } = await rankedAndSelected(null, 2);
      const { step, post } = await page(organiser.id, ed.id);
      expect(await step("chiudi-selezione=1&riserva=1")).toMatchObject({
        reserve: true,
        underReview: 3,
        unlimited: true,
        seatsAtOnce: 3,
        giving: "offer",
      });
      // Without the reserve list (the box is not ticked there): the three are told they were not selected.
      const done = await post({ intent: "close-selection", confirm: "yes" });
      expect(done).toMatchObject({
        status: 302,
        location: `/gestione/edizioni/${ed.id}?selezione-chiusa=non-selezionate&candidature=3`,
      });
      const after = await state(ed.id);
      expect(after.places.filter((p) => p.status === "non-selezionato")).toHaveLength(3);
      expect(after.places.filter((p) => p.status === "offerta")).toHaveLength(0);
    });
  });
});

describe("the organiser's ranking, a page at a time", () => {
  it("reads one page of applicants (ranks global), and a saved score comes back to the applicant's row", async () => {
    // Every application, with its motivation and a score form, was read and drawn on every load of the page.
    const { organiser, edition: ed } = await applicationEdition({ seatCap: 200 });
    const teachers = await createTeachers(120);
    const base = Date.now() - 3_600_000;
    await prisma.enrolment.createMany({
      data: teachers.map((t, i) => ({
        editionId: ed.id,
        eventId: ed.eventId,
        userId: t.id,
        status: "candidato",
        activeKey: `${ed.eventId}:${t.id}`,
        motivation: MOTIVATION,
        answers: JSON.stringify(ANSWERS),
        createdAt: new Date(base + i * 1000),
      })),
    });
    const ids = (
      await prisma.enrolment.findMany({
        where: { editionId: ed.id },
        orderBy: { createdAt: "asc" },
        select: { id: true },
      })
    ).map((r) => r.id);
    const first = await loadApplicationsForOrganiser(ed.id);
    expect(first).toMatchObject({ total: 120, page: 1, pages: 3, selectable: 120 });
    expect(first!.applicants).toHaveLength(50);
    expect(first!.applicants[0]).toMatchObject({ id: ids[0], rank: 1, motivation: MOTIVATION });
    const last = await loadApplicationsForOrganiser(ed.id, "3");
    expect(last!.applicants.map((a) => a.rank)).toEqual(Array.from({ length: 20 }, (_, i) => 101 + i));
    expect(last!.applicants.at(-1)!.id).toBe(ids[119]);
    expect((await loadApplicationsForOrganiser(ed.id, "9"))!.page).toBe(3);
    expect((await loadApplicationsForOrganiser(ed.id, "x"))!.page).toBe(1);

    // Scoring the last to apply moves them to the top: the answer opens page 1 at their row.
    const cookie = await cookieOf(organiser.id);
    const at = `http://localhost/gestione/edizioni/${ed.id}`;
    const saved = await runRoute(organiserEditionRoute.action, {
      url: `${at}?candidature-pagina=3`,
      params: { editionId: ed.id },
      cookie,
      form: { intent: "score", enrolmentId: ids[119]!, "scores.c1": "6", "scores.c2": "2" },
    });
    expect(saved).toMatchObject({
      status: 302,
      location: `/gestione/edizioni/${ed.id}?fatto=1&candidature-pagina=1#candidatura-${ids[119]}`,
    });
    // A score of 0 still ranks before every applicant not scored yet: page 1 too.
    const again = await runRoute(organiserEditionRoute.action, {
      url: at,
      params: { editionId: ed.id },
      cookie,
      form: { intent: "score", enrolmentId: ids[118]!, "scores.c1": "0", "scores.c2": "0" },
    });
    expect(again.location).toBe(`/gestione/edizioni/${ed.id}?fatto=1&candidature-pagina=1#candidatura-${ids[118]}`);
    const page = await runRoute(organiserEditionRoute.loader, {
      url: `${at}?candidature-pagina=3`,
      params: { editionId: ed.id },
      cookie,
    });
    const ranking = (page.data as { applications: { applicants: { id: string; rank: number }[] } }).applications;
    expect(ranking.applicants.at(-1)).toMatchObject({ id: ids[117], rank: 120 });
  });
});

describe("an application refused once its edition takes no more", () => {
  it("says why in the page's summary and keeps the motivation and answers on the page", async () => {
    // The selection closed while the teacher wrote: edition 1's form vanished with the text, and no word said why.
    const { organiser, event, edition: ed } = await applicationEdition({ seatCap: 5 });
    await addEdition(event.id, { admission: "candidatura" });
    const teacher = await createUser();
    const cookie = await cookieOf(teacher.id);
    const url = `http://localhost/eventi/${event.id}/iscrizione`;
    const params = { eventId: event.id };
    expect(await closeSelection(await managedEdition(organiser.id, ed.id))).toMatchObject({ ok: true });
    const motivation = "Scritta in venti minuti: vorrei portare la classe in un progetto europeo.";
    const posted = await runRoute(enrolPage.action, {
      url,
      cookie,
      params,
      form: {
        intent: "apply",
        editionId: ed.id,
        motivation,
        "answers.q1": "Tre progetti con scuole polacche",
        "answers.q2": "B2",
      },
    });
    expect(posted.status).toBe(409);
    expect(await prisma.enrolment.count({ where: { userId: teacher.id } })).toBe(0);
    const page = await runRoute(enrolPage.loader, { url, cookie, params });
    const html = await renderRoutePage(enrolPage.default, {
      url,
      path: "/eventi/:eventId/iscrizione",
      loaderData: page.data,
      actionData: posted.data,
    });
    const summary = /<div class="alert alert-danger" role="alert">([\s\S]*?)<\/div>/.exec(html)?.[1] ?? "";
    expect(textOf(summary)).toContain("La selezione per questa edizione è chiusa.");
    const copy = textOf(/data-testid="unsent-application"[\s\S]*?<\/section>/.exec(html)?.[0] ?? "");
    expect(copy).toContain("Candidatura non inviata");
    expect(copy).toContain(motivation);
    expect(copy).toContain("Tre progetti con scuole polacche");
    // Edition 2 still takes applications: its own form, empty.
    expect(html.match(/Invia la candidatura/g)).toHaveLength(1);
  });

  it("keeps what was typed on a refusal before apply() (unconfirmed address, rate limit)", async () => {
    const { event, edition: ed } = await applicationEdition({ seatCap: 5 });
    const teacher = await createUser({ emailVerifiedAt: null });
    const posted = await runRoute(enrolPage.action, {
      url: `http://localhost/eventi/${event.id}/iscrizione`,
      cookie: await cookieOf(teacher.id),
      params: { eventId: event.id },
      form: { intent: "apply", editionId: ed.id, motivation: MOTIVATION, "answers.q1": "Due", "answers.q2": "B1" },
    });
    expect(posted.status).toBe(403);
    expect(posted.data).toMatchObject({
      editionId: ed.id,
      result: { initialValue: { motivation: MOTIVATION, answers: { q1: "Due", q2: "B1" } } },
    });
  });
});

describe("selecting the first N from the edition page", () => {
  it("seats only from the second step, which says how many take a seat and names those nobody has scored", async () => {
    // "Seleziona le prime N" seated unscored applicants (by arrival) at one tap, emailing each.
    const { organiser, edition: ed } = await applicationEdition({ seatCap: 2 });
    const teachers = await createTeachers(3);
    const base = Date.now() - 60_000;
    const ids: string[] = [];
    for (const [i, t] of teachers.entries()) ids.push(await applyOk(t.id, ed.id, new Date(base + i * 1000)));
    // Only the last applicant is scored: ranked first, then the two unscored by application time.
    expect(
      await scoreApplicant(await managedEdition(organiser.id, ed.id), ids[2]!, {
        scores: { c1: 7, c2: 3 },
        priority: false,
      }),
    ).toMatchObject({ ok: true });
    const cookie = await cookieOf(organiser.id);
    const at = `http://localhost/gestione/edizioni/${ed.id}`;
    const step = async (query: string) => {
      const r = await runRoute(organiserEditionRoute.loader, {
        url: `${at}?${query}`,
        params: { editionId: ed.id },
        cookie,
      });
      expect(r.status).toBe(200);
      return (r.data as { selectingTop: unknown }).selectingTop;
    };
    const post = (form: Record<string, string>) =>
      runRoute(organiserEditionRoute.action, { url: `${at}?seleziona=2`, params: { editionId: ed.id }, cookie, form });

    expect(await step("seleziona=2")).toEqual({
      requested: 2,
      seated: 2,
      unscored: 1,
      unscoredNamed: [
        {
          id: ids[0],
          ...(await prisma.user.findUniqueOrThrow({
            where: { id: teachers[0]!.id },
            select: { firstName: true, lastName: true },
          })),
        },
      ],
      overCap: false,
      free: 2,
    });
    // More than the free seats: the step says so instead of offering the confirmation.
    expect(await step("seleziona=3")).toMatchObject({ requested: 3, seated: 3, unscored: 2, overCap: true, free: 2 });
    expect(await step("")).toBeNull();
    expect(await step("seleziona=0")).toBeNull();

    // The old one-tap form (no confirmation): 400, the step's message, nobody seated and nobody emailed.
    const oneTap = await post({ intent: "select-top", count: "2" });
    expect(oneTap.status).toBe(400);
    expect(oneTap.data).toMatchObject({ selectingTop: true });
    expect(JSON.stringify(oneTap.data)).toContain("secondo passaggio");
    expect([...(await statusesByUser(ed.id)).values()]).toEqual(["candidato", "candidato", "candidato"]);
    expect(
      await prisma.notification.count({ where: { kind: "candidatura-accettata", enrolmentId: { in: ids } } }),
    ).toBe(0);

    const done = await post({ intent: "select-top", count: "2", confirm: "yes" });
    expect(done).toMatchObject({ status: 302, location: `/gestione/edizioni/${ed.id}?fatto=1` });
    const byUser = await statusesByUser(ed.id);
    expect(teachers.map((t) => byUser.get(t.id))).toEqual(["iscritto", "candidato", "iscritto"]);
  });
});

describe("closing the event with applications under review", () => {
  it("tells each applicant still under review that they were not selected, once; the selected keep their seat", async () => {
    const { edition: ed, organiser } = await applicationEdition({ seatCap: 5 });
    const [chosen, waiting] = await createTeachers(2);
    const chosenId = await applyOk(chosen!.id, ed.id);
    const waitingId = await applyOk(waiting!.id, ed.id);
    expect(await selectApplicants(await managedEdition(organiser.id, ed.id), [chosenId])).toMatchObject({ ok: true });
    const national = { userId: organiser.id, roles: [{ role: "unita-nazionale", regionCode: "" }] };
    expect(await changeEventStatus(national, ed.eventId, "chiuso")).toEqual({ ok: true });
    expect(await prisma.enrolment.findUniqueOrThrow({ where: { id: waitingId } })).toMatchObject({
      status: "non-selezionato",
      activeKey: null,
    });
    expect((await prisma.enrolment.findUniqueOrThrow({ where: { id: chosenId } })).status).toBe("iscritto");
    expect(await prisma.notification.count({ where: { enrolmentId: waitingId, kind: "candidatura-respinta" } })).toBe(
      1,
    );
  });
});

describe("applications nobody will select", () => {
  it("each applicant still under review is emailed once that the selection was not carried out, and why", async () => {
    // The receipt promised an outcome; closing the event told them "non accolta" as if the selection had turned them
    // down, a cancellation that their "iscrizione" had ended, and an edition ending with the selection never closed
    // told them nothing at all.
    const { inbox, mailer } = await startFileMailbox();
    try {
      const [closedOne, cancelledOne, endedOne] = await createTeachers(3);
      const national = (userId: string) => ({ userId, roles: [{ role: "unita-nazionale", regionCode: "" }] });

      const closing = await applicationEdition({ seatCap: 5 });
      const closedId = await applyOk(closedOne!.id, closing.edition.id);
      expect(await changeEventStatus(national(closing.organiser.id), closing.edition.eventId, "chiuso")).toEqual({
        ok: true,
      });

      const cancelling = await applicationEdition({ seatCap: 5 });
      const cancelledId = await applyOk(cancelledOne!.id, cancelling.edition.id);
      await cancelEdition(await managedEdition(cancelling.organiser.id, cancelling.edition.id), "Formatrice malata");

      // The edition ends with the selection never closed: the job's step for that edition (twice: told once).
      const ending = await applicationEdition({ seatCap: 5 });
      const endedId = await applyOk(endedOne!.id, ending.edition.id);
      const after = new Date(ending.edition.endsOn.getTime() + 3600_000);
      expect(await endOutlivedPlaceOf(ending.edition.eventId, endedOne!.id, after)).toBe(true);
      expect(await endOutlivedPlaceOf(ending.edition.eventId, endedOne!.id, after)).toBe(true);
      expect(await prisma.enrolment.findUniqueOrThrow({ where: { id: endedId } })).toMatchObject({
        status: "non-selezionato",
        reason: "Edizione conclusa",
      });

      const ending1 = (id: string) =>
        prisma.notification.findMany({ where: { enrolmentId: id, kind: { not: "candidatura-ricevuta" } } });
      expect((await ending1(closedId)).map((n) => n.kind)).toEqual(["candidatura-respinta"]);
      expect((await ending1(cancelledId)).map((n) => n.kind)).toEqual(["edizione-annullata"]);
      expect((await ending1(endedId)).map((n) => n.kind)).toEqual(["candidatura-respinta"]);

      await sendQueued(mailer, "nessuna-selezione");
      const mailTo = async (userId: string) => {
        const { email } = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } });
        const mails = to(inbox, email).filter((m) => !/Candidatura ricevuta/.test(m.subject ?? ""));
        expect(mails).toHaveLength(1);
        return { subject: mails[0]!.subject ?? "", text: (mails[0]!.text ?? "").replace(/\s+/g, " ") };
      };
      const closedMail = await mailTo(closedOne!.id);
      expect(closedMail.subject).toContain("Selezione non svolta");
      expect(closedMail.text).toContain("ha chiuso l'iniziativa prima di completare la selezione");
      expect(closedMail.text).not.toContain("non è stata accolta");
      const cancelledMail = await mailTo(cancelledOne!.id);
      expect(cancelledMail.text).toContain("prima della selezione: la selezione non si farà");
      expect(cancelledMail.text).toContain("Formatrice malata");
      expect(cancelledMail.text).not.toContain("la tua iscrizione è chiusa");
      const endedMail = await mailTo(endedOne!.id);
      expect(endedMail.subject).toContain("Selezione non svolta");
      expect(endedMail.text).toContain("si è conclusa senza che l'organizzazione completasse la selezione");
    } finally {
      mailer.close();
      await inbox.stop();
    }
  });
});

describe("the ranking of a closed event", () => {
  /** The organiser's edition page as drawn from its loader. */
  async function organiserPage(organiserId: string, editionId: string) {
    const url = `http://localhost/gestione/edizioni/${editionId}`;
    const page = await runRoute(organiserEditionRoute.loader, {
      url,
      params: { editionId },
      cookie: await cookieOf(organiserId),
    });
    expect(page.status).toBe(200);
    return renderRoutePage(organiserEditionRoute.default, {
      url,
      path: "/gestione/edizioni/:editionId",
      loaderData: page.data,
    });
  }
  const ranking = (html: string) =>
    /<section aria-labelledby="ranking-heading"[\s\S]*?<\/section>/.exec(html)?.[0] ?? "";

  it("says the event is closed and offers no selection, the ranking and its CSV still there", async () => {
    // A closed event's ranking still offered "Seleziona le prime N", each row's "Seleziona" and "Chiudi la
    // selezione": every click ended in the domain's refusal (edition-closed, ADR 0084).
    const { organiser, edition: ed } = await applicationEdition({ seatCap: 5 });
    const teachers = await createTeachers(2);
    for (const t of teachers) await applyOk(t.id, ed.id);
    const open = ranking(await organiserPage(organiser.id, ed.id));
    expect(open).toContain("Seleziona le prime N");
    expect(open).toContain("Chiudi la selezione");

    const national = { userId: organiser.id, roles: [{ role: "unita-nazionale", regionCode: "" }] };
    expect(await changeEventStatus(national, ed.eventId, "chiuso")).toEqual({ ok: true });
    const closed = await organiserPage(organiser.id, ed.id);
    const section = ranking(closed);
    expect(textOf(section)).toContain("L'iniziativa è chiusa: non si possono più selezionare candidature");
    for (const control of ["Seleziona le prime N", "Chiudi la selezione", "Seleziona ", "Salva la valutazione"])
      expect(textOf(section)).not.toContain(control);
    expect(closed).toContain(`/gestione/edizioni/${ed.id}/iscritti.csv`);

    // An event closed before ADR 0084's close settled its editions (the ended-events job settles it later): its
    // applications still under review stay readable in the ranking, with no button to select or score them.
    const old = await applicationEdition({ seatCap: 5 });
    const [pending] = await createTeachers(1);
    await applyOk(pending!.id, old.edition.id);
    await prisma.event.update({ where: { id: old.edition.eventId }, data: { status: "chiuso" } });
    const readable = textOf(ranking(await organiserPage(old.organiser.id, old.edition.id)));
    expect(readable).toContain(MOTIVATION);
    expect(readable).toContain("L'iniziativa è chiusa");
    expect(readable).not.toContain("Seleziona ");
    expect(readable).not.toContain("Salva la valutazione");
  });
});

describe("withdrawal and cancellation", () => {
  it("lets the applicant withdraw (and apply again), never someone else", async () => {
    const { edition: ed } = await applicationEdition();
    const [a, b] = await createTeachers(2);
    const id = await applyOk(a!.id, ed.id);
    expect(await withdrawApplication(b!.id, id)).toEqual({ ok: false, reason: "not-found" });
    expect(await withdrawApplication(a!.id, id)).toEqual({ ok: true });
    const row = await prisma.enrolment.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: "annullato", activeKey: null });
    expect(
      await prisma.enrolmentChange.count({
        where: { enrolmentId: id, fromStatus: "candidato", toStatus: "annullato", actorId: a!.id },
      }),
    ).toBe(1);
    expect(await withdrawApplication(a!.id, id)).toEqual({ ok: false, reason: "not-allowed" });
    await applyOk(a!.id, ed.id);
  });

  it("cancelling the edition ends the applications and tells the applicants", async () => {
    const { organiser, edition: ed } = await applicationEdition();
    const teachers = await createTeachers(2);
    for (const t of teachers) await applyOk(t.id, ed.id);
    await cancelEdition(await managedEdition(organiser.id, ed.id), "Seminario rinviato");
    const rows = await prisma.enrolment.findMany({ where: { editionId: ed.id } });
    expect(rows.map((r) => [r.status, r.activeKey])).toEqual([
      ["edizione-annullata", null],
      ["edizione-annullata", null],
    ]);
    expect((await edition(ed.id)).seatsTaken).toBe(0);
    expect(
      await prisma.notification.count({
        where: { kind: "edizione-annullata", userId: { in: teachers.map((t) => t.id) } },
      }),
    ).toBe(2);
  });

  it("on a cancelled edition the state table refuses every organiser action with a typed reason, changing nothing", async () => {
    const { organiser, edition: ed } = await applicationEdition();
    const [t] = await createTeachers(1);
    const id = await applyOk(t!.id, ed.id);
    const scope = await managedEdition(organiser.id, ed.id);
    await cancelEdition(scope, "Seminario rinviato");
    // Everything but updatedAt (the lock's own write).
    const snapshot = async () => ({
      edition: { ...(await edition(ed.id)), updatedAt: null },
      rows: await prisma.enrolment.findMany({ where: { editionId: ed.id }, orderBy: { id: "asc" } }),
      changes: await prisma.enrolmentChange.count({ where: { enrolmentId: id } }),
    });
    const before = await snapshot();
    const refused = { ok: false, reason: "edition-cancelled" };
    expect(await setAdmission(scope, "ordine-arrivo")).toEqual(refused);
    expect(await saveApplicationSetup(scope, { questions: [], criteria: [] })).toEqual(refused);
    expect(await scoreApplicant(scope, id, { scores: { c1: 1, c2: 1 }, priority: false })).toEqual(refused);
    expect(await selectApplicants(scope, [id])).toEqual(refused);
    expect(await selectTop(scope, 1)).toEqual(refused);
    expect(await closeSelection(scope, new Date(), { reserve: true })).toEqual(refused);
    expect(await withdrawApplication(t!.id, id)).toEqual({ ok: false, reason: "not-allowed" });
    expect(await snapshot()).toEqual(before);
  });
});
