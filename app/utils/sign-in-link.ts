// The sign-in page's address for a return address. A page read in a language named by its link (?lang=en,
// how every English email opens our pages: forma-link.ts) sends its reader to a sign-in page in that
// language too; without it, a device that never chose a language got the Italian sign-in page between an
// English email and the English page it led to.

/** `/accedi?redirectTo=…`, with `&lang=…` when the return address names its language. */
export function signInPath(returnTo: string): string {
  const named = new URL(returnTo, "http://forma.invalid").searchParams.get("lang");
  const lang = named === "it" || named === "en" ? named : null;
  return `/accedi?redirectTo=${encodeURIComponent(returnTo)}${lang ? `&lang=${lang}` : ""}`;
}
