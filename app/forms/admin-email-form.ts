// The e-mail log's one button (/admin/email): send a failed e-mail again. A single-button action
// parses its form like the multi-intent pages do, with one discriminated union on `intent` (here
// of one member), so a missing or unknown intent is refused on `intent` and the action answers 400.
import { z } from "zod";

export const adminEmailActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({
      intent: z.literal("retry"),
      id: z.string({ required_error: "validation.required" }).min(1, "validation.required").max(64),
    }),
  ],
  { errorMap: () => ({ message: "validation.invalidChoice" }) },
);

export type AdminEmailAction = z.output<typeof adminEmailActionSchema>;
