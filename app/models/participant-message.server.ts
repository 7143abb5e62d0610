// Messages from an edition's organiser to its participants (issue 15, item 1). The message and
// one "messaggio-organizzatore" notification per recipient are written in one transaction; the
// outbox (app/models/outbox.server.ts) sends them with its usual guarantees (claimed once,
// retried with backoff, listed in /admin/email). The kind is not a reminder: teachers who turned
// reminders off still receive what the organiser of an edition they are in writes to them.
//
// Once each: every copy has the dedupe key messaggio-organizzatore:<messageId>:<userId>
// (app/domain/notification.ts), and the
// message itself carries the preview's one-time key (ParticipantMessage.sendKey, unique), so a
// form sent twice (double click, retried request, two instances) is stored and sent once.
// The caller checks the organiser's scope first (requireManagedEdition).
//
// Only what was previewed is sent. The send key is signed (HMAC, a key derived from SESSION_SECRET)
// over the edition, the organiser, the audience, the session, the subject, the text and a
// fingerprint of the recipients the preview counted. A send whose audience or text is not the
// previewed one (a compose form edited after the preview, an old page, a forged form) is refused
// and nothing is written; so is one whose recipients are no longer those counted on the button
// "Invia a N persone": see sendParticipantMessage.
//
// Replies: every copy names the organiser who wrote it and carries Reply-To their address
// (ADR 0076), both read from their account when the message is written and kept in the payload
// ("sender"); closing their account erases it from the rows (account-closure.server.ts).
import { siteContacts } from "~/utils/site-contacts.server.ts";
import crypto from "node:crypto";
import type { Prisma } from "~/generated/prisma-sqlite/client.ts";
import { PRESENT_STATUSES } from "~/domain/attendance.ts";
import {
  messageContent,
  SESSION_AUDIENCES,
  type MessageAudience,
  type MessageContent,
} from "~/domain/participant-message.ts";
import type { Locale } from "~/domain/vocabulary.ts";
import { asLocale } from "~/i18n/i18n.tsx";
import type { ParticipantMessageForm } from "~/forms/participant-message-form.ts";
import { isUniqueViolation } from "~/utils/account.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { getEnv } from "~/utils/env.server.ts";
import { renderEmail, type EmailSender, type RenderedEmail } from "../../emails/index.ts";
import { participantMessageDedupeKey } from "~/domain/notification.ts";
import { writeNotifications } from "./notification-writer.server.ts";

export type MessageFilter = { audience: MessageAudience; sessionId: string | null };

/** The enrolments a filter selects (closed accounts never receive anything). */
export function recipientsWhere(editionId: string, filter: MessageFilter): Prisma.EnrolmentWhereInput {
  const base = { editionId, user: { closedAt: null } };
  const present = { sessionId: filter.sessionId ?? "", status: { in: [...PRESENT_STATUSES] } };
  const absent = { sessionId: filter.sessionId ?? "", status: { notIn: [...PRESENT_STATUSES] } };
  const validCertificate = { editionId, activeKey: { not: null } };
  switch (filter.audience) {
    case "iscritti":
      return { ...base, status: "iscritto" };
    case "in-attesa":
      return { ...base, status: "in-attesa" };
    case "offerta":
      return { ...base, status: "offerta" };
    case "presenti":
      return { ...base, status: "iscritto", attendance: { some: present } };
    case "assenti":
      // Marked absent (or excused) in the session's register. Someone with no line for it yet (the trainer
      // fills the register in later) is not judged absent: the preview counts them apart (unrecordedWhere).
      return { ...base, status: "iscritto", attendance: { some: absent } };
    case "completato":
      return { ...base, status: "iscritto", certificates: { some: validCertificate } };
    case "non-completato":
      return { ...base, status: "iscritto", certificates: { none: validCertificate } };
  }
}

/** The enrolled people a session's register has no line for yet: neither present nor absent. */
function unrecordedWhere(editionId: string, sessionId: string): Prisma.EnrolmentWhereInput {
  return { editionId, user: { closedAt: null }, status: "iscritto", attendance: { none: { sessionId } } };
}

const editionSelect = {
  id: true,
  number: true,
  attendanceClosedAt: true,
  event: { select: { id: true, title: true, titleLanguage: true } },
  sessions: {
    orderBy: { startsAt: "asc" },
    select: { id: true, title: true, startsAt: true, delivery: true },
  },
} as const;

