// The outbox: notifications written in the same transaction as each enrolment change are
// delivered by email here, by a job that runs in every app instance.
//
// Claiming is safe across instances without engine-specific SQL: each due row is claimed with
// a conditional update (status "in-coda", lease free or expired); the update that changes one
// row wins it. PostgreSQL re-checks the WHERE on the locked row, SQLite has a single writer.
//
// Delivery is at-least-once. A row is marked "inviata" right after the SMTP server accepts
// the message; if the process dies between the accept and that update, the lease (2 min)
// expires and another worker sends it again — at most one extra copy per crash. Each message
// carries Message-ID <notification id@host>, so receiving systems can drop the duplicate.
// A batch is sent one message after another and can outlast the lease its claim took (a slow
// relay: 20 × 6 s), so just before each send the row is taken again with a conditional update
// (still this worker's, still in its lease) that renews the lease for that send; a row whose
// lease ran out and that another worker took meanwhile is left to that worker, not sent twice.
// While the SMTP server has the message the lease is renewed every third of it (a relay may take
// minutes to answer the end of DATA, and the mailer waits up to RFC 5321's 10 minutes for it), so
// one slow send never lets a second worker send the same row.
// Failures are retried with exponential backoff (1, 2, 4 … min, capped at 1 h); after
// maxAttempts (~1 day) the row is marked "errore" and can be retried from /admin/email. A refusal
// of the address for good (SMTP 5xx to RCPT TO) is "errore" at once, and the person is told on
// every page until an email to the address is accepted, it changes, or they ask to send again (ADR 0083).
// A message that would no longer be true when it leaves (an offer closed, a seat given up, a place no longer
// waiting, a certificate revoked, a link used or expired, a session past, an account closed: notSentReason) is
// marked "non-inviare" with its reason, not sent. What may have changed and is still true (a waiting-list
// position, the schedule, the cancellation cut-off, an offer's deadline) is stated as it is when it leaves.
import { siteContacts } from "~/utils/site-contacts.server.ts";
import {
  accountLinkOutdated,
  accountMessageStripped,
  BULK_RETRY_DAY_KINDS,
  BULK_RETRY_MAX_AGE_DAYS,
  BULK_RETRY_REMINDER_MAX_AGE_HOURS,
  certificateMessageOutdated,
  DELIVERY_STATUSES,
  offerMessageOutdated,
  permanentRecipientRefusal,
  type NotSentReason,
  RECENT_NOTIFICATIONS_LIMIT,
  seatMessageOutdated,
  sessionMessageOutdated,
  SESSION_AHEAD_KINDS,
  waitingMessageOutdated,
} from "~/domain/notification-delivery.ts";
import { PRESENT_STATUSES } from "~/domain/attendance.ts";
import {
  cancellationDeadline,
  canTeacherCancel,
  firstStartAfter,
  seatCancellationDeadline,
} from "~/domain/enrolment.ts";
import type { Prisma } from "~/generated/prisma-sqlite/client.ts";
import os from "node:os";
import crypto from "node:crypto";
import {
  ADDRESSED_KINDS,
  ALERT_KINDS,
  CERTIFICATE_KINDS,
  CLOSED_ACCOUNT_KINDS,
  INVITATION_METHOD,
  LINK_KINDS,
  OFFER_KINDS,
  REMINDER_KINDS,
  SEAT_GIVING_KINDS,
  SENDER_KINDS,
  statesSchedule,
  TOKEN_KINDS,
  WAITING_KINDS,
  WAITLIST_POSITION_KINDS,
} from "~/domain/notification-kinds.ts";
import { parsePayload, renderEmail } from "../../emails/index.ts";
import { asLocale } from "~/i18n/i18n.tsx";
import { prisma } from "~/utils/db.server.ts";
import { getEnv } from "~/utils/env.server.ts";
import { mailerFromEnv, type Mailer, type OutgoingMail } from "~/utils/mailer.server.ts";
import { errorFields, logger } from "~/utils/logger.server.ts";
import type { EmailPayload } from "../../emails/types.ts";
import { buildInvitation, type CalendarSession } from "./calendar-ics.server.ts";
import {
  loadCancelledSessions,
  loadEnrolmentSessions,
  loadMovedFromSessions,
  placeSeat,
} from "./calendar-feeds.server.ts";
import { hashToken } from "./account-tokens.server.ts";
import { passwordSignInEnabled } from "./oidc.server.ts";
import { waitlistPositionOf } from "./enrolment-seat.server.ts";
import { unsubscribeLinkFor } from "./unsubscribe.server.ts";
import { recipientWhere } from "./notification-recipient.server.ts";
import { recipientOf } from "~/domain/notification-recipient.ts";

export const OUTBOX_DEFAULTS = {
  batchSize: 20,
  leaseMs: 2 * 60_000,
  baseDelayMs: 60_000,
  maxDelayMs: 60 * 60_000,
  /** 1+2+4+…+32 min, then hourly: the 30th failure comes about a day after the first. */
  maxAttempts: 30,
};

export type OutboxSettings = typeof OUTBOX_DEFAULTS;

/** Wait before the next try after `failures` failed attempts (1 → base, 2 → 2×base, … ≤ cap). */
export function backoffDelay(
  failures: number,
  baseDelayMs = OUTBOX_DEFAULTS.baseDelayMs,
  maxDelayMs = OUTBOX_DEFAULTS.maxDelayMs,
): number {
  const exponent = Math.min(Math.max(failures, 1) - 1, 30);
  return Math.min(maxDelayMs, baseDelayMs * 2 ** exponent);
}

