// Calendar files (.ics) and the catalogue's JSON feed.
//
// Two halves, kept apart on purpose:
// - reads (plain SQL through app/utils/sql.server.ts, the same text on SQLite and PostgreSQL) that
//   return CalendarSession rows. Only the personal feed's read selects Event.onlineUrl: the public
//   reads never do, so a public file cannot leak the online room link whatever the builder does;
// - buildCalendar(), a function from rows to ICS text with ical-generator: stable UIDs
//   (session-<id>@forma), SEQUENCE from TrainingSession.sequence (updateEvent increments it when
//   a session's time or place changes), STATUS:CANCELLED for cancelled editions, events and
//   enrolments, times written in Europe/Rome with its VTIMEZONE (app/utils/vtimezone.ts).
//   Sessions deleted from an edition stay listed for CANCELLED_KEPT_DAYS from their CancelledSession
//   tombstone (same UID, SEQUENCE one higher), STATUS:CANCELLED, so subscribed calendars drop them.
//   Lines are folded by app/utils/ical-fold.ts in one pass (same bytes as ical-generator's fold).
import { getEnv } from "~/utils/env.server.ts";
import { createHash, randomBytes } from "node:crypto";
import { TZDate } from "@date-fns/tz";
import ical, { ICalAttendeeRole, ICalCalendarMethod, ICalEventStatus, type ICalCalendar } from "ical-generator";
import type { CatalogueFilters } from "~/domain/catalogue-filters.ts";
import { seatsLeft } from "~/domain/edition-availability.ts";
import type { Locale } from "~/domain/vocabulary.ts";
import { translator } from "~/i18n/i18n.tsx";
import { prisma } from "~/utils/db.server.ts";
import { foldIcsLines } from "~/utils/ical-fold.ts";
import type { ReadSource } from "~/utils/read-replica.server.ts";
import { sqlDate, sqlRead, sqlReadFrom, toDate, toInt } from "~/utils/sql.server.ts";
import { TIME_ZONE } from "~/utils/dates.ts";
import { vtimezoneFor } from "~/utils/vtimezone.ts";
import { PUBLIC_EVENT_STATUSES, searchCatalogue } from "./catalogue.server.ts";

/** Cancelled places stay in the personal feed this long, so subscribed calendars see the cancellation. */
export const CANCELLED_KEPT_DAYS = 60;
/** The catalogue feeds list at most this many events (the first ones in catalogue order). */
export const CATALOGUE_FEED_LIMIT = 500;
export const ICS_CONTENT_TYPE = "text/calendar; charset=utf-8";
/** The personal feed names its owner's sessions and room links: never in a shared cache. */
export const PERSONAL_FEED_CACHE_CONTROL = "private, max-age=300";

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

export function isCancelled(s: CalendarSession): boolean {
  return (
    s.editionStatus === "annullata" || s.eventStatus === "annullato" || s.placeEnded === true || s.deleted === true
  );
}

