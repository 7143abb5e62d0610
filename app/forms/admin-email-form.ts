// The e-mail log's buttons (/admin/email): send one failed e-mail again, or every recent failed one
// (notification-delivery.ts, bulkRetryable). One discriminated union on `intent`, so a missing or
// unknown intent is refused on `intent` and the action answers 400.
import { z } from "zod";

export const adminEmailActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({
      intent: z.literal("retry"),
      id: z.string({ required_error: "validation.required" }).min(1, "validation.required").max(64),
    }),
    z.object({ intent: z.literal("retry-failed") }),
  ],
  { errorMap: () => ({ message: "validation.invalidChoice" }) },
);

export type AdminEmailAction = z.output<typeof adminEmailActionSchema>;
