// The checked scopes the organiser- and trainer-side models require (app/models/edition-scope.server.ts),
// made the way the routes make them: through the real guards, with the user's roles from the database.
import type { Actor } from "../../app/domain/permissions.ts";
import {
  requireManagedEdition,
  trainerEditionOf,
  type ManagedEdition,
  type TrainerEdition,
} from "../../app/models/edition-scope.server.ts";
import { requireRegisterEdition } from "../../app/models/register-scope.server.ts";
import { prisma } from "../../app/utils/db.server.ts";

async function actorOfUser(userId: string): Promise<Actor> {
  const roles = await prisma.userRole.findMany({ where: { userId }, select: { role: true, regionCode: true } });
  return { userId, roles };
}

/** The ManagedEdition an organiser (or the national unit) gets from the edition page's guard. */
export async function managedEdition(userId: string, editionId: string): Promise<ManagedEdition> {
  return requireManagedEdition(await actorOfUser(userId), editionId);
}

/** The TrainerEdition a trainer (or an organiser who manages the event) gets from the register guard. */
export async function trainerEdition(userId: string, editionId: string): Promise<TrainerEdition> {
  const actor = await actorOfUser(userId);
  const { emailVerifiedAt } = await prisma.user.findUniqueOrThrow({
    where: { id: userId },
    select: { emailVerifiedAt: true },
  });
  const viewer = { id: userId, roles: actor.roles, emailConfirmed: emailVerifiedAt !== null };
  return trainerEditionOf(actor, await requireRegisterEdition(viewer, editionId));
}
