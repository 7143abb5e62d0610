import { describe, expect, it } from "vitest";
import { questionnaireSchema } from "~/forms/questionnaire-form.ts";
import {
  parseAnswers,
  QUESTION_IDS,
  QUESTIONNAIRE_MIN_RESPONSES,
  QUESTIONS,
  questionnaireResultsOf,
  submissionDay,
  summarise,
} from "./questionnaire.ts";

const all = (score: string) => Object.fromEntries(QUESTION_IDS.map((id) => [id, score]));

describe("questionnaire form", () => {
  it("has the six Likert questions", () => {
    expect(QUESTIONS.map((q) => q.id)).toEqual([
      "pertinenza",
      "chiarezza",
      "materiali",
      "organizzazione",
      "formatore",
      "complessivo",
    ]);
  });

  it("accepts a score 1..5 for each question and an optional comment", () => {
    const parsed = questionnaireSchema.safeParse({ ...all("4"), comment: "  Molto utile  " });
    expect(parsed.success).toBe(true);
    if (parsed.success) {
      expect(parsed.data.pertinenza).toBe(4);
      expect(parsed.data.comment).toBe("Molto utile");
    }
    const noComment = questionnaireSchema.safeParse(all("1"));
    expect(noComment.success && noComment.data.comment).toBeNull();
  });

  it("refuses missing or out-of-range scores with a clear message key", () => {
    const { pertinenza: _, ...missing } = all("3");
    const a = questionnaireSchema.safeParse(missing);
    expect(a.success).toBe(false);
    expect(a.error?.issues[0]?.message).toBe("questionnaire.validation.score");
    expect(questionnaireSchema.safeParse({ ...all("3"), chiarezza: "6" }).success).toBe(false);
    expect(questionnaireSchema.safeParse({ ...all("3"), chiarezza: "0" }).success).toBe(false);
    expect(questionnaireSchema.safeParse({ ...all("3"), comment: "x".repeat(2001) }).success).toBe(false);
  });
});

describe("parseAnswers", () => {
  it("keeps only known questions with scores 1..5", () => {
    expect(parseAnswers(JSON.stringify({ pertinenza: 5, chiarezza: 9, altro: 3, materiali: "4" }))).toEqual({
      pertinenza: 5,
    });
    expect(parseAnswers("not json")).toEqual({});
  });
});

describe("summarise", () => {
  it("averages per question with distribution counts and lists non-empty comments", () => {
    const s = summarise([
      { answers: { pertinenza: 5, chiarezza: 4 }, comment: "Ottimo" },
      { answers: { pertinenza: 4, chiarezza: 4 }, comment: "  " },
      { answers: { pertinenza: 2 }, comment: null },
    ]);
    expect(s.responses).toBe(3);
    const p = s.questions.find((q) => q.id === "pertinenza")!;
    expect(p.answers).toBe(3);
    expect(p.average).toBe(3.67);
    expect(p.distribution).toEqual([0, 1, 0, 1, 1]);
    expect(s.questions.find((q) => q.id === "materiali")!.average).toBeNull();
    expect(s.comments).toEqual(["Ottimo"]);
  });
});

describe("questionnaireResultsOf", () => {
  const response = (score: 1 | 2 | 3 | 4 | 5, comment: string | null) => ({
    answers: { pertinenza: score, complessivo: score },
    comment,
  });

  it("shows fewer answers than the threshold by their number only: one answer's scores and comment are that person's", () => {
    expect(QUESTIONNAIRE_MIN_RESPONSES).toBe(5);
    for (const n of [0, 1, 2, 4]) {
      const results = questionnaireResultsOf(Array.from({ length: n }, () => response(2, "Deludente")));
      expect(results).toEqual({ responses: n, withheld: true });
    }
  });

  it("shows averages, distributions and comments from the threshold on", () => {
    const results = questionnaireResultsOf([
      response(5, "Ottimo"),
      response(4, null),
      response(4, null),
      response(3, null),
      response(2, "Troppo veloce"),
    ]);
    expect(results.withheld).toBe(false);
    if (results.withheld) return;
    expect(results.responses).toBe(5);
    expect(results.questions.find((q) => q.id === "complessivo")).toMatchObject({
      answers: 5,
      average: 3.6,
      distribution: [0, 1, 1, 2, 1],
    });
    expect(results.comments).toEqual(["Ottimo", "Troppo veloce"]);
  });
});

it("submissionDay keeps the day only", () => {
  expect(submissionDay("2026-11-23").toISOString()).toBe("2026-11-23T00:00:00.000Z");
});
