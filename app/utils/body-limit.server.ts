// Request body limits, checked before the body is read: the declared Content-Length first, then
// the bytes actually streamed (a chunked body, or a client that lies), so an oversized post is
// refused with 413 without being held in memory.
import { MAX_SHEET_FILE_BYTES } from "~/domain/event-sheet.ts";
import { LETTERHEAD_IMAGE_MAX_BYTES } from "~/domain/letterhead.ts";
import { MAX_CERTIFICATE_BYTES } from "~/domain/training-plan.ts";
import { CONFIRMATION_ROW_BYTES, MAX_REPORT_BYTES } from "~/models/attendance-import.server.ts";
import { MAX_REPORT_ROWS } from "~/domain/webinar-report.ts";
import {
  ACTIVITY_MARK_BYTES,
  ACTIVITY_MARKS_MAX,
  REGISTER_LINE_BYTES,
  REGISTER_MAX_LINES,
} from "~/forms/attendance-forms.ts";
import { EVENT_FORM_MAX_BYTES } from "~/forms/event-form.ts";

/** Ordinary forms: the longest (an event's description, a message to participants) stays far below this. */
export const FORM_BODY_LIMIT = 128 * 1024;
/** Room for the other fields and the multipart framing around the one file of an upload form. */
const UPLOAD_OVERHEAD = 256 * 1024;

const LARGE_BODY_ROUTES: { pattern: RegExp; bytes: number }[] = [
  // A session's register posts every participant's line at once, whatever was changed: 600 participants were
  // already over the ordinary limit (app/routes/formazione.incontri.$sessionId.tsx).
  { pattern: /^\/formazione\/incontri\/[^/]+\/?$/, bytes: REGISTER_MAX_LINES * REGISTER_LINE_BYTES },
  // An edition's activities form posts one field per ticked box (app/routes/formazione.edizioni.$editionId.tsx).
  { pattern: /^\/formazione\/edizioni\/[^/]+\/?$/, bytes: ACTIVITY_MARKS_MAX * ACTIVITY_MARK_BYTES },
  // The event form, new or edited, posts every edition with every session (app/routes/gestione.eventi.nuovo.tsx,
  // app/routes/gestione.eventi.$eventId.modifica.tsx): about 300 sessions were over the ordinary limit.
  { pattern: /^\/gestione\/eventi\/(nuovo|[^/]+\/modifica)\/?$/, bytes: EVENT_FORM_MAX_BYTES },
  // The trainer's webinar attendance report (app/routes/formazione.incontri.$sessionId_.importa.tsx).
  // Its preview's confirmation posts the rows read, larger than the file: room for the most rows a report may have.
  {
    pattern: /^\/formazione\/incontri\/[^/]+\/importa\/?$/,
    bytes: Math.max(MAX_REPORT_BYTES + UPLOAD_OVERHEAD, MAX_REPORT_ROWS * CONFIRMATION_ROW_BYTES),
  },
  // An external training's certificate on the teacher's plan (app/routes/il-mio-piano.tsx).
  { pattern: /^\/il-mio-piano\/?$/, bytes: MAX_CERTIFICATE_BYTES + UPLOAD_OVERHEAD },
  // An event sheet's attachment or a session's material (app/routes/gestione.eventi.$eventId_.scheda.tsx).
  { pattern: /^\/gestione\/eventi\/[^/]+\/scheda\/?$/, bytes: MAX_SHEET_FILE_BYTES + UPLOAD_OVERHEAD },
  // The certificates' letterhead: a logo and a signature, each up to its cap (app/routes/profilo_.carta-intestata.tsx).
  { pattern: /^\/profilo\/carta-intestata\/?$/, bytes: 2 * LETTERHEAD_IMAGE_MAX_BYTES + UPLOAD_OVERHEAD },
];

/**
 * Remix's single-fetch suffix: with JavaScript a form posts to its page's path plus ".data"
 * ("/il-mio-piano.data"), and that post carries the same file as the page's own.
 */
const SINGLE_FETCH_SUFFIX = /\.data$/;

/** The largest body any page accepts: what a reverse proxy in front of Forma must let through (README). */
export function largestBodyLimit(): number {
  return Math.max(FORM_BODY_LIMIT, ...LARGE_BODY_ROUTES.map((route) => route.bytes));
}

/** The most bytes a request body to this path (a page's, or its single-fetch ".data" twin) may have. */
export function bodyLimitFor(pathname: string): number {
  const page = pathname.replace(SINGLE_FETCH_SUFFIX, "");
  for (const route of LARGE_BODY_ROUTES) if (route.pattern.test(page)) return route.bytes;
  return FORM_BODY_LIMIT;
}

export { formatBytes } from "./format-bytes.ts";
