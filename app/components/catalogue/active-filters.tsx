// The catalogue's filters that the form does not show as fields, each a chip with a link that removes it:
// "Pubblicate dal 03/12/2026" (publishedSince, from an alert's email, ADR 0088). Removing one is a link
// to the same search without it (a GET, like every catalogue search).
import { Link } from "@remix-run/react";
import { Icon } from "~/components/layout/site-header.tsx";
import { catalogueSearchString, type CatalogueFilters } from "~/domain/catalogue-filters.ts";
import type { Locale } from "~/domain/vocabulary.ts";
import { useLocale, useT, type Translate } from "~/i18n/i18n.tsx";
import { formatShortDate, formatTime, parseRomeDateTime } from "~/utils/dates.ts";

/** "Pubblicate dal 03/12/2026" for a Rome day, "… alle 10:15" for an instant (the check's start of an alert). */
export function publishedSinceLabel(value: string, t: Translate, locale: Locale): string {
  const day = parseRomeDateTime(value);
  if (/^\d{4}-\d{2}-\d{2}$/.test(value) && day) {
    return t("catalogue.active.publishedSinceDay", { date: formatShortDate(day, locale) });
  }
  return t("catalogue.active.publishedSinceInstant", {
    date: formatShortDate(value, locale),
    time: formatTime(value, locale),
  });
}

export function ActiveFilters({ filters }: { filters: CatalogueFilters }) {
  const t = useT();
  const locale = useLocale();
  if (!filters.publishedSince) return null;
  const { publishedSince, ...rest } = filters;
  const label = publishedSinceLabel(publishedSince, t, locale);
  return (
    <ul className="list-unstyled d-flex flex-wrap gap-2 mb-3" aria-label={t("catalogue.active.label")}>
      <li className="chip chip-simple chip-lg" data-testid="filter-chip">
        <span className="chip-label">{label}</span>
        <Link to={`/eventi${catalogueSearchString(rest)}`} className="ms-1 d-inline-flex">
          <Icon name="it-close" />
          <span className="visually-hidden">{t("catalogue.active.remove", { filter: label })}</span>
        </Link>
      </li>
    </ul>
  );
}
