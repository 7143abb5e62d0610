// What the public event page says to the signed-in teacher about each edition: her place (seat
// held, waitlist position, offer and its deadline, application) and, for enrolled teachers, the
// online room of each live session from ROOM_LINK_LEAD_MINUTES before it starts
// (app/domain/room-link.ts).
import { ACTIVE_STATUSES, placeOutlived } from "~/domain/enrolment.ts";
import { roomLinkState, type RoomLinkState } from "~/domain/room-link.ts";
import { getEnv } from "~/utils/env.server.ts";
import { sqlRead, toDate, toInt } from "~/utils/sql.server.ts";
import { waitlistPositionOf } from "./enrolment-seat.server.ts";

export type MyEditionStatus = {
  status: string;
  /** 1-based place in line (status "in-attesa"). */
  position: number | null;
  /** Until when an offered seat can be accepted (status "offerta"). */
  offerExpiresAt: Date | null;
  /** By session id: the room link's state for this teacher. */
  rooms: Record<string, RoomLinkState>;
};

// Plain SQL (ADR 0008's rule for hot reads): a signed-in teacher's view of an event page.
// With what placeOutlived reads: a place in line, an offer or an application of an edition now over is not
// shown (no waitlist position for an edition that has ended); the job or her next request ends it.
const MY_PLACES_SQL = `
  SELECT en."status", en."waitlistSeq", en."quotaId", en."offerExpiresAt", en."editionId", ed."endsOn",
         (SELECT MAX(s."endsAt") FROM "TrainingSession" s WHERE s."editionId" = en."editionId") AS "lastSessionEndsAt"
  FROM "Enrolment" en JOIN "Edition" ed ON ed."id" = en."editionId"
  WHERE en."userId" = $1 AND ed."eventId" = $2
    AND en."status" IN (${ACTIVE_STATUSES.map((s) => `'${s}'`).join(", ")})`;
const EVENT_SESSIONS_SQL = `
  SELECT s."id", s."editionId", s."startsAt", s."endsAt", s."delivery", s."place"
  FROM "TrainingSession" s JOIN "Edition" ed ON ed."id" = s."editionId"
  WHERE ed."eventId" = $1
  ORDER BY s."startsAt", s."id"`;
const EVENT_ONLINE_URL_SQL = `SELECT "onlineUrl" FROM "Event" WHERE "id" = $1`;

type PlaceRow = {
  status: string;
  waitlistSeq: number | bigint | string | null;
  quotaId: string | null;
  offerExpiresAt: Date | string | null;
  editionId: string;
  endsOn: Date | string;
  lastSessionEndsAt: Date | string | null;
};
type SessionRow = {
  id: string;
  editionId: string;
  startsAt: Date | string;
  endsAt: Date | string;
  delivery: string;
  place: string | null;
};

export async function myEditionStatuses(
  userId: string,
  event: { id: string; mode: string },
  now: Date = new Date(),
): Promise<Record<string, MyEditionStatus>> {
  const rows = (await sqlRead<PlaceRow>(MY_PLACES_SQL, userId, event.id)).filter(
    (row) => !placeOutlived(row.status, toDate(row.endsOn), toDate(row.lastSessionEndsAt), now),
  );
  // Most visitors hold no place in the event: nothing more to read.
  if (rows.length === 0) return {};
  const [sessions, [stored]] = await Promise.all([
    sqlRead<SessionRow>(EVENT_SESSIONS_SQL, event.id),
    sqlRead<{ onlineUrl: string | null }>(EVENT_ONLINE_URL_SQL, event.id),
  ]);
  const lead = getEnv().ROOM_LINK_LEAD_MINUTES;
  const online = { mode: event.mode, onlineUrl: stored?.onlineUrl ?? null };
  const result: Record<string, MyEditionStatus> = {};
  for (const row of rows) {
    const enrolled = row.status === "iscritto";
    const waitlistSeq = toInt(row.waitlistSeq);
    result[row.editionId] = {
      status: row.status,
      position:
        row.status === "in-attesa" && waitlistSeq !== null
          ? await waitlistPositionOf(row.editionId, waitlistSeq, row.quotaId)
          : null,
      offerExpiresAt: row.status === "offerta" ? toDate(row.offerExpiresAt) : null,
      rooms: Object.fromEntries(
        sessions
          .filter((s) => s.editionId === row.editionId)
          .map((s) => [
            s.id,
            roomLinkState(
              { startsAt: toDate(s.startsAt), endsAt: toDate(s.endsAt), delivery: s.delivery, place: s.place },
              online,
              enrolled,
              now,
              lead,
            ),
          ]),
      ),
    };
  }
  return result;
}
