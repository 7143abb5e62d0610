// The audit trail: who changed what and when. Written inside the transaction of the change
// itself, so a change and its record are stored together or not at all.
import type { Prisma } from "~/generated/prisma-sqlite/client.ts";
import { prisma } from "~/utils/db.server.ts";

export type Tx = Prisma.TransactionClient;

export type AuditEntityType = "event" | "user" | "edition";

export type AuditEntry = {
  actorId: string | null;
  entityType: AuditEntityType;
  entityId: string;
  action: string;
  details: Record<string, unknown>;
};

export function writeAudit(tx: Tx, entry: AuditEntry) {
  return tx.auditLog.create({
    data: {
      actorId: entry.actorId,
      entityType: entry.entityType,
      entityId: entry.entityId,
      action: entry.action,
      details: JSON.stringify(entry.details),
    },
    select: { id: true },
  });
}

/** Several audit entries in one statement (one change that touches several entities). */
export async function writeAudits(tx: Tx, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await tx.auditLog.createMany({
    data: entries.map((entry) => ({
      actorId: entry.actorId,
      entityType: entry.entityType,
      entityId: entry.entityId,
      action: entry.action,
      details: JSON.stringify(entry.details),
    })),
  });
}

export type AuditRow = {
  id: string;
  at: Date;
  action: string;
  actorName: string | null;
  actorEmail: string | null;
  details: Record<string, unknown>;
};

function parseDetails(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** A page of an entity's change log, newest first; `olderFrom` continues it (null: nothing older). */
export type AuditPage = { rows: AuditRow[]; olderFrom: string | null };

/**
 * The entries for one entity, newest first: the latest `take`, or with `before` (the id of one of
 * the entity's rows, as `olderFrom` gives it) the `take` before that row. Keyset paging on (at, id), so
 * rows written meanwhile never shift a page; a `before` that is not one of the entity's rows gives an
 * empty page.
 */
export async function listAudit(
  entityType: AuditEntityType,
  entityId: string,
  options: { take?: number; before?: string } = {},
): Promise<AuditPage> {
  const take = options.take ?? 100;
  const where: Prisma.AuditLogWhereInput = { entityType, entityId };
  if (options.before !== undefined) {
    const from = await prisma.auditLog.findFirst({
      where: { id: options.before, entityType, entityId },
      select: { id: true, at: true },
    });
    if (!from) return { rows: [], olderFrom: null };
    where.OR = [{ at: { lt: from.at } }, { at: from.at, id: { lt: from.id } }];
  }
  const rows = await prisma.auditLog.findMany({
    where,
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: take + 1,
    select: {
      id: true,
      at: true,
      action: true,
      details: true,
      actor: { select: { firstName: true, lastName: true, email: true } },
    },
  });
  const page = rows.slice(0, take);
  return {
    rows: page.map((r) => ({
      id: r.id,
      at: r.at,
      action: r.action,
      actorName: r.actor ? `${r.actor.firstName} ${r.actor.lastName}` : null,
      actorEmail: r.actor?.email ?? null,
      details: parseDetails(r.details),
    })),
    olderFrom: rows.length > take ? page[page.length - 1]!.id : null,
  };
}

function withoutEmail(details: Record<string, unknown>): Record<string, unknown> {
  const { email: _email, ...kept } = details;
  return kept;
}

/**
 * An edition's change log, newest first, with the names its details leave out: the person a row is
 * about (`userId` → `personName`) and the editions of a move (`fromEditionId`/`toEditionId` →
 * `fromEditionNumber`/`toEditionNumber`). Two more queries at most, for the listed rows only.
 */
export async function listEditionAudit(
  editionId: string,
  options: { take?: number; before?: string } = {},
): Promise<AuditPage> {
  const { rows, olderFrom } = await listAudit("edition", editionId, options);
  const ids = (key: string) => [
    ...new Set(rows.map((r) => r.details[key]).filter((v): v is string => typeof v === "string")),
  ];
  const userIds = ids("userId");
  const editionIds = [...new Set([...ids("fromEditionId"), ...ids("toEditionId")])];
  const [people, editions] = await Promise.all([
    userIds.length
      ? prisma.user.findMany({ where: { id: { in: userIds } }, select: { id: true, firstName: true, lastName: true } })
      : [],
    editionIds.length
      ? prisma.edition.findMany({ where: { id: { in: editionIds } }, select: { id: true, number: true } })
      : [],
  ]);
  const nameOf = new Map(people.map((p) => [p.id, `${p.firstName} ${p.lastName}`]));
  const numberOf = new Map(editions.map((e) => [e.id, e.number]));
  return {
    rows: rows.map((r) => ({
      ...r,
      details: {
        // Rows written before 20261206030000 may still hold a placed person's address: never served.
        ...withoutEmail(r.details),
        personName: nameOf.get(String(r.details.userId)) ?? null,
        fromEditionNumber: numberOf.get(String(r.details.fromEditionId)) ?? null,
        toEditionNumber: numberOf.get(String(r.details.toEditionId)) ?? null,
      },
    })),
    olderFrom,
  };
}

/** The edition's change log page (/gestione/edizioni/:id/modifiche): the edition named, one page of rows. */
export async function loadEditionChangeLog(editionId: string, before: string | undefined) {
  const [edition, page] = await Promise.all([
    prisma.edition.findUniqueOrThrow({
      where: { id: editionId },
      select: { id: true, number: true, event: { select: { id: true, title: true, titleLanguage: true } } },
    }),
    listEditionAudit(editionId, { before }),
  ]);
  return { edition, ...page };
}
