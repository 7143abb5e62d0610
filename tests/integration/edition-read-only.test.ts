// An edition that is off keeps its schedule: once cancelled (its teachers told, their places ended)
// or once its register is closed and its certificates issued, the event form may not move, add or
// remove its sessions nor change its days (updateEvent refuses, changing nothing and telling nobody),
// while the event's other editions stay editable. Real SQLite or PostgreSQL (DATABASE_URL).
import { afterAll, describe, expect, it } from "vitest";
import { issueCertificates } from "../../app/models/certificate.server.ts";
import { enrol } from "../../app/models/enrolment.server.ts";
import { cancelEditionWithReason, updateEvent } from "../../app/models/event.server.ts";
import * as editRoute from "../../app/routes/gestione.eventi.$eventId.modifica.tsx";
import { prisma } from "../../app/utils/db.server.ts";
import { eventInputFrom, toFormData, type EventFormFields } from "../support/event-form-fields.ts";
import { publishTwoWebinarEditions } from "../support/events.ts";
import { createUser, unique } from "../support/factories.ts";
import { cookieOf, runRoute, type Handler } from "../support/routes.ts";
import { managedEdition, trainerEdition } from "../support/scopes.ts";

afterAll(() => prisma.$disconnect());

/** Two editions of two webinars each (February and March 2027), with their stored ids in the fields. */
const twoEditions = () => publishTwoWebinarEditions(unique("Sola lettura "));

async function scheduleOf(editionId: string) {
  return prisma.edition.findUniqueOrThrow({
    where: { id: editionId },
    select: {
      startsOn: true,
      endsOn: true,
      enrolmentClosesAt: true,
      sessions: {
        orderBy: { id: "asc" },
        select: { id: true, startsAt: true, endsAt: true, minutes: true, sequence: true },
      },
    },
  });
}

async function changesOf(editionId: string) {
  const places = await prisma.enrolment.findMany({ where: { editionId }, select: { id: true } });
  return prisma.notification.count({
    where: {
      kind: { in: ["edizione-modificata", "edizione-modificata-offerta"] },
      enrolmentId: { in: places.map((p) => p.id) },
    },
  });
}

describe("the event form on a cancelled edition", () => {
  it("refuses moving, adding or removing its sessions or changing its days, and tells nobody", async () => {
    const { national, eventId, editions, fields } = await twoEditions();
    const [cancelled, other] = editions;
    const teacher = await createUser();
    expect(await enrol(teacher.id, cancelled!.id)).toMatchObject({ ok: true, status: "iscritto" });
    expect(
      await cancelEditionWithReason(await managedEdition(national.id, cancelled!.id), "Relatore indisponibile."),
    ).toEqual({ ok: true });
    const before = await scheduleOf(cancelled!.id);

    const attempts: EventFormFields[] = [
      // moved one hour later
      { "editions[0].sessions[0].startsAt": "2027-02-10T16:00", "editions[0].sessions[0].endsAt": "2027-02-10T18:00" },
      // one more session (the hours split differently so they still add up)
      {
        "editions[0].sessions[1].hours": "1",
        "editions[0].sessions[2].startsAt": "2027-02-12T15:00",
        "editions[0].sessions[2].endsAt": "2027-02-12T16:00",
        "editions[0].sessions[2].delivery": "sincrona",
        "editions[0].sessions[2].hours": "1",
      },
      // the second session removed (its hours moved to the first)
      {
        "editions[0].sessions[0].hours": "4",
        "editions[0].sessions[0].endsAt": "2027-02-10T19:00",
        "editions[0].sessions[1].id": null,
        "editions[0].sessions[1].startsAt": null,
        "editions[0].sessions[1].endsAt": null,
        "editions[0].sessions[1].delivery": null,
        "editions[0].sessions[1].hours": null,
      },
      // its last day and enrolment deadline moved
      { "editions[0].endsOn": "2027-02-18", "editions[0].enrolmentClosesAt": "2027-02-02T23:59" },
    ];
    for (const attempt of attempts) {
      const outcome = await updateEvent(national.actor, eventId, eventInputFrom({ ...fields, ...attempt }));
      expect(outcome, JSON.stringify(attempt)).toMatchObject({
        ok: false,
        status: 400,
        fieldErrors: { "editions[0].sessions": ["events.error.editionCancelledReadOnly"] },
      });
    }
    expect(await scheduleOf(cancelled!.id)).toEqual(before);
    expect(await changesOf(cancelled!.id)).toBe(0);

    // The event's other edition still changes; the cancelled one, sent as it is, is left alone,
    // and the event's new room moves only the sessions still to be held (SEQUENCE).
    const moved = await updateEvent(
      national.actor,
      eventId,
      eventInputFrom({
        ...fields,
        onlineUrl: "https://meet.example.it/altra-stanza",
        "editions[1].sessions[0].startsAt": "2027-03-10T16:00",
        "editions[1].sessions[0].endsAt": "2027-03-10T18:00",
      }),
    );
    expect(moved).toEqual({ ok: true, eventId });
    expect(await scheduleOf(cancelled!.id)).toEqual(before);
    const otherNow = await scheduleOf(other!.id);
    expect(otherNow.sessions.map((s) => s.sequence)).toEqual([1, 1]);
    expect(otherNow.sessions.map((s) => s.startsAt.toISOString())).toContain("2027-03-10T15:00:00.000Z");
  });
});

