// The indexes that keep the jobs and staff pages off full scans at national scale (review 0014 "scale", ADR 0108):
// each exists on whichever engine DATABASE_URL names, and the statements they serve plan through them: on SQLite by
// EXPLAIN QUERY PLAN; on PostgreSQL, whose planner picks by table statistics that small test tables do not have, on
// tables of an instance's proportions written and rolled back in one transaction (tests/support/pg-plans.ts).
import { describe, expect, it } from "vitest";
import { reminderWindow } from "../../app/models/reminders.server.ts";
import { databaseEngine } from "../../app/utils/db.server.ts";
import { sqlRead } from "../../app/utils/sql.server.ts";
import { sqliteDirect } from "../../app/utils/sqlite-direct.server.ts";
import { explain, planInstance } from "../support/pg-plans.ts";

const INDEXES = [
  "AuditLog_actorId_idx",
  "ParticipantMessage_authorId_idx",
  "EventFile_uploadedById_idx",
  "Notification_createdAt_idx",
  "Notification_deliveryStatus_createdAt_idx",
  "rate_limit_expire_idx",
  "TrainingSession_startsAt_idx",
  "Event_status_publishedAt_idx",
];

const DAY_MS = 86_400_000;
/**
 * The instant the statements are planned at: years before the rows the other test files leave in this worker's
 * database, which they write at the real now (on PostgreSQL a few hundred events published in the last day made a
 * sequential scan the right plan for "published since yesterday" in a CI run). The windows read hold only the rows
 * this test writes; SQLite's plans do not depend on the values.
 */
const NOW = new Date("2020-03-02T10:00:00Z");
const ISO_NOW = NOW.toISOString();
/** The retention job's cut of sent messages (RETENTION_NOTIFICATION_DAYS' default). */
const RETENTION_CUTOFF = new Date(NOW.getTime() - 365 * DAY_MS).toISOString();
/** The rate limiter's sweep (rate-limiter-flexible, every 5 minutes): the counters expired an hour ago. */
const SWEEP_CUTOFF = NOW.getTime() - 3_600_000;
const REMINDERS = {
  from: reminderWindow(NOW).from.toISOString(),
  to: reminderWindow(NOW).to.toISOString(),
};
/** An alert's "published since" its last check, a day ago. */
const ALERT_SINCE = new Date(NOW.getTime() - DAY_MS).toISOString();

// The statements, with ? for each parameter (PostgreSQL's $n are numbered from them).
const DELETE_USER = `DELETE FROM "User" WHERE "id" = ?`;
const LATEST = `SELECT "id" FROM "Notification" ORDER BY "createdAt" DESC LIMIT 100`;
const LATEST_BY_STATUS = `SELECT "id" FROM "Notification" WHERE "deliveryStatus" = ? ORDER BY "createdAt" DESC LIMIT 100`;
const OLD_NOTIFICATIONS = `DELETE FROM "Notification" WHERE "deliveryStatus" = ? AND "createdAt" < ?`;
const EXPIRED_RATE_LIMITS = `DELETE FROM "rate_limit" WHERE "expire" < ?`;
const SESSIONS_IN_WINDOW = `SELECT "id" FROM "TrainingSession" WHERE "startsAt" > ? AND "startsAt" <= ?`;
const PUBLISHED_IN = `SELECT "id" FROM "Event" WHERE "status" = ? AND "publishedAt" > ? AND "publishedAt" <= ?`;

/** The plan's lines, as SQLite words them ("SCAN x", "SEARCH x USING INDEX i (a=? AND b<?)", "USE TEMP B-TREE…"). */
function plan(sql: string, ...params: unknown[]): string[] {
  return (
    sqliteDirect()
      .prepare(`EXPLAIN QUERY PLAN ${sql}`)
      .all(...params) as { detail: string }[]
  ).map((r) => r.detail);
}

