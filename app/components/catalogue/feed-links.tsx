import { useLocale, useT } from "~/i18n/i18n.tsx";

/**
 * "Abbonati a questa ricerca": the search as a calendar and as JSON. A calendar server fetches the link without the
 * reader's language cookie, so the feeds take the page's language from the link: an English page's links say
 * lang=en (the feeds honour ?lang=, app/utils/locale.server.ts), or its subscribers got an Italian calendar
 * (review 0018). Italian is the default and needs no parameter. The catalogue's filters ignore `lang`.
 */
export function CatalogueFeedLinks({ search }: { search: string }) {
  const t = useT();
  const locale = useLocale();
  const query = locale === "it" ? search : `${search}${search ? "&" : "?"}lang=${locale}`;
  return (
    <p className="small mt-3" data-testid="catalogue-feeds">
      {t("calendar.catalogue.subscribe")}{" "}
      <a href={`/eventi/feed.ics${query}`} type="text/calendar">
        {t("calendar.catalogue.ics")}
      </a>{" "}
      ·{" "}
      <a href={`/eventi/feed.json${query}`} type="application/json">
        {t("calendar.catalogue.json")}
      </a>
    </p>
  );
}
