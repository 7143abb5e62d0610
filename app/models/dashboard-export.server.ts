// A dashboard table as a download: CSV through the project's one CSV writer (app/utils/csv.server.ts)
// and XLSX through exceljs. Only suppressed figures leave the server ("< 5" and "riservato" as text).
import ExcelJS from "exceljs";
import {
  FIGURE_KEYS,
  PERCENT_FIGURES,
  SMALL_GROUP_THRESHOLD,
  WITHHELD_TEXT,
  monthKeyDate,
} from "~/domain/dashboard.ts";
import type { Locale } from "~/domain/vocabulary.ts";
import { spreadsheetCsv, spreadsheetText } from "~/utils/csv.server.ts";
import { tableColumns, tableTextRows, type DashboardTable } from "./dashboard-view.server.ts";

/**
 * `heading` (downloadHeading: the school year and the filters) is the file's first line, one cell, above the
 * header line: a filtered file said nothing of its filters.
 */
export function dashboardCsv(table: DashboardTable, locale: Locale, heading: string): string {
  // Headers and labels in the interface language; numbers in the file's convention (tableTextRows).
  const rows = tableTextRows(table, locale);
  // A month as a spreadsheet reads one in any language, "2026-09" (the row's key): the page's "set 26"
  // was read by an Italian Excel as 26 September of the current year.
  if (table.by === "month") table.rows.forEach((row, i) => (rows[i]!.group = row.key));
  // The heading as a header line of one column and no rows, then the table without a second BOM.
  return (
    spreadsheetCsv([], [{ key: "heading", header: heading }]) +
    spreadsheetCsv(rows, tableColumns(table, locale)).slice(1)
  );
}

/**
 * One sheet: numbers stay numbers (percentages formatted as such), months are dates, "< 5", "riservato" and "—" are
 * text.
 * Row 1 is `heading` (the school year and the filters), row 2 the headers, with the sheet's filter on them.
 */
export async function dashboardXlsx(table: DashboardTable, locale: Locale, heading: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Forma";
  const sheet = workbook.addWorksheet(table.title.slice(0, 31).replace(/[*?:\\/[\]]/g, " "));
  const columns = tableColumns(table, locale);
  sheet.columns = columns.map((c, i) => ({ key: c.key, width: i === 0 ? 32 : 18 }));
  sheet.addRow([spreadsheetText(heading)]).font = { italic: true };
  sheet.addRow(columns.map((c) => spreadsheetText(c.header))).font = { bold: true };
  // The header row named for the spreadsheet (sorting and filtering start below it, not at the heading).
  sheet.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: columns.length } };
  for (const row of table.rows) {
    // A month is a date (the spreadsheet sorts and charts it, and names it in its own language).
    const cells: Record<string, string | number | Date> = {
      group: table.by === "month" ? monthKeyDate(row.key) : spreadsheetText(row.label),
    };
    for (const key of FIGURE_KEYS) {
      const value = row.figures[key];
      if (value === null) cells[key] = "—";
      else if (value === "suppressed") cells[key] = `< ${SMALL_GROUP_THRESHOLD}`;
      else if (value === "withheld") cells[key] = WITHHELD_TEXT[locale];
      else cells[key] = PERCENT_FIGURES.includes(key) ? value / 100 : value;
    }
    sheet.addRow(cells);
  }
  for (const key of PERCENT_FIGURES) sheet.getColumn(key).numFmt = "0.0%";
  sheet.getColumn("satisfaction").numFmt = "0.0";
  if (table.by === "month") sheet.getColumn("group").numFmt = "mmm yyyy";
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
