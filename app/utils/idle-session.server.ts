// What the idle warning (ADR 0094, app/components/idle-session-dialog.tsx) reads from /sessione and
// /sessione/rinnova: the seconds left before the session's idle end, counted on the server's clock so
// that the page's own clock (which may be off, or asleep) only counts down from the answer.
import type { IdleSessionAnswer } from "~/domain/session-lifetime.ts";

/** 200 with the seconds left (null for a session kept on the device), or 401 when no live session. */
export function idleSessionAnswer(state: { idleEndsAt: Date | null } | null, now = new Date()): Response {
  if (!state) return answer({ ended: true }, 401);
  const secondsLeft = state.idleEndsAt
    ? Math.max(0, Math.floor((state.idleEndsAt.getTime() - now.getTime()) / 1000))
    : null;
  return answer({ ended: false, secondsLeft }, 200);
}

function answer(body: IdleSessionAnswer, status: number): Response {
  return Response.json(body, { status, headers: NO_STORE });
}

const NO_STORE = { "Cache-Control": "private, no-store" };

/**
 * A POST sent by a page of Forma's own origin. The HTTP app already refuses a form from another site
 * (app/utils/http-app.server.ts, sameOrigin) and passes on the Origin it accepted as the request's;
 * the extend route checks it again because its whole effect is on the session a cookie names.
 */
export function fromOwnOrigin(request: Request): boolean {
  const origin = request.headers.get("Origin");
  if (request.headers.get("Sec-Fetch-Site") === "cross-site") return false;
  return origin === null || origin === new URL(request.url).origin;
}
