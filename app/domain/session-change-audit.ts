// Which sessions an event save moved or held elsewhere, for the event's change log (the "update"
// audit row's details). updateEvent (app/models/event.server.ts) already finds them for the
// participants' "edizione-modificata" email (movedSessions, placeChangedSessions: ADR 0091); the log
// records the same ones, named by their number in their edition after the save, with the times or the
// place before and now. The list is capped so an audit row stays small: the rest is a count.

/** At most this many sessions are named in one audit row; the others are counted. */
export const AUDITED_SESSION_CHANGES_MAX = 5;

/**
 * One session of the change log: its number in its edition (1-based, in time order) and, when the event
 * has more than one edition, the edition's number; its times now, and before when they moved; its place
 * now and before when its own place changed (null: both places, ADR 0091).
 */
export type AuditedSessionChange = {
  edition?: number;
  session: number;
  startsAt: string;
  endsAt: string;
  wasStartsAt?: string;
  wasEndsAt?: string;
  place?: string | null;
  wasPlace?: string | null;
};

type EditionSessions = {
  number: number;
  /** The edition's sessions after the save, in time order. */
  sessions: { id?: string; startsAt: Date; endsAt: Date; place?: string | null }[];
  moved?: { id: string; wasStartsAt: Date; wasEndsAt: Date }[];
  placeChanged?: { id: string; wasPlace: string | null }[];
};

/** The sessions to name in the audit row (at most `max`) and how many more changed. */
export function auditedSessionChanges(
  editions: EditionSessions[],
  max: number = AUDITED_SESSION_CHANGES_MAX,
): { sessionChanges: AuditedSessionChange[]; moreSessionChanges: number } {
  const all: AuditedSessionChange[] = [];
  const several = editions.length > 1;
  for (const e of editions) {
    for (const [i, s] of e.sessions.entries()) {
      if (!s.id) continue;
      const moved = e.moved?.find((m) => m.id === s.id);
      const placed = e.placeChanged?.find((p) => p.id === s.id);
      if (!moved && !placed) continue;
      all.push({
        ...(several ? { edition: e.number } : {}),
        session: i + 1,
        startsAt: s.startsAt.toISOString(),
        endsAt: s.endsAt.toISOString(),
        ...(moved ? { wasStartsAt: moved.wasStartsAt.toISOString(), wasEndsAt: moved.wasEndsAt.toISOString() } : {}),
        ...(placed ? { place: s.place ?? null, wasPlace: placed.wasPlace } : {}),
      });
    }
  }
  return { sessionChanges: all.slice(0, max), moreSessionChanges: Math.max(0, all.length - max) };
}
