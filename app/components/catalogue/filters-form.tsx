// The catalogue's filters: a GET form, so the URL holds the search and can be shared or bookmarked.
// Works without JavaScript; with it, empty fields are left out of the URL.
import { Form, Link, useNavigation, useSubmit } from "@remix-run/react";
import type { FormEvent } from "react";
import type { CatalogueFilters } from "~/domain/catalogue-filters.ts";
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
import { useLocale, useT } from "~/i18n/i18n.tsx";
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

function Select({
  name,
  label,
  value,
  labels,
}: {
  name: keyof CatalogueFilters;
  label: string;
  value: string | undefined;
  labels: Labelled;
}) {
  const t = useT();
  const locale = useLocale();
  const id = `filtro-${name}`;
  return (
    <div className="select-wrapper form-group">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        name={name}
        defaultValue={value ?? ""}
        dangerouslySetInnerHTML={{ __html: optionListHtml(name, labels, locale, t("catalogue.filters.any"), value) }}
      />
    </div>
  );
}

export function CatalogueFiltersForm({ filters }: { filters: CatalogueFilters }) {
  const t = useT();
  const submit = useSubmit();
  const navigation = useNavigation();
  const searching = navigation.state === "loading" && navigation.location?.pathname === "/eventi";

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const [name, value] of new FormData(event.currentTarget)) {
      if (typeof value === "string" && value.trim() !== "") params.append(name, value.trim());
    }
    submit(params, { method: "get", action: "/eventi" });
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
    >
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
          {t("catalogue.filters.qHint")}
        </small>
      </div>
      <Select name="type" label={t("catalogue.filters.type")} value={filters.type} labels={FILTER_SELECTS.type} />
      <Select name="level" label={t("catalogue.filters.level")} value={filters.level} labels={FILTER_SELECTS.level} />
      <Select
        name="region"
        label={t("catalogue.filters.region")}
        value={filters.region}
        labels={FILTER_SELECTS.region}
      />
      <Select name="mode" label={t("catalogue.filters.mode")} value={filters.mode} labels={FILTER_SELECTS.mode} />
      <fieldset className="mb-3">
        <legend>{t("catalogue.filters.audience")}</legend>
        <Select
          name="schoolLevel"
          label={t("catalogue.filters.schoolLevel")}
          value={filters.schoolLevel}
          labels={FILTER_SELECTS.schoolLevel}
        />
        <Select name="role" label={t("catalogue.filters.role")} value={filters.role} labels={FILTER_SELECTS.role} />
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
      <div className="d-flex flex-wrap gap-2 align-items-center">
        <button type="submit" className="btn btn-primary" aria-disabled={searching || undefined}>
          {t("catalogue.filters.submit")}
        </button>
        <Link to="/eventi" className="btn btn-outline-primary">
          {t("catalogue.filters.reset")}
        </Link>
      </div>
    </Form>
  );
}
