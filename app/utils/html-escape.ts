// HTML written by hand where the server skips React's renderer for markup it can write as a
// string (the catalogue's option lists and cards, ADRs 0028 and 0046): the same escaping React's
// server renderer applies to text and attribute values (react-dom's escapeTextForBrowser), so the
// string is byte for byte what React would write.
const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" };
const ESCAPED = /[&<>"']/g;

/** A text or attribute value escaped as React's server renderer escapes it. */
export function escapeHtml(s: string): string {
  return s.replace(ESCAPED, (c) => HTML_ESCAPES[c]!);
}
