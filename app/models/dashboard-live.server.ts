// The dashboard's counts computed live from the registers (issue 16): the grouped queries of
// ADR 0018, the same plain SQL text on both engines (app/utils/sql.server.ts). Since ADR 0021 the
// dashboard reads the summary tables (app/models/dashboard-summary.server.ts) instead; these queries
// remain the definition the summary must agree with (the integration tests and
// `bench/dashboard-bench.ts --verify` compare the two) and answer until the first build exists.
import { PRESENT_STATUSES } from "~/domain/attendance.ts";
import {
  EMPTY_COUNTS,
  SEAT_OFFERING_EVENT_STATUSES,
  schoolYearMonths,
  schoolYearRange,
  type DashboardDimension,
  type DashboardFilters,
  type GroupCounts,
} from "~/domain/dashboard.ts";
import { databaseEngine } from "~/utils/db.server.ts";
import type { ReadSource } from "~/utils/read-replica.server.ts";
import { sqlDate, sqlReadFrom, toInt, type SqlParam } from "~/utils/sql.server.ts";
import type { CrossedCell } from "~/domain/dashboard.ts";
import type { DashboardScope, EditionSide, RawCounts } from "./dashboard.server.ts";

/**
 * Enrolment statuses of a request that queued (waiting, holding an offer, offer expired or declined, or still
 * waiting when the edition ended).
 */
export const QUEUED_STATUSES = [
  "in-attesa",
  "offerta",
  "offerta-scaduta",
  "offerta-rifiutata",
  "attesa-conclusa",
] as const;
/** Fixed vocabulary values as an SQL list (never user input). */
export const sqlList = (values: readonly string[]) => values.map((v) => `'${v}'`).join(", ");
/** The overall question ("complessivo", 1..5) of an anonymous questionnaire response `qr`. */
export const OVERALL_SCORE_SQL =
  databaseEngine === "sqlite"
    ? `CAST(json_extract(qr."answers", '$.complessivo') AS INTEGER)`
    : `CAST(qr."answers"::jsonb ->> 'complessivo' AS INTEGER)`;

/**
 * A place `en` counts under the region, school level and role its teacher `u` had when it was created
 * (ADR 0093): the first of the teacher's past states (UserProfilePeriod) still in effect at
 * `en."createdAt"`, one lookup on the (userId, validUntil) index; none (no change since) → the User
 * row's current values. Both the live count and the summary build join it the same way.
 */
export const ATTRIBUTED_PROFILE_JOIN = `LEFT JOIN "UserProfilePeriod" pp ON pp."id" = (
       SELECT p1."id" FROM "UserProfilePeriod" p1
       WHERE p1."userId" = en."userId" AND p1."validUntil" > en."createdAt"
       ORDER BY p1."validUntil" LIMIT 1)`;
/** The attributed columns (ADR 0093); the three are never null on either row. */
export const ATTRIBUTED = {
  region: `COALESCE(pp."regionCode", u."regionCode")`,
  schoolLevel: `COALESCE(pp."schoolLevel", u."schoolLevel")`,
  role: `COALESCE(pp."professionalRole", u."professionalRole")`,
} as const;

const ENROLMENT_KEYS: Record<Exclude<DashboardDimension, "month">, string> = {
  ...ATTRIBUTED,
  type: `ev."type"`,
  level: `ev."level"`,
};

/**
 * "Teachers reached": distinct teachers holding a place, a teacher counted once per profile
 * (region, school level, role) their places of the view are attributed to (ADR 0093), as the
 * summary's build counts them (DashboardReachCount); with no change of profile, distinct teachers.
 */
const REACHED_KEY = `en."userId" || '|' || ${ATTRIBUTED.region} || '|' || ${ATTRIBUTED.schoolLevel} || '|' || ${ATTRIBUTED.role}`;