/** The messages page: the edition, its sessions (for the present/absent filters), the messages sent. */
export async function loadMessagesPage(editionId: string) {
  const [edition, history] = await Promise.all([
    prisma.edition.findUniqueOrThrow({ where: { id: editionId }, select: editionSelect }),
    prisma.participantMessage.findMany({
      where: { editionId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: 100,
      select: {
        id: true,
        createdAt: true,
        audience: true,
        sessionId: true,
        subject: true,
        body: true,
        recipientCount: true,
        author: { select: { firstName: true, lastName: true } },
      },
    }),
  ]);
  const delivery = await deliveryOf(history);
  return {
    edition,
    history: history.map((m) => ({ ...m, delivery: delivery.get(m.id) ?? { ...NO_DELIVERY } })),
  };
}

/**
 * What became of each message's emails: sent, still waiting (queued or being retried), not sent (an
 * error, an address the mail server refuses, a closed account…), and those no longer in the email log
 * (deleted with it after the retention period, or with a deleted account).
 */
export type MessageDelivery = { sent: number; waiting: number; notSent: number; gone: number };
const NO_DELIVERY: MessageDelivery = { sent: 0, waiting: 0, notSent: 0, gone: 0 };

/**
 * The delivery of the messages listed, from their Notification rows, in one query for them all. A row
 * belongs to its message by its dedupe key (participantMessageDedupeKey: messaggio-organizzatore:<message>:<user>),
 * the only link the row keeps. It is written in its message's transaction: the read is bounded to rows written
 * from a day before the oldest message listed (the margin covers clocks of the database and of the app).
 */
async function deliveryOf(history: { id: string; createdAt: Date; recipientCount: number }[]) {
  const out = new Map<string, MessageDelivery>();
  if (history.length === 0) return out;
  const prefix = (id: string) => participantMessageDedupeKey(id, "");
  const oldest = history.reduce((min, m) => (m.createdAt < min ? m.createdAt : min), history[0]!.createdAt);
  const rows = await prisma.notification.findMany({
    where: {
      kind: "messaggio-organizzatore",
      createdAt: { gte: new Date(oldest.getTime() - 24 * 3600_000) },
      OR: history.map((m) => ({ dedupeKey: { startsWith: prefix(m.id) } })),
    },
    select: { dedupeKey: true, deliveryStatus: true },
  });
  for (const m of history) out.set(m.id, { ...NO_DELIVERY });
  for (const row of rows) {
    const messageId = row.dedupeKey.split(":")[1] ?? "";
    const counts = out.get(messageId);
    if (!counts || !row.dedupeKey.startsWith(prefix(messageId))) continue;
    if (row.deliveryStatus === "inviata") counts.sent += 1;
    else if (row.deliveryStatus === "in-coda") counts.waiting += 1;
    else counts.notSent += 1;
  }
  for (const m of history) {
    const counts = out.get(m.id)!;
    counts.gone = Math.max(0, m.recipientCount - counts.sent - counts.waiting - counts.notSent);
  }
  return out;
}

export type FilterRefusal = "unknown-session" | "session-not-started";

/**
 * The sessions whose register can tell present from absent: the synchronous ones already begun.
 * Before its start nobody has a register line, and "absent" would have been every enrolled teacher.
 */
export function isAttendanceSession(session: { delivery: string; startsAt: Date }, now: Date = new Date()): boolean {
  return session.delivery === "sincrona" && session.startsAt <= now;
}

/** The filter of a valid form, or a refusal when its session is not one of the edition's, or not begun. */
async function filterOf(editionId: string, form: ParticipantMessageForm): Promise<MessageFilter | FilterRefusal> {
  if (!SESSION_AUDIENCES.has(form.audience)) return { audience: form.audience, sessionId: null };
  const session = await prisma.trainingSession.findFirst({
    where: { id: form.sessionId ?? "", editionId },
    select: { id: true, delivery: true, startsAt: true },
  });
  if (!session) return "unknown-session";
  if (!isAttendanceSession(session)) return "session-not-started";
  return { audience: form.audience, sessionId: session.id };
}

function payloadOf(
  edition: { number: number; event: { title: string } },
  form: ParticipantMessageForm,
  sender: EmailSender | null,
) {
  return {
    eventTitle: edition.event.title,
    editionNumber: edition.number,
    messageSubject: form.subject,
    messageBody: form.body,
    ...(sender ? { sender } : {}),
  };
}

type Db = Pick<typeof prisma, "user">;

/**
 * The organiser as the participants will see them: name and account address now (a later change
 * of address does not redirect messages already written). Null for a closed account.
 */
export async function senderOf(db: Db, userId: string): Promise<EmailSender | null> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { id: true, firstName: true, lastName: true, email: true, closedAt: true },
  });
  if (!user || user.closedAt) return null;
  const name = `${user.firstName} ${user.lastName}`.replace(/\s+/g, " ").trim();
  return name ? { id: user.id, name, email: user.email } : null;
}

