// Enrolment against a real database: seats, waitlist, cancellation, offers, caps, and the
// burst of 1,000 concurrent requests for 350 seats.
import { afterAll, describe, expect, it } from "vitest";
import {
  acceptOffer,
  cancelByTeacher,
  declineOffer,
  enrol,
  expireOverdueOffers,
  removeByOrganiser,
} from "../../app/models/enrolment.server.ts";
import { addQuota, cancelEdition, changeSeatCap, releaseQuota } from "../../app/models/seat-ledger.server.ts";
import { changeEventStatus } from "../../app/models/event.server.ts";
import { loadTeacherEnrolments } from "../../app/models/enrolment-views.server.ts";
import { prisma } from "../../app/utils/db.server.ts";
import { consumeEnrolmentAttempt, enrolmentAttempt } from "../../app/utils/rate-limit.server.ts";
import { createOpenEdition, createTeachers, createUser } from "../support/factories.ts";
import { managedEdition } from "../support/scopes.ts";

afterAll(() => prisma.$disconnect());

async function statuses(editionId: string) {
  const rows = await prisma.enrolment.findMany({
    where: { editionId },
    orderBy: { createdAt: "asc" },
    select: { userId: true, status: true, waitlistSeq: true },
  });
  return rows;
}

async function seatsTaken(editionId: string) {
  return (await prisma.edition.findUniqueOrThrow({ where: { id: editionId } })).seatsTaken;
}

/** An edition of one seat with the given rule for freed seats: a seated, b and c in line. */
async function oneSeatAndTwoInLine(promotionMode: "offerta" | "automatica") {
  const { organiser, edition } = await createOpenEdition({ seatCap: 1, promotionMode });
  const [a, b, c] = await createTeachers(3);
  const ra = await enrol(a!.id, edition.id);
  const rb = await enrol(b!.id, edition.id);
  const rc = await enrol(c!.id, edition.id);
  if (!ra.ok || !rb.ok || !rc.ok) throw new Error("expected enrolments");
  return { organiser, edition, a: a!, ra, rb, rc };
}

/** The payload of the enrolment's notification of that kind. */
async function payloadOf(enrolmentId: string, kind: string) {
  const notification = await prisma.notification.findFirstOrThrow({ where: { enrolmentId, kind } });
  return JSON.parse(notification.payload) as Record<string, unknown>;
}

describe("enrol", () => {
  it("gives seats until the cap, then waitlist positions in order", async () => {
    const { edition } = await createOpenEdition({ seatCap: 2 });
    const [a, b, c, d] = await createTeachers(4);
    expect(await enrol(a!.id, edition.id)).toMatchObject({ ok: true, status: "iscritto", waitlistPosition: null });
    expect(await enrol(b!.id, edition.id)).toMatchObject({ ok: true, status: "iscritto" });
    expect(await enrol(c!.id, edition.id)).toMatchObject({ ok: true, status: "in-attesa", waitlistPosition: 1 });
    expect(await enrol(d!.id, edition.id)).toMatchObject({ ok: true, status: "in-attesa", waitlistPosition: 2 });
    expect(await seatsTaken(edition.id)).toBe(2);
  });

  it("refuses a second place in the same event, in any edition, and changes nothing", async () => {
    const { edition, event } = await createOpenEdition({ seatCap: 5 });
    const second = await prisma.edition.create({
      data: {
        eventId: event.id,
        number: 2,
        startsOn: edition.startsOn,
        endsOn: edition.endsOn,
        seatCap: 5,
        enrolmentOpensAt: edition.enrolmentOpensAt,
        enrolmentClosesAt: edition.enrolmentClosesAt,
      },
    });
    const teacher = await createUser();
    expect((await enrol(teacher.id, edition.id)).ok).toBe(true);
    expect(await enrol(teacher.id, edition.id)).toEqual({ ok: false, reason: "already-enrolled" });
    expect(await enrol(teacher.id, second.id)).toEqual({ ok: false, reason: "already-enrolled" });
    expect(await seatsTaken(edition.id)).toBe(1);
    expect(await seatsTaken(second.id)).toBe(0);
  });

  it("refuses outside the window and teachers of another region, with no change", async () => {
    const closed = await createOpenEdition({
      closesAt: new Date(Date.now() - 1000),
      opensAt: new Date(Date.now() - 86_400_000),
    });
    const regional = await createOpenEdition({ level: "regionale", regionCode: "lombardia" });
    const teacher = await createUser({ regionCode: "toscana" });
    expect(await enrol(teacher.id, closed.edition.id)).toEqual({ ok: false, reason: "window-closed" });
    expect(await enrol(teacher.id, regional.edition.id)).toEqual({ ok: false, reason: "other-region" });
    expect(await prisma.enrolment.count({ where: { userId: teacher.id } })).toBe(0);
  });

  it("records the change and one notification per change", async () => {
    const { edition } = await createOpenEdition({ seatCap: 1 });
    const teacher = await createUser();
    const r = await enrol(teacher.id, edition.id);
    if (!r.ok) throw new Error("expected enrolment");
    const changes = await prisma.enrolmentChange.findMany({ where: { enrolmentId: r.enrolmentId } });
    expect(changes).toMatchObject([{ fromStatus: null, toStatus: "iscritto", actorId: teacher.id }]);
    const notes = await prisma.notification.findMany({ where: { enrolmentId: r.enrolmentId } });
    expect(notes.map((n) => n.kind)).toEqual(["iscrizione-confermata"]);
  });
});

