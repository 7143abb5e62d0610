// A development message (data/outbox/<id>.eml) for the national unit: its HTML, or with
// ?formato=testo its plain text. Served sandboxed: the page can run nothing and load nothing.
// The log links /admin/email/<id> (admin.email_.$notificationId.tsx), a Forma page that sends here a message that
// exists; one gone meanwhile goes back there, to the site's 404 page, not a bare text.
import fs from "node:fs";
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { requireNationalUnit } from "~/utils/auth.server.ts";
import { devMessagePath } from "~/utils/mailer.server.ts";
import { idParam } from "~/utils/route-params.server.ts";

const SANDBOX = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireNationalUnit(request);
  const id = idParam(params.notificationId);
  const file = devMessagePath(id);
  if (!file || !fs.existsSync(file)) throw redirect(`/admin/email/${encodeURIComponent(id)}`);
  const raw = await fs.promises.readFile(file);
  const asText = new URL(request.url).searchParams.get("formato") === "testo";
  const headers = {
    "Content-Security-Policy": SANDBOX,
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
  };
  let parsed: { html?: string | false; text?: string } | null = null;
  try {
    // mailparser is a development dependency, like this page's purpose: loaded only here.
    const { simpleParser } = await import("mailparser");
    parsed = await simpleParser(raw);
  } catch {
    parsed = null;
  }
  if (!parsed) return new Response(raw, { headers: { ...headers, "Content-Type": "text/plain; charset=utf-8" } });
  if (asText || !parsed.html) {
    return new Response(parsed.text ?? "", { headers: { ...headers, "Content-Type": "text/plain; charset=utf-8" } });
  }
  return new Response(parsed.html, { headers: { ...headers, "Content-Type": "text/html; charset=utf-8" } });
}
