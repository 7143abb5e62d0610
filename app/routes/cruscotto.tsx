import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { BarChart, LineChart, RegionTiles, type ChartRow } from "~/components/dashboard/charts.tsx";
import {
  DASHBOARD_DIMENSIONS,
  FIGURE_KEYS,
  PERCENT_FIGURES,
  dashboardSearchString,
  schoolYearChoices,
  schoolYearLabel,
  schoolYearOf,
  shownText,
  type DashboardParam,
  type FigureKey,
} from "~/domain/dashboard.ts";
import {
  EVENT_LEVEL_LABELS,
  EVENT_TYPE_LABELS,
  PROFESSIONAL_ROLE_LABELS,
  REGION_LABELS,
  SCHOOL_LEVEL_LABELS,
  labelOf,
  type Locale,
} from "~/domain/vocabulary.ts";
import { asLocale, translator, useLocale, useT } from "~/i18n/i18n.tsx";
import type { MessageKey } from "~/i18n/messages.ts";
import { dashboardRefreshMs } from "~/models/dashboard-summary.server.ts";
import { loadDashboardView, type DashboardTable } from "~/models/dashboard-view.server.ts";
import { formatShortDate, formatTime } from "~/utils/dates.ts";
import dashboardCssHref from "~/styles/dashboard.css?url";
import { useId } from "react";
import { ScrollRegion } from "~/components/scroll-region.tsx";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: dashboardCssHref }];

export const meta: MetaFunction<typeof loader> = ({ matches }) => {
  const root = matches.find((m) => m.id === "root")?.data as { locale?: string } | undefined;
  return [{ title: translator(asLocale(root?.locale))("dashboard.meta.title") }];
};

