// The one way Forma writes CSV for people to open in a spreadsheet: a BOM and `;` so Excel in
// Italian settings reads the accents and splits the columns, CRLF line ends, and every text cell
// that starts like a formula (= + - @ tab CR) prefixed with `'` so it opens as text (CSV injection);
// a cell with a line break of any kind is quoted, so it stays one cell. Numbers follow the same
// convention as the `;`, whatever the interface language: a decimal comma and no thousands grouping
// (spreadsheetNumber; ADR 0079, addendum of 06/12/2026).
import { stringify } from "csv-stringify/sync";
import { toRomeInputValue } from "./dates.ts";

/** Text that a spreadsheet would run as a formula, written as text instead. */
export function spreadsheetText(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * An instant as a spreadsheet reads a date and time in any language: "2026-12-04 23:13" (Rome's wall
 * clock, ISO order). The page's "04/12/2026, 23:13" stayed text in Excel (the comma), could not be
 * sorted or filtered as a date, and dd/mm is read the other way round by an American Excel.
 */
export function spreadsheetDateTime(date: Date | string): string {
  return toRomeInputValue(date).replace("T", " ");
}

const numberFormats = new Map<number, Intl.NumberFormat>();

/**
 * A number as the file's own convention writes it, whatever the interface language: a decimal comma and no
 * thousands grouping ("1234,5", "83,3%"), at most `maximumFractionDigits` decimals (by default as many as the
 * number has). The file's `;` is for Excel in Italian settings, which read the English "1,234" as 1.234 and kept
 * "83.3%" or "1.5" as text. No grouping in Italian either: "12.345" reads right there, but as 12.345 wherever "."
 * is the decimal mark; "12345" reads the same everywhere.
 */
export function spreadsheetNumber(
  value: number,
  options: { maximumFractionDigits?: number; percent?: boolean } = {},
): string {
  const digits = options.maximumFractionDigits ?? 20;
  let format = numberFormats.get(digits);
  if (!format) {
    format = new Intl.NumberFormat("it-IT", { maximumFractionDigits: digits, useGrouping: false });
    numberFormats.set(digits, format);
  }
  const text = format.format(value);
  return options.percent ? `${text}%` : text;
}

type Column = string | { key: string; header: string };

/**
 * Rows (objects keyed by column key) as spreadsheet CSV; columns in order, with their header line. A number cell
 * is written by spreadsheetNumber (a writer rounds it, or passes spreadsheetNumber's text, to set its decimals).
 */
export function spreadsheetCsv(rows: Record<string, string | number>[], columns: Column[]): string {
  const safeColumns = columns.map((c) =>
    typeof c === "string" ? { key: c, header: spreadsheetText(c) } : { key: c.key, header: spreadsheetText(c.header) },
  );
  return (
    "\uFEFF" +
    stringify(rows, {
      header: true,
      columns: safeColumns,
      delimiter: ";",
      record_delimiter: "windows",
      // With a record delimiter given, csv-stringify quotes only cells holding it ("\r\n"): a bare "\n"
      // or "\r" (a textarea posted without CRLF) would start a new row in Excel, unguarded against formulas.
      quote_record_delimiter: true,
      cast: { string: spreadsheetText, number: (value) => spreadsheetNumber(value) },
    })
  );
}
