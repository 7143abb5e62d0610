import { translator } from "~/i18n/i18n.tsx";
import { describe, expect, it } from "vitest";
import { enrolmentTransition } from "./state-machine.ts";
import {
  canWithdraw,
  checkAnswers,
  checkMotivation,
  checkScores,
  compareApplicants,
  exceedsCap,
  formatCriteria,
  formatQuestions,
  parseCriteria,
  parseQuestions,
  rankApplicants,
  RESERVE_PROMOTION_MODE,
  reserveTickets,
  SELECTION_CLOSE_TRANSITIONS,
  readCriteria,
  readQuestions,
  selectableSeats,
} from "./application.ts";

describe("parseQuestions", () => {
  it("reads free-text and choice questions, one per line, ignoring blank lines", () => {
    const parsed = parseQuestions("Progetti eTwinning realizzati\n\nLivello di inglese (QCER): A2 | B1 | B2 | C1\n");
    expect(parsed).toEqual({
      ok: true,
      items: [
        { id: "q1", label: "Progetti eTwinning realizzati", kind: "testo" },
        { id: "q2", label: "Livello di inglese (QCER)", kind: "scelta", options: ["A2", "B1", "B2", "C1"] },
      ],
    });
  });

  it("treats a colon without options as part of a free-text question", () => {
    expect(parseQuestions("Nota: descrivi la tua classe")).toEqual({
      ok: true,
      items: [{ id: "q1", label: "Nota: descrivi la tua classe", kind: "testo" }],
    });
  });

  it("refuses empty or repeated options, duplicate questions and too many lines, naming the line", () => {
    expect(parseQuestions("Livello: A2 | ")).toEqual({ ok: false, errors: [{ line: 1, reason: "options" }] });
    expect(parseQuestions("Livello: B1 | B1")).toEqual({ ok: false, errors: [{ line: 1, reason: "options" }] });
    expect(parseQuestions("Esperienza\nesperienza")).toEqual({ ok: false, errors: [{ line: 2, reason: "duplicate" }] });
    expect(parseQuestions("x".repeat(201))).toEqual({ ok: false, errors: [{ line: 1, reason: "too-long" }] });
    const many = Array.from({ length: 11 }, (_, i) => `Domanda ${i}`).join("\n");
    expect(parseQuestions(many)).toEqual({ ok: false, errors: [{ line: 11, reason: "too-many" }] });
  });

  it("reads options that contain a colon as options (a time, «B2: avanzato»), not as a free-text question", () => {
    expect(parseQuestions("Turno preferito: 10:30 | 14:00")).toEqual({
      ok: true,
      items: [{ id: "q1", label: "Turno preferito", kind: "scelta", options: ["10:30", "14:00"] }],
    });
    expect(parseQuestions("Livello di inglese: A2 | B1 | B2: avanzato")).toEqual({
      ok: true,
      items: [{ id: "q1", label: "Livello di inglese", kind: "scelta", options: ["A2", "B1", "B2: avanzato"] }],
    });
    expect(parseQuestions("Turno:10:30|14:00")).toEqual({
      ok: true,
      items: [{ id: "q1", label: "Turno", kind: "scelta", options: ["10:30", "14:00"] }],
    });
    // A label may still hold a colon: the options start after the last «: » before the first «|».
    expect(parseQuestions("Nota: turno: mattina | pomeriggio")).toEqual({
      ok: true,
      items: [{ id: "q1", label: "Nota: turno", kind: "scelta", options: ["mattina", "pomeriggio"] }],
    });
    expect(parseQuestions("Turno: 10:30 | 10:30")).toEqual({ ok: false, errors: [{ line: 1, reason: "options" }] });
    const text = "Turno preferito (facoltativa): 9:00 | 14:30\nNota: livello: A2 | B2: avanzato";
    const parsed = parseQuestions(text);
    if (!parsed.ok) throw new Error("expected questions");
    expect(formatQuestions(parsed.items)).toBe(text);
  });

  it("round-trips through formatQuestions and the stored JSON", () => {
    const text = "Progetti realizzati\nLivello di inglese: B1 | B2";
    const parsed = parseQuestions(text);
    if (!parsed.ok) throw new Error("expected questions");
    expect(formatQuestions(parsed.items)).toBe(text);
    expect(readQuestions(JSON.stringify(parsed.items))).toEqual(parsed.items);
    expect(readQuestions("not json")).toEqual([]);
    expect(readQuestions('[{"id":"q1","label":"x","kind":"scelta"}]')).toEqual([]);
  });
});

