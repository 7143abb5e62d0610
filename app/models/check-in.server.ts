// QR self check-in, server side (rules in app/domain/check-in.ts; ADR 0010): the key derived from
// SESSION_SECRET, the trainer's view (current code, its QR, how many checked in) and the teacher's
// check-in, which writes the register line through recordAttendance (source "check-in": present, or late
// arrival after the start plus the import's tolerance) and never overwrites a line already there (the
// trainer's mark wins: recordAttendance reads it under the session's lock, in the write's transaction).
import { hkdfSync } from "node:crypto";
import QRCode from "qrcode";
import {
  CHECK_IN_OPENS_MINUTES_BEFORE,
  CHECK_IN_REFRESH_SECONDS,
  checkInMark,
  checkInWindow,
  currentCheckInCode,
  hasCheckIn,
  makeAttendancePass,
  passEnrolmentId,
  verifyAttendancePass,
  verifyCheckInCode,
  type CodeRefusal,
} from "~/domain/check-in.ts";
import { sessionAtVenue } from "~/domain/session-place.ts";
import { getEnv } from "~/utils/env.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { requireUser } from "~/utils/auth.server.ts";
import { idParam } from "~/utils/route-params.server.ts";
import { AttendanceRefusedError, recordAttendance, sessionNumberOf } from "./attendance.server.ts";
import type { TrainerEdition } from "./edition-scope.server.ts";
import { requireRegisterSession } from "./register-scope.server.ts";

let cachedKey: { secret: string; key: Uint8Array } | undefined;

/** HKDF-SHA256 of SESSION_SECRET with the label "forma-check-in": rotating the secret voids every code. */
export function checkInKey(secret: string = getEnv().SESSION_SECRET): Uint8Array {
  if (cachedKey?.secret !== secret) {
    cachedKey = { secret, key: new Uint8Array(hkdfSync("sha256", secret, new Uint8Array(0), "forma-check-in", 32)) };
  }
  return cachedKey.key;
}

let cachedPassKey: { secret: string; key: Uint8Array } | undefined;

/** The personal passes' key: HKDF-SHA256 of SESSION_SECRET with its own label ("forma-attendance-pass"). */
export function attendancePassKey(secret: string = getEnv().SESSION_SECRET): Uint8Array {
  if (cachedPassKey?.secret !== secret) {
    cachedPassKey = {
      secret,
      key: new Uint8Array(hkdfSync("sha256", secret, new Uint8Array(0), "forma-attendance-pass", 32)),
    };
  }
  return cachedPassKey.key;
}

export function checkInUrl(sessionId: string, code: string, origin: string = getEnv().APP_ORIGIN): string {
  return `${origin.replace(/\/+$/, "")}/presenza/${encodeURIComponent(sessionId)}?codice=${encodeURIComponent(code)}`;
}

/**
 * Register lines written by check-in for this session, out of the enrolled participants. The enrolled are counted
 * among the edition's places grouped by status, not with `status` in the WHERE: on SQLite without statistics that
 * ties the (status, offerExpiresAt) index with the edition's, and SQLite took it, counting every seated place of the
 * database on each refresh of the trainer's QR page (ADR 0029, addendum of 07/12/2026).
 */
async function checkInCounts(sessionId: string, editionId: string) {
  const [checkedIn, places] = await Promise.all([
    prisma.attendanceRecord.count({ where: { sessionId, source: "check-in", enrolment: { status: "iscritto" } } }),
    prisma.enrolment.groupBy({ by: ["status"], where: { editionId }, _count: { _all: true } }),
  ]);
  return { checkedIn, enrolled: places.find((p) => p.status === "iscritto")?._count._all ?? 0 };
}

type TrainerSession = {
  id: string;
  startsAt: Date;
  endsAt: Date;
  delivery: string;
  place: string | null;
  edition: { id: string; event: { mode: string } };
};

