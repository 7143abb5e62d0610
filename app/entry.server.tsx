import { PassThrough } from "node:stream";

import type { AppLoadContext, EntryContext, HandleErrorFunction } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import * as isbotModule from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { isDatabaseUnavailableError } from "./utils/database-health.server.ts";
import { errorFields, logger } from "./utils/logger.server.ts";
import { loggablePath } from "./utils/http-app.server.ts";
import { NonceProvider } from "./utils/nonce.tsx";
import { MarkupOnceProvider } from "./components/layout/markup-once.tsx";
import { renderMarkupOnce } from "./utils/markup-once.server.ts";
import { logStreamingRenderError } from "./utils/streaming-render-error.server.ts";
import { documentChrome, lacksRootData, type DocumentChrome } from "./utils/document-locale.server.ts";
import { DocumentChromeProvider } from "./i18n/document-locale.tsx";

const ABORT_DELAY = 5_000;

/** The document chrome of a page that has the root loader's data (which says the language and the person instead). */
const WITH_ROOT_DATA: DocumentChrome = { locale: "it", user: null };

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const prohibitOutOfOrderStreaming = isBotRequest(request.headers.get("user-agent")) || remixContext.isSpaMode;
  const render = (chrome: DocumentChrome) =>
    prohibitOutOfOrderStreaming
      ? handleBotRequest(request, responseStatusCode, responseHeaders, remixContext, loadContext, chrome)
      : handleBrowserRequest(request, responseStatusCode, responseHeaders, remixContext, loadContext, chrome);
  // Without the root loader's data (an action's refusal, a failed root loader), the error page's language and signed-in
  // person are read from the request here; otherwise that data says them and this one is never read.
  return lacksRootData(remixContext) ? documentChrome(request, loadContext).then(render) : render(WITH_ROOT_DATA);
}

/**
 * Every error a loader or action throws: a database that is away marks the request (the server
 * answers 503 with a clear page) and is a warning; Remix's own refusal of what the client asked
 * (405: a POST to a page without an action, an OPTIONS request) is the client's mistake and only
 * an info line; anything else is logged as an error.
 */
export const handleError: HandleErrorFunction = (error, { request, context }) => {
  if (request.signal.aborted) return;
  const path = loggablePath(new URL(request.url).pathname);
  if (isDatabaseUnavailableError(error)) {
    if (context.forma) context.forma.databaseUnavailable = true;
    logger.warn({ method: request.method, path, err: errorFields(error) }, "database unavailable");
    return;
  }
  if (isRouteErrorResponse(error) && error.status < 500) {
    logger.info({ method: request.method, path, status: error.status }, "request refused");
    return;
  }
  logger.error({ method: request.method, path, err: error }, "request failed");
};

// We have some Remix apps in the wild already running with isbot@3 so we need
// to maintain backwards compatibility even though we want new apps to use
// isbot@4.  That way, we can ship this as a minor Semver update to @remix-run/dev.
function isBotRequest(userAgent: string | null) {
  if (!userAgent) {
    return false;
  }

  // isbot >= 3.8.0, >4
  if ("isbot" in isbotModule && typeof isbotModule.isbot === "function") {
    return isbotModule.isbot(userAgent);
  }

  // isbot < 3.8.0
  if ("default" in isbotModule && typeof isbotModule.default === "function") {
    return isbotModule.default(userAgent);
  }

  return false;
}

function handleBotRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
  chrome: DocumentChrome,
) {
  return renderDocument("onAllReady", request, responseStatusCode, responseHeaders, remixContext, loadContext, chrome);
}

function handleBrowserRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
  chrome: DocumentChrome,
) {
  return renderDocument(
    "onShellReady",
    request,
    responseStatusCode,
    responseHeaders,
    remixContext,
    loadContext,
    chrome,
  );
}

/**
 * Renders the document and answers once the shell (a browser) or everything (a bot, SPA mode)
 * is ready. Served by Forma's HTTP app (loadContext.forma), the HTML stays a Node stream handed
 * over beside the Response (RequestState.document), which the app pipes straight to the socket:
 * no Node → web → Node stream round trip (ADR 0026). Anyone else gets the usual web stream.
 */
function renderDocument(
  readyWhen: "onShellReady" | "onAllReady",
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
  chrome: DocumentChrome,
) {
  const state = loadContext.forma;
  // The Content-Security-Policy's nonce for this response (app/utils/http-app.server.ts).
  const nonce = state?.cspNonce ?? "";
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    /** Set when the app aborts the render through state.document (not the ABORT_DELAY timer: a render too slow). */
    let discarded = false;
    let allReady = false;
    let whenAllReady: (() => void) | null = null;
    const ready = () => {
      shellRendered = true;
      responseHeaders.set("Content-Type", "text/html");
      if (state) {
        // No 'close' event: React would take it for a destination closed early and abort a
        // finished render (building an error each time); the app aborts it if the client leaves.
        const body = new PassThrough({ emitClose: false });
        const response = new Response(null, { headers: responseHeaders, status: responseStatusCode });
        state.document = {
          response,
          body,
          abort: () => {
            // The app stops the render: the client left, or the document is not sent (a HEAD request).
            discarded = true;
            abort();
          },
        };
        resolve(response);
        // No page defers data (no <Await>): the document is complete a few ticks after its shell,
        // once Remix's <Scripts> has streamed the loader data. Written then, in one go, it leaves in
        // one socket write instead of one per flush (shell, each data chunk, the stream's close),
        // with the same bytes (ADR 0035). A render cut by the abort timer ends here too.
        if (allReady) pipe(body);
        else whenAllReady = () => pipe(body);
        return;
      }
      const body = new PassThrough();
      const stream = createReadableStreamFromReadable(body);
      resolve(
        new Response(stream, {
          headers: responseHeaders,
          status: responseStatusCode,
        }),
      );
      pipe(body);
    };
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        {/* The chrome's parts that depend on the language and the menu only, rendered once (ADR 0043). */}
        <MarkupOnceProvider value={renderMarkupOnce}>
          <DocumentChromeProvider value={chrome}>
            <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
          </DocumentChromeProvider>
        </MarkupOnceProvider>
      </NonceProvider>,
      {
        nonce,
        onShellReady: readyWhen === "onShellReady" ? ready : undefined,
        onAllReady() {
          // Done: the abort timer has nothing left to cut.
          clearTimeout(timer);
          allReady = true;
          if (readyWhen === "onAllReady") ready();
          whenAllReady?.();
        },
        onShellError(error: unknown) {
          clearTimeout(timer);
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Log streaming rendering errors from inside the shell (a client that left is not one).
          // Don't log errors encountered during initial shell rendering since they'll
          // reject and get logged in handleDocumentRequest.
          if (shellRendered) logStreamingRenderError(error, request, undefined, discarded);
        },
      },
    );

    const timer = setTimeout(abort, ABORT_DELAY);
  });
}

// ---------------------------------------------------------------------------
// Forma's process-level services, started by server.js before it accepts traffic.
export { beginServerShutdown, startServerServices, stopServerServices } from "./utils/server-services.server.ts";
export { createHttpApp } from "./utils/http-app.server.ts";
export { warmUp } from "./utils/warm-up.server.ts";
export { installGracefulShutdown } from "./utils/graceful-shutdown.server.ts";
export { logger } from "./utils/logger.server.ts";
export { getEnv } from "./utils/env.server.ts";
export { startupFailureLine } from "./utils/startup-failure.server.ts";
