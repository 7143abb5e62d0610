// The trainer's forms on the certificates page (/formazione/edizioni/:id/attestati): revoke a certificate, with a reason
// that is required and sent to the holder (their email and Le mie iscrizioni; never the public verification page,
// ADR 0092); reissue one (confirmed in a second step); close the edition. Error messages are message keys.
import { z } from "zod";

export const MAX_REVOKE_REASON_LENGTH = 500;

export const revokeCertificateSchema = z.object({
  certificateId: z.string({ required_error: "validation.required" }).trim().min(1, "validation.required").max(64),
  reason: z
    .string({ required_error: "certificates.error.reasonRequired" })
    .trim()
    .min(1, "certificates.error.reasonRequired")
    .max(MAX_REVOKE_REASON_LENGTH, "validation.tooLong"),
});

/** The buttons of a certificate's row (revoke with a reason, or reissue), one union on `intent`. */
export const certificateActionSchema = z.discriminatedUnion("intent", [
  revokeCertificateSchema.extend({ intent: z.literal("revoke") }),
  // Reissuing cannot be undone (the old code then checks as revoked, and the person is emailed): the row's
  // button opens a second step (?riemetti=<certificateId>) naming the person and the hours, whose form alone
  // carries this confirmation.
  revokeCertificateSchema.pick({ certificateId: true }).extend({
    intent: z.literal("reissue"),
    confirm: z.literal("yes", { errorMap: () => ({ message: "certificates.reissue.confirmRequired" }) }),
  }),
]);

/** The closing page's one button ("Chiudi e emetti gli attestati"). */
export const closeEditionSchema = z.object({ intent: z.literal("close") });
