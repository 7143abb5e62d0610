// The organiser's seat cap and regional quota forms: one Zod schema per form, numbers through
// fields.ts so they have the same bounds on both engines. Promotion mode, offer window and
// cancellation cut-off: edition-settings-form.ts.
import { z } from "zod";
import { REGION_CODES } from "~/domain/vocabulary.ts";
import { MAX_SEAT_CAP } from "./event-form.ts";
import { choice, optionalWholeNumber, wholeNumber } from "./fields.ts";

/** Empty = no cap. */
export const seatCapFormSchema = z.object({ seatCap: optionalWholeNumber(1, MAX_SEAT_CAP) });

export const quotaFormSchema = z.object({
  regionCode: choice(REGION_CODES),
  seats: wholeNumber(1, MAX_SEAT_CAP),
});