export async function loader({ request }: LoaderFunctionArgs) {
  const now = new Date();
  const view = await loadDashboardView(request, now);
  const current = schoolYearOf(now);
  return {
    filters: view.filters,
    ignored: view.ignored,
    scope: view.scope,
    regionChoices: view.regionChoices,
    computedAt: view.computedAt.toISOString(),
    tables: view.tables,
    years: schoolYearChoices(current, view.filters.year),
    refreshMinutes: Math.round(dashboardRefreshMs() / 60_000),
  };
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

const FILTER_LABEL: Record<DashboardParam, MessageKey> = {
  year: "dashboard.filters.year",
  region: "dashboard.filters.region",
  schoolLevel: "dashboard.filters.schoolLevel",
  role: "dashboard.filters.role",
  type: "dashboard.filters.type",
  level: "dashboard.filters.level",
  by: "dashboard.filters.by",
};

function options(labels: Record<string, { it: string; en: string }>, locale: Locale) {
  return Object.entries(labels).map(([value, label]) => ({ value, label: label[locale] }));
}

function Select({
  name,
  value,
  choices,
  any = true,
}: {
  name: DashboardParam;
  value: string | number | undefined;
  choices: { value: string; label: string }[];
  any?: boolean;
}) {
  const t = useT();
  return (
    <div className="col-12 col-md-6 col-lg-4 mb-3">
      <label htmlFor={`f-${name}`} className="form-label fw-semibold">
        {t(FILTER_LABEL[name])}
      </label>
      <select id={`f-${name}`} name={name} defaultValue={value ?? ""} className="form-select">
        {any ? <option value="">{t("dashboard.filters.any")}</option> : null}
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function Filters({ data }: { data: LoaderData }) {
  const t = useT();
  const locale = useLocale();
  const { filters, scope } = data;
  return (
    // The key resets the uncontrolled selects when the URL changes ("Azzera i filtri", the back button): they
    // kept the old choices, above figures read without them (as the catalogue's filters did).
    <Form method="get" key={dashboardSearchString(filters)} className="mb-4" aria-labelledby="filters-title">
      <h2 id="filters-title" className="h4">
        {t("dashboard.filters.title")}
      </h2>
      <div className="row">
        <Select
          name="year"
          value={filters.year}
          any={false}
          choices={data.years.map((y) => ({ value: String(y), label: schoolYearLabel(y) }))}
        />
        {scope.kind === "national" ? (
          <Select name="region" value={filters.region} choices={options(REGION_LABELS, locale)} />
        ) : data.regionChoices.length > 1 ? (
          // A referent of several regions: one of theirs at a time (the loader refuses any other).
          <Select
            name="region"
            value={filters.region}
            any={false}
            choices={data.regionChoices.map((code) => ({ value: code, label: labelOf(REGION_LABELS, code, locale) }))}
          />
        ) : null}
        <Select name="schoolLevel" value={filters.schoolLevel} choices={options(SCHOOL_LEVEL_LABELS, locale)} />
        <Select name="role" value={filters.role} choices={options(PROFESSIONAL_ROLE_LABELS, locale)} />
        <Select name="type" value={filters.type} choices={options(EVENT_TYPE_LABELS, locale)} />
        <Select name="level" value={filters.level} choices={options(EVENT_LEVEL_LABELS, locale)} />
        <Select
          name="by"
          value={filters.by}
          any={false}
          choices={DASHBOARD_DIMENSIONS.filter((d) => scope.kind === "national" || d !== "region").map((d) => ({
            value: d,
            label: t(`dashboard.by.${d}` as MessageKey),
          }))}
        />
      </div>
      <button type="submit" className="btn btn-primary me-3">
        {t("dashboard.filters.submit")}
      </button>
      <Link to="/cruscotto">{t("dashboard.filters.reset")}</Link>
    </Form>
  );
}

function Downloads({ table, search }: { table: DashboardTable; search: string }) {
  const t = useT();
  const query = `?${search}${search ? "&" : ""}table=${table.id}`;
  return (
    <p className="small">
      {t("dashboard.download")}
      <a
        href={`/cruscotto.csv${query}`}
        download
        // The name holds the visible words (WCAG 2.5.3 label in name), so "CSV" or "Excel" said aloud follows it.
        aria-label={t("dashboard.download.label", { table: table.title, format: t("dashboard.download.csv") })}
      >
        {t("dashboard.download.csv")}
      </a>
      {" · "}
      <a
        href={`/cruscotto.xlsx${query}`}
        download
        aria-label={t("dashboard.download.label", { table: table.title, format: t("dashboard.download.xlsx") })}
      >
        {t("dashboard.download.xlsx")}
      </a>
    </p>
  );
}

const isPercent = (k: FigureKey) => PERCENT_FIGURES.includes(k);

function FigureTable({ table }: { table: DashboardTable }) {
  const t = useT();
  const locale = useLocale();
  const captionId = useId();
  if (table.rows.length === 0) return <p>{t("dashboard.breakdown.empty")}</p>;
  return (
    <ScrollRegion labelledBy={captionId}>
      <table className="table table-sm">
        <caption id={captionId}>{table.title}</caption>
        <thead>
          <tr>
            <th scope="col">{table.keyHeader}</th>
            {FIGURE_KEYS.map((k) => (
              <th key={k} scope="col" className="text-end">
                {t(`dashboard.figure.${k}` as MessageKey)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((r) => (
            <tr key={r.key}>
              <th scope="row" className="fw-normal">
                {r.label}
              </th>
              {FIGURE_KEYS.map((k) => (
                <td key={k} className="text-end">
                  {r.figures[k] === null ? (
                    // The dash is what the eye reads; a screen reader and the keyboard get the words the
                    // mouse's tooltip holds (a title alone was read as "—" or nothing).
                    <span title={t("dashboard.notApplicable")}>
                      <span aria-hidden="true">—</span>
                      <span className="visually-hidden">{t("dashboard.notApplicable")}</span>
                    </span>
                  ) : (
                    shownText(r.figures[k], locale, { percent: isPercent(k) })
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

const chartRows = (table: DashboardTable, key: FigureKey): ChartRow[] =>
  table.rows.map((r) => ({ key: r.key, label: r.label, value: r.figures[key] }));

export default function DashboardPage() {
  const t = useT();
  const locale = useLocale();
  const data = useLoaderData<typeof loader>();
  const { filters, scope, tables, ignored } = data;
  const search = dashboardSearchString(filters);
  const totals = tables.totals!;
  const computedAt = new Date(data.computedAt);
  const dimension = t(`dashboard.by.${filters.by}` as MessageKey);
  return (
    <div>
      <h1>{t("dashboard.title")}</h1>
      <p>
        {scope.kind === "national"
          ? t("dashboard.intro.national")
          : t("dashboard.intro.region", { region: labelOf(REGION_LABELS, scope.regionCode, locale) })}
      </p>
      <p className="text-muted">
        {t("dashboard.freshness", {
          time: formatTime(computedAt, locale),
          date: formatShortDate(computedAt, locale),
          minutes: data.refreshMinutes,
        })}
      </p>
      {ignored.length > 0 ? (
        <div className="alert alert-warning" role="status">
          {t("dashboard.filters.ignored", { names: ignored.map((p) => t(FILTER_LABEL[p])).join(", ") })}
        </div>
      ) : null}

      <Filters data={data} />

      <section aria-labelledby="totals-title" className="mb-5">
        <h2 id="totals-title">{totals.title}</h2>
        <dl className="dashboard-figures">
          {FIGURE_KEYS.map((k) => (
            <div key={k}>
              <dt>{t(`dashboard.figure.${k}` as MessageKey)}</dt>
              <dd>{shownText(totals.rows[0]!.figures[k], locale, { percent: isPercent(k) })}</dd>
            </div>
          ))}
        </dl>
        <Downloads table={totals} search={search} />
      </section>

      {tables.regions ? (
        <section aria-labelledby="regions-title" className="mb-5">
          <h2 id="regions-title">{tables.regions.title}</h2>
          <p>{t("dashboard.regions.legend")}</p>
          <RegionTiles title={tables.regions.title} rows={chartRows(tables.regions, "teachers")} />
          <FigureTable table={tables.regions} />
          <Downloads table={tables.regions} search={search} />
        </section>
      ) : null}

      {filters.by !== "month" && tables.breakdown ? (
        <section aria-labelledby="breakdown-title" className="mb-5">
          <h2 id="breakdown-title">{tables.breakdown.title}</h2>
          {tables.breakdown.rows.length > 0 ? (
            <BarChart
              title={`${t("dashboard.figure.enrolled")} · ${dimension}`}
              rows={chartRows(tables.breakdown, "enrolled")}
            />
          ) : null}
          <FigureTable table={tables.breakdown} />
          <Downloads table={tables.breakdown} search={search} />
        </section>
      ) : null}

      <section aria-labelledby="months-title" className="mb-5">
        <h2 id="months-title">{tables.months!.title}</h2>
        <LineChart title={t("dashboard.months.chartTitle")} rows={chartRows(tables.months!, "enrolled")} />
        <FigureTable table={tables.months!} />
        <Downloads table={tables.months!} search={search} />
      </section>

      <section aria-labelledby="definitions-title">
        <h2 id="definitions-title" className="h4">
          {t("dashboard.definitions.title")}
        </h2>
        <p>{t("dashboard.definitions.text")}</p>
      </section>
    </div>
  );
}
