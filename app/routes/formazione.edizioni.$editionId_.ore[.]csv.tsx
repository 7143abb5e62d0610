import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRegisterEdition } from "~/models/register-scope.server.ts";
import { editionHoursCsv } from "~/models/register-export.server.ts";
import { actorOf, requireUser } from "~/utils/auth.server.ts";
import { getLocale } from "~/utils/locale.server.ts";
import { idParam } from "~/utils/route-params.server.ts";
import { resourceNotFound } from "~/utils/plain-page.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const edition = await requireRegisterEdition(actorOf(user), idParam(params.editionId));
  const csv = await editionHoursCsv(edition.id, await getLocale(request, user.locale));
  if (csv === null) throw resourceNotFound();
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="ore-edizione-${edition.number}-${edition.id}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
