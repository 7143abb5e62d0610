// Accounts, passwords and sessions; the require* helpers every loader and action starts with.
import { hash, verify } from "@node-rs/argon2";
import { redirect, type AppLoadContext } from "@remix-run/node";
import type { Actor } from "~/domain/permissions.ts";
import { isNationalUnit, isOrganiser, isTrainer } from "~/domain/permissions.ts";
import type { MessageKey } from "~/i18n/messages.ts";
import { prisma } from "./db.server.ts";
import { sqlDate, sqlReadPrepared, toDate } from "./sql.server.ts";
import { signInPath } from "./sign-in-link.ts";
import {
  getCookieSession,
  getSessionStorage,
  SESSION_ID_KEY,
  SESSION_IDLE_MINUTES,
  SESSION_MAX_AGE_SECONDS,
  sessionIdOf,
} from "./session.server.ts";

// OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane.
const ARGON2_OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

// A hash of a random password, verified when the email is unknown so that response time
// does not reveal which emails have an account.
let dummyHash: Promise<string> | undefined;

export async function verifyLogin(email: string, password: string): Promise<{ id: string } | null> {
  const user = await prisma.user.findUnique({
    where: { email: email.toLowerCase() },
    select: { id: true, password: { select: { hash: true } } },
  });
  if (!user?.password) {
    dummyHash ??= hashPassword(crypto.randomUUID());
    await verify(await dummyHash, password).catch(() => false);
    return null;
  }
  const ok = await verify(user.password.hash, password).catch(() => false);
  return ok ? { id: user.id } : null;
}

export type SessionUser = {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  regionCode: string;
  schoolLevel: string;
  professionalRole: string;
  locale: string;
  /** The email address has been confirmed (its link opened): needed to enrol and to apply. */
  emailConfirmed: boolean;
  /** When the address's mail server last refused Forma's email for good (ADR 0083), or null. */
  emailRefusedAt: Date | null;
  roles: { role: string; regionCode: string }[];
  /**
   * When this session ends if nothing else comes from it (ADR 0089), or null for a session kept on the
   * device (14 days): what the idle warning counts down to (ADR 0094).
   */
  idleEndsAt: Date | null;
};

/**
 * The signed-in user, or null. Expired or revoked sessions count as signed out.
 * Runs on every request, so it is one plain SQL read (app/utils/sql.server.ts): the session, its
 * user and the user's roles (one row per role, or one row with no role), instead of Prisma 6's
 * per-query compile cost or a second round trip for the roles.
 */
export function getSessionUser(
  request: Request,
  context?: AppLoadContext,
  options?: SessionLookupOptions,
): Promise<SessionUser | null> {
  // The loaders of one page (the root's and the page's, run side by side) share one lookup when
  // they pass the request's load context: GET only, so an action reads afresh (the loaders that
  // follow an action run afterwards, with a GET request of their own), unless it says it changes
  // neither the session nor its user (then its lookup is the page's that follows, ADR 0050).
  if (!context || (request.method !== "GET" && !options?.actionKeepsUser)) return lookupSessionUser(request);
  let user = sessionUserOfPage.get(context);
  if (!user) {
    user = lookupSessionUser(request);
    sessionUserOfPage.set(context, user);
  }
  return user;
}

const sessionUserOfPage = new WeakMap<AppLoadContext, Promise<SessionUser | null>>();

export type SessionLookupOptions = {
  /**
   * An action that changes neither the session nor anything of its user that the lookup reads
   * (name, email and its confirmation, region, school, role, language, roles): the page rendered
   * after it (a refusal's 409) reuses the action's lookup instead of making its own.
   */
  actionKeepsUser?: boolean;
};

