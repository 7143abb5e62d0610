import { describe, expect, it } from "vitest";
import { verdictsOf } from "../../tests/support/intent-forms.ts";
import { myEnrolmentsActionSchema } from "./my-enrolments-form.ts";

describe("myEnrolmentsActionSchema", () => {
  it("takes the irreversible buttons (cancel, decline, withdraw) only from their confirmation step; accept at once", () => {
    const place = { enrolmentId: "x" };
    expect(
      verdictsOf(myEnrolmentsActionSchema, [
        { intent: "cancel", ...place },
        { intent: "decline", ...place },
        { intent: "withdraw", ...place },
        { intent: "decline", ...place, confirm: "no" },
      ]),
    ).toEqual(["cancel", "decline", "withdraw", "decline"]);
    expect(
      verdictsOf(myEnrolmentsActionSchema, [
        { intent: "cancel", ...place, confirm: "yes" },
        { intent: "decline", ...place, confirm: "yes" },
        { intent: "withdraw", ...place, confirm: "yes" },
        { intent: "accept", ...place },
      ]),
    ).toEqual(["success", "success", "success", "success"]);
  });
});
