// /gestione/edizioni/:id/attestati.zip: every valid certificate of the edition as one ZIP of PDFs,
// with the organiser's letterhead (issue 15, item 5), streamed as it is rendered. Only for an
// organiser who manages the event (requireManagedEdition); 404 when there is none to download.
import { createReadableStreamFromReadable, type LoaderFunctionArgs } from "@remix-run/node";
import { editionCertificatesZip } from "~/models/certificate-pdf.server.ts";
import { requireManagedEdition } from "~/models/edition-scope.server.ts";
import { requireOrganiser } from "~/utils/auth.server.ts";
import { getEnv } from "~/utils/env.server.ts";
import { idParam } from "~/utils/route-params.server.ts";
import { guardDownload } from "~/utils/download-refusal.server.ts";
import { resourceNotFound } from "~/utils/plain-page.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await guardDownload("certificates", () => requireOrganiser(request));
  const scope = await guardDownload("certificates", () => requireManagedEdition(actor, idParam(params.editionId)));
  const { count, stream } = await editionCertificatesZip(scope, getEnv().APP_ORIGIN);
  if (count === 0) {
    stream.destroy();
    throw resourceNotFound({
      it: "Nessun attestato valido in questa edizione.",
      en: "There is no valid certificate in this edition.",
    });
  }
  return new Response(createReadableStreamFromReadable(stream), {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="attestati-edizione-${scope.id}.zip"`,
      "Cache-Control": "private, no-store",
    },
  });
}