/** Builds a parameter list as placeholders are used ($1, $2…). */
export class Params {
  readonly values: SqlParam[] = [];
  add(value: SqlParam): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** The month of the edition's first day, as the index 0..11 of the school year's months (Rome midnights). */
function monthKeyExpr(year: number, column: string, p: Params): string {
  const months = schoolYearMonths(year);
  const branches = months
    .slice(1)
    .map((m, i) => `WHEN ${column} < ${p.add(sqlDate(m.from))} THEN ${i}`)
    .join(" ");
  return `CASE ${branches} ELSE 11 END`;
}

/** Conditions on the edition and event every query shares: the school year, event type and level. */
function editionConditions(filters: DashboardFilters, p: Params): string[] {
  const { from, toExclusive } = schoolYearRange(filters.year);
  const where = [`ed."startsOn" >= ${p.add(sqlDate(from))}`, `ed."startsOn" < ${p.add(sqlDate(toExclusive))}`];
  if (filters.type) where.push(`ev."type" = ${p.add(filters.type)}`);
  if (filters.level) where.push(`ev."level" = ${p.add(filters.level)}`);
  return where;
}

/** A place cell's keys in the view's crossing dimensions (crossingDims): the month as its index until assemble. */
export function cellKeys(
  scope: DashboardScope,
  filters: DashboardFilters,
  region: string,
  month: string,
  byKey: string,
): Partial<Record<DashboardDimension, string>> {
  const keys: Partial<Record<DashboardDimension, string>> = { month };
  if (scope.kind === "national") keys.region = region;
  if (filters.by !== "month" && filters.by !== "region") keys[filters.by] = byKey;
  return keys;
}

/** The region whose figures are asked for: the referent's own, or the national unit's region filter. */
export function regionOf(scope: DashboardScope, filters: DashboardFilters): string | undefined {
  return scope.kind === "region" ? scope.regionCode : filters.region;
}

async function enrolmentGroups(
  scope: DashboardScope,
  filters: DashboardFilters,
  by: DashboardDimension | null | readonly DashboardDimension[],
  source: ReadSource,
): Promise<Map<string, GroupCounts>> {
  const p = new Params();
  const keyOf = (dim: DashboardDimension) =>
    dim === "month" ? monthKeyExpr(filters.year, `ed."startsOn"`, p) : ENROLMENT_KEYS[dim];
  // Several dimensions (the view's cells): one key, the values joined by "|" (none of them holds one).
  const keyExpr =
    by === null
      ? `'all'`
      : typeof by === "string"
        ? keyOf(by)
        : by.map((dim) => `CAST(${keyOf(dim)} AS TEXT)`).join(` || '|' || `);
  const where = editionConditions(filters, p);
  const region = regionOf(scope, filters);
  if (region) {
    const r = p.add(region);
    where.push(`${ATTRIBUTED.region} = ${r}`);
    // A referent follows their region's own events and the national and European ones, not another region's.
    if (scope.kind === "region") where.push(`(ev."level" <> 'regionale' OR ev."regionCode" = ${r})`);
  }
  if (filters.schoolLevel) where.push(`${ATTRIBUTED.schoolLevel} = ${p.add(filters.schoolLevel)}`);
  if (filters.role) where.push(`${ATTRIBUTED.role} = ${p.add(filters.role)}`);
  // Join the event only when a filter, the scope or the grouping reads it (fewer lookups per row); the
  // person and their past profile always: the distinct teachers are counted per attributed profile.
  const sql = [keyExpr, ...where].join(" ");
  const needsEvent = /\bev\."/.test(sql);
  const rows = await sqlReadFrom<Record<string, string | number | bigint | null>>(
    source,
    `SELECT ${keyExpr} AS "key",
            COUNT(DISTINCT CASE WHEN en."status" = 'iscritto' THEN ${REACHED_KEY} END) AS "teachers",
            SUM(CASE WHEN en."status" = 'iscritto' THEN 1 ELSE 0 END) AS "enrolled",
            SUM(CASE WHEN en."status" IN (${sqlList(QUEUED_STATUSES)}) THEN 1 ELSE 0 END) AS "waitlisted",
            SUM(CASE WHEN en."status" = 'iscritto' AND ed."attendanceClosedAt" IS NOT NULL THEN 1 ELSE 0 END) AS "assessed",
            SUM(CASE WHEN en."status" = 'iscritto' AND ed."attendanceClosedAt" IS NOT NULL AND EXISTS (
                  SELECT 1 FROM "AttendanceRecord" ar
                  WHERE ar."enrolmentId" = en."id" AND ar."status" IN (${sqlList(PRESENT_STATUSES)}))
                THEN 1 ELSE 0 END) AS "attended",
            SUM(CASE WHEN en."status" = 'iscritto' AND ed."attendanceClosedAt" IS NOT NULL AND c."id" IS NOT NULL THEN 1 ELSE 0 END) AS "completed",
            SUM(CASE WHEN en."status" = 'iscritto' AND ed."attendanceClosedAt" IS NOT NULL THEN COALESCE(c."certifiedMinutes", 0) ELSE 0 END) AS "certifiedMinutes"
     FROM "Enrolment" en
     JOIN "Edition" ed ON ed."id" = en."editionId"
     ${needsEvent ? `JOIN "Event" ev ON ev."id" = ed."eventId"` : ""}
     JOIN "User" u ON u."id" = en."userId"
     ${ATTRIBUTED_PROFILE_JOIN}
     LEFT JOIN "Certificate" c ON c."activeKey" = en."id"
     WHERE ${where.join(" AND ")}
     ${by === null ? "" : `GROUP BY ${keyExpr}`}`,
    ...p.values,
  );
  const out = new Map<string, GroupCounts>();
  for (const row of rows) {
    const n = (name: string) => toInt((row[name] ?? 0) as number | string);
    out.set(String(row.key), {
      ...EMPTY_COUNTS,
      teachers: n("teachers"),
      enrolled: n("enrolled"),
      waitlisted: n("waitlisted"),
      assessed: n("assessed"),
      attended: n("attended"),
      completed: n("completed"),
      certifiedMinutes: n("certifiedMinutes"),
    });
  }
  return out;
}

/**
 * Seats and questionnaire answers belong to editions, not to teachers: they are counted over the
 * editions the scope organises (a referent: their region's regional events; the national unit:
 * all, or one region's regional events with the region filter), and not at all when the view is
 * narrowed to a school level or role (answers are anonymous; seats are not per role).
 */
async function editionGroups(
  scope: DashboardScope,
  filters: DashboardFilters,
  by: "type" | "level" | "month",
  source: ReadSource,
): Promise<Map<string, EditionSide>> {
  const out = new Map<string, EditionSide>();
  if (filters.schoolLevel || filters.role) return out;
  const region = regionOf(scope, filters);
  const build = () => {
    const p = new Params();
    const keyExpr = by === "month" ? monthKeyExpr(filters.year, `ed."startsOn"`, p) : `ev."${by}"`;
    const where = editionConditions(filters, p);
    if (region) where.push(`ev."level" = 'regionale'`, `ev."regionCode" = ${p.add(region)}`);
    return { p, keyExpr, where };
  };
  const seats = build();
  const seatRows = await sqlReadFrom<{ key: string | number; cap: number | string; taken: number | string }>(
    source,
    `SELECT ${seats.keyExpr} AS "key", SUM(ed."seatCap") AS "cap", SUM(ed."seatsTaken") AS "taken"
     FROM "Edition" ed JOIN "Event" ev ON ev."id" = ed."eventId"
     WHERE ${seats.where.join(" AND ")} AND ed."seatCap" IS NOT NULL AND ed."status" <> 'annullata'
       AND ev."status" IN (${sqlList(SEAT_OFFERING_EVENT_STATUSES)})
     GROUP BY ${seats.keyExpr}`,
    ...seats.p.values,
  );
  for (const row of seatRows) {
    out.set(String(row.key), { seats: { cap: toInt(row.cap), taken: toInt(row.taken) }, satisfaction: null });
  }
  const answers = build();
  const overall = OVERALL_SCORE_SQL;
  const answerRows = await sqlReadFrom<{
    key: string | number;
    responses: number | string;
    sum: number | string | null;
  }>(
    source,
    `SELECT ${answers.keyExpr} AS "key", COUNT(*) AS "responses", SUM(${overall}) AS "sum"
     FROM "QuestionnaireResponse" qr
     JOIN "Edition" ed ON ed."id" = qr."editionId"
     JOIN "Event" ev ON ev."id" = ed."eventId"
     WHERE ${answers.where.join(" AND ")} AND ${overall} BETWEEN 1 AND 5
     GROUP BY ${answers.keyExpr}`,
    ...answers.p.values,
  );
  for (const row of answerRows) {
    const key = String(row.key);
    const satisfaction = { responses: toInt(row.responses), sum: toInt(row.sum ?? 0) };
    out.set(key, { seats: out.get(key)?.seats ?? null, satisfaction });
  }
  return out;
}

/**
 * The view's seats by month and its breakdown's event type or level at once (its cells: ADR 0018, addendum
 * 07/12/2026 (3)); none where seats are not counted (a school level or role filter).
 */
async function seatCellRows(
  scope: DashboardScope,
  filters: DashboardFilters,
  source: ReadSource,
): Promise<CrossedCell[]> {
  if (filters.schoolLevel || filters.role) return [];
  const eventBy = filters.by === "type" || filters.by === "level" ? filters.by : null;
  const p = new Params();
  const monthExpr = monthKeyExpr(filters.year, `ed."startsOn"`, p);
  const where = editionConditions(filters, p);
  const region = regionOf(scope, filters);
  if (region) where.push(`ev."level" = 'regionale'`, `ev."regionCode" = ${p.add(region)}`);
  const keyExpr = eventBy ? `ev."${eventBy}"` : `''`;
  const rows = await sqlReadFrom<{ month: string | number; key: string; cap: number | string; taken: number | string }>(
    source,
    `SELECT ${monthExpr} AS "month", ${keyExpr} AS "key", SUM(ed."seatCap") AS "cap", SUM(ed."seatsTaken") AS "taken"
     FROM "Edition" ed JOIN "Event" ev ON ev."id" = ed."eventId"
     WHERE ${where.join(" AND ")} AND ed."seatCap" IS NOT NULL AND ed."status" <> 'annullata'
       AND ev."status" IN (${sqlList(SEAT_OFFERING_EVENT_STATUSES)})
     GROUP BY ${monthExpr}${eventBy ? `, ${keyExpr}` : ""}`,
    ...p.values,
  );
  return rows.map((row) => ({
    keys: { month: String(row.month), ...(eventBy ? { [eventBy]: String(row.key) } : {}) },
    counts: { ...EMPTY_COUNTS, seats: { cap: toInt(row.cap), taken: toInt(row.taken) } },
  }));
}

/** The live grouped queries of one view (at most eight, run together). */
export async function liveRawCounts(
  scope: DashboardScope,
  filters: DashboardFilters,
  source: ReadSource = "primary",
): Promise<RawCounts> {
  const eventSideBy = filters.by === "type" || filters.by === "level" ? filters.by : null;
  // The view's cells: places by region (national), month and the breakdown at once.
  const cellDims: DashboardDimension[] = scope.kind === "national" ? ["region", "month"] : ["month"];
  if (filters.by !== "region" && filters.by !== "month") cellDims.push(filters.by);
  const [total, by, months, regions, monthEditions, byEditions, places, seatCells] = await Promise.all([
    enrolmentGroups(scope, filters, null, source),
    filters.by === "month" ? null : enrolmentGroups(scope, filters, filters.by, source),
    enrolmentGroups(scope, filters, "month", source),
    scope.kind === "national" && filters.by !== "region" ? enrolmentGroups(scope, filters, "region", source) : null,
    editionGroups(scope, filters, "month", source),
    eventSideBy ? editionGroups(scope, filters, eventSideBy, source) : null,
    enrolmentGroups(scope, filters, cellDims, source),
    seatCellRows(scope, filters, source),
  ]);
  const placeCells = [...places.entries()].map(([key, counts]) => {
    const parts = Object.fromEntries(key.split("|").map((value, i) => [cellDims[i]!, value]));
    const byKey = filters.by === "region" || filters.by === "month" ? "" : (parts[filters.by] ?? "");
    return {
      keys: cellKeys(scope, filters, parts.region ?? "", parts.month!, byKey),
      counts: { ...counts, teachers: 0 },
    };
  });
  return {
    total: total.get("all") ?? EMPTY_COUNTS,
    by,
    months,
    regions,
    monthEditions,
    byEditions,
    placeCells,
    seatCells,
  };
}
