// The delivery states of a notification's email (Notification.deliveryStatus), shared by the
// outbox worker and the admin page.
export const DELIVERY_STATUSES = ["in-coda", "inviata", "errore", "non-inviare"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export function isDeliveryStatus(value: string | null | undefined): value is DeliveryStatus {
  return value !== null && value !== undefined && (DELIVERY_STATUSES as readonly string[]).includes(value);
}

/**
 * "Retry every failed email" (/admin/email) sends again what failed in the last
 * BULK_RETRY_MAX_AGE_DAYS (an SMTP outage longer than the outbox's day of retries), except reminders
 * older than BULK_RETRY_REMINDER_MAX_AGE_HOURS: a reminder of a meeting arriving after it is worse
 * than none. Older messages can still be retried one by one. The query: bulkRetryWhere in
 * app/models/outbox.server.ts.
 */
export const BULK_RETRY_MAX_AGE_DAYS = 7;
export const BULK_RETRY_REMINDER_MAX_AGE_HOURS = 24;

/** How many recent notifications the admin page lists. */
export const RECENT_NOTIFICATIONS_LIMIT = 100;

/**
 * The recipient's mail server refused the address for good: an SMTP 5xx answer to RCPT TO (RFC 5321
 * 4.2.1), as nodemailer reports it (`command`, `responseCode`, also on each of `rejectedErrors`).
 * Retrying it for a day changes nothing and tells nobody, so the email fails at once and the person
 * is told (User.emailRefusedAt). Not a refusal of the address:
 * - 552 (mailbox full): RFC 5321 3.5.4 asks clients to treat it as temporary;
 * - a 5xx to MAIL FROM, DATA or AUTH: the relay refused Forma (settings, policy), not the address;
 * - 4xx answers and connection errors: temporary, retried with backoff.
 * Returns the server's answer, or null.
 */
export function permanentRecipientRefusal(error: unknown): string | null {
  const candidates = [error, ...(hasRejectedErrors(error) ? error.rejectedErrors : [])];
  for (const candidate of candidates) {
    if (typeof candidate !== "object" || candidate === null) continue;
    const { command, responseCode, response } = candidate as Record<string, unknown>;
    if (command !== "RCPT TO" || typeof responseCode !== "number") continue;
    if (responseCode >= 500 && responseCode < 600 && responseCode !== 552) {
      return (typeof response === "string" && response.trim() ? response.trim() : String(responseCode)).slice(0, 300);
    }
  }
  return null;
}

function hasRejectedErrors(error: unknown): error is { rejectedErrors: unknown[] } {
  return (
    typeof error === "object" && error !== null && Array.isArray((error as { rejectedErrors?: unknown }).rejectedErrors)
  );
}
