import { describe, expect, it } from "vitest";
import { parseForm, verdictsOf, type FormFields } from "../../tests/support/intent-forms.ts";
import { failedIntentOf } from "./intent.ts";
import { trainingPlanActionSchema } from "./training-plan-page-form.ts";

const parse = (fields: FormFields) => parseForm(trainingPlanActionSchema, fields);

const training = { title: "Corso", organiser: "Ente", startsOn: "2026-10-01", endsOn: "2026-10-02", hours: "3" };

describe("trainingPlanActionSchema", () => {
  it("refuses an unknown or missing intent", () => {
    expect(verdictsOf(trainingPlanActionSchema, [{ intent: "external-edit" }, {}])).toEqual([null, null]);
  });

  it("parses each member", () => {
    const target = parse({ intent: "target", targetHours: "1,5" });
    expect(target.status === "success" && target.value).toEqual({ intent: "target", targetHours: 90 });
    const prefs = parse({ intent: "preferences", emailReminders: "on" });
    expect(prefs.status === "success" && prefs.value).toEqual({ intent: "preferences", emailReminders: true });
    const certificate = new File([new Uint8Array([37, 80, 68, 70])], "a.pdf", { type: "application/pdf" });
    const add = parse({ intent: "external-add", ...training, certificate });
    expect(add.status === "success" && add.value).toMatchObject({ intent: "external-add", hours: 180, title: "Corso" });
    expect(add.status === "success" && add.value.intent === "external-add" && add.value.certificate).toBeInstanceOf(
      File,
    );
    const del = parse({ intent: "external-delete", trainingId: "t1", confirm: "yes" });
    expect(del.status === "success" && del.value).toEqual({
      intent: "external-delete",
      trainingId: "t1",
      confirm: "yes",
    });
    // Deleting (the row and its certificate file) is done only from its confirmation step.
    expect(parse({ intent: "external-delete", trainingId: "t1" }).status).toBe("error");
  });

  it("refuses an external training outside the school years the plan lists, which would be saved unseen", () => {
    for (const day of ["0026-09-01", "1999-09-01", "2101-09-01", "9999-01-01"]) {
      const added = parse({ intent: "external-add", ...training, startsOn: day, endsOn: day });
      expect(added.status, day).toBe("error");
      if (added.status !== "success") expect(added.error?.startsOn, day).toEqual(["plan.validation.date"]);
    }
    // The first and last school years the plan shows are accepted.
    for (const day of ["2000-09-01", "2101-08-31"]) {
      expect(parse({ intent: "external-add", ...training, startsOn: day, endsOn: day }).status, day).toBe("success");
    }
  });

  it("keeps the external training's dates rule", () => {
    const backwards = parse({ intent: "external-add", ...training, startsOn: "2026-10-03" });
    expect(backwards.status).toBe("error");
    if (backwards.status !== "success") {
      expect(failedIntentOf(backwards)).toBe("external-add");
      expect(backwards.error).toEqual({ endsOn: ["plan.validation.endBeforeStart"] });
    }
  });
});
