// The HTTP answer of every .ics route (the event's file, the personal feed, the catalogue's feed).
// Calendar programs poll a subscribed feed every few minutes to hours: with a validator they can
// ask "still the same?" and get a 304 without the body. The ETag is a hash of the text without its
// DTSTAMP lines (the build time, new at every build of the public files): two texts that differ
// only there say the same thing, so the tag is weak (RFC 9110 8.8.1) and answers If-None-Match.
import { createHash } from "node:crypto";

const DTSTAMP_LINE = /^DTSTAMP:[^\r\n]*\r\n/gm;

/** A weak entity tag for a calendar text: equal for texts equal but for DTSTAMP. */
export function calendarEtag(text: string): string {
  const digest = createHash("sha256").update(text.replace(DTSTAMP_LINE, "")).digest("base64url");
  return `W/"${digest.slice(0, 32)}"`;
}

/** Whether an If-None-Match header names this tag (weak comparison, as RFC 9110 13.1.2 asks), or is "*". */
function matches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, "");
  return ifNoneMatch.split(",").some((tag) => tag.trim() === "*" || opaque(tag) === opaque(etag));
}

/**
 * The calendar text with these headers and its ETag, or a 304 with the same headers and no body
 * when the client already holds it.
 */
export function calendarResponse(request: Request, text: string, headers: Record<string, string>): Response {
  const etag = calendarEtag(text);
  if (matches(request.headers.get("If-None-Match"), etag)) {
    return new Response(null, { status: 304, headers: { ...headers, ETag: etag } });
  }
  return new Response(text, { headers: { ...headers, ETag: etag } });
}
