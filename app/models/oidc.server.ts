// OpenID Connect sign-in (ADR 0014): the relying-party side, with openid-client 6 (a certified
// library). Authorization code flow with PKCE (S256), state and nonce; the provider's metadata
// comes from discovery on its issuer URL; the ID token's signature, issuer, audience, expiry and
// nonce are checked by openid-client, and the UserInfo response must name the same subject.
//
// The flow's secrets (state, nonce, PKCE verifier) live in a signed, HttpOnly cookie that lasts
// ten minutes and is only sent to /auth/oidc; the callback clears it, and a replayed callback is
// refused by the provider (a code is single-use). Accounts are never matched by email: what to do
// with a verified identity is decided in identity.server.ts.
import { createCookie } from "@remix-run/node";
import * as client from "openid-client";
import { parseFiscalCode } from "~/domain/fiscal-code.ts";
import { goneProvidersText, providerLabelIn } from "~/domain/provider-label.ts";
import type { Locale } from "~/domain/vocabulary.ts";
import { getEnv, type OidcProviderConfig } from "~/utils/env.server.ts";

export const OIDC_TRANSACTION_SECONDS = 10 * 60;
/** Tolerance for the ID token's iat/exp against this server's clock. */
export const ID_TOKEN_CLOCK_TOLERANCE_SECONDS = 5;
/** Claims that may carry the codice fiscale, in order: SPID and CIE's, then common spellings. */
export const DEFAULT_FISCAL_CODE_CLAIMS = [
  "https://attributes.eid.gov.it/fiscal_number",
  "fiscal_number",
  "fiscalNumber",
];

/** Sign in, link an identity to the signed-in account, or confirm the signed-in owner (ADR 0082). */
export type OidcIntent = "accedi" | "collega" | "conferma";

/**
 * "conferma": how long ago the person may have authenticated at the provider. The request also asks
 * for a new authentication (prompt=login), so a provider session left open in the browser does not do.
 */
export const REAUTHENTICATION_MAX_AGE_SECONDS = 5 * 60;

export type PublicProvider = { id: string; label: string; icon: string | null };

export function oidcProviders(): OidcProviderConfig[] {
  return getEnv().OIDC_PROVIDERS;
}

/** What the sign-in page needs to draw the buttons (never the secrets), labelled in the page's language. */
export function publicProviders(locale: Locale): PublicProvider[] {
  return oidcProviders().map((p) => ({ id: p.id, label: providerLabelIn(p, locale), icon: p.icon ?? null }));
}

export function providerById(id: string | undefined): OidcProviderConfig | undefined {
  return oidcProviders().find((p) => p.id === id);
}

/**
 * How a page names the provider of an identity: its label in the page's language, or, for a provider removed from
 * OIDC_PROVIDERS since (an identity linked some time ago, or a pending sign-in's during its 30 minutes), what it was
 * (goneProvidersText: "un fornitore di identità che Forma non offre più (spid-old)"), never its bare id as if it were
 * a name (ADR 0014, addenda of 07/12/2026). `gone`: the text is that phrase, not a label (no guillemets around it, no
 * button to press).
 */
export function identityProviderName(id: string, locale: Locale): { label: string; gone: boolean } {
  const provider = providerById(id);
  return provider
    ? { label: providerLabelIn(provider, locale), gone: false }
    : { label: goneProvidersText([id], locale), gone: true };
}

export function passwordSignInEnabled(): boolean {
  return getEnv().PASSWORD_SIGN_IN === "on";
}

/**
 * The password pages (forgotten password, reset link) do not exist when PASSWORD_SIGN_IN=off:
 * a 404 that says why and where to sign in instead (403 for the sign-in form's own POST).
 */
export function requirePasswordSignIn(status: 403 | 404 = 404): void {
  if (passwordSignInEnabled()) return;
  throw new Response(
    "L'accesso con password non è attivo su questo servizio: accedi con un'identità digitale da /accedi. / Password sign-in is not available on this service: sign in with a digital identity from /accedi.",
    { status, headers: { "Content-Type": "text/plain; charset=utf-8" } },
  );
}

export function redirectUriOf(provider: OidcProviderConfig): string {
  return new URL(`/auth/oidc/${provider.id}/callback`, getEnv().APP_ORIGIN).href;
}

