// QR self check-in rules (issue 4, point 4; docs/decisions/0010-qr-check-in.md): a stateless code
// per in-person session that rotates every minute. code = "<slot in base 36>.<MAC>", where
// MAC = HMAC-SHA256(key, "<sessionId>.<slot>") cut to 128 bits, base64url. The session id is in
// the MAC (and in the URL), so a code of one session is refused for any other. Codes are only
// made and accepted inside the session's window, and a code is accepted during its own slot and
// the CHECK_IN_GRACE_SLOTS after it: the confirmation form carries the code it was opened with, so a
// teacher who scans, then pauses a few minutes before confirming, is still recorded.
// Pure functions: the key and the time are given (the server derives the key from SESSION_SECRET).
import { createHmac, timingSafeEqual } from "node:crypto";
import { proposedMark } from "./attendance.ts";
import { sessionAtVenue, type PlacedSession } from "./session-place.ts";

/** Length of a code's time slot. */
export const CHECK_IN_SLOT_SECONDS = 60;
/** Check-in opens this long before the session starts (people arrive early)… */
export const CHECK_IN_OPENS_MINUTES_BEFORE = 30;
/** …and closes when the session ends. */
export const CHECK_IN_CLOSES_MINUTES_AFTER = 0;
/** Slots after its own during which a code is still accepted (5 minutes: ADR 0010, grace period). */
export const CHECK_IN_GRACE_SLOTS = 5;
/** The trainer's page fetches a new code this often (well inside a code's validity). */
export const CHECK_IN_REFRESH_SECONDS = 30;

const SLOT_MS = CHECK_IN_SLOT_SECONDS * 1000;
const MAC_BYTES = 16;

/**
 * Whether a session has self check-in: a live session held at the event's venue (an in-person event's,
 * or a blended event's unless it is held online only: ADR 0091; a QR code on a screen shared online
 * would let anyone anywhere check in).
 */
export function hasCheckIn(session: PlacedSession, event: { mode: string }): boolean {
  return session.delivery === "sincrona" && sessionAtVenue(session, event);
}

export type CheckInWindow = { opensAt: Date; closesAt: Date };

export function checkInWindow(session: { startsAt: Date; endsAt: Date }): CheckInWindow {
  return {
    opensAt: new Date(session.startsAt.getTime() - CHECK_IN_OPENS_MINUTES_BEFORE * 60_000),
    closesAt: new Date(session.endsAt.getTime() + CHECK_IN_CLOSES_MINUTES_AFTER * 60_000),
  };
}

/** "prima" before the window opens, "aperto" from opensAt included to closesAt excluded, then "chiuso". */
export function windowState(session: { startsAt: Date; endsAt: Date }, now: Date): "prima" | "aperto" | "chiuso" {
  const { opensAt, closesAt } = checkInWindow(session);
  if (now.getTime() < opensAt.getTime()) return "prima";
  if (now.getTime() >= closesAt.getTime()) return "chiuso";
  return "aperto";
}

/**
 * The register line a check-in at `now` writes (ADR 0010, addendum 2026-12): the webinar import's rule
 * (proposedMark, with its tolerance), reading the check-in as a presence from that moment to the session's
 * end. Checked in before the start plus the tolerance: present. Later: late arrival ("ritardo") with the
 * whole minutes from the check-in to the end, never more than the session's minutes (a session with a
 * break counts fewer minutes than its length: there the import's "present within the tolerance" applies
 * to those minutes). A check-in in the session's last minute is a late arrival with 0 minutes, not an
 * absence: the person did come.
 */
export function checkInMark(
  session: { minutes: number; startsAt: Date; endsAt: Date },
  now: Date,
): { status: "presente"; minutesAttended: null } | { status: "ritardo"; minutesAttended: number } {
  const minutesLeft = Math.max(0, Math.floor((session.endsAt.getTime() - now.getTime()) / 60_000));
  const mark = proposedMark({ minutes: minutesLeft, firstJoinAt: now, lastLeaveAt: session.endsAt }, session);
  if (mark.status === "presente") return { status: "presente", minutesAttended: null };
  return { status: "ritardo", minutesAttended: mark.minutesAttended ?? 0 };
}

export function slotOf(now: Date): number {
  return Math.floor(now.getTime() / SLOT_MS);
}

function mac(key: Uint8Array, sessionId: string, slot: number): Buffer {
  return createHmac("sha256", key).update(`${sessionId}.${slot}`).digest().subarray(0, MAC_BYTES);
}