describe("the event form on an edition whose certificates were issued", () => {
  it("refuses moving, adding or removing its sessions: the certificates' hours were counted on them", async () => {
    const { national, eventId, editions, fields } = await twoEditions();
    const [closed] = editions;
    // Closed once it has ended (17 February 2027).
    await issueCertificates(await trainerEdition(national.id, closed!.id), new Date("2027-02-18T09:00:00Z"));
    const before = await scheduleOf(closed!.id);
    const outcome = await updateEvent(
      national.actor,
      eventId,
      eventInputFrom({
        ...fields,
        "editions[0].sessions[1].startsAt": "2027-02-17T09:00",
        "editions[0].sessions[1].endsAt": "2027-02-17T11:00",
      }),
    );
    expect(outcome).toMatchObject({
      ok: false,
      status: 400,
      fieldErrors: { "editions[0].sessions": ["events.error.editionRegisterClosedReadOnly"] },
    });
    expect(await scheduleOf(closed!.id)).toEqual(before);
    // Nor may the event's certified hours change (the other edition's sessions split to add up to them):
    // the certificates were issued on the hours the closed edition's sessions add up to.
    const moreHours = await updateEvent(
      national.actor,
      eventId,
      eventInputFrom(
        asThePageSends(
          {
            ...fields,
            certifiedHours: "5",
            "editions[1].sessions[1].hours": "3",
            "editions[1].sessions[1].endsAt": "2027-03-17T18:00",
          },
          0,
        ),
      ),
    );
    expect(moreHours).toMatchObject({
      ok: false,
      status: 400,
      fieldErrors: { certifiedHours: ["events.error.certifiedHoursLocked"] },
    });
    expect((await prisma.event.findUniqueOrThrow({ where: { id: eventId } })).certifiedMinutes).toBe(240);
    // Saved as it is (its seat cap may still change), the form goes through.
    expect(
      await updateEvent(national.actor, eventId, eventInputFrom({ ...fields, "editions[0].seatCap": "31" })),
    ).toEqual({ ok: true, eventId });
  });
});

/** The first occurrence of 25/10/2026 02:30 in Rome (summer time): a time the clocks show twice. */
const REPEATED = new Date("2026-10-25T00:30:00.000Z");

/**
 * The edit page's fields as the browser sends them: a locked edition (scheduleLockOf) as its id, its cap
 * and the marker only, its schedule shown as text and not sent (ADR 0084); the others as typed.
 */