async function lookupSessionUser(request: Request): Promise<SessionUser | null> {
  const sessionId = await sessionIdOf(request);
  if (sessionId === null) return null;
  const now = new Date();
  const rows = await sqlReadPrepared<
    Omit<SessionUser, "roles" | "emailConfirmed" | "emailRefusedAt" | "idleEndsAt"> & {
      emailConfirmed: number | string;
      emailRefusedAt: Date | string | null;
      lastUsedAt: Date | string;
      expiresAt: Date | string;
      persistent: boolean | number;
      role: string | null;
      roleRegionCode: string | null;
    }
  >(
    // A closed account's sessions are deleted with it; one written by a sign-in that overlapped the closure
    // (its password read just before) opens nothing either.
    `SELECT u."id", u."email", u."firstName", u."lastName", u."regionCode", u."schoolLevel",
            u."professionalRole", u."locale", s."lastUsedAt", s."expiresAt", s."persistent",
            CASE WHEN u."emailVerifiedAt" IS NULL THEN 0 ELSE 1 END AS "emailConfirmed", u."emailRefusedAt",
            r."role", r."regionCode" AS "roleRegionCode"
     FROM "UserSession" s JOIN "User" u ON u."id" = s."userId"
     LEFT JOIN "UserRole" r ON r."userId" = u."id"
     WHERE s."id" = $1 AND s."expiresAt" > $2 AND u."closedAt" IS NULL`,
    sessionId,
    sqlDate(now),
  );
  const row = rows[0];
  if (!row) return null;
  const {
    lastUsedAt,
    expiresAt,
    persistent,
    emailConfirmed,
    emailRefusedAt,
    role: _role,
    roleRegionCode: _roleRegion,
    ...rest
  } = row;
  const roles = rows.flatMap((r) => (r.role === null ? [] : [{ role: r.role, regionCode: r.roleRegionCode! }]));
  const kept = Number(persistent) === 1 || persistent === true;
  let idleEndsAt = kept ? null : toDate(expiresAt);
  // "Last use" on the profile's session list: one write every few minutes at most, not one per request.
  // A session not kept on the device slides its expiry with it (ADR 0089): idle for SESSION_IDLE_MINUTES, it ends.
  if (now.getTime() - toDate(lastUsedAt).getTime() > SESSION_TOUCH_INTERVAL_MS) {
    if (!kept) idleEndsAt = idleExpiry(now);
    await prisma.userSession.updateMany({
      where: { id: sessionId },
      data: { lastUsedAt: now, ...(idleEndsAt ? { expiresAt: idleEndsAt } : {}) },
    });
  }
  return {
    ...rest,
    emailConfirmed: Number(emailConfirmed) === 1,
    emailRefusedAt: emailRefusedAt === null ? null : toDate(emailRefusedAt),
    roles,
    idleEndsAt,
  };
}

const SESSION_TOUCH_INTERVAL_MS = 5 * 60_000;

/** When a session not kept on the device ends if nothing else comes from it. */
function idleExpiry(now: Date): Date {
  return new Date(now.getTime() + SESSION_IDLE_MINUTES * 60_000);
}

/**
 * The idle end of the request's session, read without moving it (the idle warning asks before it shows,
 * ADR 0094): `null` when no live session; `idleEndsAt` null for a session kept on the device.
 */
export async function sessionIdleEnd(request: Request): Promise<{ idleEndsAt: Date | null } | null> {
  const sessionId = await sessionIdOf(request);
  if (sessionId === null) return null;
  const session = await prisma.userSession.findFirst({
    where: { id: sessionId, expiresAt: { gt: new Date() } },
    select: { persistent: true, expiresAt: true },
  });
  if (!session) return null;
  return { idleEndsAt: session.persistent ? null : session.expiresAt };
}

/**
 * "Mantieni l'accesso" in the idle warning (ADR 0094): a live session not kept on the device ends
 * SESSION_IDLE_MINUTES from now, whatever the refresh interval says. The same answer as
 * sessionIdleEnd: `null` when no live session, `idleEndsAt` null (unchanged) for a kept one.
 */
export async function extendIdleSession(request: Request): Promise<{ idleEndsAt: Date | null } | null> {
  const sessionId = await sessionIdOf(request);
  if (sessionId === null) return null;
  const now = new Date();
  const idleEndsAt = idleExpiry(now);
  const { count } = await prisma.userSession.updateMany({
    where: { id: sessionId, persistent: false, expiresAt: { gt: now } },
    data: { lastUsedAt: now, expiresAt: idleEndsAt },
  });
  return count === 1 ? { idleEndsAt } : sessionIdleEnd(request);
}

export function actorOf(user: SessionUser): Actor {
  return { userId: user.id, roles: user.roles };
}

/** The redirect to sign in and come back to this page (what requireUser throws). */
export function loginRedirect(request: Request) {
  const url = new URL(request.url);
  return redirect(signInPath(`${url.pathname}${url.search}`));
}

