// The satisfaction questionnaire of a closed edition. Anonymous by construction: who answered
// (QuestionnaireSubmission: edition, user) and what was answered (QuestionnaireResponse: edition,
// answers, day; random id) are two rows with no link between them, written in one transaction.
// Nor does the storage link them (ADR 0009, addendum of 07/12/2026): each answer is shuffled among the
// edition's rows (swapPartner), and on PostgreSQL every row of the edition is rewritten by that transaction.
import { randomInt } from "node:crypto";
import {
  parseAnswers,
  QUESTION_IDS,
  questionnaireResultsOf,
  QUESTIONNAIRE_REWRITE_ROWS,
  rewriteSample,
  submissionDay,
  swapPartner,
} from "~/domain/questionnaire.ts";
import type { QuestionnaireInput } from "~/forms/questionnaire-form.ts";
import { isUniqueViolation } from "~/utils/account.server.ts";
import { toRomeDateValue } from "~/utils/dates.ts";
import { Prisma } from "~/generated/prisma-sqlite/client.ts";
import { databaseEngine, prisma } from "~/utils/db.server.ts";

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

/** A uniform integer in [0, n), from node:crypto. */
const uniformDraw = (n: number) => randomInt(n);

/**
 * Stores the answers anonymously; "gia-risposto" when this teacher already answered (nothing stored).
 *
 * One transaction: the submission (who), then, under the edition's lock, the response (what) placed by one step of
 * an inside-out Fisher–Yates shuffle: the new answer goes to a row drawn uniformly among the edition's rows and the
 * new one (`draw`, injectable for tests), and that row's answer to the new row. So the order of the rows (SQLite's
 * rowid, PostgreSQL's heap) follows the order of the submissions but the answers in them do not. On PostgreSQL every
 * row carries the transaction that last wrote it (xmin), which a reader can match to the submission's: there the
 * swap and a rewrite of the edition's other rows are one statement, each row written once: all of them up to
 * `rewriteRows` (QUESTIONNAIRE_REWRITE_ROWS), so they all carry the last answer's transaction and no earlier one;
 * beyond it a uniform sample of that many (rewriteSample).
 */
export async function submitQuestionnaire(
  userId: string,
  editionId: string,
  input: QuestionnaireInput,
  now: Date = new Date(),
  shuffle: { draw?: (n: number) => number; rewriteRows?: number } = {},
): Promise<"registrato" | "gia-risposto"> {
  const { draw = uniformDraw, rewriteRows = QUESTIONNAIRE_REWRITE_ROWS } = shuffle;
  const content = {
    answers: JSON.stringify(Object.fromEntries(QUESTION_IDS.map((id) => [id, input[id]]))),
    comment: input.comment ?? null,
    submittedOn: submissionDay(toRomeDateValue(now)),
  };
  try {
    await prisma.$transaction(async (tx) => {
      // First: a second answer of the same teacher stops here (SQLite: BEGIN IMMEDIATE already holds the writer).
      await tx.questionnaireSubmission.create({ data: { editionId, userId, submittedAt: now } });
      // PostgreSQL: answers of one edition queue here, so each counts and draws among the rows as they now are and
      // no swap reads a row another is rewriting. NO KEY UPDATE leaves the references to the edition (FK checks) free.
      if (databaseEngine === "postgresql") {
        await tx.$executeRaw`SELECT 1 FROM "Edition" WHERE "id" = ${editionId} FOR NO KEY UPDATE`;
      }
      const existing = await tx.questionnaireResponse.count({ where: { editionId } });
      const k = swapPartner(existing, draw);
      const partner =
        k === null
          ? null
          : await tx.questionnaireResponse.findFirstOrThrow({
              where: { editionId },
              orderBy: { id: "asc" },
              skip: k,
              select: { id: true, answers: true, comment: true, submittedOn: true },
            });
      const id = crypto.randomUUID();
      if (databaseEngine === "postgresql") {
        const sample = rewriteSample(existing, k, draw, rewriteRows);
        await tx.questionnaireResponse.create({ data: { id, editionId, ...content } });
        // One statement: the new row and the partner exchange their contents, the other rows rewritten (all, or the
        // sample's: indices among the edition's earlier rows by id, as the partner's) are written as they are. Each
        // row gets one new version with this transaction's xmin, in the order of the scan.
        const swapWith = partner?.id ?? id;
        const rewritten =
          sample === "all"
            ? Prisma.sql`TRUE`
            : Prisma.sql`(r."id" IN (${id}, ${swapWith}) OR r."id" IN (
                SELECT n."id" FROM (
                  SELECT "id", row_number() OVER (ORDER BY "id") - 1 AS i
                    FROM "QuestionnaireResponse" WHERE "editionId" = ${editionId} AND "id" <> ${id}
                ) n WHERE n.i = ANY(string_to_array(${sample.join(",")}, ',')::bigint[])))`;
        await tx.$executeRaw`
          UPDATE "QuestionnaireResponse" AS r
             SET "answers" = s."answers", "comment" = s."comment", "submittedOn" = s."submittedOn"
            FROM "QuestionnaireResponse" AS s
           WHERE r."editionId" = ${editionId} AND s."editionId" = ${editionId} AND ${rewritten}
             AND s."id" = CASE r."id" WHEN ${swapWith} THEN ${id} WHEN ${id} THEN ${swapWith} ELSE r."id" END`;
      } else if (partner === null) {
        await tx.questionnaireResponse.create({ data: { id, editionId, ...content } });
      } else {
        const { id: partnerId, ...moved } = partner;
        await tx.questionnaireResponse.create({ data: { id, editionId, ...moved } });
        await tx.questionnaireResponse.update({ where: { id: partnerId }, data: content });
      }
    });
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
