// One result of the catalogue: what a teacher scans before opening the event page.
// The server writes a card as a string (eventCardHtml, ADR 0046) instead of walking its ~25
// elements and its Link through React: the page shows 20 of them. The browser renders EventCard
// and hydrates that HTML, so both must give the same markup: event-card.test.tsx compares them.
import { Link, useRevalidator } from "@remix-run/react";
import { useEffect, useRef } from "react";
import type { Locale } from "~/domain/vocabulary.ts";
import {
  EVENT_LEVEL_LABELS,
  EVENT_MODE_LABELS,
  EVENT_TYPE_LABELS,
  labelOf,
  REGION_LABELS,
} from "~/domain/vocabulary.ts";
import type { Translate } from "~/i18n/i18n.tsx";
import { partLang, useLocale, useT } from "~/i18n/i18n.tsx";
import { escapeHtml } from "~/utils/html-escape.ts";
import { ServerHtml } from "~/components/layout/markup-once.tsx";
import { followWrittenLinksOnClient, useChromeNav } from "~/components/layout/chrome-link.tsx";
import { dayRangeText } from "./format.ts";
import { hoursInWords } from "~/domain/hours.ts";

export type EventCardData = {
  id: string;
  title: string;
  excerpt: string;
  type: string;
  level: string;
  regionCode: string | null;
  mode: string;
  venue: string | null;
  certifiedMinutes: number;
  startsAt: Date | string | null;
  endsAt: Date | string | null;
  /** The language the title and excerpt are written in. */
  titleLanguage: string;
  /** The language the excerpt (the description) is written in. */
  textLanguage: string;
};

/** The card's texts, for both renderings. */
function cardTexts(event: EventCardData, t: Translate, locale: Locale) {
  return {
    titleId: `event-${event.id}-title`,
    titleLang: partLang(event.titleLanguage, locale),
    textLang: partLang(event.textLanguage, locale),
    href: `/eventi/${event.id}`,
    kind: [
      labelOf(EVENT_TYPE_LABELS, event.type, locale),
      " · ",
      labelOf(EVENT_LEVEL_LABELS, event.level, locale),
      event.level === "regionale" && event.regionCode ? ` · ${labelOf(REGION_LABELS, event.regionCode, locale)}` : null,
    ],
    when: event.startsAt && event.endsAt ? dayRangeText(t, event.startsAt, event.endsAt, locale) : null,
    where:
      event.mode === "online"
        ? t("catalogue.card.online")
        : [event.venue, event.mode === "blended" ? labelOf(EVENT_MODE_LABELS, event.mode, locale) : null]
            .filter(Boolean)
            .join(" · ") || labelOf(EVENT_MODE_LABELS, event.mode, locale),
    hours: hoursInWords(event.certifiedMinutes, locale),
  };
}

export function EventCard({ event }: { event: EventCardData }) {
  const t = useT();
  const locale = useLocale();
  const c = cardTexts(event, t, locale);
  return (
    <article className="card shadow-sm rounded event-card h-100" aria-labelledby={c.titleId}>
      <div className="card-body">
        <p className="small text-uppercase fw-semibold text-secondary mb-2">
          {c.kind[0]}
          {c.kind[1]}
          {c.kind[2]}
          {c.kind[3]}
        </p>
        <h3 className="card-title h5" id={c.titleId} lang={c.titleLang}>
          <Link to={c.href}>{event.title}</Link>
        </h3>
        {event.excerpt ? (
          <p className="card-text" lang={c.textLang}>
            {event.excerpt}
          </p>
        ) : null}
        <dl className="row mb-0 small">
          {c.when !== null ? (
            <>
              <dt className="col-sm-4 col-lg-3">{t("catalogue.card.when")}</dt>
              <dd className="col-sm-8 col-lg-9 mb-1">{c.when}</dd>
            </>
          ) : null}
          <dt className="col-sm-4 col-lg-3">{t("catalogue.card.where")}</dt>
          <dd className="col-sm-8 col-lg-9 mb-1">{c.where}</dd>
          <dt className="col-sm-4 col-lg-3">{t("catalogue.card.hours")}</dt>
          <dd className="col-sm-8 col-lg-9 mb-0">{c.hours}</dd>
        </dl>
      </div>
    </article>
  );
}

/**
 * Adjacent text children as React's server renderer writes them: each escaped, empty ones and
 * nulls left out, and `<!-- -->` between two texts that follow each other.
 */
