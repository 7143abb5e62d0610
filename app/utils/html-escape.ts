// HTML written by hand where the server skips React's renderer for markup it can write as a
// string (the catalogue's option lists and cards, ADRs 0028 and 0046): the same escaping React's
// server renderer applies to text and attribute values (react-dom's escapeTextForBrowser), so the
// string is byte for byte what React would write.
const FIRST_ESCAPED = /["'&<>]/;

/**
 * A text or attribute value escaped as React's server renderer escapes it, the way it does it:
 * the text is returned as it is when nothing needs escaping, else copied in slices between the
 * characters replaced (no callback per character, ADR 0059).
 */
export function escapeHtml(s: string): string {
  const match = FIRST_ESCAPED.exec(s);
  if (match === null) return s;
  let html = "";
  let last = 0;
  for (let i = match.index; i < s.length; i++) {
    let escaped: string;
    switch (s.charCodeAt(i)) {
      case 34: // "
        escaped = "&quot;";
        break;
      case 38: // &
        escaped = "&amp;";
        break;
      case 39: // '
        escaped = "&#x27;";
        break;
      case 60: // <
        escaped = "&lt;";
        break;
      case 62: // >
        escaped = "&gt;";
        break;
      default:
        continue;
    }
    if (last !== i) html += s.slice(last, i);
    last = i + 1;
    html += escaped;
  }
  return last !== s.length ? html + s.slice(last) : html;
}
