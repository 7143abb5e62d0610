// PASSWORD_SIGN_IN=off (ADR 0014): accounts sign in through an identity provider only, and the
// password pages do not exist: the sign-in page has no password form, the forgotten-password and
// reset pages answer 404 with a clear message, and their forms do nothing.
import { afterAll, describe, expect, it, vi } from "vitest";

// Before any module reads the environment (it is read once and cached).
vi.hoisted(() => {
  process.env.PASSWORD_SIGN_IN = "off";
  process.env.OIDC_PROVIDERS = JSON.stringify([
    { id: "spid", issuer: "https://id.example.it", clientId: "forma", clientSecret: "s", label: "Entra con SPID" },
  ]);
});

import { translator } from "../../app/i18n/i18n.tsx";
import type { MessageKey } from "../../app/i18n/messages.ts";
import * as loginRoute from "../../app/routes/accedi.tsx";
import * as forgotRoute from "../../app/routes/password-dimenticata.tsx";
import * as resetRoute from "../../app/routes/reimposta-password.$token.tsx";
import * as signupRoute from "../../app/routes/registrati.tsx";
import * as completeRoute from "../../app/routes/accedi_.completa.tsx";
import * as restoreRoute from "../../app/routes/ripristina-email.$token.tsx";
import { requestEmailChange } from "../../app/models/account.server.ts";
import { confirmEmailChange, requestPasswordReset } from "../../app/models/account-tokens.server.ts";
import { deliverDue } from "../../app/models/outbox.server.ts";
import { prisma } from "../../app/utils/db.server.ts";
import type { Mailer, OutgoingMail } from "../../app/utils/mailer.server.ts";
import { createUser, TEST_PASSWORD, unique } from "../support/factories.ts";
import { siteContacts } from "../../app/utils/site-contacts.server.ts";
import { pendingSignInCookie } from "../support/pending-identity.ts";
import { renderRoutePage, textOf } from "../support/render-route.ts";
import { bodyOf, callRoute, routeRequest, runRoute, type Handler } from "../support/routes.ts";

afterAll(async () => {
  await prisma.$disconnect();
});

const ORIGIN = "http://localhost";

async function statusAndText(handler: Handler, url: string, form?: Record<string, string>, params = {}) {
  const result = await callRoute(handler, routeRequest(url, form ? { form } : {}), params);
  expect(result).toBeInstanceOf(Response);
  const response = result as Response;
  return { status: response.status, text: await response.text() };
}

describe("with PASSWORD_SIGN_IN=off", () => {
  it("the sign-in page offers the providers and no password form; password sign-in and sign-up are refused", async () => {
    const page = (await callRoute(loginRoute.loader as Handler, routeRequest(`${ORIGIN}/accedi`, {}))) as {
      data?: unknown;
    };
    const body = (page.data ?? page) as { providers: { id: string }[]; passwordEnabled: boolean };
    expect(body.passwordEnabled).toBe(false);
    expect(body.providers.map((p) => p.id)).toEqual(["spid"]);
    const user = await createUser();
    const signIn = await statusAndText(loginRoute.action as Handler, `${ORIGIN}/accedi`, {
      email: user.email,
      password: TEST_PASSWORD,
    });
    expect(signIn.status).toBe(403);
    // A stale page's POST: the answer says why in both languages, and where to sign in instead.
    expect(signIn.text).toContain("L'accesso con password non è attivo su questo servizio");
    expect(signIn.text).toContain("Password sign-in is not available on this service");
    const signup = await callRoute(signupRoute.loader as Handler, routeRequest(`${ORIGIN}/registrati`, {}));
    expect((signup as Response).headers.get("Location")).toBe("/accedi");
    // A stale sign-up page's POST: a message key, which the error page says in the reader's language (review of
    // the English interface, 07/12/2026: an English page showed the generic text, the Italian sentence being Italian).
    const stale = await statusAndText(signupRoute.action as Handler, `${ORIGIN}/registrati`, { email: "x@y.it" });
    expect(stale).toEqual({ status: 403, text: "forbidden.passwordSignUpOff" });
    expect(translator("it")(stale.text as MessageKey)).toBe("La registrazione con password non è attiva.");
    expect(translator("en")(stale.text as MessageKey)).toBe("Signing up with a password is not available.");
  });

  it("/password-dimenticata answers 404 with a clear message and sends nothing", async () => {
    const user = await createUser();
    const page = await statusAndText(forgotRoute.loader as Handler, `${ORIGIN}/password-dimenticata`);
    expect(page.status).toBe(404);
    expect(page.text).toContain("L'accesso con password non è attivo su questo servizio");
    expect(page.text).toContain("/accedi");
    const post = await statusAndText(forgotRoute.action as Handler, `${ORIGIN}/password-dimenticata`, {
      email: user.email,
    });
    expect(post.status).toBe(404);
    expect(await prisma.accountToken.count({ where: { userId: user.id } })).toBe(0);
  });

  it("a reset link, even a valid one, answers 404 and leaves the password as it was", async () => {
    const user = await createUser();
    await requestPasswordReset(user.email);
    const note = await prisma.notification.findFirstOrThrow({ where: { userId: user.id, kind: "reimposta-password" } });
    const token = (JSON.parse(note.payload) as { token: string }).token;
    const url = `${ORIGIN}/reimposta-password/${token}`;
    expect((await statusAndText(resetRoute.loader as Handler, url, undefined, { token })).status).toBe(404);
    const post = await statusAndText(resetRoute.action as Handler, url, { password: "UnaNuova2027" }, { token });
    expect(post.status).toBe(404);
    const tokenRow = await prisma.accountToken.findFirstOrThrow({ where: { userId: user.id } });
    expect(tokenRow.usedAt).toBeNull();
  });
});

