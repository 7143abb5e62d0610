// The catalogue's feeds: the events the catalogue shows for a search (first CATALOGUE_FEED_LIMIT),
// with their editions and sessions, as JSON (/eventi/feed.json) or as calendar rows for
// /eventi/feed.ics (built by calendar-ics.server.ts). Never reads the room link.
import type { CatalogueFilters } from "~/domain/catalogue-filters.ts";
import { editionSeats } from "~/domain/edition-availability.ts";
import { sessionMode } from "~/domain/session-place.ts";
import { toRomeDateValue } from "~/utils/dates.ts";
import type { ReadSource } from "~/utils/read-replica.server.ts";
import { sqlReadFrom, toBool, toInt } from "~/utils/sql.server.ts";
import type { CalendarSession } from "./calendar-ics.server.ts";
import { searchCatalogue, type CatalogueCard } from "./catalogue.server.ts";
import * as sessionRows from "./edition-session-rows.server.ts";
import { quotasOfEditions } from "./edition-quotas.server.ts";

/** The catalogue feeds list at most this many events (the first ones in catalogue order). */
export const CATALOGUE_FEED_LIMIT = 500;

/** A session of the feeds: the fields every edition-with-sessions reader maps, and its sequence. */
export type FeedSession = ReturnType<typeof sessionRows.sessionFields> & { sequence: number };
export type FeedEdition = {
  id: string;
  number: number;
  status: string;
  startsOn: Date;
  endsOn: Date;
  enrolmentOpensAt: Date;
  enrolmentClosesAt: Date;
  seatCap: number | null;
  /**
   * What a visitor may count on: the general pool's free seats (the seats no regional quota reserves; the event
   * page's figure for a visitor, editionSeats), null without a cap, 0 for an edition not open ("attiva") to
   * enrolment (cancelled, or closed by the organiser).
   */
  seatsLeft: number | null;
  /** The open regional quotas (ADR 0011): each region's reserved seats and how many are free (none when not active). */
  reserved: { regionCode: string; seats: number; free: number }[];
  sessions: FeedSession[];
};
/** An event of the feeds: its catalogue card (without excerpt and hours), status and editions. */
export type FeedEvent = Omit<CatalogueCard, "certifiedMinutes" | "excerpt"> & {
  status: string;
  editions: FeedEdition[];
};

type FeedRow = sessionRows.EditionSessionColumns & {
  eventId: string;
  hasQuotas: boolean | number | bigint | string;
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
            ed."enrolmentClosesAt", ed."seatCap", ed."seatsTaken", ed."hasQuotas",
            s."id" AS "sessionId", s."title" AS "sessionTitle", s."startsAt" AS "sessionStartsAt", s."endsAt" AS "sessionEndsAt",
            s."delivery" AS "sessionDelivery", s."minutes" AS "sessionMinutes", s."place" AS "sessionPlace", s."sequence" AS "sessionSequence"
     FROM "Edition" ed LEFT JOIN "TrainingSession" s ON s."editionId" = ed."id"
     WHERE ed."eventId" IN (${ids.map((_, i) => `$${i + 1}`).join(", ")})
     ORDER BY ed."eventId" ASC, ed."number" ASC, s."startsAt" ASC, s."id" ASC`,
    ...ids,
  );
  // Regional quotas, read only for the editions that have some (Edition.hasQuotas), in one statement.
  const quotas = await quotasOfEditions([...new Set(rows.filter((r) => toBool(r.hasQuotas)).map((r) => r.id))], source);
  const rowsOf = new Map<string, FeedRow[]>();
  for (const r of rows) {
    const list = rowsOf.get(r.eventId) ?? [];
    rowsOf.set(r.eventId, list);
    list.push(r);
  }
  const editionsOf = (eventId: string) =>
    sessionRows.editionsFromRows<FeedRow, FeedSession, FeedEdition>(
      rowsOf.get(eventId) ?? [],
      (r) => {
        const edition = sessionRows.editionFields(r);
        // Review 0018: the whole edition's free seats told a Tuscan school's site "20 posti" that only Lazio's
        // teachers could take, and a cancelled edition (its seats taken set to 0) had every seat "free".
        if (edition.status !== "attiva") return { ...edition, seatsLeft: 0, reserved: [], sessions: [] };
        const seats = editionSeats(
          { seatCap: edition.seatCap, seatsTaken: toInt(r.seatsTaken) },
          quotas.get(r.id) ?? [],
          null,
        );
        return { ...edition, seatsLeft: seats.seatsLeft, reserved: seats.reserved, sessions: [] };
      },
      (r) => ({ ...sessionRows.sessionFields(r), sequence: toInt(r.sessionSequence ?? 0) }),
    );
  return {
    total: page.total,
    events: page.events.map(({ certifiedMinutes: _minutes, excerpt: _excerpt, ...card }) => ({
      ...card,
      // The catalogue lists published events only.
      status: "pubblicato",
      editions: editionsOf(card.id),
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
        place: s.place,
      })),
    ),
  );
}

/**
 * The JSON feed's body (/eventi/feed.json, read by school and regional sites): one entry per event, in
 * catalogue order.
 * - `total` (events matching the filters), `limit` (at most this many are listed), `events`;
 * - an event: `id`, `url`, `title`, `type`, `level`, `region`, `mode`, `venue`, `startsAt`/`endsAt` (the
 *   start of its first session and the end of its last, editions not cancelled, or null), `editions`;
 * - an edition: `id`, `number`, `status`, `startsOn`/`endsOn` (its first and last day as calendar dates
 *   in Rome, "2027-01-14", the days the event page shows), `enrolmentOpensAt`/`enrolmentClosesAt`,
 *   `seatCap`, `seatsLeft` (the free seats anyone may take: with regional quotas, those no quota reserves, as
 *   the event page tells a visitor; null: no cap; 0 for an edition that is not "attiva", cancelled or closed),
 *   `reserved` (the open regional quotas: `[{ region, seats, seatsLeft }]`, empty when there are none), `sessions`;
 * - a session: `id`, `title`, `startsAt`/`endsAt`, `delivery`, `mode`, `minutes`.
 * Every other time is an instant in UTC (ISO 8601 with "Z"). The days were instants too until
 * 06/12/2026: an edition starting on 14 January (midnight in Rome) read "2027-01-13T23:00:00.000Z",
 * and a site printing the date part announced every course a day early (review 0017).
 */
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
        startsOn: toRomeDateValue(ed.startsOn),
        endsOn: toRomeDateValue(ed.endsOn),
        enrolmentOpensAt: ed.enrolmentOpensAt.toISOString(),
        enrolmentClosesAt: ed.enrolmentClosesAt.toISOString(),
        seatCap: ed.seatCap,
        seatsLeft: ed.seatsLeft,
        reserved: ed.reserved.map((q) => ({ region: q.regionCode, seats: q.seats, seatsLeft: q.free })),
        sessions: ed.sessions.map((s) => ({
          id: s.id,
          title: s.title,
          startsAt: s.startsAt.toISOString(),
          endsAt: s.endsAt.toISOString(),
          delivery: s.delivery,
          // Where the session is held: a blended event's live session may be in one place only (ADR 0091).
          mode: sessionMode(s, e),
          minutes: s.minutes,
        })),
      })),
    })),
  };
}
