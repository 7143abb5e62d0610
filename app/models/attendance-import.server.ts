// Import of a webinar platform's participants report (CSV) into a session's register.
//
// 1. parseParticipantsReport (app/domain/webinar-report.ts) reads the file: at most 2 MB, text in
//    UTF-8, UTF-16 or Windows-1252, as Teams, Meet and Zoom write it (summary sections, Italian or
//    English headers, durations such as "1h 54m"); it also gives the meeting's date when the report
//    states one, which the preview shows next to the session's (reportDateDiffers).
// 2. buildImportPreview matches the rows to the session's enrolled teachers by email
//    (matchParticipants: reconnections add up, time on two devices at once or in rows repeated counts once
//    and is flagged `overlapped`, the whole capped at the session) and proposes a line for each
//    (proposedMark); enrolled teachers missing from the report and not yet recorded are proposed absent.
// 3. Nothing is saved until the trainer confirms. The preview page carries the parsed rows (not the
//    file) as JSON in a hidden field; on confirmation they are validated again (importedRowsSchema),
//    matched again against the current enrolments and saved with recordAttendance("importazione"),
//    so no re-upload is needed and a tampered field can only produce rows that the same checks accept.
// 4. An import fills the lines not yet recorded; it never overwrites a line already there (a QR
//    check-in, a trainer's mark or justified absence) unless the trainer ticks "sostituisci" for that
//    line in the preview (importMarks). Every line it writes carries the value the preview showed
//    (`shown`), so a line changed by someone else after the preview is refused as "modificata"
//    instead of overwritten (ADR 0020, addendum).
import { z } from "zod";
import {
  storedMinutes,
  matchParticipants,
  proposedMark,
  IMPORT_TOLERANCE_MINUTES,
  type AttendanceStatus,
  type ParticipantRow,
} from "~/domain/attendance.ts";
import { MAX_REPORT_ROWS, MAX_ROW_MINUTES } from "~/domain/webinar-report.ts";
import { prisma } from "~/utils/db.server.ts";
import { toRomeDateValue } from "~/utils/dates.ts";
import { shownLineValue, type ShownLine } from "~/forms/attendance-import-form.ts";
import { bySurname, recordAttendance, type RegisterMark } from "./attendance.server.ts";

// Reading the file is a domain rule (encodings, platforms' layouts, durations): app/domain/webinar-report.ts.
export {
  MAX_REPORT_BYTES,
  parseMinutesCell,
  parseParticipantsReport,
  parseReportTime,
  type ReportProblem,
} from "~/domain/webinar-report.ts";

/** The parsed rows as carried by the preview page's hidden field, validated again on confirmation. */
export const importedRowsSchema = z
  .array(
    z.object({
      name: z.string().max(200),
      email: z.string().max(320),
      minutes: z.number().int().min(0).max(MAX_ROW_MINUTES),
      joinedAt: z.string().datetime().nullable(),
      leftAt: z.string().datetime().nullable(),
    }),
  )
  .min(1)
  .max(MAX_REPORT_ROWS);

/**
 * Room for one row in the preview's confirmation, which posts the rows urlencoded in one field: about 220 bytes with a
 * plain name and address. The import page's body limit holds MAX_REPORT_ROWS of them (app/utils/body-limit.server.ts).
 */
export const CONFIRMATION_ROW_BYTES = 256;

/**
 * The bytes the confirmation posts for these serialised rows (urlencoded, as the page's form sends them), with the
 * preview's other fields (`fields`: the lines it showed recorded, the "sostituisci" boxes that may be ticked).
 */
export function confirmationBytes(serialisedRows: string, fields: readonly [string, string][] = []): number {
  return Buffer.byteLength(new URLSearchParams([["rows", serialisedRows], ...fields]).toString());
}

/** The preview's fields for the confirmation besides the rows: the recorded lines it shows ("shown"). */
export function shownFields(preview: ImportPreview): [string, string][] {
  return [...choiceOf(preview).shown].map(([id, line]) => ["shown", shownLineValue(id, line)]);
}

