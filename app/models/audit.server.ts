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

/** The latest entries for one entity, newest first. */
export async function listAudit(entityType: AuditEntityType, entityId: string, take = 100): Promise<AuditRow[]> {
  const rows = await prisma.auditLog.findMany({
    where: { entityType, entityId },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take,
    select: {
      id: true,
      at: true,
      action: true,
      details: true,
      actor: { select: { firstName: true, lastName: true, email: true } },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    action: r.action,
    actorName: r.actor ? `${r.actor.firstName} ${r.actor.lastName}` : null,
    actorEmail: r.actor?.email ?? null,
    details: parseDetails(r.details),
  }));
}

/**
 * An edition's change log, newest first, with the names its details leave out: the person a row is
 * about (`userId` → `personName`) and the editions of a move (`fromEditionId`/`toEditionId` →
 * `fromEditionNumber`/`toEditionNumber`). Two more queries at most, for the listed rows only.
 */
export async function listEditionAudit(editionId: string, take = 100): Promise<AuditRow[]> {
  const rows = await listAudit("edition", editionId, take);
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
  return rows.map((r) => ({
    ...r,
    details: {
      ...r.details,
      personName: nameOf.get(String(r.details.userId)) ?? null,
      fromEditionNumber: numberOf.get(String(r.details.fromEditionId)) ?? null,
      toEditionNumber: numberOf.get(String(r.details.toEditionId)) ?? null,
    },
  }));
}
