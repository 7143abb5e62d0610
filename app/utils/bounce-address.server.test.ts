import { describe, expect, it } from "vitest";
import { bounceAddressFor, notificationOfBounceAddress } from "./bounce-address.server.ts";

const SECRET = "s".repeat(40);
const BASE = "ritorni@forma.example";
const ID = "cm3x0a1b2c3d4e5f6g7h8i9j";

describe("bounce addresses (VERP)", () => {
  it("name their notification below the bounce mailbox, and read back only with the same key", () => {
    const address = bounceAddressFor(ID, BASE, SECRET);
    expect(address).toMatch(/^ritorni\+cm3x0a1b2c3d4e5f6g7h8i9j\.[0-9a-f]{20}@forma\.example$/);
    expect(notificationOfBounceAddress(address, BASE, SECRET)).toBe(ID);
    // Relays may change the case of the local part or the domain.
    expect(notificationOfBounceAddress(address.toUpperCase(), BASE, SECRET)).toBe(ID);
    expect(notificationOfBounceAddress(address, BASE, "t".repeat(40))).toBeNull();
  });

  it("refuse forged, altered and foreign addresses", () => {
    const address = bounceAddressFor(ID, BASE, SECRET);
    const other = "cm3x0a1b2c3d4e5f6g7h8zzzz";
    const signature = address.split(".")[1]!.split("@")[0]!;
    for (const forged of [
      `ritorni+${other}.${signature}@forma.example`,
      address.replace("@forma.example", "@altro.example"),
      address.replace("ritorni+", "altro+"),
      `ritorni+${ID}@forma.example`,
      `ritorni+${ID}.${signature}.x@forma.example`,
      "ritorni@forma.example",
      "",
      "@",
    ]) {
      expect(notificationOfBounceAddress(forged, BASE, SECRET), forged).toBeNull();
    }
  });

  it("takes the seat writers' UUIDs too, and gives the bare mailbox for an id that is not a notification's", () => {
    const uuid = "0b6c2f0e-4a7d-4c1e-9f3a-2d5e8b7c6a10";
    expect(notificationOfBounceAddress(bounceAddressFor(uuid, BASE, SECRET), BASE, SECRET)).toBe(uuid);
    expect(bounceAddressFor("../x", BASE, SECRET)).toBe(BASE);
    expect(() => bounceAddressFor(ID, "senza-chiocciola", SECRET)).toThrow();
  });
});
