// Attendance and certified hours (issue 4's rules, ahead of the registers and certificates):
// pure functions over what trainers record, shared by the register pages, the certificate job
// and the teacher's plan.
import { DEFAULT_COMPLETION_PERCENT } from "./completion-rule.ts";

export const ATTENDANCE_STATUSES = ["presente", "ritardo", "uscita-anticipata", "giustificato", "assente"] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

export type SyncSession = { id: string; minutes: number };
export type AsyncActivity = { id: string; minutes: number; required: boolean };

/** One register line: the status and, for partial presence, the minutes actually attended. */
export type AttendanceMark = { sessionId: string; status: AttendanceStatus; minutesAttended: number | null };

/**
 * Minutes a register line certifies: the whole session when present, the minutes recorded for
 * late arrival or early exit (never more than the session), nothing for excused or absent.
 */
export function certifiedMinutesForSession(session: SyncSession, mark: AttendanceMark | undefined): number {
  if (!mark) return 0;
  switch (mark.status) {
    case "presente":
      return session.minutes;
    case "ritardo":
    case "uscita-anticipata":
      return Math.max(0, Math.min(session.minutes, Math.round(mark.minutesAttended ?? 0)));
    default:
      return 0;
  }
}

export type CompletionRule = {
  /** Whole percent of the edition's total minutes needed, 0..100 (default DEFAULT_COMPLETION_PERCENT). */
  minimumPercent: number;
};

export const DEFAULT_COMPLETION_RULE: CompletionRule = { minimumPercent: DEFAULT_COMPLETION_PERCENT };

export type Progress = {
  syncMinutes: number;
  asyncMinutes: number;
  certifiedMinutes: number;
  totalMinutes: number;
  requiredMinutes: number;
  missingRequiredActivities: string[];
  completed: boolean;
};

/** The edition's total minutes (sessions and activities) and the minutes the completion rule asks for. */
export function requiredMinutesOf(
  sessions: readonly SyncSession[],
  activities: readonly AsyncActivity[],
  rule: CompletionRule = DEFAULT_COMPLETION_RULE,
): { totalMinutes: number; requiredMinutes: number } {
  const totalMinutes =
    sessions.reduce((sum, s) => sum + s.minutes, 0) + activities.reduce((sum, a) => sum + a.minutes, 0);
  // In whole numbers until the one division: 67% of 1,500 minutes is 1,005, where 1,500 × 0.67 is 1,005.0000000000001
  // and would ask for 1,006.
  return { totalMinutes, requiredMinutes: Math.ceil((totalMinutes * rule.minimumPercent) / 100) };
}

/** Whole percent of the total hours certified, rounded down (74.9% never shows as 75%); 0 when there are none. */
export function certifiedPercent(progress: Pick<Progress, "certifiedMinutes" | "totalMinutes">): number {
  // Multiplied first: 348 of 600 minutes is 58%, where 348 / 600 × 100 is 57.99999999999999.
  return progress.totalMinutes > 0 ? Math.floor((progress.certifiedMinutes * 100) / progress.totalMinutes) : 0;
}

/**
 * Certified hours = attended synchronous time (capped per session) + completed asynchronous
 * activities; completed when the share is reached and every required activity is done.
 */
export function progressOf(
  sessions: readonly SyncSession[],
  activities: readonly AsyncActivity[],
  marks: readonly AttendanceMark[],
  completedActivityIds: ReadonlySet<string>,
  rule: CompletionRule = DEFAULT_COMPLETION_RULE,
): Progress {
  const bySession = new Map(marks.map((m) => [m.sessionId, m]));
  const syncMinutes = sessions.reduce((sum, s) => sum + certifiedMinutesForSession(s, bySession.get(s.id)), 0);
  const asyncMinutes = activities.filter((a) => completedActivityIds.has(a.id)).reduce((sum, a) => sum + a.minutes, 0);
  const { totalMinutes, requiredMinutes } = requiredMinutesOf(sessions, activities, rule);
  const missingRequiredActivities = activities
    .filter((a) => a.required && !completedActivityIds.has(a.id))
    .map((a) => a.id);
  const certifiedMinutes = syncMinutes + asyncMinutes;
  return {
    syncMinutes,
    asyncMinutes,
    certifiedMinutes,
    totalMinutes,
    requiredMinutes,
    missingRequiredActivities,
    completed: certifiedMinutes >= requiredMinutes && missingRequiredActivities.length === 0,
  };
}

