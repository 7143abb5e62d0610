// The satisfaction questionnaire of a closed edition. Anonymous by construction: who answered
// (QuestionnaireSubmission: edition, user) and what was answered (QuestionnaireResponse: edition,
// answers, day; random id) are two rows with no link between them, written in one transaction.
import { parseAnswers, QUESTION_IDS, questionnaireResultsOf, submissionDay } from "~/domain/questionnaire.ts";
import type { QuestionnaireInput } from "~/forms/questionnaire-form.ts";
import { isUniqueViolation } from "~/utils/account.server.ts";
import { toRomeDateValue } from "~/utils/dates.ts";
import { prisma } from "~/utils/db.server.ts";

/**
 * The edition the teacher may answer about: enrolled, the edition closed, and a valid certificate
 * (or completed, while it is being issued). null otherwise.
 */
export async function questionnaireEdition(userId: string, editionId: string) {
  const edition = await prisma.edition.findUnique({
    where: { id: editionId },
    select: {
      id: true,
      number: true,
      startsOn: true,
      endsOn: true,
      attendanceClosedAt: true,
      event: { select: { id: true, title: true, titleLanguage: true } },
      enrolments: { where: { userId, status: "iscritto" }, select: { id: true } },
      certificates: { where: { userId, activeKey: { not: null } }, select: { id: true } },
    },
  });
  if (!edition || !edition.attendanceClosedAt || edition.enrolments.length === 0) return null;
  if (edition.certificates.length === 0) return null;
  return { ...edition, certificateId: edition.certificates[0]!.id };
}

export async function hasAnswered(userId: string, editionId: string): Promise<boolean> {
  const row = await prisma.questionnaireSubmission.findUnique({
    where: { editionId_userId: { editionId, userId } },
    select: { userId: true },
  });
  return row !== null;
}

/** Stores the answers anonymously; "gia-risposto" when this teacher already answered (nothing stored). */
export async function submitQuestionnaire(
  userId: string,
  editionId: string,
  input: QuestionnaireInput,
  now: Date = new Date(),
): Promise<"registrato" | "gia-risposto"> {
  const answers = Object.fromEntries(QUESTION_IDS.map((id) => [id, input[id]]));
  try {
    await prisma.$transaction([
      prisma.questionnaireSubmission.create({ data: { editionId, userId, submittedAt: now } }),
      prisma.questionnaireResponse.create({
        data: {
          id: crypto.randomUUID(),
          editionId,
          answers: JSON.stringify(answers),
          comment: input.comment,
          submittedOn: submissionDay(toRomeDateValue(now)),
        },
      }),
    ]);
    return "registrato";
  } catch (error) {
    if (isUniqueViolation(error)) return "gia-risposto";
    throw error;
  }
}

/** The organiser's results page: which edition (number, event title) and its summary. */
export async function questionnaireResults(editionId: string) {
  const [edition, summary] = await Promise.all([
    prisma.edition.findUniqueOrThrow({
      where: { id: editionId },
      select: { id: true, number: true, event: { select: { title: true, titleLanguage: true } } },
    }),
    questionnaireSummary(editionId),
  ]);
  return { edition, summary };
}

/**
 * The organiser's summary: number of answers; average and distribution per question and comments once there are
 * enough answers not to show one person's (QUESTIONNAIRE_MIN_RESPONSES).
 */
export async function questionnaireSummary(editionId: string) {
  const rows = await prisma.questionnaireResponse.findMany({
    where: { editionId },
    orderBy: [{ submittedOn: "asc" }, { id: "asc" }],
    select: { answers: true, comment: true },
  });
  return questionnaireResultsOf(rows.map((r) => ({ answers: parseAnswers(r.answers), comment: r.comment })));
}
