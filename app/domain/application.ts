// Applications ("candidature"): editions whose places are given by selection, not first come.
// Pure rules, no HTTP and no database: how the organiser writes questions and criteria, which
// answers and scores are valid, and in what order applicants are ranked.
// app/models/application.server.ts applies them inside transactions; application.test.ts checks them.
import {
  editionTransition,
  enrolmentTransition,
  type EnrolmentAction,
  type EnrolmentState,
  type TransitionRefusal,
} from "./state-machine.ts";

export const ADMISSION_MODES = ["ordine-arrivo", "candidatura"] as const;
export type AdmissionMode = (typeof ADMISSION_MODES)[number];

export const ADMISSION_LABELS = {
  "ordine-arrivo": { it: "In ordine di arrivo", en: "First come, first served" },
  candidatura: { it: "Su candidatura, con selezione", en: "By application, with selection" },
} as const;

/** A question asked when applying or (registration questions) when enrolling; optional: true = may be left blank. */
export type Question =
  | { id: string; label: string; kind: "testo"; optional?: true }
  | { id: string; label: string; kind: "scelta"; options: string[]; optional?: true };

/**
 * The mark after a label that makes its question optional ("Esigenze di accessibilità (facoltativa)"),
 * in the organiser's interface language; either is read in either language.
 */
export const OPTIONAL_MARK = { it: "(facoltativa)", en: "(optional)" } as const;
const OPTIONAL_SUFFIX = /\s*\((facoltativ[ao]|optional)\)$/i;

/** A label without its optional mark, and whether it had one. */
function optionalLabel(label: string): { label: string; optional: boolean } {
  return OPTIONAL_SUFFIX.test(label)
    ? { label: label.replace(OPTIONAL_SUFFIX, "").trim(), optional: true }
    : { label, optional: false };
}
export type Criterion = { id: string; label: string; maxScore: number };

export const MOTIVATION_MIN = 20;
export const MOTIVATION_MAX = 2000;
export const ANSWER_MAX = 1000;
export const LABEL_MAX = 200;
export const MAX_QUESTIONS = 10;
export const MAX_CRITERIA = 10;
export const MAX_OPTIONS = 20;
export const MAX_SCORE_LIMIT = 100;

/** Why a line of the questions or criteria text was refused (a message key suffix). */
export type LineError = {
  line: number;
  reason: "too-long" | "options" | "criterion-format" | "max-score" | "duplicate" | "too-many";
};
export type Parsed<T> = { ok: true; items: T[] } | { ok: false; errors: LineError[] };

function lines(text: string): { line: number; text: string }[] {
  return text
    .split(/\r?\n/)
    .map((t, i) => ({ line: i + 1, text: t.trim() }))
    .filter((l) => l.text !== "");
}

/**
 * Where a choice line's label ends: a colon before the first "|" (a label holds no "|"), so the options may
 * hold colons ("Turno: 10:30 | 14:00", "Livello: A2 | B2: avanzato"). The last such colon followed by a space
 * (the label may hold colons too: "Nota: turno: mattina | pomeriggio"; formatQuestions writes ": "), else the
 * first one ("Turno:10:30|14:00"). -1: no colon before the first "|", the line is not a choice.
 * Splitting at the line's last colon, as before, made "Turno: 10:30 | 14:00" a free-text question unseen.
 */
function choiceColon(raw: string): number {
  const bar = raw.indexOf("|");
  if (bar < 0) return -1;
  const head = raw.slice(0, bar);
  let spaced = -1;
  for (const match of head.matchAll(/:\s/g)) spaced = match.index;
  return spaced >= 0 ? spaced : head.indexOf(":");
}

/**
 * Questions, one per line: "label" is a free-text question, "label: option 1 | option 2" a
 * choice among options (choiceColon: options may contain ":", the label may not contain "|").
 * A label ending in "(facoltativa)" makes the question optional; the others must be answered.
 * Ids are positional (q1, q2…): questions cannot change once applications exist.
 */
