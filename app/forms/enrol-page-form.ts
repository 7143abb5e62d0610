// Every button of the enrol page (/eventi/:id/iscrizione) as ONE Zod discriminated union on
// `intent`, so the action reads no field by hand: send the confirmation link again, enrol in a
// first-come edition (with the answers to its registration questions, if it asks any), apply for
// an edition by selection.
//
// Enrolling is the hot path of the enrolment burst: its member reads nothing from the database.
// Its answers are checked by enrol() against the questions it reads with the edition anyway
// (app/models/enrolment.server.ts); a refusal comes back on the answers' fields (answerFieldErrors).
// An application is checked against its own edition's questions, which the union asks for
// (`applicationEdition`) only when the form is an application: parse with Conform's
// `parseWithZod(form, { schema, async: true })`. A form without intent enrols (the first-come forms
// of old pages and clients that post `editionId` alone); an unknown intent is refused on `intent`.
import { parseWithZod, unstable_coerceFormValue as coerceFormValue } from "@conform-to/zod";
import { z } from "zod";
import type { AnswerError, Question } from "~/domain/application.ts";
import { applicationFormSchema } from "./application-forms.ts";

/** The answers as posted ("answers.<questionId>"), for enrol() to check; anything else is no answers. */
const postedAnswers = z
  .unknown()
  .transform((value) =>
    value !== null && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined,
  );

const members = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("resend-confirmation") }),
    z.object({
      intent: z.literal("enrol"),
      // An unknown or empty edition is enrol()'s "not-found" (404), as it always was.
      editionId: z
        .string()
        .optional()
        .transform((id) => id ?? ""),
      answers: postedAnswers,
    }),
    // Its fields depend on the edition's questions: checked below by the application form's own schema.
    z.object({ intent: z.literal("apply") }).passthrough(),
  ],
  { errorMap: () => ({ message: "validation.invalidChoice" }) },
);

/** No intent (or an empty one) is the first-come form's: enrol. */
function enrolByDefault(value: unknown) {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
  const intent = (value as { intent?: unknown }).intent;
  return intent === undefined || intent === "" ? { ...value, intent: "enrol" } : value;
}

/**
 * The union with Conform's form-value coercion applied once, when the module loads: coercing
 * rebuilds the schema, about 0.4 ms of CPU per request on the enrolment burst's hot path if left to
 * parseWithZod. Parse with `disableAutoCoercion: true`.
 */
const coercedMembers = coerceFormValue(z.preprocess(enrolByDefault, members));

/**
 * The enrol page's union, already coerced (parse with `{ async: true, disableAutoCoercion: true }`).
 * `applicationEdition` finds the edition applied for among the event's (null when it is not one of
 * them: the action answers 404); it is called for an application only.
 */
export function enrolPageActionSchema<E extends { questions: readonly Question[] }>(
  applicationEdition: (editionId: string) => E | null | Promise<E | null>,
) {
  return coercedMembers.transform(async (value, ctx) => {
    if (value.intent !== "apply") return value;
    const editionId = typeof value.editionId === "string" ? value.editionId : "";
    const edition = await applicationEdition(editionId);
    if (!edition) return { intent: value.intent, editionId, edition: null };
    // The application form's schema, coerced as Conform coerces the union: the same errors as its form.
    const parsed = await coerceFormValue(applicationFormSchema(edition.questions)).safeParseAsync(value);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) ctx.addIssue(issue as z.IssueData);
      return z.NEVER;
    }
    return { intent: value.intent, edition, ...parsed.data };
  });
}

export type EnrolPageAction = z.output<ReturnType<typeof enrolPageActionSchema>>;

/** The action's one parse of the enrol page's form (the union is coerced already: see coercedMembers). */
export function parseEnrolPageForm<E extends { questions: readonly Question[] }>(
  form: FormData,
  applicationEdition: (editionId: string) => E | null | Promise<E | null>,
) {
  return parseWithZod(form, {
    schema: enrolPageActionSchema(applicationEdition),
    async: true,
    disableAutoCoercion: true,
  });
}

const ANSWER_ERROR_MESSAGES: Record<AnswerError, string> = {
  required: "validation.required",
  "too-long": "validation.tooLong",
  "invalid-choice": "validation.invalidChoice",
};

/** enrol()'s refusal of the answers, as the registration form's field errors ("answers.<questionId>"). */
export function answerFieldErrors(errors: Readonly<Record<string, AnswerError>>): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(errors).map(([questionId, error]) => [`answers.${questionId}`, [ANSWER_ERROR_MESSAGES[error]]]),
  );
}
