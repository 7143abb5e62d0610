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

  it("takes the first cell of each row without a header", () => {
    const r = parsePlacementCsv(bytes("a@scuola.it,x\nb@scuola.it\n\n"));
    expect(r).toEqual({ ok: true, csv: { emails: ["a@scuola.it", "b@scuola.it"], invalid: [] } });
  });

  it("refuses empty, oversized, too long and non-UTF-8 files", () => {
    expect(parsePlacementCsv(bytes(" \n"))).toEqual({ ok: false, problem: "empty" });
    expect(parsePlacementCsv(new Uint8Array(PLACEMENT_CSV_MAX_BYTES + 1))).toEqual({ ok: false, problem: "too-large" });
    const many = Array.from({ length: PLACEMENT_CSV_MAX_ROWS + 1 }, (_, i) => `t${i}@scuola.it`).join("\n");
    expect(parsePlacementCsv(bytes(many))).toEqual({ ok: false, problem: "too-many-rows" });
    expect(parsePlacementCsv(new Uint8Array([0x61, 0xff, 0xfe, 0x40]))).toEqual({ ok: false, problem: "encoding" });
  });
});
