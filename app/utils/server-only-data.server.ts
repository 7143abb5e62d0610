// Loader data that the server's render of a document reads but that the document's hydration data
// leaves out (ADR 0052). Remix renders a document from the very object a loader returns, then writes
// that object into the page for the browser (turbo-stream, which serialises an object's own enumerable
// keys). A property made non-enumerable is read by the render and left out of the page: for data
// whose markup the browser keeps as the server wrote it (the catalogue's cards, ADR 0046), so it needs
// no copy of it to hydrate. server-only-data.server.test.ts checks the serialisation against Remix's
// own encoder, so an upgrade that starts copying such keys fails there.
import type { AppLoadContext } from "@remix-run/node";

/** Whether Forma's HTTP app is answering this request with a rendered document (not a `.data` request). */
export function rendersDocument(context: AppLoadContext): boolean {
  return context.forma?.documentRequest === true;
}

/**
 * `data` itself, with `key` made non-enumerable when `serverOnly` is true: the server's render still
 * reads it, the serialised data (the document's hydration data) has no such key, and the browser's
 * component must render without it. Typed as optional for that reason.
 */
export function withServerOnlyKey<T extends object, K extends keyof T>(
  data: T,
  key: K,
  serverOnly: boolean,
): Omit<T, K> & Partial<Pick<T, K>> {
  if (serverOnly) Object.defineProperty(data, key, { enumerable: false });
  return data;
}
