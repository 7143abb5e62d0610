// The indexes that keep the jobs and staff pages off full scans at national scale (review 0014 "scale", ADR 0108):
// each exists on whichever engine DATABASE_URL names, and on SQLite the statements they serve plan through them
// (EXPLAIN QUERY PLAN; PostgreSQL's planner picks by table statistics, which small test tables do not have).
import { describe, expect, it } from "vitest";
import { databaseEngine } from "../../app/utils/db.server.ts";
import { sqlRead } from "../../app/utils/sql.server.ts";
import { sqliteDirect } from "../../app/utils/sqlite-direct.server.ts";

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

  it("serve the statements they are for, without a full scan (SQLite plans)", () => {
    if (databaseEngine !== "sqlite") return;
    // Deleting an account sets its actor, author and uploader columns to NULL: each found by index, not by a scan
    // of the audit log for every account the retention job deletes.
    const deleteUser = plan(`DELETE FROM "User" WHERE "id" = ?`, "x");
    expect(deleteUser.filter((d) => /^SCAN (AuditLog|ParticipantMessage|EventFile)\b/.test(d))).toEqual([]);
    // /admin/email: the latest messages, all or by status, without sorting the whole table.
    const latest = plan(`SELECT "id" FROM "Notification" ORDER BY "createdAt" DESC LIMIT 100`);
    expect(latest.join("\n")).not.toMatch(/TEMP B-TREE/);
    const byStatus = plan(
      `SELECT "id" FROM "Notification" WHERE "deliveryStatus" = ? ORDER BY "createdAt" DESC LIMIT 100`,
      "inviata",
    );
    expect(byStatus.join("\n")).not.toMatch(/TEMP B-TREE/);
    // The retention job's delete of old messages reads only the old ones of each status.
    expect(
      plan(`DELETE FROM "Notification" WHERE "deliveryStatus" = ? AND "createdAt" < ?`, "inviata", "2026-01-01"),
    ).toContainEqual(
      expect.stringMatching(
        /USING (COVERING )?INDEX Notification_deliveryStatus_createdAt_idx \(deliveryStatus=\? AND createdAt<\?\)/,
      ),
    );
    // The rate limits' sweep, the reminders' window and the alerts' "published since".
    expect(plan(`DELETE FROM "rate_limit" WHERE "expire" < ?`, 0)).toContainEqual(
      expect.stringMatching(/USING (COVERING )?INDEX rate_limit_expire_idx \(expire<\?\)/),
    );
    expect(
      plan(`SELECT "id" FROM "TrainingSession" WHERE "startsAt" > ? AND "startsAt" <= ?`, "2027-01-01", "2027-01-02"),
    ).toContainEqual(expect.stringMatching(/TrainingSession_startsAt_idx \(startsAt>\? AND startsAt<\?\)/));
    expect(
      plan(
        `SELECT "id" FROM "Event" WHERE "status" = ? AND "publishedAt" > ? AND "publishedAt" <= ?`,
        "pubblicato",
        "2027-01-01",
        "2027-01-02",
      ),
    ).toContainEqual(
      expect.stringMatching(/Event_status_publishedAt_idx \(status=\? AND publishedAt>\? AND publishedAt<\?\)/),
    );
  });
});
