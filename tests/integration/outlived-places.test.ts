// A place in line, an offer or an application of an edition that is over (ADR 0011, addendum "places in line end
// with their edition"), against the run's real database: it ends (in-attesa → attesa-conclusa, candidato →
// non-selezionato, an offer expires) and gives back the teacher's one place in the event, by the job
// endOutlivedPlaces (safe to run twice and at once) and, before the job, by any request for a new place in the
// event (enrolment, placement, application); an application's teacher is told the selection was not carried out.
// Before this, such a place kept activeKey for good: the teacher
// could never enrol in a later edition of the event, nor be placed there, and the event page still showed
// her place in line in the ended edition (review 0016, teacher, finding 1).
import { afterAll, describe, expect, it } from "vitest";
import { apply } from "../../app/models/application.server.ts";
import { cancelByTeacher, enrol, enrolAsRequested } from "../../app/models/enrolment.server.ts";
import { loadEnrolPage } from "../../app/models/enrolment-views.server.ts";
import { myEditionStatuses } from "../../app/models/event-page.server.ts";
import { placeTeacher } from "../../app/models/placement.server.ts";
import { endOutlivedPlaces } from "../../app/models/seat-ledger.server.ts";
import { prisma } from "../../app/utils/db.server.ts";
import { enrolmentAttempt } from "../../app/utils/rate-limit.server.ts";
import { addEdition, createOpenEdition, createUser } from "../support/factories.ts";
import { managedEdition } from "../support/scopes.ts";

afterAll(() => prisma.$disconnect());

const MOTIVATION = "Vorrei avviare un progetto STEM con scuole di altri paesi.";

const teacherRow = (id: string) =>
  prisma.user.findUniqueOrThrow({
    where: { id },
    select: { id: true, regionCode: true, schoolLevel: true, professionalRole: true },
  });

const placeOf = (id: string) => prisma.enrolment.findUniqueOrThrow({ where: { id } });

/**
 * Edition 1 (one seat, taken) with the teacher third… second in line, and edition 2 added later; `after`: a
 * day after edition 1's end, while edition 2 still takes enrolments.
 */
async function waitingInEndedEdition(options: { promotionMode?: "automatica" | "offerta" } = {}) {
  const { organiser, event, edition } = await createOpenEdition({ seatCap: 1, ...options });
  const seated = await createUser();
  const waiting = await createUser();
  expect(await enrol(seated.id, edition.id)).toMatchObject({ ok: true, status: "iscritto" });
  const r = await enrol(waiting.id, edition.id);
  expect(r).toMatchObject({ ok: true, status: "in-attesa" });
  if (!r.ok) throw new Error("not waiting");
  const second = await addEdition(event.id);
  const after = new Date(edition.endsOn.getTime() + 24 * 3600_000);
  return { organiser, event, edition, second, seated, waiting, placeId: r.enrolmentId, after };
}

