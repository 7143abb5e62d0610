import { editionLabel, myEnrolmentsAction, romeDeadline } from "./common.ts";
import type { Template } from "./types.ts";

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
          ? `Accept it or decline it by ${deadline}; after that it goes to the next person on the waiting list.`
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
        ? `Accettalo o rinuncia entro ${deadline}; dopo passerà alla persona successiva in lista d'attesa.`
        : "Accettalo o rinuncia appena puoi.",
    ],
    action: { label: "Accetta o rinuncia", path: myEnrolmentsAction(locale).path },
  };
};
