// Late refusals (ADR 0087): a bounce that comes back to an email's own envelope sender
// (app/utils/bounce-address.server.ts) after the relay had accepted the message. The bounce
// receiver (app/utils/bounce-receiver.server.ts) hands over the notification its address names and
// the bounce's delivery status reports; the rule of what counts is lateRecipientRefusal.
import { lateRecipientRefusal, type RecipientDeliveryStatus } from "~/domain/notification-delivery.ts";
import { prisma } from "~/utils/db.server.ts";
import { logger } from "~/utils/logger.server.ts";
import { markAddressRefused } from "./outbox.server.ts";

export type BounceOutcome =
  /** The person's address is refused for good: marked, and the email shown as failed. */
  | "address-refused"
  /** The email is marked failed; the address refused is not (any more) the person's. */
  | "email-failed"
  /** A report that says nothing against the address (delayed, mailbox full, spam filter…). */
  | "ignored"
  /** No such notification (deleted by retention, or never Forma's). */
  | "unknown";

/** Applies one bounce's reports to the notification they are about. Idempotent: a bounce may come twice. */
export async function recordBounce(
  notificationId: string,
  reports: readonly RecipientDeliveryStatus[],
  now: Date = new Date(),
): Promise<BounceOutcome> {
  const refused = reports.flatMap((report) => {
    const refusal = lateRecipientRefusal(report);
    return refusal === null ? [] : [{ recipient: report.recipient.toLowerCase(), refusal }];
  });
  const notification = await prisma.notification.findUnique({
    where: { id: notificationId },
    select: { id: true, userId: true, kind: true, user: { select: { email: true } } },
  });
  if (!notification) {
    logger.info({ notificationId }, "bounce for an email Forma no longer has");
    return "unknown";
  }
  if (refused.length === 0) {
    logger.info({ notificationId, reports: reports.map((r) => `${r.action} ${r.status}`) }, "bounce ignored");
    return "ignored";
  }
  const [first] = refused as [(typeof refused)[0]];
  // Only a message the server had accepted: one sent again since (and now queued or failing) keeps its state.
  await prisma.notification.updateMany({
    where: { id: notificationId, deliveryStatus: "inviata" },
    data: { deliveryStatus: "errore", lastError: `Rifiutata dopo l'invio (ritorno): ${first.refusal}`.slice(0, 1000) },
  });
  const own = refused.find((r) => r.recipient === notification.user.email.toLowerCase());
  const marked = own ? await markAddressRefused(notification.userId, notification.user.email, own.refusal, now) : false;
  logger.warn({ notificationId, kind: notification.kind, addressRefused: marked }, "email bounced");
  return marked ? "address-refused" : "email-failed";
}
