// The dashboard's counts (issue 16), computed on request with plain SQL (the same text on both
// engines, app/utils/sql.server.ts) and kept in memory for a few minutes per scope and filters:
// ADR 0018 says why. Only counts leave this module: no name, no id of a person.
//
// Scope: the national unit sees every region; a USR referent sees the participants of their
// region, in their region's events and in national and European events (never another region's
// regional events, never another region's teachers).
import {
  EMPTY_COUNTS,
  TEACHER_DIMENSIONS,
  schoolYearMonths,
  schoolYearRange,
  type DashboardDimension,
  type DashboardFilters,
  type GroupCounts,
} from "~/domain/dashboard.ts";
import { databaseEngine } from "~/utils/db.server.ts";
import type { ReadSource } from "~/utils/read-replica.server.ts";
import { sqlDate, sqlReadFrom, toInt, type SqlParam } from "~/utils/sql.server.ts";

export type DashboardScope = { kind: "national" } | { kind: "region"; regionCode: string };

export type DashboardGroup = { key: string; counts: GroupCounts };

export type DashboardCounts = {
  /** When these counts were computed (they may be served from the cache until CACHE_TTL_MS later). */
  computedAt: Date;
  totals: GroupCounts;
  /** By the chosen dimension (filters.by), every group with at least one row. */
  breakdown: DashboardGroup[];
  /** The school year's twelve months, September first, every month present. */
  months: DashboardGroup[];
  /** Every region with at least one row: the national unit's tile grid (null for a referent). */
  regions: DashboardGroup[] | null;
};

/** How long counts are reused for the same scope and filters: the page says how old they are. */
export const CACHE_TTL_MS = 5 * 60_000;
const CACHE_MAX_ENTRIES = 500;
const cache = new Map<string, { at: number; value: DashboardCounts }>();

/** Forgets every cached count (tests, and after bulk imports). */
export function clearDashboardCache() {
  cache.clear();
}

/**
 * `source`: "replica" lets the read replica answer (ADR 0017; figures a few seconds old are fine
 * for counts that are cached for minutes anyway); the page decides with lagTolerantSource.
 */
