// An error React reports while it streams a document whose shell is already sent (entry.server's
// onError). The app aborts a render when its client leaves (app/utils/http-app.server.ts, 'close'
// before 'finish'; the request's signal is aborted first), and React then reports "The render was
// aborted by the server without a reason" for every part still pending: that is a visitor closing a
// tab or losing the signal, not a fault, and the request's own log line already says `aborted`.
// Logged at debug, so that the error level keeps meaning something to operators; so is a render the app stops
// because its document is not sent after all (a HEAD request).
import { logger } from "./logger.server.ts";

/** The two levels used, as the app's logger has them. */
export type RenderErrorLog = {
  error(fields: object, message: string): void;
  debug(fields: object, message: string): void;
};

/**
 * `discarded`: the app stopped the render itself because the document will not be sent (Remix answered a HEAD
 * request, or with another response): React reports the same "aborted" error for the parts still pending, and
 * that is not a fault either. An uptime monitor's HEAD of a page logged one at error level.
 */
export function logStreamingRenderError(
  error: unknown,
  request: Request,
  log: RenderErrorLog = logger,
  discarded = false,
): void {
  if (request.signal.aborted) {
    log.debug({ err: error }, "streaming render stopped: the client left");
    return;
  }
  if (discarded) {
    log.debug({ err: error }, "streaming render stopped: its document is not sent");
    return;
  }
  log.error({ err: error }, "streaming render failed");
}
