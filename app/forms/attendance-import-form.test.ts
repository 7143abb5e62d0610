import { describe, expect, it } from "vitest";
import { parseForm, verdictsOf, type FormFields } from "../../tests/support/intent-forms.ts";
import { attendanceImportActionSchema } from "./attendance-import-form.ts";
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
    expect(confirm.status === "success" && confirm.value).toEqual({ intent: "confirm", rows: "[]" });
    const tampered = parse([
      ["intent", "confirm"],
      ["rows", new File(["[]"], "rows.json")],
    ]);
    expect(tampered.status).toBe("error");
    if (tampered.status !== "success") expect(failedIntentOf(tampered)).toBe("confirm");
  });
});