/** Emails compare case-insensitively and without surrounding spaces (webinar reports vary). */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export type ParticipantRow = {
  name: string;
  email: string;
  minutes: number;
  /** When the row's connection started / ended, if the report says so. */
  joinedAt?: Date | null;
  leftAt?: Date | null;
};
export type Enrolled = { enrolmentId: string; email: string };

export type MatchedParticipant = {
  enrolmentId: string;
  /** The first row's name as the report spells it. */
  name: string;
  minutes: number;
  rows: number;
  /** Some of the person's rows overlapped in time (two devices at once, a row repeated): counted once. */
  overlapped: boolean;
  firstJoinAt: Date | null;
  lastLeaveAt: Date | null;
};

export type MatchResult = {
  matched: MatchedParticipant[];
  /** Rows whose email (or missing email) belongs to no enrolled teacher. */
  unmatched: ParticipantRow[];
  /** Emails that belong to more than one enrolled teacher (should not happen, shown for review), with their rows. */
  ambiguous: { email: string; enrolmentIds: string[]; rows: ParticipantRow[] }[];
};

/**
 * How much a new connection may start before the previous one's leave time and still be a reconnection,
 * not a second device: a platform records a dropped connection's exit a few seconds after the new join.
 */
const RECONNECTION_OVERLAP_MS = 60_000;

/**
 * The minutes a person's rows in a webinar report count. A timed row repeated as it is (a report exported
 * twice and pasted together) counts once. Rows with join and leave times that overlap (two devices at once,
 * PC and phone) count the length of the union of their intervals, and never more than those rows' own
 * durations added up (a platform's summary row spans the first join to the last leave, gaps included, with a
 * shorter time in the meeting). Rows that do not overlap (a reconnection within a minute is none), and rows
 * without both times, add up the durations the platform gives. `overlapped`: some timed rows overlapped or
 * were repeated.
 */
export function attendedMinutes(rows: readonly ParticipantRow[]): { minutes: number; overlapped: boolean } {
  let untimed = 0;
  let timed = 0;
  let repeated = false;
  const seen = new Set<string>();
  const intervals: [number, number][] = [];
  for (const row of rows) {
    const minutes = Math.max(0, row.minutes);
    if (row.joinedAt && row.leftAt && row.leftAt.getTime() > row.joinedAt.getTime()) {
      const key = `${row.joinedAt.getTime()}|${row.leftAt.getTime()}|${minutes}`;
      if (seen.has(key)) {
        repeated = true;
        continue;
      }
      seen.add(key);
      intervals.push([row.joinedAt.getTime(), row.leftAt.getTime()]);
      timed += minutes;
    } else {
      untimed += minutes;
    }
  }
  intervals.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let unionMs = 0;
  let end = Number.NEGATIVE_INFINITY;
  let overlapped = false;
  for (const [from, to] of intervals) {
    if (from < end - RECONNECTION_OVERLAP_MS) overlapped = true;
    if (to > end) {
      unionMs += to - Math.max(from, end);
      end = to;
    }
  }
  // Rows that do not overlap count the platform's own durations, as before (Zoom rounds each row up: 19 min 50 s
  // and 25 min 20 s are 20 + 26); only overlapping ones are counted by the time they cover.
  const timedMinutes = overlapped ? Math.min(timed, Math.round(unionMs / 60_000)) : timed;
  return { minutes: untimed + timedMinutes, overlapped: overlapped || repeated };
}

/**
 * Matches a webinar platform's participants report to enrolled teachers by email. Several rows
 * for one person (reconnections) add up as attendedMinutes says (overlapping times once); the
 * caller caps them at the session's length. Rows without an email are unmatched; an email shared
 * by several enrolments is ambiguous (every row of it is kept for review, none is matched).
 */
