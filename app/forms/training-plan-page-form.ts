// Every button of "Il mio piano" as ONE Zod discriminated union on `intent`, so the action reads no
// field by hand: the personal target, the reminder preference, adding an external training (with
// its certificate: the page's form is multipart) and deleting one (confirmed in a second step). The member schemas are the
// forms' own (training-plan-forms.ts).
import { z } from "zod";
import {
  checkExternalTraining,
  externalTrainingFields,
  preferencesSchema,
  targetSchema,
} from "./training-plan-forms.ts";

export const trainingPlanActionSchema = z
  .discriminatedUnion("intent", [
    targetSchema.extend({ intent: z.literal("target") }),
    preferencesSchema.extend({ intent: z.literal("preferences") }),
    externalTrainingFields.extend({ intent: z.literal("external-add") }),
    // An unknown or missing id is "not found" (404). Deleting removes the row and its certificate file
    // for good: only from the page's second step (?elimina=<id>), which sends confirm=yes.
    z.object({
      intent: z.literal("external-delete"),
      trainingId: z.string().optional(),
      confirm: z.literal("yes", { errorMap: () => ({ message: "plan.error.bad-request" }) }),
    }),
  ])
  .superRefine((value, ctx) => {
    if (value.intent === "external-add") checkExternalTraining(value, ctx);
  });

export type TrainingPlanAction = z.output<typeof trainingPlanActionSchema>;