function isLoopbackHttp(url: URL): boolean {
  return url.protocol === "http:" && ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);
}

const JWS_IMPORT: Record<string, RsaHashedImportParams | EcKeyImportParams | Algorithm> = {
  RS256: { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" } as RsaHashedImportParams,
  PS256: { name: "RSA-PSS", hash: "SHA-256" } as RsaHashedImportParams,
  ES256: { name: "ECDSA", namedCurve: "P-256" } as EcKeyImportParams,
  EdDSA: { name: "Ed25519" },
};

async function clientAuthOf(provider: OidcProviderConfig): Promise<client.ClientAuth> {
  if (provider.clientSecret) return client.ClientSecretBasic(provider.clientSecret);
  const jwk = provider.privateKeyJwk!;
  const alg = jwk.alg ?? "RS256";
  const params = JWS_IMPORT[alg];
  if (!params)
    throw new Error(`OIDC_PROVIDERS ${provider.id}: algoritmo ${alg} non supportato (RS256, PS256, ES256, EdDSA)`);
  const key = await crypto.subtle.importKey("jwk", jwk as JsonWebKey, params, false, ["sign"]);
  return client.PrivateKeyJwt({ key, kid: jwk.kid }, {});
}

// One discovery per provider per process; a failed discovery is retried at the next sign-in.
const configurations = new Map<string, Promise<client.Configuration>>();

export function configurationOf(provider: OidcProviderConfig): Promise<client.Configuration> {
  const key = JSON.stringify(provider);
  let pending = configurations.get(key);
  if (!pending) {
    pending = (async () => {
      const issuer = new URL(provider.issuer);
      const config = await client.discovery(
        issuer,
        provider.clientId,
        { [client.clockTolerance]: ID_TOKEN_CLOCK_TOLERANCE_SECONDS },
        await clientAuthOf(provider),
        // Plain HTTP only for a provider on this machine (tests, `npm run oidc:demo`).
        isLoopbackHttp(issuer) ? { execute: [client.allowInsecureRequests], timeout: 10 } : { timeout: 10 },
      );
      return config;
    })();
    pending.catch(() => configurations.delete(key));
    configurations.set(key, pending);
  }
  return pending;
}

type Transaction = {
  provider: string;
  state: string;
  nonce: string;
  verifier: string;
  intent: OidcIntent;
  redirectTo: string;
  /** "Mantieni l'accesso su questo dispositivo", ticked on the sign-in page's form (ADR 0089, 0092). */
  keep: boolean;
  /**
   * "collega": the account whose owner gave the proof at /profilo/accessi (password or a fresh sign-in with one of its
   * identities). The callback links only to that account: a flow cookie made for one's own account and carried into
   * another person's signed-in browser links nothing there.
   */
  userId?: string;
  expiresAt: number;
};

let transactionCookie: ReturnType<typeof createCookie> | undefined;
/** The signed flow cookie (`forma_oidc`); exported for the tests that forge or replay one. */
export function getTransactionCookie() {
  const env = getEnv();
  transactionCookie ??= createCookie("forma_oidc", {
    path: "/auth/oidc",
    httpOnly: true,
    // Lax: the provider sends the browser back with a top-level GET, which carries Lax cookies.
    sameSite: "lax",
    secure: env.cookieSecure,
    maxAge: OIDC_TRANSACTION_SECONDS,
    secrets: [env.SESSION_SECRET],
  });
  return transactionCookie;
}

export class OidcUnavailableError extends Error {}

const INTENTS: readonly unknown[] = ["accedi", "collega", "conferma"] satisfies OidcIntent[];
const nonEmpty = (value: unknown) => typeof value === "string" && value.length > 0;

/**
 * A flow cookie as startOidcSignIn writes it. Its signature only says this server wrote it: a cookie of an
 * older shape (or a writer's bug) with a missing verifier or nonce made openid-client throw a TypeError, which
 * reads as "provider unreachable" (a 503) rather than a flow to start again.
 */
function isTransaction(value: unknown): value is Transaction {
  if (!value || typeof value !== "object") return false;
  const t = value as Record<string, unknown>;
  return (
    nonEmpty(t.provider) &&
    nonEmpty(t.state) &&
    nonEmpty(t.nonce) &&
    nonEmpty(t.verifier) &&
    INTENTS.includes(t.intent) &&
    typeof t.redirectTo === "string" &&
    (t.userId === undefined || nonEmpty(t.userId)) &&
    typeof t.expiresAt === "number"
  );
}

/** The provider's authorization URL for a new sign-in, and the cookie that remembers the flow. */
export async function startOidcSignIn(
  provider: OidcProviderConfig,
  intent: OidcIntent,
  redirectTo: string,
  /** userId: "collega" only, the account that gave the proof (see Transaction). */
  options: { keep?: boolean; userId?: string } = {},
): Promise<{ url: string; setCookie: string }> {
  let config: client.Configuration;
  try {
    config = await configurationOf(provider);
  } catch (error) {
    console.warn(`OIDC ${provider.id}: discovery failed: ${(error as Error).message}`);
    throw new OidcUnavailableError(provider.id);
  }
  const verifier = client.randomPKCECodeVerifier();
  const transaction: Transaction = {
    provider: provider.id,
    state: client.randomState(),
    nonce: client.randomNonce(),
    verifier,
    intent,
    redirectTo,
    keep: options.keep === true,
    ...(options.userId ? { userId: options.userId } : {}),
    expiresAt: Date.now() + OIDC_TRANSACTION_SECONDS * 1000,
  };
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUriOf(provider),
    scope: provider.scopes,
    response_type: "code",
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state: transaction.state,
    nonce: transaction.nonce,
    ...(intent === "conferma" ? { prompt: "login", max_age: String(REAUTHENTICATION_MAX_AGE_SECONDS) } : {}),
  });
  return { url: url.href, setCookie: await getTransactionCookie().serialize(transaction) };
}

