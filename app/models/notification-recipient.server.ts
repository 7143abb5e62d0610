// The admin email log's search by recipient (/admin/email, its list and its "retry every failed email"):
// by the address each message goes to (recipientOf), not only the account's current one. A confirmation
// of a new address goes to the new address, and searching for it found nothing.
import type { Prisma } from "~/generated/prisma-sqlite/client.ts";
import { ADDRESSED_KINDS } from "~/domain/notification-kinds.ts";
import { OWN_ADDRESS_MARK, recipientOf } from "~/domain/notification-recipient.ts";
import { prisma } from "~/utils/db.server.ts";

/**
 * The notifications whose recipient (recipientOf) contains `search`, as a where clause; {} for an empty
 * search. Addresses are stored lower-case. The messages with an address of their own are found by
 * reading it: they are few (only while unsent, and failed account messages are purged with their links).
 */
export async function recipientWhere(search: string): Promise<Prisma.NotificationWhereInput> {
  const address = search.trim().toLowerCase();
  if (!address) return {};
  const addressed = [...ADDRESSED_KINDS];
  const byAccount = { user: { email: { contains: address } } };
  const ownAddress = { payload: { contains: OWN_ADDRESS_MARK } };
  const candidates = await prisma.notification.findMany({
    where: {
      kind: { in: addressed },
      ...ownAddress,
      OR: [{ payload: { contains: address } }, byAccount],
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
