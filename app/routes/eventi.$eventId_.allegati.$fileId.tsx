// Downloads of an event sheet's files: attachments for anyone who can see the event, a session's
// materials for the participants enrolled in its edition and the event's organisers and trainers
// (openSheetFile, app/models/event-sheet.server.ts). Anything else — unknown, another event's,
// not allowed — is the same 404, so the URL reveals nothing; only a signed-in person refused a
// material is told that materials are for the edition's participants (ADR 0092). X-Content-Type-Options: nosniff comes
// with every response from helmet (app/utils/http-app.server.ts); setting it here too would send it twice.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { contentDisposition } from "~/domain/event-sheet.ts";
import { openSheetFile } from "~/models/event-sheet.server.ts";
import { actorOf, getSessionUser } from "~/utils/auth.server.ts";
import { idParam } from "~/utils/route-params.server.ts";
import { refusedDownload } from "~/utils/download-refusal.server.ts";
import { resourceNotFound } from "~/utils/plain-page.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  const file = await openSheetFile(user ? actorOf(user) : null, idParam(params.eventId), idParam(params.fileId));
  if (!file) throw resourceNotFound();
  if (file === "for-participants") throw refusedDownload(404, "materialsForParticipants");
  return new Response(file.bytes, {
    headers: {
      "Content-Type": file.mimeType,
      "Content-Length": String(file.bytes.byteLength),
      "Content-Disposition": contentDisposition(file.fileName),
      // Materials are personal; attachments may change: never kept by shared caches.
      "Cache-Control": "private, no-store",
    },
  });
}
