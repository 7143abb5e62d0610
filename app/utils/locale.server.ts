// The UI language: the link's own ?lang= (emails in English carry it), else the "forma_lang" cookie
// (set by the language switch, and by a link that names its language: ADR 0102), else the signed-in
// user's preference, else Italian.
import { createCookie } from "@remix-run/node";
import type { Locale } from "~/domain/vocabulary.ts";
import { asLocale } from "~/i18n/i18n.tsx";
import { getEnv } from "./env.server.ts";

export const localeCookie = createCookie("forma_lang", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
});

/** The Set-Cookie remembering the language chosen: Secure in production, as the session cookie (COOKIE_SECURE). */
export function rememberLocale(locale: Locale): Promise<string> {
  return localeCookie.serialize(locale, { secure: getEnv().cookieSecure });
}

export async function getLocale(request: Request, userLocale?: string | null): Promise<Locale> {
  // A link that names its language (?lang=en in an English email's link) opens in it.
  if (request.url.includes("lang=")) {
    const fromUrl = new URL(request.url).searchParams.get("lang");
    if (fromUrl === "it" || fromUrl === "en") return fromUrl;
  }
  const header = request.headers.get("Cookie");
  // Most requests carry no language cookie (the switch was never used): nothing to parse then.
  if (!header?.includes("forma_lang")) return asLocale(userLocale);
  const fromCookie = await localeCookie.parse(header);
  if (fromCookie === "it" || fromCookie === "en") return fromCookie;
  return asLocale(userLocale);
}

/**
 * The Set-Cookie that remembers the language a link names (?lang=it|en), when this browser does not
 * already remember that one; else null. An English email's link opened the page in English, but the next
 * page, reached by a link of the page itself, was Italian again for anyone signed out (ADR 0102).
 */
export async function rememberLanguageOfLink(url: string, cookieHeader: string | undefined): Promise<string | null> {
  if (!url.includes("lang=")) return null;
  const named = new URL(url, "http://forma.invalid").searchParams.get("lang");
  if (named !== "it" && named !== "en") return null;
  const remembered = cookieHeader?.includes("forma_lang") ? await localeCookie.parse(cookieHeader) : null;
  return remembered === named ? null : rememberLocale(named);
}
