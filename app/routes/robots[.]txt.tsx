import type { LoaderFunctionArgs } from "@remix-run/node";
import { originOf } from "~/models/calendar-feeds.server.ts";
import { robotsTxt } from "~/models/sitemap.server.ts";

// Public: which paths search engines may crawl, and where the sitemap is (app/models/sitemap.server.ts).
export function loader({ request }: LoaderFunctionArgs) {
  return new Response(robotsTxt(originOf(request)), {
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "public, max-age=3600" },
  });
}