export type MessagePreview = {
  count: number;
  /**
   * One recipient's email as they will receive it (their first name, their language: an English
   * preview greeting an Italian recipient showed words she would never read); null with no recipient.
   */
  sample: RenderedEmail | null;
  /** Whose email the sample is, and its language (the page marks it with lang). */
  sampleRecipient: { firstName: string; locale: Locale } | null;
  /**
   * What was previewed, as the server read it: the send form posts these (never the compose form's
   * live values, which the organiser may have changed since), and the key is signed over them.
   */
  values: MessageContent;
  /** The one-time key the send form carries, signed over `values` and the recipients counted. */
  sendKey: string;
  /**
   * Present / absent: how many enrolled people the session's register has no line for yet (left out of
   * both: the page says so); null for the other audiences.
   */
  unrecorded: number | null;
  /** With / without a certificate, asked before the edition's register is closed: none has been issued yet. */
  certificatesNotIssued: boolean;
};

let cachedSealKey: { secret: string; key: Buffer } | undefined;

/** HKDF-SHA256 of SESSION_SECRET with a label of its own: rotating the secret voids every open preview. */
function sealKey(secret: string = getEnv().SESSION_SECRET): Buffer {
  if (cachedSealKey?.secret !== secret) {
    const key = Buffer.from(crypto.hkdfSync("sha256", secret, new Uint8Array(0), "forma-participant-message", 32));
    cachedSealKey = { secret, key };
  }
  return cachedSealKey.key;
}

const PART = "[A-Za-z0-9_-]";
/** nonce (12 bytes) . recipients' fingerprint (12 bytes) . signature (16 bytes), base64url: 56 characters. */
const SEND_KEY = new RegExp(`^(${PART}{16})\\.(${PART}{16})\\.(${PART}{22})$`);

/** Who the preview counted: the enrolments, in a stable order, hashed. */
function recipientsFingerprint(recipients: { id: string }[]): string {
  const ids = recipients.map((r) => r.id).sort();
  return crypto.createHash("sha256").update(ids.join("\n")).digest().subarray(0, 12).toString("base64url");
}

type Seal = { editionId: string; authorId: string; content: MessageContent; nonce: string; recipients: string };

function signatureOf(seal: Seal): Buffer {
  const { editionId, authorId, content, nonce, recipients } = seal;
  const signed = JSON.stringify([
    "v1",
    editionId,
    authorId,
    content.audience,
    content.sessionId,
    content.subject,
    content.body,
    nonce,
    recipients,
  ]);
  return crypto.createHmac("sha256", sealKey()).update(signed).digest().subarray(0, 16);
}

function sendKeyOf(editionId: string, authorId: string, content: MessageContent, recipients: { id: string }[]) {
  const nonce = crypto.randomBytes(12).toString("base64url");
  const fingerprint = recipientsFingerprint(recipients);
  const signature = signatureOf({ editionId, authorId, content, nonce, recipients: fingerprint });
  return `${nonce}.${fingerprint}.${signature.toString("base64url")}`;
}

/**
 * The recipients' fingerprint of a key this organiser's preview gave for exactly this content and
 * edition; null for any other key (another text, audience, session, edition or organiser, altered, or
 * made before the secret changed).
 */
function readSendKey(sendKey: string, editionId: string, authorId: string, content: MessageContent): string | null {
  const match = SEND_KEY.exec(sendKey);
  if (!match) return null;
  const [, nonce, recipients, mac] = match as unknown as [string, string, string, string];
  const expected = signatureOf({ editionId, authorId, content, nonce, recipients });
  const given = Buffer.from(mac, "base64url");
  return given.length === expected.length && crypto.timingSafeEqual(given, expected) ? recipients : null;
}

export async function previewParticipantMessage(
  authorId: string,
  editionId: string,
  form: ParticipantMessageForm,
): Promise<{ ok: true; preview: MessagePreview } | { ok: false; reason: FilterRefusal }> {
  const filter = await filterOf(editionId, form);
  if (typeof filter === "string") return { ok: false, reason: filter };
  const where = recipientsWhere(editionId, filter);
  const [sender, edition, recipients, first, unrecorded] = await Promise.all([
    senderOf(prisma, authorId),
    prisma.edition.findUniqueOrThrow({ where: { id: editionId }, select: editionSelect }),
    prisma.enrolment.findMany({ where, select: { id: true } }),
    prisma.enrolment.findFirst({
      where,
      orderBy: [{ user: { lastName: "asc" } }, { id: "asc" }],
      select: { user: { select: { firstName: true, locale: true } } },
    }),
    filter.sessionId === null ? null : prisma.enrolment.count({ where: unrecordedWhere(editionId, filter.sessionId) }),
  ]);
  const sampleRecipient = first ? { firstName: first.user.firstName, locale: asLocale(first.user.locale) } : null;
  const sample = sampleRecipient
    ? renderEmail(
        "messaggio-organizzatore",
        { ...payloadOf(edition, form, sender), offerExpiresAt: null, reason: null, position: null },
        {
          locale: sampleRecipient.locale,
          origin: getEnv().APP_ORIGIN.replace(/\/+$/, ""),
          contactEmail: siteContacts().email,
          firstName: sampleRecipient.firstName,
          titleLanguage: edition.event.titleLanguage,
        },
      )
    : null;
  const values = contentOf(form, filter);
  return {
    ok: true,
    preview: {
      count: recipients.length,
      sample,
      sampleRecipient,
      values,
      sendKey: sendKeyOf(editionId, authorId, values, recipients),
      unrecorded,
      certificatesNotIssued:
        (filter.audience === "completato" || filter.audience === "non-completato") &&
        edition.attendanceClosedAt === null,
    },
  };
}

