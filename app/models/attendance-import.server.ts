// Import of a webinar platform's participants report (CSV) into a session's register.
//
// 1. parseParticipantsReport reads the file: at most 2 MB, text (not a spreadsheet or other binary),
//    UTF-8 (a BOM, as Excel writes it, is dropped), `;`, `,` or tab separated (the header line
//    decides), and the columns found by their usual Italian/English names (REPORT_COLUMNS). Minutes
//    come from the minutes column or, when it is missing or empty, from join and leave times.
// 2. buildImportPreview matches the rows to the session's enrolled teachers by email
//    (matchParticipants: reconnections add up, capped at the session) and proposes a line for each
//    (proposedMark); enrolled teachers missing from the report and not yet recorded are proposed absent.
// 3. Nothing is saved until the trainer confirms. The preview page carries the parsed rows (not the
//    file) as JSON in a hidden field; on confirmation they are validated again (importedRowsSchema),
//    matched again against the current enrolments and saved with recordAttendance("importazione"),
//    so no re-upload is needed and a tampered field can only produce rows that the same checks accept.
import { parse } from "csv-parse/sync";
import { TZDate } from "@date-fns/tz";
import { z } from "zod";
import {
  matchParticipants,
  proposedMark,
  IMPORT_TOLERANCE_MINUTES,
  type AttendanceStatus,
  type ParticipantRow,
} from "~/domain/attendance.ts";
import { prisma } from "~/utils/db.server.ts";
import { TIME_ZONE } from "~/utils/dates.ts";
import { bySurname, recordAttendance, type RegisterMark } from "./attendance.server.ts";

export const MAX_REPORT_BYTES = 2 * 1024 * 1024;

export type ReportProblem =
  | { code: "missing" }
  | { code: "too-large" }
  | { code: "empty" }
  | { code: "binary" }
  | { code: "encoding" }
  | { code: "malformed"; line: number; detail: string }
  | { code: "columns"; missing: string[]; found: string[] }
  | { code: "noRows" }
  | { code: "rows"; rows: { line: number; kind: "email" | "minutes" | "times"; value?: string }[] };

type Column = "name" | "email" | "join" | "leave" | "minutes";

/** Header names accepted for each column, compared without case, accents and punctuation. */
export const REPORT_COLUMNS: Record<Column, readonly string[]> = {
  name: [
    "nome",
    "name",
    "nome e cognome",
    "nominativo",
    "partecipante",
    "participant",
    "full name",
    "display name",
    "nome utente",
    "user name",
    "user name original name",
    "name original name",
    "nome visualizzato",
    "nome nome originale",
  ],
  email: [
    "email",
    "e mail",
    "mail",
    "indirizzo email",
    "indirizzo e mail",
    "email address",
    "user email",
    "e mail address",
    "posta elettronica",
  ],
  join: [
    "ingresso",
    "ora di ingresso",
    "orario di ingresso",
    "entrata",
    "ora di entrata",
    "accesso",
    "ora di accesso",
    "join time",
    "joined",
    "join",
    "first join",
    "first join time",
    "time joined",
  ],
  leave: [
    "uscita",
    "ora di uscita",
    "orario di uscita",
    "leave time",
    "left",
    "leave",
    "last leave",
    "last leave time",
    "time left",
  ],
  minutes: [
    "minuti",
    "durata",
    "durata minuti",
    "durata in minuti",
    "minuti di presenza",
    "tempo di partecipazione",
    "tempo di partecipazione minuti",
    "duration",
    "duration minutes",
    "minutes",
    "attendance duration",
    "time in session minutes",
    "in meeting duration",
  ],
};

/** Names shown in the error message for missing columns. */
const COLUMN_LABELS: Record<Column, string> = {
  name: "Nome",
  email: "Email",
  join: "Ingresso",
  leave: "Uscita",
  minutes: "Minuti",
};

