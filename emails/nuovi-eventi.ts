import {
  alertSectionQuery,
  describeAlert,
  filtersOfAlert,
  type AlertDigestSection,
} from "../app/domain/catalogue-alert.ts";
import type { Locale } from "../app/domain/vocabulary.ts";
import { formatLongDate } from "../app/utils/dates.ts";
import { CATALOGUE } from "./common.ts";
import { formaLink } from "./layout.ts";
import type { Paragraph, Template } from "./types.ts";

const searchPath = (query: string) => (query ? `${CATALOGUE}?${query}` : CATALOGUE);

/**
 * "E altri 3 nel catalogo", a link to the search's events published since the check's start (the ones the email
 * could not list; the text writes the address after it); "E altri 3 nel catalogo." for a row queued before sections
 * had that start, when the email has one search (its button opens it).
 */
function moreLine(more: number, link: string | null, locale: Locale): Paragraph[] {
  if (more <= 0) return [];
  const label =
    locale === "en"
      ? more === 1
        ? "And one more in the catalogue"
        : `And ${more} more in the catalogue`
      : more === 1
        ? "E un altro nel catalogo"
        : `E altri ${more} nel catalogo`;
  return [link ? { label, url: link } : `${label}.`];
}

/**
 * A person's alerts found new events (ADR 0088): one email a day with a section per search, each event
 * with its first day and its page (an event found by several searches once), how many more each search
 * has, linked to the search's events published since its check. With one search the button opens the
 * search; with several each section names its search in words, and the button opens the catalogue.
 */
export const nuoviEventi: Template = (p, { locale, origin }) => {
  const sections: AlertDigestSection[] = p.alertSections ?? [];
  const single = sections.length <= 1;
  const en = locale === "en";
  // Each event is a link named by its title (in the title's language when it is not the email's), then its first day.
  const eventLine = (e: AlertDigestSection["events"][number]): Paragraph => ({
    label: e.title,
    url: formaLink(origin, `/eventi/${e.id}`, locale),
    after: `, ${formatLongDate(e.startsAt, locale)}`,
    ...(e.titleLanguage && e.titleLanguage !== locale ? { lang: e.titleLanguage } : {}),
  });
  const total = sections.reduce((n, s) => n + s.events.length + s.more, 0);
  const moreLink = (s: AlertDigestSection) =>
    single && !s.since ? null : formaLink(origin, searchPath(alertSectionQuery(s)), locale);
  const body = sections.flatMap((s): Paragraph[] => {
    if (single) return [...s.events.map(eventLine), ...moreLine(s.more, moreLink(s), locale)];
    const words = describeAlert(filtersOfAlert(s.query), locale);
    return [
      en ? `For your search ${words}:` : `Per la tua ricerca ${words}:`,
      ...s.events.map(eventLine),
      ...moreLine(s.more, moreLink(s), locale),
    ];
  });
  const action = single
    ? {
        label: en ? "Open the search in the catalogue" : "Apri la ricerca nel catalogo",
        path: searchPath(sections[0]?.query ?? ""),
      }
    : { label: en ? "Open the catalogue" : "Apri il catalogo", path: CATALOGUE };
  if (en) {
    const heading = single
      ? total === 1
        ? "A new event for your search"
        : "New events for your search"
      : "New events for your alerts";
    return {
      subject: single && total !== 1 ? `${total} new events for your search` : heading,
      heading,
      paragraphs: [
        total === 1
          ? "This event has been published since your last alert:"
          : "These events have been published since your last alert:",
        ...body,
      ],
      action,
      about: "alert",
    };
  }
  const heading = single
    ? total === 1
      ? "Un nuovo evento per la tua ricerca"
      : "Nuovi eventi per la tua ricerca"
    : "Nuovi eventi per i tuoi avvisi";
  return {
    subject: single && total !== 1 ? `${total} nuovi eventi per la tua ricerca` : heading,
    heading,
    paragraphs: [
      total === 1
        ? "Dal tuo ultimo avviso è stato pubblicato questo evento:"
        : "Dal tuo ultimo avviso sono stati pubblicati questi eventi:",
      ...body,
    ],
    action,
    about: "alert",
  };
};