describe("with PASSWORD_SIGN_IN=off, an account that exists already at /accedi/completa", () => {
  /** A first sign-in with SPID of this codice fiscale, kept as the provider's callback keeps it: the pending cookie. */
  function pendingSpid(fiscalCode: string | null) {
    return pendingSignInCookie({ provider: "spid", issuer: "https://id.example.it", fiscalCode });
  }
  const profile = (email: string) => ({
    intent: "crea",
    firstName: "Luca",
    lastName: "Bianchi",
    email,
    schoolName: "IC Dante Alighieri",
    schoolLevel: "primaria",
    regionCode: "toscana",
    professionalRole: "docente",
  });

  it("its password does not work here: the page says so on arrival and offers no password form", async () => {
    const holder = await createUser();
    const fiscalCode = `RSSMRA80A01H${String(Math.floor(Math.random() * 900) + 100)}U`;
    await prisma.user.update({ where: { id: holder.id }, data: { fiscalCode } });
    await prisma.userIdentity.create({
      data: { userId: holder.id, provider: "cie", issuer: "https://cie.example.it", subject: unique("cie") },
    });
    const cookie = await pendingSpid(fiscalCode);
    const page = bodyOf<{ fiscalCodeTaken: { message: string; withPassword: boolean; offerReset: boolean } | null }>(
      await callRoute(completeRoute.loader as Handler, routeRequest(`${ORIGIN}/accedi/completa`, { cookie })),
    );
    expect(page.fiscalCodeTaken?.withPassword).toBe(false);
    // No reset where there is no password sign-in: the national unit is the way out, and no «Password dimenticata?».
    expect(page.fiscalCodeTaken?.offerReset).toBe(false);
    // Its one identity came through "cie", which this configuration does not offer: no button to send her to (it said
    // «cie», a button that does not exist), but why there is no way in and whom to write to (ADR 0014, 07/12/2026).
    expect(page.fiscalCodeTaken?.message).toContain(
      "ma vi si entrava con un fornitore di identità che Forma non offre più (cie) e ora non ha un modo di accesso che funzioni",
    );
    expect(page.fiscalCodeTaken?.message).toContain("ti aiuterà a collegare «Entra con SPID» al tuo account");
    expect(page.fiscalCodeTaken?.message).not.toContain("«cie»");
    expect(page.fiscalCodeTaken?.message).not.toContain("password");
  });

  it("an address whose account has a password: told to sign in with the identity, and the link form says the same", async () => {
    const holder = await createUser();
    const cookie = await pendingSpid(null);
    const refused = await runRoute(completeRoute.action as Handler, {
      url: `${ORIGIN}/accedi/completa`,
      cookie,
      form: profile(holder.email),
    });
    expect(refused.status).toBe(409);
    expect(JSON.stringify(refused.data)).toContain(
      "Se è tuo, accedi con l'identità digitale che usi di solito e collega «Entra con SPID» da «Il mio profilo › Modi di accesso»",
    );
    expect(JSON.stringify(refused.data)).not.toContain("sua password");
    const link = await runRoute(completeRoute.action as Handler, {
      url: `${ORIGIN}/accedi/completa`,
      cookie,
      form: { intent: "collega", email: holder.email, password: TEST_PASSWORD },
    });
    expect(link.status).toBe(403);
    expect(JSON.stringify(link.data)).toContain(
      "Accedi con l'identità digitale che usi di solito per il tuo account, poi collega «Entra con SPID»",
    );
  });

  it("an address whose account is entered only through a provider no longer offered: the same answer, and the national unit as the way out", async () => {
    // No password, one identity through "cie", which this configuration does not offer: no way in left.
    const holder = await createUser();
    await prisma.password.delete({ where: { userId: holder.id } });
    await prisma.userIdentity.create({
      data: { userId: holder.id, provider: "cie", issuer: "https://cie.example.it", subject: unique("cie") },
    });
    const cookie = await pendingSpid(null);
    const emailError = async (email: string) => {
      const refused = await runRoute(completeRoute.action as Handler, {
        url: `${ORIGIN}/accedi/completa`,
        cookie,
        form: profile(email),
      });
      expect(refused.status).toBe(409);
      return (refused.data as { result: { error: Record<string, string[]> } }).result.error.email![0]!;
    };
    const message = await emailError(holder.email);
    // No reset link here (the password pages do not exist): whom to write to, from the address (which proves it).
    expect(message).toContain(
      `Se con quell'identità non puoi più entrare (per esempio perché Forma non la offre più), scrivi all'Unità nazionale (${siteContacts().email}) da questo indirizzo.`,
    );
    expect(message).not.toMatch(/password/i);
    expect(message).not.toContain("cie");
    // The address is not proven hers: the same answer as for an account whose way in works.
    expect(await emailError((await createUser()).email)).toBe(message);
  });
});

