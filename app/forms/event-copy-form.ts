// The copy page's forms, one discriminated union on "intent":
// - "copy" ("Copia come bozza"): the day the copy's first edition starts (<input type="date">, a
//   day in Europe/Rome) and, for a referent of several regions copying a national template, the region;
// - "template": the national unit marks or unmarks a national event as a template (checkbox: absent = false).
import { z } from "zod";
import { parseRomeDateTime } from "~/utils/dates.ts";
import { inFormYears } from "./fields.ts";

export const eventCopyFormSchema = z.object({
  intent: z.literal("copy"),
  startsOn: z
    .string({ required_error: "validation.required" })
    .trim()
    .transform((text, ctx) => {
      const date = /^\d{4}-\d{2}-\d{2}$/.test(text) ? parseRomeDateTime(text) : null;
      if (!date || !inFormYears(date)) {
        ctx.addIssue({ code: "custom", message: "events.copy.invalidDate" });
        return z.NEVER;
      }
      return date;
    }),
  regionCode: z.string().trim().max(64).optional(),
});

export const eventTemplateFormSchema = z.object({
  intent: z.literal("template"),
  isTemplate: z
    .boolean()
    .optional()
    .transform((v) => v === true),
});

export const eventCopyActionSchema = z.discriminatedUnion("intent", [eventCopyFormSchema, eventTemplateFormSchema]);