/** One id per process: host, pid and a random suffix (two processes never share one). */
export const INSTANCE_ID = `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString("hex")}`;

const dueWhere = (now: Date) => ({
  deliveryStatus: "in-coda",
  nextAttemptAt: { lte: now },
  OR: [{ claimedUntil: null }, { claimedUntil: { lt: now } }],
});

/** Claims up to `limit` due notifications for this instance; returns the ids it won. */
export async function claimDue(
  instanceId: string,
  now: Date,
  limit: number,
  leaseMs = OUTBOX_DEFAULTS.leaseMs,
): Promise<string[]> {
  const candidates = await prisma.notification.findMany({
    where: dueWhere(now),
    // Oldest first among rows due at the same instant (a bulk retry queues them all at `now`): one
    // person's messages leave in the order they were written, the one that ended a place last.
    orderBy: [{ nextAttemptAt: "asc" }, { createdAt: "asc" }],
    take: limit,
    select: { id: true },
  });
  const won: string[] = [];
  for (const { id } of candidates) {
    const claimed = await prisma.notification.updateMany({
      where: { id, ...dueWhere(now) },
      data: { claimedBy: instanceId, claimedUntil: new Date(now.getTime() + leaseMs) },
    });
    if (claimed.count === 1) won.push(id);
  }
  return won;
}

/**
 * `lost`: claimed rows whose lease ran out before their turn in the batch (left to whoever holds them now).
 * `released`: claimed rows given back unsent because the process is stopping (`signal`).
 */
export type DeliveryReport = {
  claimed: number;
  sent: number;
  failed: number;
  gaveUp: number;
  skipped: number;
  lost: number;
  released: number;
};

export type DeliverOptions = Partial<OutboxSettings> & {
  mailer: Mailer;
  now?: Date;
  instanceId?: string;
  /** APP_ORIGIN for links. */
  origin?: string;
  /**
   * The time as the batch goes on, for the lease taken again before each send. By default `now`
   * plus the time elapsed since the call began (the real clock when `now` is not given).
   */
  clock?: () => Date;
  /**
   * Aborted when the process begins to stop: no new batch is claimed, the send in flight ends, and the rest of
   * the batch is given back at once (no claim left to run out) for another worker to send.
   */
  signal?: AbortSignal;
};

function errorText(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.slice(0, 1000);
}

