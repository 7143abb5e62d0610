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

/** An account as stored now: closed or not, and the roles it holds today. */
export type AccountInOffice = { id: string; closedAt: Date | null; roles: readonly RoleGrant[] };

/** The columns of a User row stillManagesEvent reads (a Prisma select). */
export const ACCOUNT_IN_OFFICE = {
  id: true,
  closedAt: true,
  roles: { select: { role: true, regionCode: true } },
} as const;

/**
 * Whether a person an event or edition keeps a trace of (its creator, the author of an automatic message rule)
 * still answers for it: an open account that may manage the event with its roles now. What they left behind
 * (the creator's letterhead and name on certificates, the sender and Reply-To of automatic messages, the
 * notice of a freed place) applies only while this holds (ADR 0100 and ADR 0076, addenda of 06/12/2026).
 */
export function stillManagesEvent(account: AccountInOffice, event: EventScope): boolean {
  return account.closedAt === null && canManageEvent({ userId: account.id, roles: account.roles }, event);
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
