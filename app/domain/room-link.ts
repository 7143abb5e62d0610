// When an enrolled teacher sees the online room's link of a live session on the event page:
// from ROOM_LINK_LEAD_MINUTES before it starts (default 30, app/utils/env.server.ts) until it ends.
// Before that the page says from when ("disponibile dalle 16:30"); asynchronous activities and
// in-person events (and a blended event's sessions held in person only) have no room.
import { sessionOnline, type PlacedSession } from "./session-place.ts";

export const DEFAULT_ROOM_LINK_LEAD_MINUTES = 30;

export type RoomLinkState =
  { state: "open"; url: string; from: Date } | { state: "later"; from: Date } | { state: "ended" } | { state: "none" };

export function roomLinkState(
  session: { startsAt: Date; endsAt: Date } & PlacedSession,
  event: { mode: string; onlineUrl: string | null },
  enrolled: boolean,
  now: Date,
  leadMinutes: number = DEFAULT_ROOM_LINK_LEAD_MINUTES,
): RoomLinkState {
  // A blended event's session held in person only has no room (ADR 0091).
  if (!enrolled || !event.onlineUrl || !sessionOnline(session, event) || session.delivery !== "sincrona")
    return { state: "none" };
  const from = new Date(session.startsAt.getTime() - leadMinutes * 60_000);
  if (now.getTime() >= session.endsAt.getTime()) return { state: "ended" };
  if (now.getTime() < from.getTime()) return { state: "later", from };
  return { state: "open", url: event.onlineUrl, from };
}
