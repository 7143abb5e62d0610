// The training plan's forms ("Il mio piano"): one Zod schema each, used by Conform in the browser
// and by the page's action. The certificate's real type is checked on the server by its first
// bytes (domain/training-plan.ts); here only its presence and size.
import { z } from "zod";
import { parseHoursToMinutes } from "~/domain/hours.ts";
import { isPlanSchoolYear, MAX_CERTIFICATE_BYTES, MAX_PLAN_MINUTES, schoolYearOf } from "~/domain/training-plan.ts";
import { EVENT_LEVELS, EVENT_MODES } from "~/domain/vocabulary.ts";
import { parseRomeDateTime } from "~/utils/dates.ts";
import { choice, requiredPrintedText } from "./fields.ts";

const hours = z
  .string({ required_error: "validation.required" })
  .trim()
  .transform((text, ctx) => {
    const minutes = parseHoursToMinutes(text);
    if (minutes === null || minutes <= 0 || minutes > MAX_PLAN_MINUTES) {
      ctx.addIssue({ code: "custom", message: "plan.validation.hours" });
      return z.NEVER;
    }
    return minutes;
  });

/** A day (<input type="date">, YYYY-MM-DD), as midnight in Europe/Rome. */
const day = z
  .string({ required_error: "validation.required" })
  .trim()
  .transform((text, ctx) => {
    const date = /^\d{4}-\d{2}-\d{2}$/.test(text) ? parseRomeDateTime(text) : null;
    // A training outside the school years the plan lists would be saved where no page shows it.
    if (!date || !isPlanSchoolYear(schoolYearOf(date))) {
      ctx.addIssue({ code: "custom", message: "plan.validation.date" });
      return z.NEVER;
    }
    return date;
  });

/** The external training's fields; externalTrainingSchema adds the dates' order (the page's union reuses both). */
export const externalTrainingFields = z.object({
  title: requiredPrintedText(200),
  organiser: requiredPrintedText(200),
  startsOn: day,
  endsOn: day,
  hours,
  level: choice(EVENT_LEVELS).optional(),
  mode: choice(EVENT_MODES).optional(),
  // An empty file input arrives as undefined (Conform), so the certificate stays optional.
  certificate: z
    .instanceof(File, { message: "plan.validation.certificateType" })
    .optional()
    .refine((file) => !file || file.size <= MAX_CERTIFICATE_BYTES, "plan.validation.certificateSize"),
});

export function checkExternalTraining(value: { startsOn: Date; endsOn: Date }, ctx: z.RefinementCtx) {
  if (value.endsOn < value.startsOn)
    ctx.addIssue({ code: "custom", path: ["endsOn"], message: "plan.validation.endBeforeStart" });
}

export const externalTrainingSchema = externalTrainingFields.superRefine(checkExternalTraining);

export type ExternalTrainingInput = z.infer<typeof externalTrainingSchema>;

/** The personal target, in hours; empty clears it. */
export const targetSchema = z.object({
  targetHours: z
    .string()
    .trim()
    .optional()
    .transform((text, ctx) => {
      if (!text) return null;
      const minutes = parseHoursToMinutes(text);
      if (minutes === null || minutes <= 0 || minutes > MAX_PLAN_MINUTES) {
        ctx.addIssue({ code: "custom", message: "plan.validation.hours" });
        return z.NEVER;
      }
      return minutes;
    }),
});

/** An unticked checkbox sends nothing: absent = false. */
export const preferencesSchema = z.object({
  emailReminders: z
    .boolean()
    .optional()
    .transform((v) => v === true),
});
