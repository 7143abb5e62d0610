// The edit form offers to remove only what the save will remove (review of the event form's publishing, finding 1):
// an edition holding places (any place, in any state) is cancelled from its own page, and a session with register
// lines or completed activities has taken place and stays. The page's loader tells the form which ones, and how many
// materials each session has (they go with it: finding 2); the save still refuses a crafted removal. Real SQLite or
// PostgreSQL (DATABASE_URL).
import { afterAll, describe, expect, it } from "vitest";
import { enrol } from "../../app/models/enrolment.server.ts";
import { updateEvent } from "../../app/models/event.server.ts";
import * as editRoute from "../../app/routes/gestione.eventi.$eventId.modifica.tsx";
import { prisma } from "../../app/utils/db.server.ts";
import { eventInputFrom, toFormData, type EventFormFields } from "../support/event-form-fields.ts";
import { publishTwoWebinarEditions } from "../support/events.ts";
import { createUser, unique } from "../support/factories.ts";
import { cookieOf, runRoute, type Handler } from "../support/routes.ts";

afterAll(() => prisma.$disconnect());

/** Two editions of two webinars each (February and March 2027), with their stored ids in the fields. */
const twoEditions = () => publishTwoWebinarEditions(unique("Rimozioni "));

type Removals = {
  editionsWithPlaces: string[];
  sessionsWithRecords: string[];
  recordedDeliveries: Record<string, string>;
  materialsBySession: Record<string, number>;
};

async function removalsOnThePage(userId: string, eventId: string): Promise<Removals> {
  const page = await runRoute(editRoute.loader as Handler, {
    cookie: await cookieOf(userId),
    url: `http://localhost/gestione/eventi/${eventId}/modifica`,
    params: { eventId },
  });
  expect(page.status).toBe(200);
  return (page.data as { removals: Removals }).removals;
}

const sorted = (ids: string[]) => [...ids].sort();

describe("the edit page tells the form what it may remove", () => {
  it("names the editions with places, the sessions with register lines or completed activities, and each session's materials", async () => {
    const { national, eventId, editions, fields } = await twoEditions();
    const [february, march] = editions;
    // Nothing stored yet: everything may go.
    expect(await removalsOnThePage(national.id, eventId)).toEqual({
      editionsWithPlaces: [],
      sessionsWithRecords: [],
      recordedDeliveries: {},
      materialsBySession: {},
    });

    const teacher = await createUser();
    expect(await enrol(teacher.id, february!.id)).toMatchObject({ ok: true, status: "iscritto" });
    const enrolment = await prisma.enrolment.findFirstOrThrow({ where: { userId: teacher.id } });
    // A waiting-list place alone (no seat taken) counts too: the save refuses it as it refuses a seat.
    const waiting = await createUser();
    await prisma.enrolment.create({
      data: { editionId: march!.id, eventId, userId: waiting.id, status: "in-attesa", waitlistSeq: 1 },
    });
    await prisma.attendanceRecord.create({
      data: { sessionId: february!.sessions[0]!.id, enrolmentId: enrolment.id, status: "presente" },
    });
    await prisma.activityCompletion.create({
      data: { sessionId: february!.sessions[1]!.id, enrolmentId: enrolment.id },
    });
    for (const title of ["Slide", "Registrazione"]) {
      await prisma.eventFile.create({
        data: { eventId, sessionId: march!.sessions[1]!.id, title, url: "https://video.example.it/x" },
      });
    }
    // An attachment of the whole event is no session's material.
    await prisma.eventFile.create({ data: { eventId, title: "Programma", url: "https://example.it/programma" } });

    const removals = await removalsOnThePage(national.id, eventId);
    expect(sorted(removals.editionsWithPlaces)).toEqual(sorted([february!.id, march!.id]));
    expect(sorted(removals.sessionsWithRecords)).toEqual(
      sorted([february!.sessions[0]!.id, february!.sessions[1]!.id]),
    );
    expect(removals.materialsBySession).toEqual({ [march!.sessions[1]!.id]: 2 });

    // What the form does not offer, a crafted form still cannot do.
    const withoutMarch = Object.fromEntries(
      Object.entries(fields).filter(([name]) => !name.startsWith("editions[1].")),
    );
    expect(await updateEvent(national.actor, eventId, eventInputFrom(withoutMarch))).toMatchObject({
      ok: false,
      status: 400,
      formErrors: ["events.error.editionHasEnrolments"],
    });
    // Each edition must add up to the certified hours: the other edition loses its second session too.
    const withoutRecorded = Object.fromEntries(
      Object.entries(fields).filter(
        ([name]) => !name.startsWith("editions[0].sessions[1].") && !name.startsWith("editions[1].sessions[1]."),
      ),
    );
    expect(
      await updateEvent(national.actor, eventId, eventInputFrom({ ...withoutRecorded, certifiedHours: "2" })),
    ).toMatchObject({
      ok: false,
      status: 400,
      fieldErrors: { "editions[0].sessions": ["events.error.sessionHasAttendance"] },
    });
  });

  it("removing a session with materials deletes them with it, as the form says beforehand", async () => {
    const { national, eventId, editions, fields } = await twoEditions();
    const session = editions[1]!.sessions[1]!;
    await prisma.eventFile.create({
      data: { eventId, sessionId: session.id, title: "Registrazione", url: "https://video.example.it/y" },
    });
    expect((await removalsOnThePage(national.id, eventId)).materialsBySession).toEqual({ [session.id]: 1 });
    // Each edition must add up to the certified hours: the other edition loses its second session too.
    const without = Object.fromEntries(
      Object.entries(fields).filter(
        ([name]) => !name.startsWith("editions[1].sessions[1].") && !name.startsWith("editions[0].sessions[1]."),
      ),
    );
    expect(await updateEvent(national.actor, eventId, eventInputFrom({ ...without, certifiedHours: "2" }))).toEqual({
      ok: true,
      eventId,
    });
    expect(await prisma.eventFile.count({ where: { sessionId: session.id } })).toBe(0);
    expect(await prisma.trainingSession.count({ where: { id: session.id } })).toBe(0);
  });
});

