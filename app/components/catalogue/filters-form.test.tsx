import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { options } from "~/components/form-fields.tsx";
import { REGION_LABELS } from "~/domain/vocabulary.ts";
import { translator } from "~/i18n/i18n.tsx";
import { FILTER_SELECTS, optionListHtml } from "./filters-form.tsx";

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
