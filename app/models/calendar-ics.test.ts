// The calendar files as a strict reader of RFC 5545/5546 sees them (tests/support/ics-strict.ts),
// and as ical.js reads them back. No database: the rows are built here.
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { icsProblems } from "../../tests/support/ics-strict.ts";
import { buildCalendar, buildInvitation, type CalendarSession } from "./calendar-ics.server.ts";

const NOW = new Date("2026-12-04T10:00:00Z");

function session(overrides: Partial<CalendarSession> = {}): CalendarSession {
  return {
    sessionId: "s1",
    sequence: 0,
    title: "Primo incontro",
    startsAt: new Date("2027-01-14T14:00:00Z"),
    endsAt: new Date("2027-01-14T16:00:00Z"),
    delivery: "sincrona",
    editionNumber: 1,
    editionStatus: "aperta",
    eventId: "e1",
    eventTitle: "Corso di base",
    eventStatus: "pubblicato",
    mode: "online",
    venue: null,
    place: null,
    onlineUrl: "https://meet.example.it/stanza",
    ...overrides,
  };
}

const options = { name: "Forma", origin: "https://forma.example.it", locale: "it" as const, now: NOW };
const people = {
  organizer: { name: "Forma", email: "noreply@forma.example.it" },
  attendee: { name: "Maria Rossi", email: "maria@scuola.example.it" },
};

/** Every VEVENT read back by ical.js with the file's own VTIMEZONE. */
function read(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text) as unknown[]);
  ICAL.TimezoneService.reset();
  for (const zone of calendar.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(new ICAL.Timezone(zone));
  return calendar.getAllSubcomponents("vevent").map((vevent) => ({ vevent, event: new ICAL.Event(vevent) }));
}

describe("the calendar text", () => {
  it("ends its last line with CRLF and puts every calendar property before the first component", () => {
    const files = [
      buildCalendar([session()], { ...options, refreshSeconds: 3600 }),
      buildCalendar([session()], options),
      buildCalendar([], { ...options, refreshSeconds: 3600 }),
      buildInvitation([session()], { ...options, ...people, method: "REQUEST" }),
      buildInvitation([session()], { ...options, ...people, method: "CANCEL" }),
    ];
    for (const text of files) {
      expect(icsProblems(text)).toEqual([]);
      expect(text.endsWith("END:VCALENDAR\r\n")).toBe(true);
    }
    const feed = files[0]!;
    const firstComponent = feed.indexOf("BEGIN:VTIMEZONE");
    for (const property of [
      "REFRESH-INTERVAL;VALUE=DURATION:PT1H",
      "X-PUBLISHED-TTL:PT1H",
      "X-WR-TIMEZONE:Europe/Rome",
    ]) {
      expect(feed.indexOf(property)).toBeGreaterThan(0);
      expect(feed.indexOf(property)).toBeLessThan(firstComponent);
    }
    expect(read(feed)).toHaveLength(1);
  });
});

describe("the event's page in a calendar", () => {
  it("opens in the calendar's language: an English invitation's or feed's link carries ?lang=en (formaLink)", () => {
    for (const locale of ["it", "en"] as const) {
      const files = [
        buildCalendar([session()], { ...options, locale }),
        buildInvitation([session()], { ...options, ...people, locale, method: "REQUEST" }),
      ];
      for (const text of files) {
        const [{ event, vevent }] = read(text) as [{ event: ICAL.Event; vevent: ICAL.Component }];
        const page =
          locale === "en" ? "https://forma.example.it/eventi/e1?lang=en" : "https://forma.example.it/eventi/e1";
        expect(vevent.getFirstPropertyValue("url")).toBe(page);
        expect(event.description).toContain(page);
      }
    }
  });
});

describe("invitations' people", () => {
  it("write a name with quotes or a caret as a valid CN (RFC 6868) that readers give back whole", () => {
    // Forms refuse such names (person-name.ts), but names from before that rule or from an identity provider may hold them.
    const attendee = { name: 'Maria "Mimì" Rossi ^ ok', email: "maria@scuola.example.it" };
    const text = buildInvitation([session()], { ...options, method: "REQUEST", organizer: people.organizer, attendee });
    expect(icsProblems(text)).toEqual([]);
    const property = read(text)[0]!.vevent.getFirstProperty("attendee")!;
    expect(property.getParameter("cn")).toBe('Maria "Mimì" Rossi ^ ok');
    expect(String(property.getFirstValue()).toLowerCase()).toBe("mailto:maria@scuola.example.it");
  });
});

