import { messageParagraphs } from "../app/domain/participant-message.ts";
import { formatTime } from "../app/utils/dates.ts";
import { editionLabel, myEnrolmentsAction, romeDeadline, senderParagraphs } from "./common.ts";
import type { Template } from "./types.ts";

/**
 * An automatic message the organiser set on the edition: their subject and text, and, when it is
 * about a session (hours before it), when it starts and where: the venue of a session held there,
 * the room link of one held online (ADR 0091).
 */
export const messaggioAutomatico: Template = (p, { locale }) => {
  const what = editionLabel(p, locale);
  const text = messageParagraphs(p.messageBody ?? "");
  const when = p.sessionStartsAt ? romeDeadline(p.sessionStartsAt, locale) : "";
  const until = p.sessionEndsAt ? formatTime(p.sessionEndsAt, locale) : "";
  const room = p.onlineUrl && /^https?:\/\//i.test(p.onlineUrl) ? p.onlineUrl : null;
  const en = locale === "en";
  const session = when
    ? [
        en
          ? `The session${p.sessionTitle ? ` "${p.sessionTitle}"` : ""} starts on ${when}${until ? ` and ends at ${until}` : ""}.`
          : `L'incontro${p.sessionTitle ? ` "${p.sessionTitle}"` : ""} inizia il ${when}${until ? ` e termina alle ${until}` : ""}.`,
        ...(p.venue?.trim() ? [en ? `Place: ${p.venue.trim()}` : `Luogo: ${p.venue.trim()}`] : []),
        ...(room ? [{ label: en ? "Online room" : "Stanza online", url: room }] : []),
      ]
    : [];
  const fallback = en ? "Message from the organiser" : "Messaggio dell'organizzazione";
  return {
    subject: `${p.messageSubject ?? fallback} – ${what}`,
    heading: p.messageSubject ?? fallback,
    paragraphs: [
      en
        ? `The organiser of ${what} writes to its participants:`
        : `L'organizzazione di ${what} scrive a chi partecipa:`,
      ...text,
      ...session,
      ...senderParagraphs(p, locale),
    ],
    action: room
      ? { label: en ? "Join the online room" : "Entra nella stanza online", path: room }
      : myEnrolmentsAction(locale),
  };
};