/** Claims the due notifications and sends them one by one. */
export async function deliverDue(options: DeliverOptions): Promise<DeliveryReport> {
  const settings = { ...OUTBOX_DEFAULTS, ...options };
  const now = options.now ?? new Date();
  const instanceId = options.instanceId ?? INSTANCE_ID;
  const origin = options.origin ?? getEnv().APP_ORIGIN;
  const started = performance.now();
  const clock = options.clock ?? (() => new Date(now.getTime() + (performance.now() - started)));
  const report: DeliveryReport = { claimed: 0, sent: 0, failed: 0, gaveUp: 0, skipped: 0, lost: 0, released: 0 };
  if (options.signal?.aborted) return report;

  const ids = await claimDue(instanceId, now, settings.batchSize, settings.leaseMs);
  report.claimed = ids.length;
  if (ids.length === 0) return report;
  const rows = await prisma.notification.findMany({
    where: { id: { in: ids }, claimedBy: instanceId },
    orderBy: [{ nextAttemptAt: "asc" }, { createdAt: "asc" }],
    select: {
      id: true,
      kind: true,
      payload: true,
      enrolmentId: true,
      userId: true,
      deliveryAttempts: true,
      createdAt: true,
      user: {
        select: {
          email: true,
          firstName: true,
          lastName: true,
          locale: true,
          emailReminders: true,
          closedAt: true,
          emailRefusedAt: true,
        },
      },
    },
  });

  // For each message's place (one query for the batch): the language of its event's title, marked in
  // the HTML where it differs from the message's (WCAG 3.1.2), its edition's cancellation cut-off
  // (a seat email says until when the seat can be given up) and whether a register line records the
  // teacher present (then it cannot be given up at all). Messages without a place name no event.
  const enrolmentIds = [...new Set(rows.flatMap((r) => (r.enrolmentId ? [r.enrolmentId] : [])))];
  const editionsOf = new Map(
    enrolmentIds.length === 0
      ? []
      : (
          await prisma.enrolment.findMany({
            where: { id: { in: enrolmentIds } },
            select: {
              id: true,
              edition: { select: { cancellationCutoffAt: true, event: { select: { titleLanguage: true } } } },
              attendance: { where: { status: { in: [...PRESENT_STATUSES] } }, select: { id: true }, take: 1 },
            },
          })
        ).map((e) => [
          e.id,
          {
            titleLanguage: e.edition.event.titleLanguage,
            cancellationCutoffAt: e.edition.cancellationCutoffAt,
            recordedPresent: e.attendance.length > 0,
          },
        ]),
  );

  // Every write below is conditional on still holding the claim.
  const mine = (id: string) => ({ id, claimedBy: instanceId });
  const release = { claimedBy: null, claimedUntil: null };
  // The claim's lease covers one send, not the whole batch: taken again (renewed) just before each
  // send, only if this worker still holds it and it has not run out (claimDue takes a lease only
  // once it is past). False: another worker may have claimed the row since (or it was retried, or
  // is no longer queued); it is not ours to send.
  const stillMine = async (id: string): Promise<boolean> => {
    const at = clock();
    const { count } = await prisma.notification.updateMany({
      where: { id, deliveryStatus: "in-coda", claimedBy: instanceId, claimedUntil: { gte: at } },
      data: { claimedUntil: new Date(at.getTime() + settings.leaseMs) },
    });
    return count === 1;
  };
  // While the SMTP server has the message (it may take minutes to answer the end of DATA: a content scan, a
  // slow milter), the lease is renewed every third of it, so no other worker takes the row and sends it too. A
  // renewal that finds the row no longer this worker's (a retry freed it, a worker took it after a stalled
  // event loop) is logged; whatever happens next is written only under the claim (`mine`).
  const whileHolding = async (id: string, send: () => Promise<void>): Promise<void> => {
    const renew = async () => {
      const at = clock();
      try {
        const { count } = await prisma.notification.updateMany({
          where: { id, deliveryStatus: "in-coda", claimedBy: instanceId },
          data: { claimedUntil: new Date(at.getTime() + settings.leaseMs) },
        });
        if (count === 0) logger.warn({ notificationId: id }, "email claim lost while sending");
      } catch (error) {
        logger.warn({ notificationId: id, err: errorFields(error) }, "email claim not renewed while sending");
      }
    };
    const heartbeat = setInterval(() => void renew(), Math.max(1, Math.floor(settings.leaseMs / 3)));
    try {
      await send();
    } finally {
      clearInterval(heartbeat);
    }
  };

  // Stopping: the rows of the batch from `from` on go back to the queue as they were, unclaimed.
  const releaseFrom = async (from: number) => {
    const { count } = await prisma.notification.updateMany({
      where: { id: { in: rows.slice(from).map((r) => r.id) }, claimedBy: instanceId, deliveryStatus: "in-coda" },
      data: release,
    });
    report.released += count;
    if (count > 0) logger.info({ released: count }, "shutdown: emails claimed and not sent given back to the queue");
  };

  for (const [index, row] of rows.entries()) {
    if (options.signal?.aborted) {
      await releaseFrom(index);
      break;
    }
    // A message that is not to be sent (any more) is marked so, with the reason /admin/email names. An
    // account message's raw link and address leave the outbox as they do once sent: kept for a year as
    // "non-inviare", they would outlive the 30 days of a failed one (ADR 0013).
    const place = row.enrolmentId && placeChecked(row.kind) ? await placeNow(row.enrolmentId) : null;
    const reason = await notSentReason(row, now, place);
    if (reason) {
      await prisma.notification.updateMany({
        where: mine(row.id),
        data: {
          deliveryStatus: "non-inviare",
          lastError: reason,
          ...release,
          ...(TOKEN_KINDS.has(row.kind) ? { payload: withoutToken(row.payload) } : {}),
        },
      });
      report.skipped += 1;
      continue;
    }
    const attempts = row.deliveryAttempts + 1;
    // Where this copy goes: the account's address, or the one the message names (a new address to confirm).
    let to: string | null = null;
    try {
      // The waiting-list position as it is now; none (null) once the place no longer waits.
      const position =
        WAITLIST_POSITION_KINDS.has(row.kind) && row.enrolmentId
          ? { position: await currentWaitlistPosition(row.enrolmentId) }
          : {};
      // Messages that give or change a place (or an offered one) state the edition as it is when they leave.
      const sessions =
        row.enrolmentId && statesSchedule(row.kind) ? await loadEnrolmentSessions(row.enrolmentId) : undefined;
      // A message that gives a seat says until when it can be given up, as it is when the message leaves.
      const cancellation =
        sessions && row.enrolmentId && INVITATION_METHOD[row.kind] === "REQUEST"
          ? cancellationOf(editionsOf.get(row.enrolmentId), sessions, row.createdAt, now)
          : undefined;
      const payload = parsePayload(row.payload, {
        ...(OFFER_KINDS.has(row.kind) ? offerDeadlineNow(row.payload, place) : {}),
        ...(NOTICE_LINK_KINDS.has(row.kind) ? await noticeLinkNow(row.payload, now) : {}),
        ...position,
        ...(sessions?.length ? { schedule: scheduleOf(sessions) } : {}),
        ...(cancellation ? { cancellation } : {}),
      });
      const locale = asLocale(row.user.locale);
      // An optional email (a reminder) can be stopped with one click: the same link in its
      // List-Unsubscribe header and its footer (ADR 0077). Transactional ones have none.
      const unsubscribeUrl = unsubscribeLinkFor(row.kind, row.userId, origin, locale);
      const email = renderEmail(row.kind, payload, {
        locale,
        origin,
        contactEmail: siteContacts().email,
        passwordSignIn: passwordSignInEnabled(),
        // A closed account's name is its pseudonym ("Account chiuso"): its last message greets no one by it.
        firstName: row.user.closedAt ? "" : row.user.firstName,
        ...(unsubscribeUrl ? { unsubscribeUrl } : {}),
        titleLanguage: row.enrolmentId ? editionsOf.get(row.enrolmentId)?.titleLanguage : undefined,
      });
      // Sessions this message takes out of the calendar; none when their CANCEL is a message of its own
      // ("incontri-annullati", payload cancelledApart; rows written before that still attach it).
      const deleted = {
        ids: payload.cancelledApart ? [] : (payload.cancelledSessions ?? []).map((c) => c.id),
        rescheduled: payload.rescheduled === true,
        leftSeatOfMovedPlace: payload.fromEditionHeldSeat === true && !payload.cancelledApart,
      };
      const calendars = row.enrolmentId
        ? await invitationFor(row.kind, row.enrolmentId, row.user, origin, options.mailer.sender, deleted, sessions)
        : undefined;
      to = (ADDRESSED_KINDS.has(row.kind) && payload.to) || row.user.email;
      // An organiser's message answers to the organiser who wrote it (ADR 0076).
      const replyTo =
        SENDER_KINDS.has(row.kind) && payload.sender
          ? { name: payload.sender.name, address: payload.sender.email }
          : undefined;
      if (options.signal?.aborted) {
        await releaseFrom(index);
        break;
      }
      if (!(await stillMine(row.id))) {
        report.lost += 1;
        continue;
      }
      const recipient = to;
      await whileHolding(row.id, () =>
        options.mailer.send({
          notificationId: row.id,
          to: recipient,
          ...email,
          ...(replyTo ? { replyTo } : {}),
          ...(unsubscribeUrl ? { unsubscribeUrl } : {}),
          ...(calendars ?? {}),
        }),
      );
    } catch (error) {
      // A refusal of the address for good is not retried: the person is told instead (ADR 0083).
      const refusal = permanentRecipientRefusal(error);
      const gaveUp = refusal !== null || attempts >= settings.maxAttempts;
      if (refusal !== null && to === row.user.email && !row.user.closedAt) {
        await markAddressRefused(row.userId, to, refusal, now);
      }
      await prisma.notification.updateMany({
        where: mine(row.id),
        data: {
          deliveryAttempts: attempts,
          lastError: errorText(error),
          deliveryStatus: gaveUp ? "errore" : "in-coda",
          nextAttemptAt: new Date(now.getTime() + backoffDelay(attempts, settings.baseDelayMs, settings.maxDelayMs)),
          ...release,
        },
      });
      if (gaveUp) report.gaveUp += 1;
      else report.failed += 1;
      // Every failed email, with its error (the row's lastError keeps it too, see /admin/email).
      logger[gaveUp ? "error" : "warn"](
        { notificationId: row.id, kind: row.kind, attempt: attempts, gaveUp, err: errorFields(error) },
        "email not sent",
      );
      continue;
    }
    // Accepted by the server: record it at once (see the at-least-once note at the top). An
    // account message's raw token leaves the outbox now: only its hash stays (AccountToken).
    await prisma.notification.updateMany({
      where: mine(row.id),
      data: {
        deliveryStatus: "inviata",
        sentAt: now,
        deliveryAttempts: attempts,
        lastError: null,
        ...release,
        ...(TOKEN_KINDS.has(row.kind) ? { payload: withoutToken(row.payload) } : {}),
      },
    });
    report.sent += 1;
    // The address takes mail again (a full mailbox emptied, a typo at the school's server fixed).
    if (row.user.emailRefusedAt && to === row.user.email) {
      await prisma.user.updateMany({
        where: { id: row.userId, email: to },
        data: { emailRefusedAt: null, emailRefusal: null },
      });
    }
  }
  return report;
}

