// Reminders the day before a synchronous session ("promemoria-incontro"), written by a job that
// runs every 15 minutes in every instance (app/utils/background-jobs.server.ts).
//
// Window: sessions starting more than REMINDER_MIN_LEAD and at most REMINDER_MAX_LEAD from now
// (2 h – 26 h). With a tick every 15 minutes a session enters the window about 26 hours before
// it starts, so the reminder is written (and sent within seconds) the day before, at about the
// same time of day; a teacher who enrols later still gets one if the session is ≥ 2 hours away.
// The window is wider than the tick, so a few missed ticks (deploy, restart) lose nothing.
//
// Idempotent across runs and instances: the dedupe key promemoria-incontro:<sessionId>:<userId>:<start>
// is unique (a session moved to another time is reminded of again before its new start), each row is written on its own and a duplicate is simply refused by the database
// (writeNotificationsRacing, notification-writer.server.ts).
// A session stays in the window for about 96 runs: each run reads, per session, only the participants whose
// reminder for its start is not written yet (placesNotYetNotified), so a run with nothing new writes nothing and
// reads no participant (ADR 0016, addendum).
// Teachers who turned reminders off are not written; the outbox also skips a written reminder
// if they turn them off before it is sent (REMINDER_KINDS).
import { reminderKeyAroundPerson } from "~/domain/notification.ts";
import { sessionAtVenue, sessionOnline } from "~/domain/session-place.ts";
import { prisma } from "~/utils/db.server.ts";
import { placesNotYetNotified, writeNotificationsRacing } from "./notification-writer.server.ts";

export const REMINDER_MIN_LEAD_MS = 2 * 3600_000;
export const REMINDER_MAX_LEAD_MS = 26 * 3600_000;
export const REMINDER_JOB_EVERY_MS = 15 * 60_000;

/** The instants between which a session's start makes it due for a reminder at `now`. */
export function reminderWindow(now: Date): { from: Date; to: Date } {
  return { from: new Date(now.getTime() + REMINDER_MIN_LEAD_MS), to: new Date(now.getTime() + REMINDER_MAX_LEAD_MS) };
}

/** Writes the reminders due at `now`; returns how many this call wrote. */
export async function writeSessionReminders(now: Date = new Date()): Promise<number> {
  const { from, to } = reminderWindow(now);
  const sessions = await prisma.trainingSession.findMany({
    where: {
      delivery: "sincrona",
      startsAt: { gt: from, lte: to },
      edition: { status: { not: "annullata" }, event: { status: { not: "annullato" } } },
    },
    select: {
      id: true,
      title: true,
      startsAt: true,
      endsAt: true,
      delivery: true,
      place: true,
      editionId: true,
      edition: {
        select: {
          number: true,
          event: { select: { title: true, mode: true, venue: true, onlineUrl: true } },
        },
      },
    },
  });
  let written = 0;
  for (const s of sessions) {
    const key = reminderKeyAroundPerson(s.id, s.startsAt.toISOString());
    const places = await placesNotYetNotified(s.editionId, key, "reminders-on");
    if (places.length === 0) continue;
    const event = s.edition.event;
    const payload = {
      // The session as it was when written: the outbox holds the reminder back if it has moved since (sessionMessageOutdated).
      sessionId: s.id,
      eventTitle: event.title,
      editionNumber: s.edition.number,
      sessionTitle: s.title,
      sessionStartsAt: s.startsAt.toISOString(),
      sessionEndsAt: s.endsAt.toISOString(),
      // Where this session is held: a blended event's session may be in one place only (ADR 0091).
      ...(sessionOnline(s, event) && event.onlineUrl ? { onlineUrl: event.onlineUrl } : {}),
      ...(sessionAtVenue(s, event) && event.venue ? { venue: event.venue } : {}),
    };
    written += await writeNotificationsRacing(
      places.map((p) => ({
        kind: "promemoria-incontro" as const,
        userId: p.userId,
        enrolmentId: p.id,
        sessionId: s.id,
        sessionStartsAt: payload.sessionStartsAt,
        payload,
      })),
    );
  }
  return written;
}