export function parseQuestions(text: string): Parsed<Question> {
  const errors: LineError[] = [];
  const items: Question[] = [];
  const seen = new Set<string>();
  const all = lines(text);
  if (all.length > MAX_QUESTIONS)
    return { ok: false, errors: [{ line: all[MAX_QUESTIONS]!.line, reason: "too-many" }] };
  for (const { line, text: raw } of all) {
    const colon = choiceColon(raw);
    const tail = colon >= 0 ? raw.slice(colon + 1) : "";
    let question: Question;
    if (colon >= 0) {
      const { label, optional } = optionalLabel(raw.slice(0, colon).trim());
      const options = tail.split("|").map((o) => o.trim());
      if (
        !label ||
        options.length < 2 ||
        options.length > MAX_OPTIONS ||
        options.some((o) => !o) ||
        new Set(options).size !== options.length
      ) {
        errors.push({ line, reason: "options" });
        continue;
      }
      if (label.length > LABEL_MAX || options.some((o) => o.length > LABEL_MAX)) {
        errors.push({ line, reason: "too-long" });
        continue;
      }
      question = { id: `q${items.length + 1}`, label, kind: "scelta", options, ...(optional ? { optional } : {}) };
    } else {
      const { label, optional } = optionalLabel(raw);
      if (!label) {
        errors.push({ line, reason: "options" });
        continue;
      }
      if (label.length > LABEL_MAX) {
        errors.push({ line, reason: "too-long" });
        continue;
      }
      question = { id: `q${items.length + 1}`, label, kind: "testo", ...(optional ? { optional } : {}) };
    }
    const key = question.label.toLowerCase();
    if (seen.has(key)) {
      errors.push({ line, reason: "duplicate" });
      continue;
    }
    seen.add(key);
    items.push(question);
  }
  return errors.length ? { ok: false, errors } : { ok: true, items };
}

/** Criteria, one per line: "label (max N)", N a whole number from 1 to 100. Ids: c1, c2… */
export function parseCriteria(text: string): Parsed<Criterion> {
  const errors: LineError[] = [];
  const items: Criterion[] = [];
  const seen = new Set<string>();
  const all = lines(text);
  if (all.length > MAX_CRITERIA) return { ok: false, errors: [{ line: all[MAX_CRITERIA]!.line, reason: "too-many" }] };
  for (const { line, text: raw } of all) {
    const match = /^(.*\S)\s*\(\s*max\s+(\d+)\s*\)$/i.exec(raw);
    if (!match) {
      errors.push({ line, reason: "criterion-format" });
      continue;
    }
    const label = match[1]!.trim();
    const maxScore = Number(match[2]);
    if (label.length > LABEL_MAX) {
      errors.push({ line, reason: "too-long" });
      continue;
    }
    if (!Number.isInteger(maxScore) || maxScore < 1 || maxScore > MAX_SCORE_LIMIT) {
      errors.push({ line, reason: "max-score" });
      continue;
    }
    if (seen.has(label.toLowerCase())) {
      errors.push({ line, reason: "duplicate" });
      continue;
    }
    seen.add(label.toLowerCase());
    items.push({ id: `c${items.length + 1}`, label, maxScore });
  }
  return errors.length ? { ok: false, errors } : { ok: true, items };
}

/** The text the organiser's form shows for stored questions (parseQuestions reads it back). */
export function formatQuestions(questions: readonly Question[], locale: keyof typeof OPTIONAL_MARK = "it"): string {
  return questions
    .map((q) => {
      const label = q.optional ? `${q.label} ${OPTIONAL_MARK[locale]}` : q.label;
      return q.kind === "scelta" ? `${label}: ${q.options.join(" | ")}` : label;
    })
    .join("\n");
}

