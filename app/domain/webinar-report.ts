// Reading a webinar platform's participants report as the platforms write it (issue 15, point 6).
// Pure: bytes in, rows (and the meeting's date when the report states one) out; no HTTP, no database.
//
// - Encoding: UTF-8 (with or without Excel's BOM), UTF-16LE/BE with a BOM (Microsoft Teams'
//   attendance reports, Excel's "Unicode text") or without one (detected by its NUL bytes), and
//   anything else that is not valid UTF-8 is read as Windows-1252 (Excel's "CSV" on Italian Windows;
//   iconv-lite, since Node's TextDecoder treats that label as Latin-1):
//   "Niccolò D’Angelo" written as 0xF2 and 0x92 is decoded, not refused. Spreadsheets, PDFs and
//   other binary files are refused.
// - Layout: the participants' header is the first line (within the first 80) whose cells name an
//   email column and either a minutes column or join and leave columns; its separator (tab, `;` or
//   `,`) is that line's. Lines above it are the report's preamble: Teams' "1. Riepilogo/Summary"
//   (key, value lines) or Zoom's "export with meeting data" block (a header line and its values);
//   the meeting's start is read from there. The participants end at the next numbered section
//   ("3. Attività durante la riunione / In-Meeting Activities", which repeats each connection).
// - Cells: durations as minutes ("95", "95,5", "1:35:00"), or with units as Teams, Meet and Zoom
//   write them ("1h 54m", "1 h 54 min 3 s", "1 hr 54 min", "54 min", "2 ore 5 minuti"); join and leave
//   times in the usual forms, US order when AM/PM is given, two-digit years ("10/22/26, 5:00:12 PM").
import { parse } from "csv-parse/sync";
import { TZDate } from "@date-fns/tz";
import iconv from "iconv-lite";
import type { ParticipantRow } from "./attendance.ts";
import { addRomeDays, TIME_ZONE } from "~/utils/dates.ts";
import { MAX_REPORT_BYTES } from "./webinar-report-limit.ts";

export { MAX_REPORT_BYTES };

/**
 * The most rows a report may have, and the most minutes one row may count. The preview carries the
 * rows to the confirmation in a hidden field that is validated again there (importedRowsSchema): a
 * report beyond either limit is refused here, at the upload, with its line, not at the confirmation
 * as an out-of-date preview the trainer could only upload again to the same end.
 */
export const MAX_REPORT_ROWS = 20_000;
export const MAX_ROW_MINUTES = 100_000;

export type ReportProblem =
  | { code: "missing" }
  | { code: "too-large" }
  | { code: "empty" }
  | { code: "binary" }
  | { code: "encoding" }
  | { code: "malformed"; line: number; detail: string }
  | { code: "columns"; missing: string[]; found: string[] }
  | { code: "noRows" }
  | { code: "tooManyRows"; rows: number; max: number }
  | { code: "rows"; rows: { line: number; kind: "email" | "minutes" | "times"; value?: string }[] };

export type ReportEncoding = "utf-8" | "utf-16le" | "utf-16be" | "windows-1252";

export type ParsedReport = {
  ok: true;
  rows: ParticipantRow[];
  encoding: ReportEncoding;
  /** When the meeting started, from the report's summary, else its earliest dated join time; null when it gives no date. */
  meetingStartsAt: Date | null;
};

type Column = "name" | "surname" | "email" | "join" | "leave" | "minutes";

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
    "first name",
    "given name",
  ],
  surname: ["cognome", "last name", "surname", "family name"],
  email: [
    "email",
    "e mail",
    "mail",
    "indirizzo email",
    "indirizzo e mail",
    "email address",
    "user email",
    "e mail utente",
    "email utente",
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
    "primo accesso",
    "prima partecipazione",
    "ora di partecipazione",
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
    "ultima uscita",
    "ultimo abbandono",
    "leave time",
    "left",
    "leave",
    "last leave",
    "last leave time",
    "time left",
    "time exited",
  ],
  minutes: [
    "minuti",
    "durata",
    "durata minuti",
    "durata in minuti",
    "minuti di presenza",
    "tempo di partecipazione",
    "tempo di partecipazione minuti",
    "durata nella riunione",
    "durata in riunione",
    "duration",
    "duration minutes",
    "minutes",
    "attendance duration",
    "time in session minutes",
    "in meeting duration",
  ],
};