describe("with PASSWORD_SIGN_IN=off, a pending sign-in whose provider was removed during its 30 minutes", () => {
  it("is refused, and the page sends to the providers offered, never to a password", async () => {
    // "cie" is not offered by this configuration: as a provider removed after its callback (ADR 0014, 07/12/2026).
    for (const [locale, query, instead] of [
      [
        "it",
        "",
        "Accedi invece con un'identità digitale che Forma offre, dalla pagina di accesso: se non hai ancora un account Forma, sarà creato al tuo primo accesso.",
      ],
      [
        "en",
        "?lang=en",
        "Sign in instead with a digital identity Forma offers, from the sign-in page: if you do not have a Forma account yet, it will be created at your first sign-in.",
      ],
    ] as const) {
      const url = `${ORIGIN}/accedi/completa${query}`;
      const cookie = await pendingSignInCookie({ provider: "cie", issuer: "https://cie.example.it", fiscalCode: null });
      const loaded = await runRoute(completeRoute.loader as Handler, { url, cookie });
      expect(loaded.status).toBe(403);
      const html = await renderRoutePage(completeRoute.default, { url, loaderData: loaded.data, locale });
      expect(textOf(html)).toContain(instead);
      expect(textOf(html)).not.toMatch(/password/i);
      expect(html).toContain('href="/accedi?redirectTo=%2Feventi"');
      expect(html).not.toMatch(/href="\/(registrati|password-dimenticata)/);
    }
  });
});

describe("with PASSWORD_SIGN_IN=off, undoing a change of address", () => {
  it("the notice and the restore page say to sign in with the identity, never «Password dimenticata?»", async () => {
    const owner = await createUser();
    // Whoever changed it signed in again with the account's identity (no password sign-in here).
    await prisma.notification.updateMany({
      where: { deliveryStatus: "in-coda" },
      data: { deliveryStatus: "non-inviare" },
    });
    expect(await requestEmailChange(owner.id, `${unique("presa")}@posta.example.org`, "identity-confirmed")).toEqual({
      ok: true,
    });
    const change = await prisma.notification.findFirstOrThrow({ where: { userId: owner.id, kind: "cambio-email" } });
    expect(await confirmEmailChange((JSON.parse(change.payload) as { token: string }).token)).toMatchObject({
      ok: true,
    });

    // The notice, as the outbox sends it.
    const sent: OutgoingMail[] = [];
    const mailer: Mailer = {
      kind: "file",
      sender: { name: "Forma", address: "noreply@forma.example.it" },
      send: async (mail) => void sent.push(mail),
      close: () => undefined,
    };
    await deliverDue({ mailer, now: new Date(Date.now() + 1_000), instanceId: "password-off", origin: ORIGIN });
    const notice = sent.find((m) => m.to === owner.email);
    expect(notice?.subject).toContain("L'indirizzo email del tuo account Forma è cambiato");
    expect(notice!.text).toContain("Poi accedi con l'identità digitale (SPID, CIE) che usavi prima.");
    expect(notice!.text).not.toMatch(/password/i);
    const token = new RegExp(`${ORIGIN}/ripristina-email/([A-Za-z0-9_-]{43})`).exec(notice!.text)![1]!;

    const url = `${ORIGIN}/ripristina-email/${token}`;
    const page = await runRoute(restoreRoute.loader as Handler, { url, params: { token } });
    expect(page.data).toEqual({ state: "valid", address: owner.email, passwordSignIn: false });
    const done = await runRoute(restoreRoute.action as Handler, { url, params: { token }, form: {} });
    expect(done.status).toBe(200);
    expect(done.data).toMatchObject({ done: true, address: owner.email });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: owner.id } })).email).toBe(owner.email);
  });
});
