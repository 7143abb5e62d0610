// Proof that the signed-in person has just signed in again with one of the account's digital
// identities (ADR 0082): what an account without a password gives instead of its password before
// closing the account (/profilo/chiudi). A signed cookie, bound to the account and to the session it
// was made in, good for REAUTHENTICATION_SECONDS; nothing is stored on the server.
import { createCookie } from "@remix-run/node";
import { identitiesOf } from "~/models/identity.server.ts";
import { providerById } from "~/models/oidc.server.ts";
import { providerLabelIn } from "~/domain/provider-label.ts";
import type { Locale } from "~/domain/vocabulary.ts";
import { prisma } from "~/utils/db.server.ts";
import { getEnv } from "~/utils/env.server.ts";
import { sessionIdOf } from "~/utils/session.server.ts";

export const REAUTHENTICATION_SECONDS = 10 * 60;

type Proof = { userId: string; sessionId: string; until: number };

let cookie: ReturnType<typeof createCookie> | undefined;
function getCookie() {
  const env = getEnv();
  cookie ??= createCookie("forma_reauth", {
    // Not "/profilo": the pages' data requests (single fetch) go to /profilo.data, which that path
    // does not match (RFC 6265 5.1.4), so /profilo's own form never carried the proof.
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: env.cookieSecure,
    maxAge: REAUTHENTICATION_SECONDS,
    secrets: [env.SESSION_SECRET],
  });
  return cookie;
}

/** Whether the account has a password to ask for; without one, its owner confirms with an identity. */
export async function hasPassword(userId: string): Promise<boolean> {
  return (await prisma.password.count({ where: { userId } })) > 0;
}

/**
 * The providers an account without a password can confirm its owner with (its linked identities'
 * providers that are still configured, labelled in the page's language): the buttons of /profilo/chiudi and of /profilo's email section.
 */
export async function reauthenticationProviders(
  userId: string,
  locale: Locale,
): Promise<{ id: string; label: string }[]> {
  return (await identitiesOf(userId)).flatMap((i) => {
    const provider = providerById(i.provider);
    return provider ? [{ id: provider.id, label: providerLabelIn(provider, locale) }] : [];
  });
}

/**
 * The verified identity came back for a confirmation: it must be one of the signed-in account's.
 * Returns the Set-Cookie of the proof, or null when the identity belongs to no one or to someone else.
 */
export async function rememberReauthentication(
  request: Request,
  userId: string,
  identity: { issuer: string; subject: string },
  now: Date = new Date(),
): Promise<string | null> {
  const linked = await prisma.userIdentity.findUnique({
    where: { issuer_subject: { issuer: identity.issuer, subject: identity.subject } },
    select: { userId: true },
  });
  const sessionId = await sessionIdOf(request);
  if (linked?.userId !== userId || !sessionId) return null;
  const proof: Proof = { userId, sessionId, until: now.getTime() + REAUTHENTICATION_SECONDS * 1000 };
  return getCookie().serialize(proof);
}

/** The request carries a proof made in this session, for this account, that has not expired. */
export async function recentlyReauthenticated(request: Request, userId: string, now: Date = new Date()) {
  const proof = (await getCookie().parse(request.headers.get("Cookie"))) as Proof | null;
  if (!proof || typeof proof !== "object" || proof.userId !== userId || !(proof.until > now.getTime())) return false;
  return proof.sessionId === (await sessionIdOf(request));
}

/** The Set-Cookie that drops the proof (used once). */
export function forgetReauthentication(): Promise<string> {
  return getCookie().serialize("", { maxAge: 0, expires: new Date(0) });
}
