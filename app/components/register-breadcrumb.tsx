// The trainer registers' trail (Registri presenze > Edizione N > page) and the page heading
// shared by an edition's sub-pages (certificates, closing).
import type { ReactNode } from "react";
import { Link } from "@remix-run/react";
import { partLang, useLocale, useT } from "~/i18n/i18n.tsx";

export type TrailItem = { label: string; to?: string };

// The last item is the current page (no link).
export function RegisterBreadcrumb({ items }: { items: TrailItem[] }) {
  const t = useT();
  return (
    <nav aria-label={t("certificates.breadcrumb")} className="breadcrumb-container">
      <ol className="breadcrumb">
        {items.map((item, index) =>
          index === items.length - 1 ? (
            <li key={index} className="breadcrumb-item active" aria-current="page">
              {item.label}
            </li>
          ) : (
            <li key={index} className="breadcrumb-item">
              {item.to ? <Link to={item.to}>{item.label}</Link> : item.label}
              <span className="separator" aria-hidden="true">
                /
              </span>
            </li>
          ),
        )}
      </ol>
    </nav>
  );
}

type EditionRef = { id: string; number: number; event: { title: string; titleLanguage: string } };

// Breadcrumb, title and lead ("event — Edizione N", then `leadSuffix`) of an edition's sub-page.
export function EditionPageHeading({
  edition,
  title,
  leadSuffix,
}: {
  edition: EditionRef;
  title: string;
  leadSuffix?: ReactNode;
}) {
  const t = useT();
  const locale = useLocale();
  const editionLabel = t("attendance.home.editionNumber", { number: edition.number });
  return (
    <>
      <RegisterBreadcrumb
        items={[
          { label: t("nav.registers"), to: "/formazione" },
          { label: editionLabel, to: `/formazione/edizioni/${edition.id}` },
          { label: title },
        ]}
      />
      <h1>{title}</h1>
      <p className="lead">
        <span lang={partLang(edition.event.titleLanguage, locale)}>{edition.event.title}</span> — {editionLabel}
        {leadSuffix}
      </p>
    </>
  );
}
