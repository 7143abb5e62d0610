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
