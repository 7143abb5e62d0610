// Calendar files (.ics) from calendar rows: buildCalendar() with ical-generator. Stable UIDs
// (session-<id>@forma), SEQUENCE from TrainingSession.sequence (updateEvent increments it when a
// session's time or place changes), STATUS:CANCELLED for cancelled editions, events, enrolments
// and deleted sessions, times written in Europe/Rome with its VTIMEZONE (app/utils/vtimezone.ts),
// but in UTC for an entry with a time in the hour Rome lives twice when summer time ends.
// Lines are folded by app/utils/ical-fold.ts in one pass (same bytes as ical-generator's fold).
// No database here: the rows come from calendar-feeds.server.ts (the event's file, the personal
// feed, an email's invitation) or catalogue-feed.server.ts (the catalogue's feed).
import { createHash } from "node:crypto";
import { TZDate } from "@date-fns/tz";
import ical, {
  ICalAttendeeRole,
  ICalCalendarMethod,
  ICalEventStatus,
  ICalEventTransparency,
  type ICalCalendar,
} from "ical-generator";
import { sessionMode } from "~/domain/session-place.ts";
import type { Locale } from "~/domain/vocabulary.ts";
import { translator } from "~/i18n/i18n.tsx";
import { isRepeatedRomeTime, TIME_ZONE } from "~/utils/dates.ts";
import { formaLink } from "~/utils/forma-link.ts";
import { foldIcsLines } from "~/utils/ical-fold.ts";
import { vtimezoneFor } from "~/utils/vtimezone.ts";

export const ICS_CONTENT_TYPE = "text/calendar; charset=utf-8";

/** One session as a calendar entry. */
export type CalendarSession = {
  sessionId: string;
  sequence: number;
  title: string;
  startsAt: Date;
  endsAt: Date;
  /** "sincrona" | "asincrona" */
  delivery: string;
  editionNumber: number;
  editionStatus: string;
  eventId: string;
  eventTitle: string;
  eventStatus: string;
  mode: string;
  venue: string | null;
  /** A blended event's live session held in one place only (ADR 0091); null = both, or the event's mode. */
  place: string | null;
  /** Only in the personal feed's rows. */
  onlineUrl?: string | null;
  /** Personal feed: the teacher's place has ended (cancelled, removed, edition cancelled). */
  placeEnded?: boolean;
  /** The session was deleted from its edition (a CancelledSession tombstone). */
  deleted?: boolean;
};

export type CalendarOptions = {
  /** The calendar's name (X-WR-CALNAME). */
  name: string;
  /** Scheme and host for the links to event pages, e.g. "https://forma.example.it". */
  origin: string;
  locale: Locale;
  /** DTSTAMP; defaults to now. */
  now?: Date;
  /** How often subscribed clients should re-read the feed, in seconds. */
  refreshSeconds?: number;
  /**
   * iTIP method (RFC 5546). PUBLISH (default) for files and feeds; REQUEST and CANCEL for the
   * invitations attached to emails (buildInvitation), which also name an organizer and attendee.
   * CANCEL marks every entry STATUS:CANCELLED.
   */
  method?: "PUBLISH" | "REQUEST" | "CANCEL";
  organizer?: { name: string; email: string };
  attendee?: { name: string; email: string };
};

export function sessionUid(sessionId: string): string {
  return `session-${sessionId}@forma`;
}

/**
 * A person's name as the CN parameter of ORGANIZER or ATTENDEE. A parameter value cannot hold a
 * DQUOTE, and RFC 5545 has no backslash escape there: ical-generator's \" ended the quoted value
 * early, so a reader (ical.js, Outlook) cut the name and saw the rest as broken parameters. RFC 6868
 * spells ^ as ^^, a line break as ^n and " as ^'; a backslash (which ical-generator would double) is
 * left out.
 */
