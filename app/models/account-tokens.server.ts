// Single-use account tokens: the link that confirms an email address after sign-up
// ("conferma-email", 7 days) and the link that sets a new password ("reimposta-password", 1 hour).
//
// A token is 32 random bytes (base64url, 43 characters); only its SHA-256 hash is stored
// (AccountToken.tokenHash), so a copy of the database does not hold usable links. The email
// needs the raw token: it travels in the notification's payload from the transaction that
// creates it until the outbox has sent the message, which then clears it (outbox.server.ts,
// TOKEN_KINDS). Trade-off: a queued account email (seconds, or longer while SMTP is down or a
// row is in "errore") leaves a usable raw token in the Notification table; the alternative —
// minting the token at send time — would need the worker to write tokens and could not be
// retried without minting another. The exposure is bounded by the token's expiry and single use.
//
// Using a token is one conditional update (unused, not expired, right purpose): the update
// that changes the row wins, so two clicks or two instances cannot use it twice.
import { createHash, randomBytes } from "node:crypto";
import { writeAudit, type Tx } from "./audit.server.ts";
import { revokeCalendarFeed } from "./calendar-token.server.ts";
import { writeNotification } from "./notification-writer.server.ts";
import { hashPassword } from "~/utils/auth.server.ts";
import { isUniqueViolation, prisma } from "~/utils/db.server.ts";

export const TOKEN_PURPOSES = {
  confirmEmail: "conferma-email",
  resetPassword: "reimposta-password",
  changeEmail: "cambio-email",
  restoreEmail: "ripristina-email",
} as const;
export type TokenPurpose = (typeof TOKEN_PURPOSES)[keyof typeof TOKEN_PURPOSES];

export const TOKEN_LIFETIME_MS: Record<TokenPurpose, number> = {
  "conferma-email": 7 * 24 * 3600_000,
  "reimposta-password": 3600_000,
  "cambio-email": 24 * 3600_000,
  // Sent to the address an account has just left (email-modificata): its owner may read it days later.
  "ripristina-email": 7 * 24 * 3600_000,
};

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export function newRawToken(): string {
  return randomBytes(32).toString("base64url");
}

export function hashToken(raw: string): string {
  return createHash("sha256").update(raw, "utf8").digest("hex");
}

/** Creates a token and the notification whose email carries its link, in the caller's transaction. */
export async function issueAccountToken(
  tx: Tx,
  userId: string,
  /** Not "ripristina-email": its link goes in the email-modificata notice (confirmEmailChange). */
  purpose: Exclude<TokenPurpose, "ripristina-email">,
  now: Date = new Date(),
  /** "cambio-email": the new address, kept on the token and written in the email's "to". */
  newEmail?: string,
  /** More for the email (a "conferma-email" of an account made with an identity: whose and with what). */
  extraPayload: Record<string, string | boolean> = {},
): Promise<string> {
  const raw = newRawToken();
  const token = await tx.accountToken.create({
    data: {
      userId,
      purpose,
      tokenHash: hashToken(raw),
      expiresAt: new Date(now.getTime() + TOKEN_LIFETIME_MS[purpose]),
      createdAt: now,
      newEmail: newEmail ?? null,
    },
    select: { id: true },
  });
  const payload = { ...extraPayload, ...(newEmail ? { token: raw, to: newEmail } : { token: raw }) };
  await writeNotification(tx, { kind: purpose, userId, tokenId: token.id, payload });
  return raw;
}

/**
 * The retention job's warning to a never-confirmed account (ADR 0086): a new confirmation link valid until the
 * account is deleted (`deleteAfter`), in an "account-in-scadenza" email, and the account marked as warned, in one
 * transaction. Once per account whatever the number of instances running the job: the conditional update of
 * User.deletionWarnedAt is the claim, and only the transaction that made it writes the link and the email (the
 * email's dedupe key names the account too). False when the account was warned already, confirmed or closed.
 */
export async function warnBeforeDeletion(
  userId: string,
  deleteAfter: Date,
  now: Date = new Date(),
  /** An account made with an identity: whose and with what (makerOfUnconfirmed), as its first link said. */
  extraPayload: Record<string, string | boolean> = {},
): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const claimed = await tx.user.updateMany({
      where: { id: userId, deletionWarnedAt: null, emailVerifiedAt: null, closedAt: null },
      data: { deletionWarnedAt: now },
    });
    if (claimed.count !== 1) return false;
    const raw = newRawToken();
    const token = await tx.accountToken.create({
      data: { userId, purpose: "conferma-email", tokenHash: hashToken(raw), expiresAt: deleteAfter, createdAt: now },
      select: { id: true },
    });
    await writeNotification(tx, {
      kind: "account-in-scadenza",
      userId,
      tokenId: token.id,
      payload: { ...extraPayload, token: raw, deleteAfter: deleteAfter.toISOString() },
    });
    return true;
  });
}