export function formatCriteria(criteria: readonly Criterion[]): string {
  return criteria.map((c) => `${c.label} (max ${c.maxScore})`).join("\n");
}

/** Stored JSON → questions; anything malformed is dropped rather than trusted. */
export function readQuestions(json: string): Question[] {
  const value = safeJson(json);
  if (!Array.isArray(value)) return [];
  return value.flatMap((q): Question[] => {
    if (!q || typeof q.id !== "string" || typeof q.label !== "string") return [];
    const optional = q.optional === true ? { optional: true as const } : {};
    if (q.kind === "scelta" && Array.isArray(q.options) && q.options.every((o: unknown) => typeof o === "string")) {
      return [{ id: q.id, label: q.label, kind: "scelta", options: q.options, ...optional }];
    }
    return q.kind === "testo" ? [{ id: q.id, label: q.label, kind: "testo", ...optional }] : [];
  });
}

export function readCriteria(json: string): Criterion[] {
  const value = safeJson(json);
  if (!Array.isArray(value)) return [];
  return value.flatMap((c): Criterion[] =>
    c && typeof c.id === "string" && typeof c.label === "string" && Number.isInteger(c.maxScore) && c.maxScore > 0
      ? [{ id: c.id, label: c.label, maxScore: c.maxScore }]
      : [],
  );
}

/** Stored JSON object of strings or numbers (answers, scores). */
export function readRecord<T extends string | number>(json: string, type: "string" | "number"): Record<string, T> {
  const value = safeJson(json);
  if (!value || typeof value !== "object" || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter(([, v]) => typeof v === type)) as Record<string, T>;
}

function safeJson(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return null;
  }
}

export type AnswerError = "required" | "too-long" | "invalid-choice";

/**
 * Every question needs an answer; a choice must be one of its options. Returns the answers
 * to store (trimmed, only the questions asked) or the error of each question.
 */
export function checkAnswers(
  questions: readonly Question[],
  answers: Readonly<Record<string, unknown>>,
): { ok: true; answers: Record<string, string> } | { ok: false; errors: Record<string, AnswerError> } {
  const errors: Record<string, AnswerError> = {};
  const clean: Record<string, string> = {};
  for (const q of questions) {
    const raw = answers[q.id];
    const value = typeof raw === "string" ? raw.trim() : "";
    if (!value && q.optional) continue;
    if (!value) errors[q.id] = "required";
    else if (value.length > ANSWER_MAX) errors[q.id] = "too-long";
    else if (q.kind === "scelta" && !q.options.includes(value)) errors[q.id] = "invalid-choice";
    else clean[q.id] = value;
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, answers: clean };
}

export function checkMotivation(motivation: string): "required" | "too-short" | "too-long" | null {
  const length = motivation.trim().length;
  if (length === 0) return "required";
  if (length < MOTIVATION_MIN) return "too-short";
  if (length > MOTIVATION_MAX) return "too-long";
  return null;
}

export type ScoreError = "required" | "not-a-number" | "out-of-range";

/**
 * One score per criterion, from 0 to its maximum, in steps of 0.5 (half points are common in
 * selection grids). Returns the scores to store and their total, or the error of each criterion.
 */
export function checkScores(
  criteria: readonly Criterion[],
  scores: Readonly<Record<string, unknown>>,
): { ok: true; scores: Record<string, number>; total: number } | { ok: false; errors: Record<string, ScoreError> } {
  const errors: Record<string, ScoreError> = {};
  const clean: Record<string, number> = {};
  for (const c of criteria) {
    const raw = scores[c.id];
    const value =
      typeof raw === "number"
        ? raw
        : typeof raw === "string" && raw.trim() !== ""
          ? Number(raw.trim().replace(",", "."))
          : undefined;
    if (value === undefined) errors[c.id] = "required";
    else if (!Number.isFinite(value)) errors[c.id] = "not-a-number";
    else if (value < 0 || value > c.maxScore || !Number.isInteger(value * 2)) errors[c.id] = "out-of-range";
    else clean[c.id] = value;
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, scores: clean, total: Object.values(clean).reduce((sum, v) => sum + v, 0) };
}

