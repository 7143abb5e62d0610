// Sign-in with OpenID Connect against a real OpenID provider (oidc-provider 9 on local ports,
// scripts/oidc-test-provider.ts), through Forma's own route modules: first sign-in and profile
// completion, linking to an existing account (only with its password, never by email), linking
// and unlinking from the profile, sign-out through the provider, and the refusals: a tampered
// state, a replayed code, a wrong nonce, an expired ID token, another issuer, no flow cookie.
import { generateKeyPairSync } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PRIVACY_NOTICE_VERSION } from "../../app/domain/privacy-notice.ts";
import { closeAccount } from "../../app/models/account-closure.server.ts";
import { unlinkIdentity } from "../../app/models/identity.server.ts";
import { providerById, startOidcSignIn } from "../../app/models/oidc.server.ts";
import { fiscalCodeCheckCharacter } from "../../app/domain/fiscal-code.ts";
import { parseEnv } from "../../app/utils/env.server.ts";
import { SESSION_IDLE_MINUTES, SESSION_MAX_AGE_SECONDS } from "../../app/domain/session-lifetime.ts";
import { prisma } from "../../app/utils/db.server.ts";
import { getTransactionCookie } from "../../app/models/oidc.server.ts";
import * as completeRoute from "../../app/routes/accedi_.completa.tsx";
import * as confirmRoute from "../../app/routes/conferma-email.$token.tsx";
import { confirmEmail, issueAccountToken } from "../../app/models/account-tokens.server.ts";
import { parsePayload, renderEmail } from "../../emails/index.ts";
import * as loginRoute from "../../app/routes/accedi.tsx";
import * as startRoute from "../../app/routes/auth.oidc.$provider.tsx";
import * as callbackRoute from "../../app/routes/auth.oidc.$provider_.callback.tsx";
import * as signOutRoute from "../../app/routes/esci.tsx";
import * as identitiesRoute from "../../app/routes/profilo_.accessi.tsx";
import * as profileRoute from "../../app/routes/profilo.tsx";
import * as closeRoute from "../../app/routes/profilo_.chiudi.tsx";
import {
  signInAtProvider,
  startTestProvider,
  type TestProvider,
  type TestUser,
} from "../../scripts/oidc-test-provider.ts";
import { createUser, TEST_PASSWORD, unique } from "../support/factories.ts";
import { bodyOf, callRoute, cookieOf, routeRequest, statusOf, type Handler } from "../support/routes.ts";
import { IDENTITY_COMPLETION_LIMITS } from "../../app/utils/rate-limit.server.ts";

const ORIGIN = "http://localhost:3000";
const callbackUrl = (id: string) => `${ORIGIN}/auth/oidc/${id}/callback`;

// Valid, distinct codici fiscali for this run.
let serial = Math.floor(Math.random() * 900);
function fiscalCode(): string {
  const digits = String(serial++ % 1000).padStart(3, "0");
  const first15 = `BNCLCU85M10F205`.slice(0, 12) + digits;
  return first15 + fiscalCodeCheckCharacter(first15);
}

function testUser(overrides: Partial<TestUser> = {}): TestUser {
  return {
    id: unique("sub"),
    given_name: "Luca",
    family_name: "Bianchi",
    email: `${unique("luca")}@spid.example.it`,
    email_verified: true,
    fiscal_number: `TINIT-${fiscalCode()}`,
    ...overrides,
  };
}

// The providers' users: the tests add theirs as they go (the providers read this list live).
const users: TestUser[] = [];
let spid: TestProvider;
let cie: TestProvider;
let slow: TestProvider;
let impostor: TestProvider;
let keyed: TestProvider;
// Forma's key for the provider that wants private_key_jwt.
const clientKey = generateKeyPairSync("rsa", { modulusLength: 2048 });
const privateJwk = { ...clientKey.privateKey.export({ format: "jwk" }), alg: "RS256", kid: "forma-test" };
const publicJwk = { ...clientKey.publicKey.export({ format: "jwk" }), alg: "RS256", kid: "forma-test", use: "sig" };

beforeAll(async () => {
  spid = await startTestProvider({
    port: 0,
    redirectUris: [callbackUrl("spid")],
    postLogoutRedirectUris: [`${ORIGIN}/eventi`],
    users,
  });
  cie = await startTestProvider({ port: 0, redirectUris: [callbackUrl("cie")], users });
  // An ID token valid for 1 s whose token response arrives 7 s later: older than exp + Forma's 5 s tolerance.
  slow = await startTestProvider({
    port: 0,
    redirectUris: [callbackUrl("lento")],
    users,
    idTokenTtl: 1,
    tokenResponseDelayMs: 7_000,
  });
  // Answers discovery on its own port but announces another issuer.
  impostor = await startTestProvider({ port: 0, issuer: "http://127.0.0.1:9/altro", redirectUris: [], users });
  keyed = await startTestProvider({
    port: 0,
    redirectUris: [callbackUrl("chiave")],
    users,
    clientJwks: { keys: [publicJwk] },
  });
  const entry = (id: string, p: TestProvider, label: string) => ({
    id,
    issuer: p.issuer,
    clientId: p.clientId,
    clientSecret: p.clientSecret,
    label,
  });
  process.env.OIDC_PROVIDERS = JSON.stringify([
    entry("spid", spid, "Entra con SPID"),
    entry("cie", cie, "Entra con CIE"),
    entry("lento", slow, "Lento"),
    { ...entry("falso", impostor, "Falso"), issuer: `http://127.0.0.1:${impostor.port}` },
    { id: "chiave", issuer: keyed.issuer, clientId: keyed.clientId, privateKeyJwk: privateJwk, label: "Con chiave" },
  ]);
});

afterAll(async () => {
  await Promise.all([spid?.close(), cie?.close(), slow?.close(), impostor?.close(), keyed?.close()]);
  await prisma.$disconnect();
});

/** "name=value" pairs of a response's Set-Cookie headers, skipping cleared cookies. */
function cookiesSet(response: Response): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of response.headers.getSetCookie()) {
    const pair = line.split(";")[0]!;
    const eq = pair.indexOf("=");
    const value = pair.slice(eq + 1);
    if (value && !/max-age=0/i.test(line)) out[pair.slice(0, eq)] = value;
  }
  return out;
}
const cookieHeader = (...parts: (string | undefined)[]) => parts.filter(Boolean).join("; ");

async function run(handler: Handler, url: string, init: Parameters<typeof routeRequest>[1], params = {}) {
  return callRoute(handler, routeRequest(url, init), params);
}

/** Starts a sign-in at Forma: the provider's authorization URL and the flow cookie. */
async function begin(
  provider: string,
  opts: { cookie?: string; intent?: string; redirectTo?: string; keep?: boolean } = {},
) {
  const result = await run(
    startRoute.action as Handler,
    `${ORIGIN}/auth/oidc/${provider}`,
    {
      cookie: opts.cookie,
      form: {
        intent: opts.intent ?? "accedi",
        redirectTo: opts.redirectTo ?? "/le-mie-iscrizioni",
        ...(opts.keep ? { keep: "on" } : {}),
      },
    },
    { provider },
  );
  expect(result).toBeInstanceOf(Response);
  const response = result as Response;
  expect(response.status).toBe(302);
  const flow = cookiesSet(response).forma_oidc;
  expect(flow).toBeTruthy();
  return { authorizationUrl: response.headers.get("location")!, flowCookie: `forma_oidc=${flow}` };
}

async function callback(provider: string, answer: URL, cookie: string) {
  const result = await run(callbackRoute.loader as Handler, answer.href, { cookie }, { provider });
  return result;
}

/** The whole round trip: Forma → provider (signing `user` in) → Forma's callback. */
async function signIn(
  provider: string,
  user: TestUser,
  opts: { cookie?: string; intent?: string; redirectTo?: string; keep?: boolean } = {},
) {
  const { authorizationUrl, flowCookie } = await begin(provider, opts);
  const answer = await signInAtProvider(authorizationUrl, user.id, callbackUrl(provider));
  const result = await callback(provider, answer, cookieHeader(opts.cookie, flowCookie));
  return { result, answer, flowCookie };
}

function reasonOf(result: unknown): string {
  return bodyOf<{ reason: string }>(result).reason;
}

const ACCESSI = `${ORIGIN}/profilo/accessi`;

/**
 * Linking as /profilo/accessi starts it: the form (intent "collega" with the password, or "collega-by-identity"
 * after a fresh confirmation), then, if the page sent the browser to the provider, `user` signs in there and the
 * callback answers. `flowCookie` replaces the flow cookie the page set (a flow carried from elsewhere).
 */
async function linkFromProfile(
  provider: string,
  user: TestUser,
  cookie: string,
  form: Record<string, string>,
  opts: { flowCookie?: string; callbackCookie?: string } = {},
) {
  const started = await run(identitiesRoute.action as Handler, ACCESSI, {
    cookie,
    form: { intent: "collega", provider, ...form },
  });
  if (!(started instanceof Response) || started.status !== 302) return { started, result: undefined };
  const flow = cookiesSet(started).forma_oidc;
  expect(flow).toBeTruthy();
  const answer = await signInAtProvider(started.headers.get("location")!, user.id, callbackUrl(provider));
  const flowCookie = opts.flowCookie ?? `forma_oidc=${flow}`;
  const result = await callback(provider, answer, cookieHeader(opts.callbackCookie ?? cookie, flowCookie));
  return { started, result, flowCookie: `forma_oidc=${flow}` };
}

