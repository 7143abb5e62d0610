// The teacher's training plan ("Il mio piano formativo"): school years, the training grid of the
// INDIRE guide (regional / national / European × online / in person), hours totals, gaps, and the
// checks on an uploaded certificate. Pure rules: no HTTP, no Prisma.
//
// Decisions (docs in docs/training-plan.md):
// - A school year runs from 1 September 00:00 to 1 September of the next year, Europe/Rome.
//   Training belongs to the school year in which it starts (edition start, external start date).
// - Blended training fills BOTH grid columns (online and in presenza): the guide's grid has only
//   those two columns and a blended event has both components. Its hours count once in totals.
// - Only what is certified by a date in the past counts in the totals: a Forma enrolment with a
//   valid certificate (its certified minutes, never the event's nominal hours) and external
//   training whose end date has passed (its certificate cannot be dated earlier). A concluded
//   Forma edition without a valid certificate is "non certificata" once its register is closed: its
//   nominal hours are shown apart, not in the total. Before the register is closed its certificate
//   is being prepared ("in-attesa-di-attestato"): not certified, not "not certified" either.
//   External training is upcoming until the end of its last day in Rome.
// - Only a seat held is training: a waitlist position, an offer still to accept or an application
//   is listed as what it is ("in-sospeso"), never placed in the grid nor counted in any hours.
import { TZDate } from "@date-fns/tz";
import anyAscii from "any-ascii";
import { romeDayBounds, TIME_ZONE } from "~/utils/dates.ts";
import { editionHasEnded } from "./enrolment.ts";
import { EVENT_LEVELS, type EventLevel } from "./vocabulary.ts";

// ---------------------------------------------------------------------------------------------
// School years

/** A school year named by the calendar year of its September: 2026 = "2026-2027". */
export type SchoolYear = { startYear: number };

const YEAR_PARAM = /^(\d{4})-(\d{4})$/;

/** The school years the plan lists (its page, its PDF): 2000-2001 to 2100-2101. */
const FIRST_PLAN_YEAR = 2000;
const LAST_PLAN_YEAR = 2100;

export function isPlanSchoolYear(year: SchoolYear): boolean {
  return year.startYear >= FIRST_PLAN_YEAR && year.startYear <= LAST_PLAN_YEAR;
}

/** "2026-2027" -> { startYear: 2026 }; anything else (or "2026-2028") -> null. */
export function parseSchoolYear(value: string | null | undefined): SchoolYear | null {
  const m = YEAR_PARAM.exec((value ?? "").trim());
  if (!m) return null;
  const start = Number(m[1]);
  const end = Number(m[2]);
  if (end !== start + 1 || !isPlanSchoolYear({ startYear: start })) return null;
  return { startYear: start };
}

export function schoolYearLabel(year: SchoolYear): string {
  return `${year.startYear}-${year.startYear + 1}`;
}

/** The school year an instant falls in, reading the date in Europe/Rome (September opens a year). */
export function schoolYearOf(instant: Date): SchoolYear {
  const rome = new TZDate(instant.getTime(), TIME_ZONE);
  const month = rome.getMonth(); // 0 = January, 8 = September
  return { startYear: month >= 8 ? rome.getFullYear() : rome.getFullYear() - 1 };
}

/** [from, toExclusive): 1 September 00:00 Rome to the next 1 September 00:00 Rome. */
export function schoolYearRange(year: SchoolYear): { from: Date; toExclusive: Date } {
  return {
    from: new Date(new TZDate(year.startYear, 8, 1, 0, 0, TIME_ZONE).getTime()),
    toExclusive: new Date(new TZDate(year.startYear + 1, 8, 1, 0, 0, TIME_ZONE).getTime()),
  };
}

export function inSchoolYear(instant: Date, year: SchoolYear): boolean {
  const { from, toExclusive } = schoolYearRange(year);
  return instant >= from && instant < toExclusive;
}

/** The year selector's choices: a few years back and one ahead of the current one, newest first. */
export function schoolYearChoices(current: SchoolYear, selected: SchoolYear, back = 4): SchoolYear[] {
  const years = new Set<number>();
  for (let y = current.startYear + 1; y >= current.startYear - back; y -= 1) years.add(y);
  years.add(selected.startYear);
  return [...years].sort((a, b) => b - a).map((startYear) => ({ startYear }));
}

// ---------------------------------------------------------------------------------------------
// The training grid

export const GRID_LEVELS = EVENT_LEVELS;
/** The guide's two columns. Blended training sits in both (see above). */
export const GRID_MODES = ["online", "in-presenza"] as const;
export type GridMode = (typeof GRID_MODES)[number];
export type GridCellKey = `${EventLevel}|${GridMode}`;

export function cellKey(level: EventLevel, mode: GridMode): GridCellKey {
  return `${level}|${mode}`;
}

/** The cells a piece of training occupies: none without a known level and mode. */
export function gridCellsOf(level: string | null | undefined, mode: string | null | undefined): GridCellKey[] {
  if (!level || !(GRID_LEVELS as readonly string[]).includes(level)) return [];
  const l = level as EventLevel;
  if (mode === "online") return [cellKey(l, "online")];
  if (mode === "in-presenza") return [cellKey(l, "in-presenza")];
  if (mode === "blended") return [cellKey(l, "online"), cellKey(l, "in-presenza")];
  return [];
}

