// Where a session is held (ADR 0091). An event's mode says it for all its sessions, except a blended
// event's live sessions: each says its own place, "in-presenza" or "online", or none (null), which
// means both, the event's venue and its room, as every session was before. Asynchronous activities
// keep the event's mode (they have no room link and no check-in anyway). Every page, file and email
// that shows or sends a session's venue or room asks sessionMode, never the event's mode alone.
import { SESSION_PLACES, type EventMode, type SessionPlace } from "./vocabulary.ts";

export type PlacedSession = { delivery: string; place: string | null };

/** Whether a session of an event of this mode says its own place: a live session of a blended event. */
export function hasOwnPlace(delivery: string, eventMode: string): boolean {
  return eventMode === "blended" && delivery === "sincrona";
}

/**
 * The place to store for a session: its own place when it may have one and it is one of SESSION_PLACES,
 * otherwise null (the event's mode decides). A session that is no longer live, or an event that is no
 * longer blended, drops it.
 */
export function storedSessionPlace(
  session: { delivery: string; place?: string | null },
  eventMode: string,
): SessionPlace | null {
  if (!hasOwnPlace(session.delivery, eventMode)) return null;
  return (SESSION_PLACES as readonly string[]).includes(session.place ?? "") ? (session.place as SessionPlace) : null;
}

/**
 * How this session is attended, in the event's vocabulary: "in-presenza" (the venue), "online" (the
 * room) or "blended" (both). A blended event's live session with a place of its own is that place.
 */
export function sessionMode(session: PlacedSession, event: { mode: string }): EventMode | string {
  const own = storedSessionPlace(session, event.mode);
  return own ?? event.mode;
}

/** The session is held (also) at the event's venue. */
export function sessionAtVenue(session: PlacedSession, event: { mode: string }): boolean {
  const mode = sessionMode(session, event);
  return mode === "in-presenza" || mode === "blended";
}

/** The session is held (also) in the event's online room. */
export function sessionOnline(session: PlacedSession, event: { mode: string }): boolean {
  const mode = sessionMode(session, event);
  return mode === "online" || mode === "blended";
}
