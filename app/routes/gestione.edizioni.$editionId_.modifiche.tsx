// /gestione/edizioni/:id/modifiche: the edition's whole change log, a hundred rows a page, newest
// first. The edition page shows the latest hundred and links here for the older ones (a bulk move of
// N people writes 2N + 1 rows, ADR 0085). ?prima=<row id> continues after that row (keyset paging:
// rows written meanwhile never shift a page).
import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { AuditTable } from "~/components/audit-table.tsx";
import { editionAuditLine } from "~/components/edition-audit-line.ts";
import { partLang, useLocale, useT } from "~/i18n/i18n.tsx";
import { pageTitle } from "~/i18n/meta.ts";
import { loadEditionChangeLog } from "~/models/audit.server.ts";
import { requireManagedEdition } from "~/models/edition-scope.server.ts";
import { requireOrganiser } from "~/utils/auth.server.ts";
import { idParam, isIdShaped } from "~/utils/route-params.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, "title.editionChangeLog", data?.edition.event.title) },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await requireOrganiser(request);
  const { id } = await requireManagedEdition(actor, idParam(params.editionId));
  const prima = new URL(request.url).searchParams.get("prima");
  if (prima !== null && !isIdShaped(prima)) throw new Response("Pagina non valida", { status: 400 });
  const log = await loadEditionChangeLog(id, prima ?? undefined);
  return { ...log, paged: prima !== null };
}

export default function EditionChangeLogPage() {
  const { edition, rows, olderFrom, paged } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const base = `/gestione/edizioni/${edition.id}`;
  const more = [
    ...(olderFrom ? [{ to: `${base}/modifiche?prima=${olderFrom}`, label: t("organiserEdition.audit.older") }] : []),
    ...(paged ? [{ to: `${base}/modifiche`, label: t("organiserEdition.audit.newest") }] : []),
  ];
  return (
    <div>
      <p className="mb-1">
        <Link to={base}>← {t("participants.bulk.back", { number: edition.number })}</Link>
      </p>
      <h1 className="h2 mb-1">{t("organiserEdition.audit.pageTitle", { number: edition.number })}</h1>
      <p className="lead" lang={partLang(edition.event.titleLanguage, locale)}>
        {edition.event.title}
      </p>
      <AuditTable
        id="edition-audit"
        title={paged ? t("organiserEdition.audit.older") : t("organiserEdition.audit.newest")}
        empty={paged ? t("organiserEdition.audit.pageEmpty") : t("organiserEdition.audit.empty")}
        rows={rows}
        line={(row) => editionAuditLine(row, t, locale)}
        more={more}
      />
    </div>
  );
}
