// The signed session cookie. It carries only the id of a UserSession row, so signing out
// (or an admin) can revoke a session server-side, and every app instance sees the same sessions.
import { createCookieSessionStorage } from "@remix-run/node";
import { BoundedCache } from "./bounded-cache.ts";
import { getEnv } from "./env.server.ts";

export const SESSION_ID_KEY = "sessionId";
export const SESSION_MAX_AGE_SECONDS = 60 * 60 * 24 * 14;

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
 * The session id a request's signed cookie carries, or null: what `getCookieSession(request)`'s
 * session holds under SESSION_ID_KEY. Every page and action reads it (the session lookup), and
 * checking the signature (an HMAC through WebCrypto) and decoding the cookie each time cost about
 * 0.1 ms; the answer depends only on the Cookie header and the secret, so it is kept per header
 * of up to 1 KB (a browser's Forma cookies take about 200 bytes), the 5,000 used last. A forged or
 * tampered cookie is kept as null, as it reads.
 */
export async function sessionIdOf(request: Request): Promise<string | null> {
  const header = request.headers.get("Cookie");
  if (header === null) return null;
  const known = sessionIdByCookie.get(header);
  if (known !== undefined) return known;
  const value = (await getSessionStorage().getSession(header)).get(SESSION_ID_KEY);
  const sessionId = typeof value === "string" ? value : null;
  if (header.length <= 1024) sessionIdByCookie.set(header, sessionId);
  return sessionId;
}

const sessionIdByCookie = new BoundedCache<string, string | null>(5_000);
