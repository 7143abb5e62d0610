// The signed session cookie. It carries only the id of a UserSession row, so signing out
// (or an admin) can revoke a session server-side, and every app instance sees the same sessions.
import { createCookieSessionStorage } from "@remix-run/node";
import { BoundedCache } from "./bounded-cache.ts";
import { getEnv } from "./env.server.ts";

export const SESSION_ID_KEY = "sessionId";
export { SESSION_IDLE_MINUTES, SESSION_MAX_AGE_SECONDS } from "~/domain/session-lifetime.ts";

type SessionData = { [SESSION_ID_KEY]: string };
let storage: ReturnType<typeof createCookieSessionStorage<SessionData>> | undefined;

export function getSessionStorage() {
  if (!storage) {
    const env = getEnv();
    storage = createCookieSessionStorage<SessionData>({
      cookie: {
        name: "forma_session",
        httpOnly: true,
        sameSite: "lax",
        secure: env.cookieSecure,
        path: "/",
        secrets: [env.SESSION_SECRET],
      },
    });
  }
  return storage;
}

export function getCookieSession(request: Request) {
  return getSessionStorage().getSession(request.headers.get("Cookie"));
}

/**
 * How many Cookie headers' verified session ids are kept (the most recently used): one per browser
 * in use at a time on this worker is what matters; about 1 KB each at most.
 */
export const VERIFIED_COOKIES_MAX = 10_000;
const verifiedSessionIds = new BoundedCache<string, string>(VERIFIED_COOKIES_MAX);

/**
 * The session id the request's signed cookie carries, or null (no cookie, a bad signature, no id).
 * Remix's own getSession decides, and its answer depends on the Cookie header (and the secret)
 * alone: an id it returned is kept by that header, so a browser's next requests skip the cookie's
 * decoding (a parse, an HMAC and two hashes to compare it, base64, a character-by-character
 * unescape, JSON: about a tenth of a millisecond per request, ADR 0036). A header that did not give
 * an id is not kept and is decoded each time. What the id is worth (expired, revoked) is still the
 * database's to say, on every request.
 */
export async function sessionIdOf(request: Request): Promise<string | null> {
  const header = request.headers.get("Cookie");
  if (!header) return null;
  const known = verifiedSessionIds.get(header);
  if (known !== undefined) return known;
  const id = (await getSessionStorage().getSession(header)).get(SESSION_ID_KEY);
  if (typeof id !== "string") return null;
  verifiedSessionIds.set(header, id);
  return id;
}