export function matchParticipants(rows: readonly ParticipantRow[], enrolled: readonly Enrolled[]): MatchResult {
  const byEmail = new Map<string, string[]>();
  for (const e of enrolled) {
    const key = normaliseEmail(e.email);
    byEmail.set(key, [...(byEmail.get(key) ?? []), e.enrolmentId]);
  }
  const matched = new Map<string, MatchedParticipant>();
  const rowsOf = new Map<string, ParticipantRow[]>();
  const unmatched: ParticipantRow[] = [];
  const ambiguous = new Map<string, { email: string; enrolmentIds: string[]; rows: ParticipantRow[] }>();
  for (const row of rows) {
    const key = normaliseEmail(row.email);
    const ids = key === "" ? undefined : byEmail.get(key);
    if (!ids) {
      unmatched.push(row);
    } else if (ids.length > 1) {
      const entry = ambiguous.get(key) ?? { email: key, enrolmentIds: ids, rows: [] };
      entry.rows.push(row);
      ambiguous.set(key, entry);
    } else {
      const id = ids[0]!;
      const current = matched.get(id) ?? {
        enrolmentId: id,
        name: row.name,
        minutes: 0,
        rows: 0,
        overlapped: false,
        firstJoinAt: null,
        lastLeaveAt: null,
      };
      const own = rowsOf.get(id) ?? [];
      own.push(row);
      rowsOf.set(id, own);
      current.rows += 1;
      if (row.joinedAt && (!current.firstJoinAt || row.joinedAt < current.firstJoinAt))
        current.firstJoinAt = row.joinedAt;
      if (row.leftAt && (!current.lastLeaveAt || row.leftAt > current.lastLeaveAt)) current.lastLeaveAt = row.leftAt;
      matched.set(id, current);
    }
  }
  for (const [id, person] of matched) Object.assign(person, attendedMinutes(rowsOf.get(id)!));
  return { matched: [...matched.values()], unmatched, ambiguous: [...ambiguous.values()] };
}

/** Minutes a webinar report may miss and still count as the whole session (late start, early goodbye). */
export const IMPORT_TOLERANCE_MINUTES = 10;

/**
 * The register line proposed for a participant found in a webinar report: present when the
 * minutes (added up, capped at the session) reach the session minus the tolerance; nothing at
 * all is absent; otherwise the minutes attended, as early exit when the last connection ended
 * before the session's end minus the tolerance while the first began on time, else as late arrival.
 */
export function proposedMark(
  attended: { minutes: number; firstJoinAt: Date | null; lastLeaveAt: Date | null },
  session: { minutes: number; startsAt: Date; endsAt: Date },
  tolerance: number = IMPORT_TOLERANCE_MINUTES,
): { status: AttendanceStatus; minutesAttended: number | null } {
  const minutes = Math.max(0, Math.min(session.minutes, Math.round(attended.minutes)));
  if (minutes >= session.minutes - tolerance) return { status: "presente", minutesAttended: null };
  if (minutes === 0) return { status: "assente", minutesAttended: null };
  const toleranceMs = tolerance * 60_000;
  const onTime = !attended.firstJoinAt || attended.firstJoinAt.getTime() <= session.startsAt.getTime() + toleranceMs;
  const leftEarly =
    attended.lastLeaveAt !== null && attended.lastLeaveAt.getTime() < session.endsAt.getTime() - toleranceMs;
  return { status: onTime && leftEarly ? "uscita-anticipata" : "ritardo", minutesAttended: minutes };
}

/**
 * Statuses that record the person there, for the whole session or part of it (not absent, not excused): the
 * register lines that count as a presence everywhere (arrival marks, messages to those present or absent, the
 * dashboard's attendance).
 */
export const PRESENT_STATUSES = [
  "presente",
  "ritardo",
  "uscita-anticipata",
] as const satisfies readonly AttendanceStatus[];

/**
 * Whether a register line records the person there. An arrival mark (the teacher's QR check-in, the
 * trainer's "Segna presente") never replaces such a line: it would cut a presence already recorded
 * down to the minutes left at the time of the mark.
 */
export function recordsPresence(status: string | null | undefined): boolean {
  return (PRESENT_STATUSES as readonly (string | null | undefined)[]).includes(status);
}

/**
 * How many of a register's lines hold each status, in the order of ATTENDANCE_STATUSES; a status no line holds is
 * left out (the register's "12 presenti, 1 assente" under "Registrati X su Y").
 */
export function linesByStatus(
  statuses: readonly (string | null | undefined)[],
): { status: AttendanceStatus; count: number }[] {
  return ATTENDANCE_STATUSES.map((status) => ({ status, count: statuses.filter((s) => s === status).length })).filter(
    (c) => c.count > 0,
  );
}

/** Statuses that certify only part of a session: they need the minutes actually attended. */
export const PARTIAL_STATUSES: readonly AttendanceStatus[] = ["ritardo", "uscita-anticipata"];

export function isAttendanceStatus(value: unknown): value is AttendanceStatus {
  return typeof value === "string" && (ATTENDANCE_STATUSES as readonly string[]).includes(value);
}

export function isPartialStatus(status: AttendanceStatus): boolean {
  return PARTIAL_STATUSES.includes(status);
}

export type MarkProblem = "stato-non-valido" | "minuti-mancanti" | "minuti-non-validi";

