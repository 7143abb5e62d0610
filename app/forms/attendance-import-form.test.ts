import { parseWithZod } from "@conform-to/zod";
import { describe, expect, it } from "vitest";
import { attendanceImportActionSchema } from "./attendance-import-form.ts";
import { failedIntentOf } from "./intent.ts";

function parse(fields: [string, string | File][]) {
  const data = new FormData();
  for (const [key, value] of fields) data.append(key, value);
  return parseWithZod(data, { schema: attendanceImportActionSchema });
}

describe("attendanceImportActionSchema", () => {
  it("refuses an unknown or missing intent", () => {
    for (const fields of [[["intent", "delete"]], []] as [string, string][][]) {
      const submission = parse(fields);
      expect(submission.status).toBe("error");
      if (submission.status !== "success") expect(failedIntentOf(submission)).toBeNull();
    }
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
