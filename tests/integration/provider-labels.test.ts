// A sign-in provider is named in its reader's language (ADR 0014, addendum of 07/12/2026): OIDC_PROVIDERS gives each
// provider a label and, optionally, an English one (labelEn); the pages name it in the interface's language, the
// emails in the recipient's. A provider without labelEn keeps its one label everywhere.
import { describe, expect, it, vi } from "vitest";

// Before any module reads the environment (it is read once and cached).
vi.hoisted(() => {
  process.env.OIDC_PROVIDERS = JSON.stringify([
    {
      id: "spid",
      issuer: "https://spid.example.it",
      clientId: "forma",
      clientSecret: "s",
      label: "Entra con SPID",
      labelEn: "Sign in with SPID",
    },
    { id: "cie", issuer: "https://cie.example.it", clientId: "forma", clientSecret: "s", label: "Entra con CIE" },
  ]);
});

import * as signInRoute from "../../app/routes/accedi.tsx";
import * as completeRoute from "../../app/routes/accedi_.completa.tsx";
import * as identitiesRoute from "../../app/routes/profilo_.accessi.tsx";
import * as forgotRoute from "../../app/routes/password-dimenticata.tsx";
import * as resetRoute from "../../app/routes/reimposta-password.$token.tsx";
import * as confirmRoute from "../../app/routes/conferma-email.$token.tsx";
import { issueAccountToken, warnBeforeDeletion } from "../../app/models/account-tokens.server.ts";
import { makerOfUnconfirmed } from "../../app/models/account-maker.server.ts";
import { unlinkIdentity } from "../../app/models/identity.server.ts";
import { createTeacherAccount, resendEmailConfirmation } from "../../app/utils/account.server.ts";
import { prisma } from "../../app/utils/db.server.ts";
import { getEnv, type OidcProviderConfig } from "../../app/utils/env.server.ts";
import type { Mailer } from "../../app/utils/mailer.server.ts";
import { createUser, TEST_PASSWORD, teacherSignupFields, unique } from "../support/factories.ts";
import { pendingSignInCookie } from "../support/pending-identity.ts";
import { sendQueued, withFileMailbox } from "../support/file-mailbox.ts";
import { renderRoutePage, textOf } from "../support/render-route.ts";
import { bodyOf, callRoute, cookieOf, routeRequest, runRoute, statusOf, type Handler } from "../support/routes.ts";
import { to, type Inbox } from "../support/smtp.ts";

const ORIGIN = "http://localhost";

let inbox: Inbox;
let mailer: Mailer;

withFileMailbox((started) => ({ inbox, mailer } = started));

/** A person with the identities given (oldest first), no password, and the interface language given. */
async function personWith(providers: readonly string[], locale: "it" | "en", fiscalCode?: string) {
  const user = await createUser();
  await prisma.password.delete({ where: { userId: user.id } });
  await prisma.user.update({ where: { id: user.id }, data: { locale, ...(fiscalCode ? { fiscalCode } : {}) } });
  for (const [i, provider] of providers.entries()) {
    await prisma.userIdentity.create({
      data: {
        userId: user.id,
        provider,
        issuer: `https://${provider}.example.it`,
        subject: unique(provider),
        linkedAt: new Date(Date.now() - (providers.length - i) * 86_400_000),
      },
    });
  }
  return user;
}

/** The provider removed from the configuration in these tests, as it was configured before. */
const SPID_OLD_ISSUER = "https://spid-old.example.it";
const SPID_OLD: OidcProviderConfig = {
  id: "spid-old",
  issuer: SPID_OLD_ISSUER,
  clientId: "forma",
  clientSecret: "s",
  label: "Entra con SPID (vecchio)",
  scopes: "openid profile email",
};

/** `run` while `provider` is in OIDC_PROVIDERS (as before its removal), then the configuration as it was. */
async function whileConfigured<T>(provider: OidcProviderConfig, run: () => Promise<T>): Promise<T> {
  const providers = getEnv().OIDC_PROVIDERS;
  providers.push(provider);
  try {
    return await run();
  } finally {
    providers.splice(providers.indexOf(provider), 1);
  }
}

/** How many pending sign-ins through `provider` are kept. */
function pendingThrough(provider: string): Promise<number> {
  return prisma.pendingIdentity.count({ where: { provider } });
}

