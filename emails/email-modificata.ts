import type { Template } from "./types.ts";

export const RESTORE_EMAIL_PATH = "/ripristina-email/";

/**
 * Sent to the old address once an email change is confirmed, if the account had confirmed that address (ADR 0107,
 * addendum: one never confirmed may be a stranger's and gets nothing). A security notice: it says whom to
 * write to (the service's address, as the site's footer gives it) and its footer never says
 * "if it was not you, ignore it" ("account-notice"). Its link (7 days, single use) undoes a change
 * its owner did not make: a reset of the password would go to the new address (ADR 0107).
 */
export const emailModificata: Template = (p, { locale, contactEmail, passwordSignIn = true }) => {
  const action = p.token
    ? {
        label:
          locale === "en"
            ? "I did not ask for it: restore my address"
            : "Non l'ho chiesto io: ripristina il mio indirizzo",
        path: `${RESTORE_EMAIL_PATH}${encodeURIComponent(p.token)}`,
      }
    : undefined;
  return locale === "en"
    ? {
        subject: "The email address of your Forma account has changed",
        heading: "Your email address has changed",
        paragraphs: [
          `Your Forma account now uses ${p.newEmail ?? "another address"}: messages will go there from now on.`,
          !action
            ? ""
            : passwordSignIn
              ? "If you did not make this change, open the link below within 7 days: the account gets this address back, every session on it is signed out and its password is removed, so that you choose a new one."
              : "If you did not make this change, open the link below within 7 days: the account gets this address back, every session on it is signed out and the digital identities linked since the change are unlinked. Then sign in with the digital identity (SPID, CIE) you used before.",
          `For any question, or if the link has expired, write to the national unit at ${contactEmail}.`,
        ].filter(Boolean),
        ...(action ? { action } : {}),
        about: "account-notice",
      }
    : {
        subject: "L'indirizzo email del tuo account Forma è cambiato",
        heading: "Il tuo indirizzo email è cambiato",
        paragraphs: [
          `Il tuo account Forma usa ora ${p.newEmail ?? "un altro indirizzo"}: da adesso le comunicazioni arriveranno lì.`,
          !action
            ? ""
            : passwordSignIn
              ? "Se non hai chiesto tu questo cambio, apri il link qui sotto entro 7 giorni: l'account torna a questo indirizzo, tutte le sessioni aperte vengono chiuse e la password viene tolta, così ne scegli una nuova."
              : "Se non hai chiesto tu questo cambio, apri il link qui sotto entro 7 giorni: l'account torna a questo indirizzo, tutte le sessioni aperte vengono chiuse e le identità digitali collegate dopo il cambio vengono scollegate. Poi accedi con l'identità digitale (SPID, CIE) che usavi prima.",
          `Per qualsiasi domanda, o se il link è scaduto, scrivi all'Unità nazionale all'indirizzo ${contactEmail}.`,
        ].filter(Boolean),
        ...(action ? { action } : {}),
        about: "account-notice",
      };
};