function normaliseHeader(value: string): string {
  return value
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

const HEADER_INDEX = new Map<string, Column>(
  (Object.entries(REPORT_COLUMNS) as [Column, readonly string[]][]).flatMap(([column, names]) =>
    names.map((n) => [normaliseHeader(n), column] as const),
  ),
);

/** The separator of the header line: the most frequent of `;`, `,` and tab outside quotes. */
function detectDelimiter(text: string): string {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? "";
  const counts = new Map<string, number>([
    [";", 0],
    [",", 0],
    ["\t", 0],
  ]);
  let quoted = false;
  for (const ch of firstLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ",";
  for (const [ch, n] of counts) if (n > (counts.get(best) ?? 0)) best = ch;
  return best;
}

function looksBinary(bytes: Uint8Array): boolean {
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04)
    return true; // zip (.xlsx)
  if (bytes.length >= 4 && bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0)
    return true; // .xls
  if (bytes.length >= 4 && bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46)
    return true; // %PDF
  const sample = bytes.subarray(0, 8192);
  for (const b of sample) if (b === 0) return true; // UTF-16 or any binary
  return false;
}

/** "95", "95,5", "95.5" or "1:35:00" / "1:35" (h:mm[:ss]) as whole minutes; null when empty, NaN when unreadable. */
export function parseMinutesCell(value: string): number | null {
  const v = value.trim();
  if (v === "") return null;
  if (/^\d+([.,]\d+)?$/.test(v)) return Math.round(Number(v.replace(",", ".")));
  const hms = /^(\d+):(\d{2})(?::(\d{2}))?$/.exec(v);
  if (hms) return Math.round(Number(hms[1]) * 60 + Number(hms[2]) + Number(hms[3] ?? 0) / 60);
  return Number.NaN;
}

/**
 * A join or leave time as an instant. Accepted: ISO with offset ("2026-10-22T17:02:10Z"), and as
 * Rome wall-clock time "2026-10-22 17:02[:10]", "22/10/2026 17:02[:10]" (also with - or .),
 * "10/22/2026 05:02:10 PM" (US order when AM/PM is given) and "17:02[:10]" (on the session's day).
 */
export function parseReportTime(value: string, sessionDay: Date): Date | null {
  const v = value.trim();
  if (v === "") return null;
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(v)) {
    const d = new Date(v);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  let y: number, mo: number, d: number, h: number, mi: number, s: number;
  let m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(v);
  if (m) {
    [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? "0"].map(Number) as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
  } else if ((m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}),?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?$/.exec(v))) {
    const ampm = m[7]?.toUpperCase();
    const [a, b] = [Number(m[1]), Number(m[2])];
    [mo, d] = ampm ? [a, b] : [b, a];
    [y, h, mi, s] = [Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0)];
    if (ampm === "PM" && h < 12) h += 12;
    if (ampm === "AM" && h === 12) h = 0;
  } else if ((m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(v))) {
    const day = new TZDate(sessionDay.getTime(), TIME_ZONE);
    [y, mo, d] = [day.getFullYear(), day.getMonth() + 1, day.getDate()];
    [h, mi, s] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
  } else {
    return null;
  }
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  const date = new TZDate(y, mo - 1, d, h, mi, s, TIME_ZONE);
  if (date.getMonth() !== mo - 1 || date.getDate() !== d) return null;
  return new Date(date.getTime());
}

