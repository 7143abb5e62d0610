// The organiser's edition settings (seat cap, waitlist promotion, regional quotas): one Zod schema
// per form, numbers through fields.ts so they have the same bounds on both engines.
import { z } from "zod";
import { REGION_CODES } from "~/domain/vocabulary.ts";
import { MAX_SEAT_CAP } from "./event-form.ts";
import { choice, optionalWholeNumber, wholeNumber } from "./fields.ts";

/** A waitlist offer lasts at most two weeks. */
export const MAX_OFFER_HOURS = 24 * 14;
export const DEFAULT_OFFER_HOURS = 48;

/** Empty = no cap. */
export const seatCapFormSchema = z.object({ seatCap: optionalWholeNumber(1, MAX_SEAT_CAP) });

export const promotionFormSchema = z.object({
  promotionMode: choice(["automatica", "offerta"] as const),
  offerHours: optionalWholeNumber(1, MAX_OFFER_HOURS).transform((h) => h ?? DEFAULT_OFFER_HOURS),
});

export const quotaFormSchema = z.object({
  regionCode: choice(REGION_CODES),
  seats: wholeNumber(1, MAX_SEAT_CAP),
});
