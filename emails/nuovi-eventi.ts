import { formatLongDate } from "../app/utils/dates.ts";
import { CATALOGUE } from "./common.ts";
import { formaLink } from "./layout.ts";
import type { Template } from "./types.ts";

/**
 * A person's alert found new events for its search (ADR 0088): each with its first day and its page,
 * at most ALERT_EVENTS_PER_EMAIL, then the button opens the search in the catalogue for the rest.
 */
export const nuoviEventi: Template = (p, { locale, origin }) => {
  const events = p.alertEvents ?? [];
  const total = Math.max(p.alertTotal ?? events.length, events.length);
  const search = p.alertQuery ? `${CATALOGUE}?${p.alertQuery}` : CATALOGUE;
  const lines = events.map(
    (e) => `${e.title}, ${formatLongDate(e.startsAt, locale)}: ${formaLink(origin, `/eventi/${e.id}`, locale)}`,
  );
  const more = total - events.length;
  return locale === "en"
    ? {
        subject: total === 1 ? "A new event for your search" : `${total} new events for your search`,
        heading: total === 1 ? "A new event for your search" : "New events for your search",
        paragraphs: [
          total === 1
            ? "This event has been published since your last alert:"
            : "These events have been published since your last alert:",
          ...lines,
          ...(more > 0 ? [more === 1 ? "And one more in the catalogue." : `And ${more} more in the catalogue.`] : []),
        ],
        action: { label: "Open the search in the catalogue", path: search },
        about: "alert",
      }
    : {
        subject: total === 1 ? "Un nuovo evento per la tua ricerca" : `${total} nuovi eventi per la tua ricerca`,
        heading: total === 1 ? "Un nuovo evento per la tua ricerca" : "Nuovi eventi per la tua ricerca",
        paragraphs: [
          total === 1
            ? "Dal tuo ultimo avviso è stato pubblicato questo evento:"
            : "Dal tuo ultimo avviso sono stati pubblicati questi eventi:",
          ...lines,
          ...(more > 0 ? [more === 1 ? "E un altro nel catalogo." : `E altri ${more} nel catalogo.`] : []),
        ],
        action: { label: "Apri la ricerca nel catalogo", path: search },
        about: "alert",
      };
};
