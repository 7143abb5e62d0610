import { editionLabel, myEnrolmentsAction } from "./common.ts";
import type { Template } from "./types.ts";

export const inseritoInListaAttesa: Template = (p, { locale }) => {
  const what = editionLabel(p, locale);
  if (locale === "en") {
    return {
      subject: `You are on the waiting list: ${what}`,
      heading: "You are on the waiting list",
      paragraphs: [
        `${what} is full: you are on its waiting list${p.position !== null ? `, in position ${p.position}` : ""}.`,
        "If a place becomes free you will receive another message.",
      ],
      action: myEnrolmentsAction(locale),
    };
  }
  return {
    subject: `Sei in lista d'attesa: ${what}`,
    heading: "Sei in lista d'attesa",
    paragraphs: [
      `I posti di ${what} sono esauriti: sei in lista d'attesa${p.position !== null ? `, in posizione ${p.position}` : ""}.`,
      "Se si libera un posto riceverai un altro messaggio.",
    ],
    action: myEnrolmentsAction(locale),
  };
};
