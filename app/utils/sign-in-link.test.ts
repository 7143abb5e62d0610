import { describe, expect, it } from "vitest";
import { signInPath } from "./sign-in-link.ts";

describe("signInPath", () => {
  it("keeps the language a return address names, so the sign-in page opens in it", () => {
    expect(signInPath("/le-mie-iscrizioni?lang=en")).toBe(
      "/accedi?redirectTo=%2Fle-mie-iscrizioni%3Flang%3Den&lang=en",
    );
    expect(signInPath("/eventi?q=arte&lang=en")).toBe("/accedi?redirectTo=%2Feventi%3Fq%3Darte%26lang%3Den&lang=en");
    expect(signInPath("/sessione/ripresa?lang=it")).toBe(
      "/accedi?redirectTo=%2Fsessione%2Fripresa%3Flang%3Dit&lang=it",
    );
  });

  it("names no language when the address names none, or one Forma does not speak", () => {
    expect(signInPath("/profilo")).toBe("/accedi?redirectTo=%2Fprofilo");
    expect(signInPath("/profilo?lang=fr")).toBe("/accedi?redirectTo=%2Fprofilo%3Flang%3Dfr");
  });
});
