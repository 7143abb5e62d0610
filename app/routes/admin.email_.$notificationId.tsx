// /admin/email/<id>, the e-mail log's "read" link: the development message (data/outbox/<id>.eml) of a notification.
// A Forma page, so that a message that is not there (never written by this server's mailer, removed, a mistyped
// address) is the site's 404 page, in the interface's language with its header, footer and title: the message itself
// was a resource route, whose 404 was a bare "Not found" in the tab. One that exists goes to its sandboxed content
// (admin.email_.$notificationId_.messaggio.tsx), ?formato=testo kept.
import fs from "node:fs";
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { requireNationalUnit } from "~/utils/auth.server.ts";
import { devMessagePath } from "~/utils/mailer.server.ts";
import { idParam } from "~/utils/route-params.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireNationalUnit(request);
  const id = idParam(params.notificationId);
  const file = devMessagePath(id);
  if (!file || !fs.existsSync(file)) throw new Response(null, { status: 404, statusText: "Not Found" });
  throw redirect(`/admin/email/${encodeURIComponent(id)}/messaggio${new URL(request.url).search}`);
}

export default function DevelopmentMessage() {
  return null;
}
