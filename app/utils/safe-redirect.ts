// Where a redirect named by the request (redirectTo in a link or a form) may send people:
// only paths of this site. Pure, so it is unit-tested without a server (safe-redirect.test.ts).

// Any origin works for parsing: only whether the target keeps it matters.
const PARSE_ORIGIN = "https://forma.invalid";
const MAX_LENGTH = 2048;

// C0 controls (tab, CR, LF, NUL…), DEL, C1 controls, the Unicode line and paragraph separators,
// and backslashes: browsers strip or reinterpret them, so `/\tevil` or `/\evil` can become `//evil`.
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\\]/;

function looksHostile(path: string): boolean {
  return FORBIDDEN.test(path) || path.startsWith("//") || /^\/?[a-z][a-z0-9+.-]*:/i.test(path);
}

/**
 * The target if it is a path on this site, else the fallback. Refuses absolute and protocol-relative
 * URLs, schemes (`javascript:`), backslashes and control characters, raw or percent-encoded (decoded
 * up to three times), and anything that, parsed as a URL against this site, lands elsewhere. The answer
 * is the URL's own serialisation (ASCII, percent-encoded), so it is always a valid Location header.
 */
export function safeRedirectTarget(to: unknown, fallback = "/"): string {
  if (typeof to !== "string" || to.length === 0 || to.length > MAX_LENGTH) return fallback;
  if (!to.startsWith("/") || looksHostile(to)) return fallback;
  let decoded = to;
  for (let round = 0; round < 3; round++) {
    let next: string;
    try {
      next = decodeURIComponent(decoded);
    } catch {
      return fallback;
    }
    if (next === decoded) break;
    if (looksHostile(next)) return fallback;
    decoded = next;
  }
  let url: URL;
  try {
    url = new URL(to, PARSE_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== PARSE_ORIGIN || url.username || url.password) return fallback;
  const target = `${url.pathname}${url.search}${url.hash}`;
  return target.startsWith("/") && !target.startsWith("//") ? target : fallback;
}

/** The validated return path of a form field or query value, or null (none, the home page, or elsewhere). */
export function returnPathOf(value: unknown): string | null {
  const target = safeRedirectTarget(value, "");
  return target === "" || target === "/" ? null : target;
}

/**
 * A link to `path` (/accedi, /registrati, /password-dimenticata) that keeps where the person was going: with
 * `?redirectTo=` when `redirectTo` is a valid return path, else `path` alone. The pages between signing in,
 * signing up and a forgotten password pass it on, so the teacher who pressed "Iscriviti" lands on the event.
 */
export function withReturnTo(path: string, redirectTo: unknown): string {
  const target = returnPathOf(redirectTo);
  return target ? `${path}?redirectTo=${encodeURIComponent(target)}` : path;
}
