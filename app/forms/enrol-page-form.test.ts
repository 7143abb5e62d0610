import { describe, expect, it } from "vitest";
import type { Question } from "~/domain/application.ts";
import { formDataOf, parseFormAsync, verdictsOfAsync, type FormFields } from "../../tests/support/intent-forms.ts";
import { answerFieldErrors, enrolPageActionSchema, parseEnrolPageForm } from "./enrol-page-form.ts";
import { failedIntentOf } from "./intent.ts";

const questions: Question[] = [
  { id: "q1", label: "Progetti realizzati", kind: "testo" },
  { id: "q2", label: "Livello di inglese", kind: "scelta", options: ["B1", "B2", "C1"] },
  { id: "q3", label: "Esigenze di accessibilità", kind: "testo", optional: true },
];
const edition = { id: "ed-1", questions, regionCode: null };
const motivation = "Vorrei portare la mia classe in un progetto europeo.";

/** The union as the action builds it, with a lookup that counts its calls. */
function schemaWithLookup() {
  const asked: string[] = [];
  const schema = enrolPageActionSchema(async (editionId) => {
    asked.push(editionId);
    return editionId === edition.id ? edition : null;
  });
  return { schema, asked };
}

const parse = (fields: FormFields) => parseFormAsync(schemaWithLookup().schema, fields);

describe("enrolPageActionSchema", () => {
  it("refuses an unknown intent on `intent`; no intent (or an empty one) enrols", async () => {
    const { schema } = schemaWithLookup();
    const verdicts = await verdictsOfAsync(schema, [
      { intent: "enrol-everyone", editionId: "ed-1" },
      { intent: "__proto__", editionId: "ed-1" },
      { editionId: "ed-1" },
      { intent: "", editionId: "ed-1" },
    ]);
    expect(verdicts).toEqual([null, null, "success", "success"]);
    const unknown = await parse({ intent: "enrol-everyone", editionId: "ed-1" });
    expect(unknown.status !== "success" && unknown.error?.intent).toEqual(["validation.invalidChoice"]);
    const bare = await parse({ editionId: "ed-1" });
    expect(bare.status === "success" && bare.value).toEqual({ intent: "enrol", editionId: "ed-1" });
  });

  it("enrols without reading anything: the answers ride as posted, for enrol() to check", async () => {
    const { schema, asked } = schemaWithLookup();
    const enrol = await parseFormAsync(schema, {
      intent: "enrol",
      editionId: "ed-1",
      "answers.q1": "Inglese",
      "answers.q2": "",
    });
    expect(enrol.status === "success" && enrol.value).toEqual({
      intent: "enrol",
      editionId: "ed-1",
      answers: { q1: "Inglese", q2: "" },
    });
    // A missing edition is enrol()'s "not found", as before.
    const noEdition = await parseFormAsync(schema, { intent: "enrol" });
    expect(noEdition.status === "success" && noEdition.value).toEqual({ intent: "enrol", editionId: "" });
    const resend = await parseFormAsync(schema, { intent: "resend-confirmation", editionId: "ed-1" });
    expect(resend.status === "success" && resend.value).toEqual({ intent: "resend-confirmation" });
    expect(asked).toEqual([]);
  });

  it("parses an application against its edition's questions, asking for the edition once", async () => {
    const { schema, asked } = schemaWithLookup();
    const applied = await parseFormAsync(schema, {
      intent: "apply",
      editionId: "ed-1",
      motivation: `  ${motivation}  `,
      "answers.q1": "Due gemellaggi eTwinning",
      "answers.q2": "B2",
      "answers.q3": "",
    });
    expect(applied.status === "success" && applied.value).toEqual({
      intent: "apply",
      edition,
      editionId: "ed-1",
      motivation,
      answers: { q1: "Due gemellaggi eTwinning", q2: "B2" },
    });
    expect(asked).toEqual(["ed-1"]);
  });

  it("refuses an application's fields with the application form's own errors, all at once", async () => {
    const refused = await parse({ intent: "apply", editionId: "ed-1", motivation: "Breve", "answers.q2": "A1" });
    expect(refused.status).toBe("error");
    if (refused.status !== "success") {
      expect(failedIntentOf(refused)).toBe("apply");
      expect(refused.error).toEqual({
        motivation: ["applications.validation.motivationShort"],
        "answers.q1": ["validation.required"],
        "answers.q2": ["validation.invalidChoice"],
      });
    }
    const noMotivation = await parse({ intent: "apply", editionId: "ed-1", "answers.q1": "x", "answers.q2": "B1" });
    expect(noMotivation.status !== "success" && noMotivation.error).toEqual({ motivation: ["validation.required"] });
  });

  it("leaves an edition that is not the event's to the action (404), with nothing else checked", async () => {
    const { schema, asked } = schemaWithLookup();
    const other = await parseFormAsync(schema, { intent: "apply", editionId: "ed-2", motivation: "Breve" });
    expect(other.status === "success" && other.value).toEqual({ intent: "apply", editionId: "ed-2", edition: null });
    expect(asked).toEqual(["ed-2"]);
  });
});

describe("answerFieldErrors", () => {
  it("puts each refused answer on its field, with the registration form's messages", () => {
    expect(answerFieldErrors({ q1: "required", q2: "invalid-choice", q3: "too-long" })).toEqual({
      "answers.q1": ["validation.required"],
      "answers.q2": ["validation.invalidChoice"],
      "answers.q3": ["validation.tooLong"],
    });
    expect(answerFieldErrors({})).toEqual({});
  });
});

describe("parseEnrolPageForm (the action's parse: the union coerced once, no coercion per request)", () => {
  it("enrols a bare first-come form, refuses an unknown intent and checks an application's fields", async () => {
    const lookup = async (editionId: string) => (editionId === edition.id ? edition : null);
    const bare = await parseEnrolPageForm(formDataOf({ editionId: "ed-1" }), lookup);
    expect(bare.status === "success" && bare.value).toMatchObject({ intent: "enrol", editionId: "ed-1" });
    const unknown = await parseEnrolPageForm(formDataOf({ intent: "enrol-everyone", editionId: "ed-1" }), lookup);
    expect(unknown.status).toBe("error");
    expect(failedIntentOf(unknown)).toBeNull();
    const short = await parseEnrolPageForm(
      formDataOf({ intent: "apply", editionId: "ed-1", motivation: "Breve", "answers.q2": "A1" }),
      lookup,
    );
    expect(short.status).toBe("error");
    expect(failedIntentOf(short)).toBe("apply");
    const applied = await parseEnrolPageForm(
      formDataOf({ intent: "apply", editionId: "ed-1", motivation, "answers.q1": "eTwinning", "answers.q2": "B2" }),
      lookup,
    );
    expect(applied.status, applied.status === "error" ? JSON.stringify(applied.error) : "").toBe("success");
  });
});
