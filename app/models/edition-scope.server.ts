// Organiser access to an edition: the same scope rule as its event (app/domain/permissions.ts).
import type { Actor } from "~/domain/permissions.ts";
import { prisma } from "~/utils/db.server.ts";
import { accessRefusal, refusalResponse } from "./event.server.ts";

/** The edition's event scope, or a thrown 404/403 Response when the actor may not manage it. */
export async function requireManagedEdition(actor: Actor, editionId: string) {
  const edition = await prisma.edition.findUnique({
    where: { id: editionId },
    select: { id: true, event: { select: { id: true, level: true, regionCode: true, status: true } } },
  });
  const refusal = accessRefusal(actor, edition?.event ?? null);
  if (refusal) throw refusalResponse(refusal);
  return edition!;
}
