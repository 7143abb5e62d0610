// The one way Forma writes CSV for people to open in a spreadsheet: a BOM and `;` so Excel in
// Italian settings reads the accents and splits the columns, CRLF line ends, and every text cell
// that starts like a formula (= + - @ tab CR) prefixed with `'` so it opens as text (CSV injection);
// a cell with a line break of any kind is quoted, so it stays one cell.
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

type Column = string | { key: string; header: string };

/** Rows (objects keyed by column key) as spreadsheet CSV; columns in order, with their header line. */
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
      cast: { string: spreadsheetText },
    })
  );
}
