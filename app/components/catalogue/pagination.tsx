// Page links for the catalogue's results; each link keeps the filters, so any page can be shared.
// The server writes them as a string (paginationHtml, ADR 0046), the browser renders the same
// markup with Links and hydrates it: pagination.test.tsx compares the two.
import { Link } from "@remix-run/react";
import { ServerHtml } from "~/components/layout/markup-once.tsx";
import { catalogueSearchString, pageWindow, type CatalogueFilters } from "~/domain/catalogue-filters.ts";
import { useT, type Translate } from "~/i18n/i18n.tsx";
import { escapeHtml } from "~/utils/html-escape.ts";

type Props = { filters: CatalogueFilters; page: number; pageCount: number };

/** The links' targets and the window of pages, for both renderings. */
function pagination({ filters, page, pageCount }: Props) {
  // The filters' query string once; each link adds its page as catalogueSearchString(filters, p) would.
  const search = catalogueSearchString(filters);
  const href = (p: number) => (p > 1 ? `/eventi${search ? `${search}&` : "?"}page=${p}` : `/eventi${search}`);
  return { href, pages: pageWindow(Math.min(page, pageCount), pageCount) };
}

function PaginationList({ filters, page, pageCount, t }: Props & { t: Translate }) {
  const { href, pages } = pagination({ filters, page, pageCount });
  return (
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
      {pages.map((p, i) =>
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
  );
}

/** A Link with class "page-link" as React renders it in the router (Remix marks internal links for discovery). */
const pageLinkHtml = (href: string, label: string, content: string) =>
  `<a class="page-link" aria-label="${escapeHtml(label)}" data-discover="true" href="${escapeHtml(href)}">${content}</a>`;

/** The HTML React renders for <PaginationList>. */
export function paginationListHtml(props: Props, t: Translate): string {
  const { page, pageCount } = props;
  const { href, pages } = pagination(props);
  let html = `<ul class="pagination flex-wrap">`;
  if (page > 1)
    html += `<li class="page-item">${pageLinkHtml(
      href(Math.min(page - 1, pageCount)),
      t("catalogue.pagination.previousLabel"),
      `<span aria-hidden="true">‹</span> <!-- -->${escapeHtml(t("catalogue.pagination.previous"))}`,
    )}</li>`;
  for (const p of pages) {
    if (p === null) html += `<li class="page-item" aria-hidden="true"><span class="page-link">…</span></li>`;
    else if (p === page)
      html += `<li class="page-item"><span class="page-link" aria-current="page"><span class="visually-hidden">${escapeHtml(
        t("catalogue.pagination.page", { page: p }),
      )}<!-- -->: </span><span aria-hidden="true">${p}</span></span></li>`;
    else
      html += `<li class="page-item">${pageLinkHtml(href(p), t("catalogue.pagination.page", { page: p }), `${p}`)}</li>`;
  }
  if (page < pageCount)
    html += `<li class="page-item">${pageLinkHtml(
      href(page + 1),
      t("catalogue.pagination.nextLabel"),
      `${escapeHtml(t("catalogue.pagination.next"))}<!-- --> <span aria-hidden="true">›</span>`,
    )}</li>`;
  return `${html}</ul>`;
}

export function CataloguePagination({ filters, page, pageCount }: Props) {
  const t = useT();
  if (pageCount <= 1) return null;
  return (
    <ServerHtml
      tag="nav"
      attributes={{
        className: "pagination-wrapper justify-content-center mt-4",
        "aria-label": t("catalogue.pagination.label"),
      }}
      html={() => paginationListHtml({ filters, page, pageCount }, t)}
    >
      <PaginationList filters={filters} page={page} pageCount={pageCount} t={t} />
    </ServerHtml>
  );
}