/**
 * The person's address is refused for good by its mail server (ADR 0083): at once (an SMTP answer)
 * or later (a bounce, ADR 0087). Only while it is still their address: a change made since clears it.
 */
export async function markAddressRefused(userId: string, address: string, refusal: string, at: Date): Promise<boolean> {
  const { count } = await prisma.user.updateMany({
    where: { id: userId, email: address, closedAt: null },
    data: { emailRefusedAt: at, emailRefusal: refusal },
  });
  return count > 0;
}

/** The payload JSON without its "token" and "to" fields (a link and an address that have done their job). */
export function withoutToken(payload: string): string {
  try {
    const parsed: unknown = JSON.parse(payload);
    if (parsed && typeof parsed === "object") {
      const { token: _token, to: _to, ...rest } = parsed as Record<string, unknown>;
      return JSON.stringify(rest);
    }
  } catch {
    // not JSON: nothing worth keeping
  }
  return "{}";
}

/**
 * A security notice with a link to undo what happened ("email-modificata": restore the address left) is sent
 * whatever its link's state, but without a link that no longer works (past its 7 days, or spent by a restore):
 * a retry days later would mail a dead link, and the notice's last sentence says whom to write to instead.
 */
const NOTICE_LINK_KINDS: ReadonlySet<string> = new Set(["email-modificata"]);

async function noticeLinkNow(payload: string, now: Date): Promise<{ token?: undefined }> {
  const written = payloadFields(payload);
  if (typeof written.token !== "string") return {};
  const token = await prisma.accountToken.findUnique({
    where: { tokenHash: hashToken(written.token) },
    select: { usedAt: true, expiresAt: true },
  });
  return accountLinkOutdated(token, now) ? { token: undefined } : {};
}

/**
 * Why a claimed message is not to be sent now (NOT_SENT_REASONS), or null to send it. Checked when it
 * leaves, whatever queued it (its writer, the backoff, a retry from /admin/email or /profilo): a retry
 * after an SMTP outage, or a backlog, could otherwise bring it after the fact.
 */
