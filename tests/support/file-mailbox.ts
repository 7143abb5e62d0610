// A real SMTP server for one integration test file, and the outbox delivered to it on demand.
// Test files share one database: notifications queued by earlier files are set aside first
// ("non-inviare"), so the inbox holds this file's mail only.
import { afterAll, beforeAll } from "vitest";
import { deliverDue } from "../../app/models/outbox.server.ts";
import { prisma } from "../../app/utils/db.server.ts";
import type { Mailer } from "../../app/utils/mailer.server.ts";
import { mailerFor, startSmtp, type Inbox } from "./smtp.ts";

/** The origin the emails' links are written with in tests. */
export const TEST_MAIL_ORIGIN = "https://forma.example.it";

/** Starts the file's SMTP server (call in beforeAll; close the mailer and stop the inbox in afterAll). */
export async function startFileMailbox(): Promise<{ inbox: Inbox; mailer: Mailer }> {
  await prisma.notification.updateMany({
    where: { deliveryStatus: "in-coda" },
    data: { deliveryStatus: "non-inviare" },
  });
  const inbox = await startSmtp();
  return { inbox, mailer: mailerFor(inbox.port) };
}

/**
 * The file's mailbox for all its tests: started before them (`use` receives it), stopped after
 * them, with the database connection closed.
 */
export function withFileMailbox(use: (mailbox: { inbox: Inbox; mailer: Mailer }) => void): void {
  let mailbox: { inbox: Inbox; mailer: Mailer } | undefined;
  beforeAll(async () => {
    mailbox = await startFileMailbox();
    use(mailbox);
  });
  afterAll(async () => {
    if (mailbox) {
      mailbox.mailer.close();
      await mailbox.inbox.stop();
    }
    await prisma.$disconnect();
  });
}

/** Delivers everything due now through the mailer, as the outbox job would, until nothing is left. */
export async function sendQueued(mailer: Mailer, instanceId: string): Promise<void> {
  for (let i = 0; i < 20; i += 1) {
    const report = await deliverDue({
      mailer,
      now: new Date(Date.now() + 1_000),
      instanceId,
      origin: TEST_MAIL_ORIGIN,
      batchSize: 50,
    });
    if (report.claimed === 0) return;
  }
}
