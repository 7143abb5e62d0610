import type { LoaderFunctionArgs } from "@remix-run/node";
import { parseCatalogueSearch } from "~/domain/catalogue-filters.ts";
import { translator } from "~/i18n/i18n.tsx";
import { PUBLIC_CACHE_CONTROL } from "~/models/catalogue.server.ts";
import { buildCalendar, ICS_CONTENT_TYPE } from "~/models/calendar-ics.server.ts";
import { feedSessions, loadCatalogueFeed } from "~/models/catalogue-feed.server.ts";
import { originOf } from "~/models/calendar-feeds.server.ts";
import { getLocale } from "~/utils/locale.server.ts";
import { lagTolerantSource } from "~/utils/read-replica.server.ts";
import { calendarResponse } from "~/utils/calendar-response.server.ts";

// Public: the catalogue's current search (same query string as /eventi) as a calendar to subscribe to.
export async function loader({ request }: LoaderFunctionArgs) {
  const { filters } = parseCatalogueSearch(new URL(request.url).searchParams);
  const feed = await loadCatalogueFeed(filters, { source: lagTolerantSource(request) });
  const locale = await getLocale(request);
  const ics = buildCalendar(feedSessions(feed.events), {
    name: translator(locale)("calendar.ics.catalogueName"),
    origin: originOf(request),
    locale,
    refreshSeconds: 6 * 3600,
  });
  return calendarResponse(request, ics, {
    "Content-Type": ICS_CONTENT_TYPE,
    // Named in the reader's language, as its text is; the feed's URL (subscribed by calendar apps) stays.
    "Content-Disposition": `inline; filename="forma-${locale === "en" ? "catalogue" : "catalogo"}.ics"`,
    "Cache-Control": PUBLIC_CACHE_CONTROL,
    Vary: "Cookie",
  });
}