/** Preamble keys (Teams' summary) and meeting-block headers (Zoom) that give the meeting's start. */
const START_KEYS = new Set(
  ["start time", "ora di inizio", "orario di inizio", "inizio", "meeting start time", "data e ora di inizio"].map((k) =>
    normaliseHeader(k),
  ),
);

/** Headers of Zoom's meeting block (above the participants), never a participants' header. */
const MEETING_KEYS = new Set(
  ["meeting id", "id riunione", "topic", "argomento", "id meeting"].map((k) => normaliseHeader(k)),
);

/** Names shown in the error message for missing columns. */
const COLUMN_LABELS: Record<Column, string> = {
  name: "Nome",
  surname: "Cognome",
  email: "Email",
  join: "Ingresso",
  leave: "Uscita",
  minutes: "Minuti",
};

export function normaliseHeader(value: string): string {
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

function columnsOf(cells: readonly string[]): Map<Column, number> {
  const index = new Map<Column, number>();
  cells.forEach((cell, i) => {
    const column = HEADER_INDEX.get(normaliseHeader(cell));
    if (column && !index.has(column)) index.set(column, i);
  });
  return index;
}

const isParticipantsHeader = (index: Map<Column, number>) =>
  index.has("email") && (index.has("minutes") || (index.has("join") && index.has("leave")));

/** A line's separator: the most frequent of tab, `;` and `,` outside quotes (`,` when none). */
function delimiterOf(line: string): string {
  const counts = new Map<string, number>([
    ["\t", 0],
    [";", 0],
    [",", 0],
  ]);
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  // Ties go to tab, then `;`: Teams' "Start time<TAB>10/22/26, 5:00:12 PM" is a tab-separated line.
  let best = "\t";
  for (const [ch, n] of counts) if (n > counts.get(best)!) best = ch;
  return counts.get(best)! > 0 ? best : ",";
}

/** One line's cells with the given separator (quotes honoured); [] when it is not a readable CSV line. */
function cellsOf(line: string, delimiter: string): string[] {
  if (line.trim() === "") return [];
  try {
    const [record] = parse(line, { delimiter, relax_column_count: true, relax_quotes: true, trim: true }) as string[][];
    return record ?? [];
  } catch {
    return line.split(delimiter).map((c) => c.trim());
  }
}

function startsWith(bytes: Uint8Array, ...prefix: number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}

/** UTF-16 without a BOM: most odd (LE) or even (BE) bytes of the first 1 KiB are NUL, the others not. */
function bomlessUtf16(bytes: Uint8Array): "utf-16le" | "utf-16be" | null {
  const n = Math.min(bytes.length - (bytes.length % 2), 1024);
  if (n < 4) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.4 && evenZero < pairs * 0.05) return "utf-16le";
  if (evenZero > pairs * 0.4 && oddZero < pairs * 0.05) return "utf-16be";
  return null;
}

/** The report's text and how it was encoded, or why it is not a text file we can read. */
export function decodeReport(
  bytes: Uint8Array,
): { ok: true; text: string; encoding: ReportEncoding } | { ok: false; problem: ReportProblem } {
  const strict = (encoding: "utf-8" | "utf-16le" | "utf-16be", from: number) => {
    try {
      const text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(from));
      return { ok: true as const, text, encoding };
    } catch {
      return { ok: false as const, problem: { code: "encoding" as const } };
    }
  };
  if (startsWith(bytes, 0xef, 0xbb, 0xbf)) return strict("utf-8", 3);
  if (startsWith(bytes, 0xff, 0xfe)) return strict("utf-16le", 2);
  if (startsWith(bytes, 0xfe, 0xff)) return strict("utf-16be", 2);
  if (
    startsWith(bytes, 0x50, 0x4b, 0x03, 0x04) || // zip (.xlsx)
    startsWith(bytes, 0xd0, 0xcf, 0x11, 0xe0) || // .xls
    startsWith(bytes, 0x25, 0x50, 0x44, 0x46) // %PDF
  )
    return { ok: false, problem: { code: "binary" } };
  const utf16 = bomlessUtf16(bytes);
  if (utf16) return strict(utf16, 0);
  if (bytes.subarray(0, 8192).includes(0)) return { ok: false, problem: { code: "binary" } };
  const utf8 = strict("utf-8", 0);
  if (utf8.ok) return utf8;
  // Not UTF-8: Excel's "CSV" on Windows writes the ANSI code page, Windows-1252 in Italy. Decoded
  // with iconv-lite: Node's TextDecoder("windows-1252") reads the bytes as Latin-1 (0x92 stays a
  // C1 control instead of "’").
  return { ok: true, text: iconv.decode(Buffer.from(bytes), "windows-1252"), encoding: "windows-1252" };
}

