// Calendar files and catalogue feeds against the real database, read back with an independent
// iCalendar parser (ical.js): stable UIDs, SEQUENCE after a change, cancellations, the online room
// link only in the enrolled teacher's own feed, token revocation, Europe/Rome times, filters.
import { foldLines } from "ical-generator";
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { eventInputFrom } from "../support/event-form-fields.ts";
import type { Actor } from "../../app/domain/permissions.ts";
import { loadPersonalCalendar } from "../../app/models/calendar-feeds.server.ts";
import { regenerateCalendarToken } from "../../app/models/calendar-token.server.ts";
import { cancelByTeacher, enrol } from "../../app/models/enrolment.server.ts";
import { addQuota, cancelEdition, closeEnrolmentEarly } from "../../app/models/seat-ledger.server.ts";
import { createEvent, updateEvent } from "../../app/models/event.server.ts";
import * as personalFeedRoute from "../../app/routes/calendario.$token[.]ics.tsx";
import * as eventIcsRoute from "../../app/routes/eventi.$eventId_.calendario[.]ics.tsx";
import * as feedIcsRoute from "../../app/routes/eventi_.feed[.]ics.tsx";
import * as feedJsonRoute from "../../app/routes/eventi_.feed[.]json.tsx";
import * as myEnrolmentsRoute from "../../app/routes/le-mie-iscrizioni.tsx";
import { createUserSession } from "../../app/utils/auth.server.ts";
import { getEnv } from "../../app/utils/env.server.ts";
import { localeCookie } from "../../app/utils/locale.server.ts";
import { prisma } from "../../app/utils/db.server.ts";
import { addEdition, createTeachers, createUser, unique } from "../support/factories.ts";
import { icsProblems } from "../support/ics-strict.ts";
import { createNationalUnit, publishEvent } from "../support/events.ts";
import { managedEdition } from "../support/scopes.ts";

afterAll(() => prisma.$disconnect());

type Fields = Record<string, string | string[] | null>;
const ROOM = "https://meet.example.it/stanza-calendario";

/** An online Toscana event: a synchronous session at 15:00 Rome in winter, an asynchronous window in summer. */
function formFields(overrides: Fields = {}): Fields {
  return {
    title: `Calendario ${unique("cal")}`,
    description: "Un percorso per provare i calendari.",
    type: "corso-online-base",
    level: "regionale",
    regionCode: "toscana",
    mode: "online",
    onlineUrl: ROOM,
    language: "it",
    titleLanguage: "it",
    textLanguage: "it",
    certifiedHours: "4,5",
    schoolLevels: ["primaria"],
    audienceRoles: ["docente"],
    themes: ["competenze-digitali"],
    "editions[0].startsOn": "2027-01-14",
    "editions[0].endsOn": "2027-07-14",
    "editions[0].seatCap": "30",
    "editions[0].enrolmentOpensAt": "2026-11-01T09:00",
    "editions[0].enrolmentClosesAt": "2027-01-10T23:59",
    "editions[0].sessions[0].startsAt": "2027-01-14T15:00",
    "editions[0].sessions[0].endsAt": "2027-01-14T17:00",
    "editions[0].sessions[0].delivery": "sincrona",
    "editions[0].sessions[0].hours": "2",
    "editions[0].sessions[1].startsAt": "2027-07-14T15:00",
    "editions[0].sessions[1].endsAt": "2027-07-14T17:30",
    "editions[0].sessions[1].title": "Attività estiva",
    "editions[0].sessions[1].delivery": "asincrona",
    "editions[0].sessions[1].hours": "2,5",
    ...overrides,
  };
}

let national: Actor;

beforeAll(async () => {
  national = (await createNationalUnit()).actor;
});

/** A published event; its fields (to edit it) and its sessions in date order. */
async function publishedEvent(overrides: Fields = {}) {
  const fields = formFields(overrides);
  const { eventId, editions } = await publishEvent(national, fields);
  const edition = editions[0]!;
  return { eventId, fields, edition, sessions: edition.sessions };
}

type Loader = (args: { request: Request; params: Record<string, string>; context: object }) => unknown;

