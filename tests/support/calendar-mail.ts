// The calendar parts of a received email (mailparser), parsed with ical.js: the iTIP method, each
// entry's UID, SEQUENCE, STATUS and start, and the attendees, after a strict reading
// (tests/support/ics-strict.ts). For tests of invitations.
import ICAL from "ical.js";
import type { ParsedMail } from "mailparser";
import { expect } from "vitest";
import { icsProblems } from "./ics-strict.ts";

export type Invitation = {
  method: string;
  entries: Map<string, { sequence: number; status: string; start: Date }>;
  attendees: string[];
  /** Each entry's ORGANIZER address (mailto:…, lower case). */
  organizers: string[];
};

/**
 * The invitation of a message, counted: exactly one text/calendar alternative (no file name) and
 * exactly one invito.ics attachment, carrying the same calendar.
 */
export function invitationOf(mail: ParsedMail): Invitation {
  const alternatives = mail.attachments.filter((a) => a.contentType.startsWith("text/calendar") && !a.filename);
  const files = mail.attachments.filter((a) => a.filename === "invito.ics");
  expect(alternatives).toHaveLength(1);
  expect(files).toHaveLength(1);
  expect(files[0]!.content.toString("utf8")).toBe(alternatives[0]!.content.toString("utf8"));
  return parseInvitation(files[0]!.content.toString("utf8"));
}

export function parseInvitation(text: string): Invitation {
  expect(icsProblems(text)).toEqual([]);
  const calendar = new ICAL.Component(ICAL.parse(text) as unknown[]);
  ICAL.TimezoneService.reset();
  for (const tz of calendar.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(new ICAL.Timezone(tz));
  const entries = new Map<string, { sequence: number; status: string; start: Date }>();
  const attendees: string[] = [];
  const organizers: string[] = [];
  for (const vevent of calendar.getAllSubcomponents("vevent")) {
    const event = new ICAL.Event(vevent);
    entries.set(event.uid, {
      sequence: event.sequence,
      status: String(vevent.getFirstPropertyValue("status") ?? ""),
      start: event.startDate.toJSDate(),
    });
    for (const a of vevent.getAllProperties("attendee")) attendees.push(String(a.getFirstValue()).toLowerCase());
    organizers.push(String(vevent.getFirstPropertyValue("organizer")).toLowerCase());
  }
  return { method: String(calendar.getFirstPropertyValue("method")), entries, attendees, organizers };
}

/** A session's UID in every calendar Forma writes. */
export const uid = (id: string) => `session-${id}@forma`;

/** Every calendar part of a message by file name (text/calendar alternative included as "(alternative)"), parsed. */
export function calendarsOf(mail: ParsedMail): Map<string, Invitation> {
  const result = new Map<string, Invitation>();
  for (const a of mail.attachments) {
    if (!a.contentType.startsWith("text/calendar") && !a.contentType.startsWith("application/ics")) continue;
    const name = a.filename ?? "(alternative)";
    expect(result.has(name), `two calendar parts named ${name}`).toBe(false);
    result.set(name, parseInvitation(a.content.toString("utf8")));
  }
  return result;
}

/**
 * The iTIP objects a calendar acts on by itself (Outlook, Gmail's card): each message's text/calendar
 * alternative part (no file name; RFC 6047, one method per message), parsed, over all `mails`.
 * Attached .ics files are left out: a reader has to open them by hand.
 */
export function alternativeCalendarsOf(mails: ParsedMail[]): Invitation[] {
  return mails.flatMap((m) =>
    m.attachments
      .filter((a) => a.contentType.startsWith("text/calendar") && !a.filename)
      .map((a) => parseInvitation(a.content.toString("utf8"))),
  );
}
