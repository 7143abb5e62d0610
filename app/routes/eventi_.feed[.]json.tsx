import type { LoaderFunctionArgs } from "@remix-run/node";
import { parseCatalogueSearch } from "~/domain/catalogue-filters.ts";
import { PUBLIC_CACHE_CONTROL } from "~/models/catalogue.server.ts";
import { catalogueJson, loadCatalogueFeed, originOf } from "~/models/calendar.server.ts";
import { lagTolerantSource } from "~/utils/read-replica.server.ts";

// Public: the catalogue's current search (same query string as /eventi) as JSON, for other sites
// (school portals, regional offices): readable from any origin, no cookies involved.
export async function loader({ request }: LoaderFunctionArgs) {
  const { filters } = parseCatalogueSearch(new URL(request.url).searchParams);
  const feed = await loadCatalogueFeed(filters, { source: lagTolerantSource(request) });
  return new Response(JSON.stringify(catalogueJson(feed, originOf(request))), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Cache-Control": PUBLIC_CACHE_CONTROL,
      "Access-Control-Allow-Origin": "*",
    },
  });
}
