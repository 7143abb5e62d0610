// The audit trail: who changed what and when. Written inside the transaction of the change
// itself, so a change and its record are stored together or not at all.
import type { Prisma } from "~/generated/prisma-sqlite/client.ts";
import { prisma } from "~/utils/db.server.ts";

export type Tx = Prisma.TransactionClient;

export type AuditEntityType = "event" | "user";

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
