import { describe, expect, it } from "vitest";
import {
  CODE_ALPHABET,
  correctionAdvice,
  generateCertificateCode,
  isCertificateCode,
  normaliseCertificateCode,
  organiserOf,
  registerMayClose,
  reissueRefusal,
  verificationPath,
} from "./certificate.ts";

describe("generateCertificateCode", () => {
  it("makes FRM- and three groups of four symbols from the unambiguous alphabet", () => {
    for (let i = 0; i < 200; i++) {
      const code = generateCertificateCode();
      expect(code).toMatch(/^FRM-[^-]{4}-[^-]{4}-[^-]{4}$/);
      expect(isCertificateCode(code)).toBe(true);
      for (const ch of code.slice(4).replaceAll("-", "")) expect(CODE_ALPHABET).toContain(ch);
    }
  });

  it("never uses look-alike characters", () => {
    for (const ch of "0O1IL2Z5S8B") expect(CODE_ALPHABET).not.toContain(ch);
  });

  it("gives distinct codes", () => {
    const codes = new Set(Array.from({ length: 5000 }, () => generateCertificateCode()));
    expect(codes.size).toBe(5000);
  });

  it("skips bytes above the last full multiple of the alphabet (no bias)", () => {
    // 250..255 are rejected; 0 -> first symbol, 26 -> second symbol.
    let call = 0;
    const code = generateCertificateCode((n) => {
      call++;
      return Uint8Array.from({ length: n }, (_, i) => (call === 1 && i < 5 ? 255 : i % 2 === 0 ? 0 : 26));
    });
    expect(code.slice(4, 8)).toBe(`${CODE_ALPHABET[1]}${CODE_ALPHABET[0]}${CODE_ALPHABET[1]}${CODE_ALPHABET[0]}`);
  });
});

describe("normaliseCertificateCode", () => {
  it("accepts lower case, spaces, missing dashes and a missing prefix", () => {
    expect(normaliseCertificateCode(" frm-a3c4-d6e7-f9gh ")).toBe("FRM-A3C4-D6E7-F9GH");
    expect(normaliseCertificateCode("A3C4 D6E7 F9GH")).toBe("FRM-A3C4-D6E7-F9GH");
    expect(normaliseCertificateCode("frma3c4d6e7f9gh")).toBe("FRM-A3C4-D6E7-F9GH");
  });

  it("refuses what cannot be a code", () => {
    expect(normaliseCertificateCode("")).toBeNull();
    expect(normaliseCertificateCode("FRM-A3C4-D6E7")).toBeNull();
    expect(normaliseCertificateCode("FRM-O0O0-D6E7-F9GH")).toBeNull();
    expect(normaliseCertificateCode("<script>")).toBeNull();
  });
});

describe("organiserOf", () => {
  it("names the regional office for regional events, the national unit otherwise", () => {
    expect(organiserOf("regionale", "toscana")).toContain("Toscana");
    expect(organiserOf("nazionale", null)).toContain("Unità nazionale");
    expect(organiserOf("europeo", null)).toContain("Unità nazionale");
  });
});

it("verificationPath encodes the code", () => {
  expect(verificationPath("FRM-A3C4-D6E7-F9GH")).toBe("/attestati/verifica/FRM-A3C4-D6E7-F9GH");
});

describe("registerMayClose", () => {
  it("only once the edition's last instant is past (or now)", () => {
    const endsOn = new Date("2027-02-17T22:59:59.999Z");
    expect(registerMayClose(endsOn, new Date("2027-02-17T22:59:59.998Z"))).toBe(false);
    expect(registerMayClose(endsOn, endsOn)).toBe(true);
    expect(registerMayClose(endsOn, new Date("2027-02-18T09:00:00Z"))).toBe(true);
  });
});

describe("reissueRefusal", () => {
  it("a completed path of an open account only: not completed first, then a closed account (ADR 0013)", () => {
    expect(reissueRefusal({ completed: true, accountClosed: false })).toBeNull();
    expect(reissueRefusal({ completed: false, accountClosed: false })).toBe("not-completed");
    expect(reissueRefusal({ completed: true, accountClosed: true })).toBe("account-closed");
    expect(reissueRefusal({ completed: false, accountClosed: true })).toBe("not-completed");
  });
});

describe("correctionAdvice", () => {
  it("a closed account's certificate can only be revoked: none, some or every holder's account closed", () => {
    const open = { accountClosed: false };
    const closed = { accountClosed: true };
    expect(correctionAdvice([])).toEqual({ kind: "reissue-or-revoke", accountClosed: 0 });
    expect(correctionAdvice([open, open])).toEqual({ kind: "reissue-or-revoke", accountClosed: 0 });
    expect(correctionAdvice([open, closed, closed])).toEqual({ kind: "mixed", accountClosed: 2 });
    expect(correctionAdvice([closed])).toEqual({ kind: "revoke-only", accountClosed: 1 });
  });
});
