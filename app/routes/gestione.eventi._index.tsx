import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { ScrollRegion } from "~/components/scroll-region.tsx";
import {
  EVENT_LEVEL_LABELS,
  EVENT_LEVELS,
  EVENT_STATUS_LABELS,
  EVENT_STATUSES,
  REGION_LABELS,
  labelOf,
} from "~/domain/vocabulary.ts";
import { isNationalUnit, referentRegions } from "~/domain/permissions.ts";
import { partLang, useLocale, useT } from "~/i18n/i18n.tsx";
import { listTemplates } from "~/models/event-copy.server.ts";
import {
  listManagedEvents,
  managedRegionChoices,
  parseLevelFilter,
  parseRegionFilter,
  parseStatusFilter,
} from "~/models/event.server.ts";
import { stripControlCharacters } from "~/domain/text.ts";
import { countPlacesByEvent } from "~/models/participant-list.server.ts";
import { requireOrganiser } from "~/utils/auth.server.ts";
import { formatDateTime, formatShortDate } from "~/utils/dates.ts";
import { pageTitle } from "~/i18n/meta.ts";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.manageEvents") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requireOrganiser(request);
  const url = new URL(request.url);
  const status = parseStatusFilter(url.searchParams.get("stato"));
  const level = parseLevelFilter(url.searchParams.get("livello"));
  // The national unit (and a referent of several regions) narrows the list to one region's events.
  const regions = managedRegionChoices(actor);
  const region = parseRegionFilter(url.searchParams.get("regione"), regions);
  const q = stripControlCharacters(url.searchParams.get("q") ?? "").slice(0, 200);
  const page = Math.min(10_000, Math.max(1, Number.parseInt(url.searchParams.get("pagina") ?? "1", 10) || 1));
  const [found, templates] = await Promise.all([
    listManagedEvents(actor, { status, page, q, level, region }),
    // National templates are offered to regional referents (the national unit manages them already).
    isNationalUnit(actor) || referentRegions(actor).length === 0 ? Promise.resolve([]) : listTemplates(),
  ]);
  // A page past the last one (a kept link, fewer events since): the last page, as the participant list does.
  const lastPage = Math.max(1, Math.ceil(found.total / found.pageSize));
  const result = page > lastPage ? await listManagedEvents(actor, { status, page: lastPage, q, level, region }) : found;
  // Places per status of the listed events: one grouped query.
  const counts = await countPlacesByEvent(result.events.map((e) => e.id));
  const places = Object.fromEntries(result.events.map((e) => [e.id, counts.get(e.id) ?? null]));
  // The filters applied (a dropped value is not carried on), which the page links keep.
  const filterQuery = new URLSearchParams({
    ...(q ? { q } : {}),
    ...(status ? { stato: status } : {}),
    ...(level ? { livello: level } : {}),
    ...(region ? { regione: region } : {}),
  }).toString();
  return {
    ...result,
    status,
    level,
    region,
    regions,
    q,
    page: Math.min(page, lastPage),
    templates,
    places,
    filterQuery,
  };
}

type PlaceCountsData = { iscritto: number; "in-attesa": number; offerta: number; candidato: number; conclusi: number };

/** Places per status of one event, the statuses it has only ("–" when nobody enrolled yet). */
function PlaceCounts({ counts }: { counts: PlaceCountsData | null }) {
  const t = useT();
  const shown = counts ? (Object.entries(counts) as [keyof PlaceCountsData, number][]).filter(([, n]) => n > 0) : [];
  if (shown.length === 0) return <>–</>;
  return (
    <ul className="list-unstyled mb-0 small">
      {shown.map(([key, n]) => (
        <li key={key} data-status={key}>
          {t(`events.admin.list.places.${key}`, { count: n })}
        </li>
      ))}
    </ul>
  );
}

