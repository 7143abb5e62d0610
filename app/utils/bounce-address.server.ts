// The envelope sender of each email when bounces are collected (MAIL_BOUNCE_ADDRESS; ADR 0087):
// "ritorni+<notification id>.<signature>@forma.example" (VERP). A bounce goes to the envelope
// sender, so its address names the message it is about, whatever the bounce's own format. The
// signature is an HMAC of the id with a key derived from SESSION_SECRET: nobody can forge a
// bounce for a message (and so mark a teacher's address as refused) without a real bounce address.
// Lower-case hex only: some relays lower-case the local part. Stateless: nothing is stored per email.
import crypto from "node:crypto";

/** Notification ids are cuids or UUIDs (the seat writers'); anything else is refused before any crypto. */
const NOTIFICATION_ID = /^[a-z0-9][a-z0-9-]{7,63}$/;
/** 80 bits of HMAC-SHA256, hex. */
const SIGNATURE = /^[0-9a-f]{20}$/;

function keyOf(secret: string): Buffer {
  return crypto.createHmac("sha256", secret).update("forma:ritorni:v1").digest();
}

function signatureOf(secret: string, notificationId: string): string {
  return crypto.createHmac("sha256", keyOf(secret)).update(notificationId).digest("hex").slice(0, 20);
}

function split(address: string): { local: string; domain: string } | null {
  const at = address.lastIndexOf("@");
  return at > 0 ? { local: address.slice(0, at), domain: address.slice(at + 1) } : null;
}

/**
 * The envelope sender of one notification's email, below the bounce mailbox `base`; the mailbox
 * itself for an id that is not a notification's (such a bounce is then not matched, but the email leaves).
 */
export function bounceAddressFor(notificationId: string, base: string, secret: string): string {
  const parts = split(base);
  if (!parts) throw new Error("Indirizzo per i ritorni non valido");
  if (!NOTIFICATION_ID.test(notificationId)) return base;
  return `${parts.local}+${notificationId}.${signatureOf(secret, notificationId)}@${parts.domain}`;
}

/** The notification a genuine bounce address names; null for any other address. */
export function notificationOfBounceAddress(address: string, base: string, secret: string): string | null {
  const given = split(address.trim().toLowerCase());
  const mailbox = split(base.toLowerCase());
  if (!given || !mailbox || given.domain !== mailbox.domain) return null;
  const prefix = `${mailbox.local}+`;
  if (!given.local.startsWith(prefix)) return null;
  const [id, signature, ...rest] = given.local.slice(prefix.length).split(".");
  if (rest.length > 0 || !id || !signature || !NOTIFICATION_ID.test(id) || !SIGNATURE.test(signature)) return null;
  const expected = Buffer.from(signatureOf(secret, id));
  const actual = Buffer.from(signature);
  return expected.length === actual.length && crypto.timingSafeEqual(expected, actual) ? id : null;
}
