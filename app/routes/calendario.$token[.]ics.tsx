import type { LoaderFunctionArgs } from "@remix-run/node";
import { translator } from "~/i18n/i18n.tsx";
import { buildCalendarCached, ICS_CONTENT_TYPE } from "~/models/calendar-ics.server.ts";
import { loadPersonalCalendar, originOf, PERSONAL_FEED_CACHE_CONTROL } from "~/models/calendar-feeds.server.ts";
import { calendarResponse } from "~/utils/calendar-response.server.ts";

// The teacher's personal feed. Calendar apps cannot sign in: the secret token in the URL is the
// credential (regenerated from /le-mie-iscrizioni, which revokes the old URL). Unknown token: 404.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const calendar = await loadPersonalCalendar(params.token ?? "");
  if (!calendar) throw new Response("Not Found", { status: 404, headers: { "Cache-Control": "no-store" } });
  const ics = buildCalendarCached(calendar.sessions, {
    name: translator(calendar.locale)("calendar.ics.personalName"),
    origin: originOf(request),
    locale: calendar.locale,
    refreshSeconds: 3600,
  });
  return calendarResponse(request, ics, {
    "Content-Type": ICS_CONTENT_TYPE,
    // Named in the feed's language, as its text is (the account's, since calendar apps carry no cookie); the URL stays.
    "Content-Disposition": `inline; filename="forma-${calendar.locale === "en" ? "calendar" : "calendario"}.ics"`,
    "Cache-Control": PERSONAL_FEED_CACHE_CONTROL,
    "X-Robots-Tag": "noindex",
    "Referrer-Policy": "no-referrer",
  });
}
