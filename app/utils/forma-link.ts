// The one rule for a link to a page of Forma written into an email (or anything read away from the
// site): absolute, from APP_ORIGIN, and with ?lang=en in an English message, which getLocale reads
// before the cookie, so the page opens in English on a device that never chose a language
// (Italian is the default and needs nothing). Every email link to our pages is made here.

/** An absolute link to a path of Forma, with ?lang=en in an English message. */
export function formaLink(origin: string, path: string, locale: string): string {
  const url = new URL(path, origin);
  if (locale === "en") url.searchParams.set("lang", "en");
  return url.toString();
}