export type Rankable = { id: string; priority: boolean; totalScore: number | null; createdAt: Date | string };

/**
 * The ranking rule: applicants with priority first; then the higher total score (applicants
 * not scored yet come after every scored one); then who applied first; the id breaks exact ties.
 */
export function compareApplicants(a: Rankable, b: Rankable): number {
  if (a.priority !== b.priority) return a.priority ? -1 : 1;
  const sa = a.totalScore ?? Number.NEGATIVE_INFINITY;
  const sb = b.totalScore ?? Number.NEGATIVE_INFINITY;
  if (sa !== sb) return sb - sa;
  const ta = new Date(a.createdAt).getTime();
  const tb = new Date(b.createdAt).getTime();
  if (ta !== tb) return ta - tb;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function rankApplicants<T extends Rankable>(applicants: readonly T[]): T[] {
  return [...applicants].sort(compareApplicants);
}

/**
 * The organiser's ranking is shown a page at a time (each row carries the motivation, the answers and a score
 * form): ranks stay global, page P holds ranks (P-1)·50+1 … P·50.
 */
export const APPLICANTS_PAGE_SIZE = 50;

/** The page holding a rank (1-based). */
export function applicantsPageOf(rank: number): number {
  return Math.max(1, Math.ceil(rank / APPLICANTS_PAGE_SIZE));
}

/** A page asked for in the URL, within 1…pages (anything else is page 1). */
export function applicantsPage(asked: string | null, total: number): { page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(total / APPLICANTS_PAGE_SIZE));
  const n = Number(asked);
  return { page: Number.isInteger(n) && n >= 1 ? Math.min(n, pages) : 1, pages };
}

// Seats for selection are counted by the seat ledger (app/domain/seat-ledger.ts).
export { exceedsCap, selectableSeats } from "./seat-ledger.ts";

/**
 * An edition by application whose organiser has closed the selection takes no more applications:
 * for enrolment it is closed, whatever its window says (the enrolment page and the public event page).
 */
export function selectionClosed(edition: { admission: string; selectionClosedAt: Date | string | null }): boolean {
  return edition.admission === "candidatura" && edition.selectionClosedAt !== null;
}

/**
 * Why nobody can be selected in this edition now (select(), "Seleziona le prime N", a row's "Seleziona"), or null
 * when the selection may go on: the edition's state table ("select": a cancelled edition refuses), then its
 * event: a closed or cancelled event gives no new seat (ADR 0084), "edition-closed". The organiser's ranking
 * offers its selection controls only when this is null, so no click ends in this refusal.
 */
export function selectionRefusal(edition: { status: string }, event: { status: string }): TransitionRefusal | null {
  const verdict = editionTransition("select", edition.status);
  if (!verdict.ok) return verdict.reason;
  return event.status === "pubblicato" ? null : "edition-closed";
}

/** Why an edition's admission mode (first come ↔ by application) may not change now. */
export type AdmissionSwitchRefusal = "selection-closed" | "has-enrolments";

/**
 * May the edition's admission mode change? Not once its selection was closed over anyone's application (`places.ever`:
 * every place the edition ever had, ended ones included): the people selected, those on the reserve list and those
 * told "non selezionata" were told under this mode, and a switch would reopen that outcome (back to applications,
 * the selection open again) or open the seats to anyone first come, those told no included. A selection closed
 * before anyone applied decided nothing for anyone and does not hold the mode. Nor while anyone holds or awaits a
 * place (a seat, a place in line, an offer, an application under review: `places.active`, with the seats the ledger
 * counts). Null when it may change. setAdmission (app/models/application.server.ts) asks it under the edition's
 * lock; the edition page asks it to lock the switch and say why.
 */
