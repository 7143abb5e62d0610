// The event sheet page's forms (/gestione/eventi/:id/scheda): the texts, a file (an attachment,
// or a session's material), a link (a session's recording), removing one; and the trainer's
// profile on /profilo. One discriminated union on "intent" for the sheet page. A file's real type
// and size are checked on the server from its bytes (app/domain/event-sheet.ts).
import { z } from "zod";
import {
  FILE_TITLE_MAX,
  isHttpLink,
  MAX_SHEET_FILE_BYTES,
  SHEET_TEXT_MAX,
  TRAINER_PROFILE_MAX,
} from "~/domain/event-sheet.ts";
import { cleanText, optionalText, requiredText } from "./fields.ts";

const id = z.string({ required_error: "validation.required" }).trim().min(1, "validation.required").max(64);
/** Empty means "the whole event" (an attachment), else a session's id (a material). */
const optionalSessionId = z
  .string()
  .trim()
  .max(64)
  .optional()
  .transform((v) => (v ? v : null));

export const sheetTextFormSchema = z.object({
  objectives: optionalText(SHEET_TEXT_MAX),
  programme: optionalText(SHEET_TEXT_MAX),
});
export type SheetTextForm = z.infer<typeof sheetTextFormSchema>;

export const sheetFileFormSchema = z.object({
  title: requiredText(FILE_TITLE_MAX),
  sessionId: optionalSessionId,
  file: z
    .instanceof(File, { message: "sheet.validation.fileRequired" })
    .refine((file) => file.size > 0, "sheet.validation.fileRequired")
    .refine((file) => file.size <= MAX_SHEET_FILE_BYTES, "sheet.validation.fileSize"),
});
export type SheetFileForm = z.infer<typeof sheetFileFormSchema>;

export const sheetLinkFormSchema = z.object({
  title: requiredText(FILE_TITLE_MAX),
  sessionId: id,
  url: cleanText(
    z
      .string({ required_error: "validation.required" })
      .trim()
      .min(1, "validation.required")
      .max(2000, "validation.tooLong")
      .refine(isHttpLink, "sheet.validation.url"),
  ),
});
export type SheetLinkForm = z.infer<typeof sheetLinkFormSchema>;

export const sheetActionSchema = z.discriminatedUnion(
  "intent",
  [
    sheetTextFormSchema.extend({ intent: z.literal("text") }),
    sheetFileFormSchema.extend({ intent: z.literal("file") }),
    sheetLinkFormSchema.extend({ intent: z.literal("link") }),
    // Removing a file cannot be undone: sent from its confirmation step (?rimuovi=<fileId>) with confirm=yes.
    z.object({
      intent: z.literal("remove"),
      fileId: id,
      confirm: z.literal("yes", { errorMap: () => ({ message: "sheet.removeConfirmRequired" }) }),
    }),
  ],
  // A missing or unknown intent is refused on `intent` (the action answers 400 "bad request").
  { errorMap: () => ({ message: "validation.invalidChoice" }) },
);

export const trainerProfileFormSchema = z.object({
  trainerProfile: optionalText(TRAINER_PROFILE_MAX),
});
