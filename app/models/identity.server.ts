// What Forma does with an identity an OpenID provider has verified (ADR 0014):
//  - known (issuer + subject linked to an account): sign that account in;
//  - a signed-in person asked to link it: link it to their account;
//  - unknown: keep it as a PendingIdentity for 30 minutes; the person then creates an account
//    (profile page) or proves control of an existing account (its password) to link it, while its provider is
//    still configured (pendingCompletionOf: one removed meanwhile is no longer trusted, ADR 0014).
// An email address, verified or not, never links an identity to an account by itself.
// Linking and unlinking are written to the account's audit log and told to its address
// ("identita-collegata", "identita-scollegata"), in the transaction of the change.
import { createCookie } from "@remix-run/node";
import type { OidcProfileForm } from "~/forms/oidc-forms.ts";
import { accountMaker } from "~/models/account-maker.server.ts";
import { issueAccountToken } from "~/models/account-tokens.server.ts";
import { writeAudit, type Tx } from "~/models/audit.server.ts";
import { writeNotification } from "~/models/notification-writer.server.ts";
import { isUniqueViolation, newAccountColumns } from "~/utils/account.server.ts";
import { createUserSession } from "~/utils/auth.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { getEnv } from "~/utils/env.server.ts";
import { getSessionStorage, SESSION_ID_KEY } from "~/utils/session.server.ts";
import { passwordSignInEnabled, providerById, type VerifiedIdentity } from "./oidc.server.ts";

export const PENDING_IDENTITY_SECONDS = 30 * 60;

/** The account an identity is linked to, and records that it was just used. */
export async function accountOfIdentity(identity: VerifiedIdentity): Promise<string | null> {
  const linked = await prisma.userIdentity.findUnique({
    where: { issuer_subject: { issuer: identity.issuer, subject: identity.subject } },
    select: { id: true, userId: true, user: { select: { fiscalCode: true, closedAt: true } } },
  });
  if (!linked) return null;
  // A closed account is never signed in again (closeAccount unlinks its identities; this covers a link left behind).
  if (linked.user.closedAt) {
    await prisma.userIdentity.deleteMany({ where: { id: linked.id } });
    return null;
  }
  await prisma.userIdentity.update({
    where: { id: linked.id },
    data: { lastUsedAt: new Date(), email: identity.email },
  });
  if (!linked.user.fiscalCode && identity.fiscalCode) await storeFiscalCode(linked.userId, identity.fiscalCode);
  return linked.userId;
}

/** Stores a provider's codice fiscale on an account that has none; a code held by another account is left alone. */
async function storeFiscalCode(userId: string, fiscalCode: string): Promise<void> {
  try {
    await prisma.user.updateMany({ where: { id: userId, fiscalCode: null }, data: { fiscalCode } });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    console.warn(`OIDC: codice fiscale already held by another account; not stored on ${userId}`);
  }
}

export type LinkOutcome =
  | { ok: true }
  | {
      ok: false;
      reason:
        | "identity-taken"
        | "provider-already-linked"
        | "fiscal-code-mismatch"
        | "fiscal-code-taken"
        | "email-unconfirmed";
    };

/** The audit entry and the email of a linked or unlinked identity, in the change's transaction. */
async function recordIdentityChange(
  tx: Tx,
  kind: "identita-collegata" | "identita-scollegata",
  userId: string,
  identity: { id: string; provider: string },
): Promise<void> {
  await writeAudit(tx, {
    actorId: userId,
    entityType: "user",
    entityId: userId,
    action: kind,
    details: { provider: identity.provider },
  });
  // Both labels as configured: the email names the provider in its recipient's language when it is written. A provider
  // removed from OIDC_PROVIDERS since the identity was linked has no label left: the email says what it was, not its
  // bare id as if it were a name (ADR 0014, addendum of 07/12/2026).
  const provider = providerById(identity.provider);
  const named = provider
    ? {
        providerLabel: provider.label,
        ...(provider.labelEn ? { providerLabelEn: provider.labelEn } : {}),
      }
    : { providerGone: true as const };
  await writeNotification(tx, {
    kind,
    userId,
    identityId: identity.id,
    payload: { provider: identity.provider, ...named },
  });
}

/**
 * Links a verified identity to an account whose owner has proven control of it (its password, or a fresh
 * sign-in with one of its identities: the caller checks). An account whose address is not confirmed yet takes
 * no identity: it may have been opened by someone else with that address, and an identity linked before the
 * mailbox's owner confirms it would outlive the password reset that hands the account to them (ADR 0014).
 */
