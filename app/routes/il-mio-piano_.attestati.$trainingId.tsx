// A certificate of the signed-in teacher's external training. Someone else's (or none) is a 404,
// so the URL does not reveal whether a training exists.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { readCertificate } from "~/models/training-plan.server.ts";
import { requireUser } from "~/utils/auth.server.ts";
import { idParam } from "~/utils/route-params.server.ts";
import { resourceNotFound } from "~/utils/plain-page.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const file = await readCertificate(user.id, idParam(params.trainingId));
  if (!file) throw resourceNotFound();
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