export const PLAN_ITEM_STATES = ["certificata", "in-attesa-di-attestato", "non-certificata", "in-corso"] as const;
export type PlanItemState = (typeof PLAN_ITEM_STATES)[number];

/** What the plan counts: a Forma event the teacher holds or held a place in, or external training. */
export type PlanItem = {
  kind: "forma" | "esterna";
  id: string;
  title: string;
  /** The language a Forma event's title is written in; null for external training (the teacher's own words). */
  titleLanguage?: string | null;
  level: string | null;
  mode: string | null;
  /** Event type for Forma events; null for external training. */
  type: string | null;
  minutes: number;
  /**
   * "certificata": a Forma edition with a valid certificate issued in the past (minutes = the
   *   certificate's certified minutes), or external training that has ended (the teacher declares
   *   the hours of its certificate);
   * "in-attesa-di-attestato": a Forma edition that has ended with the teacher enrolled, its register
   *   not closed yet: the certificate is being prepared (minutes = the event's nominal hours; counted
   *   in neither the certified nor the not-certified hours);
   * "non-certificata": a Forma edition that has ended, its register closed, with the teacher enrolled
   *   but no valid certificate (minutes = the event's nominal hours; not counted in the total);
   * "in-corso": enrolled (a seat held) in a Forma edition, or external training, not ended yet
   *   (not counted in the total). Waitlist positions, offers and applications are not plan items
   *   (see formaItemState).
   */
  state: PlanItemState;
};

export type GridCell = { level: EventLevel; mode: GridMode; key: GridCellKey; items: PlanItem[] };

/** Rows regionale, nazionale, europeo; columns online, in presenza. Empty cells are the gaps. */
export function buildGrid(items: readonly PlanItem[]): GridCell[][] {
  return GRID_LEVELS.map((level) =>
    GRID_MODES.map((mode) => {
      const key = cellKey(level, mode);
      return { level, mode, key, items: items.filter((i) => gridCellsOf(i.level, i.mode).includes(key)) };
    }),
  );
}

export function gapsOf(grid: GridCell[][]): GridCell[] {
  return grid.flat().filter((c) => c.items.length === 0);
}

/** Does an event of this level and mode fill the gap? (A blended event fills both columns.) */
export function fillsCell(level: string, mode: string, cell: Pick<GridCell, "key">): boolean {
  return gridCellsOf(level, mode).includes(cell.key);
}

// ---------------------------------------------------------------------------------------------
// Hours

export type PlanTotals = {
  /** What counts towards the target: certified hours only (Forma certificates + external certificates). */
  totalMinutes: number;
  certifiedMinutes: number;
  /** Certified by Forma's own certificates. */
  formaCertifiedMinutes: number;
  /** Certified by external training's certificates (ended by now). */
  externalCertifiedMinutes: number;
  /** Nominal hours of concluded Forma training without a valid certificate: shown apart, not in the total. */
  notCertifiedMinutes: number;
  /** Nominal hours of concluded Forma training whose register is not closed yet (certificate being prepared). */
  awaitingCertificateMinutes: number;
  /** Hours of training not concluded yet (enrolled or waiting, external dated in the future): not in the total. */
  upcomingMinutes: number;
  targetMinutes: number | null;
  /** 0..100, null without a target. */
  percentOfTarget: number | null;
  byLevel: { level: string; minutes: number }[];
  byType: { type: string; minutes: number }[];
};

/** Totals count each piece of training once (blended too), and only what is certified. */
export function planTotals(items: readonly PlanItem[], targetMinutes: number | null): PlanTotals {
  const sum = (list: readonly PlanItem[]) => list.reduce((acc, i) => acc + i.minutes, 0);
  const counted = items.filter((i) => i.state === "certificata");
  const formaCertifiedMinutes = sum(counted.filter((i) => i.kind === "forma"));
  const externalCertifiedMinutes = sum(counted.filter((i) => i.kind === "esterna"));
  const totalMinutes = formaCertifiedMinutes + externalCertifiedMinutes;
  const group = (keyOf: (i: PlanItem) => string) => {
    const map = new Map<string, number>();
    for (const i of counted) map.set(keyOf(i), (map.get(keyOf(i)) ?? 0) + i.minutes);
    return map;
  };
  const levels = group((i) => i.level ?? "");
  const types = group((i) => (i.kind === "esterna" ? "esterna" : (i.type ?? "")));
  return {
    totalMinutes,
    certifiedMinutes: totalMinutes,
    formaCertifiedMinutes,
    externalCertifiedMinutes,
    notCertifiedMinutes: sum(items.filter((i) => i.state === "non-certificata")),
    awaitingCertificateMinutes: sum(items.filter((i) => i.state === "in-attesa-di-attestato")),
    upcomingMinutes: sum(items.filter((i) => i.state === "in-corso")),
    targetMinutes,
    // Rounded down: 1,495 of 1,500 minutes is 99%, not a "100%" that says the target is reached when it is not.
    percentOfTarget:
      targetMinutes && targetMinutes > 0 ? Math.min(100, Math.floor((totalMinutes * 100) / targetMinutes)) : null,
    // Fixed order for the levels (with "" = level not given last); types by hours, largest first.
    byLevel: [...GRID_LEVELS, ""].filter((l) => levels.has(l)).map((level) => ({ level, minutes: levels.get(level)! })),
    byType: [...types.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([type, minutes]) => ({ type, minutes })),
  };
}

