import { describe, expect, test } from "vitest";
import { hasControlCharacters, stripControlCharacters } from "./text.ts";

describe("stripControlCharacters", () => {
  test("drops NUL, other C0 controls and DEL", () => {
    expect(stripControlCharacters("a\u0000b\u0001c\u001bd\u007fe\u000bf\u000cg")).toBe("abcdefg");
  });
  test("keeps tab, line breaks and ordinary text (accents, typographic quotes, emoji)", () => {
    const text = "Riga 1\r\nRiga\t2\nl’è già ‘così’ – 😀";
    expect(stripControlCharacters(text)).toBe(text);
  });
});

describe("hasControlCharacters", () => {
  test("says whether stripControlCharacters would change the text, every time it is asked", () => {
    const texts = ["a\u0000b", "\u007f", "x\u001b", "Riga 1\r\nRiga\t2", "l’è già – 😀", ""];
    for (let round = 0; round < 2; round++)
      for (const text of texts)
        expect(hasControlCharacters(text), JSON.stringify(text)).toBe(stripControlCharacters(text) !== text);
  });
});
