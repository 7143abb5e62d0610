// An edition that has already taken place cannot be cancelled, even before its trainer closes the register
// (review 0015 publishing, finding 1; ADR 0084 addendum). Before, only a closed register stopped the
// cancellation: in the usual gap between the last session and the closing, cancelling the edition from its
// page, or its whole event, told the people who attended "edizione annullata", sent a calendar CANCEL for
// the sessions held and ended their places for good, so no certificate could ever be issued. Real SQLite or
// PostgreSQL (DATABASE_URL); the routes as Remix calls them.
import { afterAll, describe, expect, it } from "vitest";
import { changeEventStatus } from "../../app/models/event.server.ts";
import { cancelEdition } from "../../app/models/seat-ledger.server.ts";
import * as editionRoute from "../../app/routes/gestione.edizioni.$editionId.tsx";
import * as eventRoute from "../../app/routes/gestione.eventi.$eventId.tsx";
import { prisma } from "../../app/utils/db.server.ts";
import { actorOf } from "../support/events.ts";
import { addEdition, createEnrolment, createOpenEdition, createTeachers } from "../support/factories.ts";
import { cookieOf, runRoute, type Handler } from "../support/routes.ts";
import { managedEdition } from "../support/scopes.ts";

afterAll(async () => {
  await prisma.$disconnect();
});

const HOUR = 3600_000;
const REASON = "Il relatore non è disponibile.";

/**
 * An event whose edition 1 ended yesterday (its one session 26 hours ago) with two participants marked
 * present, its register still open; edition 2, next month, has one participant.
 */
async function heldAndUpcoming() {
  const {
    event,
    edition: held,
    organiser,
  } = await createOpenEdition({
    sessionStartsAt: new Date(Date.now() - 26 * HOUR),
    closesAt: new Date(Date.now() - 30 * HOUR),
  });
  const upcoming = await addEdition(event.id);
  const [a, b, c] = await createTeachers(3);
  const attended = [await createEnrolment(held, a!.id), await createEnrolment(held, b!.id)];
  const session = await prisma.trainingSession.findFirstOrThrow({ where: { editionId: held.id } });
  await prisma.attendanceRecord.createMany({
    data: attended.map((e) => ({
      sessionId: session.id,
      enrolmentId: e.id,
      status: "presente",
      recordedById: organiser.id,
    })),
  });
  const waiting = await createEnrolment(upcoming, c!.id);
  return { event, held, upcoming, organiser, attended, waiting, cookie: await cookieOf(organiser.id) };
}

/** Everything a cancellation writes: statuses, places, calendar sequences, notifications, the audit. */
async function state(eventId: string) {
  const editions = await prisma.edition.findMany({
    where: { eventId },
    orderBy: { number: "asc" },
    select: { status: true, seatsTaken: true, cancellationReason: true, attendanceClosedAt: true },
  });
  const [event, places, sessions] = await Promise.all([
    prisma.event.findUniqueOrThrow({ where: { id: eventId }, select: { status: true, cancellationReason: true } }),
    prisma.enrolment.findMany({ where: { eventId }, orderBy: { id: "asc" }, select: { id: true, status: true } }),
    prisma.trainingSession.findMany({
      where: { edition: { eventId } },
      orderBy: { id: "asc" },
      select: { sequence: true },
    }),
  ]);
  const notifications = await prisma.notification.count({ where: { enrolmentId: { in: places.map((p) => p.id) } } });
  return { event, editions, places, sessions, notifications };
}

