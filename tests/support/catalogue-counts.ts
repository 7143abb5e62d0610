// The catalogue's counts per filter value (docs/decisions/0041-catalogue-counts-per-filter-value.md) against a
// recount: what the triggers keep in "CatalogueEntry" and "CatalogueCount" must be exactly what the view
// "CatalogueEntryLive" computes from the events, their audiences and editions now, and each count read from them
// (one filter value, or several: ADR 0047) must be the catalogue's own count (its WHERE over the events) at any instant. Used after every kind of write by
// tests/integration/catalogue-counts.test.ts and after every step of tests/integration/ledger-model.test.ts.
import type { CatalogueFilters } from "../../app/domain/catalogue-filters.ts";
import { PROFESSIONAL_ROLES, SCHOOL_LEVELS } from "../../app/domain/vocabulary.ts";
import { catalogueStatements, catalogueWhere, type SqlWhere } from "../../app/models/catalogue.server.ts";
import { databaseEngine } from "../../app/utils/db.server.ts";
import { sqlRead, toInt } from "../../app/utils/sql.server.ts";

const COLUMNS = `"eventId", "key", "day", "endsAt", "closesAt"`;

/** Every difference between the triggers' tables and a recount from the view, as readable lines (none: exact). */
export async function catalogueSummaryDrift(): Promise<string[]> {
  const entries = await sqlRead<{ side: string; eventId: string; key: string; day: string }>(
    `SELECT 'missing' AS "side", m."eventId", m."key", m."day" FROM (
       SELECT ${COLUMNS} FROM "CatalogueEntryLive" EXCEPT SELECT ${COLUMNS} FROM "CatalogueEntry") m
     UNION ALL
     SELECT 'extra' AS "side", x."eventId", x."key", x."day" FROM (
       SELECT ${COLUMNS} FROM "CatalogueEntry" EXCEPT SELECT ${COLUMNS} FROM "CatalogueEntryLive") x`,
  );
  const recount = `SELECT "key", "day", COUNT(*) AS "n" FROM "CatalogueEntryLive" GROUP BY "key", "day"`;
  // A (key, day) count is the sum of its rows: the folded one and, on PostgreSQL, those of transactions not yet
  // folded (ADR 0049).
  const kept = `SELECT "key", "day", SUM("n") AS "n" FROM "CatalogueCount" GROUP BY "key", "day"`;
  const counts = await sqlRead<{ key: string; day: string; n: number | bigint | string; recount: number | bigint }>(
    `SELECT c."key", c."day", c."n", COALESCE(r."n", 0) AS "recount"
     FROM (${kept}) c LEFT JOIN (${recount}) r ON r."key" = c."key" AND r."day" = c."day"
     WHERE c."n" <> COALESCE(r."n", 0)
     UNION ALL
     SELECT r."key", r."day", 0 AS "n", r."n" AS "recount" FROM (${recount}) r
     WHERE NOT EXISTS (SELECT 1 FROM "CatalogueCount" c WHERE c."key" = r."key" AND c."day" = r."day")`,
  );
  return [
    ...entries.map((e) => `entry ${e.side}: event ${e.eventId} key "${e.key}" day ${e.day}`),
    ...counts.map((c) => `count of "${c.key}" on ${c.day}: ${toInt(c.n)}, recount ${toInt(c.recount)}`),
    ...(await textIndexKeyDrift()),
  ];
}

/**
 * SQLite (docs/decisions/0053-catalogue-free-text-by-integer-key.md): every event's key in "EventSearch_key" holds a
 * copy of its catalogue columns and text, the close of its "freeSeats" entry, and its school levels and roles as
 * sorted lists between commas (ADR 0057), which the catalogue reads instead of the event's own; the triggers keep
 * them equal. Each difference as a readable line (none: exact; none on PostgreSQL, which has no such copy).
 */
