// Page titles in the interface's language: every route's meta goes through pageTitle, which reads
// the locale the root loader chose (matches) and the titles catalogue (messages/titles.ts).
import type { Locale } from "~/domain/vocabulary.ts";
import { asLocale, translator } from "./i18n.tsx";
import type { MessageKey } from "./messages.ts";

type Match = { id: string; data?: unknown };

/** The interface language of the page being rendered (the root loader's choice; Italian without it). */
export function localeOfMatches(matches: readonly Match[] | undefined): Locale {
  const root = matches?.find((m) => m.id === "root")?.data as { locale?: string } | undefined;
  return asLocale(root?.locale);
}

/** "<page> · <subject> · Forma", translated: pageTitle(matches, "title.myEnrolments") or with the event's title. */
export function pageTitle(matches: readonly Match[] | undefined, key: MessageKey, subject?: string | null): string {
  const t = translator(localeOfMatches(matches));
  return [t(key), subject?.trim() || null, "Forma"].filter(Boolean).join(" · ");
}

/** A page search engines must not index (a token's page, a certificate's check): its title and robots "noindex". */
export function unindexedPageMeta(matches: readonly Match[] | undefined, key: MessageKey) {
  return [{ title: pageTitle(matches, key) }, { name: "robots", content: "noindex" }];
}
