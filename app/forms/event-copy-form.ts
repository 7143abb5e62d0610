// "Copia come bozza": the day the copy's first edition starts (<input type="date">, a day in Europe/Rome).
import { z } from "zod";
import { parseRomeDateTime } from "~/utils/dates.ts";

export const eventCopyFormSchema = z.object({
  startsOn: z
    .string({ required_error: "validation.required" })
    .trim()
    .transform((text, ctx) => {
      const date = /^\d{4}-\d{2}-\d{2}$/.test(text) ? parseRomeDateTime(text) : null;
      if (!date || date.getUTCFullYear() < 2000 || date.getUTCFullYear() > 2100) {
        ctx.addIssue({ code: "custom", message: "events.copy.invalidDate" });
        return z.NEVER;
      }
      return date;
    }),
});
