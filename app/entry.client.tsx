import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { DocumentLocaleProvider, localeOfDocument } from "./i18n/document-locale.tsx";

// The language the server drew the document in, for a document without the root loader's data.
const documentLocale = localeOfDocument(document);

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <DocumentLocaleProvider locale={documentLocale}>
        <RemixBrowser />
      </DocumentLocaleProvider>
    </StrictMode>,
  );
});
