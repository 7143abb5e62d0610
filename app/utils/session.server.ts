// The signed session cookie. It carries only the id of a UserSession row, so signing out
// (or an admin) can revoke a session server-side, and every app instance sees the same sessions.
import { createCookieSessionStorage } from "@remix-run/node";
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
