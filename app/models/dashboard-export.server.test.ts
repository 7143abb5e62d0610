import { describe, expect, it } from "vitest";
import type { Figures } from "~/domain/dashboard.ts";
import { dashboardCsv } from "./dashboard-export.server.ts";
import type { DashboardTable } from "./dashboard-view.server.ts";

const figures: Figures = {
  teachers: 12345,
  enrolled: 1234,
  fillRate: 83.3,
  waitlistPressure: 1234.5,
  attendanceRate: "suppressed",
  noShowRate: null,
  completionRate: 62.5,
  hoursCertified: 15000,
  satisfaction: 4.3,
};

const table: DashboardTable = {
  id: "regions",
  title: "Regions",
  keyHeader: "Region",
  by: "region",
  rows: [{ key: "lazio", label: "Lazio", figures }],
};

describe("dashboardCsv", () => {
  it("writes numbers in the file's convention in either language: decimal comma, no thousands grouping", () => {
    // The ; is for Excel in Italian settings: the English "12,345" was read there as 12.345, "83.3%" and "4.3" as text.
    for (const locale of ["it", "en"] as const) {
      const [, , row] = dashboardCsv(table, locale, "Heading").replace("\uFEFF", "").split("\r\n");
      expect(row).toBe("Lazio;12345;1234;83,3%;1234,5%;< 5;—;62,5%;15000;4,3");
    }
  });

  it("writes a withheld figure as a word of the file's language, not as a number nor as '< 5'", () => {
    const withheld: DashboardTable = {
      ...table,
      rows: [{ key: "lazio", label: "Lazio", figures: { ...figures, teachers: "withheld" } }],
    };
    const row = (locale: "it" | "en") =>
      dashboardCsv(withheld, locale, "Heading").replace("\uFEFF", "").split("\r\n")[2];
    expect(row("it")).toBe("Lazio;riservato;1234;83,3%;1234,5%;< 5;—;62,5%;15000;4,3");
    expect(row("en")).toBe("Lazio;withheld;1234;83,3%;1234,5%;< 5;—;62,5%;15000;4,3");
  });

  it("keeps the headers in the interface language", () => {
    const header = (locale: "it" | "en") =>
      dashboardCsv(table, locale, "Heading").replace("\uFEFF", "").split("\r\n")[1];
    expect(header("en")).toContain(";Teachers reached;Enrolments;Seats filled;");
    expect(header("it")).toContain(";Personale docente raggiunto;Iscrizioni;Riempimento dei posti;");
  });

  it("opens with the heading naming the filters, one cell above the header line, after the one BOM", () => {
    // A filtered file said nothing of its filters; the heading is one cell whatever it holds.
    const csv = dashboardCsv(table, "it", "Cruscotto · Ordine di scuola: Scuola primaria; Ruolo: Docente");
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv.indexOf("\uFEFF", 1)).toBe(-1);
    const lines = csv.slice(1).split("\r\n");
    expect(lines[0]).toBe('"Cruscotto · Ordine di scuola: Scuola primaria; Ruolo: Docente"');
    expect(lines[1]).toMatch(/^Region;Personale docente raggiunto;/);
    expect(lines[2]).toMatch(/^Lazio;/);
    // Formula-like text is defused in the heading as in every cell.
    expect(dashboardCsv(table, "it", "=HYPERLINK()").slice(1).split("\r\n")[0]).toBe("'=HYPERLINK()");
  });
});