/** Runs a resource route's loader: the Response it returned or threw. */
async function get(
  loader: Loader,
  url: string,
  params: Record<string, string> = {},
  cookie?: string,
): Promise<Response> {
  const request = new Request(`http://localhost${url}`, { headers: cookie ? { Cookie: cookie } : {} });
  try {
    return (await loader({ request, params, context: {} })) as Response;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

type Entry = {
  uid: string;
  sequence: number;
  status: string;
  start: Date;
  end: Date;
  location: string;
  description: string;
  summary: string;
};

/** Parses ICS text with ical.js, using only the VTIMEZONE the file itself carries. */
function parseIcs(text: string): { entries: Map<string, Entry>; tzids: string[] } {
  const calendar = new ICAL.Component(ICAL.parse(text) as unknown[]);
  ICAL.TimezoneService.reset();
  const tzids: string[] = [];
  for (const vtimezone of calendar.getAllSubcomponents("vtimezone")) {
    const zone = new ICAL.Timezone(vtimezone);
    ICAL.TimezoneService.register(zone);
    tzids.push(zone.tzid);
  }
  const entries = new Map<string, Entry>();
  for (const vevent of calendar.getAllSubcomponents("vevent")) {
    const event = new ICAL.Event(vevent);
    entries.set(event.uid, {
      uid: event.uid,
      sequence: event.sequence,
      status: String(vevent.getFirstPropertyValue("status") ?? ""),
      start: event.startDate.toJSDate(),
      end: event.endDate.toJSDate(),
      location: event.location ?? "",
      description: event.description ?? "",
      summary: event.summary,
    });
  }
  return { entries, tzids };
}

async function ics(response: Response) {
  expect(response.status).toBe(200);
  expect(response.headers.get("Content-Type")).toBe("text/calendar; charset=utf-8");
  const text = await response.text();
  expect(icsProblems(text)).toEqual([]);
  return { text, ...parseIcs(text) };
}

const uid = (sessionId: string) => `session-${sessionId}@forma`;

async function teacherWithFeed(editionId: string) {
  const teacher = await createUser();
  const outcome = await enrol(teacher.id, editionId);
  expect(outcome).toMatchObject({ ok: true, status: "iscritto" });
  const token = await regenerateCalendarToken(teacher.id);
  return { teacher, token };
}

describe("the public event .ics", () => {
  it("lists every session with stable UIDs, Rome times through the VTIMEZONE, and never the room link", async () => {
    const { eventId, sessions } = await publishedEvent();
    const first = await ics(
      await get(eventIcsRoute.loader as Loader, `/eventi/${eventId}/calendario.ics`, { eventId }),
    );
    const second = await ics(
      await get(eventIcsRoute.loader as Loader, `/eventi/${eventId}/calendario.ics`, { eventId }),
    );
    expect([...first.entries.keys()].sort()).toEqual(sessions.map((s) => uid(s.id)).sort());
    expect([...second.entries.keys()]).toEqual([...first.entries.keys()]);
    expect(first.tzids).toEqual(["Europe/Rome"]);

    const [winter, summer] = sessions;
    expect(first.text).toContain("DTSTART;TZID=Europe/Rome:20270114T150000");
    expect(first.entries.get(uid(winter!.id))!.start.toISOString()).toBe("2027-01-14T14:00:00.000Z");
    expect(first.entries.get(uid(winter!.id))!.end.toISOString()).toBe("2027-01-14T16:00:00.000Z");
    // The asynchronous activity is a timed window too.
    expect(first.entries.get(uid(summer!.id))!.start.toISOString()).toBe("2027-07-14T13:00:00.000Z");
    expect(first.entries.get(uid(summer!.id))!.end.toISOString()).toBe("2027-07-14T15:30:00.000Z");
    expect(first.entries.get(uid(summer!.id))!.description).toContain("asincrona");
    for (const entry of first.entries.values()) {
      expect(entry.status).toBe("CONFIRMED");
      expect(entry.sequence).toBe(0);
    }
    expect(first.text).not.toContain(ROOM);
    expect(first.text).not.toContain("meet.example.it");
  });

  it("names the file in the reader's language, as its text is (review of the English interface, 07/12/2026)", async () => {
    const { eventId } = await publishedEvent();
    const italian = await get(eventIcsRoute.loader as Loader, `/eventi/${eventId}/calendario.ics`, { eventId });
    expect(italian.headers.get("Content-Disposition")).toBe(`attachment; filename="forma-evento-${eventId}.ics"`);
    const english = await get(eventIcsRoute.loader as Loader, `/eventi/${eventId}/calendario.ics?lang=en`, {
      eventId,
    });
    expect(english.headers.get("Content-Disposition")).toBe(`attachment; filename="forma-event-${eventId}.ics"`);
    const englishText = (await ics(english)).text.replace(/\r\n[ \t]/g, "");
    expect(englishText).toContain("Asynchronous activity");
    expect(englishText).not.toContain("asincrona");
  });

  it("writes the venue as LOCATION for an in-person event", async () => {
    const { eventId } = await publishedEvent({ mode: "in-presenza", venue: "Liceo Galilei, Firenze", onlineUrl: null });
    const { entries } = await ics(
      await get(eventIcsRoute.loader as Loader, `/eventi/${eventId}/calendario.ics`, { eventId }),
    );
    for (const entry of entries.values()) expect(entry.location).toBe("Liceo Galilei, Firenze");
  });

  it("is a 404 for a draft or an unknown event", async () => {
    const draft = await createEvent(national, eventInputFrom(formFields()));
    if (!draft.ok) throw new Error("create failed");
    expect((await get(eventIcsRoute.loader as Loader, "/x", { eventId: draft.eventId })).status).toBe(404);
    expect((await get(eventIcsRoute.loader as Loader, "/x", { eventId: "nope" })).status).toBe(404);
  });
});

describe("the personal feed", () => {
  it("names the file in the feed's language (the account's), at the same URL (review of the English interface, 07/12/2026)", async () => {
    const { edition } = await publishedEvent();
    const { teacher, token } = await teacherWithFeed(edition.id);
    const italian = await get(personalFeedRoute.loader as Loader, `/calendario/${token}.ics`, { token });
    expect(italian.headers.get("Content-Disposition")).toBe('inline; filename="forma-calendario.ics"');
    expect((await ics(italian)).text).toContain("i miei incontri");
    await prisma.user.update({ where: { id: teacher.id }, data: { locale: "en" } });
    // The URL the calendar app subscribed to is unchanged: the file it gets is named and written in English.
    const english = await get(personalFeedRoute.loader as Loader, `/calendario/${token}.ics`, { token });
    expect(english.headers.get("Content-Disposition")).toBe('inline; filename="forma-calendar.ics"');
    expect((await ics(english)).text).toContain("my sessions");
  });

  it("holds the enrolled teacher's sessions with the room link; private headers", async () => {
    const { edition, sessions } = await publishedEvent();
    const { token } = await teacherWithFeed(edition.id);
    const response = await get(personalFeedRoute.loader as Loader, `/calendario/${token}.ics`, { token });
    expect(response.headers.get("Cache-Control")).toBe("private, max-age=300");
    const { entries, text } = await ics(response);
    expect([...entries.keys()].sort()).toEqual(sessions.map((s) => uid(s.id)).sort());
    expect(entries.get(uid(sessions[0]!.id))!.location).toBe(ROOM);
    expect(text).toContain(ROOM);
    expect(entries.get(uid(sessions[0]!.id))!.start.toISOString()).toBe("2027-01-14T14:00:00.000Z");

    // Another teacher, not enrolled, has none of it.
    const other = await createUser();
    const otherToken = await regenerateCalendarToken(other.id);
    const otherFeed = await ics(await get(personalFeedRoute.loader as Loader, "/x", { token: otherToken }));
    expect(otherFeed.entries.size).toBe(0);
    expect(otherFeed.text).not.toContain(ROOM);
  });

  it("regenerating the token revokes the old URL; unknown tokens are 404", async () => {
    const { edition } = await publishedEvent();
    const { teacher, token: old } = await teacherWithFeed(edition.id);
    const fresh = await regenerateCalendarToken(teacher.id);
    expect(fresh).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(fresh).not.toBe(old);
    expect((await get(personalFeedRoute.loader as Loader, "/x", { token: old })).status).toBe(404);
    expect((await get(personalFeedRoute.loader as Loader, "/x", { token: fresh })).status).toBe(200);
    expect((await get(personalFeedRoute.loader as Loader, "/x", { token: "x".repeat(43) })).status).toBe(404);
    expect((await get(personalFeedRoute.loader as Loader, "/x", { token: "" })).status).toBe(404);
  });

  it("is created and regenerated by a POST on /le-mie-iscrizioni, never by the GET", async () => {
    const teacher = await createUser();
    const cookie = (await createUserSession(new Request("http://localhost/"), teacher.id)).split(";")[0]!;
    const page = async () =>
      (await myEnrolmentsRoute.loader({
        request: new Request("http://localhost/le-mie-iscrizioni", { headers: { Cookie: cookie } }),
        params: {},
        context: {},
      })) as {
        calendarUrl: string | null;
      };
    expect((await page()).calendarUrl).toBeNull();
    expect((await page()).calendarUrl).toBeNull();
    const post = async () => {
      const body = new FormData();
      body.set("intent", "calendar-token");
      const request = new Request("http://localhost/le-mie-iscrizioni", {
        method: "POST",
        body,
        headers: { Cookie: cookie },
      });
      const response = (await myEnrolmentsRoute.action({ request, params: {}, context: {} })) as Response;
      expect(response.status).toBe(302);
    };
    await post();
    const first = (await page()).calendarUrl!;
    // Links come from APP_ORIGIN, never from the request's host.
    expect(first!.startsWith(`${getEnv().APP_ORIGIN}/calendario/`)).toBe(true);
    expect(first).toMatch(/\/calendario\/[A-Za-z0-9_-]{43}\.ics$/);
    await post();
    const second = (await page()).calendarUrl!;
    expect(second).not.toBe(first);
    const tokenOf = (url: string) =>
      url
        .split("/")
        .pop()!
        .replace(/\.ics$/, "");
    expect((await get(personalFeedRoute.loader as Loader, "/x", { token: tokenOf(first) })).status).toBe(404);
    expect((await get(personalFeedRoute.loader as Loader, "/x", { token: tokenOf(second) })).status).toBe(200);
  });
});

function keepingIds(fields: Fields, editionId: string, sessionIds: string[]): Fields {
  return {
    ...fields,
    "editions[0].id": editionId,
    ...Object.fromEntries(sessionIds.map((id, i) => [`editions[0].sessions[${i}].id`, id])),
  };
}

describe("changes reach subscribed calendars", () => {
  it("a time change through updateEvent increments SEQUENCE of that session only", async () => {
    const { eventId, edition, sessions, fields } = await publishedEvent();
    const { token } = await teacherWithFeed(edition.id);
    const edited = eventInputFrom({
      ...keepingIds(fields, edition.id, [sessions[0]!.id, sessions[1]!.id]),
      "editions[0].sessions[0].startsAt": "2027-01-14T16:00",
      "editions[0].sessions[0].endsAt": "2027-01-14T18:00",
    });
    expect(await updateEvent(national, eventId, edited)).toEqual({ ok: true, eventId });
    const { entries } = await ics(await get(personalFeedRoute.loader as Loader, "/x", { token }));
    expect(entries.get(uid(sessions[0]!.id))).toMatchObject({ sequence: 1 });
    expect(entries.get(uid(sessions[0]!.id))!.start.toISOString()).toBe("2027-01-14T15:00:00.000Z");
    expect(entries.get(uid(sessions[1]!.id))).toMatchObject({ sequence: 0 });

    // Saving again without changes leaves SEQUENCE alone; a new room link moves every session.
    expect(await updateEvent(national, eventId, edited)).toEqual({ ok: true, eventId });
    expect(
      await updateEvent(national, eventId, { ...edited, onlineUrl: "https://meet.example.it/nuova-stanza" }),
    ).toEqual({ ok: true, eventId });
    const after = await prisma.trainingSession.findMany({
      where: { editionId: edition.id },
      orderBy: { startsAt: "asc" },
    });
    expect(after.map((s) => s.sequence)).toEqual([2, 1]);
    const publicIcs = await ics(await get(eventIcsRoute.loader as Loader, "/x", { eventId }));
    expect(publicIcs.entries.get(uid(sessions[0]!.id))).toMatchObject({ sequence: 2 });
    expect(publicIcs.text).not.toContain("nuova-stanza");
  });

  it("a new room link moves only sessions still to end: an edition already held is not told, nor its calendars", async () => {
    const { eventId, edition, sessions, fields } = await publishedEvent();
    const { teacher } = await teacherWithFeed(edition.id);
    const stored = keepingIds(fields, edition.id, [sessions[0]!.id, sessions[1]!.id]);
    const told = () =>
      prisma.notification.count({ where: { userId: teacher.id, kind: { startsWith: "edizione-modificata" } } });
    const sequences = async () =>
      (await prisma.trainingSession.findMany({ where: { editionId: edition.id }, orderBy: { startsAt: "asc" } })).map(
        (s) => s.sequence,
      );

    // In March the January session has been held, the summer activity has not: only the activity moves.
    const march = new Date("2027-03-01T10:00:00Z");
    const room2 = eventInputFrom({ ...stored, onlineUrl: "https://meet.example.it/stanza-2" });
    expect(await updateEvent(national, eventId, room2, march)).toEqual({ ok: true, eventId });
    expect(await sequences()).toEqual([0, 1]);
    expect(await told()).toBe(1);

    // In August the whole edition is over: the link changes for the record, nobody is emailed, nothing moves.
    const august = new Date("2027-08-01T10:00:00Z");
    const room3 = eventInputFrom({ ...stored, onlineUrl: "https://meet.example.it/stanza-3" });
    expect(await updateEvent(national, eventId, room3, august)).toEqual({ ok: true, eventId });
    expect(await sequences()).toEqual([0, 1]);
    expect(await told()).toBe(1);
  });

  it("cancelEdition marks the sessions CANCELLED in the personal and public files; they leave the feed after 60 days", async () => {
    const { eventId, edition, sessions } = await publishedEvent();
    const { token } = await teacherWithFeed(edition.id);
    await cancelEdition(await managedEdition(national.userId, edition.id), "Formatore indisponibile");
    const personal = await ics(await get(personalFeedRoute.loader as Loader, "/x", { token }));
    expect([...personal.entries.keys()].sort()).toEqual(sessions.map((s) => uid(s.id)).sort());
    for (const entry of personal.entries.values()) expect(entry.status).toBe("CANCELLED");
    const publicIcs = await ics(await get(eventIcsRoute.loader as Loader, "/x", { eventId }));
    for (const entry of publicIcs.entries.values()) expect(entry.status).toBe("CANCELLED");

    const later = await loadPersonalCalendar(token, new Date(Date.now() + 61 * 86_400_000));
    expect(later!.sessions).toHaveLength(0);
  });

  it("a place the teacher never held (left the waitlist) is not in the feed", async () => {
    const { edition } = await publishedEvent({ "editions[0].seatCap": "1" });
    await teacherWithFeed(edition.id);
    const waiting = await createUser();
    expect(await enrol(waiting.id, edition.id)).toMatchObject({ ok: true, status: "in-attesa" });
    const token = await regenerateCalendarToken(waiting.id);
    await prisma.enrolment.updateMany({
      where: { userId: waiting.id },
      data: { status: "annullato", activeKey: null, endedAt: new Date() },
    });
    expect((await loadPersonalCalendar(token))!.sessions).toHaveLength(0);
  });
});

/** The form's fields without the edition's session `index` (the organiser removed its row). */
function withoutSession(fields: Fields, index: number): Fields {
  const prefix = `editions[0].sessions[${index}].`;
  return Object.fromEntries(Object.entries(fields).filter(([name]) => !name.startsWith(prefix)));
}

/** The form as saved over the stored event (edition and session ids kept). */
describe("deleted sessions and cancellations", () => {
  it("a session deleted from an edition stays in the personal feed and the event .ics as CANCELLED with a higher SEQUENCE, for 60 days", async () => {
    const { eventId, edition, sessions, fields } = await publishedEvent();
    const { token } = await teacherWithFeed(edition.id);
    const [kept, dropped] = sessions;
    const saved = eventInputFrom({
      ...withoutSession(keepingIds(fields, edition.id, [kept!.id, dropped!.id]), 1),
      certifiedHours: "2",
    });
    expect(await updateEvent(national, eventId, saved)).toEqual({ ok: true, eventId });
    expect(await prisma.trainingSession.findUnique({ where: { id: dropped!.id } })).toBeNull();
    expect(await prisma.cancelledSession.findUniqueOrThrow({ where: { id: dropped!.id } })).toMatchObject({
      editionId: edition.id,
      sequence: 1,
      delivery: "asincrona",
      startsAt: dropped!.startsAt,
    });

    const personal = await ics(await get(personalFeedRoute.loader as Loader, "/x", { token }));
    expect(personal.entries.get(uid(kept!.id))).toMatchObject({ status: "CONFIRMED", sequence: 0 });
    expect(personal.entries.get(uid(dropped!.id))).toMatchObject({ status: "CANCELLED", sequence: 1 });
    expect(personal.entries.get(uid(dropped!.id))!.start.toISOString()).toBe("2027-07-14T13:00:00.000Z");
    // Entries are in date order, and folded as RFC 5545 wants (75 octets, what ical-generator's own fold writes).
    expect([...personal.entries.keys()]).toEqual([uid(kept!.id), uid(dropped!.id)]);
    for (const line of personal.text.split("\r\n"))
      expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(personal.text).toBe(foldLines(personal.text.replace(/\r\n /g, "")));
    expect(personal.text.match(/BEGIN:VTIMEZONE/g)).toHaveLength(1);
    expect(personal.text.indexOf("BEGIN:VTIMEZONE")).toBeLessThan(personal.text.indexOf("BEGIN:VEVENT"));

    const publicIcs = await ics(await get(eventIcsRoute.loader as Loader, "/x", { eventId }));
    expect(publicIcs.entries.get(uid(dropped!.id))).toMatchObject({ status: "CANCELLED", sequence: 1 });
    expect(publicIcs.entries.get(uid(kept!.id))).toMatchObject({ status: "CONFIRMED" });

    // A teacher who enrolled after the deletion never had it: not in their feed.
    const { token: later } = await teacherWithFeed(edition.id);
    const latecomer = await ics(await get(personalFeedRoute.loader as Loader, "/x", { token: later }));
    expect([...latecomer.entries.keys()]).toEqual([uid(kept!.id)]);

    const afterKept = new Date(Date.now() + 61 * 86_400_000);
    expect((await loadPersonalCalendar(token, afterKept))!.sessions.map((s) => s.sessionId)).toEqual([kept!.id]);
    const { loadEventCalendar } = await import("../../app/models/calendar-feeds.server.ts");
    expect((await loadEventCalendar(eventId, afterKept))!.sessions.map((s) => s.sessionId)).toEqual([kept!.id]);
  });

  it("refuses to delete a session with register lines or completed activities, with an error on the edition's sessions", async () => {
    const { eventId, edition, sessions, fields } = await publishedEvent();
    const { teacher } = await teacherWithFeed(edition.id);
    const enrolment = await prisma.enrolment.findFirstOrThrow({ where: { userId: teacher.id, editionId: edition.id } });
    const [synchronous, activity] = sessions;
    const stored = keepingIds(fields, edition.id, [synchronous!.id, activity!.id]);

    await prisma.activityCompletion.create({ data: { sessionId: activity!.id, enrolmentId: enrolment.id } });
    expect(
      await updateEvent(national, eventId, eventInputFrom({ ...withoutSession(stored, 1), certifiedHours: "2" })),
    ).toEqual({
      ok: false,
      status: 400,
      reason: "invalid",
      fieldErrors: { "editions[0].sessions": ["events.error.sessionHasAttendance"] },
      formErrors: [],
    });

    await prisma.attendanceRecord.create({
      data: { sessionId: synchronous!.id, enrolmentId: enrolment.id, status: "presente" },
    });
    const withoutFirst = Object.fromEntries(
      Object.entries(withoutSession(stored, 0)).map(([name, value]) => [
        name.replace("editions[0].sessions[1].", "editions[0].sessions[0]."),
        value,
      ]),
    );
    expect(
      await updateEvent(national, eventId, eventInputFrom({ ...withoutFirst, certifiedHours: "2,5" })),
    ).toMatchObject({
      ok: false,
      fieldErrors: { "editions[0].sessions": ["events.error.sessionHasAttendance"] },
    });
    expect(await prisma.trainingSession.count({ where: { editionId: edition.id } })).toBe(2);
    expect(await prisma.cancelledSession.count({ where: { editionId: edition.id } })).toBe(0);
  });

  it("refuses to move a session whose register is filled in to later than now; an unrecorded one moves", async () => {
    const { eventId, edition, sessions, fields } = await publishedEvent();
    const { teacher } = await teacherWithFeed(edition.id);
    const enrolment = await prisma.enrolment.findFirstOrThrow({ where: { userId: teacher.id, editionId: edition.id } });
    const [synchronous, activity] = sessions;
    const stored = keepingIds(fields, edition.id, [synchronous!.id, activity!.id]);
    // A register line of the first session (the fixture's sessions are ahead of now, where a moved one would be).
    await prisma.attendanceRecord.create({
      data: { sessionId: synchronous!.id, enrolmentId: enrolment.id, status: "presente" },
    });
    const oneHourLater = {
      "editions[0].sessions[0].startsAt": "2027-01-14T16:00",
      "editions[0].sessions[0].endsAt": "2027-01-14T18:00",
    };
    expect(await updateEvent(national, eventId, eventInputFrom({ ...stored, ...oneHourLater }))).toEqual({
      ok: false,
      status: 400,
      reason: "invalid",
      fieldErrors: { "editions[0].sessions[0].startsAt": ["events.error.sessionRecordedMovedAhead"] },
      formErrors: [],
    });
    expect((await prisma.trainingSession.findUniqueOrThrow({ where: { id: synchronous!.id } })).startsAt).toEqual(
      synchronous!.startsAt,
    );
    // Its end, its title and the other, unrecorded session may still change.
    const changed = await updateEvent(
      national,
      eventId,
      eventInputFrom({
        ...stored,
        "editions[0].sessions[0].endsAt": "2027-01-14T17:30",
        "editions[0].sessions[0].hours": "2,5",
        "editions[0].sessions[1].startsAt": "2027-07-13T15:00",
        "editions[0].sessions[1].endsAt": "2027-07-13T17:00",
        "editions[0].sessions[1].hours": "2",
      }),
    );
    expect(changed.ok).toBe(true);
  });

  it("cancelling an edition or a place raises SEQUENCE, so the cancellation is newer than what calendars hold", async () => {
    const { eventId, edition, sessions } = await publishedEvent();
    const { token } = await teacherWithFeed(edition.id);
    const before = await ics(await get(personalFeedRoute.loader as Loader, "/x", { token }));
    for (const entry of before.entries.values()) expect(entry).toMatchObject({ status: "CONFIRMED", sequence: 0 });
    // Asked again unchanged, the feed is the same text (built once, DTSTAMP included); any change is a new build (below).
    expect((await ics(await get(personalFeedRoute.loader as Loader, "/x", { token }))).text).toBe(before.text);
    await cancelEdition(await managedEdition(national.userId, edition.id), "Formatore indisponibile");
    const after = await ics(await get(personalFeedRoute.loader as Loader, "/x", { token }));
    for (const s of sessions) expect(after.entries.get(uid(s.id))).toMatchObject({ status: "CANCELLED", sequence: 1 });
    const publicIcs = await ics(await get(eventIcsRoute.loader as Loader, "/x", { eventId }));
    for (const entry of publicIcs.entries.values()) expect(entry).toMatchObject({ status: "CANCELLED", sequence: 1 });

    // A teacher leaving their seat: their entries are cancelled one SEQUENCE higher.
    const other = await publishedEvent();
    const { teacher, token: leaving } = await teacherWithFeed(other.edition.id);
    const enrolment = await prisma.enrolment.findFirstOrThrow({
      where: { userId: teacher.id, editionId: other.edition.id },
    });
    expect(await cancelByTeacher(teacher.id, enrolment.id)).toEqual({ ok: true });
    const left = await ics(await get(personalFeedRoute.loader as Loader, "/x", { token: leaving }));
    for (const s of other.sessions)
      expect(left.entries.get(uid(s.id))).toMatchObject({ status: "CANCELLED", sequence: 1 });
  });
});

describe("calendar clients asking again", () => {
  /** A GET of a calendar route with these request headers. */
  async function getWith(loader: Loader, params: Record<string, string>, headers: Record<string, string>) {
    const request = new Request("http://localhost/x.ics", { headers });
    try {
      return (await loader({ request, params, context: {} })) as Response;
    } catch (thrown) {
      if (thrown instanceof Response) return thrown;
      throw thrown;
    }
  }

  it("get a 304 for an unchanged file (its ETag ignores DTSTAMP) and the new file after a change, on every .ics route", async () => {
    const word = unique("etagword");
    const { eventId, edition, sessions, fields } = await publishedEvent({ title: `ETag ${word}` });
    const { token } = await teacherWithFeed(edition.id);
    const routes: [string, Loader, Record<string, string>][] = [
      ["personal", personalFeedRoute.loader as Loader, { token }],
      ["event", eventIcsRoute.loader as Loader, { eventId }],
    ];
    const etags = new Map<string, string>();
    for (const [name, loader, params] of routes) {
      const first = await getWith(loader, params, {});
      expect(first.status, name).toBe(200);
      const etag = first.headers.get("ETag")!;
      expect(etag, name).toMatch(/^W\/"[A-Za-z0-9_-]+"$/);
      etags.set(name, etag);
      // DTSTAMP is the time of the build (the event file is built anew for every request): not a change.
      vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 5_000 });
      const again = await getWith(loader, params, { "If-None-Match": etag }).finally(() => vi.useRealTimers());
      expect(again.status, name).toBe(304);
      expect(again.headers.get("ETag"), name).toBe(etag);
      expect(again.headers.get("Cache-Control"), name).toBe(first.headers.get("Cache-Control"));
      expect(await again.text(), name).toBe("");
      // Any other validator: the whole file.
      expect((await getWith(loader, params, { "If-None-Match": 'W/"other", "x"' })).status, name).toBe(200);
    }
    const catalogue = async (headers: Record<string, string>) => {
      const request = new Request(`http://localhost/eventi/feed.ics?q=${word}`, { headers });
      return (await feedIcsRoute.loader({ request, params: {}, context: {} })) as Response;
    };
    const feed = await catalogue({});
    expect(feed.headers.get("Content-Disposition")).toBe('inline; filename="forma-catalogo.ics"');
    // In the reader's language, as its text is (review of the English interface, 07/12/2026); same URL.
    const englishFeed = await catalogue({ Cookie: await localeCookie.serialize("en") });
    expect(englishFeed.headers.get("Content-Disposition")).toBe('inline; filename="forma-catalogue.ics"');
    expect(await englishFeed.text()).toContain("training catalogue");
    const feedEtag = feed.headers.get("ETag")!;
    expect((await catalogue({ "If-None-Match": feedEtag })).status).toBe(304);

    // The first session moves: every file changes, and so does its ETag.
    const edited = eventInputFrom({
      ...keepingIds(fields, edition.id, [sessions[0]!.id, sessions[1]!.id]),
      "editions[0].sessions[0].startsAt": "2027-01-14T16:00",
      "editions[0].sessions[0].endsAt": "2027-01-14T18:00",
    });
    expect(await updateEvent(national, eventId, edited)).toEqual({ ok: true, eventId });
    for (const [name, loader, params] of routes) {
      const changed = await getWith(loader, params, { "If-None-Match": etags.get(name)! });
      expect(changed.status, name).toBe(200);
      expect(changed.headers.get("ETag"), name).not.toBe(etags.get(name));
      expect(await changed.text(), name).toContain("DTSTART;TZID=Europe/Rome:20270114T160000");
    }
    const changedFeed = await catalogue({ "If-None-Match": feedEtag });
    expect(changedFeed.status).toBe(200);
    expect(changedFeed.headers.get("ETag")).not.toBe(feedEtag);
  });
});

