// A blended event's live sessions each say where they are held (ADR 0091): the form saves the place,
// the calendars give each session its own LOCATION and room, a change of place is a change for
// calendars (SEQUENCE) and for participants (edizione-modificata), reminders send the session's own
// place, self check-in is only for sessions held at the venue, and a copy keeps the places.
import { parseWithZod } from "@conform-to/zod";
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../app/domain/permissions.ts";
import { eventAuditLine } from "../../app/components/event-audit-line.ts";
import { eventFormSchema } from "../../app/forms/event-form.ts";
import { translator } from "../../app/i18n/i18n.tsx";
import { regenerateCalendarToken } from "../../app/models/calendar-token.server.ts";
import { loadCheckInPage, trainerCheckInView } from "../../app/models/check-in.server.ts";
import { enrol } from "../../app/models/enrolment.server.ts";
import { copyEvent } from "../../app/models/event-copy.server.ts";
import { updateEvent } from "../../app/models/event.server.ts";
import { writeSessionReminders } from "../../app/models/reminders.server.ts";
import * as personalFeedRoute from "../../app/routes/calendario.$token[.]ics.tsx";
import * as eventIcsRoute from "../../app/routes/eventi.$eventId_.calendario[.]ics.tsx";
import * as feedJsonRoute from "../../app/routes/eventi_.feed[.]json.tsx";
import * as newRoute from "../../app/routes/gestione.eventi.nuovo.tsx";
import { parseRomeDateTime, toRomeDateValue, toRomeInputValue } from "../../app/utils/dates.ts";
import { prisma } from "../../app/utils/db.server.ts";
import { eventInputFrom, toFormData, type EventFormFields } from "../support/event-form-fields.ts";
import { createNationalUnit, publishEvent } from "../support/events.ts";
import { createUser, unique } from "../support/factories.ts";
import { icsProblems } from "../support/ics-strict.ts";
import { cookieOf, runRoute, type Handler } from "../support/routes.ts";

afterAll(() => prisma.$disconnect());

const VENUE = "Liceo Galilei, Firenze";
const ROOM = "https://meet.example.it/stanza-blended";

/**
 * A national blended course: an online kick-off, a day in Florence, an online follow-up held in both
 * places (no place of its own: both, as every session before ADR 0091), all on 2027-03 days.
 */
function blendedFields(overrides: EventFormFields = {}): EventFormFields {
  return {
    title: `Corso blended ${unique("bl")}`,
    description: "Un corso eTwinning in presenza con incontri online prima e dopo.",
    type: "corso-in-presenza",
    level: "nazionale",
    mode: "blended",
    venue: VENUE,
    onlineUrl: ROOM,
    language: "it",
    titleLanguage: "it",
    textLanguage: "it",
    certifiedHours: "10",
    schoolLevels: ["primaria"],
    audienceRoles: ["docente"],
    themes: ["competenze-digitali"],
    "editions[0].startsOn": "2027-03-01",
    "editions[0].endsOn": "2027-03-20",
    "editions[0].seatCap": "30",
    "editions[0].enrolmentOpensAt": "2026-11-01T09:00",
    "editions[0].enrolmentClosesAt": "2027-02-25T23:59",
    "editions[0].sessions[0].title": "Avvio online",
    "editions[0].sessions[0].startsAt": "2027-03-01T15:00",
    "editions[0].sessions[0].endsAt": "2027-03-01T17:00",
    "editions[0].sessions[0].delivery": "sincrona",
    "editions[0].sessions[0].place": "online",
    "editions[0].sessions[0].hours": "2",
    "editions[0].sessions[1].title": "Giornata a Firenze",
    "editions[0].sessions[1].startsAt": "2027-03-10T09:00",
    "editions[0].sessions[1].endsAt": "2027-03-10T15:00",
    "editions[0].sessions[1].delivery": "sincrona",
    "editions[0].sessions[1].place": "in-presenza",
    "editions[0].sessions[1].hours": "6",
    "editions[0].sessions[2].title": "Restituzione",
    "editions[0].sessions[2].startsAt": "2027-03-20T15:00",
    "editions[0].sessions[2].endsAt": "2027-03-20T17:00",
    "editions[0].sessions[2].delivery": "sincrona",
    "editions[0].sessions[2].hours": "2",
    ...overrides,
  };
}

let national: Actor;
let nationalId: string;

beforeAll(async () => {
  const unit = await createNationalUnit();
  national = unit.actor;
  nationalId = unit.id;
});

type Loader = (args: { request: Request; params: Record<string, string>; context: object }) => unknown;