function commonName(name: string): string {
  return name
    .replace(/\\/g, "")
    .replace(/\^/g, "^^")
    .replace(/\r\n|\r|\n/g, "^n")
    .replace(/"/g, "^'");
}

/**
 * A TEXT value (RFC 5545 3.3.11) escaped as ical-generator 10 fails to do for the calendar's NAME
 * and X-WR-CALNAME (it escapes SUMMARY, DESCRIPTION and LOCATION): an event's file is named after
 * its title, and a title such as "Coding; robotica, e STEM" cut the name at the semicolon in
 * readers (ical.js sees "Coding"), or broke the line with a newline pasted into the title.
 */
function escapedText(value: string): string {
  return value
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n");
}

export function isCancelled(s: CalendarSession): boolean {
  return (
    s.editionStatus === "annullata" || s.eventStatus === "annullato" || s.placeEnded === true || s.deleted === true
  );
}

/** The ICS text for these sessions. A row's onlineUrl is written only if the row carries one. */
export function buildCalendar(sessions: CalendarSession[], options: CalendarOptions): string {
  const t = translator(options.locale);
  const calendar = ical({
    name: escapedText(options.name),
    prodId: { company: "Forma", product: "Calendario", language: options.locale.toUpperCase() },
    method:
      options.method === "REQUEST"
        ? ICalCalendarMethod.REQUEST
        : options.method === "CANCEL"
          ? ICalCalendarMethod.CANCEL
          : ICalCalendarMethod.PUBLISH,
    // No calendar-wide zone name: ical-generator would then write DTSTAMP in local time, which
    // RFC 5545 forbids. Each entry names Europe/Rome and the generator adds its VTIMEZONE once.
    timezone: { name: null, generator: vtimezoneFor },
    x: { "X-WR-TIMEZONE": TIME_ZONE },
    ...(options.refreshSeconds ? { ttl: options.refreshSeconds } : {}),
  });
  const stamp = options.now ?? new Date();
  for (const s of sessions) {
    // The event's page in the calendar's language (an English invitation or feed opens it in English).
    const eventUrl = formaLink(options.origin, `/eventi/${encodeURIComponent(s.eventId)}`, options.locale);
    // Only live sessions have a room (as on the event page, app/domain/room-link.ts), and a blended
    // event's session says where it is held: its own place, not the event's mode (ADR 0091).
    const mode = sessionMode(s, s);
    const roomLink = s.onlineUrl && mode !== "in-presenza" && s.delivery === "sincrona" ? s.onlineUrl : null;
    const cancelled = options.method === "CANCEL" || isCancelled(s);
    const utc = isRepeatedRomeTime(s.startsAt) || isRepeatedRomeTime(s.endsAt);
    const description = [
      t("calendar.ics.edition", { number: s.editionNumber }),
      s.delivery === "asincrona" ? t("calendar.ics.asynchronous") : t("calendar.ics.synchronous"),
      ...(roomLink && !cancelled ? [t("calendar.ics.room", { url: roomLink })] : []),
      t("calendar.ics.details", { url: eventUrl }),
    ].join("\n");
    const location =
      mode !== "online" && s.venue
        ? s.venue
        : roomLink && !cancelled && mode === "online"
          ? roomLink
          : mode !== "in-presenza"
            ? t("calendar.ics.online")
            : null;
    calendar.createEvent({
      id: sessionUid(s.sessionId),
      sequence: s.sequence,
      stamp,
      // TZDate makes ical-generator write the wall-clock time in Rome whatever the server's TZ; a
      // time of the hour Rome lives twice is written in UTC instead (isRepeatedRomeTime).
      ...(utc
        ? { timezone: null, start: s.startsAt, end: s.endsAt }
        : {
            timezone: TIME_ZONE,
            start: new TZDate(s.startsAt.getTime(), TIME_ZONE),
            end: new TZDate(s.endsAt.getTime(), TIME_ZONE),
          }),
      summary: `${cancelled ? `[${t("calendar.ics.cancelled")}] ` : ""}${s.eventTitle}${s.title ? ` — ${s.title}` : ""}`,
      description,
      location,
      url: eventUrl,
      status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      // An asynchronous activity is a window (often days or weeks) to work in at any time: it must
      // not mark the teacher busy in free/busy (Outlook/Exchange would refuse or flag meetings all week).
      ...(s.delivery === "asincrona" ? { transparency: ICalEventTransparency.TRANSPARENT } : {}),
      ...(options.organizer
        ? { organizer: { name: commonName(options.organizer.name), email: options.organizer.email } }
        : {}),
      ...(options.attendee
        ? {
            attendees: [
              {
                name: commonName(options.attendee.name),
                email: options.attendee.email,
                rsvp: false,
                role: ICalAttendeeRole.REQ,
              },
            ],
          }
        : {}),
    });
  }
  return calendarText(calendar);
}

/** Built files kept by content (buildCalendarCached): at most this many, and this many characters in all. */
const BUILT_CACHE_ENTRIES = 256;
const BUILT_CACHE_CHARS = 32_000_000;
const built = new Map<string, string>();
let builtChars = 0;

/**
 * buildCalendar for a file that is asked for again and again with the same content (the personal
 * feed: calendar clients poll it every hour or so). The key is a hash of everything the text is
 * made of (the rows and the options but DTSTAMP), so a changed row is a new key and a cached text
 * is never stale; it only keeps the DTSTAMP of its first build. Least recently used entries go first.
 */
export function buildCalendarCached(sessions: CalendarSession[], options: Omit<CalendarOptions, "now">): string {
  const key = createHash("sha256")
    .update(JSON.stringify([sessions, options]))
    .digest("base64url");
  const hit = built.get(key);
  if (hit !== undefined) {
    built.delete(key);
    built.set(key, hit);
    return hit;
  }
  const text = buildCalendar(sessions, options);
  built.set(key, text);
  builtChars += text.length;
  for (const [oldKey, oldText] of built) {
    if (built.size <= BUILT_CACHE_ENTRIES && builtChars <= BUILT_CACHE_CHARS) break;
    built.delete(oldKey);
    builtChars -= oldText.length;
  }
  return text;
}

/**
 * calendar.toString() with the entries folded in one pass (ical-generator folds the whole text
 * with a TextEncoder per character: half the CPU of a 200-session feed), laid out as RFC 5545
 * (3.4, 3.6) wants it, which ical-generator 10 does not: every calendar property (REFRESH-INTERVAL,
 * X-PUBLISHED-TTL, X-WR-TIMEZONE) before the first component, and a CRLF after END:VCALENDAR (the
 * grammar ends every content line with one; validators flag its absence and some readers drop the
 * unterminated last line). The frame's properties are written by ical-generator without the
 * entries, then the VTIMEZONE and the entries follow them.
 */
function calendarText(calendar: ICalCalendar): string {
  const events = calendar.events();
  const entries = events.length ? foldIcsLines(events.map((e) => e.toString()).join("")) : "";
  const vtimezone = events.length ? vtimezoneFor(TIME_ZONE) : null;
  const zone = vtimezone ? foldIcsLines(vtimezone.replace(/\r\n/g, "\n").replace(/\n/g, "\r\n").trim() + "\r\n") : "";
  calendar.clear();
  const frame = calendar.toString();
  const end = frame.lastIndexOf("END:VCALENDAR");
  return frame.slice(0, end) + zone + entries + "END:VCALENDAR\r\n";
}

/**
 * The invitation attached to an email about an edition: the same UIDs and SEQUENCE as the
 * feeds, so a calendar that already has the sessions updates (REQUEST) or removes (CANCEL) them.
 */
export function buildInvitation(
  sessions: CalendarSession[],
  options: Omit<CalendarOptions, "method" | "refreshSeconds"> & { method: "REQUEST" | "CANCEL" },
): string {
  return buildCalendar(sessions, options);
}