export async function linkIdentity(userId: string, identity: VerifiedIdentity): Promise<LinkOutcome> {
  const existing = await prisma.userIdentity.findUnique({
    where: { issuer_subject: { issuer: identity.issuer, subject: identity.subject } },
    select: { userId: true },
  });
  if (existing) return existing.userId === userId ? { ok: true } : { ok: false, reason: "identity-taken" };
  const user = await prisma.user.findUniqueOrThrow({
    where: { id: userId },
    select: { fiscalCode: true, emailVerifiedAt: true },
  });
  if (!user.emailVerifiedAt) return { ok: false, reason: "email-unconfirmed" };
  // An account's codice fiscale identifies its owner: an identity of someone else cannot join it.
  if (user.fiscalCode && identity.fiscalCode && user.fiscalCode !== identity.fiscalCode) {
    return { ok: false, reason: "fiscal-code-mismatch" };
  }
  if (!user.fiscalCode && identity.fiscalCode) {
    const holder = await prisma.user.findUnique({ where: { fiscalCode: identity.fiscalCode }, select: { id: true } });
    if (holder && holder.id !== userId) return { ok: false, reason: "fiscal-code-taken" };
  }
  try {
    await prisma.$transaction(async (tx) => {
      const created = await tx.userIdentity.create({
        data: {
          userId,
          provider: identity.provider,
          issuer: identity.issuer,
          subject: identity.subject,
          email: identity.email,
          lastUsedAt: new Date(),
        },
        select: { id: true, provider: true },
      });
      if (!user.fiscalCode && identity.fiscalCode) {
        await tx.user.update({ where: { id: userId }, data: { fiscalCode: identity.fiscalCode } });
      }
      await recordIdentityChange(tx, "identita-collegata", userId, created);
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const again = await prisma.userIdentity.findUnique({
      where: { issuer_subject: { issuer: identity.issuer, subject: identity.subject } },
      select: { userId: true },
    });
    if (again?.userId === userId) return { ok: true };
    return { ok: false, reason: again ? "identity-taken" : "provider-already-linked" };
  }
  return { ok: true };
}

export type IdentityRow = {
  id: string;
  provider: string;
  email: string | null;
  linkedAt: Date;
  lastUsedAt: Date | null;
};

export function identitiesOf(userId: string): Promise<IdentityRow[]> {
  return prisma.userIdentity.findMany({
    where: { userId },
    select: { id: true, provider: true, email: true, linkedAt: true, lastUsedAt: true },
    orderBy: { linkedAt: "asc" },
  });
}

export type UnlinkOutcome = { ok: true } | { ok: false; reason: "not-found" | "last-way-in" };

/**
 * Whether an account keeps a way in once this identity is unlinked: a password that works, or another identity whose
 * provider is still configured. An identity of a provider removed from OIDC_PROVIDERS is no way in (ADR 0014, addenda
 * of 07/12/2026): counted as one, it let an account without a password unlink its last working identity and keep only
 * the removed one, locked out.
 */
export function keepsAWayIn(
  identities: readonly { id: string; provider: string }[],
  identityId: string,
  passwordWorks: boolean,
): boolean {
  return passwordWorks || identities.some((i) => i.id !== identityId && providerById(i.provider) !== undefined);
}

/**
 * Unlinks one of the user's identities, unless the account would be left with no way in (keepsAWayIn). The caller has checked the
 * owner's proof (its password, or a fresh sign-in with one of its identities), as for linking (ADR 0014).
 * The check and the delete are one step: the transaction writes the user's row first (a row lock on PostgreSQL,
 * the write lock on SQLite), so two unlinks at once are taken one after the other and the second sees what the
 * first left; checked outside, both saw two identities and together removed the last way in.
 */
export async function unlinkIdentity(userId: string, identityId: string): Promise<UnlinkOutcome> {
  return prisma.$transaction(async (tx) => {
    const locked = await tx.user.updateMany({ where: { id: userId }, data: { updatedAt: new Date() } });
    if (locked.count !== 1) return { ok: false, reason: "not-found" } as const;
    const user = await tx.user.findUniqueOrThrow({
      where: { id: userId },
      select: { password: { select: { userId: true } }, identities: { select: { id: true, provider: true } } },
    });
    const identity = user.identities.find((i) => i.id === identityId);
    if (!identity) return { ok: false, reason: "not-found" } as const;
    const passwordWorks = Boolean(user.password) && passwordSignInEnabled();
    if (!keepsAWayIn(user.identities, identity.id, passwordWorks)) return { ok: false, reason: "last-way-in" } as const;
    await tx.userIdentity.delete({ where: { id: identity.id } });
    await recordIdentityChange(tx, "identita-scollegata", userId, identity);
    return { ok: true } as const;
  });
}

// --- Sign-ins with no account yet -----------------------------------------------------------

let pendingCookie: ReturnType<typeof createCookie> | undefined;
function getPendingCookie() {
  const env = getEnv();
  pendingCookie ??= createCookie("forma_oidc_pending", {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: env.cookieSecure,
    maxAge: PENDING_IDENTITY_SECONDS,
    secrets: [env.SESSION_SECRET],
  });
  return pendingCookie;
}

type PendingClaims = Omit<VerifiedIdentity, "provider" | "issuer" | "subject"> & {
  redirectTo: string;
  idToken: string;
  /** "Mantieni l'accesso su questo dispositivo" as ticked before the provider (absent in older rows: no). */
  keep?: boolean;
};
export type PendingSignIn = VerifiedIdentity & { id: string; redirectTo: string; idToken: string; keep?: boolean };

/** Keeps a verified identity that has no account; returns the Set-Cookie that points this browser to it. */
export async function rememberPendingIdentity(
  identity: VerifiedIdentity,
  redirectTo: string,
  idToken: string,
  keep = false,
): Promise<string> {
  const { provider, issuer, subject, ...rest } = identity;
  const claims: PendingClaims = { ...rest, redirectTo, idToken, keep };
  const now = Date.now();
  await prisma.pendingIdentity.deleteMany({ where: { expiresAt: { lt: new Date(now) } } });
  const row = await prisma.pendingIdentity.create({
    data: {
      provider,
      issuer,
      subject,
      claims: JSON.stringify(claims),
      expiresAt: new Date(now + PENDING_IDENTITY_SECONDS * 1000),
    },
    select: { id: true },
  });
  return getPendingCookie().serialize(row.id);
}

/** How long /accedi/completa says why this browser's pending sign-in was refused, once it has been. */
export const REFUSED_SIGN_IN_NOTICE_SECONDS = 5 * 60;

/**
 * A pending sign-in refused because its provider left OIDC_PROVIDERS during its 30 minutes: the provider's id (to say
 * what it was) and where the person was going (kept for the sign-in links). What the pending cookie holds instead of
 * the pending identity's id, signed, for REFUSED_SIGN_IN_NOTICE_SECONDS.
 */
export type RefusedSignIn = { refusedProvider: string; redirectTo: string };

function isRefusedSignIn(value: unknown): value is RefusedSignIn {
  if (!value || typeof value !== "object") return false;
  const v = value as Record<string, unknown>;
  return typeof v.refusedProvider === "string" && typeof v.redirectTo === "string";
}

export type PendingCompletion =
  | { ok: true; pending: PendingSignIn }
  /** `setCookie`: the refusal was made by this request, the Set-Cookie that tells the pages that follow. */
  | { ok: false; refused: RefusedSignIn; setCookie: string | null };

/**
 * This browser's sign-in waiting at /accedi/completa, if it has one that has not expired, and whether it may still be
 * completed (create the account, or link the identity to an existing one). The one rule (ADR 0014, addendum of
 * 07/12/2026): a provider no longer configured is no longer trusted, so a pending sign-in whose provider has been
 * removed from OIDC_PROVIDERS since the callback (providerById) is refused: its identity is deleted, nothing is created
 * or linked, and the pending cookie says, for a few minutes, that it was refused and through which provider, so that
 * the page drawn next says why (after the GET that found it, and after the POST of a page opened before the removal,
 * with or without JavaScript). Null: none, or expired.
 */
export async function pendingCompletionOf(request: Request): Promise<PendingCompletion | null> {
  const value: unknown = await getPendingCookie().parse(request.headers.get("Cookie"));
  if (isRefusedSignIn(value)) return { ok: false, refused: value, setCookie: null };
  if (typeof value !== "string") return null;
  const row = await prisma.pendingIdentity.findUnique({ where: { id: value } });
  if (!row || row.expiresAt <= new Date()) return null;
  const claims = JSON.parse(row.claims) as PendingClaims;
  if (!providerById(row.provider)) {
    await prisma.pendingIdentity.deleteMany({ where: { id: row.id } });
    const refused: RefusedSignIn = { refusedProvider: row.provider, redirectTo: claims.redirectTo };
    const setCookie = await getPendingCookie().serialize(refused, { maxAge: REFUSED_SIGN_IN_NOTICE_SECONDS });
    return { ok: false, refused, setCookie };
  }
  return {
    ok: true,
    pending: { ...claims, id: row.id, provider: row.provider, issuer: row.issuer, subject: row.subject },
  };
}

export async function forgetPendingSignIn(pending: { id: string }): Promise<string> {
  await prisma.pendingIdentity.deleteMany({ where: { id: pending.id } });
  return getPendingCookie().serialize("", { maxAge: 0, expires: new Date(0) });
}

export type CreateFromIdentityOutcome =
  { ok: true; userId: string } | { ok: false; reason: "email-taken" | "fiscal-code-taken" | "identity-taken" };

/** The account of a first OIDC sign-in: the provider's claims plus the profile the person completed. */
export async function createAccountFromIdentity(
  pending: PendingSignIn,
  form: OidcProfileForm,
  locale: string,
): Promise<CreateFromIdentityOutcome> {
  if (pending.fiscalCode) {
    const holder = await prisma.user.findUnique({ where: { fiscalCode: pending.fiscalCode }, select: { id: true } });
    if (holder) return { ok: false, reason: "fiscal-code-taken" };
  }
  if (await prisma.user.findUnique({ where: { email: form.email }, select: { id: true } })) {
    return { ok: false, reason: "email-taken" };
  }
  // The provider vouches for the address only if it said so and the person kept it.
  const emailVerified = pending.emailVerified && pending.email === form.email;
  try {
    const user = await prisma.$transaction(async (tx) => {
      const created = await tx.user.create({
        data: {
          ...newAccountColumns(form, locale),
          fiscalCode: pending.fiscalCode,
          emailVerifiedAt: emailVerified ? new Date() : null,
          identities: {
            create: {
              provider: pending.provider,
              issuer: pending.issuer,
              subject: pending.subject,
              email: pending.email,
              lastUsedAt: new Date(),
            },
          },
        },
        select: { id: true },
      });
      // The email says in whose name and with what the account was made: the address may be someone
      // else's, whose owner must not confirm it unknowingly (ADR 0014).
      if (!emailVerified) {
        await issueAccountToken(
          tx,
          created.id,
          "conferma-email",
          new Date(),
          undefined,
          accountMaker(pending.provider, form),
        );
      }
      await tx.pendingIdentity.deleteMany({ where: { id: pending.id } });
      return created;
    });
    return { ok: true, userId: user.id };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const taken = await prisma.userIdentity.findUnique({
      where: { issuer_subject: { issuer: pending.issuer, subject: pending.subject } },
      select: { id: true },
    });
    return { ok: false, reason: taken ? "identity-taken" : "email-taken" };
  }
}

// --- Sessions -------------------------------------------------------------------------------

/**
 * Starts Forma's own session for an OIDC sign-in and remembers the ID token for the provider's sign-out.
 * `keep`: the sign-in page's "Mantieni l'accesso su questo dispositivo" (ADR 0089, 0092), as the flow carried it.
 */
export async function createOidcUserSession(
  request: Request,
  userId: string,
  provider: string,
  idToken: string,
  options: { keep?: boolean } = {},
): Promise<string> {
  const setCookie = await createUserSession(request, userId, { keep: options.keep === true });
  const session = await getSessionStorage().getSession(setCookie.split(";")[0]);
  const sessionId = session.get(SESSION_ID_KEY);
  if (typeof sessionId === "string") {
    await prisma.oidcSession.create({ data: { sessionId, provider, idToken } });
  }
  return setCookie;
}

/** The provider and ID token the current session was started with, if any (read before signing out). */
export async function oidcSessionOf(request: Request): Promise<{ provider: string; idToken: string } | null> {
  const session = await getSessionStorage().getSession(request.headers.get("Cookie"));
  const sessionId = session.get(SESSION_ID_KEY);
  if (typeof sessionId !== "string") return null;
  return prisma.oidcSession.findUnique({ where: { sessionId }, select: { provider: true, idToken: true } });
}
