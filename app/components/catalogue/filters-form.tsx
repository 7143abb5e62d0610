// The catalogue's filters: a GET form, so the URL holds the search and can be shared or bookmarked.
// Works without JavaScript; with it, empty fields are left out of the URL.
import { Form, Link, useNavigation, useSubmit } from "@remix-run/react";
import type { FormEvent } from "react";
import { CATALOGUE_MAX_QUERY_WORDS, type CatalogueFilters } from "~/domain/catalogue-filters.ts";
import {
  EVENT_LEVEL_LABELS,
  EVENT_MODE_LABELS,
  EVENT_TYPE_LABELS,
  PROFESSIONAL_ROLE_LABELS,
  REGION_LABELS,
  SCHOOL_LEVEL_LABELS,
  type Locale,
} from "~/domain/vocabulary.ts";
import { options } from "~/components/form-fields.tsx";
import { useServerRender } from "~/components/layout/markup-once.tsx";
import { useLocale, useT, type Translate } from "~/i18n/i18n.tsx";
import type { MessageKey } from "~/i18n/messages.ts";
import { escapeHtml } from "~/utils/html-escape.ts";

type Labelled = Parameters<typeof options>[0];

/** The vocabulary behind each select of the form. */
export const FILTER_SELECTS = {
  type: EVENT_TYPE_LABELS,
  level: EVENT_LEVEL_LABELS,
  region: REGION_LABELS,
  mode: EVENT_MODE_LABELS,
  schoolLevel: SCHOOL_LEVEL_LABELS,
  role: PROFESSIONAL_ROLE_LABELS,
} satisfies Partial<Record<keyof CatalogueFilters, Labelled>>;

const optionListCache = new Map<string, string>();

/**
 * A select's options as HTML, exactly as React renders `<option>` children with the select's
 * defaultValue (the chosen one `selected=""`): "any" first, then every value of the vocabulary.
 * The lists are the same on every catalogue page, so each (field, language, chosen value) is
 * written once per process instead of rendering 55 option elements per request
 * (docs/decisions/0028-catalogue-page-outside-its-sql.md). Exported for its test against React.
 */
export function optionListHtml(
  name: string,
  labels: Labelled,
  locale: Locale,
  anyLabel: string,
  value: string | undefined,
): string {
  const chosen = value ?? "";
  const key = `${name}\u0000${locale}\u0000${anyLabel}\u0000${chosen}`;
  let html = optionListCache.get(key);
  if (html === undefined) {
    html = [{ value: "", label: anyLabel }, ...options(labels, locale)]
      .map(
        (c) =>
          `<option value="${escapeHtml(c.value)}"${c.value === chosen ? ' selected=""' : ""}>${escapeHtml(c.label)}</option>`,
      )
      .join("");
    optionListCache.set(key, html);
  }
  return html;
}

type SelectProps = {
  name: keyof typeof FILTER_SELECTS;
  label: string;
  value: string | undefined;
  locale: Locale;
  any: string;
};

function Select({ name, label, value, locale, any }: SelectProps) {
  const id = `filtro-${name}`;
  return (
    <div className="select-wrapper form-group">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        name={name}
        defaultValue={value ?? ""}
        dangerouslySetInnerHTML={{ __html: optionListHtml(name, FILTER_SELECTS[name], locale, any, value) }}
      />
    </div>
  );
}

export function CatalogueFiltersForm({ filters }: { filters: CatalogueFilters }) {
  const t = useT();
  const locale = useLocale();
  const submit = useSubmit();
  const navigation = useNavigation();
  const searching = navigation.state === "loading" && navigation.location?.pathname === "/eventi";
  // On the server (never searching there) the fields are written as a string (ADR 0046).
  const server = useServerRender() && !searching;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const [name, value] of new FormData(event.currentTarget)) {
      if (typeof value === "string" && value.trim() !== "") params.append(name, value.trim());
    }
    // The page stays where it was (no jump back to its top): on a phone the results are just below the button, under
    // 1,300 px of filters (review as a teacher, 08/12/2026).
    submit(params, { method: "get", action: "/eventi", preventScrollReset: true });
  }

  // The key resets the uncontrolled fields when the URL changes (back button, "clear filters").
  const key = JSON.stringify(filters);
  return (
    <Form
      method="get"
      action="/eventi"
      onSubmit={onSubmit}
      key={key}
      className="filters"
      aria-labelledby="filtri-titolo"
      {...(server
        ? { dangerouslySetInnerHTML: { __html: filtersFieldsHtml(filters, t, locale) } }
        : { children: <FiltersFields filters={filters} searching={searching} t={t} locale={locale} /> })}
    />
  );
}

type FieldsProps = { filters: CatalogueFilters; searching: boolean; t: Translate; locale: Locale };

