// Translation: translator(locale) anywhere, useT() / useLocale() in components.
import { createContext, useContext, type ReactNode } from "react";
import type { Locale } from "~/domain/vocabulary.ts";
import { en, it, type MessageKey } from "./messages.ts";

const catalogues: Record<Locale, Record<MessageKey, string>> = { it, en };

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function translator(locale: Locale): Translate {
  const messages = catalogues[locale] ?? it;
  return (key, params) => {
    const text = messages[key] ?? it[key] ?? key;
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
  };
}

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
