// Concurrent writers of the catalogue's counts (docs/decisions/0041-catalogue-counts-per-filter-value.md,
// docs/decisions/0049-catalogue-counts-without-shared-rows.md). The triggers change the counts of (key, day) in the
// writer's own transaction, so two transactions changing events that end on the same day must neither deadlock (two
// count rows taken in opposite orders) nor wait for each other (one hot row per key and day), and the counts must
// stay exact once both commit.
// On PostgreSQL two real connections run the two transactions interleaved, step by step; a third watches whether a
// step waits for a lock (pg_stat_activity). SQLite has one writer at a time: there the two transactions run one after
// the other, which must give the same counts.
import type pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { foldCatalogueCounts } from "../../app/models/catalogue-counts.server.ts";
import { databaseEngine } from "../../app/utils/db.server.ts";
import { resolveDatabaseTarget } from "../../app/utils/database-url.ts";
import { newPlainPool, pgPool } from "../../app/utils/pg-pool.server.ts";
import { sqliteDirect } from "../../app/utils/sqlite-direct.server.ts";
import { sqlRead, toInt, type SqlParam } from "../../app/utils/sql.server.ts";
import { catalogueCountMismatches, catalogueSummaryDrift } from "../support/catalogue-counts.ts";
import { createOpenEdition } from "../support/factories.ts";

const DAY = 24 * 3600_000;

type Statement = { sql: string; params: SqlParam[] };
type Session = { run: (s: Statement) => Promise<unknown>; pid: number | null; end: (ok: boolean) => Promise<void> };

// The two transactions hold a connection each while the app's hot pool (2 connections by default) watches them.
let sessionPool: pg.Pool | undefined;
afterAll(async () => {
  await sessionPool?.end();
});

