import { describe, expect, it } from "vitest";
import { hasLikeWildcards, likeLiteralParts } from "./literal-search.ts";

describe("literal searches through LIKE", () => {
  it("tells the texts LIKE would read as patterns", () => {
    expect(["mario_rossi@scuola.it", "100%", "a\\b"].map(hasLikeWildcards)).toEqual([true, true, true]);
    expect(hasLikeWildcards("mario.rossi@scuola.it")).toBe(false);
  });

  it("splits a text into the pieces between the wildcards", () => {
    expect(likeLiteralParts("mario_rossi@scuola.it")).toEqual(["mario", "rossi@scuola.it"]);
    expect(likeLiteralParts("%_\\")).toEqual([]);
    expect(likeLiteralParts("rossi")).toEqual(["rossi"]);
  });
});