export function serialiseRows(rows: readonly ParticipantRow[]): string {
  return JSON.stringify(
    rows.map((r) => ({
      name: r.name,
      email: r.email,
      minutes: r.minutes,
      joinedAt: r.joinedAt?.toISOString() ?? null,
      leftAt: r.leftAt?.toISOString() ?? null,
    })),
  );
}

export function deserialiseRows(json: string): ParticipantRow[] | null {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return null;
  }
  const parsed = importedRowsSchema.safeParse(value);
  if (!parsed.success) return null;
  return parsed.data.map((r) => ({
    ...r,
    joinedAt: r.joinedAt ? new Date(r.joinedAt) : null,
    leftAt: r.leftAt ? new Date(r.leftAt) : null,
  }));
}

type Line = { status: string; minutesAttended: number | null } | null;

export type ImportPreview = {
  session: { id: string; minutes: number; startsAt: Date; endsAt: Date };
  tolerance: number;
  rowCount: number;
  matched: {
    enrolmentId: string;
    reportName: string;
    firstName: string;
    lastName: string;
    email: string;
    minutes: number;
    rows: number;
    /** The person's rows overlapped in time (two devices at once, rows repeated): the time in common counted once. */
    overlapped: boolean;
    proposed: { status: AttendanceStatus; minutesAttended: number | null };
    current: Line;
    /** Already recorded with another value: kept unless the trainer ticks "sostituisci" for it. */
    differs: boolean;
  }[];
  unmatched: { name: string; email: string; minutes: number }[];
  ambiguous: { email: string; names: string[]; rows: number }[];
  /** Enrolled teachers missing from the report: proposed absent when not yet recorded, otherwise left as they are. */
  absent: { enrolmentId: string; firstName: string; lastName: string; email: string; current: Line }[];
};

/** Matches parsed rows to the session's enrolled teachers and proposes their lines (reads only). */
export async function buildImportPreview(
  sessionId: string,
  rows: readonly ParticipantRow[],
): Promise<ImportPreview | null> {
  const session = await prisma.trainingSession.findUnique({
    where: { id: sessionId },
    select: { id: true, editionId: true, minutes: true, startsAt: true, endsAt: true },
  });
  if (!session) return null;
  const enrolments = await prisma.enrolment.findMany({
    where: { editionId: session.editionId, status: "iscritto" },
    select: {
      id: true,
      user: { select: { firstName: true, lastName: true, email: true } },
      attendance: { where: { sessionId }, select: { status: true, minutesAttended: true } },
    },
  });
  const byId = new Map(enrolments.map((e) => [e.id, e]));
  const result = matchParticipants(
    rows,
    enrolments.map((e) => ({ enrolmentId: e.id, email: e.user.email })),
  );
  const matchedIds = new Set(result.matched.map((m) => m.enrolmentId));
  const ambiguousIds = new Set(result.ambiguous.flatMap((a) => a.enrolmentIds));
  const matched = result.matched
    .map((m) => {
      const e = byId.get(m.enrolmentId)!;
      const minutes = Math.min(session.minutes, m.minutes);
      const proposed = proposedMark({ minutes, firstJoinAt: m.firstJoinAt, lastLeaveAt: m.lastLeaveAt }, session);
      const current = e.attendance[0] ?? null;
      return {
        enrolmentId: m.enrolmentId,
        reportName: m.name,
        firstName: e.user.firstName,
        lastName: e.user.lastName,
        email: e.user.email,
        minutes,
        rows: m.rows,
        overlapped: m.overlapped,
        proposed,
        current,
        differs: current !== null && !sameValue(current, proposed),
      };
    })
    .sort(bySurname);
  const absent = enrolments
    .filter((e) => !matchedIds.has(e.id) && !ambiguousIds.has(e.id))
    .map((e) => ({
      enrolmentId: e.id,
      firstName: e.user.firstName,
      lastName: e.user.lastName,
      email: e.user.email,
      current: e.attendance[0] ?? null,
    }))
    .sort(bySurname);
  return {
    session: { id: session.id, minutes: session.minutes, startsAt: session.startsAt, endsAt: session.endsAt },
    tolerance: IMPORT_TOLERANCE_MINUTES,
    rowCount: rows.length,
    matched,
    unmatched: result.unmatched.map((r) => ({ name: r.name, email: r.email, minutes: r.minutes })),
    ambiguous: result.ambiguous.map((a) => ({
      email: a.email,
      names: [...new Set(a.rows.map((r) => r.name))],
      rows: a.rows.length,
    })),
    absent,
  };
}

