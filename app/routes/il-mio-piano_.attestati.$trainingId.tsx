// A certificate of the signed-in teacher's external training. Someone else's is a 404 that says so
// (ADR 0092: a refused download says why); none is the generic "not found". A visitor is sent to sign
// in before any lookup, so the URL does not tell them whether a training exists.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { certificateFileRefusal, readCertificate } from "~/models/training-plan.server.ts";
import { requireUser } from "~/utils/auth.server.ts";
import { refusedDownload } from "~/utils/download-refusal.server.ts";
import { idParam } from "~/utils/route-params.server.ts";
import { resourceNotFound } from "~/utils/plain-page.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const trainingId = idParam(params.trainingId);
  const file = await readCertificate(user.id, trainingId);
  if (!file) {
    const refusal = await certificateFileRefusal(user.id, trainingId);
    throw refusal ? refusedDownload(404, refusal) : resourceNotFound();
  }
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      "Content-Type": file.mimeType,
      "Content-Length": String(file.bytes.byteLength),
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}