export default function ManagedEventsPage() {
  const t = useT();
  const locale = useLocale();
  const { events, total, pageSize, status, level, region, regions, q, page, templates, places, filterQuery } =
    useLoaderData<typeof loader>();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const pageLink = (p: number) => {
    const params = new URLSearchParams(filterQuery);
    params.set("pagina", String(p));
    return `?${params}`;
  };
  return (
    <div>
      <div className="d-flex flex-wrap justify-content-between align-items-center mb-3">
        <h1 className="mb-0">{t("events.admin.list.title")}</h1>
        <Link to="/gestione/eventi/nuovo" className="btn btn-primary">
          {t("events.admin.list.new")}
        </Link>
      </div>
      <p>{t("events.admin.list.intro")}</p>
      {templates.length > 0 ? (
        <section aria-labelledby="templates-title" className="mb-4" data-testid="templates">
          <h2 id="templates-title" className="h4">
            {t("events.templates.title")}
          </h2>
          <ul>
            {templates.map((tpl) => (
              <li key={tpl.id}>
                <span lang={partLang(tpl.titleLanguage, locale)}>{tpl.title}</span> ·{" "}
                {/* Each link names its template (a hidden end, the visible words first): a list of identical
                    "Copia nella tua regione" links says nothing out of context (WCAG 2.4.4). */}
                <Link to={`/gestione/eventi/${tpl.id}/copia`}>
                  {t("events.templates.copy")}
                  <span className="visually-hidden">
                    {" – "}
                    <span lang={partLang(tpl.titleLanguage, locale)}>{tpl.title}</span>
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <Form method="get" role="search" className="labels-above d-flex flex-wrap align-items-end gap-2 mb-3">
        <div className="form-group mb-0">
          <label htmlFor="filter-q" className="active">
            {t("events.admin.list.filterText")}
          </label>
          <input id="filter-q" type="search" name="q" defaultValue={q} className="form-control" maxLength={200} />
        </div>
        <FilterSelect
          id="filter-status"
          name="stato"
          label={t("events.admin.list.filterStatus")}
          value={status}
          allLabel={t("events.admin.list.filterAll")}
          options={EVENT_STATUSES.map((s) => [s, labelOf(EVENT_STATUS_LABELS, s, locale)])}
        />
        <FilterSelect
          id="filter-level"
          name="livello"
          label={t("events.admin.list.filterLevel")}
          value={level}
          allLabel={t("events.admin.list.filterAll")}
          options={EVENT_LEVELS.map((l) => [l, labelOf(EVENT_LEVEL_LABELS, l, locale)])}
        />
        {regions.length > 0 ? (
          <FilterSelect
            id="filter-region"
            name="regione"
            label={t("events.admin.list.filterRegion")}
            value={region}
            allLabel={t("events.admin.list.filterAllRegions")}
            options={regions.map((code) => [code, labelOf(REGION_LABELS, code, locale)])}
          />
        ) : null}
        <button type="submit" className="btn btn-outline-primary">
          {t("events.admin.list.filterSubmit")}
        </button>
      </Form>

      <p aria-live="polite">{t("events.admin.list.count", { count: total })}</p>
      {events.length === 0 ? (
        <p>{t("events.admin.list.empty")}</p>
      ) : (
        <ScrollRegion labelledBy="managed-events-caption">
          <table className="table">
            <caption id="managed-events-caption" className="visually-hidden">
              {t("events.admin.list.caption")}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("events.admin.list.colTitle")}</th>
                <th scope="col">{t("events.admin.list.colScope")}</th>
                <th scope="col">{t("events.admin.list.colStatus")}</th>
                <th scope="col">{t("events.admin.list.colDates")}</th>
                <th scope="col">{t("events.admin.list.colEditions")}</th>
                <th scope="col">{t("events.admin.list.colPlaces")}</th>
                <th scope="col">{t("events.admin.list.colUpdated")}</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <tr key={e.id}>
                  <th scope="row">
                    <Link to={`/gestione/eventi/${e.id}`} lang={partLang(e.titleLanguage, locale)}>
                      {e.title}
                    </Link>
                  </th>
                  <td>
                    {labelOf(EVENT_LEVEL_LABELS, e.level, locale)}
                    {e.regionCode ? ` · ${labelOf(REGION_LABELS, e.regionCode, locale)}` : null}
                  </td>
                  <td>{labelOf(EVENT_STATUS_LABELS, e.status, locale)}</td>
                  <td>
                    {e.startsAt ? formatShortDate(e.startsAt, locale) : "–"}
                    {e.endsAt ? ` – ${formatShortDate(e.endsAt, locale)}` : null}
                  </td>
                  <td>{e.editionCount}</td>
                  <td data-testid="event-places">
                    <PlaceCounts counts={places[e.id] ?? null} />
                  </td>
                  <td>{formatDateTime(e.updatedAt, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      {pages > 1 ? (
        <nav aria-label={t("events.admin.list.page", { page, pages })} className="d-flex gap-3 align-items-center">
          {page > 1 ? <Link to={pageLink(page - 1)}>{t("events.admin.list.previous")}</Link> : null}
          <span>{t("events.admin.list.page", { page, pages })}</span>
          {page < pages ? <Link to={pageLink(page + 1)}>{t("events.admin.list.next")}</Link> : null}
        </nav>
      ) : null}
    </div>
  );
}

/** One of the list's filters: a labelled select whose first choice, "" , is no filter. */
function FilterSelect(props: {
  id: string;
  name: string;
  label: string;
  value: string | null | undefined;
  allLabel: string;
  options: [value: string, label: string][];
}) {
  return (
    <div className="select-wrapper">
      <label htmlFor={props.id} className="active">
        {props.label}
      </label>
      <select id={props.id} name={props.name} defaultValue={props.value ?? ""}>
        <option value="">{props.allLabel}</option>
        {props.options.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </div>
  );
}
