// The organiser's letterhead form (/profilo/carta-intestata): the signatory's name and role and
// whether to remove a stored image. The image files themselves are checked by
// app/domain/letterhead.ts (type by signature, size cap) in the model.
import { z } from "zod";
import { LETTERHEAD_TEXT_MAX } from "~/domain/letterhead.ts";
import { cleanText, printable } from "./fields.ts";

// Printed on every certificate of the organiser's events: only characters the PDFs print (printable).
const optionalText = printable(
  cleanText(z.string().trim().max(LETTERHEAD_TEXT_MAX, "validation.tooLong")).optional(),
).transform((v) => v ?? "");

export const letterheadFormSchema = z.object({
  signatoryName: optionalText,
  signatoryRole: optionalText,
  removeLogo: z.boolean().optional().default(false),
  removeSignature: z.boolean().optional().default(false),
});

export type LetterheadForm = z.output<typeof letterheadFormSchema>;
