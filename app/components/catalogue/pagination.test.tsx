// The catalogue's page links written as a string on the server (paginationListHtml, ADR 0046) are
// byte for byte what React renders with Links, which the browser hydrates: first, middle, last and
// out-of-range pages, short and long result lists, with and without filters, in both languages.
import { describe, expect, it } from "vitest";
import type { CatalogueFilters } from "~/domain/catalogue-filters.ts";
import { renderMarkupOnce } from "~/utils/markup-once.server.ts";
import { renderInRouter } from "../../../tests/support/render-in-router.tsx";
import { CataloguePagination } from "./pagination.tsx";

const FILTERS: CatalogueFilters[] = [
  {},
  { q: `l'arte & "il" <codice>`, region: "valle-d-aosta", level: "regionale" },
  { type: "webinar", freeSeats: true, from: "2027-01-01", to: "2027-01-31", schoolLevel: "primaria", role: "docente" },
];

describe("the catalogue's page links written on the server", () => {
  it("give React's own markup for every page of short and long lists, in both languages", async () => {
    let compared = 0;
    for (const locale of ["it", "en"] as const)
      for (const filters of FILTERS)
        for (const pageCount of [1, 2, 3, 7, 12, 500])
          for (const page of new Set([1, 2, 3, 4, 6, pageCount - 1, pageCount, pageCount + 3].filter((p) => p >= 1))) {
            const element = <CataloguePagination filters={filters} page={page} pageCount={pageCount} />;
            const plain = await renderInRouter(element, { locale });
            expect(
              await renderInRouter(element, { locale, renderer: renderMarkupOnce }),
              `${locale} ${JSON.stringify(filters)} ${page}/${pageCount}`,
            ).toBe(plain);
            if (pageCount > 1) expect(plain).toContain('class="page-link"');
            compared++;
          }
    expect(compared).toBeGreaterThan(200);
  });
});