/** The ICS text for these sessions. A row's onlineUrl is written only if the row carries one. */
export function buildCalendar(sessions: CalendarSession[], options: CalendarOptions): string {
  const t = translator(options.locale);
  const calendar = ical({
    name: options.name,
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
    const eventUrl = `${options.origin}/eventi/${encodeURIComponent(s.eventId)}`;
    const roomLink = s.onlineUrl && s.mode !== "in-presenza" ? s.onlineUrl : null;
    const cancelled = options.method === "CANCEL" || isCancelled(s);
    const description = [
      t("calendar.ics.edition", { number: s.editionNumber }),
      s.delivery === "asincrona" ? t("calendar.ics.asynchronous") : t("calendar.ics.synchronous"),
      ...(roomLink && !cancelled ? [t("calendar.ics.room", { url: roomLink })] : []),
      t("calendar.ics.details", { url: eventUrl }),
    ].join("\n");
    const location =
      s.mode !== "online" && s.venue
        ? s.venue
        : roomLink && !cancelled && s.mode === "online"
          ? roomLink
          : s.mode !== "in-presenza"
            ? t("calendar.ics.online")
            : null;
    calendar.createEvent({
      id: sessionUid(s.sessionId),
      sequence: s.sequence,
      stamp,
      timezone: TIME_ZONE,
      // TZDate makes ical-generator write the wall-clock time in Rome whatever the server's TZ.
      start: new TZDate(s.startsAt.getTime(), TIME_ZONE),
      end: new TZDate(s.endsAt.getTime(), TIME_ZONE),
      summary: `${cancelled ? `[${t("calendar.ics.cancelled")}] ` : ""}${s.eventTitle}${s.title ? ` — ${s.title}` : ""}`,
      description,
      location,
      url: eventUrl,
      status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      ...(options.organizer ? { organizer: options.organizer } : {}),
      ...(options.attendee
        ? {
            attendees: [
              { name: options.attendee.name, email: options.attendee.email, rsvp: false, role: ICalAttendeeRole.REQ },
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
 * calendar.toString() with the entries folded in one pass: ical-generator folds the whole text
 * with a TextEncoder per character (half the CPU of a 200-session feed). The entries are taken
 * out, the frame is written by ical-generator, and the VTIMEZONE and entries are put back where
 * it would have put them (the VTIMEZONE after the header, the entries before the custom X-
 * properties): the text is the same, byte for byte (tests/integration/calendar.test.ts).
 */
function calendarText(calendar: ICalCalendar): string {
  const events = calendar.events();
  if (events.length === 0) return calendar.toString();
  const entries = foldIcsLines(events.map((e) => e.toString()).join(""));
  const vtimezone = vtimezoneFor(TIME_ZONE);
  const zone = vtimezone ? foldIcsLines(vtimezone.replace(/\r\n/g, "\n").replace(/\n/g, "\r\n").trim() + "\r\n") : "";
  calendar.clear();
  const frame = calendar.toString();
  const x = frame.indexOf("\r\nX-WR-TIMEZONE:");
  const custom = x >= 0 ? x + 2 : frame.lastIndexOf("END:VCALENDAR");
  const ttl = frame.indexOf("\r\nREFRESH-INTERVAL;");
  const zoneAt = ttl >= 0 ? ttl + 2 : custom;
  return frame.slice(0, zoneAt) + zone + frame.slice(zoneAt, custom) + entries + frame.slice(custom);
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

// ---------------------------------------------------------------------------------------------
// Reads

type SessionRow = {
  sessionId: string;
  sequence: number | bigint;
  title: string;
  startsAt: Date | string;
  endsAt: Date | string;
  delivery: string;
  editionNumber: number | bigint;
  editionStatus: string;
  eventId: string;
  eventTitle: string;
  eventStatus: string;
  mode: string;
  venue: string | null;
};

const SESSION_COLUMNS = `s."id" AS "sessionId", s."sequence", s."title", s."startsAt", s."endsAt", s."delivery",
  ed."number" AS "editionNumber", ed."status" AS "editionStatus",
  e."id" AS "eventId", e."title" AS "eventTitle", e."status" AS "eventStatus", e."mode", e."venue"`;

/** The same columns from a CancelledSession tombstone (cs) instead of a session. */
const TOMBSTONE_COLUMNS = `cs."id" AS "sessionId", cs."sequence", cs."title", cs."startsAt", cs."endsAt", cs."delivery",
  ed."number" AS "editionNumber", ed."status" AS "editionStatus",
  e."id" AS "eventId", e."title" AS "eventTitle", e."status" AS "eventStatus", e."mode", e."venue"`;

/** Date order, then id: how every file lists its entries. */
function bySchedule(a: CalendarSession, b: CalendarSession): number {
  const d = a.startsAt.getTime() - b.startsAt.getTime();
  return d !== 0 ? d : a.sessionId < b.sessionId ? -1 : a.sessionId > b.sessionId ? 1 : 0;
}

const keptSince = (now: Date) => new Date(now.getTime() - CANCELLED_KEPT_DAYS * 86_400_000);

const PUBLIC_STATUSES_SQL = PUBLIC_EVENT_STATUSES.map((s) => `'${s}'`).join(", ");

function toSession(r: SessionRow): CalendarSession {
  return {
    sessionId: r.sessionId,
    sequence: toInt(r.sequence),
    title: r.title,
    startsAt: toDate(r.startsAt),
    endsAt: toDate(r.endsAt),
    delivery: r.delivery,
    editionNumber: toInt(r.editionNumber),
    editionStatus: r.editionStatus,
    eventId: r.eventId,
    eventTitle: r.eventTitle,
    eventStatus: r.eventStatus,
    mode: r.mode,
    venue: r.venue,
  };
}

/**
 * Every session of a public event's editions (no room link), and the sessions deleted in the
 * last CANCELLED_KEPT_DAYS as cancelled, or null if the event is not public.
 */
export async function loadEventCalendar(
  eventId: string,
  now: Date = new Date(),
): Promise<{ title: string; sessions: CalendarSession[] } | null> {
  if (!eventId || eventId.length > 64) return null;
  const [events, rows, deleted] = await Promise.all([
    sqlRead<{ title: string }>(
      `SELECT "title" FROM "Event" WHERE "id" = $1 AND "status" IN (${PUBLIC_STATUSES_SQL})`,
      eventId,
    ),
    sqlRead<SessionRow>(
      `SELECT ${SESSION_COLUMNS}
       FROM "Event" e JOIN "Edition" ed ON ed."eventId" = e."id" JOIN "TrainingSession" s ON s."editionId" = ed."id"
       WHERE e."id" = $1 AND e."status" IN (${PUBLIC_STATUSES_SQL})
       ORDER BY s."startsAt" ASC, s."id" ASC`,
      eventId,
    ),
    sqlRead<SessionRow>(
      `SELECT ${TOMBSTONE_COLUMNS}
       FROM "Event" e JOIN "Edition" ed ON ed."eventId" = e."id" JOIN "CancelledSession" cs ON cs."editionId" = ed."id"
       WHERE e."id" = $1 AND e."status" IN (${PUBLIC_STATUSES_SQL}) AND cs."cancelledAt" >= $2`,
      eventId,
      sqlDate(keptSince(now)),
    ),
  ]);
  if (!events[0]) return null;
  const sessions = [...rows.map(toSession), ...deleted.map((r) => ({ ...toSession(r), deleted: true }))];
  return { title: events[0].title, sessions: sessions.sort(bySchedule) };
}

/**
 * Deleted sessions (tombstones) by id, as cancelled entries for the METHOD:CANCEL of an
 * edition-changed email. Ids that are gone (the edition was deleted) are skipped.
 */
export async function loadCancelledSessions(ids: string[]): Promise<CalendarSession[]> {
  const wanted = ids.filter((id) => typeof id === "string" && id.length > 0 && id.length <= 64).slice(0, 500);
  if (wanted.length === 0) return [];
  const rows = await sqlRead<SessionRow>(
    `SELECT ${TOMBSTONE_COLUMNS}
     FROM "CancelledSession" cs JOIN "Edition" ed ON ed."id" = cs."editionId" JOIN "Event" e ON e."id" = ed."eventId"
     WHERE cs."id" IN (${wanted.map((_, i) => `$${i + 1}`).join(", ")})`,
    ...wanted,
  );
  return rows.map((r) => ({ ...toSession(r), deleted: true })).sort(bySchedule);
}

/**
 * The sessions of an enrolment's edition for an invitation, with the event's room link (the
 * invitation goes to that teacher only), whatever the enrolment's status now.
 */
export async function loadEnrolmentSessions(enrolmentId: string): Promise<CalendarSession[]> {
  const rows = await sqlRead<SessionRow & { onlineUrl: string | null }>(
    `SELECT ${SESSION_COLUMNS}, e."onlineUrl"
     FROM "Enrolment" en
     JOIN "Edition" ed ON ed."id" = en."editionId"
     JOIN "Event" e ON e."id" = ed."eventId"
     JOIN "TrainingSession" s ON s."editionId" = ed."id"
     WHERE en."id" = $1
     ORDER BY s."startsAt" ASC, s."id" ASC`,
    enrolmentId,
  );
  return rows.map((r) => ({ ...toSession(r), onlineUrl: r.onlineUrl }));
}

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** A new secret for the personal feed: 32 random bytes, base64url (43 characters). */
export function newCalendarToken(): string {
  return randomBytes(32).toString("base64url");
}

/** Creates or replaces the user's feed token; the old URL stops working at once. */
export async function regenerateCalendarToken(userId: string): Promise<string> {
  const token = newCalendarToken();
  await prisma.user.update({ where: { id: userId }, data: { calendarToken: token }, select: { id: true } });
  return token;
}

export async function getCalendarToken(userId: string): Promise<string | null> {
  const rows = await sqlRead<{ calendarToken: string | null }>(
    `SELECT "calendarToken" FROM "User" WHERE "id" = $1`,
    userId,
  );
  return rows[0]?.calendarToken ?? null;
}

/**
 * The personal feed of the token's owner, or null for an unknown token: every session of the
 * editions where the teacher holds a place ("iscritto"), with the room link, and for
 * CANCELLED_KEPT_DAYS the sessions of places that ended after being held (cancelled by the
 * teacher, removed, edition or event cancelled), so subscribed calendars show the cancellation.
 */
export async function loadPersonalCalendar(
  token: string,
  now: Date = new Date(),
): Promise<{ locale: Locale; sessions: CalendarSession[] } | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const users = await sqlRead<{ id: string; locale: string }>(
    `SELECT "id", "locale" FROM "User" WHERE "calendarToken" = $1`,
    token,
  );
  const user = users[0];
  if (!user) return null;
  const since = keptSince(now);
  const heldPlace = `en."userId" = $1
       AND (en."status" = 'iscritto'
            OR (en."endedAt" >= $2
                AND EXISTS (SELECT 1 FROM "EnrolmentChange" c WHERE c."enrolmentId" = en."id" AND c."toStatus" = 'iscritto')))`;
  const [rows, deleted] = await Promise.all([
    sqlRead<SessionRow & { onlineUrl: string | null; enrolmentStatus: string }>(
      `SELECT ${SESSION_COLUMNS}, e."onlineUrl", en."status" AS "enrolmentStatus"
     FROM "Enrolment" en
     JOIN "Edition" ed ON ed."id" = en."editionId"
     JOIN "Event" e ON e."id" = ed."eventId"
     JOIN "TrainingSession" s ON s."editionId" = ed."id"
     WHERE ${heldPlace}
     ORDER BY s."startsAt" ASC, s."id" ASC, CASE WHEN en."status" = 'iscritto' THEN 0 ELSE 1 END ASC, en."endedAt" DESC`,
      user.id,
      sqlDate(since),
    ),
    // Sessions deleted while the teacher held (or had held) the place.
    sqlRead<SessionRow>(
      `SELECT ${TOMBSTONE_COLUMNS}
       FROM "Enrolment" en
       JOIN "Edition" ed ON ed."id" = en."editionId"
       JOIN "Event" e ON e."id" = ed."eventId"
       JOIN "CancelledSession" cs ON cs."editionId" = ed."id"
       WHERE ${heldPlace} AND cs."cancelledAt" >= $2 AND cs."cancelledAt" >= en."createdAt"`,
      user.id,
      sqlDate(since),
    ),
  ]);
  // A teacher who cancelled and enrolled again in the same edition has two enrolments: the place
  // held now wins (rows are ordered so), then the latest ended one.
  const seen = new Set<string>();
  const sessions: CalendarSession[] = [];
  for (const r of rows) {
    if (seen.has(r.sessionId)) continue;
    seen.add(r.sessionId);
    sessions.push({ ...toSession(r), onlineUrl: r.onlineUrl, placeEnded: r.enrolmentStatus !== "iscritto" });
  }
  if (deleted.length) {
    for (const r of deleted) {
      if (seen.has(r.sessionId)) continue;
      seen.add(r.sessionId);
      sessions.push({ ...toSession(r), deleted: true });
    }
    sessions.sort(bySchedule);
  }
  return { locale: user.locale === "en" ? "en" : "it", sessions };
}

// ---------------------------------------------------------------------------------------------
// Catalogue feeds

export type FeedSession = {
  id: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  delivery: string;
  minutes: number;
  sequence: number;
};
export type FeedEdition = {
  id: string;
  number: number;
  status: string;
  startsOn: Date;
  endsOn: Date;
  enrolmentOpensAt: Date;
  enrolmentClosesAt: Date;
  seatCap: number | null;
  seatsLeft: number | null;
  sessions: FeedSession[];
};
export type FeedEvent = {
  id: string;
  title: string;
  type: string;
  level: string;
  regionCode: string | null;
  mode: string;
  venue: string | null;
  status: string;
  startsAt: Date | null;
  endsAt: Date | null;
  editions: FeedEdition[];
};

type FeedRow = {
  eventId: string;
  id: string;
  number: number | bigint;
  status: string;
  startsOn: Date | string;
  endsOn: Date | string;
  enrolmentOpensAt: Date | string;
  enrolmentClosesAt: Date | string;
  seatCap: number | bigint | null;
  seatsTaken: number | bigint;
  sessionId: string | null;
  sessionTitle: string | null;
  sessionStartsAt: Date | string | null;
  sessionEndsAt: Date | string | null;
  sessionDelivery: string | null;
  sessionMinutes: number | bigint | null;
  sessionSequence: number | bigint | null;
};

/** The events the catalogue shows for these filters (first CATALOGUE_FEED_LIMIT), with editions and sessions. */
export async function loadCatalogueFeed(
  filters: CatalogueFilters,
  options: { now?: Date; limit?: number; source?: ReadSource } = {},
): Promise<{ total: number; events: FeedEvent[] }> {
  const now = options.now ?? new Date();
  const source = options.source ?? "primary";
  const page = await searchCatalogue(filters, 1, { now, pageSize: options.limit ?? CATALOGUE_FEED_LIMIT, source });
  if (page.events.length === 0) return { total: page.total, events: [] };
  const ids = page.events.map((e) => e.id);
  const rows = await sqlReadFrom<FeedRow>(
    source,
    `SELECT ed."eventId", ed."id", ed."number", ed."status", ed."startsOn", ed."endsOn", ed."enrolmentOpensAt",
            ed."enrolmentClosesAt", ed."seatCap", ed."seatsTaken",
            s."id" AS "sessionId", s."title" AS "sessionTitle", s."startsAt" AS "sessionStartsAt", s."endsAt" AS "sessionEndsAt",
            s."delivery" AS "sessionDelivery", s."minutes" AS "sessionMinutes", s."sequence" AS "sessionSequence"
     FROM "Edition" ed LEFT JOIN "TrainingSession" s ON s."editionId" = ed."id"
     WHERE ed."eventId" IN (${ids.map((_, i) => `$${i + 1}`).join(", ")})
     ORDER BY ed."eventId" ASC, ed."number" ASC, s."startsAt" ASC, s."id" ASC`,
    ...ids,
  );
  const editionsOf = new Map<string, FeedEdition[]>();
  for (const r of rows) {
    const list = editionsOf.get(r.eventId) ?? [];
    editionsOf.set(r.eventId, list);
    let edition = list[list.length - 1];
    if (!edition || edition.id !== r.id) {
      const seatCap = toInt(r.seatCap);
      edition = {
        id: r.id,
        number: toInt(r.number),
        status: r.status,
        startsOn: toDate(r.startsOn),
        endsOn: toDate(r.endsOn),
        enrolmentOpensAt: toDate(r.enrolmentOpensAt),
        enrolmentClosesAt: toDate(r.enrolmentClosesAt),
        seatCap,
        seatsLeft: seatsLeft({ seatCap, seatsTaken: toInt(r.seatsTaken) }),
        sessions: [],
      };
      list.push(edition);
    }
    if (r.sessionId !== null) {
      edition.sessions.push({
        id: r.sessionId,
        title: r.sessionTitle ?? "",
        startsAt: toDate(r.sessionStartsAt!),
        endsAt: toDate(r.sessionEndsAt!),
        delivery: r.sessionDelivery ?? "",
        minutes: toInt(r.sessionMinutes ?? 0),
        sequence: toInt(r.sessionSequence ?? 0),
      });
    }
  }
  return {
    total: page.total,
    events: page.events.map((e) => ({
      id: e.id,
      title: e.title,
      type: e.type,
      level: e.level,
      regionCode: e.regionCode,
      mode: e.mode,
      venue: e.venue,
      // The catalogue lists published events only.
      status: "pubblicato",
      startsAt: e.startsAt,
      endsAt: e.endsAt,
      editions: editionsOf.get(e.id) ?? [],
    })),
  };
}

/** The feed's events as calendar rows (no room link: the catalogue never reads it). */
export function feedSessions(events: FeedEvent[]): CalendarSession[] {
  return events.flatMap((e) =>
    e.editions.flatMap((ed) =>
      ed.sessions.map((s) => ({
        sessionId: s.id,
        sequence: s.sequence,
        title: s.title,
        startsAt: s.startsAt,
        endsAt: s.endsAt,
        delivery: s.delivery,
        editionNumber: ed.number,
        editionStatus: ed.status,
        eventId: e.id,
        eventTitle: e.title,
        eventStatus: e.status,
        mode: e.mode,
        venue: e.venue,
      })),
    ),
  );
}

/** The JSON feed's body: one entry per event, in catalogue order. */
export function catalogueJson(
  feed: { total: number; events: FeedEvent[] },
  origin: string,
  limit = CATALOGUE_FEED_LIMIT,
) {
  return {
    total: feed.total,
    limit,
    events: feed.events.map((e) => ({
      id: e.id,
      url: `${origin}/eventi/${encodeURIComponent(e.id)}`,
      title: e.title,
      type: e.type,
      level: e.level,
      region: e.regionCode,
      mode: e.mode,
      venue: e.venue,
      startsAt: e.startsAt?.toISOString() ?? null,
      endsAt: e.endsAt?.toISOString() ?? null,
      editions: e.editions.map((ed) => ({
        id: ed.id,
        number: ed.number,
        status: ed.status,
        startsOn: ed.startsOn.toISOString(),
        endsOn: ed.endsOn.toISOString(),
        enrolmentOpensAt: ed.enrolmentOpensAt.toISOString(),
        enrolmentClosesAt: ed.enrolmentClosesAt.toISOString(),
        seatCap: ed.seatCap,
        seatsLeft: ed.seatsLeft,
        sessions: ed.sessions.map((s) => ({
          id: s.id,
          title: s.title,
          startsAt: s.startsAt.toISOString(),
          endsAt: s.endsAt.toISOString(),
          delivery: s.delivery,
          minutes: s.minutes,
        })),
      })),
    })),
  };
}

/**
 * The origin of links inside feeds and calendar files: APP_ORIGIN, never the request's Host
 * (a proxy may rewrite it, a client may forge it, and the public feeds are cached for everyone).
 */
export function originOf(_request: Request): string {
  return new URL(getEnv().APP_ORIGIN).origin;
}
