import { describe, expect, it } from "vitest";
import { excerptOf } from "./catalogue.server.ts";

/** The excerpt as first written: the whole description flattened, then cut. */
function wholeTextExcerpt(text: string, length = 220): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= length) return flat;
  const cut = flat.slice(0, length);
  const lastSpace = cut.lastIndexOf(" ");
  return `${(lastSpace > length * 0.6 ? cut.slice(0, lastSpace) : cut).replace(/[\s,.;:–-]+$/u, "")}…`;
}

describe("catalogue excerpts (the words read until the length is known)", () => {
  it("equal the whole text's excerpt, whatever the whitespace and the length", () => {
    const words = ["Seminario", "regionale", "dedicato", "all'inclusione,", "CLIL", "–", "eTwinning.", "a", "più"];
    words.push("fine;", "nota:", "x-", "—", "𝑥", "\u200b");
    const spaces = [" ", "  ", "\n", "\n\n\t ", " ".repeat(300), "\u00a0"];
    // Every other character JavaScript's \s matches.
    spaces.push("\v\f\r", "\u1680", "\u2000\u2005\u200a", "\u2028\u2029", "\u202f", "\u205f", "\u3000", "\ufeff");
    let seed = 7;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const texts = ["", "   ", "breve", " ".repeat(2000) + "dopo molti spazi", "x".repeat(5000)];
    for (let i = 0; i < 2000; i++) {
      let text = random(3) === 0 ? spaces[random(spaces.length)]! : "";
      const count = random(400);
      for (let w = 0; w < count; w++) text += words[random(words.length)]! + spaces[random(spaces.length)]!;
      texts.push(text);
    }
    for (const text of texts) {
      expect(excerptOf(text)).toBe(wholeTextExcerpt(text));
      expect(excerptOf(text, 30)).toBe(wholeTextExcerpt(text, 30));
      expect(excerptOf(text, 5)).toBe(wholeTextExcerpt(text, 5));
    }
  });
});