function asThePageSends(fields: EventFormFields, lockedIndex: number): EventFormFields {
  const prefix = `editions[${lockedIndex}].`;
  const kept = Object.entries(fields).filter(
    ([name]) => !name.startsWith(prefix) || name === `${prefix}id` || name === `${prefix}seatCap`,
  );
  return { ...Object.fromEntries(kept), [`${prefix}scheduleLocked`]: "on" };
}

async function saveThroughThePage(nationalId: string, eventId: string, fields: EventFormFields) {
  return runRoute(editRoute.action as Handler, {
    cookie: await cookieOf(nationalId),
    url: `http://localhost/gestione/eventi/${eventId}/modifica`,
    params: { eventId },
    form: toFormData(fields),
  });
}

describe("a time stored in the hour Rome lives twice (from before the clock checks)", () => {
  it("in a cancelled edition it no longer blocks the form: the locked schedule is neither sent nor validated", async () => {
    const { national, eventId, editions, fields } = await twoEditions();
    const [cancelled] = editions;
    expect(
      await cancelEditionWithReason(await managedEdition(national.id, cancelled!.id), "Relatore indisponibile."),
    ).toEqual({ ok: true });
    // Stored before readRomeDateTime refused such times: the form shows it as 25/10/2026 02:30.
    await prisma.trainingSession.update({
      where: { id: cancelled!.sessions[0]!.id },
      data: { startsAt: REPEATED, endsAt: new Date(REPEATED.getTime() + 2 * 3600_000) },
    });
    const before = await scheduleOf(cancelled!.id);

    const saved = await saveThroughThePage(
      national.id,
      eventId,
      asThePageSends({ ...fields, title: "Titolo corretto dopo l'annullamento" }, 0),
    );
    expect(saved).toMatchObject({ status: 302, location: `/gestione/eventi/${eventId}?esito=salvato` });
    expect((await prisma.event.findUniqueOrThrow({ where: { id: eventId } })).title).toBe(
      "Titolo corretto dopo l'annullamento",
    );
    expect(await scheduleOf(cancelled!.id)).toEqual(before);

    // The marker on an edition that is not locked (a stale or crafted form) saves nothing.
    const crafted = await saveThroughThePage(national.id, eventId, asThePageSends({ ...fields, title: "Altro" }, 1));
    expect(crafted.status).toBe(400);
    expect((await prisma.event.findUniqueOrThrow({ where: { id: eventId } })).title).toBe(
      "Titolo corretto dopo l'annullamento",
    );
  });

  it("in an open edition it is shown with its own message, and everything typed is kept", async () => {
    const { national, eventId, editions, fields } = await twoEditions();
    const [, open] = editions;
    await prisma.trainingSession.update({
      where: { id: open!.sessions[0]!.id },
      data: { startsAt: REPEATED, endsAt: new Date(REPEATED.getTime() + 2 * 3600_000) },
    });
    // The page shows the stored times as they read in Rome (toRomeInputValue): 02:30 and 03:30.
    const typed = {
      ...fields,
      title: "Un titolo nuovo",
      "editions[1].sessions[0].startsAt": "2026-10-25T02:30",
      "editions[1].sessions[0].endsAt": "2026-10-25T03:30",
    };
    const refused = await saveThroughThePage(national.id, eventId, typed);
    expect(refused.status).toBe(400);
    const reply = (
      refused.data as { result: { initialValue: Record<string, unknown>; error: Record<string, string[]> } }
    ).result;
    expect(reply.error["editions[1].sessions[0].startsAt"]).toEqual(["events.validation.dateTimeAmbiguous"]);
    expect(reply.initialValue).toMatchObject({ title: "Un titolo nuovo" });
    expect(JSON.stringify(reply.initialValue)).toContain("2026-10-25T02:30");
    expect((await prisma.event.findUniqueOrThrow({ where: { id: eventId } })).title).not.toBe("Un titolo nuovo");
  });
});
