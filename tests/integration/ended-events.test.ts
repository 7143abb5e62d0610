// Events closed or cancelled before ADR 0084 (their status set alone, as the old code did): the
// reconciliation job (app/models/ended-events.server.ts, ADR 0090) gives them the close's own step, once,
// on SQLite and PostgreSQL, also when two instances run it at the same moment.
import { afterAll, describe, expect, it } from "vitest";
import { SEAT_HOLDING_STATUSES } from "../../app/domain/enrolment.ts";
import { reconcileEndedEvents, settleEventInTransaction } from "../../app/models/ended-events.server.ts";
import { acceptOffer, cancelByTeacher, enrol } from "../../app/models/enrolment.server.ts";
import { SEAT_TRANSACTION } from "../../app/models/seat-ledger.server.ts";
import { prisma } from "../../app/utils/db.server.ts";
import { createOpenEdition, createTeachers } from "../support/factories.ts";

afterAll(() => prisma.$disconnect());

/**
 * A published edition of cap 2 with offers: a and b seated, c and d waiting; a leaves, so c holds an
 * offer. Then the event is ended as the code before ADR 0084 did: its status alone.
 */
async function endedTheOldWay(status: "chiuso" | "annullato", cancellationReason: string | null = null) {
  const { edition, event } = await createOpenEdition({ seatCap: 2, promotionMode: "offerta" });
  const teachers = await createTeachers(4);
  const places: string[] = [];
  for (const t of teachers) places.push(((await enrol(t.id, edition.id)) as { enrolmentId: string }).enrolmentId);
  expect(await cancelByTeacher(teachers[0]!.id, places[0]!)).toEqual({ ok: true });
  await prisma.event.update({ where: { id: event.id }, data: { status, cancellationReason } });
  const statuses = async () =>
    Promise.all(places.map(async (id) => (await prisma.enrolment.findUniqueOrThrow({ where: { id } })).status));
  expect(await statuses()).toEqual(["annullato", "iscritto", "offerta", "in-attesa"]);
  return { edition, event, teachers, places, statuses };
}

/** What the reconciliation may write: statuses, the seat counter, emails and audit entries. */
async function stateOf(editionId: string, eventId: string) {
  const edition = await prisma.edition.findUniqueOrThrow({
    where: { id: editionId },
    select: { status: true, seatsTaken: true },
  });
  const places = await prisma.enrolment.findMany({
    where: { editionId },
    orderBy: { id: "asc" },
    select: { id: true, status: true },
  });
  const notifications = await prisma.notification.groupBy({
    by: ["kind"],
    where: { enrolmentId: { in: places.map((p) => p.id) } },
    _count: { _all: true },
  });
  const audit = await prisma.auditLog.count({ where: { entityType: "edition", entityId: editionId } });
  const event = await prisma.event.findUniqueOrThrow({ where: { id: eventId }, select: { status: true } });
  return {
    ...edition,
    seatHolders: places.filter((p) => (SEAT_HOLDING_STATUSES as readonly string[]).includes(p.status)).length,
    places,
    emails: Object.fromEntries(notifications.map((n) => [n.kind, n._count._all])),
    audit,
    eventStatus: event.status,
  };
}

const offerExpiredEmails = (enrolmentId: string) =>
  prisma.notification.count({ where: { kind: "offerta-scaduta", enrolmentId } });

