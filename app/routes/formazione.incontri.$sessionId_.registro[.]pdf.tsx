import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRegisterSession } from "~/models/register-scope.server.ts";
import { loadRegisterExport, registerFilename, renderRegisterPdf } from "~/models/register-export.server.ts";
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
  const pdf = await renderRegisterPdf(data, locale);
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${registerFilename(data, "pdf", locale)}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
