// The delivery states of a notification's email (Notification.deliveryStatus), shared by the
// outbox worker and the admin page.
export const DELIVERY_STATUSES = ["in-coda", "inviata", "errore", "non-inviare"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export function isDeliveryStatus(value: string | null | undefined): value is DeliveryStatus {
  return value !== null && value !== undefined && (DELIVERY_STATUSES as readonly string[]).includes(value);
}

/** How many recent notifications the admin page lists. */
export const RECENT_NOTIFICATIONS_LIMIT = 100;
