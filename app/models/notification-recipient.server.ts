// The admin email log's search by recipient (/admin/email, its list and its "retry every failed email"):
// by the address each message goes to (recipientOf), not only the account's current one. A confirmation
// of a new address goes to the new address, and searching for it found nothing.
import type { Prisma } from "~/generated/prisma-sqlite/client.ts";
import { hasLikeWildcards, likeLiteralParts } from "~/domain/literal-search.ts";
import { ADDRESSED_KINDS } from "~/domain/notification-kinds.ts";
import { OWN_ADDRESS_MARK, recipientOf } from "~/domain/notification-recipient.ts";
import { prisma } from "~/utils/db.server.ts";

/** At most this many accounts are searched by an address holding `%` or `_` (a search for one address finds a few). */
const LITERAL_ACCOUNTS_MAX = 1000;
const ACCOUNT_BATCH = 500;
/**
 * At most this many accounts are read to find them: "_" or "%" alone matches every account in SQL, and the count of
 * matches never reached the limit, so every load of /admin/email?destinatario=_ walked the whole table.
 */
export const ACCOUNTS_READ_MAX = 4 * ACCOUNT_BATCH;

/**
 * The accounts whose address holds `address` as typed, `%` and `_` being characters (literal-search.ts): those
 * `contains` finds by the pieces between them, checked again here. As a where clause on the notification.
 */
async function accountsHolding(address: string): Promise<Prisma.NotificationWhereInput> {
  const ids: string[] = [];
  const where = { AND: likeLiteralParts(address).map((part) => ({ email: { contains: part } })) };
  for (let cursor: string | undefined, read = 0; ids.length < LITERAL_ACCOUNTS_MAX && read < ACCOUNTS_READ_MAX;) {
    const batch = await prisma.user.findMany({
      where,
      orderBy: { id: "asc" },
      take: ACCOUNT_BATCH,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      select: { id: true, email: true },
    });
    ids.push(...batch.filter((u) => u.email.includes(address)).map((u) => u.id));
    read += batch.length;
    if (batch.length < ACCOUNT_BATCH) break;
    cursor = batch.at(-1)!.id;
  }
  return { userId: { in: ids.slice(0, LITERAL_ACCOUNTS_MAX) } };
}

/**
 * The notifications whose recipient (recipientOf) contains `search` as typed, as a where clause; {} for an empty
 * search. Addresses are stored lower-case. The messages with an address of their own are found by reading it: they
 * are few (only while unsent, and failed account messages are purged with their links). `%` and `_` are characters
 * of the address, not LIKE's wildcards: "mario_rossi@…" listed mario.rossi@…'s messages too, and the bulk retry
 * named after it sent theirs again (accountsHolding).
 */
export async function recipientWhere(search: string): Promise<Prisma.NotificationWhereInput> {
  const address = search.trim().toLowerCase();
  if (!address) return {};
  const addressed = [...ADDRESSED_KINDS];
  const literal = !hasLikeWildcards(address);
  const byAccount = literal ? { user: { email: { contains: address } } } : await accountsHolding(address);
  const ownAddress = { payload: { contains: OWN_ADDRESS_MARK } };
  const candidates = await prisma.notification.findMany({
    where: {
      kind: { in: addressed },
      ...ownAddress,
      OR: [{ AND: likeLiteralParts(address).map((part) => ({ payload: { contains: part } })) }, byAccount],
    },
    select: { id: true, kind: true, payload: true, user: { select: { email: true } } },
  });
  const own = candidates
    .filter((n) => recipientOf(n.kind, n.payload, n.user.email).toLowerCase().includes(address))
    .map((n) => n.id);
  return {
    OR: [
      { kind: { notIn: addressed }, ...byAccount },
      // An account message that no longer holds an address of its own (sent) went to the account's.
      { kind: { in: addressed }, NOT: ownAddress, ...byAccount },
      ...(own.length ? [{ id: { in: own } }] : []),
    ],
  };
}
