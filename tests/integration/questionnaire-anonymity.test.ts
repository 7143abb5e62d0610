// The questionnaire's anonymity against whoever reads the tables (ADR 0009, addendum of 07/12/2026). Who answered
// (QuestionnaireSubmission) and what (QuestionnaireResponse) are written by one transaction; the storage must not
// pair them: not PostgreSQL's xmin (the writing transaction, shared by both rows), not the order of the rows
// (SQLite's rowid, the heap), which follows the order of the submissions. Each answer is swapped into a row drawn
// among the edition's (inside-out Fisher–Yates), and on PostgreSQL every row of the edition is rewritten with it.
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { QUESTION_IDS, submissionDay } from "../../app/domain/questionnaire.ts";
import { questionnaireSchema } from "../../app/forms/questionnaire-form.ts";
import { questionnaireResults, submitQuestionnaire } from "../../app/models/questionnaire.server.ts";
import { toRomeDateValue } from "../../app/utils/dates.ts";
import { databaseEngine, prisma } from "../../app/utils/db.server.ts";
import { createOpenEdition, createTeachers } from "../support/factories.ts";

afterAll(async () => {
  await prisma.$disconnect();
});

const MINUTE = 60_000;
/** 23:20 in Rome on 1 December: from the fifth answer on (ten minutes apart), the next day's. */
const FIRST_AT = new Date("2026-12-01T22:20:00Z").getTime();

/** The i-th teacher's answers: every score i % 5 + 1, a comment naming i (none for the fourth). */
const input = (i: number) =>
  questionnaireSchema.parse({
    pertinenza: String((i % 5) + 1),
    chiarezza: String((i % 5) + 1),
    materiali: String(((i + 2) % 5) + 1),
    organizzazione: String((i % 5) + 1),
    formatore: String(((i + 1) % 5) + 1),
    complessivo: String((i % 5) + 1),
    comment: i === 3 ? undefined : `Risposta numero ${i}`,
  });

/** What a row holds, as a comparable string: the answers, the comment, the day. */
type Row = { id: string; answers: string; comment: string | null; submittedOn: Date };
const contents = (r: Omit<Row, "id">) => `${r.answers}|${r.comment ?? ""}|${r.submittedOn.toISOString().slice(0, 10)}`;

/** The rows of the edition in the order the writer draws among (their ids). */
const rowsById = (editionId: string): Promise<Row[]> =>
  prisma.questionnaireResponse.findMany({
    where: { editionId },
    orderBy: { id: "asc" },
    select: { id: true, answers: true, comment: true, submittedOn: true },
  });

/** SQLite: the rows' contents in the order they were inserted (rowid). */
async function contentsByRowid(editionId: string): Promise<string[]> {
  const rows = await prisma.$queryRawUnsafe<Row[]>(
    `SELECT "answers", "comment", "submittedOn" FROM "QuestionnaireResponse" WHERE "editionId" = ? ORDER BY rowid`,
    editionId,
  );
  return rows.map((r) => contents({ ...r, submittedOn: new Date(r.submittedOn) }));
}

/** An edition and `count` teachers; answers are submitted in their order, ten minutes apart. */
async function answeringEdition(count: number) {
  const { edition } = await createOpenEdition();
  const teachers = await createTeachers(count);
  const submit = (i: number, draw?: (n: number) => number, rewriteRows?: number) =>
    submitQuestionnaire(teachers[i]!.id, edition.id, input(i), new Date(FIRST_AT + i * 10 * MINUTE), {
      draw,
      rewriteRows,
    });
  return { edition, teachers, submit };
}

/** What answer i stores: its answers as the writer serialises them, its comment, its Rome day. */
const expectedContents = (i: number) =>
  contents({
    answers: JSON.stringify(Object.fromEntries(QUESTION_IDS.map((id) => [id, input(i)[id]]))),
    comment: input(i).comment ?? null,
    submittedOn: submissionDay(toRomeDateValue(new Date(FIRST_AT + i * 10 * MINUTE))),
  });