const HOURS = "h|hr|hrs|hour|hours|ora|ore";
const MINUTES = "m|min|mins|minute|minutes|minuto|minuti";
const SECONDS = "s|sec|secs|second|seconds|secondo|secondi";
const WITH_UNITS = new RegExp(
  `^(?:(\\d+(?:[.,]\\d+)?)\\s*(?:${HOURS})\\.?)?\\s*(?:(\\d+(?:[.,]\\d+)?)\\s*(?:${MINUTES})\\.?)?\\s*(?:(\\d+)\\s*(?:${SECONDS})\\.?)?$`,
  "i",
);

/**
 * A duration cell as whole minutes: "95", "95,5", "1:35" / "1:35:00" (h:mm[:ss]), or with units
 * ("1h 54m", "1 h 54 min 3 s", "1 hr 54 min", "54 min", "40s", "2 ore 5 minuti"); null when empty,
 * NaN when unreadable.
 */
export function parseMinutesCell(value: string): number | null {
  const v = value.trim();
  if (v === "") return null;
  const num = (s: string | undefined) => (s ? Number(s.replace(",", ".")) : 0);
  if (/^\d+([.,]\d+)?$/.test(v)) return Math.round(num(v));
  const hms = /^(\d+):(\d{2})(?::(\d{2}))?$/.exec(v);
  if (hms) return Math.round(Number(hms[1]) * 60 + Number(hms[2]) + Number(hms[3] ?? 0) / 60);
  const units = WITH_UNITS.exec(v);
  if (units && (units[1] || units[2] || units[3]))
    return Math.round(num(units[1]) * 60 + num(units[2]) + num(units[3]) / 60);
  return Number.NaN;
}

/** Whether a time cell names its day (a time alone is taken on the session's day). */
function carriesDate(value: string): boolean {
  return /\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}/.test(value);
}

/**
 * A join or leave time as an instant. Accepted: ISO with offset ("2026-10-22T17:02:10Z"), and as
 * Rome wall-clock time "2026-10-22 17:02[:10]", "22/10/2026 17:02[:10]" (also with - or ., a comma
 * after the date, two-digit years), "10/22/2026 05:02:10 PM" (US order when AM/PM is given) and
 * "17:02[:10]" or "5:02 PM" (on the session's day).
 */
export function parseReportTime(value: string, sessionDay: Date): Date | null {
  const v = value.trim();
  if (v === "") return null;
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(v)) {
    const d = new Date(v);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  let y: number, mo: number, d: number, h: number, mi: number, s: number;
  let ampm: string | undefined;
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
  } else if (
    (m =
      /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2}),?\s+(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?\s*([AaPp]\.?[Mm]\.?)?$/.exec(
        v,
      ))
  ) {
    ampm = m[7]?.replace(/\./g, "").toUpperCase();
    const [a, b] = [Number(m[1]), Number(m[2])];
    [mo, d] = ampm ? [a, b] : [b, a];
    y = Number(m[3]);
    if (m[3]!.length === 2) y += 2000;
    [h, mi, s] = [Number(m[4]), Number(m[5]), Number(m[6] ?? 0)];
  } else if ((m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp]\.?[Mm]\.?)?$/.exec(v))) {
    const day = new TZDate(sessionDay.getTime(), TIME_ZONE);
    [y, mo, d] = [day.getFullYear(), day.getMonth() + 1, day.getDate()];
    [h, mi, s] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
    ampm = m[4]?.replace(/\./g, "").toUpperCase();
  } else {
    return null;
  }
  if (ampm) {
    if (h < 1 || h > 12) return null;
    if (ampm === "PM" && h < 12) h += 12;
    if (ampm === "AM" && h === 12) h = 0;
  }
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  const date = new TZDate(y, mo - 1, d, h, mi, s, TIME_ZONE);
  if (date.getMonth() !== mo - 1 || date.getDate() !== d) return null;
  return new Date(date.getTime());
}

