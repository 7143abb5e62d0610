// RFC 5545 line folding (3.1) in one pass: lines longer than 75 octets are split with CRLF + a
// space, never inside a UTF-8 character or a surrogate pair. The output is byte for byte what
// ical-generator's own foldLines writes (first line at most 74 octets, continuations a space plus
// at most 74), which encodes every character with a new TextEncoder and cost half the CPU of a
// 200-session personal feed (docs/performance.md).

/** Octets of the UTF-8 encoding of the code unit(s) at i, and how many code units they take. */
function utf8Size(text: string, i: number): [octets: number, units: number] {
  const code = text.charCodeAt(i);
  if (code < 0x80) return [1, 1];
  if (code < 0x800) return [2, 1];
  if (code >= 0xd800 && code <= 0xdbff) {
    const next = text.charCodeAt(i + 1);
    // A high surrogate with its low half is one 4-octet character. A lone one encodes as U+FFFD
    // (3 octets) and, as in ical-generator, stays glued to the unit after it.
    if (next >= 0xdc00 && next <= 0xdfff) return [4, 2];
    if (i + 1 >= text.length) return [3, 1];
    return [3 + (next < 0x80 ? 1 : next < 0x800 ? 2 : 3), 2];
  }
  return [3, 1];
}

/** Folds every CRLF-separated line of an iCalendar text. */
export function foldIcsLines(input: string): string {
  const lines = input.split("\r\n");
  for (let n = 0; n < lines.length; n += 1) {
    const line = lines[n]!;
    // Short lines (most of them) need no work: 24 code units are at most 72 octets (3 per unit at most).
    if (line.length <= 24) continue;
    let octets = 0;
    let folded = false;
    let out = "";
    let from = 0;
    for (let i = 0; i < line.length;) {
      const [size, units] = utf8Size(line, i);
      octets += size;
      if (octets > 74) {
        out += line.slice(from, i) + "\r\n ";
        from = i;
        octets = size;
        folded = true;
      }
      i += units;
    }
    if (folded) lines[n] = out + line.slice(from);
  }
  return lines.join("\r\n");
}
