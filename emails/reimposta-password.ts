import type { Template } from "./types.ts";

export const RESET_PASSWORD_PATH = "/reimposta-password/";

/** "Password dimenticata?": the link to choose a new password (valid 1 hour, single use). */
export const reimpostaPassword: Template = (p, { locale }) => {
  const path = `${RESET_PASSWORD_PATH}${encodeURIComponent(p.token ?? "")}`;
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
