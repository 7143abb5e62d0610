// A teacher's enrolment as a browser makes it, with and without the page's JavaScript: what
// bench/enrolment-burst.ts --journey (journeyBurst, autocannon) and bench/journey-page.ts (fetch)
// send. tests/e2e/enrolment.spec.ts ("a browser enrols with two requests…") pins the JavaScript
// journey to what Chromium does.
import autocannon from "autocannon";

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

/** The path of Remix's data request for a page (single fetch: "/a/b?x" → "/a/b.data?x"). */
export function dataPathOf(location: string) {
  const url = new URL(location, "http://forma.invalid");
  url.pathname = url.pathname === "/" ? "/_root.data" : `${url.pathname.replace(/\/$/, "")}.data`;
  return `${url.pathname}${url.search}`;
}

export type JourneyBurst = {
  /** Each journey's time, from its POST's start to its last answer, sorted (ms). */
  latencies: number[];
  /** "202 200" / "302 200" (POST, then page) for an enrolment, or the POST's status. */
  statuses: Record<string, number>;
  /**
   * performance.now() when the last journey ended. autocannon resolves on its one-second tick after
   * the last answer, so a rate over the time it takes to resolve counts up to a second of idling
   * (5,000 journeys in 4.05 s read as 1,235/s where they took 3.1 s): take rates up to this instant.
   */
  finishedAt: number;
};

/**
 * One journey per teacher, `connections` at a time over one server, with autocannon (whose own CPU
 * per request is a fraction of fetch's: the load generator shares the cores with the server). For
 * an enrolment, each connection posts a teacher's form and then asks for the page (html: the
 * document the 302's Location names; js: the data of the page the 202's body names); a refusal is
 * the POST alone. Every connection makes whole journeys: the connections are as many as divide the
 * teachers evenly, at most `connections`.
 */
export async function journeyBurst(options: {
  url: string;
  cookies: string[];
  connections: number;
  client: "html" | "js";
  kind: "enrol" | "refused";
  target: JourneyTarget;
}): Promise<JourneyBurst> {
  const { cookies, client, kind, target } = options;
  let connections = Math.min(options.connections, cookies.length);
  while (cookies.length % connections !== 0) connections--;
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  // What a connection remembers from one request of its journey to the next (autocannon's context).
  type Journey = { cookie: string; started: number; status: number; next: string | null };
  let finishedAt = performance.now();
  const done = (status: string, journey: Journey) => {
    finishedAt = performance.now();
    latencies.push(finishedAt - journey.started);
    statuses[status] = (statuses[status] ?? 0) + 1;
  };
  let next = 0;
  const form = `editionId=${target.editionId}`;
  const post: autocannon.Request = {
    method: "POST",
    setupRequest: (req, context) => {
      const cookie = cookies[next++]!;
      Object.assign(context, { cookie, started: performance.now() });
      return {
        ...req,
        path:
          client === "js"
            ? `/eventi/${target.eventId}/iscrizione.data?edizione=${target.editionId}`
            : `/eventi/${target.eventId}/iscrizione`,
        headers: {
          ...(client === "js" ? BROWSER_HEADERS : {}),
          cookie,
          "content-type": "application/x-www-form-urlencoded",
        },
        body: form,
      } as autocannon.Request;
    },
    onResponse: (status, body, context, headers) => {
      // The page the answer names: the 302's Location, or the redirect inside the 202's turbo-stream.
      const location =
        client === "js" ? /"redirect","([^"]+)"/.exec(body)?.[1] : (headers as Record<string, string>).location;
      const journey = context as Journey;
      journey.status = status;
      journey.next = status === (client === "js" ? 202 : 302) && location ? location : null;
      if (kind === "refused") done(String(status), journey);
    },
  };
  const page: autocannon.Request = {
    method: "GET",
    setupRequest: (req, context) => {
      const { next: location, cookie } = context as Journey;
      // No page named (the POST failed): a path that answers 404, counted as an error.
      const path = location === null ? "/__no-page-named" : client === "js" ? dataPathOf(location) : location;
      return {
        ...req,
        path,
        headers: client === "js" ? { ...BROWSER_HEADERS, cookie } : { cookie },
      } as autocannon.Request;
    },
    onResponse: (status, _body, context) => done(`${(context as Journey).status} ${status}`, context as Journey),
  };
  await autocannon({
    url: options.url,
    connections,
    amount: cookies.length * (kind === "enrol" ? 2 : 1),
    timeout: 30,
    requests: kind === "enrol" ? [post, page] : [post],
  });
  latencies.sort((a, b) => a - b);
  return { latencies, statuses, finishedAt };
}
