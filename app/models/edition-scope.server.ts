// Scope by capability. Organiser- and trainer-side model functions do not take a bare actor id:
// they take a checked scope value that only the guards below can produce (the brand is a symbol
// this module does not export), so a call that skipped the scope check does not compile.
//
// - ManagedEdition: an edition the actor may manage (the same scope rule as its event,
//   canManageEvent in app/domain/permissions.ts): seat, quota, status and selection writers
//   (seat-ledger.server.ts, application.server.ts, removeByOrganiser).
// - TrainerEdition: an edition whose registers and certificates the actor keeps
//   (canSeeEventRegister: assigned trainers, organisers who manage it, the national unit):
//   certificate issue/revoke/reissue, activities (certificate.server.ts, attendance.server.ts).
//
// A record named inside such a call (an enrolment, a certificate, a quota) is checked by the model
// to belong to the scope's edition; one of another edition is refused as "not-found".
import { canSeeEventRegister, type Actor } from "~/domain/permissions.ts";
import { prisma } from "~/utils/db.server.ts";
import { accessRefusal, refusalResponse } from "./event.server.ts";
import { NOT_TRAINER } from "./register-scope.server.ts";

declare const checkedScope: unique symbol;

/** An edition the actor may manage. Only requireManagedEdition produces one. */
export type ManagedEdition = {
  readonly id: string;
  readonly actorId: string;
  readonly event: { id: string; level: string; regionCode: string | null; status: string };
  readonly [checkedScope]: "managed-edition";
};

/** An edition whose registers and certificates the actor keeps. Only requireTrainerEdition produces one. */
export type TrainerEdition = {
  readonly id: string;
  readonly actorId: string;
  readonly [checkedScope]: "trainer-edition";
};

/** The edition's event scope, or a thrown 404/403 Response when the actor may not manage it. */
export async function requireManagedEdition(actor: Actor, editionId: string): Promise<ManagedEdition> {
  const edition = await prisma.edition.findUnique({
    where: { id: editionId },
    select: { id: true, event: { select: { id: true, level: true, regionCode: true, status: true } } },
  });
  const refusal = accessRefusal(actor, edition?.event ?? null);
  if (refusal) throw refusalResponse(refusal);
  return { id: edition!.id, actorId: actor.userId, event: edition!.event } as ManagedEdition;
}

/** For the trainer pages: the capability for an edition already checked by requireRegisterEdition/Session. */
export function trainerEditionOf(
  actor: Actor,
  edition: {
    id: string;
    event: { level: string; regionCode: string | null; status: string; trainers: { userId: string }[] };
  },
): TrainerEdition {
  const allowed = canSeeEventRegister(actor, {
    level: edition.event.level,
    regionCode: edition.event.regionCode,
    trainerIds: edition.event.trainers.map((t) => t.userId),
  });
  if (!allowed) throw new Response(NOT_TRAINER, { status: 403 });
  return { id: edition.id, actorId: actor.userId } as TrainerEdition;
}