/** The trainer's check-in page at `now`: the code and its QR inside the window, or why there is none. */
export async function trainerCheckInView(session: TrainerSession, now: Date = new Date()) {
  const counts = await checkInCounts(session.id, session.edition.id);
  if (!hasCheckIn(session, session.edition.event)) return { kind: "non-previsto" as const, ...counts };
  const current = currentCheckInCode(checkInKey(), session, now);
  const window = checkInWindow(session);
  if (!current.ok) return { kind: current.reason, opensAt: window.opensAt, closesAt: window.closesAt, ...counts };
  const url = checkInUrl(session.id, current.code);
  const svg = await QRCode.toString(url, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return { kind: "aperto" as const, url, svg, expiresAt: current.expiresAt, closesAt: window.closesAt, ...counts };
}

/** What the trainer's check-in pages (the page and the full-screen QR) show of a session they keep. */
export async function trainerCheckInPage<S extends TrainerSession>(session: S, now: Date = new Date()) {
  const [view, number] = await Promise.all([
    trainerCheckInView(session, now),
    sessionNumberOf(session.edition.id, session.id),
  ]);
  return {
    session,
    number,
    view,
    refreshSeconds: CHECK_IN_REFRESH_SECONDS,
    opensMinutesBefore: CHECK_IN_OPENS_MINUTES_BEFORE,
  };
}

/**
 * The loader of the trainer's check-in pages (/formazione/incontri/<id>/check-in and …/qr): the
 * signed-in user must keep the session's register (a thrown 404 or 403 otherwise, as the register).
 */
export async function requireTrainerCheckInPage(request: Request, sessionId: string | undefined) {
  const user = await requireUser(request);
  const session = await requireRegisterSession(user, idParam(sessionId));
  return trainerCheckInPage(session);
}

/**
 * Why a check-in is not recorded. A line already in the register is never overwritten (the trainer's mark wins):
 * "gia-registrata" when it records the teacher there (present, late, left early), "segnata-assente" /
 * "segnata-giustificata" when it records them absent, so they are told to ask for a correction while still there.
 */
export type CheckInRefusal =
  | CodeRefusal
  | "non-trovato"
  | "non-previsto"
  | "non-iscritto"
  | "gia-registrata"
  | "segnata-assente"
  | "segnata-giustificata";

async function loadSession(sessionId: string) {
  return prisma.trainingSession.findUnique({
    where: { id: sessionId },
    select: {
      id: true,
      title: true,
      startsAt: true,
      endsAt: true,
      minutes: true,
      delivery: true,
      place: true,
      editionId: true,
      edition: {
        select: {
          number: true,
          event: { select: { id: true, title: true, titleLanguage: true, mode: true, status: true, venue: true } },
        },
      },
    },
  });
}

async function ownLine(userId: string, session: { id: string; editionId: string }) {
  const enrolment = await prisma.enrolment.findFirst({
    where: { userId, editionId: session.editionId, status: "iscritto" },
    select: { id: true, attendance: { where: { sessionId: session.id }, select: { status: true, source: true } } },
  });
  return enrolment ? { enrolmentId: enrolment.id, line: enrolment.attendance[0] ?? null } : null;
}

/**
 * The teacher's confirmation page (GET, nothing written): the session, and whether the code would be
 * accepted now, so a refusal is said before the button is pressed. null when the session does not exist
 * or belongs to an event not (or no longer) public.
 */
export async function loadCheckInPage(userId: string, sessionId: string, code: string, now: Date = new Date()) {
  const session = await loadSession(sessionId);
  if (!session || !["pubblicato", "chiuso"].includes(session.edition.event.status)) return null;
  const own = await ownLine(userId, session);
  const verdict = checkInVerdict(session, code, own, now);
  return {
    session: {
      id: session.id,
      title: session.title,
      startsAt: session.startsAt,
      endsAt: session.endsAt,
      editionNumber: session.edition.number,
      event: {
        id: session.edition.event.id,
        title: session.edition.event.title,
        titleLanguage: session.edition.event.titleLanguage,
        // Only where the session is held at the venue: a blended event's online session has none (ADR 0091).
        venue: sessionAtVenue(session, session.edition.event) ? session.edition.event.venue : null,
      },
    },
    refusal: verdict.ok ? null : verdict.reason,
  };
}

/** What a teacher checking in is told of the line the register already holds for them. */
function lineRefusal(status: string | null | undefined): "gia-registrata" | "segnata-assente" | "segnata-giustificata" {
  if (status === "assente") return "segnata-assente";
  if (status === "giustificato") return "segnata-giustificata";
  return "gia-registrata";
}

function checkInVerdict(
  session: NonNullable<Awaited<ReturnType<typeof loadSession>>>,
  code: string,
  own: Awaited<ReturnType<typeof ownLine>>,
  now: Date,
): { ok: true; enrolmentId: string } | { ok: false; reason: CheckInRefusal } {
  if (!hasCheckIn(session, session.edition.event)) return { ok: false, reason: "non-previsto" };
  // Someone already in the register is told what it says, whatever the code (scanning again later is harmless).
  if (own?.line) return { ok: false, reason: lineRefusal(own.line.status) };
  const verified = verifyCheckInCode(checkInKey(), session, code, now);
  if (!verified.ok) return verified;
  if (!own) return { ok: false, reason: "non-iscritto" };
  return { ok: true, enrolmentId: own.enrolmentId };
}

/**
 * A test seam of checkIn (no production caller passes it): `afterCheck` runs once the code, the window and the
 * teacher's place and line have been checked, before the line is written, so a test can save the trainer's mark
 * in between (tests/integration/check-in.test.ts).
 */
export type CheckInSeams = { afterCheck?: () => Promise<void> };

/**
 * The teacher checks in: code and window verified, an "iscritto" place in the session's edition,
 * no line yet. Writes the line with source "check-in" (and its history row): present up to the start
 * plus the import's tolerance, late arrival with the minutes left after it (checkInMark, ADR 0010
 * addendum); the line written is returned so the teacher is told which. The place and the line are
 * read again by the write, under the session's lock (recordAttendance): a line the trainer saved after
 * the first check (absent, corrected times) is kept and said, as if it had been there before.
 */
export async function checkIn(
  userId: string,
  sessionId: string,
  code: string,
  now: Date = new Date(),
  seams: CheckInSeams = {},
): Promise<{ ok: true; mark: ReturnType<typeof checkInMark> } | { ok: false; reason: CheckInRefusal }> {
  const session = await loadSession(sessionId);
  if (!session || !["pubblicato", "chiuso"].includes(session.edition.event.status))
    return { ok: false, reason: "non-trovato" };
  const verdict = checkInVerdict(session, code, await ownLine(userId, session), now);
  if (!verdict.ok) return verdict;
  const mark = checkInMark(session, now);
  await seams.afterCheck?.();
  try {
    // An early arrival (window open, session not started) is recorded at the time they checked in.
    await recordAttendance(userId, session.id, [{ enrolmentId: verdict.enrolmentId, ...mark }], "check-in", now);
  } catch (error) {
    if (error instanceof AttendanceRefusedError && error.refusal.kind === "righe-non-valide") {
      const [line] = error.refusal.lines;
      // A line written since the check (the trainer's): kept, and said as the check would have said it.
      if (line?.problem === "gia-registrata") return { ok: false, reason: lineRefusal(line.current?.status) };
      return { ok: false, reason: "non-iscritto" };
    }
    throw error;
  }
  return { ok: true, mark };
}

// Staff-side check-in (issue 15, point 7): the trainer finds a participant on the register page (by
// name, or by the personal QR code the teacher shows) and marks them present through recordAttendance,
// source "registro", as the register's own form does (same checks, same history row).

/** The address a personal QR code encodes: the trainer's page that takes the pass. */
export function attendancePassUrl(pass: string, origin: string = getEnv().APP_ORIGIN): string {
  return `${origin.replace(/\/+$/, "")}/formazione/presenza/${encodeURIComponent(pass)}`;
}

/** The teacher's own pass for one of their "iscritto" places, with its QR; null for anything else. */
export async function loadAttendancePass(userId: string, enrolmentId: string) {
  const enrolment = await prisma.enrolment.findFirst({
    where: { id: enrolmentId, userId, status: "iscritto" },
    select: {
      id: true,
      editionId: true,
      edition: { select: { number: true, event: { select: { id: true, title: true, titleLanguage: true } } } },
      user: { select: { firstName: true, lastName: true } },
    },
  });
  if (!enrolment) return null;
  const pass = makeAttendancePass(attendancePassKey(), enrolment);
  const url = attendancePassUrl(pass);
  const svg = await QRCode.toString(url, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return {
    pass,
    url,
    svg,
    name: `${enrolment.user.firstName} ${enrolment.user.lastName}`,
    event: enrolment.edition.event,
    editionNumber: enrolment.edition.number,
  };
}

export type PassRefusal = "non-valido" | "altra-edizione" | "non-iscritto";

/** The place a pass names, checked by its MAC; the edition it belongs to, whatever its state. */
async function passEnrolment(pass: string) {
  const id = passEnrolmentId(pass);
  if (!id) return null;
  const enrolment = await prisma.enrolment.findUnique({
    where: { id },
    select: {
      id: true,
      editionId: true,
      status: true,
      user: { select: { firstName: true, lastName: true, email: true } },
    },
  });
  return enrolment && verifyAttendancePass(attendancePassKey(), pass, enrolment) ? enrolment : null;
}

/** A pass read on the register of an edition: the participant, or why it is refused there. */
export async function resolveAttendancePass(
  scope: TrainerEdition,
  pass: string,
): Promise<
  | { ok: true; enrolmentId: string; firstName: string; lastName: string; email: string }
  | { ok: false; reason: PassRefusal }
> {
  const enrolment = await passEnrolment(pass);
  if (!enrolment) return { ok: false, reason: "non-valido" };
  if (enrolment.editionId !== scope.id) return { ok: false, reason: "altra-edizione" };
  if (enrolment.status !== "iscritto") return { ok: false, reason: "non-iscritto" };
  return { ok: true, enrolmentId: enrolment.id, ...enrolment.user };
}

/** The edition a valid pass belongs to (the trainer's scope is checked by the caller), or null. */
export async function passEditionId(pass: string): Promise<string | null> {
  return (await passEnrolment(pass))?.editionId ?? null;
}

/**
 * The session of an edition to take a pass to: one whose check-in window (30 minutes before its
 * start to its end) holds `now`, the latest starting first; null when none is under way.
 */
export async function currentSessionOf(editionId: string, now: Date = new Date()) {
  const sessions = await prisma.trainingSession.findMany({
    where: { editionId, delivery: "sincrona", endsAt: { gt: now } },
    orderBy: { startsAt: "desc" },
    select: { id: true, startsAt: true, endsAt: true },
  });
  return sessions.find((s) => checkInWindow(s).opensAt.getTime() <= now.getTime()) ?? null;
}

/**
 * The trainer marks one participant present from the register page (search or personal QR code):
 * recordAttendance with source "registro", so the same checks apply (an "iscritto" place of the
 * session's edition) and the change is in the history under the trainer's name. It is a check-in at
 * arrival: like the participant's own QR code it is accepted from the check-in window's opening
 * (30 minutes before the start), when people arrive, and it writes the line the QR code would
 * (checkInMark): present up to the start plus the tolerance, later a late arrival with the minutes
 * left; a whole attendance for someone marked at 11:40 of a 9–12 session would give hours never
 * attended. Once the session is over nobody is arriving: the trainer records what happened, whole
 * attendance, and corrects it on the register like any line. Like the QR code, it never replaces a
 * line that already records the person there (present, late, left early): the mark would cut that
 * presence down to the minutes left (someone checked in at 8:55, marked again at 9:40, would lose
 * 40 minutes), so it is refused as "gia-registrata" (AttendanceRefusedError, the line held in
 * `current`); a line recording them absent or excused is replaced (they have come after all). A
 * session of another edition than the scope's is refused as not found. Returns the line written.
 */
export async function markPresentByStaff(
  scope: TrainerEdition,
  sessionId: string,
  enrolmentId: string,
  now: Date = new Date(),
): Promise<{ changed: number; mark: ReturnType<typeof checkInMark> }> {
  const session = await prisma.trainingSession.findUnique({
    where: { id: sessionId },
    select: { editionId: true, startsAt: true, endsAt: true, minutes: true },
  });
  if (!session || session.editionId !== scope.id) throw new AttendanceRefusedError({ kind: "sessione-non-trovata" });
  const mark: ReturnType<typeof checkInMark> =
    now.getTime() < session.endsAt.getTime()
      ? checkInMark(session, now)
      : { status: "presente", minutesAttended: null };
  const { changed } = await recordAttendance(
    scope.actorId,
    sessionId,
    [{ enrolmentId, ...mark, arrival: true }],
    "registro",
    now,
    true,
  );
  return { changed, mark };
}
