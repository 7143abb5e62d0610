import { describe, expect, it } from "vitest";
import { percentWithArticle } from "./completion-rule.ts";

describe("percentWithArticle", () => {
  it("elides the Italian article before a vowel sound only", () => {
    expect([75, 80, 89, 90, 100, 1, 8, 11, 18, 50].map((p) => percentWithArticle(p, "it"))).toEqual([
      "il 75%",
      "l'80%",
      "l'89%",
      "il 90%",
      "il 100%",
      "l'1%",
      "l'8%",
      "l'11%",
      "il 18%",
      "il 50%",
    ]);
    expect(percentWithArticle(80, "en")).toBe("80%");
  });
});
