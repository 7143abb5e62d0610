// Import of a webinar platform's participants report (CSV) into a session's register.
//
// 1. parseParticipantsReport (app/domain/webinar-report.ts) reads the file: at most 2 MB, text in
//    UTF-8, UTF-16 or Windows-1252, as Teams, Meet and Zoom write it (summary sections, Italian or
//    English headers, durations such as "1h 54m"); it also gives the meeting's date when the report
//    states one, which the preview shows next to the session's (reportDateDiffers).
// 2. buildImportPreview matches the rows to the session's enrolled teachers by email
//    (matchParticipants: reconnections add up, capped at the session) and proposes a line for each
//    (proposedMark); enrolled teachers missing from the report and not yet recorded are proposed absent.
// 3. Nothing is saved until the trainer confirms. The preview page carries the parsed rows (not the
//    file) as JSON in a hidden field; on confirmation they are validated again (importedRowsSchema),
//    matched again against the current enrolments and saved with recordAttendance("importazione"),
//    so no re-upload is needed and a tampered field can only produce rows that the same checks accept.
import { z } from "zod";
import {
  matchParticipants,
  proposedMark,
  IMPORT_TOLERANCE_MINUTES,
  type AttendanceStatus,
  type ParticipantRow,
} from "~/domain/attendance.ts";
import { MAX_REPORT_ROWS, MAX_ROW_MINUTES } from "~/domain/webinar-report.ts";
import { prisma } from "~/utils/db.server.ts";
import { toRomeDateValue } from "~/utils/dates.ts";
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

/** The bytes the confirmation posts for these serialised rows (urlencoded, as the page's form sends them). */
export function confirmationBytes(serialisedRows: string): number {
  return Buffer.byteLength(new URLSearchParams({ rows: serialisedRows }).toString());
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
    proposed: { status: AttendanceStatus; minutesAttended: number | null };
    current: Line;
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
      return {
        enrolmentId: m.enrolmentId,
        reportName: m.name,
        firstName: e.user.firstName,
        lastName: e.user.lastName,
        email: e.user.email,
        minutes,
        rows: m.rows,
        proposed: proposedMark({ minutes, firstJoinAt: m.firstJoinAt, lastLeaveAt: m.lastLeaveAt }, session),
        current: e.attendance[0] ?? null,
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

/** The lines an import saves: the matched participants' proposals and "assente" for those missing and not yet recorded. */
export function importMarks(preview: ImportPreview): RegisterMark[] {
  return [
    ...preview.matched.map((m) => ({
      enrolmentId: m.enrolmentId,
      status: m.proposed.status,
      minutesAttended: m.proposed.minutesAttended,
    })),
    ...preview.absent
      .filter((a) => a.current === null)
      .map((a) => ({ enrolmentId: a.enrolmentId, status: "assente" as const, minutesAttended: null })),
  ];
}

/** Confirmation: matches the carried rows again against the current enrolments and saves them. */
export async function confirmImport(
  actorId: string,
  sessionId: string,
  rows: readonly ParticipantRow[],
  now: Date = new Date(),
) {
  const preview = await buildImportPreview(sessionId, rows);
  if (!preview) return null;
  return recordAttendance(actorId, sessionId, importMarks(preview), "importazione", now);
}