async function openSession(): Promise<Session> {
  if (databaseEngine === "postgresql") {
    sessionPool ??= newPlainPool(resolveDatabaseTarget().url, "test sessions", { max: 2 });
    const client: pg.PoolClient = await sessionPool.connect();
    const pid = Number((await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid);
    await client.query("BEGIN");
    return {
      pid,
      run: (s) => client.query(s.sql, s.params),
      end: async (ok) => {
        try {
          await client.query(ok ? "COMMIT" : "ROLLBACK");
        } finally {
          client.release();
        }
      },
    };
  }
  // SQLite: the steps are run one transaction after the other by `interleave`, so one connection serves both.
  const db = sqliteDirect();
  db.exec("BEGIN IMMEDIATE");
  return {
    pid: null,
    run: async (s) => {
      const named = Object.fromEntries(s.params.map((p, i) => [`p${i + 1}`, p]));
      return db.prepare(s.sql.replace(/\$(\d+)/g, "@p$1")).run(named);
    },
    end: async (ok) => void db.exec(ok ? "COMMIT" : "ROLLBACK"),
  };
}

/**
 * Whether the session's pending statement waits for a lock held by the other transaction (`other`: its backend's pid): true as soon as it is seen
 * waiting, false once it has finished without.
 */
async function waitsForALock(
  session: Session,
  pending: Promise<unknown>,
  other: () => number | null,
): Promise<boolean> {
  let settled = false;
  void pending.then(
    () => (settled = true),
    () => (settled = true),
  );
  while (!settled) {
    // Only a wait for the OTHER transaction counts: the integration files share the database, and another
    // file's writer may hold a lock for a moment (a CI dry run of 05/12/2026 saw A wait once, not for B).
    const rows = await pgPool().query<{ w: string | null; blockers: number[] | null }>(
      `SELECT wait_event_type AS w, pg_blocking_pids(pid) AS blockers FROM pg_stat_activity WHERE pid = $1`,
      [session.pid],
    );
    const row = rows.rows[0];
    const otherPid = other();
    if (!settled && row?.w === "Lock" && otherPid !== null && (row.blockers ?? []).map(Number).includes(otherPid)) {
      return true;
    }
  }
  return false;
}

/**
 * Two transactions, A and B, each of two statements: on PostgreSQL each on its own connection, their first statements
 * first, then (once both have run or wait) their second statements at the same time, then each commits. Returns the
 * errors (a deadlock aborts one: 40P01) and which transactions waited for a lock of the other.
 * On SQLite: A's statements and commit, then B's.
 */
async function interleave(a: Statement[], b: Statement[]): Promise<{ errors: string[]; waited: string[] }> {
  const errors: string[] = [];
  const waited = new Set<string>();
  if (databaseEngine !== "postgresql") {
    for (const steps of [a, b]) {
      const session = await openSession();
      for (const step of steps) await session.run(step);
      await session.end(true);
    }
    return { errors, waited: [] };
  }
  const firstDone: Record<string, () => void> = {};
  const firstSteps = { A: new Promise<void>((r) => (firstDone.A = r)), B: new Promise<void>((r) => (firstDone.B = r)) };
  const pids: Record<"A" | "B", number | null> = { A: null, B: null };
  const transaction = async (name: "A" | "B", steps: Statement[]) => {
    const session = await openSession();
    pids[name] = session.pid;
    let ok = true;
    try {
      for (const [i, step] of steps.entries()) {
        if (i === 1) await firstSteps[name === "A" ? "B" : "A"];
        const pending = session.run(step);
        if (await waitsForALock(session, pending, () => pids[name === "A" ? "B" : "A"])) waited.add(name);
        if (i === 0) firstDone[name]!();
        await pending;
      }
    } catch (error) {
      ok = false;
      firstDone[name]!();
      const e = error as { code?: string; message?: string };
      errors.push(`${name}: ${e.code ?? ""} ${e.message ?? String(e)}`);
    } finally {
      await session.end(ok);
    }
  };
  await Promise.all([transaction("A", a), transaction("B", b)]);
  return { errors, waited: [...waited].sort() };
}

const insert = (table: "EventSchoolLevel" | "EventAudienceRole", eventId: string, value: string): Statement => ({
  sql: `INSERT INTO "${table}" ("eventId", "${table === "EventSchoolLevel" ? "schoolLevel" : "role"}") VALUES ($1, $2)`,
  params: [eventId, value],
});

const fill = (editionId: string): Statement => ({
  sql: `UPDATE "Edition" SET "seatsTaken" = "seatCap" WHERE "id" = $1`,
  params: [editionId],
});

/** Two published events ending on the same day (with one open edition each, of `seatCap` seats). */
async function twoEventsEndingTheSameDay(seatCap: number) {
  const sessionStartsAt = new Date(Date.now() + 30 * DAY);
  const one = await createOpenEdition({ seatCap, sessionStartsAt });
  const two = await createOpenEdition({ seatCap, sessionStartsAt });
  return {
    one,
    two,
    sessionStartsAt,
    instants: [new Date(), new Date(sessionStartsAt.getTime() - DAY), sessionStartsAt],
  };
}

async function expectExact(instants: Date[]) {
  expect(await catalogueSummaryDrift(), "the triggers' tables against a recount").toEqual([]);
  expect(await catalogueCountMismatches(instants), "each count against the catalogue's").toEqual([]);
}

describe("concurrent writers of the catalogue's counts", () => {
  it("two transactions changing two keys of the same day in opposite orders both commit", async () => {
    const { one, two, instants } = await twoEventsEndingTheSameDay(10);
    // A: a school level, then a role of event one; B: a role, then a school level of event two. Each key's
    // count of that day is changed by both transactions, in opposite orders.
    const { errors, waited } = await interleave(
      [insert("EventSchoolLevel", one.event.id, "primaria"), insert("EventAudienceRole", one.event.id, "docente")],
      [insert("EventAudienceRole", two.event.id, "docente"), insert("EventSchoolLevel", two.event.id, "primaria")],
    );
    expect(errors, "no transaction aborted (a deadlock is 40P01)").toEqual([]);
    expect(waited, "no transaction waited for the other's count").toEqual([]);
    await expectExact(instants);
  });

  it("an edition that fills does not wait for another event's edition filling the same day", async () => {
    const { one, two, sessionStartsAt, instants } = await twoEventsEndingTheSameDay(1);
    // A takes the last seat of event one's edition, then of event three's, B of two's, then of four's: four events
    // whose free-seat entries fall on the same day (their enrolment's close), so both change that day's count, the
    // one row every enrolment filling or freeing an edition that day updated before ADR 0049.
    const three = await createOpenEdition({ seatCap: 1, sessionStartsAt });
    const four = await createOpenEdition({ seatCap: 1, sessionStartsAt });
    const { errors, waited } = await interleave(
      [fill(one.edition.id), fill(three.edition.id)],
      [fill(two.edition.id), fill(four.edition.id)],
    );
    expect(errors, "no transaction aborted").toEqual([]);
    expect(waited, "no enrolment waited for another event's").toEqual([]);
    await expectExact(instants);
  });

  it("folding the transactions' counts, from several instances at once beside an open writer, keeps them exact", async () => {
    const { one, two, instants } = await twoEventsEndingTheSameDay(1);
    const unfolded = async () =>
      toInt(
        (await sqlRead<{ n: number | string }>(`SELECT COUNT(*) AS "n" FROM "CatalogueCount" WHERE "tx" <> 0`))[0]!.n,
      );
    const pg = databaseEngine === "postgresql";
    const writer = await openSession();
    await writer.run(insert("EventSchoolLevel", one.event.id, "primaria"));
    await writer.run(fill(two.edition.id));
    // Three instances' jobs at once, while the writer's rows are not committed: none waits for it or another.
    await Promise.all([foldCatalogueCounts(), foldCatalogueCounts(), foldCatalogueCounts()]);
    await writer.end(true);
    await expectExact(instants);
    // Its two rows (school level, free seats), committed after the folds; SQLite updates the folded row.
    expect(await unfolded(), "the writer's rows, committed after the fold").toBe(pg ? 2 : 0);
    await foldCatalogueCounts();
    expect(await unfolded(), "every committed row folded").toBe(0);
    await expectExact(instants);
  });
});
