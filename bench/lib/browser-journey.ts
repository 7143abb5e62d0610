// A teacher's enrolment as a browser makes it, with and without the page's JavaScript: what
// bench/enrolment-burst.ts --journey and bench/journey-page.ts send. tests/e2e/enrolment.spec.ts
// ("a browser enrols with three requests…") pins the JavaScript journey to what Chromium does.

/** What a browser sends with every request (the bodies are compressed as they would be for it). */
export const BROWSER_HEADERS = { "accept-encoding": "gzip, deflate, br, zstd", accept: "*/*" };

export type JourneyTarget = { eventId: string; editionId: string };

/** No JavaScript: the form's POST; for an enrolment, the document its 302 names. "302 200" or the POST's status. */
export async function htmlJourney(url: string, cookie: string, kind: "enrol" | "refused", target: JourneyTarget) {
  const post = await fetch(`${url}/eventi/${target.eventId}/iscrizione`, {
    method: "POST",
    headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
    body: `editionId=${target.editionId}`,
    redirect: "manual",
  });
  await post.arrayBuffer();
  const location = post.headers.get("location");
  if (kind !== "enrol" || post.status !== 302 || !location) return String(post.status);
  const page = await fetch(new URL(location, url), { headers: { cookie } });
  await page.arrayBuffer();
  return `302 ${page.status}`;
}

/**
 * With the page's JavaScript, as Remix's client does it (single fetch): the action's data request,
 * whose 202 carries the redirect, then the data of the page it names. "202 200" or the POST's status.
 * (The page's QR link is discovered when clicked, not when shown: ADR 0060.)
 */
export async function jsJourney(url: string, cookie: string, kind: "enrol" | "refused", target: JourneyTarget) {
  const post = await fetch(`${url}/eventi/${target.eventId}/iscrizione.data?edizione=${target.editionId}`, {
    method: "POST",
    headers: { ...BROWSER_HEADERS, cookie, "content-type": "application/x-www-form-urlencoded" },
    body: `editionId=${target.editionId}`,
    redirect: "manual",
  });
  // The redirect is inside the turbo-stream body: [..., "redirect", "/le-mie-iscrizioni?esito=…", ...].
  const body = await post.text();
  const location = /"redirect","([^"]+)"/.exec(body)?.[1];
  if (kind !== "enrol" || post.status !== 202 || !location) return String(post.status);
  const next = new URL(location, url);
  next.pathname = `${next.pathname.replace(/\/$/, "")}.data`;
  const page = await fetch(next, { headers: { ...BROWSER_HEADERS, cookie } });
  await page.arrayBuffer();
  return `202 ${page.status}`;
}

/**
 * Remix's lazy route discovery for an enrolment's QR link (what the client asked once "Le mie
 * iscrizioni" showed an enrolment, before ADR 0060; now asked when the link is clicked).
 */
export async function routeDiscovery(url: string, cookie: string, enrolmentId: string) {
  const qr = `/le-mie-iscrizioni/${enrolmentId}/qr`;
  const response = await fetch(`${url}/__manifest?p=${encodeURIComponent(qr)}&version=${await manifestVersion(url)}`, {
    headers: { ...BROWSER_HEADERS, cookie },
  });
  await response.arrayBuffer();
  return response.status;
}

/**
 * The build's manifest version, as the client knows it (from the sign-in page's module preloads),
 * kept per server URL: forgetManifestVersions() when another build starts on the same port.
 */
const manifestVersions = new Map<string, Promise<string>>();
export const forgetManifestVersions = () => manifestVersions.clear();
export function manifestVersion(url: string) {
  let version = manifestVersions.get(url);
  if (!version) {
    version = fetch(`${url}/accedi`)
      .then((r) => r.text())
      .then((html) => {
        const found = /\/assets\/manifest-([0-9a-f]+)\.js/.exec(html)?.[1];
        if (!found) throw new Error("no manifest version in the sign-in page");
        return found;
      });
    manifestVersions.set(url, version);
  }
  return version;
}