/** A numbered section title ("2. Partecipanti", "3. In-Meeting Activities"), alone on its line. */
const SECTION_TITLE = /^\s*"?\d+\.\s+[^\t;,]*"?\s*[\t;,]*\s*$/;

/** The meeting's start stated in the preamble: a "Start time"/"Ora di inizio" key and its value, or a header and its values line. */
function preambleStart(lines: readonly string[], sessionDay: Date): Date | null {
  for (let i = 0; i < lines.length; i++) {
    const cells = cellsOf(lines[i]!, delimiterOf(lines[i]!));
    const at = cells.findIndex((c) => START_KEYS.has(normaliseHeader(c)));
    if (at < 0) continue;
    const inline = at === 0 && cells.length > 1 ? parseReportTime(cells[1]!, sessionDay) : null;
    if (inline) return inline;
    const next = lines.slice(i + 1).find((l) => l.trim() !== "");
    if (next) {
      const below = parseReportTime(cellsOf(next, delimiterOf(lines[i]!))[at] ?? "", sessionDay);
      if (below) return below;
    }
  }
  return null;
}

/**
 * The session a report is read for: its start gives the day of time-only values ("17:02"). Given its end too, a time
 * alone is taken on the Rome day that puts it within the session, or nearest to it: of the session's own days and
 * the ones before and after them, so "00:40" is the night after a 22:00-01:00 start, a leave at "00:10" after a
 * session ending at 23:45 ran late is the next day, and a join at "23:55" for a session from 00:15 is the evening
 * before; a tie stays on the start's day.
 */
export type ReportSession = Date | { startsAt: Date; endsAt: Date };

function sessionTimeReader(session: ReportSession): (value: string) => Date | null {
  if (session instanceof Date) return (value) => parseReportTime(value, session);
  const { startsAt, endsAt } = session;
  // One instant within each day other than the start's (which wins a tie): the end's, the one before, the one after.
  const otherDays = [endsAt, addRomeDays(startsAt, -1), addRomeDays(endsAt, 1)];
  const distance = (t: Date) =>
    t < startsAt ? startsAt.getTime() - t.getTime() : t > endsAt ? t.getTime() - endsAt.getTime() : 0;
  return (value) => {
    const onStartDay = parseReportTime(value, startsAt);
    if (!onStartDay || carriesDate(value)) return onStartDay;
    let nearest = onStartDay;
    for (const day of otherDays) {
      const candidate = parseReportTime(value, day);
      if (candidate && distance(candidate) < distance(nearest)) nearest = candidate;
    }
    return nearest;
  };
}