/** Whether a report's meeting started on another day (in Rome) than the session; false when the report gives no date. */
export function reportDateDiffers(meetingStartsAt: Date | null, sessionStartsAt: Date): boolean {
  return meetingStartsAt !== null && toRomeDateValue(meetingStartsAt) !== toRomeDateValue(sessionStartsAt);
}

/** Whether a recorded line already holds a proposed value (status and the minutes it stores). */
function sameValue(line: { status: string; minutesAttended: number | null }, value: ShownLine): boolean {
  return line.status === value.status && line.minutesAttended === storedMinutes(value.status, value.minutesAttended);
}

/**
 * The trainer's choices on the preview page: the recorded lines it showed (by enrolment; a line not in
 * `shown` was shown as not recorded) and the lines ticked "sostituisci".
 */
export type ImportChoice = { shown: ReadonlyMap<string, ShownLine>; replace: ReadonlySet<string> };

const NOT_RECORDED = { status: null, minutesAttended: null } as const;

/** The choice of a preview showing the register as it is now, with nothing ticked "sostituisci". */
export function choiceOf(preview: ImportPreview): ImportChoice {
  const shown = new Map<string, ShownLine>();
  for (const line of [...preview.matched, ...preview.absent])
    if (line.current)
      shown.set(line.enrolmentId, {
        status: line.current.status as AttendanceStatus,
        minutesAttended: line.current.minutesAttended,
      });
  return { shown, replace: new Set() };
}

/**
 * The lines an import saves, each with the value the preview showed (`shown`, so a line changed since is refused):
 * the matched participants' proposals for lines shown as not recorded, or shown recorded with another value and
 * ticked "sostituisci"; "assente" for those missing from the report whose line was shown as not recorded. Without a
 * choice: the register as the preview read it, nothing replaced.
 */
export function importMarks(preview: ImportPreview, choice: ImportChoice = choiceOf(preview)): RegisterMark[] {
  return [
    ...preview.matched.flatMap((m) => {
      const shown = choice.shown.get(m.enrolmentId);
      if (shown && (sameValue(shown, m.proposed) || !choice.replace.has(m.enrolmentId))) return [];
      return [
        {
          enrolmentId: m.enrolmentId,
          status: m.proposed.status,
          minutesAttended: m.proposed.minutesAttended,
          shown: shown ?? NOT_RECORDED,
        },
      ];
    }),
    ...preview.absent
      .filter((a) => !choice.shown.has(a.enrolmentId))
      .map((a) => ({
        enrolmentId: a.enrolmentId,
        status: "assente" as const,
        minutesAttended: null,
        shown: NOT_RECORDED,
      })),
  ];
}

/**
 * Confirmation: matches the carried rows again against the current enrolments and saves them as the preview's
 * `choice` says (by default, the register as it is now with nothing replaced: only lines not yet recorded are filled).
 * A line changed since the preview throws AttendanceRefusedError with its lines "modificata" (nothing saved).
 */
export async function confirmImport(
  actorId: string,
  sessionId: string,
  rows: readonly ParticipantRow[],
  choice?: ImportChoice,
  now: Date = new Date(),
) {
  const preview = await buildImportPreview(sessionId, rows);
  if (!preview) return null;
  return recordAttendance(actorId, sessionId, importMarks(preview, choice), "importazione", now);
}
