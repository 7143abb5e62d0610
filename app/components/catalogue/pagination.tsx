// Page links for the catalogue's results; each link keeps the filters, so any page can be shared.
import { Link } from "@remix-run/react";
import { catalogueSearchString, pageWindow, type CatalogueFilters } from "~/domain/catalogue-filters.ts";
import { useT } from "~/i18n/i18n.tsx";

export function CataloguePagination({
  filters,
  page,
  pageCount,
}: {
  filters: CatalogueFilters;
  page: number;
  pageCount: number;
}) {
  const t = useT();
  if (pageCount <= 1) return null;
  // The filters' query string once; each link adds its page as catalogueSearchString(filters, p) would.
  const search = catalogueSearchString(filters);
  const href = (p: number) => (p > 1 ? `/eventi${search ? `${search}&` : "?"}page=${p}` : `/eventi${search}`);
  return (
    <nav className="pagination-wrapper justify-content-center mt-4" aria-label={t("catalogue.pagination.label")}>
      <ul className="pagination flex-wrap">
        {page > 1 ? (
          <li className="page-item">
            <Link
              className="page-link"
              to={href(Math.min(page - 1, pageCount))}
              aria-label={t("catalogue.pagination.previousLabel")}
            >
              <span aria-hidden="true">‹</span> {t("catalogue.pagination.previous")}
            </Link>
          </li>
        ) : null}
        {pageWindow(Math.min(page, pageCount), pageCount).map((p, i) =>
          p === null ? (
            <li className="page-item" key={`gap-${i}`} aria-hidden="true">
              <span className="page-link">…</span>
            </li>
          ) : (
            <li className="page-item" key={p}>
              {p === page ? (
                <span className="page-link" aria-current="page">
                  <span className="visually-hidden">{t("catalogue.pagination.page", { page: p })}: </span>
                  <span aria-hidden="true">{p}</span>
                </span>
              ) : (
                <Link className="page-link" to={href(p)} aria-label={t("catalogue.pagination.page", { page: p })}>
                  {p}
                </Link>
              )}
            </li>
          ),
        )}
        {page < pageCount ? (
          <li className="page-item">
            <Link className="page-link" to={href(page + 1)} aria-label={t("catalogue.pagination.nextLabel")}>
              {t("catalogue.pagination.next")} <span aria-hidden="true">›</span>
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
