import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { asLocale } from "~/i18n/i18n.tsx";
import { getSessionUser, safeRedirectTarget } from "~/utils/auth.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { rememberLocale } from "~/utils/locale.server.ts";
import { readForm } from "~/utils/form-data.server.ts";

// Switches the interface language; remembered in a cookie and, when signed in, on the account
// (emails follow it). POST only: a GET changes nothing.
export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  const locale = asLocale(form.get("locale"));
  const user = await getSessionUser(request);
  if (user) await prisma.user.update({ where: { id: user.id }, data: { locale } });
  return redirect(withoutLinkLanguage(safeRedirectTarget(form.get("redirectTo"))), {
    headers: { "Set-Cookie": await rememberLocale(locale) },
  });
}

/** The page to go back to, without the ?lang= of a link from an email, which would outrank the choice just made. */
function withoutLinkLanguage(path: string): string {
  if (!path.includes("lang=")) return path;
  const url = new URL(path, "https://forma.invalid");
  url.searchParams.delete("lang");
  return `${url.pathname}${url.search}${url.hash}`;
}

export function loader() {
  return redirect("/");
}