export async function textIndexKeyDrift(): Promise<string[]> {
  if (databaseEngine !== "sqlite") return [];
  const columns = ["status", "startsAt", "endsAt", "type", "mode", "level", "regionCode", "searchText"];
  // Built here in TypeScript's terms (sorted values joined), not with the triggers' SQL.
  const audience = await sqlRead<{ id: string; kind: string; value: string }>(
    `SELECT "eventId" AS "id", 'schoolLevels' AS "kind", "schoolLevel" AS "value" FROM "EventSchoolLevel"
     UNION ALL SELECT "eventId", 'roles', "role" FROM "EventAudienceRole"`,
  );
  const lists = new Map<string, string[]>();
  for (const a of audience) lists.set(`${a.id} ${a.kind}`, [...(lists.get(`${a.id} ${a.kind}`) ?? []), a.value]);
  const listOf = (id: string, kind: string) => {
    const values = lists.get(`${id} ${kind}`);
    return values ? `,${values.sort().join(",")},` : null;
  };
  const copies = await sqlRead<{ eventId: string; schoolLevels: string | null; roles: string | null }>(
    `SELECT "eventId", "schoolLevels", "roles" FROM "EventSearch_key"`,
  );
  const audienceDrift = copies
    .filter((k) => k.schoolLevels !== listOf(k.eventId, "schoolLevels") || k.roles !== listOf(k.eventId, "roles"))
    .map((k) => `text index key: audience unlike its event's ${k.eventId}`);
  const events = `SELECT e."id", ${columns.map((c) => `e."${c}"`).join(", ")}, c."closesAt" FROM "Event" e
    LEFT JOIN "CatalogueEntry" c ON c."eventId" = e."id" AND c."key" = 'freeSeats'`;
  const keys = `SELECT "eventId", ${columns.map((c) => `"${c}"`).join(", ")}, "freeSeatsClosesAt" FROM "EventSearch_key"`;
  const rows = await sqlRead<{ side: string; id: string }>(
    `SELECT 'event without its copy' AS "side", d."id" FROM (${events} EXCEPT ${keys}) d
     UNION ALL
     SELECT 'copy unlike its event' AS "side", d."eventId" FROM (${keys} EXCEPT ${events}) d`,
  );
  return [...rows.map((r) => `text index key: ${r.side} ${r.id}`), ...audienceDrift];
}

/**
 * The filters of each count the summary answers: none, each school level, each role, free seats (ADR 0041), and
 * a few of them together (ADR 0047).
 */
export const SUMMARY_FILTERS: CatalogueFilters[] = [
  {},
  ...SCHOOL_LEVELS.map((schoolLevel) => ({ schoolLevel })),
  ...PROFESSIONAL_ROLES.map((role) => ({ role })),
  { freeSeats: true },
  // (values of tests/integration/catalogue-counts.test.ts's event, and one it does not have)
  { schoolLevel: "primaria", freeSeats: true },
  { role: "docente", freeSeats: true },
  { schoolLevel: "infanzia", role: "dirigente" },
  { schoolLevel: "primaria", role: "docente", freeSeats: true },
  { schoolLevel: "cpia", freeSeats: true },
];

/** Each summary count at each instant against the catalogue's own count (its WHERE over the events). */
export async function catalogueCountMismatches(instants: Date[]): Promise<string[]> {
  const mismatches: string[] = [];
  for (const now of instants) {
    for (const filters of SUMMARY_FILTERS) {
      const totalOf = async (liveCount: boolean) => {
        const { count } = catalogueStatements(filters, 1, { now, pageSize: 20, liveCount });
        const rows = await sqlRead<{ total: number | bigint | string }>(count.sql, ...count.params);
        return toInt(rows[0]?.total ?? 0);
      };
      const [summary, live] = [await totalOf(false), await totalOf(true)];
      if (summary !== live) {
        mismatches.push(`${JSON.stringify(filters)} at ${now.toISOString()}: summary ${summary}, catalogue ${live}`);
      }
    }
  }
  return mismatches;
}

/**
 * The events the catalogue's free-seat filter keeps at each instant, as searches run it (on PostgreSQL from the
 * "freeSeats" entries: docs/decisions/0054-postgresql-free-seats-from-the-catalogue-entry.md), against the rule on
 * the editions themselves (an active edition, still open at that instant, with a free seat): every difference, as
 * readable lines (none: exact). Used after every step of tests/integration/ledger-model.test.ts, with the
 * editions' closes as instants.
 */
export async function freeSeatFilterMismatches(instants: Date[]): Promise<string[]> {
  const idsOf = async (where: SqlWhere) => {
    const rows = await sqlRead<{ id: string }>(`SELECT e."id" FROM "Event" e WHERE ${where.sql}`, ...where.params);
    return new Set(rows.map((r) => r.id));
  };
  // All the instants' statements at once (on PostgreSQL the pool runs them side by side).
  const perInstant = await Promise.all(
    instants.map(async (now) => {
      const searchedWhere = catalogueWhere({ freeSeats: true }, now, { seats: "entries" });
      const editionsWhere = catalogueWhere({ freeSeats: true }, now, { seats: "editions" });
      // SQLite's search tests the editions itself: the same statement, nothing to compare.
      if (searchedWhere.sql === editionsWhere.sql) return [];
      const [searched, editions] = await Promise.all([idsOf(searchedWhere), idsOf(editionsWhere)]);
      return [
        ...[...editions].filter((id) => !searched.has(id)).map((id) => `${now.toISOString()}: event ${id} missing`),
        ...[...searched].filter((id) => !editions.has(id)).map((id) => `${now.toISOString()}: event ${id} extra`),
      ];
    }),
  );
  return perInstant.flat();
}
