// The national unit's user administration: find people, grant and revoke roles, audited.
import { canGrantRoles, type Actor } from "~/domain/permissions.ts";
import type { GrantRoleForm } from "~/forms/role-form.ts";
import type { Prisma } from "~/generated/prisma-sqlite/client.ts";
import { hasLikeWildcards, likeLiteralParts } from "~/domain/literal-search.ts";
import { isUniqueViolation } from "~/utils/account.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { writeAudit, writeAudits, type Tx } from "./audit.server.ts";
import { writeNotification } from "./notification-writer.server.ts";

export const USER_SEARCH_LIMIT = 50;

/**
 * The spellings a name is likely stored with: as typed, lower, Capitalised, UPPER, and each part
 * Capitalised after an apostrophe or hyphen ("d'amico" → "D'Amico", "rossi-bianchi" → "Rossi-Bianchi").
 */
function caseVariants(token: string): string[] {
  const lower = token.toLocaleLowerCase("it");
  const capitalised = lower.charAt(0).toLocaleUpperCase("it") + lower.slice(1);
  const parts = lower.replace(
    /(^|['’-])(\p{L})/gu,
    (_, before: string, letter: string) => before + letter.toLocaleUpperCase("it"),
  );
  return [...new Set([token, lower, capitalised, parts, token.toLocaleUpperCase("it")])];
}

const FOUND_USER = {
  id: true,
  email: true,
  firstName: true,
  lastName: true,
  regionCode: true,
  // null: the address was never confirmed; the page says so, and grantRole refuses such an account.
  emailVerifiedAt: true,
  roles: {
    orderBy: [{ role: "asc" }, { regionCode: "asc" }],
    select: { id: true, role: true, regionCode: true, grantedAt: true },
  },
  // The events a trainer is assigned to, which revoking the role takes them off (revokeRole).
  _count: { select: { trainerOf: true } },
} satisfies Prisma.UserSelect;

const FOUND_ORDER: Prisma.UserOrderByWithRelationInput[] = [{ lastName: "asc" }, { firstName: "asc" }, { id: "asc" }];

/** How many accounts a search holding LIKE's wildcards reads at a time, to check them again (literal-search.ts). */
const CANDIDATE_BATCH = 500;
/**
 * At most this many candidates are read for one such search: a query of "_" or "%" matches every account in SQL, and
 * reading until 51 literal matches walked the whole table, one sort per batch. Past it the page says the list is cut
 * ("only the first 50 are shown": refine the search).
 */
export const CANDIDATES_READ_MAX = 4 * CANDIDATE_BATCH;

/** `contains` every piece of `value` between LIKE's wildcards (the value itself when it has none). */
function containsAll(field: "email" | "firstName" | "lastName", value: string): Prisma.UserWhereInput {
  return { AND: likeLiteralParts(value).map((part) => ({ [field]: { contains: part } })) };
}

/** Whether the account holds `token` as typed, `%` and `_` being characters (the SQL match is wider). */
function holdsLiterally(user: { email: string; firstName: string; lastName: string }, token: string): boolean {
  const lower = token.toLocaleLowerCase("it");
  return [user.email, user.firstName, user.lastName].some((text) => text.toLocaleLowerCase("it").includes(lower));
}

/**
 * Open accounts whose email, first or last name contains every word of the query, the first USER_SEARCH_LIMIT of
 * them, and whether there are more (`limited`). Emails are stored lower-case; names are matched in their usual
 * spellings, because LIKE is case-insensitive on SQLite but not on PostgreSQL and Forma avoids engine-specific
 * queries. `%` and `_` are searched as typed: "mario_rossi" found mario.rossi too (literal-search.ts).
 */
export async function searchUsers(query: string) {
  const tokens = query.trim().split(/\s+/).filter(Boolean).slice(0, 4);
  if (tokens.length === 0) return { users: [], limited: false };
  const where: Prisma.UserWhereInput = {
    // A closed account is a pseudonym kept for registers and certificates: nobody to give a role to.
    closedAt: null,
    AND: tokens.map((token) => ({
      OR: [
        containsAll("email", token.toLowerCase()),
        ...caseVariants(token).flatMap((v) => [containsAll("firstName", v), containsAll("lastName", v)]),
      ],
    })),
  };
  // One more than shown: "only the first 50 are shown" was said when exactly 50 matched.
  if (!tokens.some(hasLikeWildcards)) {
    const users = await prisma.user.findMany({
      where,
      orderBy: FOUND_ORDER,
      take: USER_SEARCH_LIMIT + 1,
      select: FOUND_USER,
    });
    return { users: users.slice(0, USER_SEARCH_LIMIT), limited: users.length > USER_SEARCH_LIMIT };
  }
  // The SQL match is wider than the words typed: read the candidates in order, keep those that hold them.
  const ids: string[] = [];
  let read = 0;
  let cut = false;
  for (let cursor: string | undefined; ;) {
    const batch = await prisma.user.findMany({
      where,
      orderBy: FOUND_ORDER,
      take: CANDIDATE_BATCH,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      select: { id: true, email: true, firstName: true, lastName: true },
    });
    ids.push(...batch.filter((u) => tokens.every((token) => holdsLiterally(u, token))).map((u) => u.id));
    read += batch.length;
    if (ids.length > USER_SEARCH_LIMIT || batch.length < CANDIDATE_BATCH) break;
    if (read >= CANDIDATES_READ_MAX) {
      cut = true;
      break;
    }
    cursor = batch.at(-1)!.id;
  }
  const users = await prisma.user.findMany({
    where: { id: { in: ids.slice(0, USER_SEARCH_LIMIT) } },
    orderBy: FOUND_ORDER,
    select: FOUND_USER,
  });
  return { users, limited: cut || ids.length > USER_SEARCH_LIMIT };
}

/** A grant's or revocation's outcome; `userId` is whose roles it is about (the page shows the outcome in that row). */
const NATIONAL_UNIT = "unita-nazionale";

/**
 * Whether the account is the only open one with the national-unit role. Closing it would leave nobody
 * to grant roles, close accounts on request or read the national dashboard (/admin/utenti answers 403
 * to everyone), short of writing to the database: the closure is refused until another person has
 * the role (revokeRole likewise refuses to revoke one's own, or the last one).
 */
export async function isLastNationalUnit(userId: string, db: Pick<Tx, "userRole"> = prisma): Promise<boolean> {
  if ((await db.userRole.count({ where: { userId, role: NATIONAL_UNIT } })) === 0) return false;
  const others = await db.userRole.count({
    // Only members who can use the role: the staff guards refuse an address never confirmed (requireConfirmedStaff).
    where: { role: NATIONAL_UNIT, userId: { not: userId }, user: { closedAt: null, emailVerifiedAt: { not: null } } },
  });
  return others === 0;
}

/**
 * isLastNationalUnit inside the writing transaction (a closure, a revocation), so that two of them (two members
 * closing their own accounts, or each other's, or revoking each other's role, at once) cannot both pass. The national-unit role rows are written
 * first (an update that changes nothing): on PostgreSQL the second closure waits on those rows until
 * the first commits, and its count then sees the roles the first deleted; SQLite has one writer at a
 * time, and the transaction has already written the person's row.
 */
export async function isLastNationalUnitLocked(tx: Pick<Tx, "userRole">, userId: string): Promise<boolean> {
  if ((await tx.userRole.count({ where: { userId, role: NATIONAL_UNIT } })) === 0) return false;
  await tx.userRole.updateMany({ where: { role: NATIONAL_UNIT }, data: { role: NATIONAL_UNIT } });
  return isLastNationalUnit(userId, tx);
}

/**
 * A closure's first step (closeAccount, ADR 0013): in one short transaction under the role rows' lock
 * (isLastNationalUnitLocked), refuses the last national-unit member (false), or else removes the
 * account's national-unit role, audited as a revocation by whoever closes it. It comes before any
 * place is released: a second member closing at the same time then counts one member fewer and is
 * refused with nothing changed. True, without writing, for an account without the role.
 */
export async function leaveNationalUnitToClose(userId: string, actorId: string): Promise<boolean> {
  if ((await prisma.userRole.count({ where: { userId, role: NATIONAL_UNIT } })) === 0) return true;
  return prisma.$transaction(async (tx) => {
    if (await isLastNationalUnitLocked(tx, userId)) return false;
    const roles = await tx.userRole.findMany({
      where: { userId, role: NATIONAL_UNIT },
      select: { id: true, regionCode: true },
    });
    for (const role of roles) {
      await tx.userRole.delete({ where: { id: role.id }, select: { id: true } });
      await writeAudit(tx, {
        actorId,
        entityType: "user",
        entityId: userId,
        action: "role.revoke",
        details: { role: NATIONAL_UNIT, regionCode: role.regionCode, accountClosure: true },
      });
    }
    return true;
  });
}

/**
 * Takes the person off every event they are a trainer of (a revoked trainer role, a closed account), with a
 * `trainer.unassign` line in each event's change log as unassignTrainer writes (who, when, whom: `name`, and why in
 * `cause`), so the organiser reading the event sees who removed the trainer and when. Returns how many events.
 */
export async function unassignFromAllEvents(
  tx: Tx,
  userId: string,
  actorId: string,
  who: { name: string; cause: "role-revoked" | "account-closed" },
): Promise<number> {
  const assignments = await tx.eventTrainer.findMany({ where: { userId }, select: { eventId: true } });
  if (assignments.length === 0) return 0;
  await tx.eventTrainer.deleteMany({ where: { userId } });
  await writeAudits(
    tx,
    assignments.map(({ eventId }) => ({
      actorId,
      entityType: "event" as const,
      entityId: eventId,
      action: "trainer.unassign",
      details: { userId, name: who.name, cause: who.cause },
    })),
  );
  return assignments.length;
}

export type RoleOutcome =
  /** unassignedEvents: revoking "formatore" took the person off that many events' trainers. */
  | { ok: true; changed: boolean; userId: string; unassignedEvents?: number }
  | { ok: false; status: 400 | 403 | 404 | 409; reason: string; userId?: string };

export async function grantRole(actor: Actor, form: GrantRoleForm): Promise<RoleOutcome> {
  if (!canGrantRoles(actor)) return { ok: false, status: 403, reason: "forbidden" };
  const user = await prisma.user.findUnique({
    where: { id: form.userId },
    select: { id: true, closedAt: true, emailVerifiedAt: true },
  });
  if (!user || user.closedAt) return { ok: false, status: 404, reason: "user-not-found" };
  // Anyone can sign up with the address of a person about to become staff and keep it unconfirmed: the
  // account then looks like that person's on /admin/utenti. A role goes only to an address whose owner
  // opened its link, as enrolling and linking an identity already require.
  if (!user.emailVerifiedAt) return { ok: false, status: 409, reason: "email-unconfirmed", userId: user.id };
  try {
    return await prisma.$transaction(async (tx) => {
      const existing = await tx.userRole.findFirst({
        where: { userId: form.userId, role: form.role, regionCode: form.regionCode },
        select: { id: true },
      });
      if (existing) return { ok: true as const, changed: false, userId: user.id };
      await tx.userRole.create({
        data: { userId: form.userId, role: form.role, regionCode: form.regionCode, grantedById: actor.userId },
      });
      const audit = await writeAudit(tx, {
        actorId: actor.userId,
        entityType: "user",
        entityId: form.userId,
        action: "role.grant",
        details: { role: form.role, regionCode: form.regionCode },
      });
      // The person is told, in the same transaction (ADR 0016): a role given to the wrong account is not silent.
      await writeNotification(tx, {
        kind: "ruolo-modificato",
        userId: form.userId,
        auditId: audit.id,
        payload: {
          action: "grant",
          role: form.role,
          regionCode: form.regionCode,
          changedAt: new Date().toISOString(),
        },
      });
      return { ok: true as const, changed: true, userId: user.id };
    });
  } catch (error) {
    // Granted at the same moment by someone else: the role is there, which is what was asked.
    if (isUniqueViolation(error)) return { ok: true, changed: false, userId: user.id };
    throw error;
  }
}

export async function revokeRole(actor: Actor, roleId: string): Promise<RoleOutcome> {
  if (!canGrantRoles(actor)) return { ok: false, status: 403, reason: "forbidden" };
  const role = await prisma.userRole.findUnique({
    where: { id: roleId },
    select: {
      id: true,
      userId: true,
      role: true,
      regionCode: true,
      user: { select: { firstName: true, lastName: true } },
    },
  });
  if (!role) return { ok: false, status: 404, reason: "role-not-found" };
  // Nobody locks themselves out of administration by mistake; another national unit member can do it.
  if (role.userId === actor.userId && role.role === "unita-nazionale")
    return { ok: false, status: 400, reason: "own-national-role", userId: role.userId };
  return prisma.$transaction(async (tx): Promise<RoleOutcome> => {
    // Two members revoking each other's role at once would leave nobody to grant roles (isLastNationalUnitLocked).
    if (role.role === NATIONAL_UNIT && (await isLastNationalUnitLocked(tx, role.userId)))
      return { ok: false, status: 409, reason: "last-national-unit", userId: role.userId };
    const removed = await tx.userRole.deleteMany({ where: { id: role.id } });
    if (removed.count === 0) return { ok: true as const, changed: false, userId: role.userId };
    // No longer a trainer: the events they were assigned to no longer open their registers, participants
    // and certificates to them (assigning needs the role; the assignment would otherwise outlive it).
    const unassigned =
      role.role === "formatore"
        ? await unassignFromAllEvents(tx, role.userId, actor.userId, {
            name: `${role.user.firstName} ${role.user.lastName}`,
            cause: "role-revoked",
          })
        : 0;
    const audit = await writeAudit(tx, {
      actorId: actor.userId,
      entityType: "user",
      entityId: role.userId,
      action: "role.revoke",
      details: {
        role: role.role,
        regionCode: role.regionCode,
        ...(unassigned ? { unassignedEvents: unassigned } : {}),
      },
    });
    await writeNotification(tx, {
      kind: "ruolo-modificato",
      userId: role.userId,
      auditId: audit.id,
      payload: {
        action: "revoke",
        role: role.role,
        regionCode: role.regionCode,
        changedAt: new Date().toISOString(),
        ...(role.role === "formatore" ? { unassignedEvents: unassigned } : {}),
      },
    });
    return {
      ok: true as const,
      changed: true,
      userId: role.userId,
      ...(role.role === "formatore" ? { unassignedEvents: unassigned } : {}),
    };
  });
}

/** How many of a trainer's events the revocation step names (it says how many more there are). */
export const REVOCATION_EVENTS_SHOWN = 50;

/**
 * The second step of revoking a role (/admin/utenti?revoca=<roleId>): the role, whose it is and, for a trainer,
 * the events revoking takes them off (revokeRole), which granting the role again does not give back. Null for a
 * role that is no longer there (revoked meanwhile) or an account closed.
 */
export async function revocationSummary(roleId: string) {
  const role = await prisma.userRole.findUnique({
    where: { id: roleId },
    select: {
      id: true,
      role: true,
      regionCode: true,
      user: { select: { id: true, firstName: true, lastName: true, closedAt: true } },
    },
  });
  if (!role || role.user.closedAt) return null;
  const trainer = role.role === "formatore";
  const [events, eventCount] = trainer
    ? await Promise.all([
        prisma.eventTrainer.findMany({
          where: { userId: role.user.id },
          orderBy: [{ event: { title: "asc" } }, { eventId: "asc" }],
          take: REVOCATION_EVENTS_SHOWN,
          select: { event: { select: { id: true, title: true, titleLanguage: true } } },
        }),
        prisma.eventTrainer.count({ where: { userId: role.user.id } }),
      ])
    : [[], 0];
  return {
    roleId: role.id,
    role: role.role,
    regionCode: role.regionCode,
    userId: role.user.id,
    firstName: role.user.firstName,
    lastName: role.user.lastName,
    events: events.map((e) => e.event),
    eventCount,
  };
}

export type RoleHistoryEntry = {
  at: Date;
  action: "role.grant" | "role.revoke";
  role: string;
  regionCode: string;
  /** Who granted or revoked it (null when that account no longer exists). */
  actorName: string | null;
};

/**
 * Who granted and revoked each person's roles, and when (the audit log, newest first): the national
 * unit answers "who made her a referent?" from the users page. One query for the listed people.
 */
export async function roleHistoryOf(userIds: string[]): Promise<Map<string, RoleHistoryEntry[]>> {
  const history = new Map<string, RoleHistoryEntry[]>();
  if (userIds.length === 0) return history;
  const rows = await prisma.auditLog.findMany({
    where: { entityType: "user", entityId: { in: userIds }, action: { in: ["role.grant", "role.revoke"] } },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    select: {
      at: true,
      entityId: true,
      action: true,
      details: true,
      actor: { select: { firstName: true, lastName: true } },
    },
  });
  for (const row of rows) {
    const details = JSON.parse(row.details) as { role?: unknown; regionCode?: unknown };
    const entries = history.get(row.entityId) ?? [];
    entries.push({
      at: row.at,
      action: row.action as RoleHistoryEntry["action"],
      role: String(details.role ?? ""),
      regionCode: String(details.regionCode ?? ""),
      actorName: row.actor ? `${row.actor.firstName} ${row.actor.lastName}` : null,
    });
    history.set(row.entityId, entries);
  }
  return history;
}
