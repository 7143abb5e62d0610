import type { LoaderFunctionArgs } from "@remix-run/node";
import { editionCsv, loadEditionForOrganiser } from "~/models/enrolment-views.server.ts";
import { requireManagedEdition } from "~/models/edition-scope.server.ts";
import { requireOrganiser } from "~/utils/auth.server.ts";
import { translator } from "~/i18n/i18n.tsx";
import { getLocale } from "~/utils/locale.server.ts";
import { idParam } from "~/utils/route-params.server.ts";
import { guardDownload } from "~/utils/download-refusal.server.ts";
import { resourceNotFound } from "~/utils/plain-page.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, actor } = await guardDownload("participants", () => requireOrganiser(request));
  await guardDownload("participants", () => requireManagedEdition(actor, idParam(params.editionId)));
  const overview = await loadEditionForOrganiser(idParam(params.editionId));
  if (!overview) throw resourceNotFound();
  const locale = await getLocale(request, user.locale);
  const csv = editionCsv(overview, locale);
  // Named in the file's language (its headers are in it).
  const filename = `${translator(locale)("participants.file.list", { edition: overview.edition.number, id: overview.edition.id })}.csv`;
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