export type TokenState = "valid" | "used" | "expired" | "unknown";

/** What `setsFirstPassword` reads of an account: whether it has a password. */
const PASSWORD_HELD = { password: { select: { userId: true } } } as const;

/**
 * Whether a "reimposta-password" link of this account sets its first password rather than a new one: the account has
 * none (made with a digital identity, or its password removed). The one rule for the email (payload `firstPassword`,
 * read when the link is asked for) and for the link's page ("Scegli una password", "Password impostata"; ADR 0014,
 * addenda of 07/12/2026).
 */
export function setsFirstPassword(account: { password: { userId: string } | null }): boolean {
  return account.password === null;
}

/**
 * What /conferma-email/:token shows before the button: the link's state and, for an account made by a
 * first sign-in with an identity (SPID, CIE…), whose name it was made in and the identity's provider
 * (ADR 0014, addendum of 06/12/2026). Whoever confirms an address puts that mailbox behind the account, and
 * an account made at /accedi/completa with another person's address keeps its maker's identity: the
 * mailbox's owner must see whose account it is before confirming. An unconfirmed account has no identity
 * other than the one that made it (linking waits for a confirmed address).
 */
export async function emailConfirmationOf(
  raw: string,
  now: Date = new Date(),
): Promise<{ state: TokenState; madeWith: { provider: string; name: string } | null }> {
  const state = await tokenState(raw, "conferma-email", now);
  if (state !== "valid") return { state, madeWith: null };
  const token = await prisma.accountToken.findUnique({
    where: { tokenHash: hashToken(raw) },
    select: {
      user: {
        select: {
          firstName: true,
          lastName: true,
          emailVerifiedAt: true,
          identities: { select: { provider: true }, orderBy: { linkedAt: "asc" }, take: 1 },
        },
      },
    },
  });
  const user = token?.user;
  const identity = user && !user.emailVerifiedAt ? user.identities[0] : undefined;
  return {
    state,
    madeWith: identity ? { provider: identity.provider, name: `${user!.firstName} ${user!.lastName}`.trim() } : null,
  };
}

/** What a link's token is now, without changing anything (for the GET of its page). */
export async function tokenState(raw: string, purpose: TokenPurpose, now: Date = new Date()): Promise<TokenState> {
  if (!TOKEN_SHAPE.test(raw)) return "unknown";
  const token = await prisma.accountToken.findUnique({
    where: { tokenHash: hashToken(raw) },
    select: { purpose: true, usedAt: true, expiresAt: true },
  });
  if (!token || token.purpose !== purpose) return "unknown";
  if (token.usedAt) return "used";
  if (token.expiresAt <= now) return "expired";
  return "valid";
}

type UseOutcome = { ok: true; userId: string } | { ok: false; state: Exclude<TokenState, "valid"> };

/**
 * What /reimposta-password/:token shows before the form: the link's state and, for a link that can still be used,
 * whether it sets the account's first password (setsFirstPassword: the account has none now).
 */
export async function resetLinkOf(
  raw: string,
  now: Date = new Date(),
): Promise<{ state: TokenState; firstPassword: boolean }> {
  const state = await tokenState(raw, "reimposta-password", now);
  if (state !== "valid") return { state, firstPassword: false };
  const token = await prisma.accountToken.findUnique({
    where: { tokenHash: hashToken(raw) },
    select: { user: { select: PASSWORD_HELD } },
  });
  return { state, firstPassword: token ? setsFirstPassword(token.user) : false };
}