export type VerifiedIdentity = {
  provider: string;
  issuer: string;
  subject: string;
  givenName: string | null;
  familyName: string | null;
  email: string | null;
  emailVerified: boolean;
  fiscalCode: string | null;
};

export type OidcFailure =
  | "transaction" // no, expired or foreign flow cookie: started elsewhere, too long ago, or forged
  | "cancelled" // the person (or the provider) stopped at the provider
  | "state" // the state in the answer is not this browser's
  | "nonce"
  | "expired" // ID token outside its validity
  | "issuer" // answer or ID token from another issuer
  | "code" // the code was refused (replayed, expired)
  | "unavailable" // the provider cannot be reached
  | "invalid"; // anything else that failed validation

export type OidcCallbackOutcome =
  | {
      ok: true;
      identity: VerifiedIdentity;
      idToken: string;
      intent: OidcIntent;
      redirectTo: string;
      keep: boolean;
      /** The account the flow was started for ("collega"), null when none was named. */
      userId: string | null;
    }
  | { ok: false; reason: OidcFailure };

function stringClaim(claims: Record<string, unknown>, name: string): string | null {
  const value = claims[name];
  return typeof value === "string" && value.trim() ? value.trim() : null;
}

/** The claims Forma keeps, from the ID token and UserInfo (ADR 0014). */
export function identityFromClaims(
  provider: OidcProviderConfig,
  claims: Record<string, unknown>,
): Omit<VerifiedIdentity, "provider" | "issuer" | "subject"> {
  const fiscalClaims = provider.fiscalCodeClaim ? [provider.fiscalCodeClaim] : DEFAULT_FISCAL_CODE_CLAIMS;
  let fiscalCode: string | null = null;
  for (const name of fiscalClaims) {
    fiscalCode = parseFiscalCode(claims[name]);
    if (fiscalCode) break;
  }
  const email = stringClaim(claims, "email")?.toLowerCase() ?? null;
  return {
    givenName: stringClaim(claims, "given_name"),
    familyName: stringClaim(claims, "family_name"),
    email: email && email.length <= 254 && /^[^\s@]+@[^\s@]+$/.test(email) ? email : null,
    emailVerified: claims.email_verified === true || claims.email_verified === "true",
    fiscalCode,
  };
}

