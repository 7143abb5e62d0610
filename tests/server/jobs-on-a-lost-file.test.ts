// The background jobs on a SQLite file deleted or replaced under the running server: they stop, as the pages do
// (503), and say why. A file of its own: the test opens the copied database file with a connection of its own in
// this worker, and the shutdown tests of operations.test.ts, run after it in the same worker, then no longer saw
// the rows their servers wrote through the test's Prisma client.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { startSmtp } from "../support/smtp.ts";
import { copyOfTestDatabase, serversStoppedAfterEachTest, waitFor } from "./support.ts";

const start = serversStoppedAfterEachTest();

describe("background jobs on a lost SQLite file", () => {
  test("SQLite: once the database file is deleted under the running server, the jobs stop and send nothing", async () => {
    // Before, only the pages stopped (503): the outbox went on sending what the old file queued and marking it sent
    // there, so after the restart (the restored file) the same emails went out again; offers expired, reminders
    // written, from data the restart would not have.
    const { default: Database } = await import("better-sqlite3");
    const { createOpenEdition, createUser } = await import("../support/factories.ts");
    const { enrol } = await import("../../app/models/enrolment.server.ts");
    const { prisma } = await import("../../app/utils/db.server.ts");
    const smtp = await startSmtp();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "forma-lost-jobs-"));
    let old: InstanceType<typeof Database> | undefined;
    try {
      // A message written before the loss, not due yet (held back): it becomes due in the old file afterwards.
      const { edition } = await createOpenEdition({ seatCap: 10 });
      const outcome = await enrol((await createUser()).id, edition.id);
      if (!outcome.ok) throw new Error(`enrolment refused: ${outcome.reason}`);
      const { id } = await prisma.notification.findFirstOrThrow({ where: { enrolmentId: outcome.enrolmentId } });
      await prisma.notification.update({ where: { id }, data: { deliveryStatus: "non-inviare" } });
      // A copy of the database as it is now, this row included, with nothing else queued in it (the other server
      // test files, run beside this one on the same database, queue messages of their own).
      const file = await copyOfTestDatabase(dir);
      const server = await start({
        DATABASE_URL: `file:${file}`,
        FORMA_BACKGROUND_JOBS: "on",
        SMTP_HOST: "127.0.0.1",
        SMTP_PORT: String(smtp.port),
      });
      // A connection to the file as it is now, used once (SQLite opens the file's WAL at the first read), kept
      // past the file's removal as the server's are.
      old = new Database(file);
      old.prepare(`SELECT COUNT(*) FROM "Notification"`).get();
      fs.rmSync(file);
      old.prepare(`UPDATE "Notification" SET "deliveryStatus" = 'in-coda' WHERE "id" = ?`).run(id);
      // Two runs of the outbox after the message became due in the old file.
      const outboxLines = () => server.logs.filter((l) => l.job === "invio-email").length;
      const before = outboxLines();
      await waitFor(() => outboxLines() >= before + 2, "two runs of the outbox", 30_000);
      // The message that became due in the lost file is not sent. (What the server's first runs did with the copy's
      // own data before the loss, reminders or offers of the other files' tests, is not this test's.)
      expect(smtp.raw.filter((message) => message.toString().includes(id))).toEqual([]);
      const skipped = server.logs.filter((l) => l.msg === "job skipped: the SQLite file was deleted or replaced");
      expect(skipped.some((l) => l.job === "invio-email" && l.level === "warn")).toBe(true);
    } finally {
      old?.close();
      await smtp.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
