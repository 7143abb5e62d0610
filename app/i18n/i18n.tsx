// Translation: translator(locale) anywhere, useT() / useLocale() in components.
import { createContext, Fragment, useContext, type ReactNode } from "react";
import type { Locale } from "~/domain/vocabulary.ts";
import { formatMessage, type MessageParams } from "./format.ts";
import { en, it, type MessageKey } from "./messages.ts";

const catalogues: Record<Locale, Record<MessageKey, string>> = { it, en };

export type Translate = (key: MessageKey, params?: MessageParams) => string;

/** Messages are "{name}" placeholders and ICU-style plurals (see ./format.ts). */
export function translator(locale: Locale): Translate {
  const lang = catalogues[locale] ? locale : "it";
  // One function per language, made once: every component of every page asks for one.
  return (translators[lang] ??= (key, params) => formatMessage(catalogues[lang][key] ?? it[key] ?? key, params, lang));
}

const translators: Partial<Record<Locale, Translate>> = {};

export function asLocale(value: unknown): Locale {
  return value === "en" ? "en" : "it";
}

const LocaleContext = createContext<Locale>("it");

export function LocaleProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  return <LocaleContext.Provider value={locale}>{children}</LocaleContext.Provider>;
}

export function useLocale(): Locale {
  return useContext(LocaleContext);
}

export function useT(): Translate {
  return translator(useLocale());
}

/**
 * The `lang` of a text an organiser wrote in `titleLanguage` (an event's title, description, sheet), on
 * a page in `locale`: set only where the two differ, so a screen reader reads an English title on an
 * Italian page, or an Italian one on an English page, in its own language (WCAG 3.1.2).
 */
export function partLang(titleLanguage: string | null | undefined, locale: Locale): string | undefined {
  return titleLanguage && titleLanguage !== locale ? titleLanguage : undefined;
}

/** partLang for the page's own locale. */
export function usePartLang(): (titleLanguage: string | null | undefined) => string | undefined {
  const locale = useLocale();
  return (titleLanguage) => partLang(titleLanguage, locale);
}

/**
 * A message whose parameters include elements: t(key, params) with each of `nodes` put in its place, for a
 * sentence that holds a text in its own language ("{title} — edizione {number}", the title in a <span lang>).
 */
export function messageWith(
  t: Translate,
  key: MessageKey,
  params: MessageParams,
  nodes: Record<string, ReactNode>,
): ReactNode[] {
  // Each node's place is marked with private-use characters, which no message or parameter holds.
  const marks = Object.fromEntries(Object.keys(nodes).map((name) => [name, `\ue000${name}\ue001`]));
  return t(key, { ...params, ...marks })
    .split(/\ue000(\w+)\ue001/)
    .map((piece, i) => (i % 2 === 1 ? <Fragment key={i}>{nodes[piece]}</Fragment> : piece));
}