describe("the night summer time ends", () => {
  it("writes a time of the hour that happens twice in UTC, so every reader places it where Forma does", () => {
    // 31/10/2027: 02:00–03:00 in Rome happens twice, first in summer time (00:00–01:00 UTC) then
    // in winter time (01:00–02:00 UTC). "02:30" on the session form is the second one (parseRomeDateTime);
    // RFC 5545 (3.3.5) reads a local 02:30 as the first, ical.js as the second: only UTC says which.
    const crossing = session({
      sessionId: "crossing",
      startsAt: new Date("2027-10-30T23:30:00Z"), // 01:30 summer time
      endsAt: new Date("2027-10-31T01:30:00Z"), // 02:30 winter time: two hours later
    });
    const firstOccurrence = session({
      sessionId: "first",
      startsAt: new Date("2027-10-31T00:30:00Z"), // 02:30 summer time
      endsAt: new Date("2027-10-31T02:30:00Z"), // 03:30 winter time
    });
    const clear = session({ sessionId: "clear" });
    const text = buildCalendar([crossing, firstOccurrence, clear], options);
    expect(icsProblems(text)).toEqual([]);
    expect(text).toContain("DTSTART:20271030T233000Z\r\nDTEND:20271031T013000Z\r\n");
    expect(text).toContain("DTSTART:20271031T003000Z\r\nDTEND:20271031T023000Z\r\n");
    // Times outside that hour keep Rome's wall clock.
    expect(text).toContain("DTSTART;TZID=Europe/Rome:20270114T150000\r\n");
    const byUid = new Map(read(text).map(({ event }) => [event.uid, event]));
    for (const s of [crossing, firstOccurrence, clear]) {
      const event = byUid.get(`session-${s.sessionId}@forma`)!;
      expect(event.startDate.toJSDate().toISOString()).toBe(s.startsAt.toISOString());
      expect(event.endDate.toJSDate().toISOString()).toBe(s.endsAt.toISOString());
    }
  });

  it("keeps Rome's wall clock the night summer time starts (no local time is missing from what is written)", () => {
    // 28/03/2027: 02:00–03:00 does not exist; "02:30" on the form is 03:30 summer time.
    const text = buildCalendar(
      [session({ startsAt: new Date("2027-03-28T00:30:00Z"), endsAt: new Date("2027-03-28T01:30:00Z") })],
      options,
    );
    expect(text).toContain("DTSTART;TZID=Europe/Rome:20270328T013000\r\nDTEND;TZID=Europe/Rome:20270328T033000\r\n");
    const event = read(text)[0]!.event;
    expect(event.endDate.toJSDate().toISOString()).toBe("2027-03-28T01:30:00.000Z");
  });
});

describe("asynchronous activities", () => {
  // A week to do on one's own (00:00 of the first day to 23:59 of the last, as the demo's courses).
  const week = session({
    sessionId: "week",
    delivery: "asincrona",
    startsAt: new Date("2026-12-25T23:00:00Z"),
    endsAt: new Date("2027-01-01T22:59:00Z"),
  });

  it("do not make the teacher busy (TRANSP:TRANSPARENT); live sessions do", () => {
    for (const text of [
      buildCalendar([week, session()], options),
      buildInvitation([week, session()], { ...options, ...people, method: "REQUEST" }),
    ]) {
      expect(icsProblems(text)).toEqual([]);
      const transp = new Map(
        read(text).map(({ event, vevent }) => [event.uid, String(vevent.getFirstPropertyValue("transp") ?? "OPAQUE")]),
      );
      expect(transp.get("session-week@forma")).toBe("TRANSPARENT");
      expect(transp.get("session-s1@forma")).toBe("OPAQUE");
    }
  });

  it("have no online room, as on the event page (room-link.ts): no room link in LOCATION or DESCRIPTION", () => {
    const text = buildInvitation([week, session()], { ...options, ...people, method: "REQUEST" });
    expect(icsProblems(text)).toEqual([]);
    const byUid = new Map(read(text).map(({ event }) => [event.uid, event]));
    const activity = byUid.get("session-week@forma")!;
    expect(activity.location).toBe("Online");
    expect(activity.description).not.toContain("meet.example.it");
    // The live session keeps its room.
    expect(byUid.get("session-s1@forma")!.location).toBe("https://meet.example.it/stanza");
  });
});

