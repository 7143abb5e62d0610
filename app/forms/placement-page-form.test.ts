import { describe, expect, it } from "vitest";
import { parseForm, verdictsOf, type FormFields } from "../../tests/support/intent-forms.ts";
import { failedIntentOf } from "./intent.ts";
import { placementPageActionSchema } from "./placement-page-form.ts";

const parse = (fields: FormFields) => parseForm(placementPageActionSchema, fields);

describe("placementPageActionSchema", () => {
  it("refuses an unknown or missing intent on `intent`, with the forms' own message", () => {
    const forms: FormFields[] = [{ intent: "inserisci-tutti", email: "a@b.it" }, { email: "a@b.it" }];
    expect(verdictsOf(placementPageActionSchema, forms)).toEqual([null, null]);
    for (const fields of forms) {
      const submission = parse(fields);
      expect(submission.status !== "success" && submission.error?.intent).toEqual(["validation.invalidChoice"]);
    }
  });

  it("parses each member (the CSV preview's file stays the action's to read)", () => {
    const one = parse({ intent: "inserisci", email: "Maria@Scuola.IT", override: "on", reason: "Richiesta USR" });
    expect(one.status === "success" && one.value).toMatchObject({
      intent: "inserisci",
      email: "maria@scuola.it",
      override: true,
    });
    const preview = parse({ intent: "anteprima", email: "maria@scuola.it" });
    expect(preview.status === "success" && preview.value.intent).toBe("anteprima");
    const file = new File(["email\nmaria@scuola.it\n"], "a.csv", { type: "text/csv" });
    const csvPreview = parse({ intent: "anteprima-csv", file });
    expect(csvPreview.status === "success" && csvPreview.value).toMatchObject({ intent: "anteprima-csv", emails: [] });
    const csv = parse({ intent: "inserisci-csv", emails: "A@b.it\nc@d.it\na@b.it" });
    expect(csv.status === "success" && csv.value).toMatchObject({
      intent: "inserisci-csv",
      emails: ["a@b.it", "c@d.it"],
    });
    const move = parse({ intent: "sposta", enrolmentId: "e1", position: "2", reason: "Precedenza" });
    expect(move.status === "success" && move.value).toEqual({
      intent: "sposta",
      enrolmentId: "e1",
      position: 2,
      reason: "Precedenza",
    });
  });

  it("reads the raised seat cap as a whole number of digits only, empty as none", () => {
    const raised = parse({ intent: "inserisci", email: "a@b.it", raiseCapTo: "31" });
    expect(raised.status === "success" && raised.value).toMatchObject({ raiseCapTo: 31 });
    const none = parse({ intent: "inserisci", email: "a@b.it" });
    expect(none.status === "success" && none.value).toMatchObject({ raiseCapTo: null });
    for (const raiseCapTo of ["1e3", "0x10", "0", "2,5"]) {
      for (const intent of ["inserisci", "inserisci-csv"]) {
        const refused = parse({ intent, email: "a@b.it", emails: "a@b.it", raiseCapTo });
        expect(refused.status !== "success" && refused.error?.raiseCapTo).toEqual(["validation.wholeNumber"]);
      }
    }
  });

  it("refuses an address of the reserved .invalid domain, typed or carried back from a CSV preview", () => {
    const typed = parse({ intent: "anteprima", email: "chiuso-abc@forma.invalid" });
    expect(typed.status !== "success" && typed.error).toEqual({ email: ["validation.emailReserved"] });
    const carried = parse({ intent: "inserisci-csv", emails: "a@scuola.it\nchiuso-abc@forma.invalid" });
    expect(carried.status).not.toBe("success");
  });

  it("keeps the members' own checks", () => {
    const noReason = parse({ intent: "inserisci", email: "a@b.it", override: "on" });
    expect(noReason.status !== "success" && noReason.error).toEqual({ reason: ["placement.error.reason"] });
    const noEmails = parse({ intent: "inserisci-csv" });
    expect(noEmails.status !== "success" && noEmails.error).toEqual({ emails: ["placement.csv.error.emails"] });
    const badMove = parse({ intent: "sposta", enrolmentId: "e1", position: "0", reason: "Precedenza" });
    expect(badMove.status !== "success" && badMove.error).toEqual({ position: ["placement.waitlist.error.position"] });
    if (badMove.status !== "success") expect(failedIntentOf(badMove)).toBe("sposta");
    // A move's missing reason is told as the move's, not as the placement override's.
    const moveNoReason = parse({ intent: "sposta", enrolmentId: "e1", position: "1", reason: "x" });
    expect(moveNoReason.status !== "success" && moveNoReason.error).toEqual({
      reason: ["placement.waitlist.error.reason-required"],
    });
  });
});
