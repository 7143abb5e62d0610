import { editionLabel, myEnrolmentsAction, romeDeadline } from "./common.ts";
import type { Template } from "./types.ts";

/**
 * A seat offered to the first in line, until a deadline. What happens after it is said as "may": the expired offer's
 * seat goes to the next person only if someone is waiting in its line and the edition still gives seats (not once the
 * event is closed or the training is over, ADR 0011, 0084), as "offerta-scaduta" says nothing of where it went.
 */
export const postoOfferto: Template = (p, { locale }) => {
  const what = editionLabel(p, locale);
  const deadline = p.offerExpiresAt ? romeDeadline(p.offerExpiresAt, locale) : null;
  if (locale === "en") {
    return {
      subject: deadline ? `A place is offered to you until ${deadline}: ${what}` : `A place is offered to you: ${what}`,
      heading: "A place is offered to you",
      paragraphs: [
        `A place became free in ${what}.`,
        deadline
          ? `Accept it or decline it by ${deadline}: if you do not accept it by then, the offer expires and the place may go to the next person on the waiting list.`
          : "Accept it or decline it as soon as you can.",
      ],
      action: { label: "Accept or decline", path: myEnrolmentsAction(locale).path },
    };
  }
  return {
    subject: deadline ? `Posto disponibile, conferma entro ${deadline}: ${what}` : `Posto disponibile: ${what}`,
    heading: "Ti è offerto un posto",
    paragraphs: [
      `Si è liberato un posto in ${what}.`,
      deadline
        ? `Accettalo o rinuncia entro ${deadline}: se non lo accetti entro allora, l'offerta scade e il posto può passare alla persona successiva in lista d'attesa.`
        : "Accettalo o rinuncia appena puoi.",
    ],
    action: { label: "Accetta o rinuncia", path: myEnrolmentsAction(locale).path },
  };
};