export function admissionSwitchRefusal(
  edition: { selectionClosedAt: Date | string | null; seatsTaken: number },
  places: { active: number; ever: number },
): AdmissionSwitchRefusal | null {
  if (edition.selectionClosedAt !== null && places.ever > 0) return "selection-closed";
  if (places.active > 0 || edition.seatsTaken > 0) return "has-enrolments";
  return null;
}

/** A teacher may withdraw an application while it is under review and the selection is open. */
export function canWithdraw(status: string, selectionClosedAt: Date | string | null): boolean {
  return enrolmentTransition("withdraw", status).ok && selectionClosedAt === null;
}

// ─── Reserve list after the selection ──────────────────────────────────────────

/**
 * What closing the selection does to an applicant still under review, declared once:
 * - "reserve" (the default on the organiser's page): the applicant joins the reserve list, which
 *   is the edition's waitlist in ranking order ("in-attesa", waitlistSeq = rank). From then on the
 *   ordinary waitlist rules apply: a freed seat (withdrawal, removal, declined or expired offer) is
 *   offered to the first reserve with a deadline, who accepts ("iscritto") or declines; an expired
 *   offer passes to the next.
 * - "reject": the applicant is told they were not selected ("non-selezionato", final).
 * Both are rows of the enrolment state table (app/domain/state-machine.ts: "reserve", "not-select"),
 * checked under the edition's lock by closeSelection in app/models/application.server.ts.
 */
export const SELECTION_CLOSE_TRANSITIONS = {
  reserve: { action: "reserve", from: "candidato", to: "in-attesa" },
  reject: { action: "not-select", from: "candidato", to: "non-selezionato" },
} as const satisfies Record<string, { action: EnrolmentAction; from: EnrolmentState; to: EnrolmentState }>;
export type SelectionCloseMode = keyof typeof SELECTION_CLOSE_TRANSITIONS;

/**
 * How seats reach the reserve list: always by offer with a deadline (a funded seat goes to
 * someone who confirms they can still come), never by automatic promotion.
 */
export const RESERVE_PROMOTION_MODE = "offerta" as const;

/**
 * The reserve tickets of the ranked applicants: the first ranked gets the first ticket after
 * the edition's last one (waitlistSeq counter), so the reserve order is the ranking order.
 */
export function reserveTickets<T extends Rankable>(
  applicants: readonly T[],
  lastTicket: number,
): { applicant: T; ticket: number; position: number }[] {
  return rankApplicants(applicants).map((applicant, i) => ({
    applicant,
    ticket: lastTicket + i + 1,
    position: i + 1,
  }));
}

/** What closing the selection would do now, for its confirmation step (closeSelectionPreview in app/models/application.server.ts). */
export type CloseSelectionPreview = {
  reserve: boolean;
  /** Applicants still under review: each is told "non selezionata", or their reserve position. */
  underReview: number;
  /** The edition has no seat cap: with a reserve list, every one of them gets a seat at once. */
  unlimited: boolean;
  /** Seats given at once to the first on the reserve list (0 without one). */
  seatsAtOnce: number;
  /** How those seats go, as fillFreeSeats will give them: offered with a deadline, given, or to nobody. */
  giving: "offer" | "promote" | "none";
  offerHours: number;
};

/** What "Seleziona le prime N" would do, for its second step (selectTopPreview in app/models/application.server.ts). */
export type SelectTopPreview = {
  /** N as asked. */
  requested: number;
  /** Who would take a seat: N, or every applicant under review when fewer. */
  seated: number;
  /** How many of them nobody has scored yet. */
  unscored: number;
  /** The first SELECT_TOP_NAMED_MAX of those, in ranking order. */
  unscoredNamed: { id: string; firstName: string; lastName: string }[];
  /** More than the free seats of the general pool: select() would refuse it ("over-cap"). */
  overCap: boolean;
  free: number;
};
