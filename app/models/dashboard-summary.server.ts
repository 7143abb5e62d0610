// The dashboard's summary tables (ADR 0021), rebuilt from the registers by the "cruscotto"
// background job: DashboardFact (places, additive), DashboardReachCount (distinct teachers, counted under every
// event filter from their activity's bit masks, app/domain/dashboard-summary.ts) and DashboardEditionFact (seats
// and questionnaire answers).
//
// A rebuild never blocks the app: it reads the registers a few editions at a time, writes the new
// rows under a new generation in short transactions, then points DashboardSummary at that
// generation in one small update (the dashboard switches from one whole build to the next) and
// removes the older generations in short transactions. One instance rebuilds at a time (a lease on
// the DashboardSummary row), and a build is skipped while the last one is younger than the interval,
// so several workers and instances do the work once.
//
// It runs inside the serving workers, and on SQLite its reads and writes are synchronous: it gives
// the event loop back once SLICE_MS of work have passed (app/utils/time-slices.ts), and each read
// and write is sized to take milliseconds, so a request on that worker waits for one step of the
// build, not for the build (ADR 0021 addendum (6)).
import { editionSeatsCount } from "~/domain/dashboard.ts";
import {
  REACH_COUNT_COLUMNS,
  REACH_FILTERS,
  activityBit,
  countReach,
  inRegionScope,
  levelSlotOf,
  schoolMonthOf,
} from "~/domain/dashboard-summary.ts";
import { databaseEngine, prisma } from "~/utils/db.server.ts";
import { getEnv } from "~/utils/env.server.ts";
import { pgPool } from "~/utils/pg-pool.server.ts";
import { immediateTransaction, prepared } from "~/utils/sqlite-direct.server.ts";
import type { ReadSource } from "~/utils/read-replica.server.ts";
import { sqlRead, sqlReadFrom, toDate, toInt } from "~/utils/sql.server.ts";
import { forEachInSlices, timeSlicer, type TimeSlicer } from "~/utils/time-slices.ts";
import { PRESENT_STATUSES } from "~/domain/attendance.ts";
import {
  ATTRIBUTED,
  ATTRIBUTED_PROFILE_JOIN,
  OVERALL_SCORE_SQL,
  QUEUED_STATUSES,
  sqlList,
} from "./dashboard-live.server.ts";

const SUMMARY_ID = "cruscotto";
/** Editions read per page of the editions' read (one row each). */
const EDITIONS_PER_PAGE = 1_000;
/**
 * At most this many editions per read of their enrolments (the statement's placeholders). On SQLite how many a read
 * takes is set by how long the last one took, towards ENROLMENT_READ_MS: the read holds the event loop (a read of
 * 400 editions, about 12,000 rows at national volume, held it 0.3–0.9 s), and editions differ in size. On PostgreSQL
 * the read waits on the server without holding the loop: every read takes this many (sized by its time, reads
 * shrank to one edition on a loaded machine, and the build took 120 s instead of a few).
 */
const EDITIONS_PER_READ_MAX = 100;
/** The editions the first read of enrolments takes on SQLite. */
const EDITIONS_PER_READ_START = 25;
/** How long a read of enrolments should take (a few hundred rows at national volume). */
const ENROLMENT_READ_MS = 10;
/**
 * Rows written or deleted per transaction: on SQLite a transaction holds the event loop (2,000 rows into
 * DashboardFact's covering index took 40–80 ms), on PostgreSQL one multi-row statement waits on the server.
 */
const ROWS_PER_WRITE = databaseEngine === "sqlite" ? 250 : 2_000;
/**
 * The rebuild lease. A build takes it for LEASE_MS and renews it as it goes, at its next step once
 * LEASE_RENEW_MS of its work have passed (each step, a read of a few editions or a write of
 * ROWS_PER_WRITE rows, takes milliseconds; a PostgreSQL statement at most DATABASE_QUERY_TIMEOUT_MS): a live
 * build keeps it however long it runs, and a build that stops renewing (its instance died, or the
 * database went away mid-build and took the release with it) holds it for LEASE_MS at most, after which
 * the next instance rebuilds. It was a single 30-minute lease: after an outage the figures stayed up to
 * about 45 minutes old. A build whose lease was taken over (it stalled longer than LEASE_MS between two
 * steps) finds it out at its next step, which is then due to renew, and stops; it could never switch
 * the dashboard to its build anyway (the switch requires its generation to be the last one handed out).
 */
