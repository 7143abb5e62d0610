// The calendar rows the files are built from (calendar-ics.server.ts): the public event's file,
// the teacher's personal feed, and an email's invitation (the sessions of an enrolment's edition,
// deleted sessions for a METHOD:CANCEL). Plain SQL through app/utils/sql.server.ts, the same text
// on SQLite and PostgreSQL. Only the personal feed's and the invitation's reads select
// Event.onlineUrl: the public read never does, so a public file cannot leak the online room link
// whatever the builder does. Sessions deleted from an edition stay listed for CANCELLED_KEPT_DAYS
// from their CancelledSession tombstone (same UID, SEQUENCE one higher), as cancelled.
import type { Locale } from "~/domain/vocabulary.ts";
import { publicEventSql } from "~/domain/event-rules.ts";
import { getEnv } from "~/utils/env.server.ts";
import { sqlDate, sqlRead, toDate, toInt } from "~/utils/sql.server.ts";
import type { CalendarSession } from "./calendar-ics.server.ts";
import { isCalendarToken } from "./calendar-token.server.ts";

/** Cancelled places stay in the personal feed this long, so subscribed calendars see the cancellation. */
export const CANCELLED_KEPT_DAYS = 60;
/** The personal feed names its owner's sessions and room links: never in a shared cache. */
export const PERSONAL_FEED_CACHE_CONTROL = "private, max-age=300";

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
  place: string | null;
};

const SESSION_COLUMNS = `s."id" AS "sessionId", s."sequence", s."title", s."startsAt", s."endsAt", s."delivery", s."place",
  ed."number" AS "editionNumber", ed."status" AS "editionStatus",
  e."id" AS "eventId", e."title" AS "eventTitle", e."status" AS "eventStatus", e."mode", e."venue"`;

/** The same columns from a CancelledSession tombstone (cs) instead of a session. */
const TOMBSTONE_COLUMNS = `cs."id" AS "sessionId", cs."sequence", cs."title", cs."startsAt", cs."endsAt", cs."delivery", cs."place",
  ed."number" AS "editionNumber", ed."status" AS "editionStatus",
  e."id" AS "eventId", e."title" AS "eventTitle", e."status" AS "eventStatus", e."mode", e."venue"`;

/** Date order, then id: how every file lists its entries. */
function bySchedule(a: CalendarSession, b: CalendarSession): number {
  const d = a.startsAt.getTime() - b.startsAt.getTime();
  return d !== 0 ? d : a.sessionId < b.sessionId ? -1 : a.sessionId > b.sessionId ? 1 : 0;
}

const keptSince = (now: Date) => new Date(now.getTime() - CANCELLED_KEPT_DAYS * 86_400_000);

const PUBLIC_EVENT = publicEventSql("e.");

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
    place: r.place,
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
    sqlRead<{ title: string }>(`SELECT e."title" FROM "Event" e WHERE e."id" = $1 AND ${PUBLIC_EVENT}`, eventId),
    sqlRead<SessionRow>(
      `SELECT ${SESSION_COLUMNS}
       FROM "Event" e JOIN "Edition" ed ON ed."eventId" = e."id" JOIN "TrainingSession" s ON s."editionId" = ed."id"
       WHERE e."id" = $1 AND ${PUBLIC_EVENT}
       ORDER BY s."startsAt" ASC, s."id" ASC`,
      eventId,
    ),
    sqlRead<SessionRow>(
      `SELECT ${TOMBSTONE_COLUMNS}
       FROM "Event" e JOIN "Edition" ed ON ed."eventId" = e."id" JOIN "CancelledSession" cs ON cs."editionId" = ed."id"
       WHERE e."id" = $1 AND ${PUBLIC_EVENT} AND cs."cancelledAt" >= $2`,
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
export function loadEnrolmentSessions(enrolmentId: string): Promise<CalendarSession[]> {
  return sessionsOfPlace(enrolmentId, "self");
}

/**
 * The sessions of the edition a moved teacher left: the place `enrolmentId` continues (its
 * movedFromId), for the CANCEL that goes with the move's email. Empty if the place was not moved.
 */
export function loadMovedFromSessions(enrolmentId: string): Promise<CalendarSession[]> {
  return sessionsOfPlace(enrolmentId, "moved-from");
}

/**
 * Where a place stands for the calendar: whether it holds its seat now ("iscritto": its sessions
 * belong in the teacher's calendar) and whether it ever held one (an EnrolmentChange to
 * "iscritto": the teacher got the sessions by invitation, so its end calls for a METHOD:CANCEL).
 */
export async function placeSeat(enrolmentId: string): Promise<{ holds: boolean; held: boolean }> {
  const rows = await sqlRead<{ status: string; held: boolean | number | bigint }>(
    `SELECT en."status",
            EXISTS (SELECT 1 FROM "EnrolmentChange" c WHERE c."enrolmentId" = en."id" AND c."toStatus" = 'iscritto') AS "held"
     FROM "Enrolment" en WHERE en."id" = $1`,
    enrolmentId,
  );
  const row = rows[0];
  return { holds: row?.status === "iscritto", held: Boolean(row && Number(row.held)) };
}

async function sessionsOfPlace(enrolmentId: string, which: "self" | "moved-from"): Promise<CalendarSession[]> {
  const place =
    which === "self" ? `"Enrolment" en` : `"Enrolment" moved JOIN "Enrolment" en ON en."id" = moved."movedFromId"`;
  const rows = await sqlRead<SessionRow & { onlineUrl: string | null }>(
    `SELECT ${SESSION_COLUMNS}, e."onlineUrl"
     FROM ${place}
     JOIN "Edition" ed ON ed."id" = en."editionId"
     JOIN "Event" e ON e."id" = ed."eventId"
     JOIN "TrainingSession" s ON s."editionId" = ed."id"
     WHERE ${which === "self" ? "en" : "moved"}."id" = $1
     ORDER BY s."startsAt" ASC, s."id" ASC`,
    enrolmentId,
  );
  return rows.map((r) => ({ ...toSession(r), onlineUrl: r.onlineUrl }));
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
  if (!isCalendarToken(token)) return null;
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

/**
 * The origin of links inside feeds and calendar files: APP_ORIGIN, never the request's Host
 * (a proxy may rewrite it, a client may forge it, and the public feeds are cached for everyone).
 */
export function originOf(_request: Request): string {
  return new URL(getEnv().APP_ORIGIN).origin;
}
