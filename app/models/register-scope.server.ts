// Access to an edition's attendance (registers, activities, progress, closing and certificates):
// the trainers assigned to its event and the organisers who manage it
// (canSeeEventRegister in app/domain/permissions.ts). Every trainer loader and action goes through here.
import { canSeeEventRegister, type Actor, type RoleGrant } from "~/domain/permissions.ts";
import type { MessageKey } from "~/i18n/messages.ts";
import { requireConfirmedStaff } from "~/utils/auth.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { romeDayBounds } from "~/utils/dates.ts";

const editionSelect = {
  id: true,
  number: true,
  status: true,
  startsOn: true,
  endsOn: true,
  attendanceClosedAt: true,
  event: {
    select: {
      id: true,
      title: true,
      titleLanguage: true,
      type: true,
      level: true,
      regionCode: true,
      status: true,
      mode: true,
      completionPercent: true,
      trainers: { select: { userId: true } },
    },
  },
} as const;

// A 403 says why as a message key: the error page says it in the reader's language (an English reader was shown
// the generic text, the Italian sentence being only for Italian pages); a download's guard says it on its own page.
/** Why a trainer page is refused: a message key (the app's error page translates a 403's key). */
export const NOT_TRAINER = "forbidden.notTrainer" satisfies MessageKey;

function refuse(status: 403 | 404): Response {
  return new Response(status === 404 ? "Non trovato." : NOT_TRAINER, { status });
}

function actorOfViewer(viewer: RegisterViewer): Actor {
  return { userId: viewer.id, roles: viewer.roles };
}

function mayAccess(
  actor: Actor,
  event: { level: string; regionCode: string | null; status: string; trainers: { userId: string }[] },
): boolean {
  return canSeeEventRegister(actor, {
    level: event.level,
    regionCode: event.regionCode,
    trainerIds: event.trainers.map((t) => t.userId),
  });
}

/**
 * Who opens a register: the session's account (a SessionUser), with its roles and whether its address is
 * confirmed. An account that never confirmed it is refused after the access check (requireConfirmedStaff):
 * an assignment or a role it was given before grantRole refused that opens no register.
 */
export type RegisterViewer = { id: string; roles: readonly RoleGrant[]; emailConfirmed: boolean };

/** The edition and its event, or a thrown 404 (unknown, or a draft the viewer may not see) / 403 Response. */
export async function requireRegisterEdition(viewer: RegisterViewer, editionId: string) {
  const edition = await prisma.edition.findUnique({ where: { id: editionId }, select: editionSelect });
  if (!edition) throw refuse(404);
  if (!mayAccess(actorOfViewer(viewer), edition.event)) throw refuse(edition.event.status === "bozza" ? 404 : 403);
  requireConfirmedStaff(viewer);
  return edition;
}

/** One session (or asynchronous activity) with its edition and event, under the same rule. */
export async function requireRegisterSession(viewer: RegisterViewer, sessionId: string) {
  const session = await prisma.trainingSession.findUnique({
    where: { id: sessionId },
    select: {
      id: true,
      title: true,
      startsAt: true,
      endsAt: true,
      delivery: true,
      place: true,
      minutes: true,
      required: true,
      edition: { select: editionSelect },
    },
  });
  if (!session) throw refuse(404);
  if (!mayAccess(actorOfViewer(viewer), session.edition.event))
    throw refuse(session.edition.event.status === "bozza" ? 404 : 403);
  requireConfirmedStaff(viewer);
  return session;
}

/** The statuses of the events whose registers a trainer keeps: a draft has none yet, a cancelled one none any more. */
const REGISTER_EVENT_STATUSES: readonly string[] = ["pubblicato", "chiuso"];

/**
 * The events this trainer is assigned to whose registers are kept (published or closed), read from the trainer's side:
 * their EventTrainer rows by `userId`, each event's status by its key. A filter on the events' trainers (`trainers:
 * { some }`) is an EXISTS that no plan can start from: SQLite, without statistics as in production, walked every
 * published and closed event's entry of `Event_catalogue_idx` (9,210 at national volume) to probe each one's trainers,
 * and the three lists of /formazione each did, for a trainer's few dozen events (ADR 0108, addendum of 07/12/2026).
 */
export async function trainerRegisterEvents(actor: Actor): Promise<TrainerRegisterEvents> {
  // The status is read with the event and kept here: named in the where, it sends SQLite back to the status index.
  const assignments = await prisma.eventTrainer.findMany({
    where: { userId: actor.userId },
    select: { eventId: true, event: { select: { status: true } } },
  });
  return {
    eventIds: assignments.filter((a) => REGISTER_EVENT_STATUSES.includes(a.event.status)).map((a) => a.eventId),
  };
}

/**
 * What trainerRegisterEvents read, given to each of /formazione's three lists: the page reads the trainer's assignments
 * once a visit (each list read them again before, the same statement three times).
 */
export type TrainerRegisterEvents = { readonly eventIds: string[] };

