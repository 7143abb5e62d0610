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
// Replies: every copy names the organiser who wrote it and carries Reply-To their address
// (ADR 0076), both read from their account when the message is written and kept in the payload
// ("sender"); closing their account erases it from the rows (account-closure.server.ts).
import crypto from "node:crypto";
import type { Prisma } from "~/generated/prisma-sqlite/client.ts";
import { PRESENT_STATUSES, SESSION_AUDIENCES, type MessageAudience } from "~/domain/participant-message.ts";
import type { Locale } from "~/domain/vocabulary.ts";
import { asLocale } from "~/i18n/i18n.tsx";
import type { ParticipantMessageForm } from "~/forms/participant-message-form.ts";
import { isUniqueViolation } from "~/utils/account.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { getEnv } from "~/utils/env.server.ts";
import { renderEmail, type EmailSender, type RenderedEmail } from "../../emails/index.ts";
import { writeNotifications } from "./notification-writer.server.ts";

export type MessageFilter = { audience: MessageAudience; sessionId: string | null };

/** The enrolments a filter selects (closed accounts never receive anything). */
export function recipientsWhere(editionId: string, filter: MessageFilter): Prisma.EnrolmentWhereInput {
  const base = { editionId, user: { closedAt: null } };
  const present = { sessionId: filter.sessionId ?? "", status: { in: [...PRESENT_STATUSES] } };
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
      return { ...base, status: "iscritto", attendance: { none: present } };
    case "completato":
      return { ...base, status: "iscritto", certificates: { some: validCertificate } };
    case "non-completato":
      return { ...base, status: "iscritto", certificates: { none: validCertificate } };
  }
}

const editionSelect = {
  id: true,
  number: true,
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
  return { edition, history };
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
  /** The one-time key the send form carries. */
  sendKey: string;
};

export async function previewParticipantMessage(
  authorId: string,
  editionId: string,
  form: ParticipantMessageForm,
): Promise<{ ok: true; preview: MessagePreview } | { ok: false; reason: FilterRefusal }> {
  const filter = await filterOf(editionId, form);
  if (typeof filter === "string") return { ok: false, reason: filter };
  const where = recipientsWhere(editionId, filter);
  const [sender, edition, count, first] = await Promise.all([
    senderOf(prisma, authorId),
    prisma.edition.findUniqueOrThrow({ where: { id: editionId }, select: editionSelect }),
    prisma.enrolment.count({ where }),
    prisma.enrolment.findFirst({
      where,
      orderBy: [{ user: { lastName: "asc" } }, { id: "asc" }],
      select: { user: { select: { firstName: true, locale: true } } },
    }),
  ]);
  const sampleRecipient = first ? { firstName: first.user.firstName, locale: asLocale(first.user.locale) } : null;
  const sample = sampleRecipient
    ? renderEmail(
        "messaggio-organizzatore",
        { ...payloadOf(edition, form, sender), offerExpiresAt: null, reason: null, position: null },
        {
          locale: sampleRecipient.locale,
          origin: getEnv().APP_ORIGIN.replace(/\/+$/, ""),
          firstName: sampleRecipient.firstName,
          titleLanguage: edition.event.titleLanguage,
        },
      )
    : null;
  return { ok: true, preview: { count, sample, sampleRecipient, sendKey: crypto.randomUUID() } };
}

export type SendOutcome =
  | { ok: true; messageId: string; recipients: number; repeated: boolean }
  | { ok: false; reason: FilterRefusal | "no-recipients" };

/** Stores the message and queues one email per recipient, all or nothing. */
export async function sendParticipantMessage(
  authorId: string,
  editionId: string,
  form: ParticipantMessageForm & { sendKey: string },
): Promise<SendOutcome> {
  const filter = await filterOf(editionId, form);
  if (typeof filter === "string") return { ok: false, reason: filter };
  try {
    return await prisma.$transaction(async (tx): Promise<SendOutcome> => {
      const edition = await tx.edition.findUniqueOrThrow({ where: { id: editionId }, select: editionSelect });
      const recipients = await tx.enrolment.findMany({
        where: recipientsWhere(editionId, filter),
        select: { id: true, userId: true },
      });
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
    // The same preview confirmed twice: the first one was stored and queued; nothing more.
    const sent = await prisma.participantMessage.findUnique({
      where: { sendKey: form.sendKey },
      select: { id: true, editionId: true, recipientCount: true },
    });
    if (!sent || sent.editionId !== editionId) throw error;
    return { ok: true, messageId: sent.id, recipients: sent.recipientCount, repeated: true };
  }
}
