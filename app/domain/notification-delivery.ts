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