/** The flow cookie a started link set (undefined when the page refused). */
const flowOf = (started: unknown) => (started instanceof Response ? cookiesSet(started).forma_oidc : undefined);

const profile = (email: string) => ({
  intent: "crea",
  firstName: "Luca",
  lastName: "Bianchi",
  email,
  schoolName: "IC Dante Alighieri",
  schoolLevel: "secondaria-primo-grado",
  regionCode: "lombardia",
  professionalRole: "docente",
});

/** A person's first sign-in with SPID and the profile completed: the account made with that identity, signed in. */
async function accountMadeWithSpid(person: TestUser) {
  const first = (await signIn("spid", person)).result as Response;
  const created = (await run(completeRoute.action as Handler, `${ORIGIN}/accedi/completa`, {
    cookie: `forma_oidc_pending=${cookiesSet(first).forma_oidc_pending}`,
    form: profile(person.email!),
  })) as Response;
  return { session: `forma_session=${cookiesSet(created).forma_session}` };
}

describe("configuration", () => {
  it("no provider configured means no button; bad provider entries stop the server with the variable named", () => {
    expect(parseEnv({ NODE_ENV: "test" }).OIDC_PROVIDERS).toEqual([]);
    expect(parseEnv({ NODE_ENV: "test" }).PASSWORD_SIGN_IN).toBe("on");
    expect(() => parseEnv({ NODE_ENV: "test", OIDC_PROVIDERS: "{not json" })).toThrow(/OIDC_PROVIDERS/);
    const base = { id: "spid", issuer: "https://id.example.it", clientId: "forma", label: "Entra con SPID" };
    expect(() => parseEnv({ NODE_ENV: "test", OIDC_PROVIDERS: JSON.stringify([base]) })).toThrow(/clientSecret/);
    const both = { ...base, clientSecret: "s", privateKeyJwk: { kty: "RSA" } };
    expect(() => parseEnv({ NODE_ENV: "test", OIDC_PROVIDERS: JSON.stringify([both]) })).toThrow(/OIDC_PROVIDERS/);
    const ok = { ...base, clientSecret: "s", icon: "/img/spid.svg" };
    const parsed = parseEnv({ NODE_ENV: "test", OIDC_PROVIDERS: JSON.stringify([ok]), PASSWORD_SIGN_IN: "off" });
    expect(parsed.OIDC_PROVIDERS[0]).toMatchObject({ id: "spid", scopes: "openid profile email" });
    expect(parsed.PASSWORD_SIGN_IN).toBe("off");
    expect(() => parseEnv({ NODE_ENV: "test", PASSWORD_SIGN_IN: "maybe" })).toThrow(/PASSWORD_SIGN_IN/);
    // Nobody could sign in: refused at start.
    expect(() => parseEnv({ NODE_ENV: "test", PASSWORD_SIGN_IN: "off" })).toThrow(/PASSWORD_SIGN_IN/);
  });

  it("the sign-in page lists the configured providers (labels and ids, never secrets)", async () => {
    const result = await run(loginRoute.loader as Handler, `${ORIGIN}/accedi`, {});
    const body = bodyOf<{ providers: { id: string; label: string }[]; passwordEnabled: boolean }>(result);
    expect(body.providers.map((p) => p.label)).toEqual([
      "Entra con SPID",
      "Entra con CIE",
      "Lento",
      "Falso",
      "Con chiave",
    ]);
    expect(JSON.stringify(body)).not.toContain(spid.clientSecret);
    expect(body.passwordEnabled).toBe(true);
  });
});

describe("Mantieni l'accesso su questo dispositivo (ADR 0089, 0092)", () => {
  /** The session cookie's Set-Cookie line, and the session row it names. */
  async function sessionOf(response: Response) {
    const line = response.headers.getSetCookie().find((l) => l.startsWith("forma_session="))!;
    expect(line).toBeTruthy();
    const row = await prisma.userSession.findFirstOrThrow({
      where: { oidc: { isNot: null } },
      orderBy: { createdAt: "desc" },
      select: { persistent: true, expiresAt: true, userId: true },
    });
    return { line, row };
  }

  async function linkedAccount() {
    const person = testUser();
    users.push(person);
    const user = await createUser({ email: unique("kept") + "@scuola.example.it" });
    await prisma.userIdentity.create({
      data: { userId: user.id, provider: "spid", issuer: spid.issuer, subject: person.id },
    });
    return { person, user };
  }

  it("ticked before the provider's button: a 14-day session and a cookie with Max-Age; unticked: the browser's", async () => {
    const { person, user } = await linkedAccount();
    const kept = (await signIn("spid", person, { keep: true })).result as Response;
    expect(kept.status).toBe(302);
    const own = await sessionOf(kept);
    expect(own.row).toMatchObject({ userId: user.id, persistent: true });
    expect(own.line).toMatch(new RegExp(`Max-Age=${SESSION_MAX_AGE_SECONDS}`));
    expect(own.row.expiresAt.getTime()).toBeGreaterThan(Date.now() + (SESSION_MAX_AGE_SECONDS - 60) * 1000);

    const shared = (await signIn("spid", person)).result as Response;
    const browser = await sessionOf(shared);
    expect(browser.row).toMatchObject({ userId: user.id, persistent: false });
    expect(browser.line).not.toMatch(/Max-Age|Expires/i);
    expect(browser.row.expiresAt.getTime()).toBeLessThan(Date.now() + (SESSION_IDLE_MINUTES + 1) * 60_000);
  });

  it("the choice travels in the signed flow cookie only: a query string at the callback does not make a session kept", async () => {
    const { person } = await linkedAccount();
    const { authorizationUrl, flowCookie } = await begin("spid");
    const answer = await signInAtProvider(authorizationUrl, person.id, callbackUrl("spid"));
    answer.searchParams.set("keep", "on");
    const result = (await callback("spid", answer, flowCookie)) as Response;
    expect(result.status).toBe(302);
    const { line, row } = await sessionOf(result);
    expect(row.persistent).toBe(false);
    expect(line).not.toMatch(/Max-Age/i);
    // A GET of the start changes nothing and starts no flow: back to the sign-in page.
    const get = (await run(
      startRoute.loader as Handler,
      `${ORIGIN}/auth/oidc/spid?keep=on`,
      {},
      { provider: "spid" },
    )) as Response;
    expect(get.status).toBe(302);
    expect(get.headers.get("location")).toBe("/accedi");
    expect(cookiesSet(get).forma_oidc).toBeUndefined();
  });

  it("a first sign-in keeps the choice through the profile's completion", async () => {
    const person = testUser();
    users.push(person);
    const response = (await signIn("spid", person, { keep: true })).result as Response;
    expect(response.headers.get("location")).toBe("/accedi/completa");
    const pending = `forma_oidc_pending=${cookiesSet(response).forma_oidc_pending}`;
    const done = (await run(completeRoute.action as Handler, `${ORIGIN}/accedi/completa`, {
      cookie: pending,
      form: profile(person.email!),
    })) as Response;
    expect(done.status).toBe(302);
    const { line, row } = await sessionOf(done);
    expect(row.persistent).toBe(true);
    expect(line).toMatch(new RegExp(`Max-Age=${SESSION_MAX_AGE_SECONDS}`));
  });
});

describe("a hostile redirectTo (a hostile review of 08/12/2026)", () => {
  it("sent with the provider's button, it never leads off the site after the provider, first sign-in or not", async () => {
    const person = testUser();
    users.push(person);
    const hostile = [
      "https://evil.example",
      "//evil.example",
      "/%09/evil.example",
      "/\\evil.example",
      "/%5Cevil.example",
    ];
    // The first sign-in: the profile form, then where the flow said.
    const first = cookiesSet((await signIn("spid", person, { redirectTo: hostile[0] })).result as Response);
    const done = (await run(completeRoute.action as Handler, `${ORIGIN}/accedi/completa`, {
      cookie: `forma_oidc_pending=${first.forma_oidc_pending}`,
      form: profile(person.email!),
    })) as Response;
    expect(done.status).toBe(302);
    expect(done.headers.get("location")).toBe("/eventi");
    // An account linked already: straight from the callback.
    for (const target of hostile) {
      const result = (await signIn("spid", person, { redirectTo: target })).result as Response;
      expect(result.status, target).toBe(302);
      expect(result.headers.get("location"), target).toBe("/eventi");
    }
  });
});