/** Reads a participants report; `sessionStartsAt` gives the day of time-only values. */
export function parseParticipantsReport(
  bytes: Uint8Array,
  sessionStartsAt: Date,
): { ok: true; rows: ParticipantRow[] } | { ok: false; problem: ReportProblem } {
  if (bytes.length > MAX_REPORT_BYTES) return { ok: false, problem: { code: "too-large" } };
  if (bytes.length === 0) return { ok: false, problem: { code: "empty" } };
  // UTF-16 (Teams' attendance lists, "Unicode text" from Excel): a text file, but not UTF-8.
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)))
    return { ok: false, problem: { code: "encoding" } };
  if (looksBinary(bytes)) return { ok: false, problem: { code: "binary" } };
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return { ok: false, problem: { code: "encoding" } };
  }
  text = text.replace(/^\uFEFF/, "");
  if (text.trim() === "") return { ok: false, problem: { code: "empty" } };
  let parsed: { record: string[]; info: { lines: number } }[];
  try {
    parsed = parse(text, {
      delimiter: detectDelimiter(text),
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
    });
  } catch (error) {
    const e = error as { lines?: number; message?: string };
    return {
      ok: false,
      problem: {
        code: "malformed",
        line: e.lines ?? 1,
        detail: (e.message ?? "").replace(/^Invalid [^:]*:\s*/, "").slice(0, 200),
      },
    };
  }
  // The header is the first line naming an email column within the first 20 (Zoom puts a meeting
  // summary before the participants); without one, the first line, for the error message.
  const columnsOf = (cells: string[]) => {
    const index = new Map<Column, number>();
    cells.forEach((cell, i) => {
      const column = HEADER_INDEX.get(normaliseHeader(cell));
      if (column && !index.has(column)) index.set(column, i);
    });
    return index;
  };
  let headerAt = parsed.slice(0, 20).findIndex((r) => columnsOf(r.record).has("email"));
  if (headerAt < 0) headerAt = 0;
  const header = parsed[headerAt]?.record ?? [];
  const index = columnsOf(header);
  const hasTimes = index.has("join") && index.has("leave");
  const missing: Column[] = [];
  if (!index.has("email")) missing.push("email");
  if (!index.has("minutes") && !hasTimes)
    missing.push(...(["minutes", "join", "leave"] as const).filter((c) => !index.has(c)));
  if (missing.length > 0) {
    return {
      ok: false,
      problem: {
        code: "columns",
        missing: missing.map((c) => COLUMN_LABELS[c]),
        found: header.filter((h) => h !== ""),
      },
    };
  }
  const body = parsed.slice(headerAt + 1).filter((r) => r.record.some((cell) => cell !== ""));
  if (body.length === 0) return { ok: false, problem: { code: "noRows" } };

  const cell = (record: string[], column: Column) => {
    const i = index.get(column);
    return i === undefined ? "" : (record[i] ?? "").trim();
  };
  const rows: ParticipantRow[] = [];
  const problems: { line: number; kind: "email" | "minutes" | "times"; value?: string }[] = [];
  for (const { record, info } of body) {
    const line = info.lines;
    const joinedAt = parseReportTime(cell(record, "join"), sessionStartsAt);
    const leftAt = parseReportTime(cell(record, "leave"), sessionStartsAt);
    const rawMinutes = cell(record, "minutes");
    let minutes = parseMinutesCell(rawMinutes);
    if (minutes !== null && Number.isNaN(minutes)) {
      problems.push({ line, kind: "minutes", value: rawMinutes.slice(0, 40) });
      continue;
    }
    if (minutes === null) {
      if (!joinedAt || !leftAt || leftAt < joinedAt) {
        problems.push({ line, kind: "times" });
        continue;
      }
      minutes = Math.round((leftAt.getTime() - joinedAt.getTime()) / 60_000);
    }
    rows.push({
      name: cell(record, "name").slice(0, 200),
      email: cell(record, "email").slice(0, 320),
      minutes,
      joinedAt,
      leftAt,
    });
  }
  if (problems.length > 0) return { ok: false, problem: { code: "rows", rows: problems } };
  return { ok: true, rows };
}

/** The parsed rows as carried by the preview page's hidden field, validated again on confirmation. */
export const importedRowsSchema = z
  .array(
    z.object({
      name: z.string().max(200),
      email: z.string().max(320),
      minutes: z.number().int().min(0).max(100_000),
      joinedAt: z.string().datetime().nullable(),
      leftAt: z.string().datetime().nullable(),
    }),
  )
  .min(1)
  .max(20_000);

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