/**
 * Why a register line cannot be saved, or null when it can: a known status; for late arrival or
 * early exit the whole minutes attended, 0..the session's minutes. Minutes given with any other
 * status are ignored (see storedMinutes).
 */
export function markProblem(
  status: unknown,
  minutesAttended: number | null | undefined,
  sessionMinutes: number,
): MarkProblem | null {
  if (!isAttendanceStatus(status)) return "stato-non-valido";
  if (!isPartialStatus(status)) return null;
  if (minutesAttended === null || minutesAttended === undefined || Number.isNaN(minutesAttended))
    return "minuti-mancanti";
  if (!Number.isInteger(minutesAttended) || minutesAttended < 0 || minutesAttended > sessionMinutes)
    return "minuti-non-validi";
  return null;
}

/** The minutes a line stores: only partial statuses keep them (null = whole session or none). */
export function storedMinutes(status: AttendanceStatus, minutesAttended: number | null | undefined): number | null {
  return isPartialStatus(status) ? (minutesAttended ?? null) : null;
}

/** A register line's note ("uscita anticipata per servizio"): trimmed, at most this many characters. */
export const REGISTER_NOTE_MAX = 200;

/**
 * A register line's value: status (null = not recorded), the minutes it stores (see storedMinutes)
 * and its note (null = none; undefined = not said: a check-in or an import leaves the note as it is).
 */
export type LineValue = { status: AttendanceStatus | null; minutesAttended: number | null; note?: string | null };

const sameLine = (a: LineValue, b: LineValue) =>
  a.status === b.status &&
  (a.status === null || !isPartialStatus(a.status) || (a.minutesAttended ?? null) === (b.minutesAttended ?? null)) &&
  (a.note === undefined || b.note === undefined || a.note === b.note);

/**
 * Whether a line sent from the register page asks for a change: it differs from the line the page
 * showed (`shown`; a form without it asks for its value whatever the register holds). A line left
 * as it was shown is not written, so a page opened before someone else's save does not put back
 * the old values of lines nobody touched on it. Status null: the line is to be cleared ("Nessuna
 * registrazione"), a change only if the page showed it recorded.
 */
export function changedOnPage(mark: {
  status: AttendanceStatus | null;
  minutesAttended: number | null;
  note?: string | null;
  shown?: LineValue;
}) {
  return mark.shown === undefined || !sameLine(mark.shown, mark);
}

/**
 * Whether saving `next` over a line the page showed as `shown` would overwrite someone else's
 * change: the register now holds `current`, different from what the page showed and from `next`
 * (if the other change was the same, there is nothing to lose).
 */
export function changedSinceShown(shown: LineValue, current: LineValue, next: LineValue): boolean {
  return !sameLine(shown, current) && !sameLine(current, next);
}

function foldForSearch(value: string): string {
  return value
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * The register's search on the trainer's phone: every word typed (accents and case ignored) is in
 * the participant's first name, last name or email; an empty query matches nobody.
 */
export function participantMatches(
  query: string,
  participant: { firstName: string; lastName: string; email: string },
): boolean {
  const words = foldForSearch(query).split(" ").filter(Boolean);
  if (words.length === 0) return false;
  const text = foldForSearch(`${participant.firstName} ${participant.lastName} ${participant.email}`);
  return words.every((w) => text.includes(w));
}

/**
 * A place listed in a session's register that is no longer current ("iscritto"): moved to another
 * edition, removed, cancelled… Its line stays in the register, read-only (ADR 0019, addendum).
 * `movedToEdition`: the number of the edition a moved place went to (null otherwise, or not found).
 */
export type EndedPlace = { status: string; endedAt: Date | null; movedToEdition: number | null };

/**
 * A teacher's new place in an edition, once seated, takes the register lines and activity completions of their
 * earlier places in that edition (ADR 0019, addendum "a teacher's lines follow them back into an edition"): one
 * line per session, on one place. `earlier` lists the earlier places' lines, the place that ended last first; `held`
 * the sessions the new place already has a line for (that line stays). For each other session, the line of the
 * place that ended last is carried; any other line for it stays where it is (two places of one person can hold a
 * line for the same session only in data written before this rule). Used for lines and for completions alike.
 */
export function linesToCarry<T extends { sessionId: string }>(
  earlier: ReadonlyArray<{ lines: readonly T[] }>,
  held: ReadonlySet<string>,
): T[] {
  const taken = new Set(held);
  const carried: T[] = [];
  for (const place of earlier) {
    for (const line of place.lines) {
      if (taken.has(line.sessionId)) continue;
      taken.add(line.sessionId);
      carried.push(line);
    }
  }
  return carried;
}
