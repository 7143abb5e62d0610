// Nobody enrols in training already held (review 0015 publishing, finding 6; ADR 0098 addendum): the enrolment
// window may close as late as the end of the edition's last day, after its last session, but once that session
// has ended the training is over. Enrolment, the waitlist and applications are refused ("training-over") through
// the model and the enrol route, before the window closes; the event page shows the edition as over, without
// the enrol button; an organiser's placement after the end still records the participation.
import { afterAll, describe, expect, it } from "vitest";
import { enrolmentRefusalMessage } from "../../app/components/enrolment-messages.ts";
import { translator } from "../../app/i18n/i18n.tsx";
import { apply } from "../../app/models/application.server.ts";
import { enrol } from "../../app/models/enrolment.server.ts";
import { placeTeacher } from "../../app/models/placement.server.ts";
import * as eventPage from "../../app/routes/eventi.$eventId.tsx";
import * as enrolPage from "../../app/routes/eventi.$eventId_.iscrizione.tsx";
import { prisma } from "../../app/utils/db.server.ts";
import { createOpenEdition, createUser } from "../support/factories.ts";
import { cookieOf, runRoute } from "../support/routes.ts";
import { managedEdition } from "../support/scopes.ts";

afterAll(() => prisma.$disconnect());

const HOUR = 3600_000;

/**
 * The review's webinar: one two-hour session that started `startedHoursAgo` hours ago, the edition's last
 * day and its window running on until `openForHours` hours from now (as the form allows: the window closes
 * by the end of the last day).
 */
async function webinar(options: { startedHoursAgo: number; openForHours?: number; seatCap?: number | null }) {
  const sessionStartsAt = new Date(Date.now() - options.startedHoursAgo * HOUR);
  const closesAt = new Date(Date.now() + (options.openForHours ?? 6) * HOUR);
  const made = await createOpenEdition({
    sessionStartsAt,
    opensAt: new Date(Date.now() - 10 * 24 * HOUR),
    closesAt,
    seatCap: options.seatCap === undefined ? 350 : options.seatCap,
  });
  await prisma.edition.update({ where: { id: made.edition.id }, data: { endsOn: closesAt } });
  return { ...made, sessionStartsAt, sessionEndsAt: new Date(sessionStartsAt.getTime() + 2 * HOUR) };
}

const counters = { seatsTaken: true, waitlistSeq: true } as const;