export async function dashboardCounts(
  scope: DashboardScope,
  filters: DashboardFilters,
  now: Date = new Date(),
  source: ReadSource = "primary",
): Promise<DashboardCounts> {
  const key = JSON.stringify([scope, filters]);
  const hit = cache.get(key);
  if (hit && now.getTime() - hit.at < CACHE_TTL_MS) return hit.value;
  const value = await computeCounts(scope, filters, now, source);
  if (cache.size >= CACHE_MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  cache.set(key, { at: now.getTime(), value });
  return value;
}

const ENROLMENT_KEYS: Record<Exclude<DashboardDimension, "month">, string> = {
  region: `u."regionCode"`,
  schoolLevel: `u."schoolLevel"`,
  role: `u."professionalRole"`,
  type: `ev."type"`,
  level: `ev."level"`,
};

/** Builds a parameter list as placeholders are used ($1, $2…). */
class Params {
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

/** The region whose figures are asked for: the referent's own, or the national unit's region filter. */
function regionOf(scope: DashboardScope, filters: DashboardFilters): string | undefined {
  return scope.kind === "region" ? scope.regionCode : filters.region;
}

async function enrolmentGroups(
  scope: DashboardScope,
  filters: DashboardFilters,
  by: DashboardDimension | null,
  source: ReadSource,
): Promise<Map<string, GroupCounts>> {
  const p = new Params();
  const keyExpr =
    by === null ? `'all'` : by === "month" ? monthKeyExpr(filters.year, `ed."startsOn"`, p) : ENROLMENT_KEYS[by];
  const where = editionConditions(filters, p);
  const region = regionOf(scope, filters);
  if (region) {
    const r = p.add(region);
    where.push(`u."regionCode" = ${r}`);
    // A referent follows their region's own events and the national and European ones, not another region's.
    if (scope.kind === "region") where.push(`(ev."level" <> 'regionale' OR ev."regionCode" = ${r})`);
  }
  if (filters.schoolLevel) where.push(`u."schoolLevel" = ${p.add(filters.schoolLevel)}`);
  if (filters.role) where.push(`u."professionalRole" = ${p.add(filters.role)}`);
  // Join the event and the person only when a filter, the scope or the grouping reads them (fewer lookups per row).
  const sql = [keyExpr, ...where].join(" ");
  const needsEvent = /\bev\."/.test(sql);
  const needsUser = /\bu\."/.test(sql);
  const rows = await sqlReadFrom<Record<string, string | number | bigint | null>>(
    source,
    `SELECT ${keyExpr} AS "key",
            COUNT(DISTINCT CASE WHEN en."status" = 'iscritto' THEN en."userId" END) AS "teachers",
            SUM(CASE WHEN en."status" = 'iscritto' THEN 1 ELSE 0 END) AS "enrolled",
            SUM(CASE WHEN en."status" IN ('in-attesa', 'offerta', 'offerta-scaduta', 'offerta-rifiutata') THEN 1 ELSE 0 END) AS "waitlisted",
            SUM(CASE WHEN en."status" = 'iscritto' AND ed."attendanceClosedAt" IS NOT NULL THEN 1 ELSE 0 END) AS "assessed",
            SUM(CASE WHEN en."status" = 'iscritto' AND ed."attendanceClosedAt" IS NOT NULL AND EXISTS (
                  SELECT 1 FROM "AttendanceRecord" ar
                  WHERE ar."enrolmentId" = en."id" AND ar."status" IN ('presente', 'ritardo', 'uscita-anticipata'))
                THEN 1 ELSE 0 END) AS "attended",
            SUM(CASE WHEN en."status" = 'iscritto' AND ed."attendanceClosedAt" IS NOT NULL AND c."id" IS NOT NULL THEN 1 ELSE 0 END) AS "completed",
            SUM(CASE WHEN en."status" = 'iscritto' AND ed."attendanceClosedAt" IS NOT NULL THEN COALESCE(c."certifiedMinutes", 0) ELSE 0 END) AS "certifiedMinutes"
     FROM "Enrolment" en
     JOIN "Edition" ed ON ed."id" = en."editionId"
     ${needsEvent ? `JOIN "Event" ev ON ev."id" = ed."eventId"` : ""}
     ${needsUser ? `JOIN "User" u ON u."id" = en."userId"` : ""}
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
): Promise<Map<string, Pick<GroupCounts, "seats" | "satisfaction">>> {
  const out = new Map<string, Pick<GroupCounts, "seats" | "satisfaction">>();
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
     GROUP BY ${seats.keyExpr}`,
    ...seats.p.values,
  );
  for (const row of seatRows) {
    out.set(String(row.key), { seats: { cap: toInt(row.cap), taken: toInt(row.taken) }, satisfaction: null });
  }
  const answers = build();
  // The overall question ("complessivo", 1..5) of each anonymous response.
  const overall =
    databaseEngine === "sqlite"
      ? `CAST(json_extract(qr."answers", '$.complessivo') AS INTEGER)`
      : `CAST(qr."answers"::jsonb ->> 'complessivo' AS INTEGER)`;
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

async function computeCounts(
  scope: DashboardScope,
  filters: DashboardFilters,
  now: Date,
  source: ReadSource,
): Promise<DashboardCounts> {
  const monthKeys = schoolYearMonths(filters.year).map((m) => m.key);
  const eventSideBy = filters.by === "type" || filters.by === "level" ? filters.by : null;
  const [totalRows, byRows, monthRows, regionRows, monthEditions, byEditions] = await Promise.all([
    enrolmentGroups(scope, filters, null, source),
    filters.by === "month" ? null : enrolmentGroups(scope, filters, filters.by, source),
    enrolmentGroups(scope, filters, "month", source),
    scope.kind === "national" && filters.by !== "region" ? enrolmentGroups(scope, filters, "region", source) : null,
    editionGroups(scope, filters, "month", source),
    eventSideBy ? editionGroups(scope, filters, eventSideBy, source) : null,
  ]);
  const withEdition = (counts: GroupCounts, extra: Pick<GroupCounts, "seats" | "satisfaction"> | undefined) => ({
    ...counts,
    seats: extra?.seats ?? null,
    satisfaction: extra?.satisfaction ?? null,
  });
  const editionsCounted = !filters.schoolLevel && !filters.role;
  const months = monthKeys.map((key, i) => ({
    key,
    counts: withEdition(
      monthRows.get(String(i)) ?? EMPTY_COUNTS,
      editionsCounted ? (monthEditions.get(String(i)) ?? { seats: null, satisfaction: null }) : undefined,
    ),
  }));
  // Seats and answers are additive over months (each edition starts in one month): the totals are their sums.
  const totals = withEdition(
    totalRows.get("all") ?? EMPTY_COUNTS,
    editionsCounted ? sumEditionSide(monthEditions) : undefined,
  );
  let breakdown: DashboardGroup[];
  if (filters.by === "month") breakdown = months;
  else {
    breakdown = [...byRows!.entries()]
      .map(([key, counts]) => ({
        key,
        counts: TEACHER_DIMENSIONS.includes(filters.by) ? counts : withEdition(counts, byEditions?.get(key)),
      }))
      .sort((a, b) => b.counts.enrolled - a.counts.enrolled || a.key.localeCompare(b.key));
  }
  const regions =
    scope.kind !== "national"
      ? null
      : filters.by === "region"
        ? breakdown
        : [...regionRows!.entries()].map(([key, counts]) => ({ key, counts }));
  return { computedAt: now, totals, breakdown, months, regions };
}

function sumEditionSide(groups: Map<string, Pick<GroupCounts, "seats" | "satisfaction">>) {
  let seats = null as GroupCounts["seats"];
  let satisfaction = null as GroupCounts["satisfaction"];
  for (const g of groups.values()) {
    if (g.seats) seats = { cap: (seats?.cap ?? 0) + g.seats.cap, taken: (seats?.taken ?? 0) + g.seats.taken };
    if (g.satisfaction)
      satisfaction = {
        responses: (satisfaction?.responses ?? 0) + g.satisfaction.responses,
        sum: (satisfaction?.sum ?? 0) + g.satisfaction.sum,
      };
  }
  return { seats, satisfaction };
}