describe("a place that outlived its edition", () => {
  it("lets the teacher enrol in edition 2 after waiting in the ended edition 1 (before the job has run)", async () => {
    const s = await waitingInEndedEdition();
    const teacher = await teacherRow(s.waiting.id);

    // The enrol page no longer says she holds a place, and the event page shows no place in line in edition 1.
    const page = await loadEnrolPage(teacher, s.event.id, s.after);
    expect(page?.held).toBeNull();
    const mine = await myEditionStatuses(s.waiting.id, { id: s.event.id, mode: "online" }, s.after);
    expect(mine[s.edition.id]).toBeUndefined();
    // Before the end, the same place is hers with its position.
    const before = await myEditionStatuses(s.waiting.id, { id: s.event.id, mode: "online" }, new Date());
    expect(before[s.edition.id]).toMatchObject({ status: "in-attesa", position: 1 });

    const r = await enrolAsRequested(teacher, s.event.id, s.second.id, s.after);
    expect(r).toMatchObject({ ok: true, status: "iscritto" });

    const old = await placeOf(s.placeId);
    expect(old).toMatchObject({ status: "attesa-conclusa", activeKey: null, waitlistSeq: null, reason: null });
    expect(old.endedAt).toEqual(s.after);
    const history = await prisma.enrolmentChange.findMany({
      where: { enrolmentId: s.placeId },
      orderBy: { at: "asc" },
    });
    expect(history.map((c) => `${c.fromStatus}>${c.toStatus}`)).toEqual([
      "null>in-attesa",
      "in-attesa>attesa-conclusa",
    ]);
    expect(history.at(-1)?.reason).toBe("Edizione conclusa");
    // No email for a place in line that ended with its edition: only the enrolment's own notifications.
    const kinds = (await prisma.notification.findMany({ where: { userId: s.waiting.id } })).map((n) => n.kind).sort();
    expect(kinds).toEqual(["inserito-in-lista-attesa", "iscrizione-confermata"]);
    // The attempt counted once, not twice for the second try.
    const counter = await prisma.rateLimit.findUnique({ where: { key: enrolmentAttempt(s.waiting.id).key } });
    expect(counter?.points).toBe(1);
  });

  it("keeps refusing a teacher whose place still counts (waiting in an edition not over)", async () => {
    const s = await waitingInEndedEdition();
    const teacher = await teacherRow(s.waiting.id);
    const now = new Date();
    expect(await enrolAsRequested(teacher, s.event.id, s.second.id, now)).toEqual({
      ok: false,
      reason: "already-enrolled",
    });
    expect((await placeOf(s.placeId)).status).toBe("in-attesa");
    expect((await loadEnrolPage(teacher, s.event.id, now))?.held).toEqual({ status: "in-attesa", editionNumber: 1 });
  });

  it("lets the organiser place her in edition 2 (preview and placement)", async () => {
    const s = await waitingInEndedEdition();
    const scope = await managedEdition(s.organiser.id, s.second.id);
    const r = await placeTeacher(scope, { email: s.waiting.email, override: false, reason: null }, s.after);
    expect(r).toMatchObject({ ok: true, status: "iscritto" });
    expect(await placeOf(s.placeId)).toMatchObject({ status: "attesa-conclusa", activeKey: null });
  });

  it("lets an applicant of an ended edition apply to the next one", async () => {
    const { event, edition } = await createOpenEdition({ seatCap: 5 });
    await prisma.edition.update({ where: { id: edition.id }, data: { admission: "candidatura" } });
    const teacher = await createUser();
    const first = await apply(teacher.id, edition.id, { motivation: MOTIVATION, answers: {} });
    expect(first.ok).toBe(true);
    const second = await addEdition(event.id, { admission: "candidatura" });
    const after = new Date(edition.endsOn.getTime() + 3600_000);
    const r = await apply(teacher.id, second.id, { motivation: MOTIVATION, answers: {} }, after);
    expect(r.ok).toBe(true);
    if (!first.ok) return;
    expect(await placeOf(first.enrolmentId)).toMatchObject({ status: "non-selezionato", activeKey: null });
  });

  it("the job ends places in line, applications and offers of editions that are over, once, and only those", async () => {
    const s = await waitingInEndedEdition({ promotionMode: "offerta" });
    // Edition 1: a second teacher waiting, then the seated one leaves: the first in line is offered the seat.
    const third = await createUser();
    const r3 = await enrol(third.id, s.edition.id);
    expect(r3).toMatchObject({ ok: true, status: "in-attesa" });
    const seatedPlace = await prisma.enrolment.findFirstOrThrow({ where: { userId: s.seated.id } });
    expect(await cancelByTeacher(s.seated.id, seatedPlace.id)).toEqual({ ok: true });
    expect((await placeOf(s.placeId)).status).toBe("offerta");
    // An application in an edition by application of another event, over too.
    const byApplication = await createOpenEdition({ seatCap: 5 });
    await prisma.edition.update({ where: { id: byApplication.edition.id }, data: { admission: "candidatura" } });
    const applicant = await createUser();
    const applied = await apply(applicant.id, byApplication.edition.id, { motivation: MOTIVATION, answers: {} });
    if (!applied.ok) throw new Error("no application");
    // Edition 2 of the first event is not over: whoever waits there stays.
    await prisma.edition.update({ where: { id: s.second.id }, data: { seatCap: 1 } });
    const inSecond = [await createUser(), await createUser()];
    for (const u of inSecond) expect((await enrol(u.id, s.second.id)).ok).toBe(true);

    const after = new Date(Math.max(s.after.getTime(), byApplication.edition.endsOn.getTime() + 3600_000));
    // Two instances at once, then again: each place ends exactly once.
    const [a, b] = await Promise.all([endOutlivedPlaces(after), endOutlivedPlaces(after)]);
    expect(a + b).toBeGreaterThanOrEqual(3);
    expect(await endOutlivedPlaces(after)).toBe(0);

    const third3 = await prisma.enrolment.findFirstOrThrow({ where: { userId: third.id } });
    expect(third3).toMatchObject({ status: "attesa-conclusa", activeKey: null });
    expect(await placeOf(s.placeId)).toMatchObject({ status: "offerta-scaduta", activeKey: null });
    expect(await placeOf(applied.enrolmentId)).toMatchObject({
      status: "non-selezionato",
      activeKey: null,
      reason: "Edizione conclusa",
    });
    // The offer's seat went to nobody: the edition holds no seat now.
    expect((await prisma.edition.findUniqueOrThrow({ where: { id: s.edition.id } })).seatsTaken).toBe(0);
    const ended = [third3.id, s.placeId, applied.enrolmentId];
    // Once each: one ending change per place.
    const endings = await prisma.enrolmentChange.count({
      where: {
        enrolmentId: { in: ended },
        toStatus: { in: ["attesa-conclusa", "offerta-scaduta", "non-selezionato"] },
      },
    });
    expect(endings).toBe(3);
    // The one waiting gets no email of it; the applicant, promised an outcome by the receipt, is told once that the
    // selection was not carried out (ADR 0084 addendum of 07/12/2026); the offer's end is told as the training's end.
    expect(
      await prisma.notification.count({ where: { enrolmentId: third3.id, kind: { not: "inserito-in-lista-attesa" } } }),
    ).toBe(0);
    const applicantTold = await prisma.notification.findMany({
      where: { enrolmentId: applied.enrolmentId, kind: { not: "candidatura-ricevuta" } },
    });
    expect(applicantTold.map((n) => [n.kind, JSON.parse(n.payload).endedBy])).toEqual([
      ["candidatura-respinta", "formazione-conclusa"],
    ]);
    expect(await prisma.notification.count({ where: { enrolmentId: s.placeId, kind: "offerta-scaduta" } })).toBe(1);
    // Edition 2 is not over: its place in line stays.
    const stays = await prisma.enrolment.findMany({ where: { editionId: s.second.id }, select: { status: true } });
    expect(stays.map((p) => p.status).sort()).toEqual(["in-attesa", "iscritto"]);
  });
});
