// The language of a document drawn without the root loader's data: a form posted without JavaScript whose action
// threw (a 403, a 404, a body that is not a form) is answered with the error page after the loaders above the error's
// boundary only, and the root is that boundary, so its loader does not run; a root loader that failed leaves none
// either. The server says it from the request (app/utils/document-locale.server.ts), the browser from the document it
// hydrates (app/entry.client.tsx). A module of its own, without the messages: the browser's entry imports it.
import { createContext, useContext, type ReactNode } from "react";
import type { Locale } from "~/domain/vocabulary.ts";

const DocumentLocaleContext = createContext<Locale>("it");

export function DocumentLocaleProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  return <DocumentLocaleContext.Provider value={locale}>{children}</DocumentLocaleContext.Provider>;
}

/** The document's language when the root loader's data is missing (else that data's `locale` says it). */
export function useDocumentLocale(): Locale {
  return useContext(DocumentLocaleContext);
}

/** The language of a document the server drew, from its <html lang>. */
export function localeOfDocument(document: Document): Locale {
  return document.documentElement.lang === "en" ? "en" : "it";
}
