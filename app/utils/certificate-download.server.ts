// The teacher's own certificate as a PDF, rendered from its snapshot: the official Italian
// certificate or its English rendering (ADR 0096), behind one guard. Only its holder, only while
// valid, and only after the satisfaction questionnaire (otherwise: to the questionnaire first).
// Refused, the 404 says why: another person's certificate, or the person's own revoked one (ADR 0092).
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import type { Locale } from "~/domain/vocabulary.ts";
import { certificateDetails, renderCertificatePdf } from "~/models/certificate-pdf.server.ts";
import { certificateRefusal, ownValidCertificate } from "~/models/certificate.server.ts";
import { hasAnswered } from "~/models/questionnaire.server.ts";
import { requireUser } from "./auth.server.ts";
import { refusedDownload } from "./download-refusal.server.ts";
import { getEnv } from "./env.server.ts";
import { resourceNotFound } from "./plain-page.server.ts";
import { idParam } from "./route-params.server.ts";

/** The file name the browser saves: the Italian one as before, the English one says so. */
export function certificateFileName(code: string, locale: Locale): string {
  return locale === "en" ? `certificate-${code}-en.pdf` : `attestato-${code}.pdf`;
}

/** The loader of both certificate downloads: `locale` is the document's language, not the interface's. */
export async function certificateDownload({ request, params }: LoaderFunctionArgs, locale: Locale) {
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
    locale,
  });
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Length": String(pdf.byteLength),
      "Content-Disposition": `attachment; filename="${certificateFileName(certificate.code, locale)}"`,
      "Content-Language": locale,
      "Cache-Control": "private, no-store",
    },
  });
}