describe("first sign-in", () => {
  it("creates no account until the profile is completed, then signs in with the provider's claims", async () => {
    const person = testUser();
    users.push(person);
    const { result } = await signIn("spid", person);
    const response = result as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/accedi/completa");
    const cookies = cookiesSet(response);
    expect(cookies.forma_session).toBeUndefined();
    expect(await prisma.user.count({ where: { email: person.email } })).toBe(0);
    const pending = `forma_oidc_pending=${cookies.forma_oidc_pending}`;

    const page = bodyOf<{ givenName: string; familyName: string; email: string; fiscalCode: string }>(
      await run(completeRoute.loader as Handler, `${ORIGIN}/accedi/completa`, { cookie: pending }),
    );
    expect(page).toMatchObject({
      givenName: "Luca",
      familyName: "Bianchi",
      email: person.email,
      fiscalCode: person.fiscal_number!.slice(6),
    });

    // Region, school level and role are required before anything else.
    const incomplete = await run(completeRoute.action as Handler, `${ORIGIN}/accedi/completa`, {
      cookie: pending,
      form: { intent: "crea", firstName: "Luca", lastName: "Bianchi", email: person.email! },
    });
    expect(statusOf(incomplete)).toBe(400);
    expect(await prisma.user.count({ where: { email: person.email } })).toBe(0);

    const done = (await run(completeRoute.action as Handler, `${ORIGIN}/accedi/completa`, {
      cookie: pending,
      form: profile(person.email!),
    })) as Response;
    expect(done.status).toBe(302);
    expect(done.headers.get("location")).toBe("/le-mie-iscrizioni");
    expect(cookiesSet(done).forma_session).toBeTruthy();
    const user = await prisma.user.findUniqueOrThrow({
      where: { email: person.email },
      include: { identities: true, password: true },
    });
    expect(user).toMatchObject({ regionCode: "lombardia", schoolLevel: "secondaria-primo-grado" });
    expect(user.fiscalCode).toBe(person.fiscal_number!.slice(6));
    expect(user.emailVerifiedAt).not.toBeNull(); // the provider vouched for this address
    // The completion page links the privacy notice in force: the account records its version.
    expect(user.privacyVersion).toBe(PRIVACY_NOTICE_VERSION);
    expect(user.privacyAcceptedAt).not.toBeNull();
    expect(user.password).toBeNull();
    expect(user.identities).toEqual([
      expect.objectContaining({ provider: "spid", issuer: spid.issuer, subject: person.id }),
    ]);
    expect(await prisma.pendingIdentity.count({ where: { subject: person.id } })).toBe(0);

    // The same pending sign-in cannot be used twice.
    const again = await run(completeRoute.action as Handler, `${ORIGIN}/accedi/completa`, {
      cookie: pending,
      form: profile(`${unique("x")}@example.it`),
    });
    expect((again as Response).headers.get("location")).toBe("/accedi");

    // The next sign-in goes straight in.
    const next = (await signIn("spid", person)).result as Response;
    expect(next.status).toBe(302);
    expect(next.headers.get("location")).toBe("/le-mie-iscrizioni");
    expect(cookiesSet(next).forma_session).toBeTruthy();
    const session = await prisma.oidcSession.findFirst({ where: { session: { userId: user.id } } });
    expect(session?.provider).toBe("spid");
  });

  it("works with a provider that authenticates Forma by private_key_jwt", async () => {
    const person = testUser();
    users.push(person);
    const response = (await signIn("chiave", person)).result as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/accedi/completa");
    // The provider refuses the same client when it presents no signed assertion (no secret to fall back on).
    const bare = await fetch(`${keyed.issuer}/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "authorization_code", code: "x", client_id: keyed.clientId }),
    });
    expect(bare.status).toBe(401);
  });

  it("asks to confirm an address the provider did not verify or that the person changed", async () => {
    const person = testUser({ email_verified: false });
    users.push(person);
    const response = (await signIn("spid", person)).result as Response;
    const pending = `forma_oidc_pending=${cookiesSet(response).forma_oidc_pending}`;
    await run(completeRoute.action as Handler, `${ORIGIN}/accedi/completa`, {
      cookie: pending,
      form: profile(person.email!),
    });
    const user = await prisma.user.findUniqueOrThrow({ where: { email: person.email } });
    expect(user.emailVerifiedAt).toBeNull();
    expect(await prisma.accountToken.count({ where: { userId: user.id, purpose: "conferma-email" } })).toBe(1);

    // The address may be someone else's: the email and the page say in whose name and with what the account
    // was made before the button, which names the person (ADR 0014), so the mailbox's owner does not put her
    // mailbox behind another person's account (and its SPID) unknowingly.
    const notification = await prisma.notification.findFirstOrThrow({
      where: { userId: user.id, kind: "conferma-email" },
    });
    const payload = parsePayload(notification.payload);
    const name = `${user.firstName} ${user.lastName}`;
    const email = renderEmail("conferma-email", payload, {
      locale: "it",
      origin: ORIGIN,
      contactEmail: "formazione@forma.example.it",
      firstName: user.firstName,
    });
    expect(email.text).toContain(`creato accedendo con «Entra con SPID» a nome di ${name}`);
    expect(email.text).toContain(`Se non sei ${name}, non confermare`);
    const page = await run(
      confirmRoute.loader as Handler,
      `${ORIGIN}/conferma-email/${payload.token}`,
      {},
      { token: payload.token! },
    );
    expect(bodyOf<{ state: string; madeWith: unknown }>(page)).toMatchObject({
      state: "valid",
      madeWith: { provider: "Entra con SPID", name },
    });
    // Confirmed, the link is spent and the page says nothing more about the account.
    expect((await confirmEmail(payload.token!)).ok).toBe(true);
    const used = await run(
      confirmRoute.loader as Handler,
      `${ORIGIN}/conferma-email/${payload.token}`,
      {},
      { token: payload.token! },
    );
    expect(bodyOf<{ state: string; madeWith: unknown }>(used)).toMatchObject({ state: "used", madeWith: null });
    // An account made with a password names nobody.
    const plain = await createUser({ emailVerifiedAt: null });
    const raw = await prisma.$transaction((tx) => issueAccountToken(tx, plain.id, "conferma-email"));
    const plainPage = await run(confirmRoute.loader as Handler, `${ORIGIN}/conferma-email/${raw}`, {}, { token: raw });
    expect(bodyOf<{ state: string; madeWith: unknown }>(plainPage)).toMatchObject({ state: "valid", madeWith: null });
    await prisma.notification.deleteMany({ where: { userId: { in: [user.id, plain.id] } } });
  });

  it("names the maker again in a confirmation link sent again from the account", async () => {
    // The first email named whoever made the account (ADR 0014), but "Invia di nuovo il link di conferma", which
    // the maker can press up to 3 times an hour, sent the same mailbox a plain "conferma il tuo indirizzo".
    const person = testUser({ email_verified: false });
    users.push(person);
    const response = (await signIn("spid", person)).result as Response;
    const pending = `forma_oidc_pending=${cookiesSet(response).forma_oidc_pending}`;
    await run(completeRoute.action as Handler, `${ORIGIN}/accedi/completa`, {
      cookie: pending,
      form: profile(person.email!),
    });
    const user = await prisma.user.findUniqueOrThrow({ where: { email: person.email } });
    const first = await prisma.notification.findMany({ where: { userId: user.id, kind: "conferma-email" } });
    expect(first).toHaveLength(1);

    await run(profileRoute.action as Handler, `${ORIGIN}/profilo`, {
      cookie: await cookieOf(user.id),
      form: { intent: "resend-confirmation" },
    });
    const again = await prisma.notification.findFirstOrThrow({
      where: { userId: user.id, kind: "conferma-email", id: { notIn: first.map((n) => n.id) } },
    });
    const name = `${user.firstName} ${user.lastName}`;
    for (const locale of ["it", "en"] as const) {
      const email = renderEmail("conferma-email", parsePayload(again.payload), {
        locale,
        origin: ORIGIN,
        contactEmail: "formazione@forma.example.it",
        firstName: user.firstName,
      });
      expect(email.text).toContain(
        locale === "it"
          ? `creato accedendo con «Entra con SPID» a nome di ${name}, con questo indirizzo email.`
          : `created by signing in with "Entra con SPID" in the name of ${name}, with this email address.`,
      );
      expect(email.text).toContain(locale === "it" ? `Se non sei ${name}, non confermare` : `If you are not ${name}`);
    }

    // An account made with a password still names nobody when its link is sent again.
    const plain = await createUser({ emailVerifiedAt: null });
    await run(profileRoute.action as Handler, `${ORIGIN}/profilo`, {
      cookie: await cookieOf(plain.id),
      form: { intent: "resend-confirmation" },
    });
    const plainLink = await prisma.notification.findFirstOrThrow({
      where: { userId: plain.id, kind: "conferma-email" },
    });
    expect(parsePayload(plainLink.payload)).not.toHaveProperty("accountName");
    await prisma.notification.deleteMany({ where: { userId: { in: [user.id, plain.id] } } });
  });

  it("the profile's answer (this address has an account) is rate-limited per identity and per client address", async () => {
    // It needs a real sign-in at a provider, but it said "exists" for a taken address without limit.
    const { perIdentity, perIp } = IDENTITY_COMPLETION_LIMITS;
    const existing = await createUser();
    const pendingOf = async (person: TestUser) =>
      `forma_oidc_pending=${cookiesSet((await signIn("spid", person)).result as Response).forma_oidc_pending}`;
    const create = (cookie: string, ip: string, email: string) =>
      callRoute(
        completeRoute.action as Handler,
        new Request(`${ORIGIN}/accedi/completa`, {
          method: "POST",
          headers: { Cookie: cookie, "x-forma-client-ip": ip },
          body: new URLSearchParams(profile(email)),
        }),
      );
    const ip = `198.51.100.${serial++ % 250}`;
    const person = testUser();
    users.push(person);
    const pending = await pendingOf(person);
    for (let i = 0; i < perIdentity; i++) expect(statusOf(await create(pending, ip, existing.email))).toBe(409);
    // Over the limit: the page's message, what was typed kept, and no answer about the address, taken or free.
    const limited = await create(pending, ip, existing.email);
    expect(statusOf(limited)).toBe(429);
    const reply = bodyOf<{ result: { error: Record<string, string[]>; initialValue: { email: string } } }>(limited);
    expect(reply.result.error[""]).toEqual([expect.stringMatching(/^Troppi tentativi di creare l'account/)]);
    expect(reply.result.initialValue.email).toBe(existing.email);
    expect(statusOf(await create(pending, ip, person.email!))).toBe(429);
    expect(await prisma.user.count({ where: { email: person.email } })).toBe(0);
    // Counted per identity, not per pending sign-in: signing in at the provider again does not start afresh,
    // even from another address.
    expect(statusOf(await create(await pendingOf(person), "192.0.2.200", person.email!))).toBe(429);

    // Per client address, whatever the identity: another person from there is refused once it is spent.
    const others = Array.from({ length: Math.ceil(perIp / perIdentity) }, () => testUser());
    users.push(...others);
    const shared = `203.0.113.${serial++ % 250}`;
    let sent = 0;
    for (const other of others) {
      const otherPending = await pendingOf(other);
      for (let i = 0; i < perIdentity && sent < perIp; i++, sent++) {
        expect(statusOf(await create(otherPending, shared, existing.email))).toBe(409);
      }
    }
    const late = testUser();
    users.push(late);
    const latePending = await pendingOf(late);
    expect(statusOf(await create(latePending, shared, late.email!))).toBe(429);
    expect(await prisma.user.count({ where: { email: late.email } })).toBe(0);
    // The same person from another address goes on.
    const made = await create(latePending, "192.0.2.77", late.email!);
    expect((made as Response).status).toBe(302);
  });
});

describe("linking to an existing account", () => {
  it("never by email, verified or not: only after signing in with the account's password", async () => {
    const existing = await createUser();
    for (const verified of [false, true]) {
      const person = testUser({ email: existing.email, email_verified: verified });
      users.push(person);
      const response = (await signIn("spid", person)).result as Response;
      expect(response.headers.get("location")).toBe("/accedi/completa");
      expect(cookiesSet(response).forma_session).toBeUndefined();
      expect(await prisma.userIdentity.count({ where: { userId: existing.id } })).toBe(0);
      const pending = `forma_oidc_pending=${cookiesSet(response).forma_oidc_pending}`;

      // Creating an account with that email is refused: it belongs to someone.
      const taken = await run(completeRoute.action as Handler, `${ORIGIN}/accedi/completa`, {
        cookie: pending,
        form: profile(existing.email),
      });
      expect(statusOf(taken)).toBe(409);

      // A wrong password links nothing.
      const wrong = await run(completeRoute.action as Handler, `${ORIGIN}/accedi/completa`, {
        cookie: pending,
        form: { intent: "collega", email: existing.email, password: "sbagliata-2026" },
      });
      expect(statusOf(wrong)).toBe(400);
      expect(await prisma.userIdentity.count({ where: { userId: existing.id } })).toBe(0);

      if (!verified) continue; // the first identity stays unlinked; the second proves control below
      const linked = (await run(completeRoute.action as Handler, `${ORIGIN}/accedi/completa`, {
        cookie: pending,
        form: { intent: "collega", email: existing.email, password: TEST_PASSWORD },
      })) as Response;
      expect(linked.status).toBe(302);
      expect(cookiesSet(linked).forma_session).toBeTruthy();
      const account = await prisma.user.findUniqueOrThrow({
        where: { id: existing.id },
        include: { identities: true },
      });
      expect(account.identities.map((i) => i.subject)).toEqual([person.id]);
      expect(account.fiscalCode).toBe(person.fiscal_number!.slice(6));
      // Linked with the password on a first sign-in's page: audited and told to the account's address as well.
      expect(await prisma.auditLog.count({ where: { entityId: existing.id, action: "identita-collegata" } })).toBe(1);
      expect(await prisma.notification.count({ where: { userId: existing.id, kind: "identita-collegata" } })).toBe(1);
      // From now on the identity signs this account in.
      const next = (await signIn("spid", person)).result as Response;
      const sessionId = await prisma.userSession.count({ where: { userId: existing.id } });
      expect(next.headers.get("location")).toBe("/le-mie-iscrizioni");
      expect(sessionId).toBe(2);
    }
  });

  it("a signed-in person links another provider from /profilo/accessi with the password and can unlink it; both are audited and told by email", async () => {
    const owner = await createUser();
    const cookie = await cookieOf(owner.id);
    const person = testUser({ email: undefined });
    users.push(person);
    const { started, result } = await linkFromProfile("cie", person, cookie, { currentPassword: TEST_PASSWORD });
    expect((started as Response).status).toBe(302);
    const response = result as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/profilo/accessi?collegato=cie");
    const page = bodyOf<{ identities: { id: string; provider: string }[]; fiscalCode: string }>(
      await run(identitiesRoute.loader as Handler, ACCESSI, { cookie }),
    );
    expect(page.identities.map((i) => i.provider)).toEqual(["cie"]);
    expect(page.fiscalCode).toBe(person.fiscal_number!.slice(6));
    // In the account's history, and told to its address (a lasting way in, as a change of address is).
    const audit = (action: string) =>
      prisma.auditLog.findMany({
        where: { entityType: "user", entityId: owner.id, action },
        select: { actorId: true, details: true },
      });
    expect(await audit("identita-collegata")).toEqual([
      { actorId: owner.id, details: JSON.stringify({ provider: "cie" }) },
    ]);
    const notices = (kind: string) =>
      prisma.notification.findMany({ where: { userId: owner.id, kind }, select: { payload: true, dedupeKey: true } });
    expect(await notices("identita-collegata")).toEqual([
      {
        payload: JSON.stringify({ provider: "cie", providerLabel: "Entra con CIE" }),
        dedupeKey: `identita-collegata:${page.identities[0]!.id}`,
      },
    ]);

    // The same identity cannot join a second account, whose owner gave its password too.
    const other = await createUser();
    const stolen = (await linkFromProfile("cie", person, await cookieOf(other.id), { currentPassword: TEST_PASSWORD }))
      .result;
    expect(statusOf(stolen)).toBe(409);
    expect(reasonOf(stolen)).toBe("identity-taken");
    expect(await prisma.notification.count({ where: { userId: other.id, kind: "identita-collegata" } })).toBe(0);

    // Someone else cannot unlink it, even with their own password; the owner can, with hers (the account
    // still has its password).
    const foreign = await run(identitiesRoute.action as Handler, ACCESSI, {
      cookie: await cookieOf(other.id),
      form: { intent: "scollega", identityId: page.identities[0]!.id, currentPassword: TEST_PASSWORD },
    });
    expect(statusOf(foreign)).toBe(404);
    expect(await prisma.auditLog.count({ where: { entityId: other.id, action: "identita-scollegata" } })).toBe(0);
    const unlinked = await run(identitiesRoute.action as Handler, ACCESSI, {
      cookie,
      form: { intent: "scollega", identityId: page.identities[0]!.id, currentPassword: TEST_PASSWORD },
    });
    expect(statusOf(unlinked)).toBe(200);
    expect(await prisma.userIdentity.count({ where: { userId: owner.id } })).toBe(0);
    expect(await audit("identita-scollegata")).toEqual([
      { actorId: owner.id, details: JSON.stringify({ provider: "cie" }) },
    ]);
    expect(await notices("identita-scollegata")).toEqual([
      {
        payload: JSON.stringify({ provider: "cie", providerLabel: "Entra con CIE" }),
        dedupeKey: `identita-scollegata:${page.identities[0]!.id}`,
      },
    ]);
  });

  it("a session alone links nothing (a borrowed browser): no password, a wrong one, the old start, or a flow started by another account", async () => {
    // Before, POST /auth/oidc/<id> with intent "collega" needed only a session: whoever sat at a signed-in
    // browser linked their own SPID to the account, a way in that outlived a change of password.
    const owner = await createUser();
    const cookie = await cookieOf(owner.id);
    const borrower = testUser();
    users.push(borrower);
    const untouched = async () => {
      expect(await prisma.userIdentity.count({ where: { userId: owner.id } })).toBe(0);
      expect((await prisma.user.findUniqueOrThrow({ where: { id: owner.id } })).fiscalCode).toBeNull();
      expect(await prisma.notification.count({ where: { userId: owner.id, kind: "identita-collegata" } })).toBe(0);
    };

    // The page's form without the password, or with a wrong one: no flow starts.
    const bare = await linkFromProfile("spid", borrower, cookie, {});
    expect(statusOf(bare.started)).toBe(400);
    expect(flowOf(bare.started)).toBeUndefined();
    const wrong = await linkFromProfile("spid", borrower, cookie, { currentPassword: "sbagliata-2026" });
    expect(statusOf(wrong.started)).toBe(400);
    expect(flowOf(wrong.started)).toBeUndefined();
    // An account with a password does not take the identity's way round it.
    const byIdentity = await linkFromProfile("spid", borrower, cookie, { intent: "collega-by-identity" });
    expect(statusOf(byIdentity.started)).toBe(403);

    // The start route no longer starts a link: it is refused as an unknown intent.
    const old = await run(
      startRoute.action as Handler,
      `${ORIGIN}/auth/oidc/spid`,
      { cookie, form: { intent: "collega", redirectTo: "/profilo/accessi" } },
      { provider: "spid" },
    );
    expect(statusOf(old)).toBe(400);
    await untouched();

    // A flow the borrower started for an account of their own, with its password, carried into the owner's
    // signed-in browser: the callback links only to the account the flow names.
    const own = await createUser();
    const carried = await linkFromProfile(
      "spid",
      borrower,
      await cookieOf(own.id),
      { currentPassword: TEST_PASSWORD },
      { callbackCookie: cookie },
    );
    expect(statusOf(carried.result)).toBe(403);
    expect(reasonOf(carried.result)).toBe("link-not-confirmed");
    await untouched();
    expect(await prisma.userIdentity.count({ where: { userId: own.id } })).toBe(0);

    // A flow cookie that names no account (started before this change): nothing either.
    const { url, setCookie } = await startOidcSignIn(providerById("spid")!, "collega", "/profilo/accessi");
    const answer = await signInAtProvider(url, borrower.id, callbackUrl("spid"));
    const unnamed = await callback("spid", answer, cookieHeader(cookie, setCookie.split(";")[0]));
    expect(statusOf(unnamed)).toBe(403);
    await untouched();
  });

  it("an account without a password links another identity after signing in again with one it has", async () => {
    const person = testUser();
    const sameOnCie = testUser({ fiscal_number: person.fiscal_number });
    users.push(person, sameOnCie);
    const { session } = await accountMadeWithSpid(person);
    const user = await prisma.user.findUniqueOrThrow({ where: { email: person.email } });
    type Page = { identityConfirmation: { providers: { id: string }[]; confirmed: boolean } | null };
    const pageOf = async (cookie: string) =>
      bodyOf<Page>(await run(identitiesRoute.loader as Handler, ACCESSI, { cookie })).identityConfirmation;
    expect(await pageOf(session)).toEqual({ providers: [{ id: "spid", label: "Entra con SPID" }], confirmed: false });

    // Not on the session alone; and there is no password to give.
    const unconfirmed = await linkFromProfile("cie", sameOnCie, session, { intent: "collega-by-identity" });
    expect(statusOf(unconfirmed.started)).toBe(403);
    expect(flowOf(unconfirmed.started)).toBeUndefined();
    const withPassword = await linkFromProfile("cie", sameOnCie, session, { currentPassword: "qualsiasi-2026" });
    expect(statusOf(withPassword.started)).toBe(403);
    expect(await prisma.userIdentity.count({ where: { userId: user.id } })).toBe(1);

    // Signed in again with its own SPID (ADR 0082), back to this page: the proof unlocks one link.
    const confirmed = (
      await signIn("spid", person, { cookie: session, intent: "conferma", redirectTo: "/profilo/accessi" })
    ).result as Response;
    expect(confirmed.headers.get("location")).toBe("/profilo/accessi");
    const withProof = cookieHeader(session, `forma_reauth=${cookiesSet(confirmed).forma_reauth}`);
    expect((await pageOf(withProof))?.confirmed).toBe(true);
    const { started, result } = await linkFromProfile("cie", sameOnCie, withProof, { intent: "collega-by-identity" });
    // The proof is spent as the flow starts: another link asks again.
    expect((started as Response).headers.getSetCookie().find((c) => c.startsWith("forma_reauth="))).toMatch(
      /Max-Age=0/i,
    );
    expect((result as Response).headers.get("location")).toBe("/profilo/accessi?collegato=cie");
    const identities = await prisma.userIdentity.findMany({ where: { userId: user.id }, orderBy: { linkedAt: "asc" } });
    expect(identities.map((i) => i.provider)).toEqual(["spid", "cie"]);
    expect(await prisma.notification.count({ where: { userId: user.id, kind: "identita-collegata" } })).toBe(1);
  });

  it("an account whose address is not confirmed links no identity: not from the profile, not from /accedi/completa", async () => {
    // Someone may sign up with another person's address and a password of their own. An identity they linked
    // before the owner of the mailbox confirmed it stayed after her password reset (the reset drops identities only
    // from an account it confirms), and signed them into the account she then used.
    const account = await createUser({ emailVerifiedAt: null });
    const cookie = await cookieOf(account.id);
    const theirs = testUser();
    users.push(theirs);
    const none = async () => {
      expect(await prisma.userIdentity.count({ where: { userId: account.id } })).toBe(0);
      expect((await prisma.user.findUniqueOrThrow({ where: { id: account.id } })).fiscalCode).toBeNull();
    };
    expect(
      bodyOf<{ emailConfirmed: boolean }>(await run(identitiesRoute.loader as Handler, ACCESSI, { cookie }))
        .emailConfirmed,
    ).toBe(false);

    // From the profile, even with the right password: refused before the provider, with the reason.
    const refused = await linkFromProfile("spid", theirs, cookie, { currentPassword: TEST_PASSWORD });
    expect(statusOf(refused.started)).toBe(409);
    expect(flowOf(refused.started)).toBeUndefined();
    expect(JSON.stringify(bodyOf(refused.started))).toContain("Conferma prima il tuo indirizzo email");
    // A flow that reaches the callback all the same (started for this account) links nothing either.
    const { url, setCookie } = await startOidcSignIn(providerById("spid")!, "collega", "/profilo/accessi", {
      userId: account.id,
    });
    const answer = await signInAtProvider(url, theirs.id, callbackUrl("spid"));
    const late = await callback("spid", answer, cookieHeader(cookie, setCookie.split(";")[0]));
    expect(statusOf(late)).toBe(409);
    expect(reasonOf(late)).toBe("email-unconfirmed");
    await none();

    // From a first sign-in's page, with the account's email and password: the same refusal, and no session.
    const pending = (await signIn("spid", theirs)).result as Response;
    const completed = await run(completeRoute.action as Handler, `${ORIGIN}/accedi/completa`, {
      cookie: `forma_oidc_pending=${cookiesSet(pending).forma_oidc_pending}`,
      form: { intent: "collega", email: account.email, password: TEST_PASSWORD },
    });
    expect(statusOf(completed)).toBe(409);
    expect(JSON.stringify(bodyOf(completed))).toContain("Conferma prima il tuo indirizzo email");
    await none();

    // Once the address is confirmed, its owner links with the password as anyone.
    await prisma.user.update({ where: { id: account.id }, data: { emailVerifiedAt: new Date() } });
    const linked = await linkFromProfile("spid", theirs, cookie, { currentPassword: TEST_PASSWORD });
    expect((linked.result as Response).headers.get("location")).toBe("/profilo/accessi?collegato=spid");
  });

  it("an account made with an identity whose address is not confirmed yet keeps it and its confirmation, and links another only once confirmed", async () => {
    // The account was created by that identity (ADR 0014): it stays, and still confirms its owner (ADR 0082), so the
    // owner can correct a mistyped address or close the account. A second identity waits for the address.
    const person = testUser({ email_verified: false });
    const sameOnCie = testUser({ fiscal_number: person.fiscal_number });
    users.push(person, sameOnCie);
    const { session } = await accountMadeWithSpid(person);
    const user = await prisma.user.findUniqueOrThrow({ where: { email: person.email } });
    expect(user.emailVerifiedAt).toBeNull();
    const confirmed = (
      await signIn("spid", person, { cookie: session, intent: "conferma", redirectTo: "/profilo/accessi" })
    ).result as Response;
    expect(confirmed.status).toBe(302);
    const withProof = cookieHeader(session, `forma_reauth=${cookiesSet(confirmed).forma_reauth}`);
    const refused = await linkFromProfile("cie", sameOnCie, withProof, { intent: "collega-by-identity" });
    expect(statusOf(refused.started)).toBe(409);
    expect(await prisma.userIdentity.count({ where: { userId: user.id } })).toBe(1);

    await prisma.user.update({ where: { id: user.id }, data: { emailVerifiedAt: new Date() } });
    const linked = await linkFromProfile("cie", sameOnCie, withProof, { intent: "collega-by-identity" });
    expect((linked.result as Response).headers.get("location")).toBe("/profilo/accessi?collegato=cie");
    expect(await prisma.userIdentity.count({ where: { userId: user.id } })).toBe(2);
  });

  it("a session alone unlinks nothing (a borrowed browser): no password, a wrong one, or the identity's way round it", async () => {
    // Before, the session alone unlinked: whoever sat at a signed-in browser removed the owner's SPID.
    const owner = await createUser();
    const cookie = await cookieOf(owner.id);
    const person = testUser();
    users.push(person);
    await linkFromProfile("spid", person, cookie, { currentPassword: TEST_PASSWORD });
    const identity = await prisma.userIdentity.findFirstOrThrow({ where: { userId: owner.id } });
    const unlink = (form: Record<string, string>) =>
      run(identitiesRoute.action as Handler, ACCESSI, { cookie, form: { identityId: identity.id, ...form } });
    const untouched = async () => {
      expect(await prisma.userIdentity.count({ where: { id: identity.id } })).toBe(1);
      expect(await prisma.notification.count({ where: { userId: owner.id, kind: "identita-scollegata" } })).toBe(0);
    };

    const bare = await unlink({ intent: "scollega" });
    expect(statusOf(bare)).toBe(400);
    await untouched();
    // A wrong password: said under the field, nothing unlinked, the identity still offered.
    const wrong = await unlink({ intent: "scollega", currentPassword: "sbagliata-2026" });
    expect(statusOf(wrong)).toBe(400);
    expect(JSON.stringify(bodyOf(wrong))).toContain("La password attuale non è corretta.");
    await untouched();
    // An account with a password does not take the identity's way round it.
    const byIdentity = await unlink({ intent: "scollega-by-identity" });
    expect(statusOf(byIdentity)).toBe(403);
    await untouched();
    const page = bodyOf<{ identities: unknown[] }>(await run(identitiesRoute.loader as Handler, ACCESSI, { cookie }));
    expect(page).toMatchObject({ identities: [expect.objectContaining({ id: identity.id, unlinkable: true })] });

    const done = await unlink({ intent: "scollega", currentPassword: TEST_PASSWORD });
    expect(statusOf(done)).toBe(200);
    expect(await prisma.userIdentity.count({ where: { id: identity.id } })).toBe(0);
  });

  it("an account without a password unlinks an identity after signing in again with one it has, never the last", async () => {
    const person = testUser();
    const sameOnCie = testUser({ fiscal_number: person.fiscal_number });
    users.push(person, sameOnCie);
    const { session } = await accountMadeWithSpid(person);
    const user = await prisma.user.findUniqueOrThrow({ where: { email: person.email } });
    const confirmAgain = async () => {
      const confirmed = (
        await signIn("spid", person, { cookie: session, intent: "conferma", redirectTo: "/profilo/accessi" })
      ).result as Response;
      return cookieHeader(session, `forma_reauth=${cookiesSet(confirmed).forma_reauth}`);
    };
    await linkFromProfile("cie", sameOnCie, await confirmAgain(), { intent: "collega-by-identity" });
    const cieIdentity = await prisma.userIdentity.findFirstOrThrow({ where: { userId: user.id, provider: "cie" } });
    const spidIdentity = await prisma.userIdentity.findFirstOrThrow({ where: { userId: user.id, provider: "spid" } });
    const unlink = (cookie: string, form: Record<string, string>) =>
      run(identitiesRoute.action as Handler, ACCESSI, { cookie, form });

    // Not on the session alone; and there is no password to give.
    const unconfirmed = await unlink(session, { intent: "scollega-by-identity", identityId: cieIdentity.id });
    expect(statusOf(unconfirmed)).toBe(403);
    const withPassword = await unlink(session, {
      intent: "scollega",
      identityId: cieIdentity.id,
      currentPassword: "qualsiasi-2026",
    });
    expect(statusOf(withPassword)).toBe(403);
    expect(await prisma.userIdentity.count({ where: { userId: user.id } })).toBe(2);

    // Signed in again with its own SPID: the proof unlocks one unlink, and is spent by it.
    const unlinked = await unlink(await confirmAgain(), { intent: "scollega-by-identity", identityId: cieIdentity.id });
    expect(statusOf(unlinked)).toBe(200);
    const spent = (unlinked as { init: { headers: Headers } }).init.headers.getSetCookie();
    expect(spent.find((c) => c.startsWith("forma_reauth="))).toMatch(/Max-Age=0/i);
    expect(await prisma.userIdentity.count({ where: { userId: user.id } })).toBe(1);
    expect(await prisma.notification.count({ where: { userId: user.id, kind: "identita-scollegata" } })).toBe(1);

    // The last way in stays, proof or not; the page says so instead of asking for one.
    const last = await unlink(await confirmAgain(), { intent: "scollega-by-identity", identityId: spidIdentity.id });
    expect(statusOf(last)).toBe(409);
    expect(await prisma.userIdentity.count({ where: { id: spidIdentity.id } })).toBe(1);
    expect(await prisma.notification.count({ where: { userId: user.id, kind: "identita-scollegata" } })).toBe(1);
    const page = bodyOf<{ identities: { unlinkable: boolean }[] }>(
      await run(identitiesRoute.loader as Handler, ACCESSI, { cookie: session }),
    );
    expect(page.identities.map((i) => i.unlinkable)).toEqual([false]);
  });

  it("two unlinks at once leave an account without a password its last way in", async () => {
    // The check ("not the last way in") was read before the deleting transaction: two unlinks at once both saw two
    // identities, and together removed both.
    const owner = await createUser();
    await prisma.password.delete({ where: { userId: owner.id } });
    const linked = await Promise.all(
      ["spid", "cie"].map((provider) =>
        prisma.userIdentity.create({
          data: { userId: owner.id, provider, issuer: `https://${provider}.example.it`, subject: unique("sub") },
        }),
      ),
    );
    const outcomes = await Promise.all(linked.map((identity) => unlinkIdentity(owner.id, identity.id)));
    expect(outcomes).toEqual(expect.arrayContaining([{ ok: true }, { ok: false, reason: "last-way-in" }]));
    expect(await prisma.userIdentity.count({ where: { userId: owner.id } })).toBe(1);
    expect(await prisma.notification.count({ where: { userId: owner.id, kind: "identita-scollegata" } })).toBe(1);
  });

  it("an identity whose codice fiscale belongs to another account cannot create a second account", async () => {
    const first = testUser();
    users.push(first);
    const r1 = (await signIn("spid", first)).result as Response;
    await run(completeRoute.action as Handler, `${ORIGIN}/accedi/completa`, {
      cookie: `forma_oidc_pending=${cookiesSet(r1).forma_oidc_pending}`,
      form: profile(first.email!),
    });
    const sameFiscal = testUser({ fiscal_number: first.fiscal_number });
    users.push(sameFiscal);
    const r2 = (await signIn("cie", sameFiscal)).result as Response;
    const refused = await run(completeRoute.action as Handler, `${ORIGIN}/accedi/completa`, {
      cookie: `forma_oidc_pending=${cookiesSet(r2).forma_oidc_pending}`,
      form: profile(`${unique("altro")}@example.it`),
    });
    expect(statusOf(refused)).toBe(409);
    expect(await prisma.user.count({ where: { fiscalCode: first.fiscal_number!.slice(6) } })).toBe(1);
  });
});

