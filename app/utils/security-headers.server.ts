// The security headers of every response past /healthz and /readyz (app/utils/http-app.server.ts):
// a CSP with a nonce per request for Remix's inline scripts, frame-ancestors 'none', HSTS in
// production, Referrer-Policy, nosniff and helmet's other defaults.
// helmet stays the source of truth, but it runs once, at start (ADR 0026): run per request it is a
// dozen middlewares that build the same strings again each time. Its headers are recorded from one
// run with a placeholder nonce; each response then replays them, with its own nonce in the CSP.
import crypto from "node:crypto";
import type { ServerResponse } from "node:http";
import helmet from "helmet";

/**
 * helmet's options for Forma (the CSP's script-src nonce comes from `res.locals.forma.cspNonce`).
 * `formTargets`: the origins a form may lead to besides Forma's own, through a redirect: the OpenID
 * providers' (the SPID/CIE buttons post to /auth/oidc/<id>, which redirects to the provider, and a
 * browser checks form-action on every redirect of a form's navigation: without JavaScript the
 * buttons did nothing).
 */
export function helmetOptions(
  production: boolean,
  httpsOrigin: boolean,
  formTargets: readonly string[] = [],
): Parameters<typeof helmet>[0] {
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        "default-src": ["'self'"],
        // Remix's inline scripts (hydration data, module loader) carry the request's nonce.
        "script-src": [
          "'self'",
          (_req, res) =>
            `'nonce-${(res as unknown as { locals: { forma: { cspNonce: string } } }).locals.forma.cspNonce}'`,
        ],
        // React style attributes (progress bars, widths) are inline styles.
        "style-src": ["'self'", "'unsafe-inline'"],
        // Bootstrap Italia's CSS draws some icons from data: URIs.
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'", ...formTargets],
        "frame-ancestors": ["'none'"],
        ...(httpsOrigin ? { "upgrade-insecure-requests": [] } : {}),
      },
    },
    // Sent only in production (browsers ignore it over plain HTTP anyway); no includeSubDomains:
    // Forma usually lives on a subdomain of a larger site it does not control.
    strictTransportSecurity: production ? { maxAge: 365 * 24 * 60 * 60, includeSubDomains: false } : false,
    // Links in emails carry tokens in the path: never send the path to another site.
    referrerPolicy: { policy: "same-origin" },
    xFrameOptions: { action: "deny" },
  };
}

/** Cannot occur in a base64 nonce: marks where the nonce goes in the recorded CSP. */
const NONCE_PLACEHOLDER = "\u0000nonce\u0000";

type Step =
  { set: [name: string, value: string] } | { remove: string } | { csp: [name: string, before: string, after: string] };

/**
 * Sets helmet's headers on a response, with this nonce in the CSP: the same names, values and
 * order as helmet's middleware would set.
 */
export function securityHeaders(production: boolean, httpsOrigin: boolean, formTargets: readonly string[] = []) {
  const steps: Step[] = [];
  const recorder = {
    locals: { forma: { cspNonce: NONCE_PLACEHOLDER } },
    setHeader(name: string, value: unknown) {
      const text = String(value);
      const at = text.indexOf(NONCE_PLACEHOLDER);
      if (at === -1) steps.push({ set: [name, text] });
      else steps.push({ csp: [name, text.slice(0, at), text.slice(at + NONCE_PLACEHOLDER.length)] });
    },
    removeHeader(name: string) {
      steps.push({ remove: name });
    },
  };
  let failure: unknown = null;
  let done = false;
  helmet(helmetOptions(production, httpsOrigin, formTargets))({} as never, recorder as never, (error?: unknown) => {
    failure = error ?? null;
    done = true;
  });
  if (!done || failure) throw new Error(`helmet did not set its headers at once: ${String(failure)}`);
  return (res: ServerResponse, nonce: string) => {
    for (const step of steps) {
      if ("set" in step) res.setHeader(step.set[0], step.set[1]);
      else if ("csp" in step) res.setHeader(step.csp[0], step.csp[1] + nonce + step.csp[2]);
      else res.removeHeader(step.remove);
    }
  };
}

// ─── Nonces ──────────────────────────────────────────────────────────────────

const NONCE_BYTES = 16;
const POOL_NONCES = 256;
let pool = Buffer.alloc(0);
let offset = 0;

/**
 * A fresh CSP nonce: 16 random bytes in base64, as `crypto.randomBytes(16)` gave per request. The
 * bytes come from one draw of the CSPRNG for 256 nonces (what Node itself does for randomUUID):
 * each nonce is still unpredictable and never reused, for one call into OpenSSL in 256.
 */
export function cspNonce(): string {
  if (offset >= pool.length) {
    pool = crypto.randomBytes(NONCE_BYTES * POOL_NONCES);
    offset = 0;
  }
  const nonce = pool.toString("base64", offset, offset + NONCE_BYTES);
  offset += NONCE_BYTES;
  return nonce;
}

/**
 * The Referrer-Policy of the pages whose URL carries a token from an email (confirming an address, setting a new
 * password): a request they lead to names only Forma's origin, never the path with its token, whatever site it goes
 * to (Forma's own assets included). Not "no-referrer": with it Chromium sends `Origin: null` with the page's form
 * POST made without scripts (before hydration, on a slow phone), and the origin check refuses it as sent from another
 * site; under "strict-origin" the Origin header is the page's own.
 */
export const TOKEN_PAGE_REFERRER_POLICY = "strict-origin";

/**
 * The headers of a page whose URL holds a secret token (email confirmation, new address, password
 * reset, a reminder's unsubscribe link): the token is never sent on, and the page is never stored.
 */
export function tokenPageHeaders(): Record<string, string> {
  return { "Referrer-Policy": TOKEN_PAGE_REFERRER_POLICY, "Cache-Control": "no-store" };
}
