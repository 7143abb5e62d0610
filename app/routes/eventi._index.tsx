import { data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ActiveFilters } from "~/components/catalogue/active-filters.tsx";
import { AlertOffer } from "~/components/catalogue/alert-offer.tsx";
import { EventList } from "~/components/catalogue/event-card.tsx";
import { CatalogueFeedLinks } from "~/components/catalogue/feed-links.tsx";
import { countNumber } from "~/components/catalogue/format.ts";
import { CatalogueFiltersForm } from "~/components/catalogue/filters-form.tsx";
import { CataloguePagination } from "~/components/catalogue/pagination.tsx";
import { catalogueSearchString, parseCatalogueSearch, type CatalogueParam } from "~/domain/catalogue-filters.ts";
import { asLocale, translator, useLocale, useT } from "~/i18n/i18n.tsx";
import type { MessageKey } from "~/i18n/messages.ts";
import { publicPageHeaders, searchCatalogue } from "~/models/catalogue.server.ts";
import { lagTolerantSource } from "~/utils/read-replica.server.ts";
import { rendersDocument, withServerOnlyKey } from "~/utils/server-only-data.server.ts";

export async function loader({ request, context }: LoaderFunctionArgs) {
  // Public page: no guard. Only published events are read (see models/catalogue.server.ts), from
  // the read replica when there is one (ADR 0017), unless this browser has just written something.
  const { filters, page, ignored } = parseCatalogueSearch(new URL(request.url).searchParams);
  // The request's log line names this search (app/utils/http-app.server.ts).
  if (context.forma) context.forma.catalogueSearch = { filters, page };
  const { total, pageCount, events } = await searchCatalogue(filters, page, { source: lagTolerantSource(request) });
  // A document's cards are written by the server (ADR 0046) and kept by the browser as they are
  // (EventList): the events stay out of the page's hydration data (ADR 0052). A client navigation's
  // data (`.data`) carries them, for the browser to render the cards.
  const result = withServerOnlyKey(
    { filters, ignored, page, total, pageCount, listed: events.length, events },
    "events",
    rendersDocument(context),
  );
  return data(result, { headers: publicPageHeaders(request) });
}

// Cache-Control and Vary as the loader decided (public for visitors without a session).
export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction<typeof loader> = ({ matches }) => {
  const root = matches.find((m) => m.id === "root")?.data as { locale?: string } | undefined;
  const t = translator(asLocale(root?.locale));
  return [{ title: t("catalogue.meta.title") }, { name: "description", content: t("catalogue.meta.description") }];
};

const PARAM_LABEL: Record<CatalogueParam, MessageKey> = {
  q: "catalogue.filters.q",
  level: "catalogue.filters.level",
  type: "catalogue.filters.type",
  region: "catalogue.filters.region",
  mode: "catalogue.filters.mode",
  schoolLevel: "catalogue.filters.schoolLevel",
  role: "catalogue.filters.role",
  from: "catalogue.filters.from",
  to: "catalogue.filters.to",
  freeSeats: "catalogue.filters.freeSeats",
  publishedSince: "catalogue.filters.publishedSince",
  page: "catalogue.filters.page",
};

export default function CataloguePage() {
  const t = useT();
  const locale = useLocale();
  const { filters, ignored, listed, events, total, page, pageCount } = useLoaderData<typeof loader>();
  const countText =
    total === 0
      ? t("catalogue.results.none")
      : total === 1
        ? t("catalogue.results.one")
        : t("catalogue.results.many", { count: countNumber(total, locale) });
  const outOfRange = total > 0 && page > pageCount;
  const search = catalogueSearchString(filters);
  return (
    <>
      <h1>{t("catalogue.title")}</h1>
      <p className="lead">{t("catalogue.intro")}</p>
      {ignored.length > 0 ? (
        <div className="alert alert-warning" role="status">
          {t("catalogue.filters.ignored", { names: ignored.map((p) => `«${t(PARAM_LABEL[p])}»`).join(", ") })}
        </div>
      ) : null}
      <div className="row">
        <div className="col-12 col-lg-4 mb-4">
          <CatalogueFiltersForm filters={filters} />
        </div>
        <section className="col-12 col-lg-8" aria-labelledby="risultati-titolo">
          <h2 id="risultati-titolo" className="h4 mb-3" aria-live="polite">
            {countText}
            {pageCount > 1 && !outOfRange ? (
              <span className="fw-normal text-secondary">
                {" "}
                — {t("catalogue.results.pageOf", { page, pages: pageCount })}
              </span>
            ) : null}
          </h2>
          <ActiveFilters filters={filters} />
          {total === 0 ? <p>{t("catalogue.results.emptyHint")}</p> : null}
          {outOfRange ? (
            <p>
              {t("catalogue.results.pageOutOfRange", { page, pages: pageCount })}{" "}
              <Link to={`/eventi${search}`}>{t("catalogue.results.firstPage")}</Link>
            </p>
          ) : null}
          {listed > 0 ? <EventList events={events} /> : null}
          <CataloguePagination filters={filters} page={page} pageCount={pageCount} />
          <CatalogueFeedLinks search={search} />
          <AlertOffer search={search} />
        </section>
      </div>
    </>
  );
}
