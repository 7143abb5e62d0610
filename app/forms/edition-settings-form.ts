// The edition page's "posti liberati e annullamento" form: how a freed seat reaches the waitlist,
// how long an offer lasts, and until when a teacher may give up a seat. Error messages are message
// keys (app/i18n/messages/enrolment.ts). Whether the cut-off fits the edition's sessions is checked
// by the model under the edition's lock (checkCancellationCutoff in app/domain/enrolment.ts).
import { z } from "zod";
import { PROMOTION_MODES } from "~/domain/enrolment.ts";
import { OFFER_HOURS_MAX, OFFER_HOURS_MIN } from "~/domain/seat-ledger.ts";
import { readRomeDateTime } from "~/utils/dates.ts";
import { choice, inFormYears, ROME_TIME_REFUSALS, wholeNumber } from "./fields.ts";

export const editionSettingsFormSchema = z.object({
  promotionMode: choice(PROMOTION_MODES),
  offerHours: wholeNumber(OFFER_HOURS_MIN, OFFER_HOURS_MAX, "organiserEdition.error.offerHours"),
  /** Empty: teachers may give up their seat until the first session starts. */
  cancellationCutoffAt: z
    .string()
    .trim()
    .optional()
    .transform((text, ctx) => {
      if (!text) return null;
      const reading = /T|\s/.test(text) ? readRomeDateTime(text) : null;
      if (reading && !reading.ok && reading.reason !== "invalid") {
        ctx.addIssue({ code: "custom", message: ROME_TIME_REFUSALS[reading.reason] });
        return z.NEVER;
      }
      if (!reading?.ok || !inFormYears(reading.date)) {
        ctx.addIssue({ code: "custom", message: "events.validation.dateTime" });
        return z.NEVER;
      }
      return reading.date;
    }),
});
export type EditionSettingsInput = z.infer<typeof editionSettingsFormSchema>;