describe("an account that exists already, met at /accedi/completa", () => {
  type Completion = {
    fiscalCodeTaken: { message: string; withPassword: boolean; offerReset: boolean } | null;
    canLinkWithPassword: boolean;
  };
  const completion = async (pending: string) =>
    bodyOf<Completion>(await run(completeRoute.loader as Handler, `${ORIGIN}/accedi/completa`, { cookie: pending }));
  const pendingOf = (response: Response) => `forma_oidc_pending=${cookiesSet(response).forma_oidc_pending}`;

  it("holding the codice fiscale without a password: told on arrival to sign in with its identity and link this one from the profile", async () => {
    // She made her account with CIE (no password); months later she presses SPID.
    const person = testUser();
    users.push(person);
    const madeWithCie = (await signIn("cie", person)).result as Response;
    await run(completeRoute.action as Handler, `${ORIGIN}/accedi/completa`, {
      cookie: pendingOf(madeWithCie),
      form: profile(person.email!),
    });
    const account = await prisma.user.findUniqueOrThrow({
      where: { email: person.email },
      include: { password: true },
    });
    expect(account.password).toBeNull();
    const withSpid = (await signIn("spid", person)).result as Response;
    expect(withSpid.headers.get("location")).toBe("/accedi/completa");
    const pending = pendingOf(withSpid);

    // Before the form: no "with its password", which she does not have; CIE named, the profile's page named.
    const page = await completion(pending);
    expect(page.fiscalCodeTaken).toEqual({
      withPassword: false,
      offerReset: false,
      message: expect.stringContaining("dal pulsante «Entra con CIE» della pagina di accesso"),
    });
    expect(page.fiscalCodeTaken!.message).toContain(
      "collega anche «Entra con SPID» da «Il mio profilo › Modi di accesso»",
    );
    expect(page.fiscalCodeTaken!.message).not.toContain("password");

    // A form sent all the same (a stale page) gets the same answer, and nothing is made.
    const refused = await run(completeRoute.action as Handler, `${ORIGIN}/accedi/completa`, {
      cookie: pending,
      form: profile(`${unique("altra")}@example.it`),
    });
    expect(statusOf(refused)).toBe(409);
    expect(JSON.stringify(bodyOf(refused))).toContain("dal pulsante «Entra con CIE»");
    expect(JSON.stringify(bodyOf(refused))).not.toContain("sua password");
    expect(await prisma.user.count({ where: { fiscalCode: person.fiscal_number!.slice(6) } })).toBe(1);
    // (The way the page gives, CIE then /profilo/accessi, is "an account without a password links another identity…".)
  });

  it("holding the codice fiscale with a password: the password form is offered, and links it", async () => {
    const person = testUser();
    users.push(person);
    const holder = await createUser();
    await prisma.user.update({ where: { id: holder.id }, data: { fiscalCode: person.fiscal_number!.slice(6) } });
    const pending = pendingOf((await signIn("spid", person)).result as Response);
    const page = await completion(pending);
    expect(page.fiscalCodeTaken).toEqual({
      withPassword: true,
      offerReset: false,
      message:
        "Esiste già un account Forma con il tuo codice fiscale. Collegalo qui sotto accedendo con la sua password.",
    });
    const linked = (await run(completeRoute.action as Handler, `${ORIGIN}/accedi/completa`, {
      cookie: pending,
      form: { intent: "collega", email: holder.email, password: TEST_PASSWORD },
    })) as Response;
    expect(linked.status).toBe(302);
    expect(await prisma.userIdentity.count({ where: { userId: holder.id, subject: person.id } })).toBe(1);
  });

  it("an address whose account has no password: the answer says to sign in with the identity, not with a password", async () => {
    const first = testUser();
    users.push(first);
    await accountMadeWithSpid(first);
    const other = testUser();
    users.push(other);
    const pending = pendingOf((await signIn("cie", other)).result as Response);
    expect((await completion(pending)).fiscalCodeTaken).toBeFalsy();
    const refused = await run(completeRoute.action as Handler, `${ORIGIN}/accedi/completa`, {
      cookie: pending,
      form: profile(first.email!),
    });
    expect(statusOf(refused)).toBe(409);
    const answer = JSON.stringify(bodyOf(refused));
    expect(answer).toContain(
      "Se è tuo, accedi con l'identità digitale che usi di solito e collega «Entra con CIE» da «Il mio profilo › Modi di accesso»",
    );
    expect(answer).not.toContain("sua password");
    // An address whose account has a password keeps the answer that points to the password form.
    const withPassword = await createUser();
    const second = await run(completeRoute.action as Handler, `${ORIGIN}/accedi/completa`, {
      cookie: pending,
      form: profile(withPassword.email),
    });
    expect(JSON.stringify(bodyOf(second))).toContain("collegalo qui sotto accedendo con la sua password");
  });
});