function classify(error: unknown): OidcFailure {
  if (error instanceof client.AuthorizationResponseError) return "cancelled";
  if (error instanceof client.ResponseBodyError) return error.error === "invalid_grant" ? "code" : "invalid";
  // openid-client wraps oauth4webapi's errors: read the whole chain of causes.
  const messages: string[] = [];
  const codes: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && typeof current === "object" && depth < 5; depth++) {
    const e = current as { message?: unknown; code?: unknown; claim?: unknown; attribute?: unknown; cause?: unknown };
    if (typeof e.message === "string") messages.push(e.message);
    if (typeof e.code === "string") codes.push(e.code);
    if (typeof e.claim === "string") messages.push(`"${e.claim}"`);
    if (typeof e.attribute === "string") messages.push(`"${e.attribute}"`);
    current = e.cause;
  }
  const text = messages.join(" | ");
  if (/"state"/.test(text)) return "state";
  if (/"nonce"/.test(text)) return "nonce";
  if (codes.includes("OAUTH_JWT_TIMESTAMP_CHECK_FAILED")) return "expired";
  if (/"iss"/.test(text)) return "issuer";
  if (codes.some((c) => c === "OAUTH_TIMEOUT" || c === "OAUTH_HTTP_REQUEST_FORBIDDEN") || error instanceof TypeError) {
    return "unavailable";
  }
  return "invalid";
}

/**
 * Checks the provider's answer at /auth/oidc/<id>/callback: the flow cookie, the state, the code
 * (exchanged with PKCE), the ID token and the nonce. Returns the verified identity, or why not.
 * Always returns the Set-Cookie that clears the flow cookie.
 */
export async function finishOidcSignIn(
  provider: OidcProviderConfig,
  request: Request,
): Promise<{ outcome: OidcCallbackOutcome; clearCookie: string }> {
  const cookie = getTransactionCookie();
  const clearCookie = await cookie.serialize("", { maxAge: 0, expires: new Date(0) });
  const fail = (reason: OidcFailure, detail?: unknown) => {
    console.warn(`OIDC ${provider.id}: sign-in refused (${reason})${detail ? `: ${(detail as Error).message}` : ""}`);
    return { outcome: { ok: false as const, reason }, clearCookie };
  };
  const transaction: unknown = await cookie.parse(request.headers.get("Cookie"));
  if (!isTransaction(transaction) || transaction.provider !== provider.id) return fail("transaction");
  if (!(transaction.expiresAt > Date.now())) return fail("transaction");
  let config: client.Configuration;
  try {
    config = await configurationOf(provider);
  } catch (error) {
    return fail("unavailable", error);
  }
  // The answer's parameters on the registered redirect URI (APP_ORIGIN), whatever host the proxy used.
  const answer = new URL(redirectUriOf(provider));
  answer.search = new URL(request.url).search;
  try {
    const tokens = await client.authorizationCodeGrant(config, answer, {
      pkceCodeVerifier: transaction.verifier,
      expectedState: transaction.state,
      expectedNonce: transaction.nonce,
      idTokenExpected: true,
      // A confirmation needs an authentication just made: the ID token's auth_time says when.
      ...(transaction.intent === "conferma" ? { maxAge: REAUTHENTICATION_MAX_AGE_SECONDS } : {}),
    });
    const idClaims = tokens.claims();
    if (!idClaims || !tokens.id_token) return fail("invalid");
    let claims: Record<string, unknown> = { ...idClaims };
    if (config.serverMetadata().userinfo_endpoint) {
      const userInfo = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
      claims = { ...userInfo, ...idClaims };
    }
    return {
      outcome: {
        ok: true,
        identity: {
          provider: provider.id,
          issuer: idClaims.iss,
          subject: idClaims.sub,
          ...identityFromClaims(provider, claims),
        },
        idToken: tokens.id_token,
        intent: transaction.intent,
        redirectTo: transaction.redirectTo,
        // Read from the signed flow cookie only, set by the POST that started the flow.
        keep: transaction.keep === true,
        userId: transaction.userId ?? null,
      },
      clearCookie,
    };
  } catch (error) {
    return fail(classify(error), error);
  }
}

/** Where to send the browser after Forma's sign-out: the provider's end-session endpoint, if it has one. */
export async function endSessionUrl(providerId: string, idToken: string): Promise<string | null> {
  const provider = providerById(providerId);
  if (!provider) return null;
  try {
    const config = await configurationOf(provider);
    if (!config.serverMetadata().end_session_endpoint) return null;
    return client.buildEndSessionUrl(config, {
      id_token_hint: idToken,
      post_logout_redirect_uri: new URL("/eventi", getEnv().APP_ORIGIN).href,
    }).href;
  } catch {
    return null;
  }
}
