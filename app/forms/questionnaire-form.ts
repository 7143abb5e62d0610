// The satisfaction questionnaire's form: one 1..5 score per question (all required) and an optional comment.
import { z } from "zod";
import { MAX_COMMENT_LENGTH, QUESTIONS, type QuestionId, type Score } from "~/domain/questionnaire.ts";

const score = z
  .string({ required_error: "questionnaire.validation.score" })
  .trim()
  .regex(/^[1-5]$/, "questionnaire.validation.score")
  .transform((v) => Number(v) as Score);

const shape = Object.fromEntries(QUESTIONS.map((q) => [q.id, score])) as Record<QuestionId, typeof score>;

export const questionnaireSchema = z.object({
  ...shape,
  comment: z
    .string()
    .trim()
    .max(MAX_COMMENT_LENGTH, "validation.tooLong")
    .optional()
    .transform((v) => (v ? v : null)),
});

export type QuestionnaireInput = z.infer<typeof questionnaireSchema>;