describe("a closed account", () => {
  it("keeps no digital identity or codice fiscale: SPID no longer signs it in, and the person may start afresh", async () => {
    const person = testUser();
    users.push(person);
    await accountMadeWithSpid(person);
    const user = await prisma.user.findUniqueOrThrow({ where: { email: person.email } });
    expect(await closeAccount(user.id, user.id)).toEqual({ ok: true, releasedPlaces: 0 });

    const closed = await prisma.user.findUniqueOrThrow({ where: { id: user.id }, include: { identities: true } });
    expect(closed.fiscalCode).toBeNull();
    expect(closed.identities).toEqual([]);

    // Signing in with the same SPID identity does not reopen the closed account: it is a first sign-in.
    const again = (await signIn("spid", person)).result as Response;
    expect(again.status).toBe(302);
    expect(again.headers.get("location")).toBe("/accedi/completa");
    expect(cookiesSet(again).forma_session).toBeUndefined();
    expect(await prisma.userSession.count({ where: { userId: user.id } })).toBe(0);

    const fresh = (await run(completeRoute.action as Handler, `${ORIGIN}/accedi/completa`, {
      cookie: `forma_oidc_pending=${cookiesSet(again).forma_oidc_pending}`,
      form: profile(person.email!),
    })) as Response;
    expect(fresh.status).toBe(302);
    const reopened = await prisma.user.findUniqueOrThrow({ where: { email: person.email } });
    expect(reopened.id).not.toBe(user.id);
    expect(reopened.fiscalCode).toBe(person.fiscal_number!.slice(6));
  });
});

