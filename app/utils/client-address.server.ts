// The client address the rate limiters count by. An IPv4 address is one client; an IPv6 address is
// not: a home or a server line is given a whole /64 (2^64 addresses), and its owner may pick any of
// them for each request, so counting by the full address let one machine send every sign-in,
// sign-up or reset request from a new "client" and never meet a per-address limit. Pure, so it is
// unit-tested without a server (client-address.server.test.ts).
import { isIPv4, isIPv6 } from "node:net";

/** The eight 16-bit groups of an IPv6 address (with "::" expanded and a trailing IPv4 part converted). */
function ipv6Groups(address: string): number[] | null {
  let text = address.toLowerCase();
  const zone = text.indexOf("%");
  if (zone !== -1) text = text.slice(0, zone);
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const bytes = dotted[1]!.split(".").map(Number);
    text = `${text.slice(0, -dotted[1]!.length)}${((bytes[0]! << 8) | bytes[1]!).toString(16)}:${((bytes[2]! << 8) | bytes[3]!).toString(16)}`;
  }
  const [head, tail, ...rest] = text.split("::");
  if (rest.length > 0) return null;
  const parse = (part: string | undefined) => (part ? part.split(":").map((g) => parseInt(g, 16)) : []);
  const first = parse(head);
  const last = parse(tail);
  const missing = 8 - first.length - last.length;
  if (tail === undefined ? missing !== 0 : missing < 1) return null;
  const groups = [...first, ...Array<number>(tail === undefined ? 0 : missing).fill(0), ...last];
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : null;
}

/**
 * The key of a client address for the rate limiters: an IPv4 address as it is (an IPv4-mapped IPv6
 * address, "::ffff:192.0.2.1", as its IPv4 address), an IPv6 address as its /64 network
 * ("2001:db8:1:2::/64"), anything else (unknown, the warm-up) unchanged.
 */
export function rateLimitAddress(address: string): string {
  if (isIPv4(address) || !isIPv6(address)) return address;
  const groups = ipv6Groups(address);
  if (!groups) return address;
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return [groups[6]! >> 8, groups[6]! & 0xff, groups[7]! >> 8, groups[7]! & 0xff].join(".");
  }
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(":")}::/64`;
}