/**
 * A place without a seat: a waitlist position, an offer still to accept or an application under
 * review. Listed in the plan with its status, never in the grid nor in any hours.
 */
export const PENDING_PLACE = "in-sospeso";
export type FormaPlaceState = PlanItemState | typeof PENDING_PLACE;

/**
 * The state of a Forma enrolment in the plan, or null when it does not belong there. Only a seat
 * held ("iscritto") is training: a valid certificate issued by now makes it "certificata" (its
 * certified minutes count); an edition that has ended without one is "in-attesa-di-attestato" while
 * its register is open (the trainer has not closed it: certificates are not issued yet, which may
 * take days) and "non-certificata" once it is closed, whatever its nominal hours; before the end it
 * is "in-corso". A waitlist position, an offer or an
 * application is PENDING_PLACE while its edition has not ended, and dropped after (it never
 * became training). The end is editionHasEnded's, as in "Le mie iscrizioni".
 */
export function formaItemState(
  status: string,
  editionEndsOn: Date,
  now: Date,
  validCertificateIssuedAt: Date | null = null,
  attendanceClosedAt: Date | null = null,
): FormaPlaceState | null {
  const ended = editionHasEnded(editionEndsOn, now);
  if (status === "iscritto" && validCertificateIssuedAt !== null && validCertificateIssuedAt <= now)
    return "certificata";
  if (status === "iscritto" && !ended) return "in-corso";
  if (status === "iscritto")
    return attendanceClosedAt !== null && attendanceClosedAt <= now ? "non-certificata" : "in-attesa-di-attestato";
  if (status === "in-attesa" || status === "offerta" || status === "candidato") return ended ? null : PENDING_PLACE;
  return null;
}

/** Does a Forma place of this state fill the grid and count in the hours? Only a seat held does. */
export function isPlanItemState(state: FormaPlaceState): state is PlanItemState {
  return (PLAN_ITEM_STATES as readonly string[]).includes(state);
}

/**
 * External training counts as certified once it has ended (its certificate cannot be dated
 * before its end): dated in the future, it is upcoming and not in the total. Its end date is a day
 * (stored as its first instant in Rome): it ends when that Rome day is over, as an edition does,
 * not at 00:00 of its last day.
 */
export function externalItemState(endsOn: Date, now: Date): PlanItemState {
  return romeDayBounds(endsOn).end <= now ? "certificata" : "in-corso";
}

/** The most hours one piece of training (or the yearly target) may have in the plan. */
export const MAX_PLAN_MINUTES = 2000 * 60;

// ---------------------------------------------------------------------------------------------
// Certificates

export const MAX_CERTIFICATE_BYTES = 5 * 1024 * 1024;
export const CERTIFICATE_TYPES = ["application/pdf", "image/jpeg", "image/png"] as const;
export type CertificateType = (typeof CERTIFICATE_TYPES)[number];

/** The file's real type from its first bytes (the client's name and type are not trusted). */
export function sniffCertificateType(bytes: Uint8Array): CertificateType | null {
  const starts = (sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts([0x25, 0x50, 0x44, 0x46, 0x2d])) return "application/pdf"; // %PDF-
  if (starts([0xff, 0xd8, 0xff])) return "image/jpeg";
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  return null;
}

export type CertificateCheck =
  { ok: true; type: CertificateType } | { ok: false; reason: "too-large" | "bad-type" | "empty" };

export function checkCertificate(bytes: Uint8Array): CertificateCheck {
  if (bytes.length === 0) return { ok: false, reason: "empty" };
  if (bytes.length > MAX_CERTIFICATE_BYTES) return { ok: false, reason: "too-large" };
  const type = sniffCertificateType(bytes);
  return type ? { ok: true, type } : { ok: false, reason: "bad-type" };
}

export function certificateExtension(type: CertificateType): string {
  return type === "application/pdf" ? "pdf" : type === "image/jpeg" ? "jpg" : "png";
}

/**
 * A download name made only of safe characters, from the training's title (never a path): letters
 * in other alphabets written in Latin ones by any-ascii, as fileNameOf does for Forma's certificates
 * ("Διεπιστημονικό εργαστήριο" → "diepistimoniko-ergastirio"): dropping what is not a-z left
 * nothing of a Greek or Cyrillic title, and every such file was "attestato-attestato.pdf".
 */
export function certificateDownloadName(title: string, type: CertificateType): string {
  const base =
    anyAscii(title)
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60)
      .replace(/-+$/, "") || "attestato";
  return `attestato-${base}.${certificateExtension(type)}`;
}