/** The code of a session for a given slot. */
export function makeCheckInCode(key: Uint8Array, sessionId: string, slot: number): string {
  return `${slot.toString(36)}.${mac(key, sessionId, slot).toString("base64url")}`;
}

export type CurrentCode =
  { ok: true; code: string; expiresAt: Date } | { ok: false; reason: "prima" | "chiuso"; window: CheckInWindow };

/** The code to show now, and until when it is accepted; none outside the window. */
export function currentCheckInCode(
  key: Uint8Array,
  session: { id: string; startsAt: Date; endsAt: Date },
  now: Date,
): CurrentCode {
  const state = windowState(session, now);
  const window = checkInWindow(session);
  if (state !== "aperto") return { ok: false, reason: state, window };
  const slot = slotOf(now);
  // Accepted during its slot and the grace slots after it, never after the window closes.
  const expiresAt = new Date(Math.min((slot + 1 + CHECK_IN_GRACE_SLOTS) * SLOT_MS, window.closesAt.getTime()));
  return { ok: true, code: makeCheckInCode(key, session.id, slot), expiresAt };
}

export type CodeRefusal =
  /** Outside the session's check-in window, whatever the code. */
  | "fuori-orario"
  /** A genuine code of this session, but older than the previous slot. */
  | "scaduto"
  /** Not a code this server made for this session: another session's, altered, or malformed. */
  | "non-valido";

const CODE = /^([0-9a-z]{1,12})\.([A-Za-z0-9_-]{22})$/;

/** Checks a scanned code for a session at `now`. */
export function verifyCheckInCode(
  key: Uint8Array,
  session: { id: string; startsAt: Date; endsAt: Date },
  code: string,
  now: Date,
): { ok: true } | { ok: false; reason: CodeRefusal } {
  if (windowState(session, now) !== "aperto") return { ok: false, reason: "fuori-orario" };
  const match = CODE.exec(code.trim());
  if (!match) return { ok: false, reason: "non-valido" };
  const slot = parseInt(match[1]!, 36);
  const given = Buffer.from(match[2]!, "base64url");
  // base64url of 16 bytes has slack bits in its last character: compare the canonical text too.
  if (given.length !== MAC_BYTES || given.toString("base64url") !== match[2])
    return { ok: false, reason: "non-valido" };
  if (!Number.isSafeInteger(slot) || !timingSafeEqual(given, mac(key, session.id, slot)))
    return { ok: false, reason: "non-valido" };
  const current = slotOf(now);
  if (slot > current) return { ok: false, reason: "non-valido" };
  if (slot < current - CHECK_IN_GRACE_SLOTS) return { ok: false, reason: "scaduto" };
  return { ok: true };
}

// Personal attendance QR (issue 15, point 7): staff-side check-in as a fallback to self check-in.
// Each "iscritto" place has a pass "<enrolmentId>.<MAC>", MAC = HMAC-SHA256(key, "pass.<enrolmentId>.<editionId>")
// cut to 72 bits, base64url (12 characters, no slack bits). The edition is inside the MAC, so a pass
// names one place of one edition; the trainer's register refuses it for any other edition. It does
// not expire (it is as long-lived as the place, and only an assigned trainer can use it).
const PASS_MAC_BYTES = 9;
const PASS = /^([A-Za-z0-9_-]{1,64})\.([A-Za-z0-9_-]{12})$/;

function passMac(key: Uint8Array, enrolmentId: string, editionId: string): Buffer {
  return createHmac("sha256", key).update(`pass.${enrolmentId}.${editionId}`).digest().subarray(0, PASS_MAC_BYTES);
}

/** The personal pass of an enrolment (its QR encodes the trainer's URL carrying it). */
export function makeAttendancePass(key: Uint8Array, enrolment: { id: string; editionId: string }): string {
  return `${enrolment.id}.${passMac(key, enrolment.id, enrolment.editionId).toString("base64url")}`;
}

/** The enrolment a pass names, when it is well formed (its MAC is checked by verifyAttendancePass). */
export function passEnrolmentId(pass: string): string | null {
  return PASS.exec(pass.trim())?.[1] ?? null;
}

/** Whether a pass was made by this server for this enrolment in this edition. */
export function verifyAttendancePass(
  key: Uint8Array,
  pass: string,
  enrolment: { id: string; editionId: string },
): boolean {
  const match = PASS.exec(pass.trim());
  if (!match || match[1] !== enrolment.id) return false;
  const given = Buffer.from(match[2]!, "base64url");
  return given.length === PASS_MAC_BYTES && timingSafeEqual(given, passMac(key, enrolment.id, enrolment.editionId));
}