async function notSentReason(
  row: {
    kind: string;
    payload: string;
    enrolmentId: string | null;
    userId: string;
    user: { closedAt: Date | null; emailReminders: boolean };
  },
  now: Date,
  /** The message's place as it is now (placeNow), for the kinds that state it. */
  place: PlaceNow | null,
): Promise<NotSentReason | null> {
  // A closed account's address (chiuso-<id>@forma.invalid) cannot receive mail: only its last message,
  // to the address it had, leaves (ADR 0013). Here rather than in the writers, so that every row is
  // covered: those written after the closure (a certificate issued or revoked, a past session
  // corrected) and one committed while the closure deleted the account's rows.
  if (row.user.closedAt && !CLOSED_ACCOUNT_KINDS.has(row.kind)) return "account-chiuso";
  // Reminders (REMINDER_KINDS) respect the teacher's choice, also one made after the row was written
  // (the reminder's unsubscribe link, the profile); transactional messages always go out.
  if (REMINDER_KINDS.has(row.kind) && !row.user.emailReminders) return "promemoria-disattivati";
  // So do alerts of new events: once none of the searches the digest lists is an alert of the person any more
  // (the email's one-click unsubscribe deleted them all, or the person deleted it from /profilo/avvisi).
  if (ALERT_KINDS.has(row.kind) && !(await alertStillSaved(row.userId, row.payload))) return "avvisi-disattivati";
  // A message about a session ahead that is no longer true (the place ended, the session moved, was
  // deleted or has begun).
  if (SESSION_AHEAD_KINDS.has(row.kind) && (await sessionMessageOutdatedNow(row, now))) return "incontro-non-attuale";
  if (LINK_KINDS.has(row.kind) || ADDRESSED_KINDS.has(row.kind)) {
    const written = payloadFields(row.payload);
    // Sent once (its token and address left the payload), then bounced: rebuilt, it would carry a link
    // to nowhere, or go to the account's current address instead of the one it was for.
    if (accountMessageStripped(row.kind, written)) return "gia-inviata";
    // A link that no longer works (a reset link past its hour, a change of address already confirmed).
    if (LINK_KINDS.has(row.kind) && typeof written.token === "string") {
      const token = await prisma.accountToken.findUnique({
        where: { tokenHash: hashToken(written.token) },
        select: { usedAt: true, expiresAt: true },
      });
      if (accountLinkOutdated(token, now)) return "link-usato-o-scaduto";
    }
  }
  // An offer of a seat that is no longer open (lapsed, accepted, declined, ended): the seat may be someone else's.
  if (OFFER_KINDS.has(row.kind)) {
    if (
      offerMessageOutdated({ placeStatus: place?.status ?? null, offerExpiresAt: place?.offerExpiresAt ?? null, now })
    )
      return "offerta-chiusa";
  }
  // A seat announced, or said to be still valid ("edizione-modificata"), that is no longer the teacher's
  // (cancelled, removed or moved since): the message that ended the place is the true one, and the
  // announcement would arrive after it in a backlog. A move that also takes the old edition's sessions out
  // of the calendar (rows written before that CANCEL went apart) leaves whatever happened since.
  if (SEAT_GIVING_KINDS.has(row.kind) && row.enrolmentId && !carriesOldCancel(row.payload)) {
    if (seatMessageOutdated(place?.status ?? null)) return "posto-non-attuale";
  }
  // A place said to wait that no longer does (offered a seat, seated, ended since). A move onto a waiting
  // list that also takes the old edition's sessions out of the calendar leaves whatever happened since.
  if (WAITING_KINDS.has(row.kind) && row.enrolmentId && !carriesOldCancel(row.payload)) {
    if (waitingMessageOutdated(place?.status ?? null)) return "attesa-non-attuale";
  }
  // A certificate announced that was revoked (or reissued) since: its code no longer verifies.
  if (CERTIFICATE_KINDS.has(row.kind)) {
    const code = payloadFields(row.payload).certificateCode;
    const certificate =
      typeof code === "string"
        ? await prisma.certificate.findUnique({ where: { code }, select: { revokedAt: true } })
        : null;
    if (certificateMessageOutdated(certificate)) return "attestato-non-valido";
  }
  return null;
}

/**
 * Whether the person still has an alert for one of the searches an alert digest lists (any alert, for a row
 * whose searches cannot be read).
 */
async function alertStillSaved(userId: string, payload: string): Promise<boolean> {
  const queries = (parsePayload(payload).alertSections ?? []).map((section) => section.query);
  const alert = await prisma.catalogueAlert.findFirst({
    where: { userId, ...(queries.length > 0 ? { query: { in: queries } } : {}) },
    select: { id: true },
  });
  return alert !== null;
}

/** A message's place as it is when the message leaves. */
type PlaceNow = { status: string; offerExpiresAt: Date | null };

/** Kinds whose sending (or text) depends on their place as it is now (notSentReason, offerDeadlineNow). */
function placeChecked(kind: string): boolean {
  return OFFER_KINDS.has(kind) || SEAT_GIVING_KINDS.has(kind) || WAITING_KINDS.has(kind);
}

async function placeNow(enrolmentId: string): Promise<PlaceNow | null> {
  return prisma.enrolment.findUnique({ where: { id: enrolmentId }, select: { status: true, offerExpiresAt: true } });
}

/**
 * An offer's deadline as it is when the message leaves: the organiser may have brought it forward since the
 * message was written (rescheduleOffers: an offer never outlives the edition, ADR 0011), and a later date
 * read in a late message would lose the seat. Said to be brought forward when it is earlier than written.
 */
