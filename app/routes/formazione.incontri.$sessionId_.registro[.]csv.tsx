import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRegisterSession } from "~/models/register-scope.server.ts";
import { loadRegisterExport, registerCsv, registerFilename } from "~/models/register-export.server.ts";
import { requireUser } from "~/utils/auth.server.ts";
import { getLocale } from "~/utils/locale.server.ts";
import { idParam } from "~/utils/route-params.server.ts";
import { guardDownload } from "~/utils/download-refusal.server.ts";
import { resourceNotFound } from "~/utils/plain-page.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const session = await guardDownload("register", () => requireRegisterSession(user, idParam(params.sessionId)));
  const data = await loadRegisterExport(session.id);
  if (!data) throw resourceNotFound();
  const locale = await getLocale(request, user.locale);
  return new Response(registerCsv(data, locale), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${registerFilename(data, "csv", locale)}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
