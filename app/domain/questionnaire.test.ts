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
  rewriteSample,
  swapPartner,
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

describe("swapPartner", () => {
  // Applies the writer's steps to answers 0..n-1 over rows listed in insertion order, with the given draws.
  function rowsAfter(draws: number[]): number[] {
    const rows: number[] = [];
    for (const [answer, k] of draws.entries()) {
      const partner = swapPartner(rows.length, (n) => {
        expect(n).toBe(rows.length + 1);
        return k;
      });
      if (partner === null) rows.push(answer);
      else {
        rows.push(rows[partner]!);
        rows[partner] = answer;
      }
    }
    return rows;
  }

  it("puts the new answer in the drawn row, its answer in the new row, or leaves it when the draw is the new row", () => {
    expect(rowsAfter([0, 1, 2])).toEqual([0, 1, 2]);
    expect(rowsAfter([0, 0])).toEqual([1, 0]);
    expect(rowsAfter([0, 1, 0])).toEqual([2, 1, 0]);
  });

  it("gives every assignment of answers to rows exactly once over all the draws (a uniform permutation)", () => {
    for (let n = 1; n <= 5; n++) {
      const seen = new Map<string, number>();
      const walk = (draws: number[]) => {
        if (draws.length === n) {
          const key = rowsAfter(draws).join(",");
          seen.set(key, (seen.get(key) ?? 0) + 1);
          return;
        }
        for (let k = 0; k <= draws.length; k++) walk([...draws, k]);
      };
      walk([]);
      const factorial = [1, 1, 2, 6, 24, 120][n]!;
      expect(seen.size).toBe(factorial);
      expect([...seen.values()].every((count) => count === 1)).toBe(true);
    }
  });

  it("refuses a draw out of range", () => {
    expect(() => swapPartner(3, () => 4)).toThrow(RangeError);
    expect(() => swapPartner(3, () => -1)).toThrow(RangeError);
    expect(() => swapPartner(3, () => 1.5)).toThrow(RangeError);
  });
});

describe("rewriteSample", () => {
  it("rewrites every row up to the limit, without drawing", () => {
    expect(rewriteSample(3, 1, () => expect.unreachable(), 3)).toBe("all");
    expect(rewriteSample(0, null, () => expect.unreachable(), 3)).toBe("all");
  });

  it("beyond it, draws a uniform set of that many rows, the partner counted in and never drawn", () => {
    // 5 earlier rows, limit 3, partner 2: two more among 0, 1, 3, 4, each pair exactly once over all the draws.
    const seen = new Map<string, number>();
    for (let a = 0; a < 3; a++)
      for (let b = 0; b < 4; b++) {
        const draws = [a, b];
        const sample = rewriteSample(
          5,
          2,
          (n) => {
            const t = draws.shift()!;
            expect(t).toBeLessThan(n);
            return t;
          },
          3,
        ) as number[];
        expect(sample).toHaveLength(2);
        expect(sample).not.toContain(2);
        seen.set(sample.join(","), (seen.get(sample.join(",")) ?? 0) + 1);
      }
    expect([...seen.keys()].sort()).toEqual(["0,1", "0,3", "0,4", "1,3", "1,4", "3,4"]);
    expect(new Set(seen.values())).toEqual(new Set([2]));
    // No partner (the draw fell on the new row): three rows drawn.
    expect(rewriteSample(5, null, (n) => n - 1, 3)).toEqual([2, 3, 4]);
  });
});
