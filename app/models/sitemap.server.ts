// What search engines are told (robots.txt, sitemap.xml): teachers look for courses with a search
// engine first, so the catalogue and every public event page are listed, and the pages behind a
// sign-in, a token or a form are not to be crawled. The sitemap lists the events whose page anyone
// may open (published or ended; a cancelled one only says so), newest change first.
import type { ReadSource } from "~/utils/read-replica.server.ts";
import { sqlReadFrom, toDate } from "~/utils/sql.server.ts";

/** A sitemap holds at most 50,000 addresses (sitemaps.org); the catalogue and its first events fit. */
export const SITEMAP_MAX_EVENTS = 49_990;

/** Paths search engines should not crawl: signed-in areas, tokens, forms and files for one person. */
export const DISALLOWED_PATHS = [
  "/accedi",
  "/admin",
  "/attestati/",
  "/auth/",
  "/calendario/",
  "/conferma-email",
  "/conferma-nuova-email",
  "/ripristina-email",
  "/disiscrizione",
  "/esci",
  "/formazione",
  "/gestione",
  "/il-mio-piano",
  "/le-mie-iscrizioni",
  "/lingua",
  "/password-dimenticata",
  "/presenza",
  "/profilo",
  "/questionario",
  "/registrati",
  "/reimposta-password",
  // The catalogue's searches and filters (endless combinations); its events are in the sitemap.
  "/eventi?",
  "/eventi/*/iscrizione",
  "/eventi/*/allegati/",
] as const;

export type SitemapEvent = { id: string; updatedAt: Date };

/** The events whose public page a search engine may list, most recently changed first. */
export async function loadSitemapEvents(source: ReadSource): Promise<SitemapEvent[]> {
  const rows = await sqlReadFrom<{ id: string; updatedAt: Date | string }>(
    source,
    `SELECT "id", "updatedAt" FROM "Event"
     WHERE "status" IN ('pubblicato', 'chiuso')
     ORDER BY "updatedAt" DESC, "id" ASC LIMIT ${SITEMAP_MAX_EVENTS}`,
  );
  return rows.map((r) => ({ id: r.id, updatedAt: toDate(r.updatedAt) }));
}

/** robots.txt: everything public may be crawled but the paths above; where the sitemap is. */
export function robotsTxt(origin: string): string {
  return [
    "User-agent: *",
    ...DISALLOWED_PATHS.map((p) => `Disallow: ${p}`),
    "",
    `Sitemap: ${origin}/sitemap.xml`,
    "",
  ].join("\n");
}

const escapeXml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]!);

/** sitemap.xml: the home page, the catalogue, the accessibility statement and every listed event. */
export function sitemapXml(origin: string, events: SitemapEvent[]): string {
  const url = (path: string, lastModified?: Date) =>
    `<url><loc>${escapeXml(`${origin}${path}`)}</loc>${
      lastModified ? `<lastmod>${lastModified.toISOString()}</lastmod>` : ""
    }</url>`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    url("/"),
    url("/eventi"),
    url("/dichiarazione-accessibilita"),
    ...events.map((e) => url(`/eventi/${encodeURIComponent(e.id)}`, e.updatedAt)),
    "</urlset>",
    "",
  ].join("\n");
}