/** A loader's or action's answer: status, Location, data, and the Set-Cookie it sends (null: none). */
async function answer(
  handler: Handler,
  opts: { url: string; cookie?: string; form?: Record<string, string> },
): Promise<{ status: number; location: string | null; data: unknown; setCookie: string | null }> {
  const result = await callRoute(handler, routeRequest(opts.url, opts));
  if (result instanceof Response) {
    const { status, headers } = result;
    return { status, location: headers.get("Location"), data: undefined, setCookie: headers.get("Set-Cookie") };
  }
  const init = (result as { init?: { headers?: HeadersInit } | null }).init;
  return {
    status: statusOf(result),
    location: null,
    data: bodyOf(result),
    setCookie: new Headers(init?.headers).get("Set-Cookie"),
  };
}

/** The text of /accedi/completa drawn from a loader's answer that refused the pending sign-in. */
async function refusedText(loaded: { data: unknown }, url: string, locale: "it" | "en"): Promise<string> {
  expect(loaded.data).toMatchObject({ refused: { message: expect.any(String) } });
  return textOf(await renderRoutePage(completeRoute.default, { url, loaderData: loaded.data, locale }));
}

/** The text of the one email sent to `email` whose subject starts so. */
async function mailText(email: string, subject: string): Promise<string> {
  await sendQueued(mailer, unique("etichette"));
  const mails = to(inbox, email).filter((m) => m.subject?.startsWith(subject));
  expect(mails).toHaveLength(1);
  return (mails[0]!.text ?? "").replace(/\s+/g, " ");
}

describe("pages name a provider in the interface's language", () => {
  it("the sign-in page's buttons: the English label in English, the label in Italian and where there is no English one", async () => {
    const labels = async (url: string) =>
      (
        (await runRoute(signInRoute.loader as Handler, { url })).data as { providers: { label: string }[] }
      ).providers.map((p) => p.label);
    expect(await labels(`${ORIGIN}/accedi?lang=en`)).toEqual(["Sign in with SPID", "Entra con CIE"]);
    expect(await labels(`${ORIGIN}/accedi`)).toEqual(["Entra con SPID", "Entra con CIE"]);
  });

  it("/profilo/accessi in English: the linked identities, the buttons to link and to confirm with", async () => {
    const user = await personWith(["spid"], "en");
    const cookie = await cookieOf(user.id);
    const url = `${ORIGIN}/profilo/accessi`;
    const loaded = await runRoute(identitiesRoute.loader as Handler, { url, cookie });
    const page = textOf(await renderRoutePage(identitiesRoute.default, { url, loaderData: loaded.data, locale: "en" }));
    // The table of linked identities and the confirmation button (an account without a password).
    expect(page).toContain("Sign in with SPID");
    expect(page).not.toContain("Entra con SPID");
    expect(page).toContain("Confirm your identity (Sign in with SPID)");
    // The providers the link buttons are drawn from (shown once confirmed): CIE has no English label.
    const providers = (loaded.data as { providers: { label: string }[] }).providers.map((p) => p.label);
    expect(providers).toEqual(["Sign in with SPID", "Entra con CIE"]);
    // The same page in Italian (the person's language, no switch): the label.
    await prisma.user.update({ where: { id: user.id }, data: { locale: "it" } });
    const italian = await runRoute(identitiesRoute.loader as Handler, { url, cookie });
    expect(JSON.stringify(italian.data)).toContain("Entra con SPID");
    expect(JSON.stringify(italian.data)).not.toContain("Sign in with SPID");
  });

  it("/accedi/completa in English names the account's provider and the one just used in English", async () => {
    const fiscalCode = `BNCLCU80A01H${String(Math.floor(Math.random() * 900) + 100)}U`;
    await personWith(["spid"], "it", fiscalCode);
    const cookie = await pendingSignInCookie({ provider: "cie", issuer: "https://cie.example.it", fiscalCode });
    const page = await runRoute(completeRoute.loader as Handler, { url: `${ORIGIN}/accedi/completa?lang=en`, cookie });
    const message = (page.data as { fiscalCodeTaken: { message: string } }).fiscalCodeTaken.message;
    expect(message).toContain("through the “Sign in with SPID” button of the sign-in page");
    expect(message).toContain("also link “Entra con CIE”");
  });
});

