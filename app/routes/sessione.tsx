// GET /sessione: how long the session has before its idle end, read without moving it (ADR 0094). The
// idle warning asks before it shows: the session may have been used meanwhile by another tab, by a
// request of this page's that did not reload the root's data, or ended from another device.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { sessionIdleEnd } from "~/utils/auth.server.ts";
import { idleSessionAnswer } from "~/utils/idle-session.server.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  return idleSessionAnswer(await sessionIdleEnd(request));
}
