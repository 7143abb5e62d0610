// The edition's waitlist reorder form (issue 15, item 2): one waiting person, the position to move
// them to (1 = first in line) and the organiser's reason, required. Messages are message keys.
import { z } from "zod";
import { PLACEMENT_REASON_MAX, PLACEMENT_REASON_MIN } from "~/domain/placement.ts";
import { cleanText, parseWholeNumber } from "./fields.ts";

export const waitlistMoveFormSchema = z.object({
  intent: z.literal("sposta", { errorMap: () => ({ message: "validation.invalidChoice" }) }),
  enrolmentId: z.string({ required_error: "validation.required" }).trim().min(1).max(64),
  position: z.string({ required_error: "validation.required" }).transform((text, ctx) => {
    const n = parseWholeNumber(text, 1, 100_000);
    if (n === null) {
      ctx.addIssue({ code: "custom", message: "placement.waitlist.error.position" });
      return z.NEVER;
    }
    return n;
  }),
  reason: cleanText(
    z
      .string({ required_error: "placement.waitlist.error.reason-required" })
      .trim()
      .min(PLACEMENT_REASON_MIN, "placement.waitlist.error.reason-required")
      .max(PLACEMENT_REASON_MAX, "validation.tooLong"),
  ),
});