describe("the catalogue feeds", () => {
  it("honour the catalogue's filters, in JSON (open to any origin) and in .ics", async () => {
    const word = unique("feedword");
    const online = await publishedEvent({ title: `Feed ${word} online` });
    const inPerson = await publishedEvent({
      title: `Feed ${word} in presenza`,
      mode: "in-presenza",
      venue: "Firenze",
      onlineUrl: null,
    });

    const all = await get(feedJsonRoute.loader as Loader, `/eventi/feed.json?q=${word}`);
    expect(all.status).toBe(200);
    expect(all.headers.get("Access-Control-Allow-Origin")).toBe("*");
    const body = (await all.json()) as {
      total: number;
      events: {
        id: string;
        url: string;
        mode: string;
        editions: {
          startsOn: string;
          endsOn: string;
          enrolmentClosesAt: string;
          seatsLeft: number | null;
          sessions: { id: string; startsAt: string }[];
        }[];
      }[];
    };
    expect(body.events.map((e) => e.id).sort()).toEqual([online.eventId, inPerson.eventId].sort());
    const first = body.events.find((e) => e.id === online.eventId)!;
    expect(first.url).toBe(`${getEnv().APP_ORIGIN}/eventi/${online.eventId}`);
    expect(first.editions[0]!.seatsLeft).toBe(30);
    // The edition's days are its calendar days in Rome (winter start, summer end), not the UTC instant of their
    // midnight, which read "2027-01-13T23:00:00.000Z" for a course starting on the 14th; times stay UTC instants.
    expect(first.editions[0]).toMatchObject({
      startsOn: "2027-01-14",
      endsOn: "2027-07-14",
      enrolmentClosesAt: "2027-01-10T22:59:00.000Z",
    });
    expect(first.editions[0]!.sessions[0]!.startsAt).toBe("2027-01-14T14:00:00.000Z");
    expect(first.editions[0]!.sessions.map((s) => s.id)).toEqual(online.sessions.map((s) => s.id));
    expect(JSON.stringify(body)).not.toContain(ROOM);

    const filtered = (await (
      await get(feedJsonRoute.loader as Loader, `/eventi/feed.json?q=${word}&mode=in-presenza`)
    ).json()) as typeof body;
    expect(filtered.events.map((e) => e.id)).toEqual([inPerson.eventId]);

    const calendar = await ics(await get(feedIcsRoute.loader as Loader, `/eventi/feed.ics?q=${word}&mode=online`));
    expect([...calendar.entries.keys()].sort()).toEqual(online.sessions.map((s) => uid(s.id)).sort());
    expect(calendar.text).not.toContain(ROOM);

    const none = await ics(await get(feedIcsRoute.loader as Loader, `/eventi/feed.ics?q=${word}nessuno`));
    expect(none.entries.size).toBe(0);
  });

  it("give in seatsLeft the seats anyone may take: the general pool beside regional quotas, 0 for an edition not active", async () => {
    // Review 0018: 30 seats, 20 reserved for Lazio (free) and the 10 others taken read "seatsLeft": 20 on a
    // Tuscan school's site, while the event page told a visitor the unreserved seats were gone; a cancelled
    // edition (its seats taken set to 0) read every seat free.
    const word = unique("feedseats");
    const quotas = await publishedEvent({ title: `Feed ${word} quote`, openToAllRegions: "on" });
    const scope = await managedEdition(national.userId, quotas.edition.id);
    expect(await addQuota(scope, "lazio", 20)).toEqual({ ok: true });
    for (const teacher of await createTeachers(10, "toscana")) {
      expect(await enrol(teacher.id, quotas.edition.id)).toMatchObject({ status: "iscritto" });
    }
    const second = await addEdition(quotas.eventId, { seatCap: 30 });
    expect((await cancelEdition(await managedEdition(national.userId, second.id), "Pochi iscritti.")).ok).toBe(true);
    const closed = await publishedEvent({ title: `Feed ${word} chiusa` });
    expect(await closeEnrolmentEarly(await managedEdition(national.userId, closed.edition.id))).toEqual({ ok: true });

    const body = (await (await get(feedJsonRoute.loader as Loader, `/eventi/feed.json?q=${word}`)).json()) as {
      events: {
        id: string;
        editions: { status: string; seatCap: number | null; seatsLeft: number | null; reserved: unknown[] }[];
      }[];
    };
    const editionsOf = (eventId: string) =>
      body.events
        .find((e) => e.id === eventId)!
        .editions.map(({ status, seatCap, seatsLeft, reserved }) => ({ status, seatCap, seatsLeft, reserved }));
    expect(editionsOf(quotas.eventId)).toEqual([
      { status: "attiva", seatCap: 30, seatsLeft: 0, reserved: [{ region: "lazio", seats: 20, seatsLeft: 20 }] },
      { status: "annullata", seatCap: 30, seatsLeft: 0, reserved: [] },
    ]);
    expect(editionsOf(closed.eventId)).toEqual([
      { status: "iscrizioni-chiuse", seatCap: 30, seatsLeft: 0, reserved: [] },
    ]);
  });
});
