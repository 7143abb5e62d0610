import type { Template } from "./types.ts";

/**
 * Someone asked, from their profile, to move their Forma account to this address, which already
 * has an account. The profile page answers the same either way (it must not reveal which emails
 * exist, as sign-up does with "account-esistente"): the owner of this address learns it here.
 */
export const emailInUso: Template = (_p, { locale }) =>
  locale === "en"
    ? {
        subject: "Your address was given for another Forma account",
        heading: "Someone asked to use your address",
        paragraphs: [
          "Someone asked to move another Forma account to this email address, which already has its own account. Nothing has been changed: an address belongs to one account only.",
          "If it was you and you have two accounts, sign in to this one to use it. If it was not you, ignore this message.",
        ],
        action: { label: "Sign in", path: "/accedi" },
        about: "account",
      }
    : {
        subject: "Il tuo indirizzo è stato indicato per un altro account Forma",
        heading: "Qualcuno ha chiesto di usare il tuo indirizzo",
        paragraphs: [
          "È stato chiesto di spostare un altro account Forma su questo indirizzo email, che ha già un suo account. Non è cambiato nulla: un indirizzo appartiene a un solo account.",
          "Se la richiesta è tua e hai due account, accedi a questo per usarlo. Altrimenti ignora questo messaggio.",
        ],
        action: { label: "Accedi", path: "/accedi" },
        about: "account",
      };
