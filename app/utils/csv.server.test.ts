import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { spreadsheetCsv, spreadsheetDateTime, spreadsheetNumber, spreadsheetText } from "./csv.server.ts";

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

  it("writes a number cell with a decimal comma and no grouping, as the file's ; is read", () => {
    // csv-stringify wrote String(1234.5), "1234.5": text in an Excel with Italian settings.
    expect(spreadsheetCsv([{ a: 1234.5, b: 12345, c: 0.1 }], ["a", "b", "c"]).slice(1)).toBe(
      "a;b;c\r\n1234,5;12345;0,1\r\n",
    );
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

describe("spreadsheetNumber", () => {
  it("writes the file's convention whatever the interface language: decimal comma, no thousands grouping", () => {
    expect(spreadsheetNumber(1.5)).toBe("1,5");
    // "1,234" (English) is 1.234 to an Italian Excel; "12.345" (Italian grouping) is 12.345 where "." is the decimal mark.
    expect(spreadsheetNumber(1234)).toBe("1234");
    expect(spreadsheetNumber(12345.67, { maximumFractionDigits: 1 })).toBe("12345,7");
    expect(spreadsheetNumber(1234567)).toBe("1234567");
    expect(spreadsheetNumber(50 / 60, { maximumFractionDigits: 2 })).toBe("0,83");
    expect(spreadsheetNumber(2, { maximumFractionDigits: 2 })).toBe("2");
  });

  it("writes a percentage as Excel reads one: 83,3%", () => {
    expect(spreadsheetNumber(83.3, { maximumFractionDigits: 1, percent: true })).toBe("83,3%");
    expect(spreadsheetNumber(1250, { maximumFractionDigits: 1, percent: true })).toBe("1250%");
  });
});