describe("parseCriteria", () => {
  it("reads 'label (max N)' lines", () => {
    expect(parseCriteria("Esperienza eTwinning (max 10)\nMotivazione (MAX 5)")).toEqual({
      ok: true,
      items: [
        { id: "c1", label: "Esperienza eTwinning", maxScore: 10 },
        { id: "c2", label: "Motivazione", maxScore: 5 },
      ],
    });
  });

  it("refuses a line without a maximum, a maximum of 0 or above 100, and duplicates", () => {
    expect(parseCriteria("Esperienza")).toEqual({ ok: false, errors: [{ line: 1, reason: "criterion-format" }] });
    expect(parseCriteria("Esperienza (max 0)")).toEqual({ ok: false, errors: [{ line: 1, reason: "max-score" }] });
    expect(parseCriteria("Esperienza (max 101)")).toEqual({ ok: false, errors: [{ line: 1, reason: "max-score" }] });
    expect(parseCriteria("A (max 2)\na (max 3)")).toEqual({ ok: false, errors: [{ line: 2, reason: "duplicate" }] });
  });

  it("round-trips through formatCriteria and the stored JSON", () => {
    const parsed = parseCriteria("Esperienza (max 10)\nMotivazione (max 5)");
    if (!parsed.ok) throw new Error("expected criteria");
    expect(formatCriteria(parsed.items)).toBe("Esperienza (max 10)\nMotivazione (max 5)");
    expect(readCriteria(JSON.stringify(parsed.items))).toEqual(parsed.items);
  });
});

describe("answers and motivation", () => {
  const questions = [
    { id: "q1", label: "Progetti", kind: "testo" as const },
    { id: "q2", label: "Inglese", kind: "scelta" as const, options: ["B1", "B2"] },
  ];

  it("requires every question and a choice among the options", () => {
    expect(checkAnswers(questions, { q1: "  Due progetti  ", q2: "B2", extra: "ignored" })).toEqual({
      ok: true,
      answers: { q1: "Due progetti", q2: "B2" },
    });
    expect(checkAnswers(questions, { q1: " ", q2: "C2" })).toEqual({
      ok: false,
      errors: { q1: "required", q2: "invalid-choice" },
    });
    expect(checkAnswers(questions, { q1: "x".repeat(1001), q2: "B1" })).toEqual({
      ok: false,
      errors: { q1: "too-long" },
    });
  });

  it("wants a motivation of 20 to 2000 characters", () => {
    expect(checkMotivation("")).toBe("required");
    expect(checkMotivation("Troppo breve")).toBe("too-short");
    expect(checkMotivation("x".repeat(2001))).toBe("too-long");
    expect(checkMotivation("Vorrei avviare un progetto sulla sostenibilità.")).toBeNull();
  });
});

describe("checkScores", () => {
  const criteria = [
    { id: "c1", label: "Esperienza", maxScore: 10 },
    { id: "c2", label: "Motivazione", maxScore: 5 },
  ];

  it("accepts 0..max in half points (Italian decimal comma too) and sums them", () => {
    expect(checkScores(criteria, { c1: "7,5", c2: 0 })).toEqual({ ok: true, scores: { c1: 7.5, c2: 0 }, total: 7.5 });
    expect(checkScores(criteria, { c1: "10", c2: "5" })).toMatchObject({ ok: true, total: 15 });
  });

  it("refuses missing, non-numeric, negative, above-max and finer-than-half scores", () => {
    expect(checkScores(criteria, { c1: "", c2: "abc" })).toEqual({
      ok: false,
      errors: { c1: "required", c2: "not-a-number" },
    });
    expect(checkScores(criteria, { c1: -1, c2: 6 })).toEqual({
      ok: false,
      errors: { c1: "out-of-range", c2: "out-of-range" },
    });
    expect(checkScores(criteria, { c1: "2.25", c2: 1 })).toEqual({ ok: false, errors: { c1: "out-of-range" } });
  });
});

describe("ranking", () => {
  const at = (minute: number) => new Date(Date.UTC(2027, 0, 10, 9, minute));

  it("puts priority first, then higher totals, then earlier applications; unscored last", () => {
    const ranked = rankApplicants([
      { id: "late-high", priority: false, totalScore: 18, createdAt: at(30) },
      { id: "unscored-early", priority: false, totalScore: null, createdAt: at(0) },
      { id: "priority-low", priority: true, totalScore: 3, createdAt: at(40) },
      { id: "early-high", priority: false, totalScore: 18, createdAt: at(10) },
      { id: "priority-high", priority: true, totalScore: 12, createdAt: at(50) },
      { id: "zero", priority: false, totalScore: 0, createdAt: at(5) },
    ]);
    expect(ranked.map((r) => r.id)).toEqual([
      "priority-high",
      "priority-low",
      "early-high",
      "late-high",
      "zero",
      "unscored-early",
    ]);
  });

  it("is a total order: exact ties fall back on the id, and dates may be strings (loader data)", () => {
    const a = { id: "a", priority: false, totalScore: 5, createdAt: "2027-01-10T09:00:00.000Z" };
    const b = { id: "b", priority: false, totalScore: 5, createdAt: new Date("2027-01-10T09:00:00.000Z") };
    expect(compareApplicants(a, b)).toBeLessThan(0);
    expect(compareApplicants(b, a)).toBeGreaterThan(0);
    expect(compareApplicants(a, a)).toBe(0);
  });
});

