import type { Template } from "./types.ts";

export const RESET_PASSWORD_PATH = "/reimposta-password/";

/**
 * "Password dimenticata?": the link to choose a new password (valid 1 hour, single use). For an account that has no
 * password when the link is asked for (payload firstPassword: made with a digital identity, or its password removed),
 * the link sets a first one: "scegliere una password", and ignoring the email leaves the account without one, not
 * "la password non cambia" (ADR 0014, addendum of 07/12/2026).
 */
export const reimpostaPassword: Template = (p, { locale }) => {
  const path = `${RESET_PASSWORD_PATH}${encodeURIComponent(p.token ?? "")}`;
  if (p.firstPassword) {
    return locale === "en"
      ? {
          subject: "Choose a password for your Forma account",
          heading: "Choose a password",
          paragraphs: [
            "Someone (hopefully you) asked to choose a password for your Forma account, which has none now. The link below is valid for one hour and can be used once; choosing the password signs you out everywhere.",
            "If you did not ask for it, ignore this message: your account stays without a password.",
          ],
          action: { label: "Choose a password", path },
          about: "account",
        }
      : {
          subject: "Scegli una password per il tuo account Forma",
          heading: "Scegli una password",
          paragraphs: [
            "È stato chiesto di scegliere una password per il tuo account Forma, che ora non ne ha una. Il link qui sotto vale un'ora e si può usare una sola volta; la password scelta chiude tutte le sessioni aperte.",
            "Se non l'hai chiesto tu, ignora questo messaggio: il tuo account resta senza password.",
          ],
          action: { label: "Scegli una password", path },
          about: "account",
        };
  }
  return locale === "en"
    ? {
        subject: "Reset your password",
        heading: "Choose a new password",
        paragraphs: [
          "Someone (hopefully you) asked to reset the password of your Forma account. The link below is valid for one hour and can be used once; setting a new password signs you out everywhere.",
          "If you did not ask for it, ignore this message: your password does not change.",
        ],
        action: { label: "Choose a new password", path },
        about: "account",
      }
    : {
        subject: "Reimposta la tua password",
        heading: "Scegli una nuova password",
        paragraphs: [
          "È stato chiesto di reimpostare la password del tuo account Forma. Il link qui sotto vale un'ora e si può usare una sola volta; la nuova password chiude tutte le sessioni aperte.",
          "Se non l'hai chiesto tu, ignora questo messaggio: la password non cambia.",
        ],
        action: { label: "Scegli una nuova password", path },
        about: "account",
      };
};
