// What the public event page says to the signed-in teacher about each edition: her place (seat
// held, waitlist position, offer and its deadline, application) and, for enrolled teachers, the
// online room of each live session from ROOM_LINK_LEAD_MINUTES before it starts
// (app/domain/room-link.ts).
import { ACTIVE_STATUSES } from "~/domain/enrolment.ts";
import { roomLinkState, type RoomLinkState } from "~/domain/room-link.ts";
import { prisma } from "~/utils/db.server.ts";
import { getEnv } from "~/utils/env.server.ts";
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

export async function myEditionStatuses(
  userId: string,
  event: { id: string; mode: string },
  now: Date = new Date(),
): Promise<Record<string, MyEditionStatus>> {
  const [rows, stored] = await Promise.all([
    prisma.enrolment.findMany({
      where: { userId, status: { in: [...ACTIVE_STATUSES] }, edition: { eventId: event.id } },
      select: {
        status: true,
        waitlistSeq: true,
        quotaId: true,
        offerExpiresAt: true,
        editionId: true,
        edition: { select: { sessions: { select: { id: true, startsAt: true, endsAt: true, delivery: true } } } },
      },
    }),
    prisma.event.findUnique({ where: { id: event.id }, select: { onlineUrl: true } }),
  ]);
  const lead = getEnv().ROOM_LINK_LEAD_MINUTES;
  const online = { mode: event.mode, onlineUrl: stored?.onlineUrl ?? null };
  const result: Record<string, MyEditionStatus> = {};
  for (const row of rows) {
    const enrolled = row.status === "iscritto";
    result[row.editionId] = {
      status: row.status,
      position:
        row.status === "in-attesa" && row.waitlistSeq !== null
          ? await waitlistPositionOf(row.editionId, row.waitlistSeq, row.quotaId)
          : null,
      offerExpiresAt: row.status === "offerta" ? row.offerExpiresAt : null,
      rooms: Object.fromEntries(row.edition.sessions.map((s) => [s.id, roomLinkState(s, online, enrolled, now, lead)])),
    };
  }
  return result;
}