describe("closing an account that has no password", () => {
  it("is confirmed by signing in again with one of its own identities, not with a password it does not have", async () => {
    // Before, /profilo/chiudi asked every account for its current password: an account made with SPID
    // has none, so its owner could not close it (with PASSWORD_SIGN_IN=off, no one could).
    const person = testUser();
    const stranger = testUser();
    users.push(person, stranger);
    const { session } = await accountMadeWithSpid(person);
    const user = await prisma.user.findUniqueOrThrow({ where: { email: person.email }, include: { password: true } });
    expect(user.password).toBeNull();
    const closeUrl = `${ORIGIN}/profilo/chiudi`;
    const page = bodyOf<{ identities: { id: string; label: string }[] | null; confirmed: boolean }>(
      await run(closeRoute.loader as Handler, closeUrl, { cookie: session }),
    );
    expect(page).toMatchObject({ identities: [{ id: "spid", label: "Entra con SPID" }], confirmed: false });

    // Not without confirming: the session alone (a borrowed browser) does not close the account.
    const unconfirmed = await run(closeRoute.action as Handler, closeUrl, { cookie: session, form: { confirm: "on" } });
    expect(statusOf(unconfirmed)).toBe(403);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).closedAt).toBeNull();

    // Someone else's identity confirms nothing.
    const foreign = (
      await signIn("spid", stranger, { cookie: session, intent: "conferma", redirectTo: "/profilo/chiudi" })
    ).result;
    expect(statusOf(foreign)).toBe(409);
    expect(reasonOf(foreign)).toBe("not-this-account");
    const foreignHeaders = new Headers((foreign as { init?: { headers?: HeadersInit } }).init?.headers);
    expect(foreignHeaders.getSetCookie().join("\n")).not.toContain("forma_reauth=");

    // The account's own identity, signed in again at the provider, does.
    const { result, answer } = await signIn("spid", person, {
      cookie: session,
      intent: "conferma",
      redirectTo: "/profilo/chiudi",
    });
    const confirmed = result as Response;
    expect(confirmed.status).toBe(302);
    expect(confirmed.headers.get("location")).toBe("/profilo/chiudi");
    const proof = cookiesSet(confirmed).forma_reauth;
    expect(proof).toBeTruthy();
    expect(answer.searchParams.get("code")).toBeTruthy();
    const withProof = cookieHeader(session, `forma_reauth=${proof}`);
    expect(
      bodyOf<{ confirmed: boolean }>(await run(closeRoute.loader as Handler, closeUrl, { cookie: withProof }))
        .confirmed,
    ).toBe(true);

    // The proof is this session's: another session of the same account cannot use it.
    const other = (await signIn("spid", person)).result as Response;
    const otherSession = `forma_session=${cookiesSet(other).forma_session}`;
    const elsewhere = await run(closeRoute.action as Handler, closeUrl, {
      cookie: cookieHeader(otherSession, `forma_reauth=${proof}`),
      form: { confirm: "on" },
    });
    expect(statusOf(elsewhere)).toBe(403);

    const closed = await run(closeRoute.action as Handler, closeUrl, { cookie: withProof, form: { confirm: "on" } });
    expect((closed as Response).headers.get("Location")).toBe("/profilo/chiudi");
    const after = await prisma.user.findUniqueOrThrow({ where: { id: user.id }, include: { identities: true } });
    expect(after.closedAt).not.toBeNull();
    expect(after.identities).toEqual([]);
  });

  it("asks the provider for a new authentication, not the session it may still have open", async () => {
    const user = await createUser();
    const { authorizationUrl } = await begin("spid", { cookie: await cookieOf(user.id), intent: "conferma" });
    const url = new URL(authorizationUrl);
    expect(url.searchParams.get("prompt")).toBe("login");
    expect(url.searchParams.get("max_age")).toBe("300");
  });
});

