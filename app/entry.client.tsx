import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { chromeOfDocument, DocumentChromeProvider } from "./i18n/document-locale.tsx";

// The language and the signed-in person the server drew the document with, for a document without the root loader's
// data.
const documentChrome = chromeOfDocument(document);

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <DocumentChromeProvider value={documentChrome}>
        <RemixBrowser />
      </DocumentChromeProvider>
    </StrictMode>,
  );
});
