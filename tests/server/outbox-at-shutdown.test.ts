// The outbox at shutdown with more to send than one message: the send in flight ends and is marked sent, the rest
// of the batch is given back unclaimed. A file of its own (a worker of its own): after the shutdown tests of
// operations.test.ts, this test's first write through the test's Prisma client failed with SQLite's "disk I/O error".
// Its server runs on a copy of the test database, so that the messages the other server test files queue beside it
// (on the same database) are neither sent by this server nor held back by this test.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { startSmtp } from "../support/smtp.ts";
import { copyOfTestDatabase, serversStoppedAfterEachTest, waitFor } from "./support.ts";

const start = serversStoppedAfterEachTest();

describe("background jobs at shutdown, with more to send than one message", () => {
  test("SIGTERM while the outbox works through a batch: the send in flight ends and is marked sent, the rest are given back unclaimed", async () => {
    // Before, the job timers went on starting runs until the requests had drained and a run went through its whole
    // batch: after its 4 s the process was cut between a message the relay had taken and its "inviata", and the rows
    // not reached kept the dead process's claim for 2 minutes.
    const { createOpenEdition, createUser } = await import("../support/factories.ts");
    const { enrol } = await import("../../app/models/enrolment.server.ts");
    const { prisma } = await import("../../app/utils/db.server.ts");
    const { default: Database } = await import("better-sqlite3");
    // A relay that takes 1.5 s to answer each message's end of DATA (the message counted as received at once).
    const smtp = await startSmtp({ replyAfterMs: 1_500 });
    /** The notifications whose message the relay has received whole, in order (their Message-ID is `<id@host>`). */
    const received = () => smtp.received.map((m) => /^<([^@>]+)@/.exec(m.messageId ?? "")?.[1] ?? "");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "forma-outbox-shutdown-"));
    try {
      const { edition } = await createOpenEdition({ seatCap: 10 });
      const ids: string[] = [];
      for (let i = 0; i < 5; i += 1) {
        const outcome = await enrol((await createUser()).id, edition.id);
        if (!outcome.ok) throw new Error(`enrolment refused: ${outcome.reason}`);
        const row = await prisma.notification.findFirstOrThrow({ where: { enrolmentId: outcome.enrolmentId } });
        ids.push(row.id);
      }
      // The server's own copy of the database, these five messages queued in it and nothing else.
      const file = await copyOfTestDatabase(dir, ids);
      const server = await start({
        DATABASE_URL: `file:${file}`,
        FORMA_BACKGROUND_JOBS: "on",
        SMTP_HOST: "127.0.0.1",
        SMTP_PORT: String(smtp.port),
      });
      await waitFor(() => received().length > 0, "the SMTP server receiving the first message", 30_000);
      server.process.kill("SIGTERM");
      expect((await server.exited).code).toBe(0);

      const after = new Database(file, { readonly: true });
      const rows = ids.map((id) => {
        const row = after
          .prepare(`SELECT "id", "deliveryStatus", "claimedBy", "claimedUntil" FROM "Notification" WHERE "id" = ?`)
          .get(id) as { id: string; deliveryStatus: string; claimedBy: string | null; claimedUntil: unknown };
        return row;
      });
      after.close();
      // Every message the relay has is recorded as sent: none goes out again.
      const sent = rows.filter((r) => received().includes(r.id));
      expect(sent.length).toBeGreaterThan(0);
      for (const row of sent) expect(row).toMatchObject({ deliveryStatus: "inviata" });
      // The others were not sent, and are free for the next worker now, not after the lease.
      const others = rows.filter((r) => !received().includes(r.id));
      expect(others.length).toBeGreaterThan(0);
      for (const row of others) {
        expect(row).toMatchObject({ deliveryStatus: "in-coda", claimedBy: null, claimedUntil: null });
      }
      expect(server.logs.some((l) => l.msg === "shutdown: emails claimed and not sent given back to the queue")).toBe(
        true,
      );
    } finally {
      await smtp.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
