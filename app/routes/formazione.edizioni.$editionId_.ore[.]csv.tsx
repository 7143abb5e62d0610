import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRegisterEdition } from "~/models/register-scope.server.ts";
import { editionHoursCsv } from "~/models/register-export.server.ts";
import { requireUser } from "~/utils/auth.server.ts";
import { translator } from "~/i18n/i18n.tsx";
import { getLocale } from "~/utils/locale.server.ts";
import { idParam } from "~/utils/route-params.server.ts";
import { guardDownload } from "~/utils/download-refusal.server.ts";
import { resourceNotFound } from "~/utils/plain-page.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const edition = await guardDownload("register", () => requireRegisterEdition(user, idParam(params.editionId)));
  const locale = await getLocale(request, user.locale);
  const csv = await editionHoursCsv(edition.id, locale);
  if (csv === null) throw resourceNotFound();
  // Named in the file's language (its headers are in it).
  const name = translator(locale)("attendance.file.hours", { edition: edition.number, id: edition.id });
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
