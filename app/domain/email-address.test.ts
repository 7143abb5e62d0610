import { describe, expect, it } from "vitest";
import { isReservedAddress } from "./email-address.ts";

describe("isReservedAddress", () => {
  it("is true for any address in the .invalid top-level domain, whatever the case or a trailing dot", () => {
    for (const a of [
      "chiuso-abc123@forma.invalid",
      "CHIUSO-ABC@FORMA.INVALID",
      "x@sub.domain.invalid",
      "x@forma.invalid.",
      "x@invalid",
    ]) {
      expect(isReservedAddress(a)).toBe(true);
    }
  });
  it("is false for real domains, including ones that only contain the word", () => {
    for (const a of [
      "maria@scuola.it",
      "x@invalid.it",
      "x@forma-invalid.it",
      "invalid@scuola.it",
      "x@notinvalid",
      "invalid",
    ]) {
      expect(isReservedAddress(a)).toBe(false);
    }
  });
});
