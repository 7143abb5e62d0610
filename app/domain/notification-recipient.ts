// Whom a notification's email goes to, as the admin email log (/admin/email) shows and searches it.
import { ADDRESSED_KINDS } from "./notification-kinds.ts";

/**
 * The text an ADDRESSED_KINDS payload holds while it has an address of its own (JSON.stringify writes
 * the key so; the address leaves the payload once the message is sent, app/models/outbox.server.ts).
 */
export const OWN_ADDRESS_MARK = '"to":';

/** The payload's own address ("to"), or null when it has none (or is not JSON). */
function ownAddressOf(payload: string): string | null {
  if (!payload.includes(OWN_ADDRESS_MARK)) return null;
  try {
    const parsed: unknown = JSON.parse(payload);
    if (!parsed || typeof parsed !== "object") return null;
    const to = (parsed as Record<string, unknown>).to;
    return typeof to === "string" && to !== "" ? to : null;
  } catch {
    return null;
  }
}

/**
 * The address a message is for: an account message about another address (ADDRESSED_KINDS: the new
 * address of a change, the old one told of it, a closed account's last one) names its own while it
 * holds it; every other message goes to the account's address. As the outbox sends it.
 */
export function recipientOf(kind: string, payload: string, accountEmail: string): string {
  return (ADDRESSED_KINDS.has(kind) && ownAddressOf(payload)) || accountEmail;
}