/** The content the key covers: the form as read, with the filter's session (none for other audiences). */
function contentOf(form: ParticipantMessageForm, filter: MessageFilter): MessageContent {
  return messageContent({
    audience: filter.audience,
    sessionId: filter.sessionId,
    subject: form.subject,
    body: form.body,
  });
}

export type SendOutcome =
  | { ok: true; messageId: string; recipients: number; repeated: boolean }
  | { ok: false; reason: FilterRefusal | "no-recipients" | "not-previewed" }
  | { ok: false; reason: "recipients-changed"; preview: MessagePreview };

/**
 * Stores the message and queues one email per recipient, all or nothing; only what the key's
 * preview showed:
 * - another audience, session, subject or text than the preview's (or a key that is not this
 *   organiser's preview of this edition): "not-previewed", nothing written;
 * - the same content, but the recipients are no longer the people the preview counted (someone
 *   enrolled, left, was moved or marked meanwhile, even if their number is the same):
 *   "recipients-changed", nothing written, with a fresh preview (new count, new key). Sending to the
 *   audience as it is now would break the count on the button the organiser confirmed, and sending
 *   only to the people previewed would write to someone who has left the audience (a withdrawn
 *   teacher told about a session they no longer attend), and the emails cannot be recalled: the
 *   organiser confirms again, one click, on the new count.
 * The same key confirmed again after its message was stored gives that message ("repeated").
 */
export async function sendParticipantMessage(
  authorId: string,
  editionId: string,
  form: ParticipantMessageForm & { sendKey: string },
): Promise<SendOutcome> {
  const filter = await filterOf(editionId, form);
  if (typeof filter === "string") return { ok: false, reason: filter };
  const previewed = readSendKey(form.sendKey, editionId, authorId, contentOf(form, filter));
  if (previewed === null) return { ok: false, reason: "not-previewed" };
  const repeated = async (): Promise<SendOutcome | null> => {
    const sent = await prisma.participantMessage.findUnique({
      where: { sendKey: form.sendKey },
      select: { id: true, editionId: true, recipientCount: true },
    });
    return sent && sent.editionId === editionId
      ? { ok: true, messageId: sent.id, recipients: sent.recipientCount, repeated: true }
      : null;
  };
  // Confirmed twice (double click, retried request): the first one was stored and queued; nothing more,
  // even if the recipients have changed since.
  const before = await repeated();
  if (before) return before;
  let outcome: SendOutcome | "recipients-changed";
  try {
    outcome = await prisma.$transaction(async (tx): Promise<SendOutcome | "recipients-changed"> => {
      const edition = await tx.edition.findUniqueOrThrow({ where: { id: editionId }, select: editionSelect });
      const recipients = await tx.enrolment.findMany({
        where: recipientsWhere(editionId, filter),
        select: { id: true, userId: true },
      });
      if (recipientsFingerprint(recipients) !== previewed) return "recipients-changed";
      if (recipients.length === 0) return { ok: false, reason: "no-recipients" };
      const message = await tx.participantMessage.create({
        data: {
          editionId,
          authorId,
          audience: filter.audience,
          sessionId: filter.sessionId,
          subject: form.subject,
          body: form.body,
          recipientCount: recipients.length,
          sendKey: form.sendKey,
        },
        select: { id: true },
      });
      const payload = payloadOf(edition, form, await senderOf(tx, authorId));
      await writeNotifications(
        tx,
        recipients.map((r) => ({
          kind: "messaggio-organizzatore" as const,
          userId: r.userId,
          enrolmentId: r.id,
          messageId: message.id,
          payload,
        })),
      );
      return { ok: true, messageId: message.id, recipients: recipients.length, repeated: false };
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // The same preview confirmed twice at once: the other request stored and queued it.
    const sent = await repeated();
    if (!sent) throw error;
    return sent;
  }
  if (outcome !== "recipients-changed") return outcome;
  const fresh = await previewParticipantMessage(authorId, editionId, form);
  if (!fresh.ok) return fresh;
  return { ok: false, reason: "recipients-changed", preview: fresh.preview };
}
