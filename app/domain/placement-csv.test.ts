import { describe, expect, it } from "vitest";
import { PLACEMENT_CSV_MAX_BYTES, PLACEMENT_CSV_MAX_ROWS, parsePlacementCsv } from "./placement-csv.ts";

const bytes = (text: string) => new TextEncoder().encode(text);

describe("parsePlacementCsv", () => {
  it("reads the email column by its header, lower-cases and deduplicates, reports bad cells by line", () => {
    const r = parsePlacementCsv(
      bytes(
        "\uFEFFCognome;Nome;E-mail\nRossi;Maria;Maria.Rossi@Scuola.it\nBianchi;Luca;non-una-email\nRossi;M;maria.rossi@scuola.it\n",
      ),
    );
    expect(r).toEqual({
      ok: true,
      csv: { emails: ["maria.rossi@scuola.it"], invalid: [{ line: 3, value: "non-una-email" }] },
    });
  });

  it("reports an address of the reserved .invalid domain as not an address (no teacher has one)", () => {
    expect(parsePlacementCsv(bytes("a@scuola.it\nChiuso-x@Forma.invalid\n"))).toEqual({
      ok: true,
      csv: { emails: ["a@scuola.it"], invalid: [{ line: 2, value: "chiuso-x@forma.invalid" }] },
    });
  });

  it("takes the first cell of each row without a header", () => {
    const r = parsePlacementCsv(bytes("a@scuola.it,x\nb@scuola.it\n\n"));
    expect(r).toEqual({ ok: true, csv: { emails: ["a@scuola.it", "b@scuola.it"], invalid: [] } });
  });

  it("reads Excel's plain CSV of an Italian Windows (Windows-1252)", () => {
    // "Nome;email\nNiccolò;N.Rossi@scuola.it\nAndrea;a.bianchi@scuola.it\n" with ò as 0xF2.
    const latin = Uint8Array.from(
      Buffer.concat([
        Buffer.from("Nome;email\nNiccol"),
        Buffer.from([0xf2]),
        Buffer.from(";N.Rossi@scuola.it\nAndrea;a.bianchi@scuola.it\n"),
      ]),
    );
    expect(parsePlacementCsv(latin)).toEqual({
      ok: true,
      csv: { emails: ["n.rossi@scuola.it", "a.bianchi@scuola.it"], invalid: [] },
    });
  });

  it("refuses empty, oversized, too long and UTF-16 or binary files", () => {
    expect(parsePlacementCsv(bytes(" \n"))).toEqual({ ok: false, problem: "empty" });
    expect(parsePlacementCsv(new Uint8Array(PLACEMENT_CSV_MAX_BYTES + 1))).toEqual({ ok: false, problem: "too-large" });
    const many = Array.from({ length: PLACEMENT_CSV_MAX_ROWS + 1 }, (_, i) => `t${i}@scuola.it`).join("\n");
    expect(parsePlacementCsv(bytes(many))).toEqual({ ok: false, problem: "too-many-rows" });
    // Excel's "Unicode text": UTF-16 little-endian with its BOM.
    const utf16 = Uint8Array.from(
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("email\na@scuola.it\n", "utf16le")]),
    );
    expect(parsePlacementCsv(utf16)).toEqual({ ok: false, problem: "encoding" });
  });
});