describe("emails name a provider in the recipient's language", () => {
  it("account-esistente to an English reader: the English label of a provider that has one", async () => {
    const owner = await personWith(["spid", "cie"], "en");
    await createTeacherAccount(teacherSignupFields(owner.email), "en");
    expect(await mailText(owner.email, "You already have a Forma account")).toContain(
      "If it was you, sign in with “Sign in with SPID” or “Entra con CIE” on the sign-in page",
    );
    const italian = await personWith(["spid"], "it");
    await createTeacherAccount(teacherSignupFields(italian.email), "it");
    expect(await mailText(italian.email, "Hai già un account Forma")).toContain(
      "accedi con «Entra con SPID» dalla pagina di accesso",
    );
  });

  it("identita-scollegata to an English reader names the provider in English, to an Italian one in Italian", async () => {
    for (const [locale, subject, named] of [
      ["en", "A digital identity has been unlinked", "A digital identity (Sign in with SPID) has been unlinked"],
      ["it", "Dal tuo account Forma è stata scollegata", "scollegata un'identità digitale (Entra con SPID)"],
    ] as const) {
      const owner = await personWith(["spid", "cie"], locale);
      const identity = await prisma.userIdentity.findFirstOrThrow({ where: { userId: owner.id, provider: "spid" } });
      expect(await unlinkIdentity(owner.id, identity.id)).toMatchObject({ ok: true });
      expect(await mailText(owner.email, subject)).toContain(named);
    }
  });
});