function offerDeadlineNow(payload: string, place: PlaceNow | null): Partial<EmailPayload> {
  if (!place) return {};
  const written = payloadFields(payload).offerExpiresAt;
  const writtenAt = typeof written === "string" ? Date.parse(written) : NaN;
  const current = place.offerExpiresAt;
  return {
    offerExpiresAt: current?.toISOString() ?? null,
    ...(current && !Number.isNaN(writtenAt) && current.getTime() < writtenAt ? { offerShortened: true } : {}),
  };
}

type PayloadFields = {
  token?: unknown;
  to?: unknown;
  offerExpiresAt?: unknown;
  fromEditionHeldSeat?: unknown;
  cancelledApart?: unknown;
  certificateCode?: unknown;
};

/**
 * A move's message that also cancels the old edition's sessions in the teacher's calendar (the old place held
 * a seat, and the CANCEL did not go apart as "incontri-annullati": a move to a waiting list, or a move to a seat
 * queued before 06/12/2026). That CANCEL is needed whatever happened to the new place since.
 */
function carriesOldCancel(payload: string): boolean {
  const f = payloadFields(payload);
  return f.fromEditionHeldSeat === true && f.cancelledApart !== true;
}

/** The payload's object, or an empty one when it cannot be read. */
function payloadFields(payload: string): PayloadFields {
  try {
    const parsed: unknown = JSON.parse(payload);
    return parsed && typeof parsed === "object" ? (parsed as PayloadFields) : {};
  } catch {
    return {};
  }
}

/** sessionMessageOutdated for a row of SESSION_AHEAD_KINDS, with its place and session as they are now. */
async function sessionMessageOutdatedNow(
  row: { enrolmentId: string | null; payload: string },
  now: Date,
): Promise<boolean> {
  let written: { sessionId?: unknown; sessionStartsAt?: unknown } = {};
  try {
    written = JSON.parse(row.payload) as typeof written;
  } catch {
    // An unreadable payload: judged by its place alone.
  }
  const sessionId = typeof written.sessionId === "string" ? written.sessionId : null;
  const writtenStartsAt = typeof written.sessionStartsAt === "string" ? written.sessionStartsAt : undefined;
  const [place, session] = await Promise.all([
    row.enrolmentId
      ? prisma.enrolment.findUnique({ where: { id: row.enrolmentId }, select: { status: true } })
      : Promise.resolve(null),
    sessionId
      ? prisma.trainingSession.findUnique({ where: { id: sessionId }, select: { startsAt: true } })
      : Promise.resolve(undefined),
  ]);
  return sessionMessageOutdated({
    placeStatus: place?.status ?? null,
    writtenStartsAt,
    // Rows written before the payload named its session: their start alone tells whether it has begun.
    startsAtNow: sessionId ? (session?.startsAt ?? null) : writtenStartsAt ? new Date(writtenStartsAt) : undefined,
    now,
  });
}

/**
 * Until when the seat a message gives can be given up and whether it still can at `now` (see
 * EmailPayload.cancellation), by the domain's rule: the edition's cut-off or its first session's start
 * (`sessions` in start order, as loadEnrolmentSessions reads them), or for a seat given after that deadline
 * (`seatGivenAt`: the message is written with the change that gives it) the next session's start; and not at
 * all once a register line records the teacher present (a seat given back to someone whose lines came with
 * them, ADR 0019 addendum; ADR 0011 addendum "a teacher the register records present").
 */
function cancellationOf(
  place: { cancellationCutoffAt: Date | null; recordedPresent: boolean } | undefined,
  sessions: CalendarSession[],
  seatGivenAt: Date,
  now: Date,
): NonNullable<EmailPayload["cancellation"]> {
  const cutoff = place?.cancellationCutoffAt ?? null;
  const recordedPresent = place?.recordedPresent ?? false;
  const until = seatCancellationDeadline(
    cancellationDeadline(cutoff, sessions[0]?.startsAt ?? null),
    seatGivenAt,
    firstStartAfter(
      sessions.map((s) => s.startsAt),
      seatGivenAt,
    ),
  );
  return {
    until: until?.toISOString() ?? null,
    open: canTeacherCancel("iscritto", until, now, recordedPresent),
    ...(recordedPresent ? { recordedPresent } : {}),
  };
}

/** The email payload's schedule from the enrolment's sessions (see EmailPayload.schedule). */
function scheduleOf(sessions: CalendarSession[]): NonNullable<EmailPayload["schedule"]> {
  const first = sessions[0]!;
  return {
    sessions: sessions.map((s) => ({
      startsAt: s.startsAt.toISOString(),
      endsAt: s.endsAt.toISOString(),
      title: s.title,
      delivery: s.delivery,
      place: s.place,
    })),
    mode: first.mode,
    venue: first.venue,
    onlineUrl: first.onlineUrl ?? null,
  };
}

/**
 * Sessions leaving the teacher's calendar with this message: "incontri-annullati" naming deleted sessions
 * (their ids); a move to a waitlist ("spostato-in-lista-attesa") when the old place held a seat, whose
 * sessions the earlier invitation had put in the calendar. Rows written before 06/12/2026 also name them on
 * "edizione-modificata" (with whether kept sessions moved too) and "spostato-di-edizione".
 */
type DeletedSessions = { ids: string[]; rescheduled: boolean; leftSeatOfMovedPlace?: boolean };