export function textRunHtml(parts: readonly (string | null | undefined)[]): string {
  let html = "";
  let previousText = false;
  for (const part of parts) {
    if (part === null || part === undefined || part === "") continue;
    if (previousText) html += "<!-- -->";
    html += escapeHtml(part);
    previousText = true;
  }
  return html;
}

/** The HTML React renders for <EventCard event={event} /> (inside the router, whose Link marks internal links). */
export function eventCardHtml(event: EventCardData, t: Translate, locale: Locale): string {
  const c = cardTexts(event, t, locale);
  const titleId = escapeHtml(c.titleId);
  const langAttribute = (lang: string | undefined) => (lang ? ` lang="${escapeHtml(lang)}"` : "");
  return (
    `<article class="card shadow-sm rounded event-card h-100" aria-labelledby="${titleId}"><div class="card-body">` +
    `<p class="small text-uppercase fw-semibold text-secondary mb-2">${textRunHtml(c.kind)}</p>` +
    `<h3 class="card-title h5" id="${titleId}"${langAttribute(c.titleLang)}><a data-discover="true" href="${escapeHtml(c.href)}">${escapeHtml(event.title)}</a></h3>` +
    (event.excerpt ? `<p class="card-text"${langAttribute(c.textLang)}>${escapeHtml(event.excerpt)}</p>` : "") +
    `<dl class="row mb-0 small">` +
    (c.when !== null
      ? `<dt class="col-sm-4 col-lg-3">${escapeHtml(t("catalogue.card.when"))}</dt><dd class="col-sm-8 col-lg-9 mb-1">${escapeHtml(c.when)}</dd>`
      : "") +
    `<dt class="col-sm-4 col-lg-3">${escapeHtml(t("catalogue.card.where"))}</dt><dd class="col-sm-8 col-lg-9 mb-1">${escapeHtml(c.where)}</dd>` +
    `<dt class="col-sm-4 col-lg-3">${escapeHtml(t("catalogue.card.hours"))}</dt><dd class="col-sm-8 col-lg-9 mb-0">${escapeHtml(c.hours)}</dd>` +
    `</dl></div></article>`
  );
}

/** A result of the list: `<li>` with the card, written as a string on the server (ServerHtml). */
export function EventCardItem({ event }: { event: EventCardData }) {
  const t = useT();
  const locale = useLocale();
  return (
    <ServerHtml tag="li" attributes={{ className: "mb-3" }} html={() => eventCardHtml(event, t, locale)}>
      <EventCard event={event} />
    </ServerHtml>
  );
}

/**
 * The results' list. With the events (any render on the server, and a client navigation's data) each
 * card is an EventCardItem. Without them, the browser is hydrating a document whose data left them
 * out (ADR 0052): the list keeps the cards the server wrote (React leaves the children of an element
 * with dangerouslySetInnerHTML as it finds them when hydrating, and the same `__html` on every later
 * render never rewrites them), and a click on a card's title navigates on the client as its <Link>
 * would. A client navigation's data brings the events: the list is rendered anew (another component).
 */
export function EventList({ events }: { events: EventCardData[] | undefined }) {
  if (!events) return <WrittenEventList />;
  return (
    <ul className="list-unstyled">
      {events.map((event) => (
        <EventCardItem key={event.id} event={event} />
      ))}
    </ul>
  );
}

/**
 * The list as the server wrote it, kept by the browser. If React rendered it in the browser instead of
 * hydrating it, it is empty: React 18 renders the whole page anew after a hydration error anywhere on it
 * (a browser extension or a translator changing the page before hydration does that). The list then asks
 * for the loader's data again, which brings the events, and the cards are rendered from them.
 */
function WrittenEventList() {
  const onClick = followWrittenLinksOnClient(useChromeNav());
  const list = useRef<HTMLUListElement>(null);
  const revalidator = useRevalidator();
  useEffect(() => {
    if (list.current?.childElementCount === 0 && revalidator.state === "idle") revalidator.revalidate();
  }, [revalidator]);
  return (
    // The click only adds <Link>'s client-side navigation to real links, which keep their own keyboard use.
    // eslint-disable-next-line jsx-a11y/click-events-have-key-events, jsx-a11y/no-noninteractive-element-interactions
    <ul
      ref={list}
      className="list-unstyled"
      onClick={onClick}
      dangerouslySetInnerHTML={{ __html: "" }}
      suppressHydrationWarning
    />
  );
}
