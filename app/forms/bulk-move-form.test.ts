import { describe, expect, it } from "vitest";
import { parseForm, verdictsOf } from "../../tests/support/intent-forms.ts";
import { bulkMoveFormSchema } from "./bulk-move-form.ts";

describe("bulkMoveFormSchema", () => {
  it("reads the target, the ticked people (one or many) and the reason, trimmed", () => {
    const one = parseForm(bulkMoveFormSchema, [
      ["intent", "anteprima"],
      ["targetEditionId", "ed2"],
      ["enrolmentId", "e1"],
      ["reason", "  Aula più grande  "],
    ]);
    expect(one.status === "success" && one.value).toEqual({
      intent: "anteprima",
      targetEditionId: "ed2",
      enrolmentId: ["e1"],
      reason: "Aula più grande",
    });
    const many = parseForm(bulkMoveFormSchema, [
      ["intent", "sposta"],
      ["confirm", "yes"],
      ["targetEditionId", "ed2"],
      ["enrolmentId", "e1"],
      ["enrolmentId", "e2"],
    ]);
    expect(many.status === "success" && many.value).toMatchObject({ intent: "sposta", enrolmentId: ["e1", "e2"] });
  });

  it("refuses nobody ticked, no target, an unconfirmed move and an unknown intent, with their messages", () => {
    const nobody = parseForm(bulkMoveFormSchema, { intent: "anteprima", targetEditionId: "ed2" });
    expect(nobody.status !== "success" && nobody.error?.enrolmentId).toEqual(["participants.bulk.error.nobody"]);
    const noTarget = parseForm(bulkMoveFormSchema, { intent: "anteprima", enrolmentId: "e1" });
    expect(noTarget.status !== "success" && noTarget.error?.targetEditionId).toEqual([
      "participants.move.error.target",
    ]);
    const unconfirmed = parseForm(bulkMoveFormSchema, { intent: "sposta", targetEditionId: "ed2", enrolmentId: "e1" });
    expect(unconfirmed.status !== "success" && unconfirmed.error?.confirm).toEqual(["participants.move.error.confirm"]);
    expect(verdictsOf(bulkMoveFormSchema, [{ intent: "sposta-tutti", targetEditionId: "ed2" }, {}])).toEqual([
      null,
      null,
    ]);
  });
});
