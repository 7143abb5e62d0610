// QR self check-in, server side (rules in app/domain/check-in.ts; ADR 0010): the key derived from
// SESSION_SECRET, the trainer's view (current code, its QR, how many checked in) and the teacher's
// check-in, which writes the register line through recordAttendance (source "check-in") and never
// overwrites a line already there (the trainer's mark wins).
import { hkdfSync } from "node:crypto";
import QRCode from "qrcode";
import {
  checkInWindow,
  currentCheckInCode,
  hasCheckIn,
  verifyCheckInCode,
  type CodeRefusal,
} from "~/domain/check-in.ts";
import { getEnv } from "~/utils/env.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { AttendanceRefusedError, recordAttendance } from "./attendance.server.ts";

let cachedKey: { secret: string; key: Uint8Array } | undefined;

/** HKDF-SHA256 of SESSION_SECRET with the label "forma-check-in": rotating the secret voids every code. */
export function checkInKey(secret: string = getEnv().SESSION_SECRET): Uint8Array {
  if (cachedKey?.secret !== secret) {
    cachedKey = { secret, key: new Uint8Array(hkdfSync("sha256", secret, new Uint8Array(0), "forma-check-in", 32)) };
  }
  return cachedKey.key;
}

export function checkInUrl(sessionId: string, code: string, origin: string = getEnv().APP_ORIGIN): string {
  return `${origin.replace(/\/+$/, "")}/presenza/${encodeURIComponent(sessionId)}?codice=${encodeURIComponent(code)}`;
}

/** Register lines written by check-in for this session, out of the enrolled participants. */
async function checkInCounts(sessionId: string, editionId: string) {
  const [checkedIn, enrolled] = await Promise.all([
    prisma.attendanceRecord.count({ where: { sessionId, source: "check-in", enrolment: { status: "iscritto" } } }),
    prisma.enrolment.count({ where: { editionId, status: "iscritto" } }),
  ]);
  return { checkedIn, enrolled };
}

type TrainerSession = {
  id: string;
  startsAt: Date;
  endsAt: Date;
  delivery: string;
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

export type CheckInRefusal = CodeRefusal | "non-trovato" | "non-previsto" | "non-iscritto" | "gia-registrata";

async function loadSession(sessionId: string) {
  return prisma.trainingSession.findUnique({
    where: { id: sessionId },
    select: {
      id: true,
      title: true,
      startsAt: true,
      endsAt: true,
      delivery: true,
      editionId: true,
      edition: {
        select: { number: true, event: { select: { id: true, title: true, mode: true, status: true, venue: true } } },
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
      event: { id: session.edition.event.id, title: session.edition.event.title, venue: session.edition.event.venue },
    },
    refusal: verdict.ok ? null : verdict.reason,
  };
}

function checkInVerdict(
  session: NonNullable<Awaited<ReturnType<typeof loadSession>>>,
  code: string,
  own: Awaited<ReturnType<typeof ownLine>>,
  now: Date,
): { ok: true; enrolmentId: string } | { ok: false; reason: CheckInRefusal } {
  if (!hasCheckIn(session, session.edition.event)) return { ok: false, reason: "non-previsto" };
  // Someone already in the register is told so, whatever the code (scanning again later is harmless).
  if (own?.line) return { ok: false, reason: "gia-registrata" };
  const verified = verifyCheckInCode(checkInKey(), session, code, now);
  if (!verified.ok) return verified;
  if (!own) return { ok: false, reason: "non-iscritto" };
  return { ok: true, enrolmentId: own.enrolmentId };
}

/**
 * The teacher checks in: code and window verified, an "iscritto" place in the session's edition,
 * no line yet. Marks them present with source "check-in" (and its history row).
 */
export async function checkIn(
  userId: string,
  sessionId: string,
  code: string,
  now: Date = new Date(),
): Promise<{ ok: true } | { ok: false; reason: CheckInRefusal }> {
  const session = await loadSession(sessionId);
  if (!session || !["pubblicato", "chiuso"].includes(session.edition.event.status))
    return { ok: false, reason: "non-trovato" };
  const verdict = checkInVerdict(session, code, await ownLine(userId, session), now);
  if (!verdict.ok) return verdict;
  try {
    // An early arrival (window open, session not started) is recorded at the time they checked in.
    await recordAttendance(
      userId,
      session.id,
      [{ enrolmentId: verdict.enrolmentId, status: "presente", minutesAttended: null }],
      "check-in",
      now,
    );
  } catch (error) {
    if (error instanceof AttendanceRefusedError && error.refusal.kind === "righe-non-valide")
      return { ok: false, reason: "non-iscritto" };
    throw error;
  }
  return { ok: true };
}
