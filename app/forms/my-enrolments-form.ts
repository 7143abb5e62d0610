// Every button of the teacher's "Le mie iscrizioni" as ONE Zod discriminated union on `intent`, so
// the action reads no field by hand: the personal calendar feed's token, and a place's cancel (with an
// optional reason), accept, decline and withdraw. Cancelling, declining an offered seat and withdrawing an
// application are irreversible: each comes only from its confirmation step (`confirm=yes`); accepting is not.
import { z } from "zod";

const enrolmentId = z.string({ required_error: "validation.required" }).trim().min(1, "validation.required").max(64);
const confirm = z.literal("yes", { errorMap: () => ({ message: "confirm.required" }) });

export const myEnrolmentsActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("calendar-token") }),
  z.object({
    intent: z.literal("cancel"),
    enrolmentId,
    confirm,
    /** Optional: why, for the organiser (shown in the edition's list and its CSV, as a removal's reason). */
    reason: z.string().trim().max(500, "myEnrolments.error.reasonTooLong").optional(),
  }),
  z.object({ intent: z.literal("accept"), enrolmentId }),
  z.object({ intent: z.literal("decline"), enrolmentId, confirm }),
  z.object({ intent: z.literal("withdraw"), enrolmentId, confirm }),
]);

export type MyEnrolmentsAction = z.infer<typeof myEnrolmentsActionSchema>;
