// One result of the catalogue: what a teacher scans before opening the event page.
import { Link } from "@remix-run/react";
import {
  EVENT_LEVEL_LABELS,
  EVENT_MODE_LABELS,
  EVENT_TYPE_LABELS,
  labelOf,
  REGION_LABELS,
} from "~/domain/vocabulary.ts";
import { useLocale, useT } from "~/i18n/i18n.tsx";
import { dayRangeText, hoursText } from "./format.ts";

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
};

export function EventCard({ event }: { event: EventCardData }) {
  const t = useT();
  const locale = useLocale();
  const titleId = `event-${event.id}-title`;
  const where =
    event.mode === "online"
      ? t("catalogue.card.online")
      : [event.venue, event.mode === "blended" ? labelOf(EVENT_MODE_LABELS, event.mode, locale) : null]
          .filter(Boolean)
          .join(" · ") || labelOf(EVENT_MODE_LABELS, event.mode, locale);
  return (
    <article className="card shadow-sm rounded event-card h-100" aria-labelledby={titleId}>
      <div className="card-body">
        <p className="small text-uppercase fw-semibold text-secondary mb-2">
          {labelOf(EVENT_TYPE_LABELS, event.type, locale)}
          {" · "}
          {labelOf(EVENT_LEVEL_LABELS, event.level, locale)}
          {event.level === "regionale" && event.regionCode
            ? ` · ${labelOf(REGION_LABELS, event.regionCode, locale)}`
            : null}
        </p>
        <h3 className="card-title h5" id={titleId}>
          <Link to={`/eventi/${event.id}`}>{event.title}</Link>
        </h3>
        {event.excerpt ? <p className="card-text">{event.excerpt}</p> : null}
        <dl className="row mb-0 small">
          {event.startsAt && event.endsAt ? (
            <>
              <dt className="col-sm-4 col-lg-3">{t("catalogue.card.when")}</dt>
              <dd className="col-sm-8 col-lg-9 mb-1">{dayRangeText(t, event.startsAt, event.endsAt, locale)}</dd>
            </>
          ) : null}
          <dt className="col-sm-4 col-lg-3">{t("catalogue.card.where")}</dt>
          <dd className="col-sm-8 col-lg-9 mb-1">{where}</dd>
          <dt className="col-sm-4 col-lg-3">{t("catalogue.card.hours")}</dt>
          <dd className="col-sm-8 col-lg-9 mb-0">{hoursText(t, event.certifiedMinutes, locale)}</dd>
        </dl>
      </div>
    </article>
  );
}
