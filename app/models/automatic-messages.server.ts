// Automatic messages of an edition (issue 15, item 1 bis): the organiser sets "N hours before each
// session" (with the room link for online sessions) and "N days after the last session"
// (materials, questionnaire) on the edition's messages page; a job in every instance
// (app/utils/background-jobs.server.ts) writes one "messaggio-automatico" notification per
// enrolled participant when a rule is due, and the outbox sends it like any other.
//
// Safe with several instances: each copy has the unique dedupe key
// messaggio-automatico:<editionId>:<sessionId | "fine">:<rule>:<userId>, each row is written on its
// own and a duplicate is refused by the database (writeNotificationsRacing, as for the reminders).
// A message stays due for hours or days (up to 168 h before a session, 3 days of catch-up after the last):
// each run reads only the participants whose copy is not written yet (placesNotYetNotified), so a run with
// nothing new writes nothing and reads no participant (ADR 0016, addendum).
// The caller of the page's functions checks the organiser's scope first (requireManagedEdition).
import {
  AUTO_AMOUNT_BOUNDS,
  AUTO_CATCH_UP_MS,
  afterLastSessionDue,
  beforeSessionDue,
  isAutoRule,
  type AutoRule,
} from "~/domain/automatic-message.ts";
import { autoMessageKeyAroundPerson } from "~/domain/notification.ts";
import type { AutoMessageSave } from "~/forms/auto-message-form.ts";
import { ACCOUNT_IN_OFFICE, stillManagesEvent, type AccountInOffice } from "~/domain/permissions.ts";
import { sessionAtVenue, sessionOnline } from "~/domain/session-place.ts";
import { prisma } from "~/utils/db.server.ts";
import type { EmailSender } from "../../emails/index.ts";
import { placesNotYetNotified, writeNotificationsRacing } from "./notification-writer.server.ts";
import { senderOf } from "./participant-message.server.ts";

export const AUTO_MESSAGE_JOB_EVERY_MS = 5 * 60_000;

export function listAutoMessages(editionId: string) {
  return prisma.editionAutoMessage.findMany({
    where: { editionId },
    orderBy: { rule: "asc" },
    select: { rule: true, amount: true, subject: true, body: true, updatedAt: true },
  });
}

export async function saveAutoMessage(actorId: string, editionId: string, form: AutoMessageSave) {
  const data = { amount: form.amount, subject: form.subject, body: form.body, updatedById: actorId };
  await prisma.editionAutoMessage.upsert({
    where: { editionId_rule: { editionId, rule: form.rule } },
    create: { editionId, rule: form.rule, ...data },
    update: data,
    select: { id: true },
  });
}

export async function deleteAutoMessage(editionId: string, rule: AutoRule) {
  await prisma.editionAutoMessage.deleteMany({ where: { editionId, rule } });
}

type Due = {
  editionId: string;
  sessionId: string | null;
  /** When that session starts (ISO instant), null with it: part of the message's key. */
  sessionStartsAt: string | null;
  rule: AutoRule;
  payload: Record<string, unknown>;
  /** Who last saved the rule (EditionAutoMessage.updatedById). */
  senderId: string | null;
  /** The event's level and region: the sender must still be able to manage it (stillManagesEvent). */
  event: { level: string; regionCode: string | null };
};

const HOUR = 3600_000;