const LEASE_MS = 5 * 60_000;
const LEASE_RENEW_MS = 60_000;

/** Thrown by a build's step when another instance has taken its lease over: that build stops. */
class LeaseLost extends Error {}

/** How often the job rebuilds (DASHBOARD_REFRESH_MINUTES, default 15): the page says so. */
export function dashboardRefreshMs(): number {
  return getEnv().DASHBOARD_REFRESH_MINUTES * 60_000;
}

export type DashboardSummaryState = { generation: number; builtAt: Date | null; buildMs: number | null };

/** The build the dashboard reads (generation 0: none yet), or null before the first rebuild ever started. */
export async function dashboardSummaryState(source: ReadSource = "primary"): Promise<DashboardSummaryState | null> {
  const [row] = await sqlReadFrom<{
    generation: number | string;
    builtAt: Date | string | null;
    buildMs: number | null;
  }>(source, `SELECT "generation", "builtAt", "buildMs" FROM "DashboardSummary" WHERE "id" = $1`, SUMMARY_ID);
  if (!row) return null;
  return { generation: toInt(row.generation), builtAt: toDate(row.builtAt), buildMs: toInt(row.buildMs) };
}

export type RebuildResult =
  | { skipped: "fresh" | "busy" }
  | {
      generation: number;
      ms: number;
      editions: number;
      /** Reads of enrolments the build made (their size follows how long each took). */
      enrolmentReads: number;
      facts: number;
      reach: number;
      editionFacts: number;
    };

/** The job: rebuilds when no build exists or the last one is older than the interval. */
export async function refreshDashboardSummary(
  now = new Date(),
  everyMs = dashboardRefreshMs(),
): Promise<RebuildResult> {
  const state = await dashboardSummaryState();
  // A little slack, so that the instance whose timer fires just before the interval ends still counts as due.
  if (state?.builtAt && state.generation > 0 && now.getTime() - state.builtAt.getTime() < everyMs * 0.9) {
    return { skipped: "fresh" };
  }
  return rebuildDashboardSummary(now);
}

/** Rebuilds the summary now (unless another instance is rebuilding it) and switches the dashboard to it. */
export async function rebuildDashboardSummary(now = new Date()): Promise<RebuildResult> {
  const started = performance.now();
  const lease = await claimDashboardRebuild(now);
  if (lease === null) return { skipped: "busy" };
  const { generation, previous } = lease;
  // The build's clock runs from `now` (a test's instant too), and the lease is renewed by it.
  let renewedAt = now.getTime();
  const keepLease = async () => {
    const at = now.getTime() + (performance.now() - started);
    if (at - renewedAt < LEASE_RENEW_MS) return;
    if (!(await renewDashboardRebuild(generation, new Date(at)))) throw new LeaseLost();
    renewedAt = at;
  };
  try {
    const build = await buildGeneration(generation, keepLease);
    const ms = Math.round(performance.now() - started);
    const switched = await prisma.dashboardSummary.updateMany({
      where: { id: SUMMARY_ID, lastGeneration: generation },
      data: { generation, builtAt: now, buildMs: ms },
    });
    // Another instance took the lease over (this one was too slow): its build will be read instead.
    if (switched.count === 0) return { skipped: "busy" };
    // The previous build stays until the next switch, so a page that began reading it finishes on whole figures.
    // Taken over meanwhile: the build is switched all the same, and the next one removes what is left.
    await removeGenerationsBefore(previous, keepLease).catch((error: unknown) => {
      if (!(error instanceof LeaseLost)) throw error;
    });
    return { generation, ms, ...build };
  } catch (error) {
    if (error instanceof LeaseLost) return { skipped: "busy" };
    throw error;
  } finally {
    await prisma.dashboardSummary.updateMany({
      where: { id: SUMMARY_ID, lastGeneration: generation },
      data: { leaseUntil: null },
    });
  }
}

/**
 * Takes the rebuild lease until now + LEASE_MS and a new generation number (and the one read now); null while
 * another instance holds it. What a build that dies at once leaves behind: exported for the tests.
 */