describe("a crafted form that sends one edition twice", () => {
  it("is refused as a bad request, the event unchanged (was saved as one edition numbered 2, or a 500 when the copies' sessions differed)", async () => {
    const { national, eventId, editions, fields } = await twoEditions();
    const [february, march] = editions;
    // The second edition's fields are a copy of the first's, its id included (saved, the event was left with one
    // edition numbered 2).
    const crafted: EventFormFields = {};
    for (const [name, value] of Object.entries(fields)) {
      if (name.startsWith("editions[1].")) continue;
      crafted[name] = value;
      if (name.startsWith("editions[0].")) crafted[name.replace("editions[0].", "editions[1].")] = value;
    }
    const before = await prisma.trainingSession.findMany({
      where: { edition: { eventId } },
      select: { id: true, startsAt: true },
      orderBy: { id: "asc" },
    });
    expect(await updateEvent(national.actor, eventId, eventInputFrom(crafted))).toMatchObject({
      ok: false,
      status: 400,
      formErrors: ["events.error.badRequest"],
    });
    expect(
      await prisma.trainingSession.findMany({
        where: { edition: { eventId } },
        select: { id: true, startsAt: true },
        orderBy: { id: "asc" },
      }),
    ).toEqual(before);
    expect(
      await prisma.edition.findMany({
        where: { eventId },
        select: { id: true, number: true },
        orderBy: { number: "asc" },
      }),
    ).toEqual([
      { id: february!.id, number: 1 },
      { id: march!.id, number: 2 },
    ]);
  });
});

