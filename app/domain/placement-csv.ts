// The CSV of teachers' addresses an organiser uploads to place them (issue 15, item 2): UTF-8
// (a BOM is fine) or else Windows-1252 (Excel's plain CSV in Italy), comma, semicolon or tab separated, the addresses in a column headed "email"
// (or "e-mail") or, without such a header, the first cell of each row. Bounded in bytes and rows;
// addresses are lower-cased and deduplicated, malformed ones reported by line.
import { parse } from "csv-parse/sync";
import iconv from "iconv-lite";

import { isReservedAddress } from "./email-address.ts";
import { PLACEMENT_CSV_MAX_BYTES, PLACEMENT_CSV_MAX_ROWS } from "./placement.ts";

export { PLACEMENT_CSV_MAX_BYTES, PLACEMENT_CSV_MAX_ROWS };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export type PlacementCsvProblem = "empty" | "encoding" | "malformed" | "too-large" | "too-many-rows";

export type PlacementCsv = {
  emails: string[];
  /** Lines whose cell is not an address (1-based line numbers and the text found). */
  invalid: { line: number; value: string }[];
};

function delimiterOf(text: string): string {
  const first = text.split(/\r?\n/, 1)[0] ?? "";
  for (const d of [";", "\t", ","]) if (first.includes(d)) return d;
  return ",";
}

export function parsePlacementCsv(
  bytes: Uint8Array,
): { ok: true; csv: PlacementCsv } | { ok: false; problem: PlacementCsvProblem } {
  if (bytes.length > PLACEMENT_CSV_MAX_BYTES) return { ok: false, problem: "too-large" };
  // UTF-16 (Excel's "Unicode text") and binary files hold NUL bytes: refused, with how to save the file.
  if (bytes.includes(0)) return { ok: false, problem: "encoding" };
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes).replace(/^\uFEFF/, "");
  } catch {
    // Not UTF-8: Excel's plain "CSV" on an Italian Windows writes Windows-1252 (a name's "à" in a
    // column beside the addresses is enough). Decoded with iconv-lite, as the webinar reports are:
    // Node's TextDecoder reads that label as Latin-1.
    text = iconv.decode(Buffer.from(bytes), "windows-1252");
  }
  if (text.trim() === "") return { ok: false, problem: "empty" };
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      delimiter: delimiterOf(text),
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
    });
  } catch {
    return { ok: false, problem: "malformed" };
  }
  const header = records[0]?.record.findIndex((c) => /^e-?mail$/i.test(c)) ?? -1;
  const rows = header >= 0 ? records.slice(1) : records;
  if (rows.length > PLACEMENT_CSV_MAX_ROWS) return { ok: false, problem: "too-many-rows" };
  const emails: string[] = [];
  const invalid: PlacementCsv["invalid"] = [];
  for (const { record, info } of rows) {
    const value = (record[header >= 0 ? header : 0] ?? "").trim().toLowerCase();
    if (value === "") continue;
    // An address of the reserved ".invalid" domain is no teacher's (isReservedAddress): reported as not an address.
    if (!EMAIL.test(value) || value.length > 254 || isReservedAddress(value))
      invalid.push({ line: info.lines, value: value.slice(0, 100) });
    else if (!emails.includes(value)) emails.push(value);
  }
  if (emails.length === 0 && invalid.length === 0) return { ok: false, problem: "empty" };
  return { ok: true, csv: { emails, invalid } };
}