describe("what organisers type", () => {
  it("comes back whole from titles, venues and links with , ; \\ line breaks and multi-byte characters, folded at 75 octets", () => {
    const title = 'Perché; "virgolette", back\\slash\nseconda riga — l’ultimo 🎓 '.repeat(3).trim();
    const venue = "Aula «Magna»; piano 2,\nLiceo Galilei\\Firenze — città 🏫";
    const room = "https://meet.example.it/x?a=1,2;b=3";
    const rows = [
      session({ sessionId: "online", title, onlineUrl: room }),
      session({ sessionId: "venue", title, mode: "blended", venue, eventTitle: `${"è".repeat(40)} 🎓🎓` }),
    ];
    for (const text of [
      buildCalendar(rows, options),
      buildInvitation(rows, { ...options, ...people, method: "REQUEST" }),
    ]) {
      expect(icsProblems(text)).toEqual([]);
      const byUid = new Map(read(text).map(({ event }) => [event.uid, event]));
      expect(byUid.get("session-online@forma")!.summary).toBe(`Corso di base — ${title}`);
      expect(byUid.get("session-online@forma")!.location).toBe(room);
      expect(byUid.get("session-online@forma")!.description).toContain(`Stanza online: ${room}`);
      expect(byUid.get("session-venue@forma")!.location).toBe(venue);
      expect(byUid.get("session-venue@forma")!.summary).toBe(`${"è".repeat(40)} 🎓🎓 — ${title}`);
    }
  });
});

describe("the calendar's name", () => {
  it("comes back whole from an event title with ; , \\ and a line break (NAME and X-WR-CALNAME are TEXT)", () => {
    const title = "Coding; robotica, e STEM\\ragazzi\nseconda parte";
    const text = buildCalendar([session()], { ...options, name: title });
    expect(icsProblems(text)).toEqual([]);
    // ical.js gives NAME and X-WR-CALNAME back as written (it does not know their type): read them
    // as RFC 5545 3.3.11 TEXT, as a calendar program does.
    const unescape = (value: string) => value.replace(/\\([\\;,nN])/g, (_, c: string) => (/n/i.test(c) ? "\n" : c));
    const calendar = new ICAL.Component(ICAL.parse(text) as unknown[]);
    for (const property of ["name", "x-wr-calname"]) {
      const written = String(calendar.getFirstPropertyValue(property));
      expect(written).not.toMatch(/(^|[^\\])[;,]/);
      expect(unescape(written)).toBe(title);
    }
  });
});

describe("a blended event's sessions (ADR 0091)", () => {
  const blended = { mode: "blended", venue: "IIS Leonardo da Vinci, Firenze" };
  it("give each session its own place: the venue in person, the room online, the venue when held in both", () => {
    const text = buildCalendar(
      [
        session({ ...blended, sessionId: "presenza", place: "in-presenza" }),
        session({ ...blended, sessionId: "online", place: "online" }),
        session({ ...blended, sessionId: "entrambi", place: null }),
      ],
      options,
    );
    expect(icsProblems(text)).toEqual([]);
    const byUid = new Map(read(text).map(({ event }) => [event.uid, event]));
    expect(byUid.get("session-presenza@forma")!.location).toBe(blended.venue);
    expect(byUid.get("session-presenza@forma")!.description).not.toContain("meet.example.it");
    expect(byUid.get("session-online@forma")!.location).toBe("https://meet.example.it/stanza");
    expect(byUid.get("session-online@forma")!.description).toContain("https://meet.example.it/stanza");
    expect(byUid.get("session-entrambi@forma")!.location).toBe(blended.venue);
    expect(byUid.get("session-entrambi@forma")!.description).toContain("https://meet.example.it/stanza");
  });

  it("say Online, not the venue, for a session held online in a file without the room (the public file)", () => {
    const text = buildCalendar([session({ ...blended, place: "online", onlineUrl: undefined })], options);
    expect(read(text)[0]!.event.location).toBe("Online");
  });
});
