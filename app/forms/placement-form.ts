// The edition's "Inserisci partecipanti" form (issue 15, item 2): one teacher's email, "anteprima"
// shows what the address is (found, unknown, already placed, not eligible), "inserisci" places
// them; a not-eligible teacher needs the override box and a reason. Messages are message keys.
import { z } from "zod";
import { isReservedAddress } from "~/domain/email-address.ts";
import { PLACEMENT_REASON_MAX, PLACEMENT_REASON_MIN } from "~/domain/placement.ts";
import { MAX_SEAT_CAP } from "./event-form.ts";
import { cleanText, optionalWholeNumber } from "./fields.ts";

/** The form's fields; placementFormSchema adds the override's reason (the page's union reuses both). */
export const placementFields = z.object({
  intent: z.enum(["anteprima", "inserisci"], { errorMap: () => ({ message: "validation.invalidChoice" }) }),
  email: z
    .string({ required_error: "validation.required" })
    .trim()
    .toLowerCase()
    .max(254, "validation.tooLong")
    .email("validation.email")
    // No teacher has an address in the reserved ".invalid" domain (closed accounts do, and are never placed).
    .refine((address) => !isReservedAddress(address), "validation.emailReserved"),
  /**
   * "inserisci": the address the preview on screen showed (a hidden field of the preview). The place
   * goes to it only if it is still the address in the field: an address edited after the preview is
   * refused and previewed again by the page's action ("placement.error.preview-changed"), never placed unseen.
   */
  previewedEmail: z.string().trim().toLowerCase().max(254, "validation.tooLong").optional(),
  override: z.boolean().optional().default(false),
  reason: cleanText(z.string().trim().max(PLACEMENT_REASON_MAX, "validation.tooLong")).optional(),
  /** When the edition is full: "raise the seat cap to this and place them" (the cap-change rule applies). */
  raiseCapTo: optionalWholeNumber(1, MAX_SEAT_CAP),
});

/** Placing a not-eligible teacher (the override) needs a reason. */
export function checkPlacementOverride(value: { override: boolean; reason?: string }, ctx: z.RefinementCtx) {
  if (value.override && (value.reason ?? "").length < PLACEMENT_REASON_MIN) {
    ctx.addIssue({ code: "custom", path: ["reason"], message: "placement.error.reason" });
  }
}

export const placementFormSchema = placementFields.superRefine(checkPlacementOverride);

export type PlacementForm = z.output<typeof placementFormSchema>;
