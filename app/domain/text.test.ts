import { describe, expect, test } from "vitest";
import { stripControlCharacters } from "./text.ts";

describe("stripControlCharacters", () => {
  test("drops NUL, other C0 controls and DEL", () => {
    expect(stripControlCharacters("a\u0000b\u0001c\u001bd\u007fe\u000bf\u000cg")).toBe("abcdefg");
  });
  test("keeps tab, line breaks and ordinary text (accents, typographic quotes, emoji)", () => {
    const text = "Riga 1\r\nRiga\t2\nl’è già ‘così’ – 😀";
    expect(stripControlCharacters(text)).toBe(text);
  });
});