/** The form's content, as the browser renders it. */
function FiltersFields({ filters, searching, t, locale }: FieldsProps) {
  const any = t("catalogue.filters.any");
  const select = (name: keyof typeof FILTER_SELECTS) => (
    <Select name={name} label={t(`catalogue.filters.${name}`)} value={filters[name]} locale={locale} any={any} />
  );
  return (
    <>
      <h2 id="filtri-titolo" className="h4 mb-3">
        {t("catalogue.filters.title")}
      </h2>
      <div className="form-group">
        <label htmlFor="filtro-q" className="active">
          {t("catalogue.filters.q")}
        </label>
        <input
          id="filtro-q"
          name="q"
          type="search"
          className="form-control"
          defaultValue={filters.q ?? ""}
          maxLength={200}
          aria-describedby="filtro-q-hint"
        />
        <small id="filtro-q-hint" className="form-text">
          {t("catalogue.filters.qHint", { max: CATALOGUE_MAX_QUERY_WORDS })}
        </small>
      </div>
      {select("type")}
      {select("level")}
      {select("region")}
      {select("mode")}
      <fieldset className="mb-3">
        <legend>{t("catalogue.filters.audience")}</legend>
        {select("schoolLevel")}
        {select("role")}
      </fieldset>
      <fieldset className="mb-3" aria-describedby="filtro-date-hint">
        <legend>{t("catalogue.filters.dates")}</legend>
        <p id="filtro-date-hint" className="form-text small">
          {t("catalogue.filters.datesHint")}
        </p>
        <div className="form-group">
          <label htmlFor="filtro-from" className="active">
            {t("catalogue.filters.from")}
          </label>
          <input id="filtro-from" name="from" type="date" className="form-control" defaultValue={filters.from ?? ""} />
        </div>
        <div className="form-group">
          <label htmlFor="filtro-to" className="active">
            {t("catalogue.filters.to")}
          </label>
          <input id="filtro-to" name="to" type="date" className="form-control" defaultValue={filters.to ?? ""} />
        </div>
      </fieldset>
      <div className="form-check mb-4">
        <input
          id="filtro-freeSeats"
          name="freeSeats"
          type="checkbox"
          value="1"
          defaultChecked={filters.freeSeats ?? false}
        />
        <label htmlFor="filtro-freeSeats">{t("catalogue.filters.freeSeats")}</label>
      </div>
      {filters.publishedSince ? <input type="hidden" name="publishedSince" value={filters.publishedSince} /> : null}
      <div className="d-flex flex-wrap gap-2 align-items-center">
        {/* Their ids let NavigationFocus give the focus back to the button or link drawn anew after the search. */}
        <button id="filtri-cerca" type="submit" className="btn btn-primary" aria-disabled={searching || undefined}>
          {t("catalogue.filters.submit")}
        </button>
        <Link id="filtri-azzera" to="/eventi" preventScrollReset className="btn btn-outline-primary">
          {t("catalogue.filters.reset")}
        </Link>
      </div>
    </>
  );
}

/** The HTML React renders for <FiltersFields> when not searching (the server's case). */
export function filtersFieldsHtml(filters: CatalogueFilters, t: Translate, locale: Locale): string {
  const any = t("catalogue.filters.any");
  const e = (key: MessageKey) => escapeHtml(t(key));
  const select = (name: keyof typeof FILTER_SELECTS) =>
    `<div class="select-wrapper form-group"><label for="filtro-${name}">${e(`catalogue.filters.${name}`)}</label>` +
    `<select id="filtro-${name}" name="${name}">${optionListHtml(name, FILTER_SELECTS[name], locale, any, filters[name])}</select></div>`;
  const date = (name: "from" | "to") =>
    `<div class="form-group"><label for="filtro-${name}" class="active">${e(`catalogue.filters.${name}`)}</label>` +
    `<input id="filtro-${name}" name="${name}" type="date" class="form-control" value="${escapeHtml(filters[name] ?? "")}"/></div>`;
  return (
    `<h2 id="filtri-titolo" class="h4 mb-3">${e("catalogue.filters.title")}</h2>` +
    `<div class="form-group"><label for="filtro-q" class="active">${e("catalogue.filters.q")}</label>` +
    `<input id="filtro-q" name="q" type="search" class="form-control" maxLength="200" aria-describedby="filtro-q-hint" value="${escapeHtml(filters.q ?? "")}"/>` +
    `<small id="filtro-q-hint" class="form-text">${escapeHtml(t("catalogue.filters.qHint", { max: CATALOGUE_MAX_QUERY_WORDS }))}</small></div>` +
    select("type") +
    select("level") +
    select("region") +
    select("mode") +
    `<fieldset class="mb-3"><legend>${e("catalogue.filters.audience")}</legend>${select("schoolLevel")}${select("role")}</fieldset>` +
    `<fieldset class="mb-3" aria-describedby="filtro-date-hint"><legend>${e("catalogue.filters.dates")}</legend>` +
    `<p id="filtro-date-hint" class="form-text small">${e("catalogue.filters.datesHint")}</p>${date("from")}${date("to")}</fieldset>` +
    `<div class="form-check mb-4"><input id="filtro-freeSeats" name="freeSeats" type="checkbox"${filters.freeSeats ? ' checked=""' : ""} value="1"/>` +
    `<label for="filtro-freeSeats">${e("catalogue.filters.freeSeats")}</label></div>` +
    // "Published since" has no field: kept while the other filters change, removed by its chip (ActiveFilters).
    (filters.publishedSince
      ? `<input type="hidden" name="publishedSince" value="${escapeHtml(filters.publishedSince)}"/>`
      : "") +
    `<div class="d-flex flex-wrap gap-2 align-items-center"><button id="filtri-cerca" type="submit" class="btn btn-primary">${e("catalogue.filters.submit")}</button>` +
    `<a id="filtri-azzera" class="btn btn-outline-primary" data-discover="true" href="/eventi">${e("catalogue.filters.reset")}</a></div>`
  );
}