describe("the questionnaire's storage does not pair an answer with its author", () => {
  it("(b) puts each new answer in the row its draw chose, and that row's answer in the new row", async () => {
    const { edition, submit } = await answeringEdition(6);
    // The draw for the i-th answer (i rows already there): an index among them by id, or i for the new row itself.
    const draws = [0, 0, 2, 1, 0, 3];
    for (const [i, k] of draws.entries()) {
      const before = await rowsById(edition.id);
      expect(before).toHaveLength(i);
      let asked: number | undefined;
      expect(await submit(i, (n) => ((asked = n), k))).toBe("registrato");
      const after = await rowsById(edition.id);
      const newRow = after.find((r) => !before.some((b) => b.id === r.id))!;
      const mine = expectedContents(i);
      if (k === i) {
        expect(contents(newRow)).toBe(mine);
      } else {
        const chosen = before[k]!;
        expect(contents(after.find((r) => r.id === chosen.id)!)).toBe(mine);
        expect(contents(newRow)).toBe(contents(chosen));
      }
      // Nothing lost, nothing doubled: the other rows keep their contents.
      for (const b of before.filter((r) => r.id !== before[k]?.id)) {
        expect(contents(after.find((r) => r.id === b.id)!)).toBe(contents(b));
      }
      expect(asked).toBe(i + 1);
    }
  });

  it("(a) leaves no mark of the writing transaction or of the order of the answers on the rows", async () => {
    const { edition, teachers, submit } = await answeringEdition(6);
    // Each new answer swapped with the edition's first row by id: never left in its own (the newest) row.
    for (const i of teachers.keys()) expect(await submit(i, () => 0)).toBe("registrato");
    const inOrder = teachers.map((_, i) => expectedContents(i));
    expect((await rowsById(edition.id)).map(contents).sort()).toEqual([...inOrder].sort());
    if (databaseEngine === "sqlite") {
      // The n-th row by rowid is the n-th submission's row, but no longer holds the n-th answer: the newest row holds
      // what was in the row the last draw chose.
      const stored = await contentsByRowid(edition.id);
      expect(stored.at(-1)).not.toBe(inOrder.at(-1));
      expect(stored).not.toEqual(inOrder);
    }
    if (databaseEngine === "postgresql") {
      const submissions = await prisma.$queryRawUnsafe<{ userId: string; xmin: string }[]>(
        `SELECT "userId", xmin::text AS xmin FROM "QuestionnaireSubmission" WHERE "editionId" = $1 ORDER BY "submittedAt"`,
        edition.id,
      );
      expect(submissions.map((s) => s.userId)).toEqual(teachers.map((t) => t.id));
      const responses = await prisma.$queryRawUnsafe<{ xmin: string }[]>(
        `SELECT xmin::text AS xmin FROM "QuestionnaireResponse" WHERE "editionId" = $1`,
        edition.id,
      );
      expect(responses).toHaveLength(6);
      const last = submissions.at(-1)!.xmin;
      // Every row carries the last answer's transaction, so none pairs with an earlier submission…
      expect(new Set(responses.map((r) => r.xmin))).toEqual(new Set([last]));
      for (const s of submissions.slice(0, -1)) expect(responses.some((r) => r.xmin === s.xmin)).toBe(false);
      // …and the join the reviewer wrote pairs the last teacher with all six rows, not with one.
      const joined = await prisma.$queryRawUnsafe<{ userId: string }[]>(
        `SELECT s."userId" FROM "QuestionnaireSubmission" s JOIN "QuestionnaireResponse" r ON s.xmin = r.xmin
          WHERE s."editionId" = $1 AND r."editionId" = $1`,
        edition.id,
      );
      expect(joined.map((j) => j.userId)).toEqual(Array(6).fill(teachers.at(-1)!.id));
    }
  });

  it("(c) keeps the results page's figures: the same as with every answer left in its own row", async () => {
    const unshuffled = await answeringEdition(8);
    const shuffled = await answeringEdition(8);
    for (let i = 0; i < 7; i++) {
      expect(await unshuffled.submit(i, (n) => n - 1)).toBe("registrato");
      expect(await shuffled.submit(i, (n) => Math.floor(n / 2))).toBe("registrato");
    }
    // The shuffled edition's rows really moved: its last answer is in the row its draw chose (the fifth by id), the
    // new row holds that row's answer.
    const before = await rowsById(shuffled.edition.id);
    expect(await unshuffled.submit(7, (n) => n - 1)).toBe("registrato");
    expect(await shuffled.submit(7, (n) => Math.floor(n / 2))).toBe("registrato");
    const after = await rowsById(shuffled.edition.id);
    const newRow = after.find((r) => !before.some((b) => b.id === r.id))!;
    expect(contents(newRow)).not.toBe(expectedContents(7));
    expect(contents(after.find((r) => r.id === before[4]!.id)!)).toBe(expectedContents(7));
    // …and the organiser's figures are the same, and as expected from the eight answers.
    const plain = (await questionnaireResults(unshuffled.edition.id)).summary;
    const results = (await questionnaireResults(shuffled.edition.id)).summary;
    if (plain.withheld || results.withheld) throw new Error("eight answers are above the threshold");
    expect({ ...results, comments: [...results.comments].sort() }).toEqual({
      ...plain,
      comments: [...plain.comments].sort(),
    });
    expect(results.responses).toBe(8);
    expect(results.questions.find((q) => q.id === "complessivo")).toMatchObject({
      answers: 8,
      average: 2.63,
      distribution: [2, 2, 2, 1, 1],
    });
    expect([...results.comments].sort()).toEqual([0, 1, 2, 4, 5, 6, 7].map((i) => `Risposta numero ${i}`));
  });

  it("(a) beyond QUESTIONNAIRE_REWRITE_ROWS rows, rewrites that many besides the new row, the newest answer among them", async () => {
    const { edition, teachers, submit } = await answeringEdition(8);
    for (const i of teachers.keys()) expect(await submit(i, undefined, 3)).toBe("registrato");
    expect((await rowsById(edition.id)).map(contents).sort()).toEqual(
      teachers.map((_, i) => expectedContents(i)).sort(),
    );
    if (databaseEngine === "postgresql") {
      const [last] = await prisma.$queryRawUnsafe<{ xmin: string }[]>(
        `SELECT xmin::text AS xmin FROM "QuestionnaireSubmission" WHERE "editionId" = $1 ORDER BY "submittedAt" DESC LIMIT 1`,
        edition.id,
      );
      const rows = await prisma.$queryRawUnsafe<(Row & { xmin: string })[]>(
        `SELECT "answers", "comment", "submittedOn", xmin::text AS xmin FROM "QuestionnaireResponse" WHERE "editionId" = $1`,
        edition.id,
      );
      const marked = rows.filter((r) => r.xmin === last!.xmin);
      expect(marked).toHaveLength(4);
      expect(marked.map((r) => contents({ ...r, submittedOn: new Date(r.submittedOn) }))).toContain(
        expectedContents(7),
      );
    }
  });

  it("keeps every answer once when teachers answer at the same time (the draws of one edition queue)", async () => {
    const { edition, teachers, submit } = await answeringEdition(10);
    const outcomes = await Promise.all(teachers.map((_, i) => submit(i)));
    expect(outcomes).toEqual(Array(10).fill("registrato"));
    const inOrder = teachers.map((_, i) => expectedContents(i));
    expect((await rowsById(edition.id)).map(contents).sort()).toEqual([...inOrder].sort());
    if (databaseEngine === "postgresql") {
      const xmins = await prisma.$queryRawUnsafe<{ xmin: string }[]>(
        `SELECT xmin::text AS xmin FROM "QuestionnaireResponse" WHERE "editionId" = $1`,
        edition.id,
      );
      const submissions = await prisma.$queryRawUnsafe<{ xmin: string }[]>(
        `SELECT xmin::text AS xmin FROM "QuestionnaireSubmission" WHERE "editionId" = $1`,
        edition.id,
      );
      // One transaction, the last to commit, wrote every row; it is one of the ten submissions.
      expect(new Set(xmins.map((x) => x.xmin)).size).toBe(1);
      expect(submissions.map((s) => s.xmin)).toContain(xmins[0]!.xmin);
    }
  });
});

