import { describe, expect, test } from "vitest";
import { safeRedirectTarget, withReturnTo } from "./safe-redirect.ts";

describe("safeRedirectTarget", () => {
  test.each([
    "/",
    "/eventi",
    "/eventi?q=dell%27infanzia&regione=LAZ",
    "/eventi/abc#edizioni",
    "/presenza/s1?codice=ABC123",
    "/eventi?q=caff%C3%A8",
    "/@evil.example",
  ])("keeps the same-site path %s", (path) => {
    expect(safeRedirectTarget(path, "/fallback")).toBe(path);
  });

  test("serialises non-ASCII as percent-encoding, so the Location header is always valid", () => {
    expect(safeRedirectTarget("/eventi?q=caffè", "/x")).toBe("/eventi?q=caff%C3%A8");
  });

  test.each([
    ["protocol-relative", "//evil.example"],
    ["protocol-relative with path", "//evil.example/eventi"],
    ["backslash", "/\\evil.example"],
    ["two backslashes", "\\\\evil.example"],
    ["backslash after slash, encoded", "/%5Cevil.example"],
    ["backslash, lower-case encoding", "/%5cevil.example"],
    ["tab then slash (browsers strip the tab)", "/\t/evil.example"],
    ["encoded tab then slash", "/%09/evil.example"],
    ["encoded line feed", "/%0A/evil.example"],
    ["encoded carriage return", "/%0d/evil.example"],
    ["raw CR/LF (header injection)", "/eventi\r\nSet-Cookie: x=1"],
    ["raw line feed", "/\n/evil.example"],
    ["NUL", "/eventi\u0000"],
    ["encoded NUL", "/eventi%00"],
    ["DEL", "/\u007f/evil.example"],
    ["C1 control", "/\u0085/evil.example"],
    ["line separator", "/\u2028/evil.example"],
    ["double-encoded tab", "/%2509/evil.example"],
    ["triple-encoded backslash", "/%25255C/evil.example"],
    ["encoded slashes", "%2F%2Fevil.example"],
    ["slash then encoded slash", "/%2F/evil.example"],
    ["slash then encoded slash, lower case", "/%2f/evil.example"],
    ["absolute http", "http://evil.example/"],
    ["absolute https", "https://evil.example/"],
    ["scheme-relative with scheme only", "https:evil.example"],
    ["javascript:", "javascript:alert(1)"],
    ["javascript: with leading slash decoded", "%2Fjavascript:alert(1)"],
    ["relative path", "eventi"],
    ["dot path", "./eventi"],
    ["leading space", " /eventi"],
    ["dot segments that normalise to //", "/..//evil.example"],
    ["encoded dot segments that normalise to //", "/%2E%2E//evil.example"],
    ["malformed encoding", "/eventi%E0%A4%A"],
  ])("refuses %s", (_name, path) => {
    expect(safeRedirectTarget(path, "/fallback")).toBe("/fallback");
  });

  test.each([null, undefined, "", 42, {}, "/" + "a".repeat(3000)])("falls back on %#", (value) => {
    expect(safeRedirectTarget(value, "/eventi")).toBe("/eventi");
  });

  test("every accepted target parses, against any origin, to that same origin", () => {
    const samples = ["/", "/a/b?c=d#e", "/eventi?q=%E2%80%99", "/@evil.example", "/..//evil.example", "/./evil"];
    for (const sample of samples) {
      const target = safeRedirectTarget(sample, "/");
      expect(new URL(target, "https://forma.example").origin).toBe("https://forma.example");
      expect(target.startsWith("//")).toBe(false);
    }
  });
});

describe("withReturnTo", () => {
  test("carries a path of this site, encoded", () => {
    expect(withReturnTo("/accedi", "/eventi/abc/iscrizione?edizione=e1")).toBe(
      "/accedi?redirectTo=%2Feventi%2Fabc%2Fiscrizione%3Fedizione%3De1",
    );
  });

  test.each([
    null,
    undefined,
    "",
    "/",
    "//evil.example/",
    "https://evil.example/",
    "/\\evil.example",
    "javascript:alert(1)",
  ])("drops %s", (to) => {
    expect(withReturnTo("/registrati", to)).toBe("/registrati");
  });
});
