import { goneProvidersText, providerLabelIn, type ProviderName } from "../app/domain/provider-label.ts";
import type { Locale } from "../app/domain/vocabulary.ts";
import type { EmailContext, EmailPayload, Template } from "./types.ts";

/** «Entra con SPID» o «Entra con CIE» / “Entra con SPID” or “Entra con CIE”, as /accedi/completa names them. */
function providerList(names: ProviderName[], locale: Locale): string {
  const quoted = names.map((name) => {
    const label = providerLabelIn(name, locale);
    return locale === "en" ? `“${label}”` : `«${label}»`;
  });
  return new Intl.ListFormat(locale, { type: "disjunction" }).format(quoted);
}

/**
 * What the owner does if the sign-up was theirs: sign in the way the account signs in (payload waysIn): its password
 * only if it has one that works, its identities' providers by name, and «Password dimenticata?» to choose a password
 * where password sign-in is on (a new one, or a first one for an account made with SPID/CIE). A row written before
 * the payload said it names both ways, as it cannot tell which.
 */
function howToSignIn(p: EmailPayload, { locale, contactEmail, passwordSignIn = true }: EmailContext): string {
  const en = locale === "en";
  const forgot = en ? "(“Forgot your password?”)" : "(«Password dimenticata?»)";
  if (!p.waysIn) {
    if (!passwordSignIn) {
      return en
        ? "If it was you, sign in with the digital identity (SPID, CIE) linked to your account."
        : "Se la richiesta è tua, accedi con l'identità digitale (SPID, CIE) collegata al tuo account.";
    }
    return en
      ? `If it was you, sign in as you usually do, with your password or with the digital identity (SPID, CIE) linked to your account; to choose a new password, use the sign-in page ${forgot}.`
      : `Se la richiesta è tua, accedi come fai di solito, con la tua password o con l'identità digitale (SPID, CIE) collegata al tuo account; per scegliere una nuova password usa la pagina di accesso ${forgot}.`;
  }
  const password = p.waysIn.password && passwordSignIn;
  const providers = p.waysIn.providers.length ? providerList(p.waysIn.providers, locale) : null;
  if (password && providers) {
    return en
      ? `If it was you, sign in with your password or with ${providers} on the sign-in page; if you do not remember the password, choose a new one from the same page ${forgot}.`
      : `Se la richiesta è tua, accedi con la tua password oppure con ${providers} dalla pagina di accesso; se non ricordi la password, scegline una nuova dalla stessa pagina ${forgot}.`;
  }
  if (password) {
    return en
      ? `If it was you, sign in with your password, or choose a new one from the sign-in page ${forgot}.`
      : `Se la richiesta è tua, accedi con la tua password, oppure scegline una nuova dalla pagina di accesso ${forgot}.`;
  }
  // No password that works: the account was made with an identity, or password sign-in is off.
  const choose = passwordSignIn && !p.waysIn.password;
  if (providers) {
    const none = choose ? (en ? ": your account has no password" : ": il tuo account non ha una password") : "";
    const first = en
      ? `If it was you, sign in with ${providers} on the sign-in page${none}.`
      : `Se la richiesta è tua, accedi con ${providers} dalla pagina di accesso${none}.`;
    if (!choose) return first;
    return en
      ? `${first} If you also want to sign in with email and password, choose a password from the same page ${forgot}.`
      : `${first} Se vuoi accedere anche con email e password, scegline una dalla stessa pagina ${forgot}.`;
  }
  // Its identities came only through providers removed since (no button any more): said, as what they were, so that
  // the owner knows why the way they used is gone, and never as a button to press (ADR 0014, addendum of 07/12/2026).
  const gone = p.waysIn.unavailable?.length ? goneProvidersText(p.waysIn.unavailable, locale) : null;
  if (choose) {
    if (gone) {
      return en
        ? `If it was you: your account was signed in to through ${gone}, which can no longer be used, and it has no password yet: choose one from the sign-in page ${forgot}.`
        : `Se la richiesta è tua: al tuo account si accedeva con ${gone}, che non si può più usare, e non ha ancora una password: scegline una dalla pagina di accesso ${forgot}.`;
    }
    return en
      ? `If it was you: your account has no password yet, choose one from the sign-in page ${forgot}.`
      : `Se la richiesta è tua: il tuo account non ha ancora una password, scegline una dalla pagina di accesso ${forgot}.`;
  }
  if (gone) {
    return en
      ? `If it was you: your account was signed in to through ${gone} and now has no way to sign in that works; write to the national unit at ${contactEmail}.`
      : `Se la richiesta è tua: al tuo account si accedeva con ${gone} e ora non ha un modo di accesso che funzioni; scrivi all'Unità nazionale all'indirizzo ${contactEmail}.`;
  }
  return en
    ? `If it was you and you cannot sign in, write to the national unit at ${contactEmail}.`
    : `Se la richiesta è tua e non riesci ad accedere, scrivi all'Unità nazionale all'indirizzo ${contactEmail}.`;
}

/**
 * Someone signed up with an address that already has an account. The sign-up page answers the
 * same either way (it must not reveal which emails exist): the owner learns it here instead, with
 * how their account signs in.
 */
export const accountEsistente: Template = (p, ctx) =>
  ctx.locale === "en"
    ? {
        subject: "You already have a Forma account",
        heading: "Someone tried to sign up with your address",
        paragraphs: [
          "A new Forma account was requested with this email address, which already has one.",
          howToSignIn(p, ctx),
          "If it was not you, ignore this message: nothing has changed on your account.",
        ],
        action: { label: "Sign in", path: "/accedi" },
        about: "account",
      }
    : {
        subject: "Hai già un account Forma",
        heading: "Qualcuno ha provato a registrarsi con il tuo indirizzo",
        paragraphs: [
          "È stata chiesta la creazione di un account Forma con questo indirizzo email, che ne ha già uno.",
          howToSignIn(p, ctx),
          "Se non l'hai fatta tu, ignora questo messaggio: sul tuo account non è cambiato nulla.",
        ],
        action: { label: "Accedi", path: "/accedi" },
        about: "account",
      };
