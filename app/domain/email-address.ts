// Addresses no mailbox can have. The top-level domain "invalid" is reserved for them (RFC 2606,
// RFC 6761 §6.4), and Forma gives each closed account one (chiuso-<id>@forma.invalid,
// app/models/account-closure.server.ts): an account that could take such an address beforehand
// would make that closure collide with it.

/** Whether the address is in the reserved ".invalid" top-level domain (any case, a trailing dot too). */
export function isReservedAddress(address: string): boolean {
  const at = address.lastIndexOf("@");
  if (at < 0) return false; // not an address at all: the email check says so
  const domain = address
    .slice(at + 1)
    .trim()
    .toLowerCase()
    .replace(/\.+$/, "");
  return domain === "invalid" || domain.endsWith(".invalid");
}
