// The satisfaction questionnaire a teacher answers before downloading the certificate (as SOFIA
// requires), and the organiser's summary of the answers. Pure rules: no HTTP, no Prisma.
// Answers are anonymous: a response carries the edition, the answers and the day, never the person.
import { SMALL_GROUP_THRESHOLD } from "./dashboard.ts";

export const QUESTIONS = [
  {
    id: "pertinenza",
    it: "Gli argomenti sono stati pertinenti ai miei bisogni professionali",
    en: "The topics were relevant to my professional needs",
  },
  { id: "chiarezza", it: "I contenuti sono stati presentati con chiarezza", en: "The content was presented clearly" },
  { id: "materiali", it: "I materiali didattici sono stati utili", en: "The learning materials were useful" },
  {
    id: "organizzazione",
    it: "L'organizzazione (tempi, piattaforma, comunicazioni) è stata adeguata",
    en: "The organisation (timing, platform, communication) was adequate",
  },
  {
    id: "formatore",
    it: "La formazione è stata tenuta con competenza e disponibilità",
    en: "The trainer was competent and helpful",
  },
  {
    id: "complessivo",
    it: "Nel complesso l'iniziativa ha soddisfatto le mie aspettative",
    en: "Overall I am satisfied with the event",
  },
] as const;

export type QuestionId = (typeof QUESTIONS)[number]["id"];
export const QUESTION_IDS = QUESTIONS.map((q) => q.id) as unknown as readonly [QuestionId, ...QuestionId[]];

/** The Likert scale, 1 = not at all, 5 = completely. */
export const SCALE = [1, 2, 3, 4, 5] as const;
export type Score = (typeof SCALE)[number];
export const SCALE_LABELS: Record<Score, { it: string; en: string }> = {
  1: { it: "Per niente", en: "Not at all" },
  2: { it: "Poco", en: "A little" },
  3: { it: "Abbastanza", en: "Somewhat" },
  4: { it: "Molto", en: "Much" },
  5: { it: "Moltissimo", en: "Very much" },
};

export const MAX_COMMENT_LENGTH = 2000;

export type Answers = Record<QuestionId, Score>;

/** Reads stored answers (JSON) defensively: anything not a 1..5 score for a known question is dropped. */
export function parseAnswers(json: string): Partial<Answers> {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return {};
  }
  if (!raw || typeof raw !== "object") return {};
  const out: Partial<Answers> = {};
  for (const id of QUESTION_IDS) {
    const v = (raw as Record<string, unknown>)[id];
    if (typeof v === "number" && (SCALE as readonly number[]).includes(v)) out[id] = v as Score;
  }
  return out;
}

export type QuestionSummary = {
  id: QuestionId;
  answers: number;
  /** null when nobody answered it. */
  average: number | null;
  /** How many gave 1, 2, 3, 4, 5 (index 0 = score 1). */
  distribution: [number, number, number, number, number];
};

export type QuestionnaireSummary = { responses: number; questions: QuestionSummary[]; comments: string[] };

/** Averages (two decimals), distributions and the non-empty comments of an edition's responses. */
export function summarise(
  responses: readonly { answers: Partial<Answers>; comment: string | null }[],
): QuestionnaireSummary {
  const questions = QUESTIONS.map((q) => {
    const distribution: [number, number, number, number, number] = [0, 0, 0, 0, 0];
    let sum = 0;
    let count = 0;
    for (const r of responses) {
      const score = r.answers[q.id];
      if (score === undefined) continue;
      distribution[score - 1]! += 1;
      sum += score;
      count += 1;
    }
    return { id: q.id, answers: count, average: count ? Math.round((sum / count) * 100) / 100 : null, distribution };
  });
  const comments = responses.map((r) => r.comment?.trim() ?? "").filter((c) => c.length > 0);
  return { responses: responses.length, questions, comments };
}

