import { describe, expect, it } from "vitest";
import { parseForm, verdictsOf, type FormFields } from "../../tests/support/intent-forms.ts";
import { attendanceImportActionSchema, shownLineValue } from "./attendance-import-form.ts";
import { failedIntentOf } from "./intent.ts";

const parse = (fields: FormFields) => parseForm(attendanceImportActionSchema, fields);

describe("attendanceImportActionSchema", () => {
  it("refuses an unknown or missing intent", () => {
    expect(verdictsOf(attendanceImportActionSchema, [{ intent: "delete" }, {}])).toEqual([null, null]);
  });

  it("parses the preview (the report file is left to the action) and the confirmation with its rows", () => {
    const report = new File(["Nome,Email\n"], "report.csv", { type: "text/csv" });
    const preview = parse([
      ["intent", "preview"],
      ["report", report],
    ]);
    expect(preview.status === "success" && preview.value).toEqual({ intent: "preview" });
    const confirm = parse([
      ["intent", "confirm"],
      ["rows", "[]"],
    ]);
    expect(confirm.status === "success" && confirm.value).toEqual({
      intent: "confirm",
      rows: "[]",
      shown: new Map(),
      replace: new Set(),
    });
    const tampered = parse([
      ["intent", "confirm"],
      ["rows", new File(["[]"], "rows.json")],
    ]);
    expect(tampered.status).toBe("error");
    if (tampered.status !== "success") expect(failedIntentOf(tampered)).toBe("confirm");
  });

  it("reads the recorded lines the preview showed and the lines ticked 'sostituisci'; a malformed one is refused", () => {
    const line = shownLineValue("e1", { status: "ritardo", minutesAttended: 30 });
    expect(line).toBe("e1:ritardo:30");
    const confirm = parse([
      ["intent", "confirm"],
      ["rows", "[]"],
      ["shown", line],
      ["shown", shownLineValue("e2", { status: "presente", minutesAttended: null })],
      ["replace", "e1"],
    ]);
    expect(confirm.status === "success" && confirm.value).toEqual({
      intent: "confirm",
      rows: "[]",
      shown: new Map([
        ["e1", { status: "ritardo", minutesAttended: 30 }],
        ["e2", { status: "presente", minutesAttended: null }],
      ]),
      replace: new Set(["e1"]),
    });
    for (const shown of ["e1:forse:", "e1:presente:abc", "e1"]) {
      const bad = parse([
        ["intent", "confirm"],
        ["rows", "[]"],
        ["shown", shown],
      ]);
      expect(bad.status, shown).toBe("error");
      if (bad.status !== "success") expect(failedIntentOf(bad)).toBe("confirm");
    }
  });
});