describe("seats and withdrawal", () => {
  it("offers the free seats, never more than the applicants", () => {
    expect(selectableSeats(6, 2, 10)).toBe(4);
    expect(selectableSeats(6, 2, 3)).toBe(3);
    expect(selectableSeats(6, 6, 3)).toBe(0);
    expect(selectableSeats(null, 0, 7)).toBe(7);
    expect(exceedsCap(6, 4, 2)).toBe(false);
    expect(exceedsCap(6, 4, 3)).toBe(true);
    expect(exceedsCap(null, 400, 3)).toBe(false);
  });

  it("lets applicants withdraw only while under review and before the selection closes", () => {
    expect(canWithdraw("candidato", null)).toBe(true);
    expect(canWithdraw("candidato", new Date())).toBe(false);
    expect(canWithdraw("iscritto", null)).toBe(false);
    expect(canWithdraw("non-selezionato", null)).toBe(false);
  });
});

describe("reserveTickets", () => {
  it("gives the reserve tickets in ranking order after the edition's last ticket", () => {
    const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));
    const a = { id: "a", priority: false, totalScore: 5, createdAt: at(1) };
    const b = { id: "b", priority: false, totalScore: 9, createdAt: at(2) };
    const c = { id: "c", priority: true, totalScore: 1, createdAt: at(3) };
    expect(reserveTickets([a, b, c], 7).map((r) => [r.applicant.id, r.ticket, r.position])).toEqual([
      ["c", 8, 1],
      ["b", 9, 2],
      ["a", 10, 3],
    ]);
    expect(reserveTickets([], 3)).toEqual([]);
  });

  it("declares the transitions of closing the selection, as rows of the enrolment state table", () => {
    expect(SELECTION_CLOSE_TRANSITIONS.reserve).toEqual({ action: "reserve", from: "candidato", to: "in-attesa" });
    for (const { action, from, to } of Object.values(SELECTION_CLOSE_TRANSITIONS)) {
      expect(enrolmentTransition(action, from, to)).toEqual({ ok: true, to });
      expect(enrolmentTransition(action, "iscritto", to).ok).toBe(false);
    }
    expect(RESERVE_PROMOTION_MODE).toBe("offerta");
  });

  it("lets only an applicant under review withdraw, while the selection is open", () => {
    expect(canWithdraw("candidato", null)).toBe(true);
    expect(canWithdraw("candidato", new Date())).toBe(false);
    for (const status of ["iscritto", "in-attesa", "offerta", "annullato", "non-selezionato"])
      expect(canWithdraw(status, null)).toBe(false);
  });
});

describe("optional questions (registration questions and applications alike)", () => {
  it("tells and shows an organiser using English the English mark, «(optional)», and reads both", () => {
    const en = translator("en");
    for (const key of ["applications.setup.questionsHint", "applications.registration.questionsHint"] as const) {
      expect(en(key)).toContain("(optional)");
      expect(en(key)).not.toContain("facoltativ");
    }
    const parsed = parseQuestions("Accessibility needs (optional)\nSubject (facoltativa): English | Maths");
    if (!parsed.ok) throw new Error("parsed");
    expect(parsed.items.map((q) => q.optional)).toEqual([true, true]);
    expect(formatQuestions(parsed.items, "en")).toBe(
      "Accessibility needs (optional)\nSubject (optional): English | Maths",
    );
    expect(formatQuestions(parsed.items, "it")).toBe(
      "Accessibility needs (facoltativa)\nSubject (facoltativa): English | Maths",
    );
  });
  it("reads «(facoltativa)» after a label, writes it back, and lets its answer be blank", () => {
    const parsed = parseQuestions(
      "Esigenze di accessibilità (facoltativa)\nDisciplina (Facoltativo): Inglese | Matematica\nScuola",
    );
    expect(parsed).toEqual({
      ok: true,
      items: [
        { id: "q1", label: "Esigenze di accessibilità", kind: "testo", optional: true },
        { id: "q2", label: "Disciplina", kind: "scelta", options: ["Inglese", "Matematica"], optional: true },
        { id: "q3", label: "Scuola", kind: "testo" },
      ],
    });
    if (!parsed.ok) throw new Error("parsed");
    expect(formatQuestions(parsed.items)).toBe(
      "Esigenze di accessibilità (facoltativa)\nDisciplina (facoltativa): Inglese | Matematica\nScuola",
    );
    expect(checkAnswers(parsed.items, { q3: "IC Firenze" })).toEqual({ ok: true, answers: { q3: "IC Firenze" } });
    expect(checkAnswers(parsed.items, { q2: "Storia", q3: "IC" })).toEqual({
      ok: false,
      errors: { q2: "invalid-choice" },
    });
    expect(checkAnswers(parsed.items, {})).toEqual({ ok: false, errors: { q3: "required" } });
    // A line that is only the mark has no question.
    expect(parseQuestions("(facoltativa)")).toEqual({ ok: false, errors: [{ line: 1, reason: "options" }] });
  });
});