describe("changing the address of an account that has no password", () => {
  it("is confirmed by signing in again with its own identity; the password section says there is none", async () => {
    // Before, /profilo's email form asked every account for its current password: an account made with
    // SPID has none, so its owner could never change the address Forma writes to.
    const person = testUser();
    users.push(person);
    const { session } = await accountMadeWithSpid(person);
    const profileUrl = `${ORIGIN}/profilo`;
    type Page = { identityConfirmation: { providers: { id: string }[]; confirmed: boolean } | null };
    const page = bodyOf<Page>(await run(profileRoute.loader as Handler, profileUrl, { cookie: session }));
    expect(page.identityConfirmation).toMatchObject({ providers: [{ id: "spid" }], confirmed: false });
    const newEmail = `${unique("nuovo")}@scuola.example.it`;

    // Not on the session alone.
    const unconfirmed = await run(profileRoute.action as Handler, profileUrl, {
      cookie: session,
      form: { intent: "email-by-identity", newEmail },
    });
    expect(statusOf(unconfirmed)).toBe(403);
    expect(await prisma.accountToken.count({ where: { newEmail } })).toBe(0);

    const confirmed = (await signIn("spid", person, { cookie: session, intent: "conferma", redirectTo: "/profilo" }))
      .result as Response;
    expect(confirmed.headers.get("location")).toBe("/profilo");
    const withProof = cookieHeader(session, `forma_reauth=${cookiesSet(confirmed).forma_reauth}`);
    expect(
      bodyOf<Page>(await run(profileRoute.loader as Handler, profileUrl, { cookie: withProof })).identityConfirmation
        ?.confirmed,
    ).toBe(true);
    const asked = (await run(profileRoute.action as Handler, profileUrl, {
      cookie: withProof,
      form: { intent: "email-by-identity", newEmail },
    })) as Response;
    expect(asked.status).toBe(302);
    expect(asked.headers.get("location")).toBe("/profilo?fatto=email#email-titolo");
    // The link goes to the new address; the proof is spent.
    expect(await prisma.accountToken.count({ where: { newEmail, purpose: "cambio-email", usedAt: null } })).toBe(1);
    expect(asked.headers.getSetCookie().find((c) => c.startsWith("forma_reauth="))).toMatch(/Max-Age=0/i);

    // An account with a password cannot take this way round its password.
    const withPasswordUser = await createUser();
    const refused = await run(profileRoute.action as Handler, profileUrl, {
      cookie: cookieHeader(await cookieOf(withPasswordUser.id), `forma_reauth=${cookiesSet(confirmed).forma_reauth}`),
      form: { intent: "email-by-identity", newEmail: `${unique("altro")}@scuola.example.it` },
    });
    expect(statusOf(refused)).toBe(403);
    expect(
      bodyOf<Page>(
        await run(profileRoute.loader as Handler, profileUrl, { cookie: await cookieOf(withPasswordUser.id) }),
      ).identityConfirmation,
    ).toBeNull();
  });
});

