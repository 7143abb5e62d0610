// The messages page's "Messaggi automatici" forms (issue 15), one per rule: save the rule (its
// amount: hours before each session or days after the last one, subject and text) or turn it off.
// Error messages are message keys (app/i18n/messages/participant-messages.ts).
import { z } from "zod";
import { AUTO_AMOUNT_BOUNDS, AUTO_RULES } from "~/domain/automatic-message.ts";
import { choice, parseWholeNumber } from "./fields.ts";
import { messageBody, messageSubject } from "./participant-message-form.ts";

/** The rule's fields; autoMessageSaveSchema checks the amount against the rule's bounds (the page's union reuses both). */
export const autoMessageSaveFields = z.object({
  intent: z.literal("salva-automatico"),
  rule: choice(AUTO_RULES),
  amount: z.string({ required_error: "validation.required" }).trim().min(1, "validation.required"),
  subject: messageSubject,
  body: messageBody,
});

export function autoMessageAmount<T extends z.output<typeof autoMessageSaveFields>>(value: T, ctx: z.RefinementCtx) {
  const { min, max } = AUTO_AMOUNT_BOUNDS[value.rule];
  const amount = parseWholeNumber(value.amount, min, max);
  if (amount === null) {
    ctx.addIssue({ code: "custom", path: ["amount"], message: "validation.wholeNumber" });
    return z.NEVER;
  }
  return { ...value, amount };
}

export const autoMessageSaveSchema = autoMessageSaveFields.transform(autoMessageAmount);

export const autoMessageDeleteSchema = z.object({
  intent: z.literal("elimina-automatico"),
  rule: choice(AUTO_RULES),
});

export type AutoMessageSave = z.output<typeof autoMessageSaveSchema>;
