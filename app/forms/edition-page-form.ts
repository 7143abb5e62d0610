// Every button of the organiser's edition page (/gestione/edizioni/:id) as ONE Zod discriminated
// union on `intent`, so the action reads no field by hand: participants (remove), seats (cap,
// settings, quotas), the edition's status (close, cancel) and the application forms (admission,
// questions and criteria, scores, selection, closing the selection). The member schemas are the
// forms' own (edition-forms.ts, edition-settings-form.ts, application-forms.ts); the scores are
// checked against the edition's criteria, hence a function of them. The criteria are asked for only
// when the form is the score form (the union's own async step, after `intent` is known), so the
// action neither reads `intent` ahead of the parse nor reads the criteria for the other buttons:
// parse with Conform's `parseWithZod(form, { schema, async: true })`.
import { z } from "zod";
import type { Criterion } from "~/domain/application.ts";
import {
  admissionFormSchema,
  applicationSetupFields,
  checkApplicantScores,
  closeSelectionFormSchema,
  parseApplicationSetup,
  scoreFields,
  selectOneFormSchema,
  selectTopFormSchema,
} from "./application-forms.ts";
import { quotaFormSchema, seatCapFormSchema } from "./edition-forms.ts";
import { editionSettingsFormSchema } from "./edition-settings-form.ts";
import { cancellationReasonSchema } from "./event-form.ts";

export const MAX_REASON_LENGTH = 500;

const id = z.string({ required_error: "validation.required" }).trim().min(1, "validation.required").max(64);

/** The reason a participant is told: at most 500 characters, refused beyond (never cut unseen). */
const reason = z
  .string({ required_error: "organiserEdition.error.reasonRequired" })
  .trim()
  .min(1, "organiserEdition.error.reasonRequired")
  .max(MAX_REASON_LENGTH, "validation.tooLong");

export const EDITION_PAGE_INTENTS = [
  "remove",
  "seat-cap",
  "promotion",
  "add-quota",
  "release-quota",
  "close",
  "cancel",
  "admission",
  "application-setup",
  "score",
  "select-top",
  "select-one",
  "close-selection",
  "move",
] as const;
export type EditionPageIntent = (typeof EDITION_PAGE_INTENTS)[number];

/** The edition's selection criteria, read when a score form is parsed (and only then). */
export type CriteriaSource = () => readonly Criterion[] | Promise<readonly Criterion[]>;

export function editionPageActionSchema(criteriaOf: CriteriaSource) {
  return z
    .discriminatedUnion("intent", [
      z.object({ intent: z.literal("remove"), enrolmentId: id, reason }),
      seatCapFormSchema.extend({ intent: z.literal("seat-cap") }),
      editionSettingsFormSchema.extend({ intent: z.literal("promotion") }),
      quotaFormSchema.extend({ intent: z.literal("add-quota") }),
      // Releasing a quota cannot be undone: a second step (?rilascia=<quotaId>) sends the confirmation.
      z.object({
        intent: z.literal("release-quota"),
        quotaId: id,
        confirm: z.literal("yes", { errorMap: () => ({ message: "quotas.releaseStep.confirmRequired" }) }),
      }),
      // Closing enrolment cannot be undone: a second step (?chiudi=1) sends the confirmation.
      z.object({
        intent: z.literal("close"),
        confirm: z.literal("yes", { errorMap: () => ({ message: "organiserEdition.close.confirmRequired" }) }),
      }),
      // Cancelling is a second step (?annulla=1): a reason for the participants and a confirmation.
      z.object({
        intent: z.literal("cancel"),
        reason: cancellationReasonSchema,
        confirm: z.literal("yes", { errorMap: () => ({ message: "cancellation.confirmRequired" }) }),
      }),
      admissionFormSchema.extend({ intent: z.literal("admission") }),
      applicationSetupFields.extend({ intent: z.literal("application-setup") }),
      scoreFields.extend({ intent: z.literal("score") }),
      selectTopFormSchema.extend({ intent: z.literal("select-top") }),
      selectOneFormSchema.extend({ intent: z.literal("select-one") }),
      closeSelectionFormSchema.extend({ intent: z.literal("close-selection") }),
      // Moving a participant to another edition of the event (the second step, ?sposta=<id>).
      z.object({
        intent: z.literal("move"),
        enrolmentId: id,
        targetEditionId: z.string({ required_error: "participants.move.error.target" }).trim().min(1).max(64),
        waitlist: z
          .literal("on")
          .optional()
          .transform((v) => v === "on"),
        reason: z
          .string()
          .trim()
          .max(MAX_REASON_LENGTH, "validation.tooLong")
          .optional()
          .transform((text) => text || null),
        confirm: z.literal("yes", { errorMap: () => ({ message: "participants.move.error.confirm" }) }),
      }),
    ])
    .transform(async (value, ctx) => {
      if (value.intent === "application-setup") {
        const setup = parseApplicationSetup(value, ctx);
        return setup === z.NEVER ? z.NEVER : { intent: value.intent, ...setup };
      }
      if (value.intent === "score") checkApplicantScores(await criteriaOf(), value, ctx);
      return value;
    });
}
export type EditionPageAction = z.output<ReturnType<typeof editionPageActionSchema>>;