describe("answers stored before the shuffle on insert (migration 20261208120000_questionnaire_answers_reshuffled)", () => {
  const migration = path.resolve(
    import.meta.dirname,
    databaseEngine === "postgresql" ? "../../prisma/postgresql/migrations" : "../../prisma/migrations",
    "20261208120000_questionnaire_answers_reshuffled/migration.sql",
  );

  it("deals every edition's answers again among its own rows, ids and editions kept, one transaction's mark on all", async () => {
    // As the writer before the shuffle stored them: each answer in the row of its turn.
    const editions = [(await createOpenEdition()).edition.id, (await createOpenEdition()).edition.id];
    const stored = new Map<string, string[]>();
    for (const editionId of editions) {
      const inOrder: string[] = [];
      for (let i = 0; i < 12; i++) {
        const id = crypto.randomUUID();
        const { comment, ...scores } = input(i);
        await prisma.questionnaireResponse.create({
          data: {
            id,
            editionId,
            answers: JSON.stringify(Object.fromEntries(QUESTION_IDS.map((q) => [q, scores[q]]))),
            comment: comment ?? null,
            submittedOn: submissionDay(toRomeDateValue(new Date(FIRST_AT + i * 10 * MINUTE))),
          },
        });
        inOrder.push(`${id} ${i}`);
      }
      stored.set(editionId, inOrder);
    }
    const before = new Map(await Promise.all(editions.map(async (e) => [e, await rowsById(e)] as const)));

    await prisma.$executeRawUnsafe(fs.readFileSync(migration, "utf8"));

    for (const editionId of editions) {
      const was = before.get(editionId)!;
      const now = await rowsById(editionId);
      // The same rows (ids), the same answers among them: only which row holds which answer changed.
      expect(now.map((r) => r.id)).toEqual(was.map((r) => r.id));
      expect(now.map(contents).sort()).toEqual(was.map(contents).sort());
      // 12 answers left each in its own row by chance: 1 in 12! (479,001,600).
      expect(now.map(contents)).not.toEqual(was.map(contents));
      if (databaseEngine === "postgresql") {
        const marks = await prisma.$queryRawUnsafe<{ xmin: string }[]>(
          `SELECT DISTINCT xmin::text AS xmin FROM "QuestionnaireResponse" WHERE "editionId" = $1`,
          editionId,
        );
        expect(marks).toHaveLength(1);
      }
    }
    expect(stored.size).toBe(2);
  });
});