describe("an event closed before ADR 0084", () => {
  it("gets the close's step: enrolment closed, the offer expired and told once, the seat to nobody", async () => {
    const { edition, event, teachers, places, statuses } = await endedTheOldWay("chiuso");
    const now = new Date();

    expect(await reconcileEndedEvents(now)).toBeGreaterThanOrEqual(1);
    expect(await statuses()).toEqual(["annullato", "iscritto", "offerta-scaduta", "in-attesa"]);
    const after = await stateOf(edition.id, event.id);
    expect(after).toMatchObject({ status: "iscrizioni-chiuse", seatsTaken: 1, seatHolders: 1, eventStatus: "chiuso" });
    expect(await offerExpiredEmails(places[2]!)).toBe(1);
    // The email says the event was closed, not that the teacher let the deadline pass.
    const told = await prisma.notification.findFirstOrThrow({
      where: { kind: "offerta-scaduta", enrolmentId: places[2]! },
    });
    expect(JSON.parse(told.payload)).toMatchObject({ endedBy: "evento-chiuso" });
    // The job's own entry, as the close writes it, with no person as its author.
    const entry = await prisma.auditLog.findFirstOrThrow({
      where: { entityType: "edition", entityId: edition.id, action: "evento-chiuso" },
    });
    expect({ actorId: entry.actorId, details: JSON.parse(entry.details) }).toEqual({
      actorId: null,
      details: { enrolmentClosed: true, expired: 1 },
    });
    expect(await acceptOffer(teachers[2]!.id, places[2]!)).toMatchObject({ ok: false });

    // Run after run, nothing more.
    expect(await reconcileEndedEvents(new Date())).toBe(0);
    expect(await stateOf(edition.id, event.id)).toEqual(after);
  });

  it("two instances settling it at once: one does it, the other waits on the editions' lock and writes nothing", async () => {
    const { edition, event, places, statuses } = await endedTheOldWay("chiuso");
    const now = new Date();
    // One instance's transaction holds the editions' locks and stays open while the other's run starts.
    let started!: () => void;
    const locked = new Promise<void>((resolve) => (started = resolve));
    const first = prisma.$transaction(async (tx) => {
      const settled = await settleEventInTransaction(tx, event.id, now);
      started();
      await new Promise((resolve) => setTimeout(resolve, 300));
      return settled;
    }, SEAT_TRANSACTION);
    await locked;
    const [settledFirst] = await Promise.all([first, reconcileEndedEvents(now), reconcileEndedEvents(now)]);
    expect(settledFirst).toBe(true);
    // Other tests' events may be settled by these runs too: this one was settled by the first only.
    expect(await statuses()).toEqual(["annullato", "iscritto", "offerta-scaduta", "in-attesa"]);
    expect(await offerExpiredEmails(places[2]!)).toBe(1);
    expect(
      await prisma.auditLog.count({ where: { entityType: "edition", entityId: edition.id, action: "evento-chiuso" } }),
    ).toBe(1);
    expect(await stateOf(edition.id, event.id)).toMatchObject({
      status: "iscrizioni-chiuse",
      seatsTaken: 1,
      seatHolders: 1,
    });
  });
});

describe("an event cancelled before ADR 0084 with an edition left open", () => {
  it("gets the cancellation's step with its stored reason: every place ends and is told once", async () => {
    const { edition, event, places, statuses } = await endedTheOldWay("annullato", "Formatore non disponibile");
    expect(await reconcileEndedEvents(new Date())).toBeGreaterThanOrEqual(1);
    expect(await statuses()).toEqual(["annullato", "edizione-annullata", "edizione-annullata", "edizione-annullata"]);
    const after = await stateOf(edition.id, event.id);
    expect(after).toMatchObject({ status: "annullata", seatsTaken: 0, seatHolders: 0, eventStatus: "annullato" });
    for (const id of places.slice(1)) {
      expect(await prisma.notification.count({ where: { kind: "edizione-annullata", enrolmentId: id } })).toBe(1);
    }
    expect(await reconcileEndedEvents(new Date())).toBe(0);
    expect(await stateOf(edition.id, event.id)).toEqual(after);
  });

  it("one cancelled without a stored reason gets the close's step", async () => {
    const { edition, event, places, statuses } = await endedTheOldWay("annullato");
    expect(await reconcileEndedEvents(new Date())).toBeGreaterThanOrEqual(1);
    expect(await statuses()).toEqual(["annullato", "iscritto", "offerta-scaduta", "in-attesa"]);
    expect(await stateOf(edition.id, event.id)).toMatchObject({ status: "iscrizioni-chiuse", seatsTaken: 1 });
    expect(await offerExpiredEmails(places[2]!)).toBe(1);
    expect(await reconcileEndedEvents(new Date())).toBe(0);
  });
});