/**
 * Fewer answers than this and the organiser sees only their number: with one answer the averages, the
 * distribution and the comment are that person's, and the organiser knows who holds the certificates (the
 * questionnaire comes before the download). The dashboard's small-group threshold (ADR 0018), for the same reason.
 */
export const QUESTIONNAIRE_MIN_RESPONSES = SMALL_GROUP_THRESHOLD;

/** What the organiser may see of an edition's answers: their number always, the rest from the threshold on. */
export type QuestionnaireResults = { responses: number; withheld: true } | ({ withheld: false } & QuestionnaireSummary);

export function questionnaireResultsOf(
  responses: readonly { answers: Partial<Answers>; comment: string | null }[],
): QuestionnaireResults {
  if (responses.length < QUESTIONNAIRE_MIN_RESPONSES) return { responses: responses.length, withheld: true };
  return { withheld: false, ...summarise(responses) };
}

/** The day of submission without the time (midnight UTC of the Rome calendar day), so it cannot be matched to a login. */
export function submissionDay(romeDate: string): Date {
  return new Date(`${romeDate}T00:00:00.000Z`);
}

/**
 * One step of an inside-out Fisher–Yates shuffle of an edition's answers over its rows (ADR 0009, addendum of
 * 07/12/2026): the new answer goes to a row drawn uniformly among the edition's `existing` rows and the new one, and
 * that row's answer moves to the new row. Which row holds which answer is then a uniformly random permutation, so a
 * row's place (SQLite's rowid, PostgreSQL's heap order) says nothing about its author. `draw(n)` is a uniform integer
 * in [0, n) (node:crypto's randomInt in production). The index of the existing row to swap with, in the order the
 * caller lists them, or null when the draw falls on the new row itself.
 */
export function swapPartner(existing: number, draw: (n: number) => number): number | null {
  const k = draw(existing + 1);
  if (!Number.isInteger(k) || k < 0 || k > existing) throw new RangeError(`draw(${existing + 1}) gave ${k}`);
  return k === existing ? null : k;
}

/**
 * PostgreSQL marks each row with the transaction that last wrote it (xmin), and the submission carries the same one:
 * so an answer's transaction rewrites, besides the new row and its swap partner, other rows of the edition, all in one
 * statement. Up to this many rows of the edition, all of them (every row then carries the last answer's transaction
 * and nothing else); beyond it, a uniform sample making this many rows besides the new one. K is the smallest set of
 * rows a reader of xmin can narrow an answer down to: the rows written with it, among which its row was drawn
 * uniformly, later rewrites only blurring that further. It bounds the work of an answer (about 10 µs a row) and of
 * an edition (answers × K row versions instead of answers² / 2).
 */
export const QUESTIONNAIRE_REWRITE_ROWS = 1000;

/**
 * Which of the `existing` rows (indices in the order the caller lists them) an answer rewrites besides the new row
 * and its swap `partner`: "all" up to `rows` rows, otherwise a uniform sample so that `rows` existing rows are
 * written in all (the partner included). Floyd's algorithm: `rows` draws, whatever the edition's size.
 */
export function rewriteSample(
  existing: number,
  partner: number | null,
  draw: (n: number) => number,
  rows: number = QUESTIONNAIRE_REWRITE_ROWS,
): "all" | number[] {
  if (existing <= rows) return "all";
  // Sample among the rows other than the partner, numbered 0..pool-1, then map back around the partner.
  const pool = partner === null ? existing : existing - 1;
  const wanted = partner === null ? rows : rows - 1;
  const picked = new Set<number>();
  for (let j = pool - wanted; j < pool; j++) {
    const t = draw(j + 1);
    if (!Number.isInteger(t) || t < 0 || t > j) throw new RangeError(`draw(${j + 1}) gave ${t}`);
    picked.add(picked.has(t) ? j : t);
  }
  return [...picked].map((i) => (partner !== null && i >= partner ? i + 1 : i)).sort((a, b) => a - b);
}