describe("a provider removed from the configuration (spid-old): named as what it was, never as a button to press", () => {
  it("/accedi/completa: the account holding the codice fiscale has only such an identity, so the page says why and whom to write to", async () => {
    const fiscalCode = `VRDLCU80A01H${String(Math.floor(Math.random() * 900) + 100)}U`;
    await personWith(["spid-old"], "it", fiscalCode);
    const cookie = await pendingSignInCookie({
      provider: "spid",
      issuer: "https://spid.example.it",
      fiscalCode,
      familyName: "Verdi",
    });
    const message = async (url: string) =>
      (
        (await runRoute(completeRoute.loader as Handler, { url, cookie })).data as {
          fiscalCodeTaken: { message: string };
        }
      ).fiscalCodeTaken.message;
    const italian = await message(`${ORIGIN}/accedi/completa`);
    expect(italian).toContain(
      "ma vi si entrava con un fornitore di identità che Forma non offre più (spid-old) e ora non ha un modo di accesso che funzioni.",
    );
    expect(italian).toContain("ti aiuterà a collegare «Entra con SPID» al tuo account");
    expect(italian).not.toContain("«spid-old»");
    expect(await message(`${ORIGIN}/accedi/completa?lang=en`)).toContain(
      "but it was signed in to through an identity provider Forma no longer offers (spid-old) and now has no way to sign in that works",
    );
  });

  it("/accedi/completa, the codice fiscale's account has no way in left: with password sign-in on, «Password dimenticata?» too, and it works", async () => {
    // The code is hers (the provider vouched for it): the account is hers, but its address is not shown on the page.
    const fiscalCode = `BNCLCU80A01H${String(Math.floor(Math.random() * 900) + 100)}U`;
    const holder = await personWith(["spid-old"], "it", fiscalCode);
    const cookie = await pendingSignInCookie({
      provider: "spid",
      issuer: "https://spid.example.it",
      fiscalCode,
      familyName: "Bianchi",
    });
    const load = async (url: string) => await runRoute(completeRoute.loader as Handler, { url, cookie });
    const taken = (loaded: { data: unknown }) =>
      (loaded.data as { fiscalCodeTaken: { message: string; withPassword: boolean; offerReset: boolean } })
        .fiscalCodeTaken;
    const url = `${ORIGIN}/accedi/completa`;
    const loaded = await load(url);
    expect(taken(loaded)).toMatchObject({ withPassword: false, offerReset: true });
    const italian = taken(loaded).message;
    expect(italian).toContain(
      "ma vi si entrava con un fornitore di identità che Forma non offre più (spid-old) e ora non ha un modo di accesso che funzioni. Scegli una password con «Password dimenticata?» qui sotto: indica l'indirizzo email del tuo account e il link arriverà lì. Poi accedi con email e password e collega «Entra con SPID» da «Il mio profilo › Modi di accesso».",
    );
    // The national unit stays, for whoever no longer has the mailbox.
    expect(italian).toContain("Se non ricordi l'indirizzo o non ne leggi più la posta, scrivi all'Unità nazionale");
    const html = await renderRoutePage(completeRoute.default, { url, loaderData: loaded.data });
    expect(html).toContain('href="/password-dimenticata"');
    // The account's address is not on the page, not even its mailbox's name.
    expect(html).not.toContain(holder.email.split("@")[0]!);
    expect(taken(await load(`${url}?lang=en`)).message).toContain(
      "and now has no way to sign in that works. Choose a password through “Forgot your password?” below: give your account's email address and the link will go there.",
    );
    // An account with neither identity nor password (its address changed back, say): the same way out.
    const bare = `BNCLCU81A01H${String(Math.floor(Math.random() * 900) + 100)}U`;
    await personWith([], "it", bare);
    const bareCookie = await pendingSignInCookie({
      provider: "spid",
      issuer: "https://spid.example.it",
      fiscalCode: bare,
    });
    const bareTaken = taken(await runRoute(completeRoute.loader as Handler, { url, cookie: bareCookie }));
    expect(bareTaken.offerReset).toBe(true);
    expect(bareTaken.message).toContain(
      "ma non ha un modo di accesso che funzioni qui. Scegli una password con «Password dimenticata?» qui sotto",
    );

    // The way, as she would take it: the link goes to the address she gives, and sets the account's first password...
    await runRoute(forgotRoute.action as Handler, {
      url: `${ORIGIN}/password-dimenticata`,
      form: { email: holder.email },
    });
    await sendQueued(mailer, unique("reset-cf"));
    const mail = to(inbox, holder.email).find((m) => m.subject?.startsWith("Scegli una password"));
    const token = /\/reimposta-password\/([A-Za-z0-9_-]{43})/.exec(mail?.text ?? "")?.[1];
    expect(token).toBeDefined();
    const reset = await runRoute(resetRoute.action as Handler, {
      url: `${ORIGIN}/reimposta-password/${token}`,
      params: { token: token! },
      form: { password: "nuovaPassword2026" },
    });
    expect(reset.data).toMatchObject({ done: true });
    // ...after which the same page offers to link the identity with that password.
    expect(taken(await load(url))).toMatchObject({ withPassword: true, offerReset: false });
  });

  it("account-esistente: an owner whose only identity's provider is gone is told so and to choose a password", async () => {
    const owner = await personWith(["spid-old"], "it");
    await createTeacherAccount(teacherSignupFields(owner.email), "it");
    const text = await mailText(owner.email, "Hai già un account Forma");
    expect(text).toContain(
      "Se la richiesta è tua: al tuo account si accedeva con un fornitore di identità che Forma non offre più (spid-old), che non si può più usare, e non ha ancora una password",
    );
    expect(text).not.toContain("«spid-old»");
    // One provider still offered: that one only.
    const mixed = await personWith(["spid-old", "cie"], "it");
    await createTeacherAccount(teacherSignupFields(mixed.email), "it");
    const mixedText = await mailText(mixed.email, "Hai già un account Forma");
    expect(mixedText).toContain("accedi con «Entra con CIE» dalla pagina di accesso");
    expect(mixedText).not.toContain("spid-old");
  });

  it("/profilo/accessi lists such an identity as a provider no longer offered, in both languages, and unlinks it", async () => {
    // With a password (the unlink form asks for it) and a provider still offered beside the removed one.
    const user = await createUser();
    for (const provider of ["spid-old", "cie"]) {
      await prisma.userIdentity.create({
        data: { userId: user.id, provider, issuer: `https://${provider}.example.it`, subject: unique(provider) },
      });
    }
    const cookie = await cookieOf(user.id);
    const page = async (locale: "it" | "en") => {
      const url = `${ORIGIN}/profilo/accessi${locale === "en" ? "?lang=en" : ""}`;
      const loaded = await runRoute(identitiesRoute.loader as Handler, { url, cookie });
      return textOf(await renderRoutePage(identitiesRoute.default, { url, loaderData: loaded.data, locale }));
    };
    const italian = await page("it");
    // The table's row and the unlink button: what it was, with its id in brackets, never the id as a provider's name.
    expect(italian).toContain("Un fornitore di identità che Forma non offre più (spid-old)");
    expect(italian).toContain("Scollega un fornitore di identità che Forma non offre più (spid-old)");
    expect(italian).toContain("Scollega Entra con CIE");
    expect(italian.match(/spid-old/g)).toHaveLength(2);
    expect(italian).not.toMatch(/[^(]spid-old/);
    const english = await page("en");
    expect(english).toContain("An identity provider Forma no longer offers (spid-old)");
    expect(english).toContain("Unlink an identity provider Forma no longer offers (spid-old)");
    expect(english).not.toMatch(/[^(]spid-old/);

    // Unlinking it works as for any other identity (the password is the proof).
    const gone = await prisma.userIdentity.findFirstOrThrow({ where: { userId: user.id, provider: "spid-old" } });
    const unlinked = await runRoute(identitiesRoute.action as Handler, {
      url: `${ORIGIN}/profilo/accessi`,
      cookie,
      form: { intent: "scollega", identityId: gone.id, currentPassword: TEST_PASSWORD },
    });
    expect(unlinked.status).toBe(200);
    expect(await prisma.userIdentity.findMany({ where: { userId: user.id }, select: { provider: true } })).toEqual([
      { provider: "cie" },
    ]);
  });

  it("identita-scollegata: unlinking such an identity is told naming it as what it was, in the recipient's language", async () => {
    for (const [locale, subject, named] of [
      [
        "it",
        "Dal tuo account Forma è stata scollegata",
        "scollegata un'identità digitale di un fornitore di identità che Forma non offre più (spid-old)",
      ],
      [
        "en",
        "A digital identity has been unlinked",
        "A digital identity from an identity provider Forma no longer offers (spid-old) has been unlinked",
      ],
    ] as const) {
      const owner = await personWith(["spid-old", "cie"], locale);
      const gone = await prisma.userIdentity.findFirstOrThrow({ where: { userId: owner.id, provider: "spid-old" } });
      expect(await unlinkIdentity(owner.id, gone.id)).toMatchObject({ ok: true });
      const text = await mailText(owner.email, subject);
      expect(text).toContain(named);
      expect(text).not.toMatch(/[^(]spid-old/);
    }
  });

  it("/accedi/completa, an address whose account has only such an identity: the neutral answer gives a way out that works, «Password dimenticata?»", async () => {
    // A first sign-in with CIE; the address given belongs to an account entered only through spid-old, no password.
    const owner = await personWith(["spid-old"], "it");
    const cookie = await pendingSignInCookie({ provider: "cie", issuer: "https://cie.example.it", fiscalCode: null });
    const url = `${ORIGIN}/accedi/completa`;
    const crea = async (email: string) => {
      const answer = await runRoute(completeRoute.action as Handler, {
        url,
        cookie,
        form: { ...teacherSignupFields(email), intent: "crea" },
      });
      expect(answer.status).toBe(409);
      return answer;
    };
    const emailError = (answer: { data: unknown }) =>
      (answer.data as { result: { error: Record<string, string[]> } }).result.error.email![0]!;
    const refused = await crea(owner.email);
    const message = emailError(refused);
    expect(message).toContain(
      "Se è tuo, accedi con l'identità digitale che usi di solito e collega «Entra con CIE» da «Il mio profilo › Modi di accesso». Se con quell'identità non puoi più entrare (per esempio perché Forma non la offre più), scegli una password con «Password dimenticata?» qui sotto: il link arriva a questo indirizzo;",
    );
    // The address is not proven hers: nothing about the account's identities, the same answer as for an account whose
    // provider is still offered.
    expect(message).not.toContain("spid-old");
    expect(emailError(await crea((await personWith(["spid"], "it")).email))).toBe(message);
    // The page drawn after that answer has the link it points to.
    const loaded = await runRoute(completeRoute.loader as Handler, { url, cookie });
    const html = await renderRoutePage(completeRoute.default, {
      url,
      loaderData: loaded.data,
      actionData: refused.data,
    });
    expect(html).toContain('href="/password-dimenticata"');
    expect(textOf(html)).toContain("Password dimenticata?");

    // The way out, as she would take it: the reset link goes to the address and sets a first password...
    const forgot = await runRoute(forgotRoute.action as Handler, {
      url: `${ORIGIN}/password-dimenticata`,
      form: { email: owner.email },
    });
    expect(forgot.data).toMatchObject({ sent: true });
    await sendQueued(mailer, unique("reset"));
    // The account has no password: the email asks to choose one, not to reset it ("la password non cambia" was wrong).
    const resetMail = to(inbox, owner.email).find((m) =>
      m.subject?.startsWith("Scegli una password per il tuo account Forma"),
    );
    const resetText = (resetMail?.text ?? "").replace(/\s+/g, " ");
    expect(resetText).toContain(
      "È stato chiesto di scegliere una password per il tuo account Forma, che ora non ne ha una.",
    );
    expect(resetText).toContain("ignora questo messaggio: il tuo account resta senza password.");
    expect(resetText).not.toMatch(/reimpostare|non cambia/);
    const token = /\/reimposta-password\/([A-Za-z0-9_-]{43})/.exec(resetMail?.text ?? "")?.[1];
    expect(token).toBeDefined();
    const password = "nuovaPassword2026";
    const reset = await runRoute(resetRoute.action as Handler, {
      url: `${ORIGIN}/reimposta-password/${token}`,
      params: { token: token! },
      form: { password },
    });
    expect(reset.data).toMatchObject({ done: true });
    // ...with which "Accedi e collega", on the same page, links the identity she signed in with to her account.
    const linked = await runRoute(completeRoute.action as Handler, {
      url,
      cookie,
      form: { intent: "collega", email: owner.email, password },
    });
    expect(linked.status).toBe(302);
    expect(
      await prisma.userIdentity.findMany({
        where: { userId: owner.id },
        select: { provider: true },
        orderBy: { linkedAt: "asc" },
      }),
    ).toEqual([{ provider: "spid-old" }, { provider: "cie" }]);
  });

  it("/accedi/completa refuses a sign-in whose provider was removed during its 30 minutes: says why and how to sign in instead, in both languages", async () => {
    // The callback found spid-old configured; it has been removed from OIDC_PROVIDERS since (ADR 0014, 07/12/2026): a
    // provider no longer configured is no longer trusted. An account holds the codice fiscale of one of the two: the
    // page offered to link to it ("poi collega anche …", which cannot work), the other one the profile form.
    const fiscalCode = `RSSMRA80A01H${String(Math.floor(Math.random() * 900) + 100)}U`;
    await personWith(["spid"], "it", fiscalCode);
    for (const [locale, query, said, instead] of [
      [
        "it",
        "",
        "Hai confermato la tua identità con un fornitore di identità che Forma non offre più (spid-old), quindi l'accesso non può essere completato: con questa identità non è stato creato né collegato alcun account.",
        "Accedi invece con email e password, o con un'identità digitale che Forma offre, dalla pagina di accesso.",
      ],
      [
        "en",
        "?lang=en",
        "You confirmed your identity with an identity provider Forma no longer offers (spid-old), so this sign-in cannot be completed: no account has been created or linked with that identity.",
        "Sign in instead with email and password, or with a digital identity Forma offers, from the sign-in page.",
      ],
    ] as const) {
      const url = `${ORIGIN}/accedi/completa${query}`;
      for (const code of [fiscalCode, null]) {
        const before = await pendingThrough("spid-old");
        const cookie = await pendingSignInCookie({ provider: "spid-old", issuer: SPID_OLD_ISSUER, fiscalCode: code });
        expect(await pendingThrough("spid-old")).toBe(before + 1);
        const loaded = await answer(completeRoute.loader as Handler, { url, cookie });
        expect(loaded.status).toBe(403);
        // The pending sign-in is cleared: its identity deleted, its cookie now says it was refused (for the reload).
        expect(await pendingThrough("spid-old")).toBe(before);
        expect(loaded.setCookie).toMatch(/^forma_oidc_pending=/);
        const text = await refusedText(loaded, url, locale);
        expect(text).toContain(said);
        expect(text).toContain(instead);
        expect(text).not.toMatch(/Completa il tuo profilo|Complete your profile|Accedi e collega|Sign in and link/);
        expect(text).not.toMatch(/poi collega|then also link|potrai entrare anche|can also sign in with/);
        expect(text).not.toMatch(/[^(]spid-old/);
        // Reloaded: the same page, nothing more to clear.
        const again = await answer(completeRoute.loader as Handler, { url, cookie: loaded.setCookie!.split(";")[0]! });
        expect(again.status).toBe(403);
        expect(again.setCookie).toBeNull();
        expect(await refusedText(again, url, locale)).toBe(text);
        // The cookie of the page opened before is worth nothing now: no pending sign-in left.
        expect((await answer(completeRoute.loader as Handler, { url, cookie })).location).toBe("/accedi");
      }
    }
  });

  it("/accedi/completa opened before its provider's removal: «Crea il mio account» and «Accedi e collega» are refused, nothing created or linked", async () => {
    for (const locale of ["it", "en"] as const) {
      const url = `${ORIGIN}/accedi/completa${locale === "en" ? "?lang=en" : ""}`;
      for (const intent of ["crea", "collega"] as const) {
        // An account with a password and a confirmed address, which «Accedi e collega» would link the identity to.
        const owner = await createUser();
        const newEmail = `${unique("nuova")}@scuola.example.it`;
        const before = await pendingThrough("spid-old");
        const cookie = await pendingSignInCookie({ provider: "spid-old", issuer: SPID_OLD_ISSUER, fiscalCode: null });
        // The page, opened while spid-old was offered: the profile form and «Accedi e collega».
        const opened = await whileConfigured(SPID_OLD, () => answer(completeRoute.loader as Handler, { url, cookie }));
        expect(opened.status).toBe(200);
        expect(opened.data).toMatchObject({ canLinkWithPassword: true, fiscalCodeTaken: null });
        // spid-old is removed; then the page's form is sent.
        const form =
          intent === "crea"
            ? { ...teacherSignupFields(newEmail), intent }
            : { intent, email: owner.email, password: TEST_PASSWORD };
        const posted = await answer(completeRoute.action as Handler, { url, cookie, form });
        // No account, no identity linked, no session, and the pending sign-in is cleared.
        expect(await prisma.user.count({ where: { email: newEmail } })).toBe(0);
        expect(await prisma.userIdentity.count({ where: { userId: owner.id } })).toBe(0);
        expect(await prisma.auditLog.count({ where: { entityId: owner.id, action: "identita-collegata" } })).toBe(0);
        expect(posted.status).toBe(302);
        expect(posted.location).toBe("/accedi/completa");
        expect(posted.setCookie).toMatch(/^forma_oidc_pending=/);
        expect(posted.setCookie).not.toContain("forma_session");
        expect(await pendingThrough("spid-old")).toBe(before);
        // The page it leads to says why, as the page itself says it when opened after the removal.
        const shown = await answer(completeRoute.loader as Handler, { url, cookie: posted.setCookie!.split(";")[0]! });
        expect(shown.status).toBe(403);
        const text = await refusedText(shown, url, locale);
        expect(text).toContain(
          locale === "en"
            ? "You confirmed your identity with an identity provider Forma no longer offers (spid-old), so this sign-in cannot be completed"
            : "Hai confermato la tua identità con un fornitore di identità che Forma non offre più (spid-old), quindi l'accesso non può essere completato",
        );
        // The same POST again (another tab): no pending sign-in left.
        expect((await answer(completeRoute.action as Handler, { url, cookie, form })).location).toBe("/accedi");
        expect(await prisma.user.count({ where: { email: newEmail } })).toBe(0);
        expect(await prisma.userIdentity.count({ where: { userId: owner.id } })).toBe(0);
      }
    }
  });

  it("the refused page's ways in follow the configuration: a password or another provider, each with its link", async () => {
    const cookie = await pendingSignInCookie({ provider: "spid-old", issuer: SPID_OLD_ISSUER, fiscalCode: null });
    const url = `${ORIGIN}/accedi/completa`;
    const loaded = await answer(completeRoute.loader as Handler, { url, cookie });
    const html = await renderRoutePage(completeRoute.default, { url, loaderData: loaded.data });
    // Where she was going (/eventi) goes on with her.
    expect(html).toContain('href="/accedi?redirectTo=%2Feventi"');
    expect(html).toContain('href="/registrati?redirectTo=%2Feventi"');
    expect(html).toContain('href="/password-dimenticata"');
    expect(textOf(html)).toContain(
      "Se il tuo account non ha una password o non la ricordi, usa «Password dimenticata?»: il link per sceglierla arriva al tuo indirizzo email.",
    );
    // No provider offered at all (every one removed): the password only.
    const offered = getEnv().OIDC_PROVIDERS.splice(0);
    try {
      const alone = await answer(completeRoute.loader as Handler, {
        url,
        cookie: await pendingSignInCookie({ provider: "spid-old", issuer: SPID_OLD_ISSUER, fiscalCode: null }),
      });
      const text = await refusedText(alone, url, "it");
      expect(text).toContain(
        "Accedi invece con email e password dalla pagina di accesso. Se non hai ancora un account Forma, registrati con email e password.",
      );
      expect(text).not.toContain("identità digitale che Forma offre");
    } finally {
      getEnv().OIDC_PROVIDERS.push(...offered);
    }
  });

  it("/conferma-email/<token> of an account made with such an identity names it as what it was, in both languages", async () => {
    // An account made at /accedi/completa with spid-old, not confirmed yet; spid-old has been removed since.
    const maker = await personWith(["spid-old"], "it");
    await prisma.user.update({ where: { id: maker.id }, data: { emailVerifiedAt: null } });
    const token = await prisma.$transaction((tx) => issueAccountToken(tx, maker.id, "conferma-email"));
    const page = async (locale: "it" | "en") => {
      const url = `${ORIGIN}/conferma-email/${token}${locale === "en" ? "?lang=en" : ""}`;
      const loaded = await runRoute(confirmRoute.loader as Handler, { url, params: { token } });
      return textOf(await renderRoutePage(confirmRoute.default, { url, loaderData: loaded.data, locale }));
    };
    const italian = await page("it");
    expect(italian).toContain(
      "Questo account è stato creato accedendo con un'identità digitale di un fornitore di identità che Forma non offre più (spid-old), a nome di Maria Rossi.",
    );
    expect(italian).not.toMatch(/[^(]spid-old/);
    const english = await page("en");
    expect(english).toContain(
      "This account was created by signing in with a digital identity from an identity provider Forma no longer offers (spid-old), in the name of Maria Rossi.",
    );
    expect(english).not.toMatch(/[^(]spid-old/);
  });

  it("conferma-email sent again and account-in-scadenza of an account made with such an identity name it as what it was", async () => {
    // Made with spid-old, not confirmed; spid-old removed before the link is sent again and before the warning.
    for (const locale of ["it", "en"] as const) {
      const maker = await personWith(["spid-old"], locale);
      await prisma.user.update({ where: { id: maker.id }, data: { emailVerifiedAt: null } });
      expect(await resendEmailConfirmation(maker.id)).toEqual({ ok: true });
      const again = await mailText(
        maker.email,
        locale === "en" ? "Confirm your email address" : "Conferma il tuo indirizzo email",
      );
      expect(again).toContain(
        locale === "en"
          ? "created by signing in with a digital identity from an identity provider Forma no longer offers (spid-old), in the name of Maria Rossi"
          : "creato accedendo con un'identità digitale di un fornitore di identità che Forma non offre più (spid-old), a nome di Maria Rossi",
      );
      expect(again).not.toMatch(/[^(]spid-old/);
      // The retention job's warning, as it writes it (purgeExpired: makerOfUnconfirmed, then warnBeforeDeletion).
      const warnedAbout = await makerOfUnconfirmed(prisma, maker.id);
      expect(warnedAbout).toEqual({ provider: "spid-old", providerGone: true, accountName: "Maria Rossi" });
      expect(await warnBeforeDeletion(maker.id, new Date(Date.now() + 7 * 86_400_000), new Date(), warnedAbout!)).toBe(
        true,
      );
      const warning = await mailText(
        maker.email,
        locale === "en" ? "Confirm your email address or" : "Conferma il tuo indirizzo o",
      );
      expect(warning).toContain(
        locale === "en" ? "no longer offers (spid-old), in the name of" : "non offre più (spid-old), a nome di",
      );
      expect(warning).not.toMatch(/[^(]spid-old/);
    }
  });

  it("is no way in: an account without a password cannot unlink its last offered identity and keep only such a one", async () => {
    // No password; spid-old (removed) and cie (offered): cie is the only way in.
    const owner = await personWith(["spid-old", "cie"], "it");
    const [gone, cie] = await Promise.all(
      ["spid-old", "cie"].map((provider) =>
        prisma.userIdentity.findFirstOrThrow({ where: { userId: owner.id, provider } }),
      ),
    );
    expect(await unlinkIdentity(owner.id, cie!.id)).toEqual({ ok: false, reason: "last-way-in" });
    // The page offers to unlink the removed one only, and says why not the other.
    const url = `${ORIGIN}/profilo/accessi`;
    const loaded = await runRoute(identitiesRoute.loader as Handler, { url, cookie: await cookieOf(owner.id) });
    const data = loaded.data as { identities: { provider: string; unlinkable: boolean }[] };
    expect(data.identities.map((i) => [i.provider, i.unlinkable])).toEqual([
      ["spid-old", true],
      ["cie", false],
    ]);
    expect(textOf(await renderRoutePage(identitiesRoute.default, { url, loaderData: loaded.data }))).toContain(
      "Non puoi scollegare l'unico modo che hai per entrare in Forma",
    );
    // The removed one goes; then cie is the last identity and stays.
    expect(await unlinkIdentity(owner.id, gone!.id)).toEqual({ ok: true });
    expect(await unlinkIdentity(owner.id, cie!.id)).toEqual({ ok: false, reason: "last-way-in" });
    expect(await prisma.userIdentity.count({ where: { userId: owner.id } })).toBe(1);
    // An account left with such an identity only keeps it, as before (nothing else would be left).
    const stranded = await personWith(["spid-old"], "it");
    const only = await prisma.userIdentity.findFirstOrThrow({ where: { userId: stranded.id } });
    expect(await unlinkIdentity(stranded.id, only.id)).toEqual({ ok: false, reason: "last-way-in" });
  });
});