export async function claimDashboardRebuild(now: Date): Promise<{ generation: number; previous: number } | null> {
  if (!(await prisma.dashboardSummary.findUnique({ where: { id: SUMMARY_ID }, select: { id: true } }))) {
    // Two instances may both try at the first start: the second insert fails on the key, harmlessly.
    await prisma.dashboardSummary.create({ data: { id: SUMMARY_ID } }).catch(() => undefined);
  }
  const claimed = await prisma.dashboardSummary.updateMany({
    where: { id: SUMMARY_ID, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
    data: { lastGeneration: { increment: 1 }, leaseUntil: new Date(now.getTime() + LEASE_MS) },
  });
  if (claimed.count === 0) return null;
  const row = await prisma.dashboardSummary.findUniqueOrThrow({ where: { id: SUMMARY_ID } });
  return { generation: row.lastGeneration, previous: row.generation };
}

/**
 * Extends the lease of the build of this generation to now + LEASE_MS; false when that build no longer holds
 * it (another instance took it over, and handed out a later generation).
 */
export async function renewDashboardRebuild(generation: number, now: Date): Promise<boolean> {
  const renewed = await prisma.dashboardSummary.updateMany({
    where: { id: SUMMARY_ID, lastGeneration: generation, leaseUntil: { not: null } },
    data: { leaseUntil: new Date(now.getTime() + LEASE_MS) },
  });
  return renewed.count === 1;
}

type EditionRow = {
  id: string;
  startsOn: Date | string;
  seatCap: number | string | null;
  seatsTaken: number | string;
  status: string;
  eventStatus: string;
  closed: number | string | boolean;
  type: string;
  level: string;
  regionCode: string | null;
};
type EnrolmentRow = {
  editionId: string;
  userId: string;
  status: string;
  regionCode: string;
  schoolLevel: string;
  role: string;
  attended: number | string;
  certified: number | string;
  certifiedMinutes: number | string | null;
};

/** The additive counters of DashboardFact, in the order the build writes them. */
export const FACT_COUNTERS = [
  "rows",
  "enrolled",
  "waitlisted",
  "assessed",
  "attended",
  "completed",
  "certifiedMinutes",
] as const;
type FactCounts = [number, number, number, number, number, number, number];
/** Capped editions, seats, seats taken, answers, sum of their overall scores. */
type EditionCounts = [number, number, number, number, number];

/**
 * The rows in the order of a stable sort by their sort key (elements compared in turn: numbers by value, strings by
 * localeCompare), rows of one key keeping their order: only the distinct keys (a few thousand) are sorted. Sorting the
 * 60,000 rows of a table with localeCompare held the event loop 150–350 ms. `keyOf` must give equal keys for rows
 * that compare equal (ours are vocabulary codes, school years and 0/1).
 */
async function sortedByKey<T>(rows: Iterable<T>, keyOf: (row: T) => (string | number)[], slicer: TimeSlicer) {
  const buckets = new Map<string, { key: (string | number)[]; rows: T[] }>();
  await forEachInSlices(
    rows,
    (row) => {
      const key = keyOf(row);
      const id = key.join("|");
      let bucket = buckets.get(id);
      if (!bucket) buckets.set(id, (bucket = { key, rows: [] }));
      bucket.rows.push(row);
    },
    slicer,
  );
  const order = [...buckets.values()].sort((a, b) => {
    for (let i = 0; i < a.key.length; i++) {
      const x = a.key[i]!;
      const y = b.key[i]!;
      const order = typeof x === "number" ? x - Number(y) : x.localeCompare(String(y));
      if (order !== 0) return order;
    }
    return 0;
  });
  const sorted: T[] = [];
  for (const bucket of order) {
    for (const row of bucket.rows) sorted.push(row);
    await slicer.pause();
  }
  return sorted;
}

/**
 * Reads the registers and writes one generation of the three tables; returns how many rows of each.
 * keepLease runs before each step (it renews the lease, or throws when it was taken over).
 */
async function buildGeneration(generation: number, keepLease: () => Promise<void>) {
  // Every step below gives the event loop back once SLICE_MS of work have passed since it last did.
  const slicer = timeSlicer();
  type Edition = Omit<EditionRow, "closed"> & { year: number; month: number; closed: boolean };
  const editionById = new Map<string, Edition>();
  // In pages, in id order (a keyset on the primary key).
  for (let after = ""; ;) {
    const page = await sqlRead<EditionRow>(
      `SELECT ed."id", ed."startsOn", ed."seatCap", ed."seatsTaken", ed."status",
              CASE WHEN ed."attendanceClosedAt" IS NULL THEN 0 ELSE 1 END AS "closed",
              ev."type", ev."level", ev."regionCode", ev."status" AS "eventStatus"
       FROM "Edition" ed JOIN "Event" ev ON ev."id" = ed."eventId"
       WHERE ed."id" > $1
       ORDER BY ed."id"
       LIMIT ${EDITIONS_PER_PAGE}`,
      after,
    );
    await forEachInSlices(
      page,
      (e) =>
        editionById.set(e.id, {
          ...e,
          ...schoolMonthOf(toDate(e.startsOn)),
          closed: Number(e.closed) === 1 || e.closed === true,
        }),
      slicer,
    );
    if (page.length < EDITIONS_PER_PAGE) break;
    after = page[page.length - 1]!.id;
    await slicer.pause();
  }

  const facts = new Map<string, { key: (string | number)[]; counts: FactCounts }>();
  const teachers = new Map<
    string,
    { year: number; regionCode: string; schoolLevel: string; role: string; masks: bigint[] }
  >();
  const editionFacts = new Map<string, { key: (string | number)[]; counts: EditionCounts }>();
  const editionFact = (e: NonNullable<ReturnType<typeof editionById.get>>) => {
    const eventRegion = e.level === "regionale" ? (e.regionCode ?? "") : "";
    const key = [e.year, e.month, e.type, e.level, eventRegion];
    const id = key.join("|");
    let fact = editionFacts.get(id);
    if (!fact) editionFacts.set(id, (fact = { key, counts: [0, 0, 0, 0, 0] }));
    return fact.counts;
  };
  await forEachInSlices(
    editionById.values(),
    (e) => {
      const seatCap = e.seatCap === null ? null : toInt(e.seatCap);
      if (seatCap === null || !editionSeatsCount({ seatCap, status: e.status, eventStatus: e.eventStatus })) return;
      const counts = editionFact(e);
      counts[0] += 1;
      counts[1] += seatCap;
      counts[2] += toInt(e.seatsTaken);
    },
    slicer,
  );

  const ids = [...editionById.keys()];
  const inList = Array.from({ length: EDITIONS_PER_READ_MAX }, (_, i) => `$${i + 1}`).join(", ");
  const present = sqlList(PRESENT_STATUSES);
  const overall = OVERALL_SCORE_SQL;
  const sizedByTime = databaseEngine === "sqlite";
  let editionsPerRead = sizedByTime ? EDITIONS_PER_READ_START : EDITIONS_PER_READ_MAX;
  let enrolmentReads = 0;
  for (let start = 0; start < ids.length;) {
    await keepLease();
    enrolmentReads += 1;
    // A fixed number of placeholders (a batch repeats its last id), so one prepared statement serves every batch.
    const batch = ids.slice(start, start + editionsPerRead);
    start += batch.length;
    while (batch.length < EDITIONS_PER_READ_MAX) batch.push(batch[batch.length - 1]!);
    const readStarted = performance.now();
    const enrolments = await sqlRead<EnrolmentRow>(
      `SELECT en."editionId", en."userId", en."status",
              ${ATTRIBUTED.region} AS "regionCode", ${ATTRIBUTED.schoolLevel} AS "schoolLevel", ${ATTRIBUTED.role} AS "role",
              CASE WHEN en."status" = 'iscritto' AND EXISTS (
                     SELECT 1 FROM "AttendanceRecord" ar WHERE ar."enrolmentId" = en."id" AND ar."status" IN (${present}))
                   THEN 1 ELSE 0 END AS "attended",
              CASE WHEN c."id" IS NULL THEN 0 ELSE 1 END AS "certified",
              c."certifiedMinutes"
       FROM "Enrolment" en
       JOIN "User" u ON u."id" = en."userId"
       ${ATTRIBUTED_PROFILE_JOIN}
       LEFT JOIN "Certificate" c ON c."activeKey" = en."id"
       WHERE en."editionId" IN (${inList})`,
      ...batch,
    );
    // The next read takes as many editions as should take ENROLMENT_READ_MS, at most twice as many as this one.
    const readMs = performance.now() - readStarted;
    if (sizedByTime)
      editionsPerRead = Math.max(
        1,
        Math.min(
          EDITIONS_PER_READ_MAX,
          2 * editionsPerRead,
          Math.round((editionsPerRead * ENROLMENT_READ_MS) / readMs),
        ),
      );
    await slicer.pause();
    await forEachInSlices(
      enrolments,
      (en) => {
        const e = editionById.get(en.editionId)!;
        const own = inRegionScope(e.level, e.regionCode, en.regionCode);
        const key = [e.year, e.month, e.type, e.level, own ? 1 : 0, en.regionCode, en.schoolLevel, en.role];
        const id = key.join("|");
        let fact = facts.get(id);
        if (!fact) facts.set(id, (fact = { key, counts: [0, 0, 0, 0, 0, 0, 0] }));
        const c = fact.counts;
        const holds = en.status === "iscritto";
        const assessed = holds && e.closed;
        c[0] += 1;
        if (holds) c[1] += 1;
        if ((QUEUED_STATUSES as readonly string[]).includes(en.status)) c[2] += 1;
        if (assessed) {
          c[3] += 1;
          if (toInt(en.attended) === 1) c[4] += 1;
          if (toInt(en.certified) === 1) c[5] += 1;
          c[6] += toInt(en.certifiedMinutes ?? 0);
        }
        if (holds) {
          // One teacher per attributed profile: a teacher whose region, school level or role changed
          // during the school year is counted under each profile their places were made under (ADR 0093).
          const teacherKey = `${e.year}|${en.userId}|${en.regionCode}|${en.schoolLevel}|${en.role}`;
          let teacher = teachers.get(teacherKey);
          if (!teacher) {
            teacher = {
              year: e.year,
              regionCode: en.regionCode,
              schoolLevel: en.schoolLevel,
              role: en.role,
              masks: Array(12).fill(0n),
            };
            teachers.set(teacherKey, teacher);
          }
          const bit = activityBit(e.type, levelSlotOf(e.level, e.regionCode, en.regionCode));
          teacher.masks[e.month] = teacher.masks[e.month]! | bit;
        }
      },
      slicer,
    );
    const answers = await sqlRead<{ editionId: string; responses: number | string; sum: number | string | null }>(
      `SELECT qr."editionId", COUNT(*) AS "responses", SUM(${overall}) AS "sum"
       FROM "QuestionnaireResponse" qr
       WHERE qr."editionId" IN (${inList}) AND ${overall} BETWEEN 1 AND 5
       GROUP BY qr."editionId"`,
      ...batch,
    );
    for (const a of answers) {
      const counts = editionFact(editionById.get(a.editionId)!);
      counts[3] += toInt(a.responses);
      counts[4] += toInt(a.sum ?? 0);
    }
    await slicer.pause();
  }

  // Teachers with the same attributes and the same activity are counted once, then each group of the same year,
  // region, school level and role is counted under every event filter a view can carry (ADR 0021 addendum (5)).
  const groups = new Map<
    string,
    { key: (string | number)[]; rows: Map<string, { masks: bigint[]; teachers: number }> }
  >();
  await forEachInSlices(
    teachers.values(),
    (t) => {
      const groupId = `${t.year}|${t.regionCode}|${t.schoolLevel}|${t.role}`;
      let group = groups.get(groupId);
      if (!group)
        groups.set(groupId, (group = { key: [t.year, t.regionCode, t.schoolLevel, t.role], rows: new Map() }));
      const masksId = t.masks.join(",");
      const row = group.rows.get(masksId);
      if (row) row.teachers += 1;
      else group.rows.set(masksId, { masks: t.masks, teachers: 1 });
    },
    slicer,
  );
  teachers.clear();
  const reachRows: (string | number)[][] = [];
  for (const group of groups.values()) {
    const [year, regionCode, schoolLevel, role] = group.key;
    countReach([...group.rows.values()]).forEach((counts, i) => {
      if (!counts) return;
      const filter = REACH_FILTERS[i]!;
      reachRows.push([
        year!,
        filter.type,
        filter.level,
        filter.referentScope,
        regionCode!,
        schoolLevel!,
        role!,
        counts.teachers,
        ...counts.months,
        ...counts.types,
        ...counts.levels,
      ]);
    });
    await slicer.pause();
  }
  groups.clear();

  // Written in the order views read them (school year, then region), so that a view's rows sit together on disk.
  const factRows = await sortedByKey(facts.values(), (f) => [f.key[0]!, f.key[5]!], slicer);
  // Reach counts: by year, then event filter (a view reads one filter's rows), then region.
  const sortedReachRows = await sortedByKey(reachRows, (r) => r.slice(0, 5), slicer);
  await insertRows(
    keepLease,
    slicer,
    "DashboardFact",
    [
      "generation",
      "year",
      "month",
      "eventType",
      "eventLevel",
      "inRegionScope",
      "regionCode",
      "schoolLevel",
      "role",
      ...FACT_COUNTERS,
    ],
    factRows,
    (f) => [generation, ...f.key, ...f.counts],
  );
  await insertRows(
    keepLease,
    slicer,
    "DashboardReachCount",
    [
      "generation",
      "year",
      "eventType",
      "eventLevel",
      "referentScope",
      "regionCode",
      "schoolLevel",
      "role",
      "teachers",
      ...REACH_COUNT_COLUMNS,
    ],
    sortedReachRows,
    (r) => [generation, ...r],
  );
  await insertRows(
    keepLease,
    slicer,
    "DashboardEditionFact",
    [
      "generation",
      "year",
      "month",
      "eventType",
      "eventLevel",
      "eventRegion",
      "cappedEditions",
      "seatCap",
      "seatsTaken",
      "responses",
      "answerSum",
    ],
    [...editionFacts.values()],
    (f) => [generation, ...f.key, ...f.counts],
  );
  return {
    editions: editionById.size,
    enrolmentReads,
    facts: facts.size,
    reach: reachRows.length,
    editionFacts: editionFacts.size,
  };
}

const SUMMARY_TABLES = ["DashboardFact", "DashboardReachCount", "DashboardEditionFact"] as const;

/**
 * Writes rows (each as toValues gives its columns) in transactions of ROWS_PER_WRITE, giving the event loop back
 * between them as the slicer says. SQLite: the direct connection, one prepared INSERT per row inside BEGIN IMMEDIATE
 * (a few milliseconds per transaction); PostgreSQL: one multi-row INSERT per transaction.
 */
async function insertRows<T>(
  keepLease: () => Promise<void>,
  slicer: TimeSlicer,
  table: (typeof SUMMARY_TABLES)[number],
  columns: string[],
  rows: readonly T[],
  toValues: (row: T) => (string | number)[],
) {
  const columnList = columns.map((c) => `"${c}"`).join(", ");
  // PostgreSQL binds at most 65,535 parameters per statement.
  const rowsPerWrite = Math.min(ROWS_PER_WRITE, Math.floor(65_535 / columns.length));
  for (let start = 0; start < rows.length; start += rowsPerWrite) {
    await keepLease();
    const chunk = rows.slice(start, start + rowsPerWrite).map(toValues);
    if (databaseEngine === "sqlite") {
      const sql = `INSERT INTO "${table}" (${columnList}) VALUES (${columns.map(() => "?").join(", ")})`;
      await immediateTransaction(() => {
        const insert = prepared(sql);
        for (const row of chunk) insert.run(...row);
      });
    } else {
      const values = chunk.map((_, r) => `(${columns.map((__, c) => `$${r * columns.length + c + 1}`).join(", ")})`);
      await pgPool().query(`INSERT INTO "${table}" (${columnList}) VALUES ${values.join(", ")}`, chunk.flat());
    }
    await slicer.pause();
  }
}

/** Deletes the rows of generations before this one (and of builds that never finished), ROWS_PER_WRITE at a time. */
async function removeGenerationsBefore(generation: number, keepLease: () => Promise<void>) {
  const slicer = timeSlicer();
  for (const table of SUMMARY_TABLES) {
    for (;;) {
      await keepLease();
      let removed: number;
      if (databaseEngine === "sqlite") {
        const sql = `DELETE FROM "${table}" WHERE "id" IN (SELECT "id" FROM "${table}" WHERE "generation" < ? LIMIT ${ROWS_PER_WRITE})`;
        removed = await immediateTransaction(() => prepared(sql).run(generation).changes);
      } else {
        const result = await pgPool().query(
          `DELETE FROM "${table}" WHERE "id" IN (SELECT "id" FROM "${table}" WHERE "generation" < $1 LIMIT ${ROWS_PER_WRITE})`,
          [generation],
        );
        removed = result.rowCount ?? 0;
      }
      await slicer.pause();
      if (removed < ROWS_PER_WRITE) break;
    }
  }
}