/** Events whose registers this actor keeps: those they are assigned to as trainer. */
export async function listTrainerEditions({ eventIds }: TrainerRegisterEvents) {
  if (eventIds.length === 0) return [];
  return prisma.edition.findMany({
    where: { eventId: { in: eventIds } },
    orderBy: [{ startsOn: "desc" }, { id: "asc" }],
    select: {
      id: true,
      number: true,
      status: true,
      startsOn: true,
      endsOn: true,
      seatsTaken: true,
      attendanceClosedAt: true,
      event: {
        select: { id: true, title: true, titleLanguage: true, type: true, level: true, regionCode: true, mode: true },
      },
      // No `_count` of sessions (the page never showed it): Prisma reads a relation count by joining each edition to
      // the count of every edition's sessions, a read of the whole TrainingSession index on each visit (ADR 0029,
      // addendum of 07/12/2026).
    },
  });
}

/** A session as /formazione links it to its register: its times, title, edition and event. */
const SESSION_LINK_SELECT = {
  id: true,
  title: true,
  startsAt: true,
  endsAt: true,
  edition: { select: { id: true, number: true, event: { select: { title: true, titleLanguage: true } } } },
} as const;

/** The editions this trainer teaches whose registers are kept: not cancelled, of a published or closed event. */
function trainerLiveEditions(eventIds: string[]) {
  return { status: { not: "annullata" }, eventId: { in: eventIds } };
}

/**
 * The sessions with a register (synchronous ones) this trainer holds on the Rome day of `now`, or
 * under way then (one that began the evening before): the trainer's first look on the day, each
 * with its edition, so the register is one tap from the home. Cancelled editions have none.
 */
export async function listTrainerSessionsOfDay({ eventIds }: TrainerRegisterEvents, now: Date = new Date()) {
  const { start, end } = romeDayBounds(now);
  if (eventIds.length === 0) return [];
  // The trainer's editions by their events, then each one's sessions by (editionId, startsAt): the cost is the
  // trainer's own sessions, never the day's window of everyone's (nor every published event's entry).
  return prisma.trainingSession.findMany({
    where: {
      delivery: "sincrona",
      startsAt: { lt: end },
      endsAt: { gt: start },
      edition: trainerLiveEditions(eventIds),
    },
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    select: SESSION_LINK_SELECT,
  });
}

/** How far back /formazione looks for registers left empty, and how many it lists. */
export const REGISTERS_TO_FILL_DAYS = 90;
export const REGISTERS_TO_FILL_MAX = 20;

/**
 * The trainer's live sessions already over whose register lacks the line of some current place ("iscritto"), most
 * recent first, each with how many are missing (`empty`: none recorded): an edition's certificates count the hours of
 * its registers, so a register forgotten after a session costs every participant their hours, and one filled only
 * by the QR check-ins leaves out whoever did not scan. Only editions with people enrolled, not cancelled, of the
 * last REGISTERS_TO_FILL_DAYS days. A closed edition's registers stay listed until filled in: they can still be
 * corrected, and closing again issues the certificates of those who complete with the lines added.
 */
export async function listTrainerRegistersToFill({ eventIds }: TrainerRegisterEvents, now: Date = new Date()) {
  if (eventIds.length === 0) return [];
  const sessions = await prisma.trainingSession.findMany({
    where: {
      delivery: "sincrona",
      endsAt: { lte: now, gt: new Date(now.getTime() - REGISTERS_TO_FILL_DAYS * 86_400_000) },
      edition: {
        ...trainerLiveEditions(eventIds),
        enrolments: { some: { status: "iscritto" } },
      },
    },
    orderBy: [{ endsAt: "desc" }, { id: "asc" }],
    select: {
      ...SESSION_LINK_SELECT,
      edition: {
        select: {
          ...SESSION_LINK_SELECT.edition.select,
          attendanceClosedAt: true,
        },
      },
    },
  });
  if (sessions.length === 0) return [];
  // The current places of these editions, counted by edition here rather than with a `_count` in the select above:
  // Prisma joins each edition to the count of every edition's places, which reads the whole Enrolment index (or, with
  // statistics, every confirmed place) on each visit of /formazione; this reads only these editions' (ADR 0029,
  // addendum of 07/12/2026). Counted by status too, the current ones kept here: `status = ?` beside an `editionId IN`
  // of two editions or more sent SQLite, without statistics, to the (status, offerExpiresAt) index, through every
  // current place of the database (ADR 0108, addendum of 07/12/2026).
  const places = await prisma.enrolment.groupBy({
    by: ["editionId", "status"],
    where: { editionId: { in: [...new Set(sessions.map((s) => s.edition.id))] } },
    _count: { _all: true },
  });
  const enrolled = new Map(places.filter((p) => p.status === "iscritto").map((p) => [p.editionId, p._count._all]));
  // The lines of current places, per session: a line of a place since moved or removed fills nobody's hours.
  const lines = await prisma.attendanceRecord.groupBy({
    by: ["sessionId"],
    where: { sessionId: { in: sessions.map((s) => s.id) }, enrolment: { status: "iscritto" } },
    _count: { _all: true },
  });
  const recorded = new Map(lines.map((l) => [l.sessionId, l._count._all]));
  return sessions
    .flatMap(({ edition: { attendanceClosedAt, ...edition }, ...s }) => {
      const done = recorded.get(s.id) ?? 0;
      const missing = (enrolled.get(edition.id) ?? 0) - done;
      return missing > 0 ? [{ ...s, edition, closed: attendanceClosedAt !== null, missing, empty: done === 0 }] : [];
    })
    .slice(0, REGISTERS_TO_FILL_MAX);
}