async function icsOf(loader: Loader, params: Record<string, string>) {
  let response: Response;
  try {
    response = (await loader({ request: new Request("http://localhost/x"), params, context: {} })) as Response;
  } catch (thrown) {
    response = thrown as Response;
  }
  expect(response.status).toBe(200);
  const text = await response.text();
  expect(icsProblems(text)).toEqual([]);
  const calendar = new ICAL.Component(ICAL.parse(text) as unknown[]);
  ICAL.TimezoneService.reset();
  for (const zone of calendar.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(new ICAL.Timezone(zone));
  return new Map(
    calendar.getAllSubcomponents("vevent").map((v) => {
      const e = new ICAL.Event(v);
      return [e.uid, { location: e.location ?? "", description: e.description ?? "", sequence: e.sequence }];
    }),
  );
}

const uid = (id: string) => `session-${id}@forma`;

describe("the event form", () => {
  it("saves each live session's place of a blended event through the route, and both places when none is chosen", async () => {
    const fields = blendedFields();
    const cookie = await cookieOf(nationalId);
    const res = await runRoute(newRoute.action as Handler, {
      cookie,
      url: "http://localhost/gestione/eventi/nuovo",
      form: toFormData(fields),
    });
    expect(res.status).toBe(302);
    const event = await prisma.event.findFirstOrThrow({
      where: { title: fields.title as string },
      include: { editions: { include: { sessions: { orderBy: { startsAt: "asc" } } } } },
    });
    expect(event.editions[0]!.sessions.map((s) => s.place)).toEqual(["online", "in-presenza", null]);
  });

  it("refuses a place that is not one of the choices, keeping what was typed, and saves nothing", async () => {
    const fields = blendedFields({ "editions[0].sessions[0].place": "altrove" });
    const res = await runRoute(newRoute.action as Handler, {
      cookie: await cookieOf(nationalId),
      url: "http://localhost/gestione/eventi/nuovo",
      form: toFormData(fields),
    });
    expect(res.status).toBe(400);
    const result = (res.data as { result: { error: Record<string, string[]>; initialValue: Record<string, unknown> } })
      .result;
    expect(result.error["editions[0].sessions[0].place"]).toEqual(["validation.invalidChoice"]);
    expect(result.initialValue.title).toBe(fields.title);
    expect(JSON.stringify(result.initialValue)).toContain("altrove");
    expect(await prisma.event.count({ where: { title: fields.title as string } })).toBe(0);
  });

  it("keeps no place for another mode's sessions nor for an asynchronous activity", () => {
    const inPerson = eventInputFrom(blendedFields({ mode: "in-presenza", onlineUrl: null }));
    expect(inPerson.editions[0]).toMatchObject({ sessions: [{ place: null }, { place: null }, { place: null }] });
    const activity = parseWithZod(toFormData(blendedFields({ "editions[0].sessions[0].delivery": "asincrona" })), {
      schema: eventFormSchema,
    });
    expect(activity.status).toBe("success");
    if (activity.status === "success") {
      expect(activity.value.editions[0]).toMatchObject({ sessions: [{ place: null }, { place: "in-presenza" }, {}] });
    }
  });
});

/** The blended event published by the national unit, with a teacher enrolled in its edition and their calendar token. */
async function blendedWithTeacher(fields: EventFormFields = blendedFields()) {
  const { eventId, editions } = await publishEvent(national, fields);
  const edition = editions[0]!;
  const teacher = await createUser();
  expect(await enrol(teacher.id, edition.id)).toMatchObject({ ok: true, status: "iscritto" });
  const token = await regenerateCalendarToken(teacher.id);
  return { eventId, edition, sessions: edition.sessions, teacher, token };
}

describe("calendars", () => {
  it("give each session its own LOCATION and room, in the personal feed and the public file", async () => {
    const { eventId, sessions, token } = await blendedWithTeacher();
    const [online, inPerson, both] = sessions;

    const personal = await icsOf(personalFeedRoute.loader as Loader, { token });
    expect(personal.get(uid(online!.id))!.location).toBe(ROOM);
    expect(personal.get(uid(inPerson!.id))!.location).toBe(VENUE);
    expect(personal.get(uid(inPerson!.id))!.description).not.toContain(ROOM);
    expect(personal.get(uid(both!.id))!.location).toBe(VENUE);
    expect(personal.get(uid(both!.id))!.description).toContain(ROOM);

    const file = await icsOf(eventIcsRoute.loader as Loader, { eventId });
    expect(file.get(uid(online!.id))!.location).toBe("Online");
    expect(file.get(uid(inPerson!.id))!.location).toBe(VENUE);
  });

  it("the catalogue's JSON feed says where each session is held", async () => {
    const word = unique("blfeed");
    await publishEvent(national, blendedFields({ title: `Corso ${word}` }));
    const response = (await (feedJsonRoute.loader as Loader)({
      request: new Request(`http://localhost/eventi/feed.json?q=${word}`),
      params: {},
      context: {},
    })) as Response;
    const body = (await response.json()) as { events: { editions: { sessions: { mode: string }[] }[] }[] };
    expect(body.events[0]!.editions[0]!.sessions.map((s) => s.mode)).toEqual(["online", "in-presenza", "blended"]);
  });
});

/** The form's fields as saved, with the edition's and its three sessions' ids: an edit keeps them. */
function keptSessions(fields: EventFormFields, edition: { id: string; sessions: { id: string }[] }): EventFormFields {
  const [first, second, third] = edition.sessions;
  return {
    ...fields,
    "editions[0].id": edition.id,
    "editions[0].sessions[0].id": first!.id,
    "editions[0].sessions[1].id": second!.id,
    "editions[0].sessions[2].id": third!.id,
  };
}

describe("a change of a session's place", () => {
  it("raises that session's SEQUENCE and tells the participants which session moved where", async () => {
    const fields = blendedFields();
    const { eventId, edition, teacher, token } = await blendedWithTeacher(fields);
    const [first] = edition.sessions;
    const kept = keptSessions(fields, edition);
    // The kick-off is now held in Florence too.
    const edited = eventInputFrom({ ...kept, "editions[0].sessions[0].place": "in-presenza" });
    expect(await updateEvent(national, eventId, edited)).toEqual({ ok: true, eventId });

    const after = await prisma.trainingSession.findMany({
      where: { editionId: edition.id },
      orderBy: { startsAt: "asc" },
    });
    expect(after.map((s) => [s.place, s.sequence])).toEqual([
      ["in-presenza", 1],
      ["in-presenza", 0],
      [null, 0],
    ]);
    const feed = await icsOf(personalFeedRoute.loader as Loader, { token });
    expect(feed.get(uid(first!.id))).toMatchObject({ location: VENUE, sequence: 1 });

    const told = await prisma.notification.findMany({
      where: { userId: teacher.id, kind: "edizione-modificata" },
    });
    expect(told).toHaveLength(1);
    expect(JSON.parse(told[0]!.payload).placeChangedSessions).toEqual([
      expect.objectContaining({ title: "Avvio online", place: "in-presenza", wasPlace: "online" }),
    ]);

    // Saved again unchanged: nothing moves, nobody is told again.
    expect(await updateEvent(national, eventId, edited)).toEqual({ ok: true, eventId });
    expect(
      (await prisma.trainingSession.findMany({ where: { editionId: edition.id }, orderBy: { startsAt: "asc" } })).map(
        (s) => s.sequence,
      ),
    ).toEqual([1, 0, 0]);
    expect(await prisma.notification.count({ where: { userId: teacher.id, kind: "edizione-modificata" } })).toBe(1);
  });

  it("the event's change log says which session's place changed and which session's time moved", async () => {
    const fields = blendedFields();
    const { eventId, editions } = await publishEvent(national, fields);
    const edition = editions[0]!;
    const kept = keptSessions(fields, edition);
    // The day in Florence is held online; the follow-up moves from 20/03 15:00 to 19/03 16:00.
    const edited = eventInputFrom({
      ...kept,
      "editions[0].sessions[1].place": "online",
      "editions[0].sessions[2].startsAt": "2027-03-19T16:00",
      "editions[0].sessions[2].endsAt": "2027-03-19T18:00",
    });
    expect(await updateEvent(national, eventId, edited)).toEqual({ ok: true, eventId });
    const row = await prisma.auditLog.findFirstOrThrow({
      where: { entityType: "event", entityId: eventId, action: "update" },
      orderBy: { at: "desc" },
    });
    const details = JSON.parse(row.details) as Record<string, unknown>;
    expect(details.sessionChanges).toEqual([
      {
        session: 2,
        startsAt: parseRomeDateTime("2027-03-10T09:00")!.toISOString(),
        endsAt: parseRomeDateTime("2027-03-10T15:00")!.toISOString(),
        place: "online",
        wasPlace: "in-presenza",
      },
      {
        session: 3,
        startsAt: parseRomeDateTime("2027-03-19T16:00")!.toISOString(),
        endsAt: parseRomeDateTime("2027-03-19T18:00")!.toISOString(),
        wasStartsAt: parseRomeDateTime("2027-03-20T15:00")!.toISOString(),
        wasEndsAt: parseRomeDateTime("2027-03-20T17:00")!.toISOString(),
      },
    ]);
    expect(details.moreSessionChanges).toBeUndefined();
    expect(eventAuditLine({ action: row.action, details }, translator("it"), "it")).toBe(
      "Modifica: Campi modificati: Edizioni. Incontro 2 del 10/03: ora online (era in presenza); " +
        "Incontro 3 del 20/03: ora 19/03 16:00–18:00 (era 20/03 15:00–17:00)",
    );
    expect(eventAuditLine({ action: row.action, details }, translator("en"), "en")).toContain(
      "Session 2 on 10 March: now online (was in person); Session 3 on 20 March: now 19 March 16:00–18:00 (was 20 March 15:00–17:00)",
    );
  });

  it("the change log names at most five sessions and counts the others", async () => {
    // Seven live sessions, each held in both places; all seven are then held online.
    const seven: EventFormFields = {};
    for (let i = 0; i < 7; i++) {
      const day = String(i + 1).padStart(2, "0");
      Object.assign(seven, {
        [`editions[0].sessions[${i}].title`]: `Incontro ${i + 1}`,
        [`editions[0].sessions[${i}].startsAt`]: `2027-03-${day}T15:00`,
        [`editions[0].sessions[${i}].endsAt`]: `2027-03-${day}T16:00`,
        [`editions[0].sessions[${i}].delivery`]: "sincrona",
        [`editions[0].sessions[${i}].hours`]: "1",
      });
    }
    const { "editions[0].sessions[0].place": _a, "editions[0].sessions[1].place": _b, ...base } = blendedFields();
    const fields: EventFormFields = {
      ...Object.fromEntries(Object.entries(base).filter(([k]) => !k.startsWith("editions[0].sessions["))),
      ...seven,
      certifiedHours: "7",
      "editions[0].endsOn": "2027-03-07",
    };
    const { eventId, editions } = await publishEvent(national, fields);
    const ids = Object.fromEntries(editions[0]!.sessions.map((s, i) => [`editions[0].sessions[${i}].id`, s.id]));
    const online = Object.fromEntries([...Array(7).keys()].map((i) => [`editions[0].sessions[${i}].place`, "online"]));
    const edited = eventInputFrom({ ...fields, "editions[0].id": editions[0]!.id, ...ids, ...online });
    expect(await updateEvent(national, eventId, edited)).toEqual({ ok: true, eventId });
    const row = await prisma.auditLog.findFirstOrThrow({
      where: { entityType: "event", entityId: eventId, action: "update" },
      orderBy: { at: "desc" },
    });
    const details = JSON.parse(row.details) as { sessionChanges: { session: number }[]; moreSessionChanges: number };
    expect(details.sessionChanges.map((c) => c.session)).toEqual([1, 2, 3, 4, 5]);
    expect(details.moreSessionChanges).toBe(2);
    expect(eventAuditLine({ action: row.action, details }, translator("it"), "it")).toMatch(
      /Incontro 5 del 05\/03: ora online \(era in presenza e online\); e altri 2 incontri$/,
    );
  });

  it("a deleted session's tombstone keeps its place, so its cancelled entry names the right place", async () => {
    const fields = blendedFields();
    const { eventId, edition, token } = await blendedWithTeacher(fields);
    const [first, second, third] = edition.sessions;
    // The Florence day (second) is dropped; its hours go to the follow-up.
    const withoutSecond: EventFormFields = {
      ...fields,
      "editions[0].id": edition.id,
      "editions[0].sessions[0].id": first!.id,
      "editions[0].sessions[1].id": third!.id,
      "editions[0].sessions[1].title": "Restituzione",
      "editions[0].sessions[1].startsAt": "2027-03-20T15:00",
      "editions[0].sessions[1].endsAt": "2027-03-20T23:00",
      "editions[0].sessions[1].delivery": "sincrona",
      "editions[0].sessions[1].place": null,
      "editions[0].sessions[1].hours": "8",
      "editions[0].sessions[2].title": null,
      "editions[0].sessions[2].startsAt": null,
      "editions[0].sessions[2].endsAt": null,
      "editions[0].sessions[2].delivery": null,
      "editions[0].sessions[2].hours": null,
    };
    expect(await updateEvent(national, eventId, eventInputFrom(withoutSecond))).toEqual({ ok: true, eventId });
    expect(await prisma.cancelledSession.findUniqueOrThrow({ where: { id: second!.id } })).toMatchObject({
      place: "in-presenza",
    });
    const feed = await icsOf(personalFeedRoute.loader as Loader, { token });
    expect(feed.get(uid(second!.id))).toMatchObject({ location: VENUE, sequence: 1 });
  });
});

describe("reminders and check-in", () => {
  it("a reminder sends the venue of a session held in person and the room of one held online, never the other", async () => {
    const now = new Date();
    // Two sessions tomorrow, inside the reminders' window (2–26 h ahead), Rome's wall clock as the form takes it.
    const at = (hours: number) => toRomeInputValue(new Date(now.getTime() + hours * 3_600_000));
    const day = (hours: number) => toRomeDateValue(new Date(now.getTime() + hours * 3_600_000));
    const fields = blendedFields({
      certifiedHours: "4",
      "editions[0].startsOn": day(-24),
      "editions[0].endsOn": day(48),
      "editions[0].enrolmentOpensAt": at(-48),
      "editions[0].enrolmentClosesAt": at(1),
      "editions[0].sessions[0].startsAt": at(10),
      "editions[0].sessions[0].endsAt": at(11),
      "editions[0].sessions[0].hours": "1",
      "editions[0].sessions[1].startsAt": at(12),
      "editions[0].sessions[1].endsAt": at(15),
      "editions[0].sessions[1].hours": "3",
      "editions[0].sessions[2].startsAt": null,
      "editions[0].sessions[2].endsAt": null,
      "editions[0].sessions[2].delivery": null,
      "editions[0].sessions[2].hours": null,
      "editions[0].sessions[2].title": null,
    });
    const { editions } = await publishEvent(national, fields);
    const [online, inPerson] = editions[0]!.sessions;
    const teacher = await createUser();
    expect(await enrol(teacher.id, editions[0]!.id)).toMatchObject({ ok: true, status: "iscritto" });
    await writeSessionReminders(now);
    const reminders = await prisma.notification.findMany({
      where: { userId: teacher.id, kind: "promemoria-incontro" },
    });
    const payloadOf = (sessionTitle: string) =>
      JSON.parse(reminders.find((r) => JSON.parse(r.payload).sessionTitle === sessionTitle)!.payload);
    expect(payloadOf(online!.title)).toMatchObject({ onlineUrl: ROOM });
    expect(payloadOf(online!.title).venue).toBeUndefined();
    expect(payloadOf(inPerson!.title)).toMatchObject({ venue: VENUE });
    expect(payloadOf(inPerson!.title).onlineUrl).toBeUndefined();
  });

  it("self check-in is offered for a session held in person, not for one held online", async () => {
    const { editions } = await publishEvent(national, blendedFields());
    const sessions = await prisma.trainingSession.findMany({
      where: { editionId: editions[0]!.id },
      orderBy: { startsAt: "asc" },
      include: { edition: { select: { id: true, event: { select: { mode: true } } } } },
    });
    const [online, inPerson] = sessions;
    const during = (s: { startsAt: Date }) => new Date(s.startsAt.getTime() + 60_000);
    expect((await trainerCheckInView(online!, during(online!))).kind).toBe("non-previsto");
    expect((await trainerCheckInView(inPerson!, during(inPerson!))).kind).toBe("aperto");
  });

  it("the teacher's check-in page (a scanned QR's link) names the venue for a session held in person only", async () => {
    const { editions } = await publishEvent(national, blendedFields());
    const [online, inPerson, both] = await prisma.trainingSession.findMany({
      where: { editionId: editions[0]!.id },
      orderBy: { startsAt: "asc" },
    });
    const teacher = await createUser();
    const venueOn = async (sessionId: string) =>
      (await loadCheckInPage(teacher.id, sessionId, "codice"))!.session.event.venue;
    // Before, the online follow-up's page said "Dove: Liceo Galilei, Firenze".
    expect(await venueOn(online!.id)).toBeNull();
    expect(await venueOn(inPerson!.id)).toBe(VENUE);
    expect(await venueOn(both!.id)).toBe(VENUE);
  });
});

describe("copies", () => {
  it("a copied event keeps each session's place", async () => {
    const { eventId } = await publishEvent(national, blendedFields());
    const outcome = await copyEvent(national, eventId, parseRomeDateTime("2088-03-01")!);
    if (!outcome.ok) throw new Error(outcome.reason);
    const copy = await prisma.trainingSession.findMany({
      where: { edition: { eventId: outcome.eventId } },
      orderBy: { startsAt: "asc" },
    });
    expect(copy.map((s) => s.place)).toEqual(["online", "in-presenza", null]);
  });
});
