// The UI language: the "forma_lang" cookie (set by the language switch), else the signed-in
// user's preference, else Italian.
import { createCookie } from "@remix-run/node";
import type { Locale } from "~/domain/vocabulary.ts";
import { asLocale } from "~/i18n/i18n.tsx";

export const localeCookie = createCookie("forma_lang", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
});

export async function getLocale(request: Request, userLocale?: string | null): Promise<Locale> {
  const fromCookie = await localeCookie.parse(request.headers.get("Cookie"));
  if (fromCookie === "it" || fromCookie === "en") return fromCookie;
  return asLocale(userLocale);
}
