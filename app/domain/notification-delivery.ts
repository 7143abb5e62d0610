// The delivery states of a notification's email (Notification.deliveryStatus), shared by the
// outbox worker and the admin page.
import { ADDRESSED_KINDS, ALERT_KINDS, LINK_KINDS, REMINDER_KINDS } from "./notification-kinds.ts";

export const DELIVERY_STATUSES = ["in-coda", "inviata", "errore", "non-inviare"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export function isDeliveryStatus(value: string | null | undefined): value is DeliveryStatus {
  return value !== null && value !== undefined && (DELIVERY_STATUSES as readonly string[]).includes(value);
}

/**
 * "Retry every failed email" (/admin/email) sends again what failed in the last
 * BULK_RETRY_MAX_AGE_DAYS (an SMTP outage longer than the outbox's day of retries), except reminders
 * and alerts of new events older than BULK_RETRY_REMINDER_MAX_AGE_HOURS (BULK_RETRY_DAY_KINDS): a
 * reminder of a meeting arriving after it is worse than none, and a day-old digest of new events is
 * superseded by the next day's. Older messages can still be retried one by one, on purpose: a reminder is written 2
 * to 26 hours before its session and names its date, and the outbox does not send one whose session has begun or
 * moved (sessionMessageOutdated: "incontro-non-attuale"), so a retried old reminder is not sent; a digest's events are
 * in no later digest (the alert's check moved past them when it was written), so a retry is the only way they reach
 * the person (outbox.test.ts, "'Riprova' on one reminder a day or a week old"). The query: bulkRetryWhere in
 * app/models/outbox.server.ts.
 */
export const BULK_RETRY_MAX_AGE_DAYS = 7;
export const BULK_RETRY_REMINDER_MAX_AGE_HOURS = 24;
export const BULK_RETRY_DAY_KINDS: ReadonlySet<string> = new Set<string>([...REMINDER_KINDS, ...ALERT_KINDS]);

/** Messages about a session ahead: the reminder the day before, an organiser's automatic message (ADR 0077, issue 15). */
export const SESSION_AHEAD_KINDS: ReadonlySet<string> = new Set(["promemoria-incontro", "messaggio-automatico"]);

/**
 * Whether a message about a session ahead would say something no longer true when it leaves (a retry
 * after an SMTP outage, an admin's retry, a backlog): the place is no longer a seat (the teacher
 * cancelled, was removed or moved), the session has started, or it was moved or deleted since the
 * message was written (a moved session has a reminder of its own, under its new start). Such a
 * message is not sent. `startsAtNow`: the session's start as it is now, null when it was deleted,
 * undefined when the message names no session (an "after the last session" message).
 */
export function sessionMessageOutdated(input: {
  placeStatus: string | null;
  writtenStartsAt: string | undefined;
  startsAtNow: Date | null | undefined;
  now: Date;
}): boolean {
  if (input.placeStatus !== "iscritto") return true;
  if (input.startsAtNow === undefined) return false;
  if (input.startsAtNow === null || input.startsAtNow.getTime() <= input.now.getTime()) return true;
  return input.writtenStartsAt !== undefined && Date.parse(input.writtenStartsAt) !== input.startsAtNow.getTime();
}

/**
 * Why the outbox marked a message "non-inviare" instead of sending it, kept in its Notification.lastError
 * and named on /admin/email (admin.email.notSent.*): the person turned reminders off; an alert of new events
 * lists only searches that are no longer alerts of the person (unsubscribed, or deleted); a message about a
 * session ahead is no longer true (sessionMessageOutdated); an offer of a seat is no longer open
 * (offerMessageOutdated); a seat the message announces is no longer the teacher's (seatMessageOutdated); a
 * place the message says is waiting no longer waits (waitingMessageOutdated); the certificate the message
 * announces was revoked (certificateMessageOutdated); an account link is used or expired (accountLinkOutdated);
 * an account message was accepted once and no longer holds its link or address (accountMessageStripped); the
 * account is closed.
 */
export const NOT_SENT_REASONS = [
  "promemoria-disattivati",
  "avvisi-disattivati",
  "incontro-non-attuale",
  "offerta-chiusa",
  "posto-non-attuale",
  "attesa-non-attuale",
  "attestato-non-valido",
  "link-usato-o-scaduto",
  "gia-inviata",
  "account-chiuso",
] as const;
export type NotSentReason = (typeof NOT_SENT_REASONS)[number];

export function isNotSentReason(value: string | null | undefined): value is NotSentReason {
  return value !== null && value !== undefined && (NOT_SENT_REASONS as readonly string[]).includes(value);
}

/**
 * Whether an offer of a seat (OFFER_KINDS) would say something no longer true when it leaves (a retry
 * after an SMTP outage, an admin's retry): the place no longer holds the offer (accepted, declined,
 * expired, ended), or its deadline has passed and the expiry job has not ended it yet.
 */
export function offerMessageOutdated(input: { placeStatus: string | null; offerExpiresAt: Date | null; now: Date }) {
  if (input.placeStatus !== "offerta") return true;
  return input.offerExpiresAt !== null && input.offerExpiresAt.getTime() <= input.now.getTime();
}

/**
 * Whether a message that announces a seat (SEAT_GIVING_KINDS) would say something no longer true when it
 * leaves (a backlog, a retry after an SMTP outage): the place no longer holds the seat, because the teacher
 * cancelled or was removed or moved since it was written (null: the place is gone).
 */
export function seatMessageOutdated(placeStatus: string | null): boolean {
  return placeStatus !== "iscritto";
}

/**
 * Whether a message that tells the teacher their place waits (WAITING_KINDS: "sei in lista d'attesa") would
 * say something no longer true when it leaves: the place was offered a seat, got one, or ended since (null:
 * the place is gone). The message that changed it tells them what is true.
 */
export function waitingMessageOutdated(placeStatus: string | null): boolean {
  return placeStatus !== "in-attesa";
}

/**
 * Whether a message that announces a certificate (CERTIFICATE_KINDS) would point to one no longer valid
 * when it leaves: it was revoked (or reissued) since it was written (null: the certificate is gone).
 */
export function certificateMessageOutdated(certificate: { revokedAt: Date | null } | null): boolean {
  return certificate === null || certificate.revokedAt !== null;
}

/**
 * Whether an account link (LINK_KINDS) no longer works: its AccountToken is used, expired, or gone
 * (null: the account was closed, or the token purged). A "reimposta-password" retried after its hour
 * would lead to "link expired".
 */
export function accountLinkOutdated(token: { usedAt: Date | null; expiresAt: Date } | null, now: Date): boolean {
  return token === null || token.usedAt !== null || token.expiresAt.getTime() <= now.getTime();
}

/**
 * Whether an account message lacks what its email needs because it was sent once: the outbox removes
 * the raw token and the address ("to") when the server accepts it, and a later bounce makes the row
 * "errore", so retryable, again. Rebuilt, a link kind (LINK_KINDS) would have a link to nowhere and an
 * addressed kind (ADDRESSED_KINDS) would go to the account's current address instead of the one it was for.
 */
export function accountMessageStripped(kind: string, payload: { token?: unknown; to?: unknown }): boolean {
  const present = (v: unknown) => typeof v === "string" && v.length > 0;
  return (LINK_KINDS.has(kind) && !present(payload.token)) || (ADDRESSED_KINDS.has(kind) && !present(payload.to));
}

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

/** One recipient's block of a delivery status notification (RFC 3464 2.3), the fields Forma reads. */
export type RecipientDeliveryStatus = {
  /** The address the report is about (Final-Recipient, else Original-Recipient), without "rfc822;". */
  recipient: string;
  /** "failed" | "delayed" | "delivered" | "relayed" | "expanded" (lower case). */
  action: string;
  /** The enhanced status code, e.g. "5.1.1" (RFC 3463). */
  status: string;
  /** The remote server's answer (Diagnostic-Code without "smtp;"), if the report has one. */
  diagnostic: string | null;
};

/**
 * The per-recipient blocks of a message/delivery-status body (RFC 3464): header-style fields in
 * blocks separated by blank lines, the first block about the message, the others one recipient
 * each. Folded lines are unfolded; a block without Action and Status is not a recipient's.
 */
export function parseDeliveryStatus(body: string): RecipientDeliveryStatus[] {
  const blocks = body
    .replace(/\r\n/g, "\n")
    .split(/\n[ \t]*\n/)
    .map((block) => {
      const fields = new Map<string, string>();
      for (const line of block.replace(/\n[ \t]+/g, " ").split("\n")) {
        const colon = line.indexOf(":");
        if (colon <= 0) continue;
        const name = line.slice(0, colon).trim().toLowerCase();
        if (!fields.has(name)) fields.set(name, line.slice(colon + 1).trim());
      }
      return fields;
    });
  const typed = (value: string | undefined) => (value ?? "").replace(/^[^;]*;\s*/, "").trim();
  return blocks.flatMap((fields) => {
    const recipient = typed(fields.get("final-recipient") ?? fields.get("original-recipient"));
    const action = (fields.get("action") ?? "").toLowerCase().replace(/\s*\(.*$/, "");
    const status = /^\d\.\d{1,3}\.\d{1,3}/.exec(fields.get("status") ?? "")?.[0] ?? "";
    if (!recipient || !action || !status) return [];
    const diagnostic = typed(fields.get("diagnostic-code")) || null;
    return [{ recipient, action, status, diagnostic }];
  });
}

/**
 * A refusal of the address for good that arrives later, as a bounce (ADR 0087): many relays accept
 * a message and only then learn that the recipient's server refuses it, and send a delivery status
 * notification to the envelope sender. Counted, like the SMTP answer above, only when the report
 * says the ADDRESS is wrong: Action "failed" with an address status (5.1.x: no such mailbox, no
 * such domain, bad syntax, moved) or 5.2.1 (mailbox disabled). Not a full mailbox (5.2.2), a
 * message too large (5.3.4), a refusal of its content or of Forma as a sender (5.7.x: spam, policy,
 * DMARC), a routing failure or "delayed": those say nothing against the teacher's address.
 * Returns the answer to show the person ("550 5.1.1 …", or the status code), or null.
 */
export function lateRecipientRefusal(report: RecipientDeliveryStatus): string | null {
  if (report.action !== "failed") return null;
  if (!/^5\.1\.\d+$/.test(report.status) && report.status !== "5.2.1") return null;
  return (report.diagnostic ?? report.status).slice(0, 300);
}
