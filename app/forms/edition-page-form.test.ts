import { describe, expect, it } from "vitest";
import type { Criterion } from "~/domain/application.ts";
import { parseFormAsync, verdictsOfAsync, type FormFields } from "../../tests/support/intent-forms.ts";
import { EDITION_PAGE_INTENTS, editionPageActionSchema } from "./edition-page-form.ts";
import { failedIntentOf } from "./intent.ts";

const criteria: Criterion[] = [
  { id: "c1", label: "Esperienza", maxScore: 10 },
  { id: "c2", label: "Motivazione", maxScore: 5 },
];

/** The union as the action builds it, with a criteria source that counts its reads. */
function schemaWithCriteria() {
  let reads = 0;
  const schema = editionPageActionSchema(async () => {
    reads++;
    return criteria;
  });
  return { schema, reads: () => reads };
}

const parse = (fields: FormFields) => parseFormAsync(schemaWithCriteria().schema, fields);

/** One valid form per button of the page. */
const VALID: Record<(typeof EDITION_PAGE_INTENTS)[number], FormFields> = {
  remove: { intent: "remove", enrolmentId: "e1", reason: "Richiesta della scuola" },
  "seat-cap": { intent: "seat-cap", seatCap: "30" },
  promotion: { intent: "promotion", promotionMode: "offerta", offerHours: "48" },
  "add-quota": { intent: "add-quota", regionCode: "toscana", seats: "5" },
  "release-quota": { intent: "release-quota", quotaId: "q1", confirm: "yes" },
  close: { intent: "close", confirm: "yes" },
  cancel: { intent: "cancel", reason: "Formatore indisponibile", confirm: "yes" },
  admission: { intent: "admission", admission: "candidatura" },
  "application-setup": {
    intent: "application-setup",
    questions: "Progetti realizzati",
    criteria: "Esperienza (max 10)",
  },
  score: { intent: "score", enrolmentId: "e1", "scores.c1": "7.5", "scores.c2": "4", priority: "on" },
  "select-top": { intent: "select-top", count: "3", confirm: "yes" },
  "select-one": { intent: "select-one", enrolmentId: "e1" },
  "close-selection": { intent: "close-selection", reserve: "on", confirm: "yes" },
  move: { intent: "move", enrolmentId: "e1", targetEditionId: "ed-2", confirm: "yes" },
};

describe("editionPageActionSchema", () => {
  it("refuses an unknown or missing intent", async () => {
    const { schema } = schemaWithCriteria();
    expect(await verdictsOfAsync(schema, [{ intent: "delete-edition" }, { enrolmentId: "e1" }])).toEqual([null, null]);
  });

  it("parses a valid form of every button", async () => {
    const { schema } = schemaWithCriteria();
    const forms = EDITION_PAGE_INTENTS.map((intent) => VALID[intent]);
    expect(await verdictsOfAsync(schema, forms)).toEqual(EDITION_PAGE_INTENTS.map(() => "success"));
    const score = await parseFormAsync(schema, VALID.score);
    expect(score.status === "success" && score.value).toEqual({
      intent: "score",
      enrolmentId: "e1",
      scores: { c1: "7.5", c2: "4" },
      priority: true,
    });
    const setup = await parseFormAsync(schema, VALID["application-setup"]);
    expect(setup.status === "success" && setup.value).toMatchObject({
      intent: "application-setup",
      criteria: [{ label: "Esperienza", maxScore: 10 }],
    });
  });

  it("reads the edition's criteria for a score form only, once", async () => {
    const { schema, reads } = schemaWithCriteria();
    const others = EDITION_PAGE_INTENTS.filter((intent) => intent !== "score").map((intent) => VALID[intent]);
    await verdictsOfAsync(schema, [...others, { intent: "nothing" }]);
    expect(reads()).toBe(0);
    await parseFormAsync(schema, VALID.score);
    expect(reads()).toBe(1);
  });

  it("checks the scores against the criteria, each error on its criterion", async () => {
    const refused = await parse({ intent: "score", enrolmentId: "e1", "scores.c1": "11", "scores.c2": "x" });
    expect(refused.status).toBe("error");
    if (refused.status !== "success") {
      expect(failedIntentOf(refused)).toBe("score");
      expect(refused.error).toEqual({
        "scores.c1": ["applications.score.error.out-of-range"],
        "scores.c2": ["applications.score.error.not-a-number"],
      });
    }
  });

  it("keeps each member's own field rules", async () => {
    const { schema } = schemaWithCriteria();
    const verdicts = await verdictsOfAsync(schema, [
      { intent: "remove", enrolmentId: "e1", reason: "   " },
      { intent: "cancel", reason: "Formatore indisponibile" },
      { intent: "add-quota", regionCode: "atlantide", seats: "5" },
      { intent: "select-top", count: "0", confirm: "yes" },
      { intent: "application-setup", criteria: "Esperienza senza massimo" },
      { intent: "move", enrolmentId: "e1", confirm: "yes" },
    ]);
    expect(verdicts).toEqual(["remove", "cancel", "add-quota", "select-top", "application-setup", "move"]);
    const cancel = await parse({ intent: "cancel", reason: "Formatore indisponibile" });
    expect(cancel.status !== "success" && cancel.error).toEqual({ confirm: ["cancellation.confirmRequired"] });
  });

  it("releases a quota only from its second step, with confirm=yes", async () => {
    const oneTap = await parse({ intent: "release-quota", quotaId: "q1" });
    expect(oneTap.status !== "success" && oneTap.error).toEqual({ confirm: ["quotas.releaseStep.confirmRequired"] });
    const confirmed = await parse({ intent: "release-quota", quotaId: "q1", confirm: "yes" });
    expect(confirmed.status === "success" && confirmed.value).toEqual({
      intent: "release-quota",
      quotaId: "q1",
      confirm: "yes",
    });
  });

  it("selects the first N only from its second step, with confirm=yes (each selected applicant is emailed)", async () => {
    const oneTap = await parse({ intent: "select-top", count: "2" });
    expect(oneTap.status !== "success" && oneTap.error).toEqual({
      confirm: ["applications.selectTop.confirmRequired"],
    });
    const confirmed = await parse({ intent: "select-top", count: "2", confirm: "yes" });
    expect(confirmed.status === "success" && confirmed.value).toEqual({
      intent: "select-top",
      count: 2,
      confirm: "yes",
    });
  });

  it("refuses a reason longer than the participant is told, instead of cutting it unseen", async () => {
    const long = "x".repeat(501);
    const removal = await parse({ intent: "remove", enrolmentId: "e1", reason: long });
    expect(removal.status !== "success" && removal.error).toEqual({ reason: ["validation.tooLong"] });
    const move = await parse({
      intent: "move",
      enrolmentId: "e1",
      targetEditionId: "ed-2",
      confirm: "yes",
      reason: long,
    });
    expect(move.status !== "success" && move.error).toEqual({ reason: ["validation.tooLong"] });
    const fits = await parse({ intent: "remove", enrolmentId: "e1", reason: ` ${"x".repeat(500)} ` });
    expect(fits.status === "success" && fits.value).toMatchObject({ reason: "x".repeat(500) });
    const empty = await parse({ intent: "remove", enrolmentId: "e1", reason: "   " });
    expect(empty.status !== "success" && empty.error).toEqual({ reason: ["organiserEdition.error.reasonRequired"] });
    const noMoveReason = await parse({ intent: "move", enrolmentId: "e1", targetEditionId: "ed-2", confirm: "yes" });
    expect(noMoveReason.status === "success" && noMoveReason.value).toMatchObject({ reason: null });
  });
});
