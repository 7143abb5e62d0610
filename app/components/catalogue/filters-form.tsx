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
} from "~/domain/vocabulary.ts";
import { options } from "~/components/form-fields.tsx";
import { useLocale, useT } from "~/i18n/i18n.tsx";

function Select({
  name,
  label,
  value,
  choices,
}: {
  name: keyof CatalogueFilters;
  label: string;
  value: string | undefined;
  choices: { value: string; label: string }[];
}) {
  const t = useT();
  const id = `filtro-${name}`;
  return (
    <div className="select-wrapper form-group">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={value ?? ""}>
        <option value="">{t("catalogue.filters.any")}</option>
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function CatalogueFiltersForm({ filters }: { filters: CatalogueFilters }) {
  const t = useT();
  const locale = useLocale();
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
      <Select
        name="type"
        label={t("catalogue.filters.type")}
        value={filters.type}
        choices={options(EVENT_TYPE_LABELS, locale)}
      />
      <Select
        name="level"
        label={t("catalogue.filters.level")}
        value={filters.level}
        choices={options(EVENT_LEVEL_LABELS, locale)}
      />
      <Select
        name="region"
        label={t("catalogue.filters.region")}
        value={filters.region}
        choices={options(REGION_LABELS, locale)}
      />
      <Select
        name="mode"
        label={t("catalogue.filters.mode")}
        value={filters.mode}
        choices={options(EVENT_MODE_LABELS, locale)}
      />
      <fieldset className="mb-3">
        <legend>{t("catalogue.filters.audience")}</legend>
        <Select
          name="schoolLevel"
          label={t("catalogue.filters.schoolLevel")}
          value={filters.schoolLevel}
          choices={options(SCHOOL_LEVEL_LABELS, locale)}
        />
        <Select
          name="role"
          label={t("catalogue.filters.role")}
          value={filters.role}
          choices={options(PROFESSIONAL_ROLE_LABELS, locale)}
        />
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
