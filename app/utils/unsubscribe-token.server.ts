// The links that stop a kind of email without signing in (List-Unsubscribe, RFC 8058 and 2369;
// ADR 0077). A link names a topic and a person and carries an HMAC of both made with a key derived
// from SESSION_SECRET: nobody can make one for another person or another topic, changing either
// part breaks the signature, and it never expires (a reminder read months later still stops the
// reminders). Stateless: nothing is stored per email.
import crypto from "node:crypto";
import { UNSUBSCRIBE_TOPICS, type UnsubscribeTopic } from "~/domain/notification-kinds.ts";
import { formaLink } from "./forma-link.ts";

/** The path of the page (and of the one-click POST) of a token. */
export const UNSUBSCRIBE_PATH = "/disiscrizione";

/** Account ids are cuids; anything else is refused before any crypto. */
const USER_ID = /^[A-Za-z0-9_-]{1,64}$/;
const MAC = /^[A-Za-z0-9_-]{43}$/;

/** A key of its own for these links, derived from the secret (the session cookie's key is another). */
function keyOf(secret: string): Buffer {
  return crypto.createHmac("sha256", secret).update("forma:disiscrizione:v1").digest();
}

function macOf(secret: string, topic: UnsubscribeTopic, userId: string): string {
  return crypto.createHmac("sha256", keyOf(secret)).update(`${topic}\n${userId}`).digest("base64url");
}

/** "<topic>.<userId>.<signature>": the last segment of the link's path. */
export function unsubscribeToken(secret: string, topic: UnsubscribeTopic, userId: string): string {
  if (!USER_ID.test(userId)) throw new Error("Identificativo utente non valido per un link di disiscrizione");
  return `${topic}.${userId}.${macOf(secret, topic, userId)}`;
}

/** The topic and person of a genuine token; null for anything else (malformed, altered, another key's). */
export function readUnsubscribeToken(
  secret: string,
  token: string,
): { topic: UnsubscribeTopic; userId: string } | null {
  const parts = token.split(".");
  if (parts.length !== 3) return null;
  const [topic, userId, mac] = parts as [string, string, string];
  if (!(UNSUBSCRIBE_TOPICS as readonly string[]).includes(topic) || !USER_ID.test(userId) || !MAC.test(mac)) {
    return null;
  }
  const expected = Buffer.from(macOf(secret, topic as UnsubscribeTopic, userId));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return null;
  return { topic: topic as UnsubscribeTopic, userId };
}

/**
 * The absolute link of a token, as the email's List-Unsubscribe header and footer give it; an
 * English email's link opens the page in English (?lang=en), as its other links do.
 */
export function unsubscribeUrl(origin: string, token: string, locale: string): string {
  return formaLink(origin, `${UNSUBSCRIBE_PATH}/${token}`, locale);
}
