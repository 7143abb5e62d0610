// The client address the rate limiters count by. An IPv4 address is one client; an IPv6 address is
// not: a home or a server line is given a whole /64 (2^64 addresses), and its owner may pick any of
// them for each request, so counting by the full address let one machine send every sign-in,
// sign-up or reset request from a new "client" and never meet a per-address limit. Addresses are
// read by ipaddr.js (zone, "::", an IPv4 tail, IPv4-mapped addresses). Pure, so it is unit-tested
// without a server (client-address.server.test.ts).
import ipaddr from "ipaddr.js";

/**
 * The key of a client address for the rate limiters: an IPv4 address as it is (an IPv4-mapped IPv6
 * address, "::ffff:192.0.2.1", as its IPv4 address), an IPv6 address as its /64 network
 * ("2001:db8:1:2::/64"), anything else (unknown, the warm-up) unchanged.
 */
export function rateLimitAddress(address: string): string {
  if (!ipaddr.isValid(address)) return address;
  const parsed = ipaddr.process(address); // an IPv4-mapped IPv6 address becomes its IPv4 address
  if (parsed.kind() === "ipv4") return parsed.toString();
  const groups = (parsed as ipaddr.IPv6).parts.slice(0, 4).map((g) => g.toString(16));
  return `${groups.join(":")}::/64`;
}
