import type { Template } from "./types.ts";

/**
 * Someone signed up with an address that already has an account. The sign-up page answers the
 * same either way (it must not reveal which emails exist): the owner learns it here instead.
 */
export const accountEsistente: Template = (_p, { locale }) =>
  locale === "en"
    ? {
        subject: "You already have a Forma account",
        heading: "Someone tried to sign up with your address",
        paragraphs: [
          'A new Forma account was requested with this email address, which already has one. If it was you, sign in with your password, or choose a new one from the sign-in page ("Forgot your password?").',
          "If it was not you, ignore this message: nothing has changed on your account.",
        ],
        action: { label: "Sign in", path: "/accedi" },
        about: "account",
      }
    : {
        subject: "Hai già un account Forma",
        heading: "Qualcuno ha provato a registrarsi con il tuo indirizzo",
        paragraphs: [
          'È stata chiesta la creazione di un account Forma con questo indirizzo email, che ne ha già uno. Se la richiesta è tua, accedi con la tua password, oppure scegline una nuova dalla pagina di accesso ("Password dimenticata?").',
          "Se non l'hai fatta tu, ignora questo messaggio: sul tuo account non è cambiato nulla.",
        ],
        action: { label: "Accedi", path: "/accedi" },
        about: "account",
      };
