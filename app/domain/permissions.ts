// Who may do what. Pure functions over an Actor, used by every loader and action
// (through app/utils/auth.server.ts) and tested directly in permissions.test.ts.
import type { AppRole, EventLevel } from "./vocabulary.ts";

export type RoleGrant = { role: AppRole | string; regionCode: string };
export type Actor = { userId: string; roles: readonly RoleGrant[] };

export function isNationalUnit(actor: Actor): boolean {
  return actor.roles.some((r) => r.role === "unita-nazionale");
}

/** Regions this actor is a USR referent for (normally one). */
export function referentRegions(actor: Actor): string[] {
  return actor.roles.filter((r) => r.role === "referente-usr" && r.regionCode).map((r) => r.regionCode);
}

export function isTrainer(actor: Actor): boolean {
  return actor.roles.some((r) => r.role === "formatore");
}

/** May open the organiser area at all (publish or follow events). */
export function isOrganiser(actor: Actor): boolean {
  return isNationalUnit(actor) || referentRegions(actor).length > 0;
}

type EventScope = { level: EventLevel | string; regionCode: string | null };

/**
 * May create, edit, publish, close or cancel an event with this level and region,
 * and see it while it is a draft. USR referents: regional events of their own region only.
 * National unit: everything.
 */
export function canManageEvent(actor: Actor, event: EventScope): boolean {
  if (isNationalUnit(actor)) return true;
  if (event.level !== "regionale" || !event.regionCode) return false;
  return referentRegions(actor).includes(event.regionCode);
}

/** Levels this actor may publish at (drives the form's choices; the server re-checks with canManageEvent). */
export function publishableLevels(actor: Actor): EventLevel[] {
  if (isNationalUnit(actor)) return ["regionale", "nazionale", "europeo"];
  return referentRegions(actor).length > 0 ? ["regionale"] : [];
}

export function canGrantRoles(actor: Actor): boolean {
  return isNationalUnit(actor);
}

/** Trainers see the events they are assigned to; organisers see the events they manage. */
export function canSeeEventRegister(actor: Actor, event: EventScope & { trainerIds: readonly string[] }): boolean {
  return canManageEvent(actor, event) || event.trainerIds.includes(actor.userId);
}