/**
 * The calendar invitation of an edition message, built at send time from the sessions as they
 * are then (same UIDs and SEQUENCE as the personal feed), or undefined for other kinds. A CANCEL
 * kind naming deleted sessions ("incontri-annullati") cancels their UIDs (SEQUENCE from the
 * tombstones, one higher than before), not its place's sessions. Each message carries one iTIP
 * method as its text/calendar alternative, the one part Outlook and Gmail act on (RFC 6047); only
 * rows written before 06/12/2026 may still add the other method as a further attachment.
 */
async function invitationFor(
  kind: string,
  enrolmentId: string,
  user: { email: string; firstName: string; lastName: string; locale: string },
  origin: string,
  /** The From of the message: the invitation's ORGANIZER. */
  sender: { name: string; address: string },
  deleted: DeletedSessions,
  /** The enrolment's sessions when the caller has read them already. */
  loaded?: CalendarSession[],
): Promise<Pick<OutgoingMail, "calendar" | "moreCalendars"> | undefined> {
  // A REQUEST puts the sessions in the calendar: only while the place holds its seat (a
  // confirmation retried after the teacher left would put the cancelled sessions back). A CANCEL
  // undoes the REQUEST of a seat: a teacher who only waited (left the list, or the edition was
  // cancelled while they waited) never had the sessions and gets none.
  const kindMethod = INVITATION_METHOD[kind];
  const seat = kindMethod ? await placeSeat(enrolmentId) : null;
  const method = kindMethod && (kindMethod === "REQUEST" ? seat?.holds : seat?.held) ? kindMethod : undefined;
  const leaving = deleted.leftSeatOfMovedPlace === true;
  if (!method && !leaving) return undefined;
  // "incontri-annullati" after a deletion: the tombstones are its whole invitation.
  const onlyDeleted = method === "CANCEL" && deleted.ids.length > 0;
  const [sessions, cancelled] = await Promise.all([
    method && !onlyDeleted ? (loaded ?? loadEnrolmentSessions(enrolmentId)) : Promise.resolve([]),
    deleted.ids.length
      ? loadCancelledSessions(deleted.ids)
      : leaving
        ? loadMovedFromSessions(enrolmentId)
        : Promise.resolve([]),
  ]);
  if (sessions.length === 0 && cancelled.length === 0) return undefined;
  const locale = asLocale(user.locale);
  const names = CALENDAR_FILENAMES[locale];
  const build = (rows: typeof sessions, m: "REQUEST" | "CANCEL") =>
    buildInvitation(rows, {
      method: m,
      name: rows[0]!.eventTitle,
      origin,
      locale,
      organizer: { name: sender.name, email: sender.address },
      attendee: { name: `${user.firstName} ${user.lastName}`.trim(), email: user.email },
    });
  const main =
    method && sessions.length ? { method, content: build(sessions, method), filename: names.invitation } : null;
  if (cancelled.length === 0) return main ? { calendar: main } : undefined;
  const cancel = { method: "CANCEL" as const, content: build(cancelled, "CANCEL") };
  // A row from before 06/12/2026, moved with a seat or with kept sessions moved: the REQUEST is the message,
  // the CANCEL only an attachment (which Outlook and Gmail do not act on: newer rows send it apart).
  if (main && (deleted.rescheduled || leaving)) {
    return { calendar: main, moreCalendars: [{ ...cancel, filename: names.cancelled }] };
  }
  return {
    calendar: { ...cancel, filename: names.invitation },
    ...(main ? { moreCalendars: [{ ...main, filename: names.updated }] } : {}),
  };
}

/** The invitation's attachment name, and those of a second calendar in rows from before 06/12/2026, per language. */
export const CALENDAR_FILENAMES = {
  it: { invitation: "invito.ics", cancelled: "incontri-annullati.ics", updated: "incontri-aggiornati.ics" },
  en: { invitation: "invitation.ics", cancelled: "cancelled-sessions.ics", updated: "updated-sessions.ics" },
} as const;

/** The place in the waiting list at send time, or null if the teacher is no longer waiting. */
async function currentWaitlistPosition(enrolmentId: string): Promise<number | null> {
  const enrolment = await prisma.enrolment.findUnique({
    where: { id: enrolmentId },
    select: { status: true, editionId: true, waitlistSeq: true, quotaId: true },
  });
  if (!enrolment || enrolment.status !== "in-attesa" || enrolment.waitlistSeq === null) return null;
  return waitlistPositionOf(enrolment.editionId, enrolment.waitlistSeq, enrolment.quotaId);
}

/**
 * Puts a failed notification back in the queue, due now, with a fresh series of attempts.
 * Also sends a queued one that is waiting for its backoff. A sent message is never re-sent.
 */
export async function retryNotification(id: string, now: Date = new Date()): Promise<boolean> {
  const updated = await prisma.notification.updateMany({
    where: {
      id,
      AND: [
        { OR: [{ deliveryStatus: "errore" }, { deliveryStatus: "in-coda", deliveryAttempts: { gt: 0 } }] },
        // Not while a worker holds it (its lease runs): it may be handing it to the SMTP server right now, and a
        // retry would free the claim its "sent" is written under, so the next batch would send it again.
        { OR: [{ claimedUntil: null }, { claimedUntil: { lt: now } }] },
      ],
    },
    data: { deliveryStatus: "in-coda", deliveryAttempts: 0, nextAttemptAt: now, claimedBy: null, claimedUntil: null },
  });
  return updated.count === 1;
}

/**
 * The failed messages "retry every failed email" sends again (bulkRetryable, as a query), optionally
 * only those `byRecipient` selects (recipientWhere: the page's search).
 */
