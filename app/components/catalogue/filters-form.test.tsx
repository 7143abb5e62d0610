import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { options } from "~/components/form-fields.tsx";
import { REGION_LABELS } from "~/domain/vocabulary.ts";
import { CATALOGUE_MAX_QUERY_WORDS, type CatalogueFilters } from "~/domain/catalogue-filters.ts";
import { translator } from "~/i18n/i18n.tsx";
import { renderMarkupOnce } from "~/utils/markup-once.server.ts";
import { renderInRouter } from "../../../tests/support/render-in-router.tsx";
import { CatalogueFiltersForm, FILTER_SELECTS, optionListHtml } from "./filters-form.tsx";

describe("the catalogue filters' option lists (written once, not rendered per request)", () => {
  it("are the HTML React renders for the same options and chosen value, in both languages", () => {
    let compared = 0;
    for (const locale of ["it", "en"] as const) {
      const any = translator(locale)("catalogue.filters.any");
      for (const [name, labels] of Object.entries(FILTER_SELECTS)) {
        for (const value of [undefined, ...Object.keys(labels)]) {
          const react = renderToStaticMarkup(
            <select id={`filtro-${name}`} name={name} defaultValue={value ?? ""}>
              <option value="">{any}</option>
              {options(labels, locale).map((c) => (
                <option key={c.value} value={c.value}>
                  {c.label}
                </option>
              ))}
            </select>,
          );
          const ours = renderToStaticMarkup(
            <select
              id={`filtro-${name}`}
              name={name}
              defaultValue={value ?? ""}
              dangerouslySetInnerHTML={{ __html: optionListHtml(name, labels, locale, any, value) }}
            />,
          );
          expect(ours).toBe(react);
          expect(ours.match(/ selected=""/g)).toHaveLength(1);
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(100);
  });

  it("escapes labels as React does (Valle d'Aosta)", () => {
    expect(optionListHtml("region", REGION_LABELS, "it", "Qualsiasi", "valle-d-aosta")).toContain(
      '<option value="valle-d-aosta" selected="">Valle d&#x27;Aosta</option>',
    );
  });
});

describe("the catalogue's filter form written on the server", () => {
  const FILTERS: CatalogueFilters[] = [
    {},
    { q: `l'arte & "il" <codice> è`, freeSeats: true },
    { from: "2027-01-01", to: "2027-01-31", level: "regionale", region: "valle-d-aosta" },
    ...Object.entries(FILTER_SELECTS).flatMap(([name, labels]) =>
      Object.keys(labels).map((value) => ({ [name]: value }) as CatalogueFilters),
    ),
    {
      q: "eTwinning",
      type: "webinar",
      level: "nazionale",
      mode: "online",
      schoolLevel: "primaria",
      role: "docente",
      from: "2027-02-01",
      freeSeats: true,
    },
    // No field of its own: a hidden input keeps it while the others change (its chip removes it).
    { publishedSince: "2026-12-03T08:15:00.000Z", region: "campania" },
  ];

  it("gives React's own markup for every chosen value and field, in both languages", async () => {
    for (const locale of ["it", "en"] as const)
      for (const filters of FILTERS) {
        const form = <CatalogueFiltersForm filters={filters} />;
        const plain = await renderInRouter(form, { locale });
        expect(
          await renderInRouter(form, { locale, renderer: renderMarkupOnce }),
          `${locale} ${JSON.stringify(filters)}`,
        ).toBe(plain);
        expect(plain).toContain('<select id="filtro-region" name="region">');
      }
  });

  it("says how many words of the search count (the rest are not searched)", async () => {
    const it_ = await renderInRouter(<CatalogueFiltersForm filters={{}} />, {
      locale: "it",
      renderer: renderMarkupOnce,
    });
    expect(it_).toContain(`Tutte le parole devono essere presenti (contano le prime ${CATALOGUE_MAX_QUERY_WORDS})`);
    const en = await renderInRouter(<CatalogueFiltersForm filters={{}} />, { locale: "en" });
    expect(en).toContain(`Every word must be present (the first ${CATALOGUE_MAX_QUERY_WORDS} count)`);
  });
});