describe("an edition that has ended, its register still open", () => {
  it("is not cancelled from its page: the button is gone, the action refuses, nothing changes, nobody is told", async () => {
    const { event, held, organiser, cookie } = await heldAndUpcoming();
    const before = await state(event.id);
    expect(await cancelEdition(await managedEdition(organiser.id, held.id), REASON)).toEqual({
      ok: false,
      reason: "ended",
    });
    const answer = await runRoute(editionRoute.action as Handler, {
      cookie,
      url: `http://localhost/gestione/edizioni/${held.id}`,
      params: { editionId: held.id },
      form: { intent: "cancel", confirm: "yes", reason: REASON },
    });
    expect(answer.status).toBe(409);
    expect((answer.data as { error: string }).error).toBe(
      "Questa edizione si è già conclusa: non si può più annullare. Le persone che l'hanno seguita aspettano la chiusura del registro e gli attestati.",
    );
    expect(await state(event.id)).toEqual(before);
    // The page offers no "Annulla l'edizione".
    const page = await runRoute(editionRoute.loader as Handler, {
      cookie,
      url: `http://localhost/gestione/edizioni/${held.id}`,
      params: { editionId: held.id },
    });
    expect(page.data).toMatchObject({ cancellable: false });
  });

  it("refuses the whole event's cancellation, naming that edition, and the confirmation says so", async () => {
    const { event, held, organiser, cookie } = await heldAndUpcoming();
    const before = await state(event.id);
    expect(await changeEventStatus(actorOf(organiser), event.id, "annullato", REASON)).toEqual({
      ok: false,
      status: 409,
      reason: "edition-concluded",
      concluded: [held.number],
    });
    const answer = await runRoute(eventRoute.action as Handler, {
      cookie,
      url: `http://localhost/gestione/eventi/${event.id}`,
      params: { eventId: event.id },
      form: { intent: "cancel", confirm: "yes", reason: REASON },
    });
    expect(answer.status).toBe(409);
    expect(answer.data).toMatchObject({
      error: "events.error.editionsConcluded",
      errorValues: { editions: "1" },
      cancelling: true,
      reason: REASON,
    });
    expect(await state(event.id)).toEqual(before);
    // The confirmation names what cancelling would do: edition 2 cancelled, refused by edition 1.
    const page = await runRoute(eventRoute.loader as Handler, {
      cookie,
      url: `http://localhost/gestione/eventi/${event.id}?annulla=1`,
      params: { eventId: event.id },
    });
    expect(page.data).toMatchObject({ cancellationPlan: { cancels: [2], concluded: [1] } });
  });
});

describe("an edition still to come, or in progress, is cancelled as before", () => {
  it("from its page: the upcoming edition of the same event is cancelled and its participant told", async () => {
    const { event, upcoming, waiting, cookie } = await heldAndUpcoming();
    const page = await runRoute(editionRoute.loader as Handler, {
      cookie,
      url: `http://localhost/gestione/edizioni/${upcoming.id}`,
      params: { editionId: upcoming.id },
    });
    expect(page.data).toMatchObject({ cancellable: true });
    const answer = await runRoute(editionRoute.action as Handler, {
      cookie,
      url: `http://localhost/gestione/edizioni/${upcoming.id}`,
      params: { editionId: upcoming.id },
      form: { intent: "cancel", confirm: "yes", reason: REASON },
    });
    expect(answer.status).toBe(302);
    const after = await state(event.id);
    expect(after.editions.map((e) => e.status)).toEqual(["attiva", "annullata"]);
    expect(await prisma.enrolment.findUniqueOrThrow({ where: { id: waiting.id }, select: { status: true } })).toEqual({
      status: "edizione-annullata",
    });
    expect(await prisma.notification.count({ where: { enrolmentId: waiting.id, kind: "edizione-annullata" } })).toBe(1);
  });

  it("an event whose one edition has started and not ended is cancelled with it (ADR 0084 addendum)", async () => {
    const { event, edition, organiser } = await createOpenEdition({
      sessionStartsAt: new Date(Date.now() - HOUR),
      closesAt: new Date(Date.now() - 2 * HOUR),
    });
    const [teacher] = await createTeachers(1);
    const place = await createEnrolment(edition, teacher!.id);
    const page = await runRoute(eventRoute.loader as Handler, {
      cookie: await cookieOf(organiser.id),
      url: `http://localhost/gestione/eventi/${event.id}?annulla=1`,
      params: { eventId: event.id },
    });
    expect(page.data).toMatchObject({ cancellationPlan: { cancels: [1], concluded: [] } });
    expect(await changeEventStatus(actorOf(organiser), event.id, "annullato", REASON)).toEqual({ ok: true });
    expect(await prisma.edition.findUniqueOrThrow({ where: { id: edition.id }, select: { status: true } })).toEqual({
      status: "annullata",
    });
    expect(await prisma.notification.count({ where: { enrolmentId: place.id, kind: "edizione-annullata" } })).toBe(1);
  });
});
