// Where a new teacher was going when she chose to sign up (the event she wanted to enrol in):
// /registrati?redirectTo=… keeps it through the "check your email" page, the confirmation link
// (opened in the same browser) and the first sign-in. /password-dimenticata?redirectTo=… keeps it the same
// way through the reset email and the sign-in with the new password. Kept in a short-lived cookie, as long as
// the confirmation link lasts; always re-checked with safeRedirectTarget, so only paths of this site.
import { createCookie } from "@remix-run/node";
import { getEnv } from "./env.server.ts";
import { returnPathOf } from "./safe-redirect.ts";

const returnToCookie = createCookie("forma_return", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 7,
});

// Pure, beside safeRedirectTarget (the pages' links use it too); still exported here, where the routes find it.
export { returnPathOf };

/** The remembered return path of this browser, or null. */
export async function readReturnTo(request: Request): Promise<string | null> {
  return returnPathOf(await returnToCookie.parse(request.headers.get("Cookie")));
}

/** Set-Cookie remembering `path`. */
export function rememberReturnTo(path: string): Promise<string> {
  // Secure in production, as the session cookie (COOKIE_SECURE).
  return returnToCookie.serialize(path, { secure: getEnv().cookieSecure });
}

/** Set-Cookie forgetting it (once the person has arrived). */
export function forgetReturnTo(): Promise<string> {
  return returnToCookie.serialize("", { maxAge: 0, secure: getEnv().cookieSecure });
}
