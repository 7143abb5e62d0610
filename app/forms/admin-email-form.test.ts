import { describe, expect, it } from "vitest";
import { parseForm, verdictsOf } from "../../tests/support/intent-forms.ts";
import { adminEmailActionSchema } from "./admin-email-form.ts";

describe("adminEmailActionSchema", () => {
  it("refuses an unknown or missing intent on `intent`", () => {
    expect(verdictsOf(adminEmailActionSchema, [{ intent: "retry-all", id: "n1" }, { id: "n1" }])).toEqual([null, null]);
    const unknown = parseForm(adminEmailActionSchema, { intent: "retry-all", id: "n1" });
    expect(unknown.status !== "success" && unknown.error?.intent).toEqual(["validation.invalidChoice"]);
  });

  it("parses the retry of one e-mail", () => {
    const retry = parseForm(adminEmailActionSchema, { intent: "retry", id: "n1" });
    expect(retry.status === "success" && retry.value).toEqual({ intent: "retry", id: "n1" });
  });

  it("refuses a missing, empty or overlong id", () => {
    expect(
      verdictsOf(adminEmailActionSchema, [
        { intent: "retry" },
        { intent: "retry", id: "" },
        { intent: "retry", id: "x".repeat(65) },
      ]),
    ).toEqual(["retry", "retry", "retry"]);
    expect(verdictsOf(adminEmailActionSchema, [{ intent: "retry", id: "x".repeat(64) }])).toEqual(["success"]);
  });
});
