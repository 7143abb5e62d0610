// The application forms: the teacher's application, and the organiser's admission switch,
// questions and criteria, scores, and selection. One Zod schema per form (Conform on the client,
// the action on the server); error messages are message keys from app/i18n/messages/applications.ts.
// The rules themselves live in app/domain/application.ts.
import { z } from "zod";
import {
  ADMISSION_MODES,
  ANSWER_MAX,
  checkScores,
  MOTIVATION_MAX,
  MOTIVATION_MIN,
  parseCriteria,
  parseQuestions,
  type Criterion,
  type LineError,
  type Question,
} from "~/domain/application.ts";
import { choice, optionalText, requiredText, wholeNumber } from "./fields.ts";

const id = z.string({ required_error: "validation.required" }).trim().min(1, "validation.required").max(64);

/** The answers to an edition's questions (applications and registration questions alike). */
export function answersSchema(questions: readonly Question[]) {
  const answers = Object.fromEntries(
    questions.map((q) => {
      if (q.kind === "scelta") {
        const options = choice(q.options as unknown as readonly [string, ...string[]]);
        return [q.id, q.optional ? options.optional() : options];
      }
      return [q.id, q.optional ? optionalText(ANSWER_MAX) : requiredText(ANSWER_MAX)];
    }),
  );
  return questions.length ? z.object(answers) : z.object({}).optional().default({});
}

/** Enrolling in a first-come edition that asks registration questions. */
export function registrationFormSchema(questions: readonly Question[]) {
  return z.object({ editionId: id, answers: answersSchema(questions) });
}

/** The teacher's application for one edition: its questions decide the answers' shape. */
export function applicationFormSchema(questions: readonly Question[]) {
  return z.object({
    editionId: id,
    motivation: z
      .string({ required_error: "validation.required" })
      .trim()
      .min(MOTIVATION_MIN, "applications.validation.motivationShort")
      .max(MOTIVATION_MAX, "applications.validation.motivationLong"),
    answers: answersSchema(questions),
  });
}

export const admissionFormSchema = z.object({ admission: choice(ADMISSION_MODES) });

/**
 * A line error travels as "message.key#line"; ApplicationSetupForm shows it with the line number.
 */
export function lineErrorMessage(error: LineError): string {
  return `applications.setup.error.${error.reason}#${error.line}`;
}

/** The questions and criteria as typed (one per line); applicationSetupFormSchema parses them. */
export const applicationSetupFields = z.object({
  questions: z.string().max(10_000, "validation.tooLong").optional().default(""),
  criteria: z.string().max(10_000, "validation.tooLong").optional().default(""),
});

/** Parses the typed questions and criteria; a line that does not parse is an issue on its field. */
export function parseApplicationSetup(value: z.infer<typeof applicationSetupFields>, ctx: z.RefinementCtx) {
  const questions = parseQuestions(value.questions);
  const criteria = parseCriteria(value.criteria);
  if (!questions.ok)
    for (const e of questions.errors)
      ctx.addIssue({ code: "custom", path: ["questions"], message: lineErrorMessage(e) });
  if (!criteria.ok)
    for (const e of criteria.errors) ctx.addIssue({ code: "custom", path: ["criteria"], message: lineErrorMessage(e) });
  if (!questions.ok || !criteria.ok) return z.NEVER;
  return { questions: questions.items, criteria: criteria.items };
}

export const applicationSetupFormSchema = applicationSetupFields.transform(parseApplicationSetup);

/** One applicant's scores as typed; checkApplicantScores checks them against the edition's criteria. */
export const scoreFields = z.object({
  enrolmentId: id,
  priority: z.boolean().optional().default(false),
  scores: z.record(z.string()).optional().default({}),
});

/** Every criterion, 0..max in half points (checkScores): an issue on "scores.<criterion>" for each wrong one. */
export function checkApplicantScores(
  criteria: readonly Criterion[],
  value: { scores: Record<string, string> },
  ctx: z.RefinementCtx,
) {
  const checked = checkScores(criteria, value.scores);
  if (checked.ok) return;
  for (const [criterionId, reason] of Object.entries(checked.errors)) {
    ctx.addIssue({ code: "custom", path: ["scores", criterionId], message: `applications.score.error.${reason}` });
  }
}

/** Scores of one applicant and the priority flag. */
export function scoreFormSchema(criteria: readonly Criterion[]) {
  return scoreFields.superRefine((value, ctx) => checkApplicantScores(criteria, value, ctx));
}

/**
 * "Seleziona le prime N" seats N applicants and emails each at once, which cannot be undone (a removal is told
 * as one): only from its second step (?seleziona=N), which says how many take a seat and how many of them
 * nobody has scored yet, and sends confirm=yes.
 */
export const selectTopFormSchema = z.object({
  count: wholeNumber(1, 100_000, "applications.select.error.nobody"),
  confirm: z.literal("yes", { errorMap: () => ({ message: "applications.selectTop.confirmRequired" }) }),
});

export const selectOneFormSchema = z.object({ enrolmentId: id });

/**
 * "Chiudi la selezione": keep the applicants not selected on a reserve list (an unticked checkbox sends nothing).
 * It cannot be undone and emails every applicant still under review: only from its second step
 * (?chiudi-selezione=1), which says with the numbers what will happen and sends confirm=yes.
 */
export const closeSelectionFormSchema = z.object({
  reserve: z
    .boolean()
    .optional()
    .transform((v) => v === true),
  confirm: z.literal("yes", { errorMap: () => ({ message: "applications.close.confirmRequired" }) }),
});