/** Writes the automatic messages due at `now`; returns how many this call wrote. */
export async function writeAutomaticMessages(now: Date = new Date()): Promise<number> {
  const maxBefore = AUTO_AMOUNT_BOUNDS["prima-di-ogni-incontro"].max * HOUR;
  const maxAfter = AUTO_AMOUNT_BOUNDS["dopo-ultimo-incontro"].max * 24 * HOUR + AUTO_CATCH_UP_MS;
  const rules = await prisma.editionAutoMessage.findMany({
    where: {
      edition: {
        status: { not: "annullata" },
        event: { status: { not: "annullato" } },
        // Only editions with a session ahead within the longest lead, or one ended recently enough.
        sessions: {
          some: {
            OR: [
              { startsAt: { gt: now, lte: new Date(now.getTime() + maxBefore) } },
              { endsAt: { lte: now, gt: new Date(now.getTime() - maxAfter) } },
            ],
          },
        },
      },
    },
    select: {
      editionId: true,
      rule: true,
      amount: true,
      subject: true,
      body: true,
      updatedById: true,
      edition: {
        select: {
          number: true,
          event: {
            select: { title: true, mode: true, venue: true, onlineUrl: true, level: true, regionCode: true },
          },
          sessions: {
            orderBy: { startsAt: "asc" },
            select: { id: true, title: true, startsAt: true, endsAt: true, delivery: true, place: true },
          },
        },
      },
    },
  });
  const due: Due[] = [];
  for (const r of rules) {
    if (!isAutoRule(r.rule)) continue;
    const { event, number, sessions } = r.edition;
    const base = { eventTitle: event.title, editionNumber: number, messageSubject: r.subject, messageBody: r.body };
    if (r.rule === "prima-di-ogni-incontro") {
      for (const s of sessions) {
        if (s.delivery !== "sincrona" || !beforeSessionDue(s.startsAt, r.amount, now)) continue;
        due.push({
          editionId: r.editionId,
          sessionId: s.id,
          sessionStartsAt: s.startsAt.toISOString(),
          rule: r.rule,
          senderId: r.updatedById,
          event,
          payload: {
            ...base,
            sessionId: s.id,
            sessionTitle: s.title,
            sessionStartsAt: s.startsAt.toISOString(),
            sessionEndsAt: s.endsAt.toISOString(),
            // Where this session is held: a blended event's session may be in one place only (ADR 0091).
            ...(sessionOnline(s, event) && event.onlineUrl ? { onlineUrl: event.onlineUrl } : {}),
            ...(sessionAtVenue(s, event) && event.venue ? { venue: event.venue } : {}),
          },
        });
      }
    } else {
      const lastEnd = sessions.reduce<Date | null>((m, s) => (!m || s.endsAt > m ? s.endsAt : m), null);
      if (lastEnd && afterLastSessionDue(lastEnd, r.amount, now)) {
        due.push({
          editionId: r.editionId,
          sessionId: null,
          sessionStartsAt: null,
          rule: r.rule,
          payload: base,
          senderId: r.updatedById,
          event,
        });
      }
    }
  }
  // Replies go to the organiser who last saved the rule, named as their account is now (ADR 0076), while
  // they may still manage the event with their roles now (ADR 0076, addendum); none when the rule has no
  // author, their account is closed, or their role was revoked or moved to another region. Read once per organiser.
  const authors = new Map<string, { account: AccountInOffice | null; sender: EmailSender | null }>();
  let written = 0;
  for (const d of due) {
    const key = autoMessageKeyAroundPerson(d.editionId, d.sessionId, d.rule, d.sessionStartsAt);
    const places = await placesNotYetNotified(d.editionId, key, "open-accounts");
    if (places.length === 0) continue;
    if (d.senderId && !authors.has(d.senderId)) {
      const account = await prisma.user.findUnique({ where: { id: d.senderId }, select: ACCOUNT_IN_OFFICE });
      authors.set(d.senderId, { account, sender: await senderOf(prisma, d.senderId) });
    }
    const author = d.senderId ? authors.get(d.senderId) : undefined;
    const sender = author?.account && stillManagesEvent(author.account, d.event) ? author.sender : null;
    written += await writeNotificationsRacing(
      places.map((p) => ({
        kind: "messaggio-automatico" as const,
        userId: p.userId,
        enrolmentId: p.id,
        editionId: d.editionId,
        sessionId: d.sessionId,
        sessionStartsAt: d.sessionStartsAt,
        rule: d.rule,
        payload: sender ? { ...d.payload, sender } : d.payload,
      })),
    );
  }
  return written;
}
