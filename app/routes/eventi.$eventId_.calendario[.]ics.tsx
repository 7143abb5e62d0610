import type { LoaderFunctionArgs } from "@remix-run/node";
import { PUBLIC_CACHE_CONTROL } from "~/models/catalogue.server.ts";
import { buildCalendar, ICS_CONTENT_TYPE } from "~/models/calendar-ics.server.ts";
import { loadEventCalendar, originOf } from "~/models/calendar-feeds.server.ts";
import { getLocale } from "~/utils/locale.server.ts";
import { idParam } from "~/utils/route-params.server.ts";
import { resourceNotFound } from "~/utils/plain-page.server.ts";
import { calendarResponse } from "~/utils/calendar-response.server.ts";

// Public: no guard, like the event page. The read never selects the online room link.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const eventId = idParam(params.eventId);
  const event = await loadEventCalendar(eventId);
  if (!event) throw resourceNotFound();
  const locale = await getLocale(request);
  const ics = buildCalendar(event.sessions, { name: event.title, origin: originOf(request), locale });
  // The file is named in the reader's language, as its text is: an English visitor saved "forma-evento-….ics".
  const file = `forma-${locale === "en" ? "event" : "evento"}-${eventId.replace(/[^A-Za-z0-9_-]/g, "")}.ics`;
  return calendarResponse(request, ics, {
    "Content-Type": ICS_CONTENT_TYPE,
    "Content-Disposition": `attachment; filename="${file}"`,
    "Cache-Control": PUBLIC_CACHE_CONTROL,
    // The text inside follows the language cookie.
    Vary: "Cookie",
  });
}
