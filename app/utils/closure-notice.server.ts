// "Il tuo account è stato chiuso": the page /profilo/chiudi shows after its own closure. The closure ends the
// session, so the page reached after it (the action's redirect) has no signed-in person, as a visit after the idle
// end or from another browser has none; those are sent to sign in (requireUser), and this short-lived signed cookie,
// set by the closure, tells the one apart. It says nothing about the account and opens nothing.
import { createCookie } from "@remix-run/node";
import { getEnv } from "./env.server.ts";

const NOTICE_SECONDS = 5 * 60;

let cookie: ReturnType<typeof createCookie> | undefined;
function getCookie() {
  const env = getEnv();
  cookie ??= createCookie("forma_chiuso", {
    // "/", not "/profilo/chiudi": the page's data requests go to /profilo/chiudi.data (single fetch).
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: env.cookieSecure,
    maxAge: NOTICE_SECONDS,
    secrets: [env.SESSION_SECRET],
  });
  return cookie;
}

/** Set-Cookie of the closure just done in this browser. */
export function rememberClosure(): Promise<string> {
  return getCookie().serialize(true);
}

/** Whether this browser closed its account in the last few minutes. */
export async function closedJustNow(request: Request): Promise<boolean> {
  return (await getCookie().parse(request.headers.get("Cookie"))) === true;
}