describe("indexes for national scale", () => {
  it("exist on this engine", async () => {
    const names =
      databaseEngine === "sqlite"
        ? (await sqlRead<{ name: string }>(`SELECT name FROM sqlite_master WHERE type = 'index'`)).map((r) => r.name)
        : (
            await sqlRead<{ indexname: string }>(`SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()`)
          ).map((r) => r.indexname);
    expect(INDEXES.filter((name) => !names.includes(name))).toEqual([]);
  });

  it("serve the statements they are for, without a full scan (the plan on each engine)", async () => {
    if (databaseEngine === "sqlite") {
      // Deleting an account sets its actor, author and uploader columns to NULL: each found by index, not by a scan
      // of the audit log for every account the retention job deletes.
      const deleteUser = plan(DELETE_USER, "x");
      expect(deleteUser.filter((d) => /^SCAN (AuditLog|ParticipantMessage|EventFile)\b/.test(d))).toEqual([]);
      // /admin/email: the latest messages, all or by status, without sorting the whole table.
      expect(plan(LATEST).join("\n")).not.toMatch(/TEMP B-TREE/);
      for (const status of ["inviata", "errore"])
        expect(plan(LATEST_BY_STATUS, status).join("\n")).not.toMatch(/TEMP B-TREE/);
      // The retention job's delete of old messages reads only the old ones of each status.
      expect(plan(OLD_NOTIFICATIONS, "inviata", RETENTION_CUTOFF)).toContainEqual(
        expect.stringMatching(
          /USING (COVERING )?INDEX Notification_deliveryStatus_createdAt_idx \(deliveryStatus=\? AND createdAt<\?\)/,
        ),
      );
      // The rate limits' sweep, the reminders' window and the alerts' "published since".
      expect(plan(EXPIRED_RATE_LIMITS, SWEEP_CUTOFF)).toContainEqual(
        expect.stringMatching(/USING (COVERING )?INDEX rate_limit_expire_idx \(expire<\?\)/),
      );
      expect(plan(SESSIONS_IN_WINDOW, REMINDERS.from, REMINDERS.to)).toContainEqual(
        expect.stringMatching(/TrainingSession_startsAt_idx \(startsAt>\? AND startsAt<\?\)/),
      );
      expect(plan(PUBLISHED_IN, "pubblicato", ALERT_SINCE, ISO_NOW)).toContainEqual(
        expect.stringMatching(/Event_status_publishedAt_idx \(status=\? AND publishedAt>\? AND publishedAt<\?\)/),
      );
      return;
    }
    // PostgreSQL plans by its statistics (tests/support/pg-plans.ts): the same statements are EXPLAINed on analysed
    // tables of an instance's proportions, written and rolled back in one transaction, the planner left free. Each
    // must find its rows through its index, the Index Cond naming the column: an Index Scan, an Index Only Scan or a
    // bitmap scan of that index, and no sequential scan of the table.
    await planInstance(
      {
        users: 1000,
        events: 600,
        editions: 300,
        sessions: 2000,
        // Over 400 days, kept 365 (RETENTION_CUTOFF): the job, every 6 hours, finds few of them old.
        notifications: 8000,
        auditRows: 4000,
        messages: 600,
        files: 600,
        // Expiring over the 80 minutes to 15 minutes from now: the library's sweep takes those expired an hour ago.
        rateLimits: 2000,
      },
      async (client) => {
        const pgPlan = (sql: string, ...params: unknown[]) => {
          let n = 0;
          return explain(
            client,
            sql.replace(/\?/g, () => `$${++n}`),
            params,
          );
        };
        const byIndex = (index: string, column: string) =>
          new RegExp(
            `(Index (Only )?Scan( Backward)? using|Bitmap Index Scan on) "?${index}"?[^\\n]*\\n(\\s+(->|Filter|Recheck).*\\n)*?\\s+Index Cond: \\(+"?${column}"? `,
          );
        // Deleting an account: PostgreSQL's foreign keys set the columns to NULL with statements of their own, which
        // an EXPLAIN of the DELETE does not show. auto_explain prints the plan of each statement the DELETE runs,
        // the foreign keys' included, as a notice to this connection (LOAD needs a superuser, as the tests' server has).
        const notices: string[] = [];
        const onNotice = (notice: { message?: string }) => notices.push(notice.message ?? "");
        client.on("notice", onNotice);
        try {
          await client.query("LOAD 'auto_explain'");
          await client.query("SET LOCAL auto_explain.log_min_duration = 0");
          await client.query("SET LOCAL auto_explain.log_nested_statements = on");
          await client.query("SET LOCAL auto_explain.log_level = notice");
          await client.query(DELETE_USER.replace("?", "$1"), ["plan-u700"]);
          await client.query("SET LOCAL auto_explain.log_min_duration = -1");
        } finally {
          client.off("notice", onNotice);
        }
        for (const [table, column, index] of [
          ["AuditLog", "actorId", "AuditLog_actorId_idx"],
          ["ParticipantMessage", "authorId", "ParticipantMessage_authorId_idx"],
          ["EventFile", "uploadedById", "EventFile_uploadedById_idx"],
        ] as const) {
          const setNull = notices.filter((n) => n.includes(`UPDATE ONLY "public"."${table}" SET "${column}" = NULL`));
          expect(setNull, table).toHaveLength(1);
          expect(setNull[0]).not.toMatch(/Seq Scan/);
          expect(setNull[0]).toMatch(byIndex(index, column));
        }
        const latest = await pgPlan(LATEST);
        expect(latest).not.toMatch(/Sort|Seq Scan/);
        expect(latest).toMatch(/Index (Only )?Scan Backward using "Notification_createdAt_idx"/);
        // A status most messages have may walk the latest ones and skip the others; a rare one reads its own.
        expect(await pgPlan(LATEST_BY_STATUS, "inviata")).toMatch(
          /^Limit[^\n]*\n\s+-> +Index (Only )?Scan Backward using "Notification_(deliveryStatus_)?createdAt_idx"/,
        );
        const errors = await pgPlan(LATEST_BY_STATUS, "errore");
        // Its own rows through the index: in date order (an index scan), or as a bitmap then a top-N sort of those few,
        // which PostgreSQL takes when the worker's database holds more of them (other files' failed messages: the
        // dry run of 08/12/2026 at 00:30 met a Limit over a Sort).
        expect(errors).not.toMatch(/Seq Scan/);
        expect(errors).toMatch(byIndex("Notification_deliveryStatus_createdAt_idx", "deliveryStatus"));
        // The old messages of each status by their date: the index of (status, date), or of the date alone, which
        // PostgreSQL prefers while the old messages are few (either finds only them).
        for (const status of ["inviata", "errore"]) {
          const old = await pgPlan(OLD_NOTIFICATIONS, status, RETENTION_CUTOFF);
          expect(old).not.toMatch(/Seq Scan/);
          expect(old).toMatch(
            /(Index Scan using|Bitmap Index Scan on) "Notification_(deliveryStatus_)?createdAt_idx"[^\n]*\n\s+Index Cond: \(.*"createdAt" < /,
          );
        }
        for (const [sql, params, index, column] of [
          [EXPIRED_RATE_LIMITS, [SWEEP_CUTOFF], "rate_limit_expire_idx", "expire"],
          [SESSIONS_IN_WINDOW, [REMINDERS.from, REMINDERS.to], "TrainingSession_startsAt_idx", "startsAt"],
          [PUBLISHED_IN, ["pubblicato", ALERT_SINCE, ISO_NOW], "Event_status_publishedAt_idx", "status"],
        ] as const) {
          const found = await pgPlan(sql, ...params);
          expect(found).not.toMatch(/Seq Scan/);
          expect(found).toMatch(byIndex(index, column));
        }
        expect(await pgPlan(PUBLISHED_IN, "pubblicato", ALERT_SINCE, ISO_NOW)).toMatch(
          /Index Cond: \(\(status = 'pubblicato'::text\) AND \("publishedAt" > [^)]*\) AND \("publishedAt" <= /,
        );
      },
      NOW,
    );
  });
});
