import helmet from "helmet";
import { describe, expect, test } from "vitest";
import { cspNonce, helmetOptions, securityHeaders } from "./security-headers.server.ts";

type Call = ["set", string, string] | ["remove", string];

/** A response that records what is done to its headers, in order. */
function recordingResponse(nonce: string) {
  const calls: Call[] = [];
  const res = {
    locals: { forma: { cspNonce: nonce } },
    setHeader: (name: string, value: unknown) => calls.push(["set", name, String(value)]),
    removeHeader: (name: string) => calls.push(["remove", name]),
  };
  return { res, calls };
}

describe("security headers recorded once from helmet", () => {
  for (const production of [true, false])
    for (const https of [true, false])
      test(`the same headers, values and order as helmet run per request (production ${production}, https ${https})`, () => {
        const nonce = cspNonce();
        const byHelmet = recordingResponse(nonce);
        let error: unknown = "not called";
        helmet(helmetOptions(production, https))({} as never, byHelmet.res as never, (e?: unknown) => (error = e));
        expect(error).toBeUndefined();
        const replayed = recordingResponse(nonce);
        securityHeaders(production, https)(replayed.res as never, nonce);
        expect(replayed.calls).toEqual(byHelmet.calls);
        const csp = replayed.calls.find((c) => c[1] === "Content-Security-Policy");
        expect(csp?.[2]).toContain(`script-src 'self' 'nonce-${nonce}'`);
        expect(replayed.calls.some((c) => c[1] === "Strict-Transport-Security")).toBe(production);
      });
});

describe("CSP nonces", () => {
  test("16 random bytes in base64, never the same twice across several pool refills", () => {
    const nonces = Array.from({ length: 600 }, () => cspNonce());
    expect(nonces.filter((n) => !/^[A-Za-z0-9+/]{22}==$/.test(n))).toEqual([]);
    expect(Buffer.from(nonces[0]!, "base64")).toHaveLength(16);
    expect(new Set(nonces).size).toBe(600);
  });
});