describe("a session with register lines or completed activities keeps its delivery", () => {
  // Review 0018, finding 6: a live session's lines count only while it is live, an activity's completions only while
  // it is one (progressOf), so a change of delivery dropped them from everyone's hours without a word.
  it("is refused by the save (field error on its delivery), and the page tells the form the stored delivery to lock", async () => {
    const { national, eventId, editions, fields } = await twoEditions();
    const [live, activity] = editions[0]!.sessions;
    const teacher = await createUser();
    expect(await enrol(teacher.id, editions[0]!.id)).toMatchObject({ ok: true, status: "iscritto" });
    const enrolment = await prisma.enrolment.findFirstOrThrow({ where: { userId: teacher.id } });
    const deliveryOf = async (id: string) =>
      (await prisma.trainingSession.findUniqueOrThrow({ where: { id }, select: { delivery: true } })).delivery;

    // Without records, a session's delivery changes: the second one becomes an asynchronous activity.
    // (An activity needs a title: both sessions get one, for either delivery.)
    const asActivity = {
      ...fields,
      "editions[0].sessions[0].title": "Incontro di apertura",
      "editions[0].sessions[1].delivery": "asincrona",
      "editions[0].sessions[1].title": "Lettura guidata",
    };
    expect(await updateEvent(national.actor, eventId, eventInputFrom(asActivity))).toEqual({ ok: true, eventId });
    expect(await deliveryOf(activity!.id)).toBe("asincrona");

    await prisma.attendanceRecord.create({
      data: { sessionId: live!.id, enrolmentId: enrolment.id, status: "presente" },
    });
    await prisma.activityCompletion.create({ data: { sessionId: activity!.id, enrolmentId: enrolment.id } });
    expect((await removalsOnThePage(national.id, eventId)).recordedDeliveries).toEqual({
      [live!.id]: "sincrona",
      [activity!.id]: "asincrona",
    });

    // The live session with a register line cannot become an activity, nor the completed activity a live session.
    for (const [index, id, to, stored] of [
      [0, live!.id, "asincrona", "sincrona"],
      [1, activity!.id, "sincrona", "asincrona"],
    ] as const) {
      const changed = { ...asActivity, [`editions[0].sessions[${index}].delivery`]: to };
      expect(await updateEvent(national.actor, eventId, eventInputFrom(changed))).toEqual({
        ok: false,
        status: 400,
        reason: "invalid",
        fieldErrors: { [`editions[0].sessions[${index}].delivery`]: ["events.error.sessionRecordedDeliveryChanged"] },
        formErrors: [],
      });
      expect(await deliveryOf(id)).toBe(stored);
    }
    // Through the page's action too: the form comes back with the error on the field, nothing saved.
    const refused = await runRoute(editRoute.action as Handler, {
      cookie: await cookieOf(national.id),
      url: `http://localhost/gestione/eventi/${eventId}/modifica`,
      params: { eventId },
      form: toFormData({ ...asActivity, "editions[0].sessions[0].delivery": "asincrona" }),
    });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.data)).toContain("events.error.sessionRecordedDeliveryChanged");
    expect(await deliveryOf(live!.id)).toBe("sincrona");

    // Anything else of the recorded sessions still saves (their title, here), with the delivery as stored.
    expect(
      await updateEvent(
        national.actor,
        eventId,
        eventInputFrom({ ...asActivity, "editions[0].sessions[0].title": "Apertura del corso" }),
      ),
    ).toEqual({ ok: true, eventId });
  });
});

describe("a save that changes the editions' numbers says which", () => {
  async function save(userId: string, eventId: string, fields: EventFormFields) {
    return runRoute(editRoute.action as Handler, {
      cookie: await cookieOf(userId),
      url: `http://localhost/gestione/eventi/${eventId}/modifica`,
      params: { eventId },
      form: toFormData(fields),
    });
  }

  it("an edition added before the others moves their numbers, and the saved page is told", async () => {
    const { national, eventId, editions, fields } = await twoEditions();
    // Nothing renumbered: the saved page as before.
    expect(await save(national.id, eventId, { ...fields, title: `${fields.title} (rivisto)` })).toMatchObject({
      status: 302,
      location: `/gestione/eventi/${eventId}?esito=salvato`,
    });

    // A January edition, typed last in the form, becomes edition 1: February's 1 becomes 2, March's 2 becomes 3.
    const january: EventFormFields = {
      "editions[2].startsOn": "2027-01-13",
      "editions[2].endsOn": "2027-01-20",
      "editions[2].seatCap": "30",
      "editions[2].enrolmentOpensAt": "2026-11-01T09:00",
      "editions[2].enrolmentClosesAt": "2027-01-10T23:59",
      "editions[2].sessions[0].startsAt": "2027-01-13T15:00",
      "editions[2].sessions[0].endsAt": "2027-01-13T17:00",
      "editions[2].sessions[0].delivery": "sincrona",
      "editions[2].sessions[0].hours": "2",
      "editions[2].sessions[1].startsAt": "2027-01-20T15:00",
      "editions[2].sessions[1].endsAt": "2027-01-20T17:00",
      "editions[2].sessions[1].delivery": "sincrona",
      "editions[2].sessions[1].hours": "2",
    };
    const saved = await save(national.id, eventId, { ...fields, title: `${fields.title} (rivisto)`, ...january });
    expect(saved).toMatchObject({ status: 302, location: `/gestione/eventi/${eventId}?esito=salvato&numeri=1-2,2-3` });
    const numbers = await prisma.edition.findMany({ where: { eventId }, select: { id: true, number: true } });
    expect(numbers.find((e) => e.id === editions[0]!.id)?.number).toBe(2);
    expect(numbers.find((e) => e.id === editions[1]!.id)?.number).toBe(3);
  });
});
