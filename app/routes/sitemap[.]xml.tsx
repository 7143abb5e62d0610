import type { LoaderFunctionArgs } from "@remix-run/node";
import { originOf } from "~/models/calendar-feeds.server.ts";
import { PUBLIC_CACHE_CONTROL } from "~/models/catalogue.server.ts";
import { loadSitemapEvents, sitemapXml } from "~/models/sitemap.server.ts";
import { lagTolerantSource } from "~/utils/read-replica.server.ts";

// Public: the catalogue and every public event page, for search engines (app/models/sitemap.server.ts).
export async function loader({ request }: LoaderFunctionArgs) {
  const events = await loadSitemapEvents(lagTolerantSource(request));
  return new Response(sitemapXml(originOf(request), events), {
    headers: { "Content-Type": "application/xml; charset=utf-8", "Cache-Control": PUBLIC_CACHE_CONTROL },
  });
}
