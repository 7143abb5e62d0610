// POST /sessione/rinnova: "Mantieni l'accesso" in the idle warning (ADR 0094, WCAG 2.1 SC 2.2.1). Moves the
// idle end of the signed-in session to SESSION_IDLE_MINUTES from now, whatever the 5-minute refresh
// interval of the session lookup says. A GET changes nothing (405); no session, 401; another site, 403.
import type { ActionFunctionArgs } from "@remix-run/node";
import { extendIdleSession } from "~/utils/auth.server.ts";
import { fromOwnOrigin, idleSessionAnswer } from "~/utils/idle-session.server.ts";

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed();
  if (!fromOwnOrigin(request)) return new Response("Forbidden", { status: 403 });
  return idleSessionAnswer(await extendIdleSession(request));
}

export function loader() {
  return methodNotAllowed();
}

function methodNotAllowed() {
  return new Response("Method Not Allowed", { status: 405, headers: { Allow: "POST" } });
}