describe("enrol counts the rate-limit attempt in its own write (ADR 0023)", () => {
  const counter = async (key: string) => (await prisma.rateLimit.findUnique({ where: { key } }))?.points ?? 0;

  it("one budget with consumeEnrolmentAttempt; a refusal counts too; over the limit no place is taken", async () => {
    const { edition } = await createOpenEdition({ seatCap: 5 });
    const teacher = await createUser();
    const attempt = { ...enrolmentAttempt(teacher.id), limit: 3 };
    expect(await enrol(teacher.id, edition.id, new Date(), { attempt })).toMatchObject({
      ok: true,
      status: "iscritto",
    });
    expect(await counter(attempt.key)).toBe(1);
    // The route's other enrolment actions count on the same row.
    expect(await consumeEnrolmentAttempt(teacher.id)).toEqual({ allowed: true });
    expect(await counter(attempt.key)).toBe(2);
    // Refused inside the seat transaction (already enrolled): the transaction is undone, the attempt still counts.
    expect(await enrol(teacher.id, edition.id, new Date(), { attempt })).toEqual({
      ok: false,
      reason: "already-enrolled",
    });
    expect(await counter(attempt.key)).toBe(3);
    const limited = await enrol(teacher.id, edition.id, new Date(), { attempt });
    expect(limited).toMatchObject({ ok: false, reason: "rate-limited" });
    expect((limited as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(0);
    expect(await counter(attempt.key)).toBe(4);
    // Refused before the transaction (no such edition): counted as well.
    expect(await enrol(teacher.id, "no-such-edition", new Date(), { attempt: { ...attempt, limit: 10 } })).toEqual({
      ok: false,
      reason: "not-found",
    });
    expect(await counter(attempt.key)).toBe(5);
  });

  it("over the limit in the seat transaction: the count is kept, nothing else is written", async () => {
    const { edition } = await createOpenEdition({ seatCap: 5 });
    const [first, second] = await createTeachers(2);
    expect((await enrol(first!.id, edition.id)).ok).toBe(true);
    const attempt = { ...enrolmentAttempt(second!.id), limit: 0 };
    expect(await enrol(second!.id, edition.id, new Date(), { attempt })).toMatchObject({
      ok: false,
      reason: "rate-limited",
    });
    expect(await counter(attempt.key)).toBe(1);
    expect(await prisma.enrolment.count({ where: { userId: second!.id } })).toBe(0);
    expect(await prisma.notification.count({ where: { userId: second!.id } })).toBe(0);
    const counters = await prisma.edition.findUniqueOrThrow({ where: { id: edition.id } });
    expect([counters.seatsTaken, counters.waitlistSeq]).toEqual([1, 0]);
    // Within the limit the same teacher gets the next seat, and the attempt is counted with it.
    expect(await enrol(second!.id, edition.id, new Date(), { attempt: { ...attempt, limit: 2 } })).toMatchObject({
      ok: true,
      status: "iscritto",
    });
    expect(await counter(attempt.key)).toBe(2);
  });
});

describe("waitlist", () => {
  it("promotes the first in line automatically when a seat is cancelled", async () => {
    const { edition } = await createOpenEdition({ seatCap: 1 });
    const [a, b, c] = await createTeachers(3);
    const ra = await enrol(a!.id, edition.id);
    await enrol(b!.id, edition.id);
    await enrol(c!.id, edition.id);
    if (!ra.ok) throw new Error("expected enrolment");
    expect(await cancelByTeacher(a!.id, ra.enrolmentId)).toEqual({ ok: true });
    const byUser = new Map((await statuses(edition.id)).map((r) => [r.userId, r.status]));
    expect([byUser.get(a!.id), byUser.get(b!.id), byUser.get(c!.id)]).toEqual(["annullato", "iscritto", "in-attesa"]);
    expect(await seatsTaken(edition.id)).toBe(1);
    const promoted = await prisma.notification.findMany({ where: { userId: b!.id, kind: "promosso" } });
    expect(promoted).toHaveLength(1);
  });

  it("lets a teacher re-enrol after cancelling", async () => {
    const { edition } = await createOpenEdition({ seatCap: 3 });
    const teacher = await createUser();
    const first = await enrol(teacher.id, edition.id);
    if (!first.ok) throw new Error("expected enrolment");
    await cancelByTeacher(teacher.id, first.enrolmentId);
    expect(await enrol(teacher.id, edition.id)).toMatchObject({ ok: true, status: "iscritto" });
  });

  it("refuses to give up a seat after the cut-off but always lets people leave the waitlist", async () => {
    const { edition } = await createOpenEdition({ seatCap: 1, cancellationCutoffAt: new Date(Date.now() + 3600_000) });
    const [a, b] = await createTeachers(2);
    const ra = await enrol(a!.id, edition.id);
    const rb = await enrol(b!.id, edition.id);
    if (!ra.ok || !rb.ok) throw new Error("expected enrolments");
    const later = new Date(Date.now() + 2 * 3600_000);
    expect(await cancelByTeacher(a!.id, ra.enrolmentId, later)).toEqual({ ok: false, reason: "deadline-passed" });
    expect(await cancelByTeacher(b!.id, rb.enrolmentId, later)).toEqual({ ok: true });
  });

  // Review 0019, teacher, finding 4: a teacher promoted from the waitlist after the first session had started could
  // never give the seat up (the deadline was the first session's start, whenever the seat was taken).
  it("lets a seat taken after the deadline be given up until the next session starts, freed again by the fill rule", async () => {
    const now = Date.now();
    const day = 24 * 3600_000;
    const { organiser, edition } = await createOpenEdition({
      seatCap: 2,
      opensAt: new Date(now - 10 * day),
      sessionStartsAt: new Date(now - day),
    });
    // A second session next week: the course has started and is not over.
    const second = new Date(now + 6 * day);
    await prisma.trainingSession.create({
      data: {
        editionId: edition.id,
        startsAt: second,
        endsAt: new Date(second.getTime() + 2 * 3600_000),
        delivery: "sincrona",
        minutes: 120,
        title: "Incontro 2",
      },
    });
    await prisma.edition.update({
      where: { id: edition.id },
      data: { endsOn: new Date(second.getTime() + 2 * 3600_000) },
    });
    // Three days ago, before the start: two seats, two in line.
    const [a, d, b, c] = await createTeachers(4);
    const places = [];
    for (const t of [a!, d!, b!, c!]) {
      const r = await enrol(t.id, edition.id, new Date(now - 3 * day));
      if (!r.ok) throw new Error(`expected a place, got ${r.reason}`);
      places.push(r.enrolmentId);
    }
    const [pa, pd, pb, pc] = places;
    // Today the organiser removes A: B, first in line, is promoted after the start.
    expect(await removeByOrganiser(await managedEdition(organiser.id, edition.id), pa!, "Mai presente")).toEqual({
      ok: true,
    });
    const statusOf = async (id: string) =>
      (await prisma.enrolment.findUniqueOrThrow({ where: { id }, select: { status: true } })).status;
    expect(await statusOf(pb!)).toBe("iscritto");

    // B's page offers the cancellation until the second session starts; D, seated before the start, still cannot.
    const mine = async (userId: string, id: string, at?: Date) =>
      (await loadTeacherEnrolments(userId, at)).find((e) => e.id === id)!;
    expect(await mine(b!.id, pb!)).toMatchObject({ canCancel: true, cancellationDeadline: second });
    expect(await mine(d!.id, pd!)).toMatchObject({ canCancel: false });
    expect((await mine(b!.id, pb!, new Date(second.getTime() + 60_000))).canCancel).toBe(false);
    // The writer agrees, under the edition's lock: refused once the second session has started, and for D.
    expect(await cancelByTeacher(b!.id, pb!, new Date(second.getTime() + 60_000))).toEqual({
      ok: false,
      reason: "deadline-passed",
    });
    expect(await cancelByTeacher(d!.id, pd!)).toEqual({ ok: false, reason: "deadline-passed" });
    expect(await cancelByTeacher(b!.id, pb!, new Date(Date.now() + day))).toEqual({ ok: true });
    // The seat goes to the next in line, C, who may give it up in turn.
    expect(await statusOf(pb!)).toBe("annullato");
    expect(await statusOf(pc!)).toBe("iscritto");
    expect((await mine(c!.id, pc!)).canCancel).toBe(true);
  });

  it("does not let a teacher cancel someone else's enrolment", async () => {
    const { edition } = await createOpenEdition();
    const [a, b] = await createTeachers(2);
    const ra = await enrol(a!.id, edition.id);
    if (!ra.ok) throw new Error("expected enrolment");
    expect(await cancelByTeacher(b!.id, ra.enrolmentId)).toEqual({ ok: false, reason: "not-found" });
    expect((await statuses(edition.id))[0]!.status).toBe("iscritto");
  });

  it("tells a teacher nothing about someone else's place: not found, whatever its status", async () => {
    const { edition } = await createOpenEdition({ seatCap: 1, promotionMode: "offerta" });
    const [a, b] = await createTeachers(2);
    const ra = await enrol(a!.id, edition.id);
    if (!ra.ok) throw new Error("expected enrolment");
    // A seat (not an offer) can be neither declined nor withdrawn: the owner hears "not-allowed", another "not-found".
    expect(await declineOffer(a!.id, ra.enrolmentId)).toEqual({ ok: false, reason: "not-allowed" });
    expect(await declineOffer(b!.id, ra.enrolmentId)).toEqual({ ok: false, reason: "not-found" });
    // A place already given up is still not found for another teacher.
    expect(await cancelByTeacher(a!.id, ra.enrolmentId)).toEqual({ ok: true });
    expect(await cancelByTeacher(b!.id, ra.enrolmentId)).toEqual({ ok: false, reason: "not-found" });
    expect(await declineOffer(b!.id, ra.enrolmentId)).toEqual({ ok: false, reason: "not-found" });
  });

  it("offers a freed seat, which the teacher accepts in time", async () => {
    const { organiser, edition } = await createOpenEdition({ seatCap: 1, promotionMode: "offerta", offerHours: 48 });
    const [a, b] = await createTeachers(2);
    const ra = await enrol(a!.id, edition.id);
    const rb = await enrol(b!.id, edition.id);
    if (!ra.ok || !rb.ok) throw new Error("expected enrolments");
    await removeByOrganiser(await managedEdition(organiser.id, edition.id), ra.enrolmentId, "Iscrizione duplicata");
    const offered = await prisma.enrolment.findUniqueOrThrow({ where: { id: rb.enrolmentId } });
    expect(offered.status).toBe("offerta");
    expect(offered.offerExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 47 * 3600_000);
    expect(await acceptOffer(b!.id, rb.enrolmentId)).toEqual({ ok: true });
    expect((await prisma.enrolment.findUniqueOrThrow({ where: { id: rb.enrolmentId } })).status).toBe("iscritto");
    const removed = await prisma.enrolment.findUniqueOrThrow({ where: { id: ra.enrolmentId } });
    expect(removed).toMatchObject({ status: "rimosso", reason: "Iscrizione duplicata" });
  });

  it("passes an expired offer to the next person, once, even when expiry runs twice", async () => {
    const { organiser, edition } = await createOpenEdition({ seatCap: 1, promotionMode: "offerta", offerHours: 48 });
    const [a, b, c] = await createTeachers(3);
    const ra = await enrol(a!.id, edition.id);
    const rb = await enrol(b!.id, edition.id);
    const rc = await enrol(c!.id, edition.id);
    if (!ra.ok || !rb.ok || !rc.ok) throw new Error("expected enrolments");
    await removeByOrganiser(await managedEdition(organiser.id, edition.id), ra.enrolmentId, "Rinuncia comunicata");
    const afterDeadline = new Date(Date.now() + 49 * 3600_000);
    expect(await acceptOffer(b!.id, rb.enrolmentId, afterDeadline)).toEqual({ ok: false, reason: "offer-expired" });
    const [first, second] = await Promise.all([expireOverdueOffers(afterDeadline), expireOverdueOffers(afterDeadline)]);
    expect((first ?? 0) + (second ?? 0)).toBeGreaterThanOrEqual(1);
    const b1 = await prisma.enrolment.findUniqueOrThrow({ where: { id: rb.enrolmentId } });
    const c1 = await prisma.enrolment.findUniqueOrThrow({ where: { id: rc.enrolmentId } });
    expect(b1.status).toBe("offerta-scaduta");
    expect(c1.status).toBe("offerta");
    expect(await prisma.notification.count({ where: { enrolmentId: rb.enrolmentId, kind: "offerta-scaduta" } })).toBe(
      1,
    );
    expect(await seatsTaken(edition.id)).toBe(1);
  });

  it("a declined offer goes to the next person", async () => {
    const { organiser, edition } = await createOpenEdition({ seatCap: 1, promotionMode: "offerta" });
    const [a, b, c] = await createTeachers(3);
    const ra = await enrol(a!.id, edition.id);
    const rb = await enrol(b!.id, edition.id);
    const rc = await enrol(c!.id, edition.id);
    if (!ra.ok || !rb.ok || !rc.ok) throw new Error("expected enrolments");
    await removeByOrganiser(await managedEdition(organiser.id, edition.id), ra.enrolmentId, "x");
    expect(await declineOffer(b!.id, rb.enrolmentId)).toEqual({ ok: true });
    expect((await prisma.enrolment.findUniqueOrThrow({ where: { id: rc.enrolmentId } })).status).toBe("offerta");
  });

  it("an offer of a seat a raised cap added says so in its payload; a seat somebody left does not", async () => {
    const { organiser, edition, ra, rb, rc } = await oneSeatAndTwoInLine("offerta");
    const offerPayload = (enrolmentId: string) => payloadOf(enrolmentId, "posto-offerto");
    // The edition page's cap raised by one: the first in line is offered the added seat ("posto-offerto" says so).
    expect(await changeSeatCap(await managedEdition(organiser.id, edition.id), 2)).toEqual({ ok: true });
    expect(await offerPayload(rb.enrolmentId)).toMatchObject({ seatsAdded: true });
    // A seat somebody left: offered as a freed seat.
    await removeByOrganiser(await managedEdition(organiser.id, edition.id), ra.enrolmentId, "x");
    expect(await offerPayload(rc.enrolmentId)).not.toHaveProperty("seatsAdded");
  });

  it("a place a raised cap gave at once says so in its payload; a place somebody left does not", async () => {
    const { organiser, edition, a, ra, rb, rc } = await oneSeatAndTwoInLine("automatica");
    const placePayload = (enrolmentId: string) => payloadOf(enrolmentId, "promosso");
    // The edition page's cap raised by one: the first in line has the added seat ("promosso" says so).
    expect(await changeSeatCap(await managedEdition(organiser.id, edition.id), 2)).toEqual({ ok: true });
    expect(await placePayload(rb.enrolmentId)).toMatchObject({ seatsAdded: true });
    // A seat somebody left: given as a freed seat.
    expect(await cancelByTeacher(a.id, ra.enrolmentId)).toEqual({ ok: true });
    expect(await placePayload(rc.enrolmentId)).not.toHaveProperty("seatsAdded");
  });

  it("fills a raised cap from the waitlist and refuses a cap below the seats taken", async () => {
    const { organiser, edition } = await createOpenEdition({ seatCap: 1 });
    const teachers = await createTeachers(4);
    for (const t of teachers) await enrol(t.id, edition.id);
    expect(await changeSeatCap(await managedEdition(organiser.id, edition.id), 3)).toEqual({ ok: true });
    expect((await statuses(edition.id)).map((r) => r.status).sort()).toEqual([
      "in-attesa",
      "iscritto",
      "iscritto",
      "iscritto",
    ]);
    expect(await changeSeatCap(await managedEdition(organiser.id, edition.id), 2)).toEqual({
      ok: false,
      reason: "below-taken",
    });
    expect(await seatsTaken(edition.id)).toBe(3);
  });

  it("cancelling an edition ends every place and tells everyone", async () => {
    const { organiser, edition } = await createOpenEdition({ seatCap: 2 });
    const teachers = await createTeachers(3);
    for (const t of teachers) await enrol(t.id, edition.id);
    await cancelEdition(await managedEdition(organiser.id, edition.id), "Relatore indisponibile");
    const rows = await statuses(edition.id);
    expect(rows.every((r) => r.status === "edizione-annullata")).toBe(true);
    expect(
      await prisma.notification.count({
        where: { kind: "edizione-annullata", userId: { in: teachers.map((t) => t.id) } },
      }),
    ).toBe(3);
    expect(await enrol(teachers[0]!.id, edition.id)).toEqual({ ok: false, reason: "edition-cancelled" });
  });
});

describe("Le mie iscrizioni", () => {
  it("lists each place with its edition, event, first session, waitlist position and cancellation rule", async () => {
    const sessionStartsAt = new Date(Date.now() + 10 * 24 * 3600_000);
    const cutoff = new Date(sessionStartsAt.getTime() - 24 * 3600_000);
    const full = await createOpenEdition({
      seatCap: 1,
      sessionStartsAt,
      cancellationCutoffAt: cutoff,
      title: "Lista piena",
    });
    const other = await createOpenEdition({ seatCap: 5, title: "Posti liberi" });
    const [first, second, teacher] = await createTeachers(3);
    await enrol(first!.id, full.edition.id);
    await enrol(second!.id, full.edition.id);
    const waiting = await enrol(teacher!.id, full.edition.id);
    const seated = await enrol(teacher!.id, other.edition.id);
    if (!waiting.ok || !seated.ok) throw new Error("expected both requests to be recorded");

    const mine = await loadTeacherEnrolments(teacher!.id);
    expect(mine.map((e) => e.id).sort()).toEqual([seated.enrolmentId, waiting.enrolmentId].sort());
    const onSeat = mine.find((e) => e.id === seated.enrolmentId);
    const onList = mine.find((e) => e.id === waiting.enrolmentId);
    expect(onList).toMatchObject({
      status: "in-attesa",
      active: true,
      position: 2,
      editionNumber: 1,
      canCancel: true,
      byApplication: false,
      certificate: null,
      revokedCertificate: null,
      event: { id: full.event.id, title: "Lista piena", type: full.event.type },
    });
    expect(onList!.firstSessionAt).toEqual(sessionStartsAt);
    expect(onList!.cancellationDeadline).toEqual(cutoff);
    expect(onSeat).toMatchObject({ status: "iscritto", position: null, event: { title: "Posti liberi" } });
    expect(onSeat!.firstSessionAt).toBeInstanceOf(Date);
    expect(onSeat!.offerExpiresAt).toBeNull();
  });
});

describe("quotas", () => {
  async function quotaOf(editionId: string, regionCode: string) {
    return prisma.editionQuota.findUniqueOrThrow({ where: { editionId_regionCode: { editionId, regionCode } } });
  }

  it("a quota fills and waitlists on its own; the general pool is untouched by it", async () => {
    const { organiser, edition } = await createOpenEdition({ seatCap: 4 });
    expect(await addQuota(await managedEdition(organiser.id, edition.id), "lazio", 2)).toEqual({ ok: true });
    const lazio = await createTeachers(3, "lazio");
    const toscana = await createTeachers(3, "toscana");
    const results = [];
    for (const t of lazio) results.push(await enrol(t.id, edition.id));
    for (const t of toscana) results.push(await enrol(t.id, edition.id));
    expect(results.map((r) => (r.ok ? `${r.status}:${r.waitlistPosition ?? ""}` : r.reason))).toEqual([
      "iscritto:",
      "iscritto:",
      "in-attesa:1", // third Lazio teacher: the Lazio quota is full
      "iscritto:",
      "iscritto:",
      "in-attesa:1", // third Toscana teacher: the general pool (4 - 2) is full, and has its own line
    ]);
    expect(await seatsTaken(edition.id)).toBe(4);
    expect((await quotaOf(edition.id, "lazio")).seatsTaken).toBe(2);
  });

  it("a seat freed in a quota goes to that quota's waitlist", async () => {
    const { organiser, edition } = await createOpenEdition({ seatCap: 3 });
    await addQuota(await managedEdition(organiser.id, edition.id), "lazio", 1);
    const [l1, l2] = await createTeachers(2, "lazio");
    const [g1, g2, g3] = await createTeachers(3, "toscana");
    const r1 = await enrol(l1!.id, edition.id);
    const r2 = await enrol(l2!.id, edition.id);
    for (const t of [g1, g2, g3]) await enrol(t!.id, edition.id);
    if (!r1.ok || !r2.ok) throw new Error("expected enrolments");
    await cancelByTeacher(l1!.id, r1.enrolmentId);
    expect((await prisma.enrolment.findUniqueOrThrow({ where: { id: r2.enrolmentId } })).status).toBe("iscritto");
    const g3row = await prisma.enrolment.findFirstOrThrow({ where: { editionId: edition.id, userId: g3!.id } });
    expect(g3row.status).toBe("in-attesa");
  });

  it("releasing a quota gives its unused seats to the general waitlist", async () => {
    const { organiser, edition } = await createOpenEdition({ seatCap: 4 });
    await addQuota(await managedEdition(organiser.id, edition.id), "lazio", 3);
    const [l1] = await createTeachers(1, "lazio");
    const general = await createTeachers(3, "toscana");
    await enrol(l1!.id, edition.id);
    for (const t of general) await enrol(t.id, edition.id);
    // General pool: 1 seat; two Toscana teachers wait.
    expect((await statuses(edition.id)).filter((r) => r.status === "in-attesa")).toHaveLength(2);
    const quota = await quotaOf(edition.id, "lazio");
    expect(await releaseQuota(await managedEdition(organiser.id, edition.id), quota.id)).toEqual({ ok: true });
    expect((await statuses(edition.id)).filter((r) => r.status === "iscritto")).toHaveLength(4);
    expect(await seatsTaken(edition.id)).toBe(4);
    expect(await releaseQuota(await managedEdition(organiser.id, edition.id), quota.id)).toEqual({
      ok: false,
      reason: "released",
    });
    // Lazio teachers now enrol in the general pool.
    const [late] = await createTeachers(1, "lazio");
    expect(await enrol(late!.id, edition.id)).toMatchObject({ ok: true, status: "in-attesa", waitlistPosition: 1 });
  });

  it("a place a released quota gave says so in its payload, offered or given at once; a seat somebody left does not", async () => {
    // ADR 0011, addendum 07/12/2026: nobody left a seat, so the emails do not say one became free.
    for (const promotionMode of ["offerta", "automatica"] as const) {
      const kind = promotionMode === "offerta" ? "posto-offerto" : "promosso";
      const { organiser, edition } = await createOpenEdition({ seatCap: 2, promotionMode });
      const scope = await managedEdition(organiser.id, edition.id);
      await addQuota(scope, "lazio", 1);
      const [t1, t2, t3] = await createTeachers(3, "toscana");
      const seat = await enrol(t1!.id, edition.id);
      const second = await enrol(t2!.id, edition.id);
      const third = await enrol(t3!.id, edition.id);
      if (!seat.ok || !second.ok || !third.ok) throw new Error("expected enrolments");
      expect(second).toMatchObject({ status: "in-attesa", waitlistPosition: 1 });
      expect(await releaseQuota(scope, (await quotaOf(edition.id, "lazio")).id)).toEqual({ ok: true });
      expect(await payloadOf(second.enrolmentId, kind)).toMatchObject({ quotaReleased: true });
      // A seat somebody left (after the release): a freed seat, as before.
      expect(await cancelByTeacher(t1!.id, seat.enrolmentId)).toEqual({ ok: true });
      const freed = await payloadOf(third.enrolmentId, kind);
      expect(freed).not.toHaveProperty("quotaReleased");
      expect(freed).not.toHaveProperty("seatsAdded");
    }
  });

  it("who waited in a released quota's line joins the general line, after those already in it, and gets the next freed seat", async () => {
    // Cap 2, a 1-seat Lazio quota: L1 holds it, L2 waits for it; T1 holds the general seat. The quota released, L1
    // cancels: the seat went to the general pool where nobody waited, and L2, left in a line that could never move
    // again, watched a later teacher take it.
    const { organiser, edition } = await createOpenEdition({ seatCap: 2 });
    const scope = await managedEdition(organiser.id, edition.id);
    await addQuota(scope, "lazio", 1);
    const [l1, l2] = await createTeachers(2, "lazio");
    const [t1, t2] = await createTeachers(2, "toscana");
    const seatL1 = await enrol(l1!.id, edition.id);
    const waitL2 = await enrol(l2!.id, edition.id);
    expect(waitL2).toMatchObject({ ok: true, status: "in-attesa", waitlistPosition: 1 });
    expect(await enrol(t1!.id, edition.id)).toMatchObject({ ok: true, status: "iscritto" });
    expect(await enrol(t2!.id, edition.id)).toMatchObject({ ok: true, status: "in-attesa", waitlistPosition: 1 });
    expect(await releaseQuota(scope, (await quotaOf(edition.id, "lazio")).id)).toEqual({ ok: true });
    const l2row = await prisma.enrolment.findUniqueOrThrow({
      where: { id: (waitL2 as { enrolmentId: string }).enrolmentId },
    });
    expect(l2row).toMatchObject({ status: "in-attesa", quotaId: null });
    // L1 leaves: the general line is T2 then L2.
    if (!seatL1.ok) throw new Error("expected a seat");
    expect(await cancelByTeacher(l1!.id, seatL1.enrolmentId)).toEqual({ ok: true });
    expect(await enrol((await createTeachers(1, "toscana"))[0]!.id, edition.id)).toMatchObject({ status: "in-attesa" });
    const byUser = new Map(
      (await prisma.enrolment.findMany({ where: { editionId: edition.id } })).map((e) => [e.userId, e.status]),
    );
    expect([byUser.get(t2!.id), byUser.get(l2!.id)]).toEqual(["iscritto", "in-attesa"]);
    expect(await seatsTaken(edition.id)).toBe(2);
    // T1 leaves too: L2, next in the general line, gets the seat.
    const t1row = await prisma.enrolment.findFirstOrThrow({ where: { editionId: edition.id, userId: t1!.id } });
    expect(await cancelByTeacher(t1!.id, t1row.id)).toEqual({ ok: true });
    expect((await prisma.enrolment.findUniqueOrThrow({ where: { id: l2row.id } })).status).toBe("iscritto");
  });

  it("reserves only seats still free, once per region", async () => {
    const { organiser, edition } = await createOpenEdition({ seatCap: 3 });
    const teachers = await createTeachers(2, "toscana");
    for (const t of teachers) await enrol(t.id, edition.id);
    expect(await addQuota(await managedEdition(organiser.id, edition.id), "lazio", 2)).toEqual({
      ok: false,
      reason: "not-enough-free-seats",
    });
    expect(await addQuota(await managedEdition(organiser.id, edition.id), "lazio", 1)).toEqual({ ok: true });
    expect(await addQuota(await managedEdition(organiser.id, edition.id), "lazio", 1)).toMatchObject({ ok: false });
  });

  it("concurrent requests from two regions never exceed any pool", async () => {
    const { organiser, edition } = await createOpenEdition({ seatCap: 30 });
    await addQuota(await managedEdition(organiser.id, edition.id), "lazio", 10);
    const lazio = await createTeachers(60, "lazio");
    const toscana = await createTeachers(60, "toscana");
    const results = await Promise.all([...lazio, ...toscana].map((t) => enrol(t.id, edition.id)));
    expect(results.every((r) => r.ok)).toBe(true);
    const rows = await prisma.enrolment.findMany({
      where: { editionId: edition.id },
      select: { status: true, quotaId: true, waitlistSeq: true },
    });
    const quota = await quotaOf(edition.id, "lazio");
    const inQuota = rows.filter((r) => r.quotaId === quota.id);
    const general = rows.filter((r) => r.quotaId === null);
    expect(inQuota.filter((r) => r.status === "iscritto")).toHaveLength(10);
    expect(general.filter((r) => r.status === "iscritto")).toHaveLength(20);
    const seqs = (list: typeof rows) =>
      list
        .filter((r) => r.status === "in-attesa")
        .map((r) => r.waitlistSeq!)
        .sort((a, b) => a - b);
    expect(seqs(inQuota)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(seqs(general)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(await seatsTaken(edition.id)).toBe(30);
  });
});

describe("cancelling the whole event", () => {
  it("cancels every edition and tells every participant once", async () => {
    const { organiser, event, edition } = await createOpenEdition({ seatCap: 1 });
    const teachers = await createTeachers(2);
    for (const t of teachers) await enrol(t.id, edition.id);
    const actor = { userId: organiser.id, roles: [{ role: "unita-nazionale", regionCode: "" }] };
    expect(await changeEventStatus(actor, event.id, "annullato", "Relatore indisponibile")).toEqual({ ok: true });
    const rows = await statuses(edition.id);
    expect(rows.map((r) => r.status)).toEqual(["edizione-annullata", "edizione-annullata"]);
    expect((await prisma.edition.findUniqueOrThrow({ where: { id: edition.id } })).status).toBe("annullata");
    expect(
      await prisma.notification.count({
        where: { kind: "edizione-annullata", userId: { in: teachers.map((t) => t.id) } },
      }),
    ).toBe(2);
  });
});

describe("burst", () => {
  it("1,000 concurrent requests for 350 seats: exactly 350 enrolled, positions 1..650, no errors", async () => {
    const { edition } = await createOpenEdition({ seatCap: 350 });
    const teachers = await createTeachers(1000);
    const results = await Promise.allSettled(teachers.map((t) => enrol(t.id, edition.id)));
    const rejected = results.filter((r) => r.status === "rejected");
    expect(rejected).toEqual([]);
    const outcomes = results.map((r) => (r as PromiseFulfilledResult<Awaited<ReturnType<typeof enrol>>>).value);
    expect(outcomes.every((o) => o.ok)).toBe(true);
    const rows = await statuses(edition.id);
    expect(rows.filter((r) => r.status === "iscritto")).toHaveLength(350);
    const seqs = rows
      .filter((r) => r.status === "in-attesa")
      .map((r) => r.waitlistSeq!)
      .sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 650 }, (_, i) => i + 1));
    expect(new Set(rows.map((r) => r.userId)).size).toBe(1000);
    expect(await seatsTaken(edition.id)).toBe(350);
  });
});