describe("refusals", () => {
  const signedInPerson = async () => {
    const person = testUser();
    users.push(person);
    return person;
  };

  it("a tampered state", async () => {
    const person = await signedInPerson();
    const { authorizationUrl, flowCookie } = await begin("spid");
    const answer = await signInAtProvider(authorizationUrl, person.id, callbackUrl("spid"));
    answer.searchParams.set("state", `${answer.searchParams.get("state")}x`);
    const result = await callback("spid", answer, flowCookie);
    expect(statusOf(result)).toBe(400);
    expect(reasonOf(result)).toBe("state");
    expect(await prisma.pendingIdentity.count({ where: { subject: person.id } })).toBe(0);
  });

  it("a callback without this browser's flow cookie", async () => {
    const person = await signedInPerson();
    const { authorizationUrl } = await begin("spid");
    const answer = await signInAtProvider(authorizationUrl, person.id, callbackUrl("spid"));
    const result = await callback("spid", answer, "");
    expect(statusOf(result)).toBe(400);
    expect(reasonOf(result)).toBe("transaction");
    // A flow cookie of another provider does not fit either.
    const other = await begin("cie");
    expect(reasonOf(await callback("spid", answer, other.flowCookie))).toBe("transaction");
  });

  it("a signed flow cookie of another shape: a flow to start again (400), not an unreachable provider (503)", async () => {
    // Found by the hostile-input fuzz: a verifier or nonce missing from a cookie this server signed (an older
    // writer, a bug) made openid-client throw a TypeError, classified as "unavailable".
    const person = await signedInPerson();
    const { authorizationUrl, flowCookie } = await begin("spid");
    const answer = await signInAtProvider(authorizationUrl, person.id, callbackUrl("spid"));
    const transaction = (await getTransactionCookie().parse(flowCookie)) as Record<string, unknown>;
    for (const broken of [
      { ...transaction, verifier: null, nonce: null },
      { ...transaction, verifier: null },
      { ...transaction, nonce: undefined },
      { ...transaction, intent: "__proto__" },
      { ...transaction, state: [transaction.state] },
    ]) {
      const cookie = (await getTransactionCookie().serialize(broken)).split(";")[0]!;
      const result = await callback("spid", answer, cookie);
      expect(statusOf(result)).toBe(400);
      expect(reasonOf(result)).toBe("transaction");
    }
    // The genuine cookie still signs the answer in: the code was never sent with the broken ones.
    expect(statusOf(await callback("spid", answer, flowCookie))).toBe(302);
    expect(await prisma.pendingIdentity.count({ where: { subject: person.id } })).toBe(1);
  });

  it("a replayed code", async () => {
    const owner = await createUser();
    const person = await signedInPerson();
    await linkFromProfile("spid", person, await cookieOf(owner.id), { currentPassword: TEST_PASSWORD });
    const first = await signIn("spid", person);
    expect((first.result as Response).headers.get("location")).toBe("/le-mie-iscrizioni");
    const sessions = await prisma.userSession.count({ where: { userId: owner.id } });
    const replay = await callback("spid", first.answer, first.flowCookie);
    expect(statusOf(replay)).toBe(400);
    expect(reasonOf(replay)).toBe("code");
    expect(await prisma.userSession.count({ where: { userId: owner.id } })).toBe(sessions);
  });

  it("a wrong nonce", async () => {
    const person = await signedInPerson();
    const { authorizationUrl, flowCookie } = await begin("spid");
    const forged = new URL(authorizationUrl);
    forged.searchParams.set("nonce", "a-nonce-this-browser-never-sent");
    const answer = await signInAtProvider(forged.href, person.id, callbackUrl("spid"));
    const result = await callback("spid", answer, flowCookie);
    expect(statusOf(result)).toBe(400);
    expect(reasonOf(result)).toBe("nonce");
  });

  it("an expired ID token", async () => {
    const person = await signedInPerson();
    const { result } = await signIn("lento", person);
    expect(statusOf(result)).toBe(400);
    expect(reasonOf(result)).toBe("expired");
    expect(await prisma.pendingIdentity.count({ where: { subject: person.id } })).toBe(0);
  }, 30_000);

  it("an unknown issuer: in the answer, in discovery, or a provider that is not configured", async () => {
    const person = await signedInPerson();
    const { authorizationUrl, flowCookie } = await begin("spid");
    const answer = await signInAtProvider(authorizationUrl, person.id, callbackUrl("spid"));
    answer.searchParams.set("iss", cie.issuer);
    const result = await callback("spid", answer, flowCookie);
    expect(statusOf(result)).toBe(400);
    expect(reasonOf(result)).toBe("issuer");

    const start = await run(
      startRoute.action as Handler,
      `${ORIGIN}/auth/oidc/falso`,
      { form: { intent: "accedi" } },
      { provider: "falso" },
    );
    expect(statusOf(start)).toBe(503);

    const unknown = await run(
      startRoute.action as Handler,
      `${ORIGIN}/auth/oidc/nessuno`,
      { form: { intent: "accedi" } },
      { provider: "nessuno" },
    );
    expect(statusOf(unknown)).toBe(404);
    expect(statusOf(await callback("nessuno", new URL(`${ORIGIN}/auth/oidc/nessuno/callback?code=x`), ""))).toBe(404);
  });

  it("the provider reporting an error (the person cancelled)", async () => {
    const { authorizationUrl, flowCookie } = await begin("spid");
    const answer = new URL(callbackUrl("spid"));
    answer.search = new URLSearchParams({
      error: "access_denied",
      state: new URL(authorizationUrl).searchParams.get("state")!,
      iss: spid.issuer,
    }).toString();
    const result = await callback("spid", answer, flowCookie);
    expect(statusOf(result)).toBe(400);
    expect(reasonOf(result)).toBe("cancelled");
  });
});

describe("signing out", () => {
  it("ends Forma's session and continues to the provider's end-session endpoint", async () => {
    const owner = await createUser();
    const person = testUser();
    users.push(person);
    await linkFromProfile("spid", person, await cookieOf(owner.id), { currentPassword: TEST_PASSWORD });
    const response = (await signIn("spid", person)).result as Response;
    const cookie = `forma_session=${cookiesSet(response).forma_session}`;
    const sessionsBefore = await prisma.userSession.count({ where: { userId: owner.id } });
    const out = (await run(signOutRoute.action as Handler, `${ORIGIN}/esci`, { cookie, form: {} })) as Response;
    expect(out.status).toBe(302);
    const location = new URL(out.headers.get("location")!);
    expect(`${location.origin}${location.pathname}`).toBe(`${spid.issuer}/session/end`);
    expect(location.searchParams.get("id_token_hint")).toBeTruthy();
    expect(location.searchParams.get("post_logout_redirect_uri")).toBe(`${ORIGIN}/eventi`);
    expect(await prisma.userSession.count({ where: { userId: owner.id } })).toBe(sessionsBefore - 1);
    // The provider accepts the request (its confirmation page, not an error).
    const confirm = await fetch(location, { redirect: "manual" });
    expect(confirm.status).toBe(200);

    // A password session signs out locally only.
    const local = (await run(signOutRoute.action as Handler, `${ORIGIN}/esci`, {
      cookie: await cookieOf(owner.id),
      form: {},
    })) as Response;
    expect(local.headers.get("location")).toBe("/eventi");
  });
});
