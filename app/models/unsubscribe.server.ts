// One-click unsubscribe (List-Unsubscribe + List-Unsubscribe-Post, RFC 8058 and 2369; ADR 0077):
// the link of a reminder turns the person's reminders off without a session; the link of an alert's
// email deletes the person's alerts for new events (ADR 0088). The outbox puts the
// link in the email's headers and footer; app/routes/disiscrizione.$token.tsx shows it (GET changes
// nothing) and applies it (POST, from the page's button or from the mail provider's one-click).
import { UNSUBSCRIBE_TOPIC, type UnsubscribeTopic } from "~/domain/notification-kinds.ts";
import { prisma } from "~/utils/db.server.ts";
import { getEnv } from "~/utils/env.server.ts";
import { readUnsubscribeToken, unsubscribeToken, unsubscribeUrl } from "~/utils/unsubscribe-token.server.ts";

/** The unsubscribe link of an email of this kind to this person, or null when the kind is not optional. */
export function unsubscribeLinkFor(kind: string, userId: string, origin: string, locale: string): string | null {
  const topic = UNSUBSCRIBE_TOPIC[kind];
  if (!topic) return null;
  return unsubscribeUrl(origin, unsubscribeToken(getEnv().SESSION_SECRET, topic, userId), locale);
}

/** The topic of a genuine link of an open account, or null (altered, another key's, a closed or deleted account). */
export async function unsubscribeLinkTopic(token: string): Promise<UnsubscribeTopic | null> {
  const link = readUnsubscribeToken(getEnv().SESSION_SECRET, token);
  if (!link) return null;
  const user = await prisma.user.findFirst({ where: { id: link.userId, closedAt: null }, select: { id: true } });
  return user ? link.topic : null;
}

/**
 * Turns off the link's topic for the link's person (and nobody else). Idempotent: a second POST
 * (the provider's one-click and then the page's button) finds it off already. Returns the topic,
 * or null when the link is not valid.
 */
export async function unsubscribe(token: string): Promise<UnsubscribeTopic | null> {
  const link = readUnsubscribeToken(getEnv().SESSION_SECRET, token);
  if (!link) return null;
  const open = { id: link.userId, closedAt: null };
  switch (link.topic) {
    case "promemoria": {
      const { count } = await prisma.user.updateMany({ where: open, data: { emailReminders: false } });
      return count === 1 ? link.topic : null;
    }
    case "avvisi": {
      // Every alert of the person (ADR 0088): the email's footer says so.
      if (!(await prisma.user.findFirst({ where: open, select: { id: true } }))) return null;
      await prisma.catalogueAlert.deleteMany({ where: { userId: link.userId } });
      return link.topic;
    }
  }
}