/** The signed-in user, or a redirect to sign in; pass the loader's context to share the root loader's lookup. */
export async function requireUser(
  request: Request,
  context?: AppLoadContext,
  options?: SessionLookupOptions,
): Promise<SessionUser> {
  const user = await getSessionUser(request, context, options);
  if (!user) throw loginRedirect(request);
  return user;
}

function forbidden(message = "Non hai i permessi per questa pagina."): Response {
  return new Response(message, { status: 403, statusText: "Forbidden" });
}

/**
 * The 403 of a staff page opened by an account whose address was never confirmed (ADR 0013 addendum): its
 * body is a message key, which the error page translates (how to confirm, and where to get a new link).
 */
export const STAFF_EMAIL_UNCONFIRMED = "staff.emailUnconfirmed" satisfies MessageKey;

/**
 * A staff role is used only by an account whose owner opened the address's link: a role granted, before
 * grantRole refused it, to an address someone signed up with and never confirmed gives them nothing.
 * Called after the role check, so that an account without a role still reads the usual refusal.
 */
export function requireConfirmedStaff(user: { emailConfirmed: boolean }): void {
  if (!user.emailConfirmed) throw forbidden(STAFF_EMAIL_UNCONFIRMED);
}

/** Any organiser: a USR referent or the national unit. Finer checks use canManageEvent. */
export async function requireOrganiser(request: Request): Promise<{ user: SessionUser; actor: Actor }> {
  const user = await requireUser(request);
  const actor = actorOf(user);
  if (!isOrganiser(actor)) throw forbidden();
  requireConfirmedStaff(user);
  return { user, actor };
}

export async function requireNationalUnit(request: Request): Promise<{ user: SessionUser; actor: Actor }> {
  const user = await requireUser(request);
  const actor = actorOf(user);
  if (!isNationalUnit(actor)) throw forbidden();
  requireConfirmedStaff(user);
  return { user, actor };
}

export async function requireTrainer(request: Request): Promise<{ user: SessionUser; actor: Actor }> {
  const user = await requireUser(request);
  const actor = actorOf(user);
  if (!isTrainer(actor) && !isNationalUnit(actor)) throw forbidden();
  requireConfirmedStaff(user);
  return { user, actor };
}

export { forbidden };

/**
 * Starts a server-side session and returns the Set-Cookie header for it. `keep` ("Mantieni l'accesso su
 * questo dispositivo", ADR 0089): 14 days, and a cookie that outlives the browser; otherwise the
 * session ends after SESSION_IDLE_MINUTES without a request and its cookie with the browser.
 * The session the browser's cookie named before, whoever's, is ended: the new one replaces it in the cookie, and
 * left alone it stayed valid until it expired (a shared computer's last user's, or one an attacker planted).
 */
export async function createUserSession(
  request: Request,
  userId: string,
  options: { keep?: boolean } = {},
): Promise<string> {
  const now = new Date();
  const keep = options.keep === true;
  const cookieSession = await getCookieSession(request);
  const replaced = cookieSession.get(SESSION_ID_KEY);
  if (typeof replaced === "string") await prisma.userSession.deleteMany({ where: { id: replaced } });
  const session = await prisma.userSession.create({
    data: {
      userId,
      persistent: keep,
      expiresAt: keep ? new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000) : idleExpiry(now),
      userAgent: (request.headers.get("User-Agent") ?? "").slice(0, 300),
    },
    select: { id: true },
  });
  cookieSession.set(SESSION_ID_KEY, session.id);
  return getSessionStorage().commitSession(cookieSession, keep ? { maxAge: SESSION_MAX_AGE_SECONDS } : {});
}

/** Revokes the session server-side and returns the Set-Cookie header that clears it. */
export async function destroyUserSession(request: Request): Promise<string> {
  const cookieSession = await getCookieSession(request);
  const sessionId = cookieSession.get(SESSION_ID_KEY);
  if (typeof sessionId === "string") {
    await prisma.userSession.deleteMany({ where: { id: sessionId } });
  }
  return getSessionStorage().destroySession(cookieSession);
}

// Every redirect target taken from a request goes through this one function.
export { safeRedirectTarget } from "./safe-redirect.ts";
