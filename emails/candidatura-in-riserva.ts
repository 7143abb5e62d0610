import { editionLabel, myEnrolmentsAction } from "./common.ts";
import type { Template } from "./types.ts";

/** Closing the selection put the applicant on the reserve list, at the position of their ranking. */
export const candidaturaInRiserva: Template = (p, { locale }) => {
  const what = editionLabel(p, locale);
  if (locale === "en") {
    return {
      subject: `You are on the reserve list: ${what}`,
      heading: "You are on the reserve list",
      paragraphs: [
        `The selection for ${what} is closed: you were not among those selected, but you are on the reserve list${p.position !== null ? `, in position ${p.position}` : ""}.`,
        "If a seat becomes free it will be offered to you by email, with a deadline to accept it. You can leave the reserve list at any time from your enrolments.",
      ],
      action: myEnrolmentsAction(locale),
    };
  }
  return {
    subject: `Sei in graduatoria di riserva: ${what}`,
    heading: "Sei in graduatoria di riserva",
    paragraphs: [
      `La selezione per ${what} è chiusa: la tua candidatura non è stata selezionata, ma è nella graduatoria di riserva${p.position !== null ? `, in posizione ${p.position}` : ""}.`,
      "Se si libera un posto ti sarà offerto per email, con una scadenza per accettarlo. Puoi lasciare la riserva in ogni momento dalle tue iscrizioni.",
    ],
    action: myEnrolmentsAction(locale),
  };
};
