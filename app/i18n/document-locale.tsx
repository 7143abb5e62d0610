// The language and the signed-in person of a document drawn without the root loader's data: a form posted without
// JavaScript whose action threw (a 403, a 404, a body that is not a form) is answered with the error page after the
// loaders above the error's boundary only, and the root is that boundary, so its loader does not run; a root loader
// that failed leaves none either. The server says them from the request (app/utils/document-locale.server.ts), the
// browser from the document it hydrates (app/entry.client.tsx): the language from <html lang>, the person from
// <html data-document-user>, which the Layout writes on that path only. A module of its own, without the messages:
// the browser's entry imports it.
import { createContext, useContext, type ReactNode } from "react";
import type { DocumentChrome } from "~/utils/document-locale.server.ts";
import type { RootUser } from "~/utils/root-user.server.ts";

const DocumentChromeContext = createContext<DocumentChrome>({ locale: "it", user: null });

export function DocumentChromeProvider({ value, children }: { value: DocumentChrome; children: ReactNode }) {
  return <DocumentChromeContext.Provider value={value}>{children}</DocumentChromeContext.Provider>;
}

/**
 * The document's language and signed-in person when the root loader's data is missing (else that data's `locale` and
 * `user` say them).
 */
export function useDocumentChrome(): DocumentChrome {
  return useContext(DocumentChromeContext);
}

/** The attribute of <html> that carries the person to the browser, on a document without the root loader's data. */
const USER_ATTRIBUTE = "data-document-user";

/** <html>'s attribute for `user` on a document without the root loader's data (none when signed out). */
export function documentUserAttributes(user: RootUser | null): { [USER_ATTRIBUTE]?: string } {
  return user ? { [USER_ATTRIBUTE]: JSON.stringify(user) } : {};
}

/** The language and the person of a document the server drew, from its <html>. */
export function chromeOfDocument(document: Document): DocumentChrome {
  const html = document.documentElement;
  const written = html.getAttribute(USER_ATTRIBUTE);
  return { locale: html.lang === "en" ? "en" : "it", user: written ? (JSON.parse(written) as RootUser) : null };
}
