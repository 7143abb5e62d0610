import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { spreadsheetCsv, spreadsheetText } from "./csv.server.ts";

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

  it("leaves numbers as numbers and empty cells empty", () => {
    expect(spreadsheetCsv([{ n: -5, s: "" }], ["n", "s"]).slice(1)).toBe("n;s\r\n-5;\r\n");
  });

  it("spreadsheetText prefixes only formula starts", () => {
    expect(spreadsheetText("=1")).toBe("'=1");
    expect(spreadsheetText("Rossi")).toBe("Rossi");
  });
});