function bulkRetryWhere(
  now: Date,
  byRecipient: Prisma.NotificationWhereInput,
  userId?: string,
): Prisma.NotificationWhereInput {
  const since = new Date(now.getTime() - BULK_RETRY_MAX_AGE_DAYS * 24 * 3600_000);
  const dayKindsSince = new Date(now.getTime() - BULK_RETRY_REMINDER_MAX_AGE_HOURS * 3600_000);
  return {
    deliveryStatus: "errore",
    createdAt: { gte: since },
    NOT: { kind: { in: [...BULK_RETRY_DAY_KINDS] }, createdAt: { lt: dayKindsSince } },
    AND: [byRecipient],
    ...(userId ? { userId } : {}),
  };
}

/**
 * "The address is right: send again" (/profilo, after a refusal by its mail server, ADR 0083): the
 * refusal is forgotten and the person's own failed messages within the bulk retry's window
 * (bulkRetryWhere) go back in the queue. If the server refuses again, the notice comes back.
 * Returns how many messages were queued again.
 */
export async function retryRefusedAddress(userId: string, now: Date = new Date()): Promise<number> {
  await prisma.user.updateMany({ where: { id: userId }, data: { emailRefusedAt: null, emailRefusal: null } });
  const updated = await prisma.notification.updateMany({
    where: bulkRetryWhere(now, {}, userId),
    data: { deliveryStatus: "in-coda", deliveryAttempts: 0, nextAttemptAt: now, claimedBy: null, claimedUntil: null },
  });
  return updated.count;
}

/** How many failed messages "retry every failed email" would send again now. */
export async function countBulkRetryable(recipient = "", now: Date = new Date()): Promise<number> {
  return prisma.notification.count({ where: bulkRetryWhere(now, await recipientWhere(recipient)) });
}

/** Puts every bulk-retryable failed message back in the queue, as one retry each; returns how many. */
export async function retryFailedNotifications(recipient = "", now: Date = new Date()): Promise<number> {
  const updated = await prisma.notification.updateMany({
    where: bulkRetryWhere(now, await recipientWhere(recipient)),
    data: { deliveryStatus: "in-coda", deliveryAttempts: 0, nextAttemptAt: now, claimedBy: null, claimedUntil: null },
  });
  return updated.count;
}

export { DELIVERY_STATUSES };

/**
 * For /admin/email: the latest notifications (optionally of one status, optionally to addresses
 * containing `recipient`) and their counts by status (with the same recipient filter). Each row's
 * `recipient` is the address it goes to (recipientOf), its payload stays here.
 */
export async function recentNotifications(status: string | null, limit = RECENT_NOTIFICATIONS_LIMIT, recipient = "") {
  const byRecipient = await recipientWhere(recipient);
  const where = {
    ...byRecipient,
    ...(status && (DELIVERY_STATUSES as readonly string[]).includes(status) ? { deliveryStatus: status } : {}),
  };
  const [rows, groups] = await Promise.all([
    prisma.notification.findMany({
      where,
      orderBy: { createdAt: "desc" },
      take: limit,
      select: {
        id: true,
        kind: true,
        createdAt: true,
        deliveryStatus: true,
        deliveryAttempts: true,
        nextAttemptAt: true,
        sentAt: true,
        lastError: true,
        payload: true,
        user: { select: { email: true } },
      },
    }),
    prisma.notification.groupBy({ by: ["deliveryStatus"], where: byRecipient, _count: { _all: true } }),
  ]);
  const counts = Object.fromEntries(groups.map((g) => [g.deliveryStatus, g._count._all])) as Record<string, number>;
  return {
    rows: rows.map(({ payload, ...row }) => ({ ...row, recipient: recipientOf(row.kind, payload, row.user.email) })),
    counts,
  };
}

// ─── The periodic job ───────────────────────────────────────────────────────

let chosen: { mailer: Mailer | null; warned: boolean } | undefined;

/**
 * Called by app/utils/background-jobs.server.ts every few seconds in every instance; `signal` is aborted when the
 * process begins to stop (see DeliverOptions.signal).
 */
export async function runOutbox(now: Date = new Date(), signal?: AbortSignal): Promise<DeliveryReport | null> {
  if (!chosen) {
    const choice = mailerFromEnv(getEnv());
    chosen = { mailer: choice.mailer, warned: false };
    if (choice.warning) {
      logger.warn(choice.warning);
      chosen.warned = true;
    }
  }
  if (!chosen.mailer) return null; // production without SMTP: everything stays "in-coda"
  // A full batch means more is due (a popular edition just opened): keep going, within bounds.
  const total: DeliveryReport = { claimed: 0, sent: 0, failed: 0, gaveUp: 0, skipped: 0, lost: 0, released: 0 };
  for (let round = 0; round < 10 && !signal?.aborted; round += 1) {
    const report = await deliverDue({ mailer: chosen.mailer, now: round === 0 ? now : new Date(), signal });
    for (const key of Object.keys(total) as (keyof DeliveryReport)[]) total[key] += report[key];
    if (report.claimed < OUTBOX_DEFAULTS.batchSize) break;
  }
  return total;
}

/** Which delivery this instance uses, for the admin page. */
export function outboxMode(): "smtp" | "file" | "none" {
  const env = getEnv();
  if (env.SMTP_HOST) return "smtp";
  return env.NODE_ENV !== "production" ? "file" : "none";
}
