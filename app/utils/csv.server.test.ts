import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { spreadsheetCsv, spreadsheetDateTime, spreadsheetText } from "./csv.server.ts";

describe("spreadsheetCsv", () => {
  it("starts with a BOM, separates with ; and ends lines with CRLF", () => {
    const csv = spreadsheetCsv([{ a: "Né", b: 3 }], [{ key: "a", header: "Città" }, "b"]);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv.slice(1)).toBe("Città;b\r\nNé;3\r\n");
  });

  it("writes every text cell that looks like a formula as text, headers included", () => {
    const csv = spreadsheetCsv(
      [{ a: "=HYPERLINK(1)", b: "+39 055", c: "-2", d: "@SUM(A1)", e: "\tx", f: "a=b" }],
      ["a", "b", "c", "d", "e", "=f"].map((k, i) => ({ key: "abcdef"[i]!, header: k })),
    );
    const [header, row] = parse(csv.slice(1), { delimiter: ";" }) as string[][];
    expect(header).toEqual(["a", "b", "c", "d", "e", "'=f"]);
    expect(row).toEqual(["'=HYPERLINK(1)", "'+39 055", "'-2", "'@SUM(A1)", "'\tx", "a=b"]);
  });

  it("quotes a cell holding a bare line feed or carriage return, so it stays one cell of one row", () => {
    // A motivation posted with "\n" line ends: unquoted, Excel (and any CSV reader) starts a new row at the
    // line feed, and that row begins with "=…", which the formula guard of the cell's start never saw.
    const csv = spreadsheetCsv([{ a: "Motivazione\n=1+1", b: "x\r@SUM(A1)", c: "ok" }], ["a", "b", "c"]);
    expect(csv.slice(1)).toBe('a;b;c\r\n"Motivazione\n=1+1";"x\r@SUM(A1)";ok\r\n');
    const rows = parse(csv.slice(1), { delimiter: ";" }) as string[][];
    expect(rows).toEqual([
      ["a", "b", "c"],
      ["Motivazione\n=1+1", "x\r@SUM(A1)", "ok"],
    ]);
  });

  it("leaves numbers as numbers and empty cells empty", () => {
    expect(spreadsheetCsv([{ n: -5, s: "" }], ["n", "s"]).slice(1)).toBe("n;s\r\n-5;\r\n");
  });

  it("spreadsheetText prefixes only formula starts", () => {
    expect(spreadsheetText("=1")).toBe("'=1");
    expect(spreadsheetText("Rossi")).toBe("Rossi");
  });
});

describe("spreadsheetDateTime", () => {
  it("writes Rome's wall clock in ISO order, which spreadsheets read as a date in any language, with no comma", () => {
    expect(spreadsheetDateTime(new Date("2026-12-04T22:13:00Z"))).toBe("2026-12-04 23:13");
    // Summer time, and the day after midnight in Rome while UTC is still on the day before.
    expect(spreadsheetDateTime("2026-07-01T22:30:00.000Z")).toBe("2026-07-02 00:30");
  });
});
