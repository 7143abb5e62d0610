import { describe, expect, it } from "vitest";
import { fiscalCodeCheckCharacter, isValidFiscalCode, normaliseFiscalCode, parseFiscalCode } from "./fiscal-code.ts";

describe("codice fiscale", () => {
  it("computes the check character of known codes", () => {
    // Mario Rossi, born in Rome on 1 January 1980: the Agenzia delle Entrate's textbook example.
    expect(fiscalCodeCheckCharacter("RSSMRA80A01H501")).toBe("U");
    // Maria Rossi, born in Florence (D612) on 1 January 1980: women's day of birth is +40.
    expect(fiscalCodeCheckCharacter("RSSMRA80A41D612")).toBe("C");
  });

  it("accepts valid codes, also with omocodia letters in the digit positions", () => {
    expect(isValidFiscalCode("RSSMRA80A01H501U")).toBe(true);
    // The same person's first omocode: the last digit 1 becomes M, and the check character changes.
    const omocode = "RSSMRA80A01H50M";
    expect(isValidFiscalCode(omocode + fiscalCodeCheckCharacter(omocode))).toBe(true);
  });

  it("refuses a wrong check character, a wrong shape or a wrong month letter", () => {
    expect(isValidFiscalCode("RSSMRA80A01H501A")).toBe(false);
    expect(isValidFiscalCode("RSSMRA80A01H501")).toBe(false);
    expect(isValidFiscalCode("RSSMRA80Z01H501U")).toBe(false); // Z is not a month
    expect(isValidFiscalCode("12345678901")).toBe(false); // a company's partita IVA is not a person's code
    expect(isValidFiscalCode("rssmra80a01h501u")).toBe(false); // callers normalise first
  });

  it("every single-character change of a valid code is detected", () => {
    const code = "RSSMRA80A01H501U";
    for (let i = 0; i < 15; i++) {
      for (const c of "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ") {
        if (c === code[i]) continue;
        const changed = code.slice(0, i) + c + code.slice(i + 1);
        // A change may make a different valid code only if it also changed the check character: it cannot.
        expect(isValidFiscalCode(changed)).toBe(false);
      }
    }
  });

  it("normalises what identity providers send", () => {
    expect(normaliseFiscalCode("TINIT-RSSMRA80A01H501U")).toBe("RSSMRA80A01H501U");
    expect(normaliseFiscalCode(" rssmra80a01h501u ")).toBe("RSSMRA80A01H501U");
    expect(parseFiscalCode("TINIT-rssmra80a01h501u")).toBe("RSSMRA80A01H501U");
    expect(parseFiscalCode("TINIT-RSSMRA80A01H501X")).toBeNull();
    expect(parseFiscalCode(42)).toBeNull();
    expect(parseFiscalCode(undefined)).toBeNull();
  });
});