describe("enrolling once the training is over", () => {
  it("the model takes a seat before the last session ends and refuses from its end, writing nothing", async () => {
    const { edition, sessionEndsAt } = await webinar({ startedHoursAgo: 3 });
    const [early, late] = [await createUser(), await createUser()];
    const before = new Date(sessionEndsAt.getTime() - 60_000);
    expect(await enrol(early.id, edition.id, before)).toMatchObject({ ok: true, status: "iscritto" });
    const seats = await prisma.edition.findUniqueOrThrow({ where: { id: edition.id }, select: counters });

    expect(await enrol(late.id, edition.id, sessionEndsAt)).toEqual({ ok: false, reason: "training-over" });
    expect(await enrol(late.id, edition.id)).toEqual({ ok: false, reason: "training-over" });
    expect(await prisma.enrolment.count({ where: { userId: late.id } })).toBe(0);
    expect(await prisma.edition.findUniqueOrThrow({ where: { id: edition.id }, select: counters })).toEqual(seats);
  });

  it("a full edition gives no waitlist ticket after its end; one before it does", async () => {
    const { edition, sessionEndsAt } = await webinar({ startedHoursAgo: 3, seatCap: 1 });
    const [seated, waiting, late] = [await createUser(), await createUser(), await createUser()];
    const before = new Date(sessionEndsAt.getTime() - 60_000);
    expect(await enrol(seated.id, edition.id, before)).toMatchObject({ ok: true, status: "iscritto" });
    expect(await enrol(waiting.id, edition.id, before)).toMatchObject({ ok: true, status: "in-attesa" });
    expect(await enrol(late.id, edition.id)).toEqual({ ok: false, reason: "training-over" });
    expect(await prisma.enrolment.count({ where: { userId: late.id } })).toBe(0);
  });

  it("an asynchronous activity ending later keeps the training open until it ends", async () => {
    const { edition, sessionEndsAt } = await webinar({ startedHoursAgo: 3 });
    const activityEndsAt = new Date(Date.now() + HOUR);
    await prisma.trainingSession.create({
      data: {
        editionId: edition.id,
        startsAt: sessionEndsAt,
        endsAt: activityEndsAt,
        delivery: "asincrona",
        minutes: 60,
        title: "Attività",
      },
    });
    expect(await enrol((await createUser()).id, edition.id)).toMatchObject({ ok: true, status: "iscritto" });
    expect(await enrol((await createUser()).id, edition.id, activityEndsAt)).toEqual({
      ok: false,
      reason: "training-over",
    });
  });

  it("the enrol route answers 409 training-over after the end, with its sentence, and the event page shows no enrol button", async () => {
    const { event, edition } = await webinar({ startedHoursAgo: 3 });
    const user = await createUser();
    const cookie = await cookieOf(user.id);
    const url = `http://localhost/eventi/${event.id}/iscrizione`;
    const params = { eventId: event.id };
    const refused = await runRoute(enrolPage.action, { url, cookie, params, form: { editionId: edition.id } });
    expect(refused).toMatchObject({
      status: 409,
      data: { refusal: { reason: "training-over", editionId: edition.id } },
    });
    expect(await prisma.enrolment.count({ where: { userId: user.id } })).toBe(0);

    const page = await runRoute(enrolPage.loader, { url, cookie, params });
    const editions = (
      page.data as {
        editions: { id: string; eligibility: unknown; enrolmentOpensAt: string; enrolmentClosesAt: string }[];
      }
    ).editions;
    expect(editions[0]).toMatchObject({ eligibility: { ok: false, reason: "training-over" } });
    expect(enrolmentRefusalMessage(translator("it"), "it", "training-over", editions[0], null)).toBe(
      "La formazione di questa edizione è già conclusa: le iscrizioni sono chiuse.",
    );

    const shown = await runRoute(eventPage.loader, { url: `http://localhost/eventi/${event.id}`, params, cookie });
    expect((shown.data as { event: { editions: { enrolmentState: string }[] } }).event.editions[0]).toMatchObject({
      enrolmentState: "over",
    });
  });

  it("the enrol route still takes the seat while the last session has not ended", async () => {
    // Started an hour ago, ends in an hour: the training is not over.
    const { event, edition } = await webinar({ startedHoursAgo: 1 });
    const user = await createUser();
    const cookie = await cookieOf(user.id);
    const params = { eventId: event.id };
    const shown = await runRoute(eventPage.loader, { url: `http://localhost/eventi/${event.id}`, params, cookie });
    expect((shown.data as { event: { editions: { enrolmentState: string }[] } }).event.editions[0]).toMatchObject({
      enrolmentState: "open",
    });
    const url = `http://localhost/eventi/${event.id}/iscrizione`;
    const done = await runRoute(enrolPage.action, { url, cookie, params, form: { editionId: edition.id } });
    expect(done.status).toBe(302);
    expect(await prisma.enrolment.findFirst({ where: { userId: user.id }, select: { status: true } })).toEqual({
      status: "iscritto",
    });
  });

  it("an application after the end is refused; before it, taken", async () => {
    const { edition, sessionEndsAt } = await webinar({ startedHoursAgo: 3 });
    await prisma.edition.update({ where: { id: edition.id }, data: { admission: "candidatura" } });
    const input = { motivation: "Vorrei approfondire la didattica digitale in classe.", answers: {} };
    const before = new Date(sessionEndsAt.getTime() - 60_000);
    expect(await apply((await createUser()).id, edition.id, input, before)).toMatchObject({ ok: true });
    expect(await apply((await createUser()).id, edition.id, input)).toEqual({ ok: false, reason: "training-over" });
  });

  it("the organiser still records a participation after the end (ADR 0098), with an override while the window is open", async () => {
    const { edition, organiser } = await webinar({ startedHoursAgo: 3 });
    const teacher = await createUser();
    const scope = await managedEdition(organiser.id, edition.id);
    // Between the last session's end and the window's close the training is over: a placement is an override.
    expect(await placeTeacher(scope, { email: teacher.email, override: false, reason: null })).toEqual({
      ok: false,
      reason: "not-eligible",
    });
    const placed = await placeTeacher(scope, {
      email: teacher.email,
      override: true,
      reason: "Presente all'incontro senza iscrizione",
    });
    expect(placed).toMatchObject({ ok: true, status: "iscritto" });
    // After the edition's end (its last day): the participation recorded after the fact, as ADR 0098 says.
    const other = await createUser();
    const afterEnd = new Date(Date.now() + 7 * HOUR);
    const recorded = await placeTeacher(
      scope,
      { email: other.email, override: true, reason: "Presente all'incontro senza iscrizione" },
      afterEnd,
    );
    expect(recorded).toMatchObject({ ok: true, status: "iscritto" });
    expect(
      await prisma.notification.findFirst({
        where: { userId: other.id },
        select: { kind: true },
      }),
    ).toEqual({ kind: "partecipazione-registrata" });
  });
});
