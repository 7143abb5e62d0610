import { describe, expect, it } from "vitest";
import { parseForm, verdictsOf, type FormFields } from "../../tests/support/intent-forms.ts";
import { failedIntentOf } from "./intent.ts";
import { messagesPageActionSchema } from "./messages-page-form.ts";

const parse = (fields: FormFields) => parseForm(messagesPageActionSchema, fields);

const message = { audience: "iscritti", subject: "Oggetto", body: "Testo abbastanza lungo." };
const sendKey = "abcdefghijklmnop1234";

describe("messagesPageActionSchema", () => {
  it("refuses an unknown or missing intent on `intent`, with the form's own message", () => {
    const forms: FormFields[] = [{ intent: "invia-a-tutti", ...message }, message];
    expect(verdictsOf(messagesPageActionSchema, forms)).toEqual([null, null]);
    for (const fields of forms) {
      const submission = parse(fields);
      expect(submission.status !== "success" && submission.error?.intent).toEqual(["validation.invalidChoice"]);
    }
  });

  it("parses each member", () => {
    const preview = parse({ intent: "anteprima", ...message });
    expect(preview.status === "success" && preview.value).toMatchObject({ intent: "anteprima", audience: "iscritti" });
    const send = parse({ intent: "invia", ...message, sendKey });
    expect(send.status === "success" && send.value).toMatchObject({ intent: "invia", sendKey });
    const save = parse({
      intent: "salva-automatico",
      rule: "prima-di-ogni-incontro",
      amount: "24",
      subject: "Promemoria",
      body: "Ci vediamo domani.",
    });
    expect(save.status === "success" && save.value).toMatchObject({ intent: "salva-automatico", amount: 24 });
    const off = parse({ intent: "elimina-automatico", rule: "dopo-ultimo-incontro" });
    expect(off.status === "success" && off.value).toEqual({
      intent: "elimina-automatico",
      rule: "dopo-ultimo-incontro",
    });
  });

  it("keeps the members' own checks: a send needs its key, a session audience its session, an amount its bounds", () => {
    const noKey = parse({ intent: "invia", ...message });
    expect(noKey.status !== "success" && noKey.error).toEqual({ sendKey: ["participantMessages.error.sendKey"] });
    const noSession = parse({ intent: "anteprima", ...message, audience: "presenti" });
    expect(noSession.status !== "success" && noSession.error).toEqual({
      sessionId: ["participantMessages.error.session"],
    });
    const tooMany = parse({
      intent: "salva-automatico",
      rule: "prima-di-ogni-incontro",
      amount: "169",
      subject: "Promemoria",
      body: "Ci vediamo domani.",
    });
    expect(tooMany.status !== "success" && tooMany.error).toEqual({ amount: ["validation.wholeNumber"] });
    if (tooMany.status !== "success") expect(failedIntentOf(tooMany)).toBe("salva-automatico");
  });
});
