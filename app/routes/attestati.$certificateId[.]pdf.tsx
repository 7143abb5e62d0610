// The teacher's own certificate as a PDF, rendered from its snapshot. Only its holder, only while
// valid, and only after the satisfaction questionnaire (otherwise: to the questionnaire first).
// Refused, the 404 says why: another person's certificate, or the person's own revoked one (ADR 0092).
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { certificateDetails, renderCertificatePdf } from "~/models/certificate-pdf.server.ts";
import { certificateRefusal, ownValidCertificate } from "~/models/certificate.server.ts";
import { hasAnswered } from "~/models/questionnaire.server.ts";
import { requireUser } from "~/utils/auth.server.ts";
import { getEnv } from "~/utils/env.server.ts";
import { idParam } from "~/utils/route-params.server.ts";
import { refusedDownload } from "~/utils/download-refusal.server.ts";
import { resourceNotFound } from "~/utils/plain-page.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const certificateId = idParam(params.certificateId);
  const certificate = await ownValidCertificate(user.id, certificateId);
  if (!certificate) {
    const refusal = await certificateRefusal(user.id, certificateId);
    throw refusal ? refusedDownload(404, refusal) : resourceNotFound();
  }
  if (!(await hasAnswered(user.id, certificate.editionId))) throw redirect(`/questionario/${certificate.editionId}`);
  const pdf = await renderCertificatePdf(certificate, {
    origin: getEnv().APP_ORIGIN,
    details: await certificateDetails(certificate.editionId, user.id),
  });
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Length": String(pdf.byteLength),
      "Content-Disposition": `attachment; filename="attestato-${certificate.code}.pdf"`,
      "Cache-Control": "private, no-store",
    },
  });
}