/** Marks the token used if it still can be; otherwise says why not. */
async function useToken(tx: Tx, raw: string, purpose: TokenPurpose, now: Date): Promise<UseOutcome> {
  if (!TOKEN_SHAPE.test(raw)) return { ok: false, state: "unknown" };
  const tokenHash = hashToken(raw);
  const used = await tx.accountToken.updateMany({
    where: { tokenHash, purpose, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  const token = await tx.accountToken.findUnique({
    where: { tokenHash },
    select: { userId: true, purpose: true, usedAt: true, expiresAt: true },
  });
  if (used.count === 1 && token) return { ok: true, userId: token.userId };
  if (!token || token.purpose !== purpose) return { ok: false, state: "unknown" };
  return { ok: false, state: token.usedAt ? "used" : "expired" };
}

/** The POST of /conferma-email/:token. */
export async function confirmEmail(raw: string, now: Date = new Date()): Promise<UseOutcome> {
  return prisma.$transaction(async (tx) => {
    const outcome = await useToken(tx, raw, "conferma-email", now);
    if (outcome.ok) {
      await tx.user.updateMany({
        where: { id: outcome.userId, emailVerifiedAt: null },
        data: { emailVerifiedAt: now },
      });
    }
    return outcome;
  });
}

/**
 * The forgotten-password form's "sent" answer comes no sooner than this, whatever the address: a
 * known one costs a link and its email (a transaction, several milliseconds) and an unknown one
 * nothing, so the response time alone would tell them apart.
 */
export const RESET_ANSWER_MIN_MS = 250;

/**
 * "Password dimenticata?": for a known address, a reset token and its email; for an unknown one,
 * nothing. The caller answers the same in both cases.
 */
export async function requestPasswordReset(email: string, now: Date = new Date()): Promise<void> {
  const user = await prisma.user.findUnique({
    where: { email: email.toLowerCase() },
    select: { id: true, closedAt: true, ...PASSWORD_HELD },
  });
  // A closed account keeps its row under a pseudonymous address (chiuso-<id>@forma.invalid): no
  // password may be set on it again, whatever relay would take mail for that address.
  if (!user || user.closedAt) return;
  // An account without a password (made with a digital identity, or whose password was removed): the link sets its
  // first one, and the email says "scegliere una password", not "reimpostare la password… la password non cambia"
  // (ADR 0014, addendum of 07/12/2026). The mailbox is the account's own: telling it has no password tells no one else.
  const extra: { firstPassword?: true } = setsFirstPassword(user) ? { firstPassword: true } : {};
  await prisma.$transaction((tx) => issueAccountToken(tx, user.id, "reimposta-password", now, undefined, extra));
}

/** A used reset link: whether it set the account's first password (setsFirstPassword before it was written). */
type ResetOutcome =
  { ok: true; userId: string; firstPassword: boolean } | { ok: false; state: Exclude<TokenState, "valid"> };

/**
 * The POST of /reimposta-password/:token: the new password, the token used, and every session
 * of the account revoked (whoever knew the old password is signed out), in one transaction.
 * The token is looked at before the password is hashed: argon2 takes a while and much memory, and a
 * link that is unknown, used or expired must not cost it (anyone can POST to any /reimposta-password/x).
 */
export async function resetPassword(raw: string, newPassword: string, now: Date = new Date()): Promise<ResetOutcome> {
  const state = await tokenState(raw, "reimposta-password", now);
  if (state !== "valid") return { ok: false, state };
  const hash = await hashPassword(newPassword); // before the transaction: argon2 takes a while
  // The token is used in the transaction, conditionally: two POSTs of one link that both passed the look
  // above still set one password.
  return prisma.$transaction(async (tx) => {
    const outcome = await useToken(tx, raw, "reimposta-password", now);
    if (!outcome.ok) return outcome;
    // Read before the password is written: the page says "Password impostata" to an account that had none.
    const firstPassword = setsFirstPassword(
      await tx.user.findUniqueOrThrow({ where: { id: outcome.userId }, select: PASSWORD_HELD }),
    );
    await tx.password.upsert({
      where: { userId: outcome.userId },
      create: { userId: outcome.userId, hash },
      update: { hash },
    });
    const ended = await tx.userSession.deleteMany({ where: { userId: outcome.userId } });
    // The link reached this mailbox: the address is confirmed as well. An account whose address was never
    // confirmed may have been opened by someone else with this address (an account pre-taken before its
    // owner signed up): whatever they attached to it without proving the mailbox goes with their password,
    // the digital identities (SPID, CIE, EU Login) that would still sign them in, the codice fiscale, and the
    // personal calendar feed's URL (its token is the credential: they would go on reading her courses, dates and
    // room links; she creates a new one in one click). A confirmed account keeps its feed: a forgotten password
    // is the common case, and "Rigenera il link" revokes it when the owner wants to.
    const unconfirmed = await tx.user.updateMany({
      where: { id: outcome.userId, emailVerifiedAt: null },
      data: { emailVerifiedAt: now, fiscalCode: null },
    });
    const unlinked =
      unconfirmed.count === 1 ? (await tx.userIdentity.deleteMany({ where: { userId: outcome.userId } })).count : 0;
    const feedRevoked = unconfirmed.count === 1 && (await revokeCalendarFeed(tx, outcome.userId));
    // Other reset links still pending for this account are spent too, and so are pending changes of
    // address: one asked for by whoever knew the old password must not outlive it.
    await tx.accountToken.updateMany({
      where: { userId: outcome.userId, purpose: { in: ["reimposta-password", "cambio-email"] }, usedAt: null },
      data: { usedAt: now },
    });
    // In the account's own history (and its data archive), as a change of password from the profile is.
    await writeAudit(tx, {
      actorId: outcome.userId,
      entityType: "user",
      entityId: outcome.userId,
      action: "password-reimpostata",
      details: {
        endedSessions: ended.count,
        ...(unlinked ? { unlinkedIdentities: unlinked } : {}),
        ...(feedRevoked ? { calendarFeedRevoked: true } : {}),
      },
    });
    return { ...outcome, firstPassword };
  });
}

/**
 * What a link that moves the account to an address would do, for the GET of its page: its state and the
 * address kept on the token (the new one of a "cambio-email", the one left of a "ripristina-email").
 */
export async function addressLinkState(
  raw: string,
  purpose: "cambio-email" | "ripristina-email",
  now: Date = new Date(),
): Promise<{ state: TokenState; address: string | null }> {
  const state = await tokenState(raw, purpose, now);
  if (state !== "valid") return { state, address: null };
  const token = await prisma.accountToken.findUnique({
    where: { tokenHash: hashToken(raw) },
    select: { newEmail: true },
  });
  return { state, address: token?.newEmail ?? null };
}

export type EmailChangeOutcome = UseOutcome | { ok: false; state: "taken" };

/**
 * The POST of /conferma-nuova-email/:token: the account takes the new address (confirmed, since
 * the link reached it), the old address is told if the account had confirmed it, and the change is
 * audited, in one transaction.
 * If another account took the address meanwhile, nothing changes and the link stays unused.
 */
export async function confirmEmailChange(raw: string, now: Date = new Date()): Promise<EmailChangeOutcome> {
  try {
    return await confirmEmailChangeOnce(raw, now);
  } catch (error) {
    // Undone whole (the link stays unused): the same answer as an address found taken before.
    if (error instanceof AddressTakenMeanwhile) return { ok: false, state: "taken" };
    throw error;
  }
}

/** The new address was taken by another account between the check and the change. */
class AddressTakenMeanwhile extends Error {}

function confirmEmailChangeOnce(raw: string, now: Date): Promise<EmailChangeOutcome> {
  return prisma.$transaction(async (tx) => {
    if (TOKEN_SHAPE.test(raw)) {
      const pending = await tx.accountToken.findUnique({
        where: { tokenHash: hashToken(raw) },
        select: { userId: true, newEmail: true },
      });
      if (pending?.newEmail) {
        const holder = await tx.user.findUnique({ where: { email: pending.newEmail }, select: { id: true } });
        if (holder && holder.id !== pending.userId) return { ok: false, state: "taken" } as const;
      }
    }
    const outcome = await useToken(tx, raw, "cambio-email", now);
    if (!outcome.ok) return outcome;
    const token = await tx.accountToken.findUniqueOrThrow({
      where: { tokenHash: hashToken(raw) },
      select: { id: true, newEmail: true },
    });
    const user = await tx.user.findUniqueOrThrow({
      where: { id: outcome.userId },
      select: { email: true, emailVerifiedAt: true },
    });
    const newEmail = token.newEmail!;
    // A refusal by the old address's mail server says nothing of the new one (ADR 0083). The address may have
    // been taken since the check above (a sign-up committed meanwhile): then nothing changes, as before it.
    try {
      await tx.user.update({
        where: { id: outcome.userId },
        data: { email: newEmail, emailVerifiedAt: now, emailRefusedAt: null, emailRefusal: null },
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new AddressTakenMeanwhile();
      throw error;
    }
    // Other pending changes of address are spent (the last one confirmed wins), and so are the links
    // sent to the old address: a password reset from a mailbox the account has left must not work.
    await tx.accountToken.updateMany({
      where: {
        userId: outcome.userId,
        purpose: { in: ["cambio-email", "reimposta-password", "conferma-email"] },
        usedAt: null,
      },
      data: { usedAt: now },
    });
    // The address left gets the notice with a link that undoes the change (ADR 0107): if the change
    // was not its owner's, a reset of the password would go to the new address, out of her reach.
    // Only an address the account had confirmed, though (ADR 0107, addendum): one never confirmed (a typo
    // at sign-up, corrected later) may be a stranger's mailbox, and its link would hand them the account
    // (the restore gives the address back confirmed and removes the password). It gets nothing at all: a
    // notice without the link would still greet the teacher by name and tell that mailbox of the change.
    const oldAddressConfirmed = user.emailVerifiedAt !== null;
    if (oldAddressConfirmed) {
      const restore = newRawToken();
      await tx.accountToken.create({
        data: {
          userId: outcome.userId,
          purpose: "ripristina-email",
          tokenHash: hashToken(restore),
          expiresAt: new Date(now.getTime() + TOKEN_LIFETIME_MS["ripristina-email"]),
          createdAt: now,
          newEmail: user.email,
        },
      });
      await writeNotification(tx, {
        kind: "email-modificata",
        userId: outcome.userId,
        tokenId: token.id,
        payload: { to: user.email, newEmail, token: restore },
      });
    }
    await writeAudit(tx, {
      actorId: outcome.userId,
      entityType: "user",
      entityId: outcome.userId,
      action: "email-modificata",
      details: { from: user.email, to: newEmail, ...(oldAddressConfirmed ? {} : { fromUnconfirmed: true }) },
    });
    return outcome;
  });
}

export type EmailRestoreOutcome =
  { ok: true; userId: string; address: string } | { ok: false; state: Exclude<TokenState, "valid"> | "taken" };

/**
 * The POST of /ripristina-email/:token, from the notice sent to the address an account left (ADR 0082
 * addendum): "it was not me". In one transaction the account gets that address back (confirmed: the link
 * reached it), and whatever the change may have come with is undone: every session ends, the password goes
 * (whoever changed the address may know it: its owner chooses a new one with "Password dimenticata?", whose
 * link now reaches her), the digital identities linked since the change are unlinked, and every other pending
 * link of the account is spent (a later change's own restore link among them, which would take the account
 * back to its hijacker's address). Refused when another account has taken the address meanwhile.
 */
export async function restoreEmail(raw: string, now: Date = new Date()): Promise<EmailRestoreOutcome> {
  try {
    return await prisma.$transaction(async (tx) => {
      const outcome = await useToken(tx, raw, "ripristina-email", now);
      if (!outcome.ok) return outcome;
      const token = await tx.accountToken.findUniqueOrThrow({
        where: { tokenHash: hashToken(raw) },
        select: { newEmail: true, createdAt: true },
      });
      const address = token.newEmail!;
      const user = await tx.user.findUniqueOrThrow({
        where: { id: outcome.userId },
        select: { email: true, closedAt: true },
      });
      if (user.closedAt) return { ok: false, state: "used" } as const;
      try {
        await tx.user.update({
          where: { id: outcome.userId },
          data: { email: address, emailVerifiedAt: now, emailRefusedAt: null, emailRefusal: null },
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw new AddressTakenMeanwhile();
        throw error;
      }
      const ended = await tx.userSession.deleteMany({ where: { userId: outcome.userId } });
      const password = await tx.password.deleteMany({ where: { userId: outcome.userId } });
      const unlinked = await tx.userIdentity.deleteMany({
        where: { userId: outcome.userId, linkedAt: { gte: token.createdAt } },
      });
      // The personal calendar feed's URL too: whoever held the account may have subscribed to it.
      const feedRevoked = await revokeCalendarFeed(tx, outcome.userId);
      await tx.accountToken.updateMany({ where: { userId: outcome.userId, usedAt: null }, data: { usedAt: now } });
      await writeAudit(tx, {
        actorId: outcome.userId,
        entityType: "user",
        entityId: outcome.userId,
        action: "email-ripristinata",
        details: {
          from: user.email,
          to: address,
          endedSessions: ended.count,
          passwordRemoved: password.count === 1,
          ...(unlinked.count ? { unlinkedIdentities: unlinked.count } : {}),
          ...(feedRevoked ? { calendarFeedRevoked: true } : {}),
        },
      });
      return { ok: true, userId: outcome.userId, address } as const;
    });
  } catch (error) {
    if (error instanceof AddressTakenMeanwhile) return { ok: false, state: "taken" };
    throw error;
  }
}