/** Reads a participants report for a session (ReportSession: the day of time-only values). */
export function parseParticipantsReport(
  bytes: Uint8Array,
  session: ReportSession,
): ParsedReport | { ok: false; problem: ReportProblem } {
  const sessionStartsAt = session instanceof Date ? session : session.startsAt;
  const timeOf = sessionTimeReader(session);
  if (bytes.length > MAX_REPORT_BYTES) return { ok: false, problem: { code: "too-large" } };
  if (bytes.length === 0) return { ok: false, problem: { code: "empty" } };
  const decoded = decodeReport(bytes);
  if (!decoded.ok) return decoded;
  const text = decoded.text.replace(/^\uFEFF/, "");
  if (text.trim() === "") return { ok: false, problem: { code: "empty" } };
  const lines = text.split(/\r\n|\n|\r/);

  // The participants' header, with its own separator; without one, the first line naming an email
  // column (or the first non-empty line) for the error message.
  let headerAt = -1;
  let delimiter = ",";
  let firstLine: { at: number; delimiter: string } | null = null;
  let emailLine: { at: number; delimiter: string } | null = null;
  for (let i = 0; i < Math.min(lines.length, 80); i++) {
    const line = lines[i]!;
    if (line.trim() === "") continue;
    const d = delimiterOf(line);
    const cells = cellsOf(line, d);
    // Zoom's meeting block ("Meeting ID, Topic, …, User Email, Duration") names the host's email.
    if (cells.some((c) => MEETING_KEYS.has(normaliseHeader(c)))) continue;
    const index = columnsOf(cells);
    if (isParticipantsHeader(index)) {
      headerAt = i;
      delimiter = d;
      break;
    }
    firstLine ??= { at: i, delimiter: d };
    if (index.has("email")) emailLine ??= { at: i, delimiter: d };
  }
  if (headerAt < 0) {
    const at = emailLine ?? firstLine ?? { at: 0, delimiter: "," };
    const header = cellsOf(lines[at.at] ?? "", at.delimiter);
    return { ok: false, problem: columnsProblem(columnsOf(header), header) };
  }

  // The participants: from the header to the next numbered section (or the end).
  let end = lines.length;
  for (let i = headerAt + 1; i < lines.length; i++) {
    if (SECTION_TITLE.test(lines[i]!)) {
      end = i;
      break;
    }
  }
  let parsed: { record: string[]; info: { lines: number } }[];
  try {
    parsed = parse(lines.slice(headerAt, end).join("\n"), {
      delimiter,
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
        line: headerAt + (e.lines ?? 1),
        detail: (e.message ?? "").replace(/^Invalid [^:]*:\s*/, "").slice(0, 200),
      },
    };
  }
  const index = columnsOf(parsed[0]?.record ?? []);
  const body = parsed.slice(1).filter((r) => r.record.some((cell) => cell !== ""));
  if (body.length === 0) return { ok: false, problem: { code: "noRows" } };
  if (body.length > MAX_REPORT_ROWS)
    return { ok: false, problem: { code: "tooManyRows", rows: body.length, max: MAX_REPORT_ROWS } };

  const cell = (record: string[], column: Column) => {
    const i = index.get(column);
    return i === undefined ? "" : (record[i] ?? "").trim();
  };
  const rows: ParticipantRow[] = [];
  const problems: { line: number; kind: "email" | "minutes" | "times"; value?: string }[] = [];
  let earliestDatedJoin: Date | null = null;
  for (const { record, info } of body) {
    const line = headerAt + info.lines;
    const rawJoin = cell(record, "join");
    const joinedAt = timeOf(rawJoin);
    const leftAt = timeOf(cell(record, "leave"));
    const rawMinutes = cell(record, "minutes");
    let minutes = parseMinutesCell(rawMinutes);
    if (minutes !== null && (Number.isNaN(minutes) || minutes > MAX_ROW_MINUTES)) {
      problems.push({ line, kind: "minutes", value: rawMinutes.slice(0, 40) });
      continue;
    }
    if (minutes === null) {
      if (!joinedAt || !leftAt || leftAt < joinedAt) {
        problems.push({ line, kind: "times" });
        continue;
      }
      minutes = Math.round((leftAt.getTime() - joinedAt.getTime()) / 60_000);
      if (minutes > MAX_ROW_MINUTES) {
        problems.push({ line, kind: "times" });
        continue;
      }
    }
    if (joinedAt && carriesDate(rawJoin) && (!earliestDatedJoin || joinedAt < earliestDatedJoin))
      earliestDatedJoin = joinedAt;
    rows.push({
      name: [cell(record, "name"), cell(record, "surname")]
        .filter((p) => p !== "")
        .join(" ")
        .slice(0, 200),
      email: cell(record, "email").slice(0, 320),
      minutes,
      joinedAt,
      leftAt,
    });
  }
  if (problems.length > 0) return { ok: false, problem: { code: "rows", rows: problems } };
  return {
    ok: true,
    rows,
    encoding: decoded.encoding,
    meetingStartsAt: preambleStart(lines.slice(0, headerAt), sessionStartsAt) ?? earliestDatedJoin,
  };
}

function columnsProblem(index: Map<Column, number>, header: readonly string[]): ReportProblem {
  const hasTimes = index.has("join") && index.has("leave");
  const missing: Column[] = [];
  if (!index.has("email")) missing.push("email");
  if (!index.has("minutes") && !hasTimes)
    missing.push(...(["minutes", "join", "leave"] as const).filter((c) => !index.has(c)));
  return { code: "columns", missing: missing.map((c) => COLUMN_LABELS[c]), found: header.filter((h) => h !== "") };
}
