import { describe, expect, it } from "vitest";
import { isPrintableText, stripInvisibleCharacters, unprintableCharacters } from "./printable-text.ts";

describe("the text the PDFs print", () => {
  it("removes invisible format characters: zero-width space and joiners, word joiner, BOM, soft hyphen, direction marks", () => {
    expect(stripInvisibleCharacters("a\u200bb\u200cc\u200dd\u2060e\ufefff\u00adg\u200eh\u202ai")).toBe("abcdefghi");
  });

  it("names the characters no font draws (emoji, arrows, check marks, CJK), once each, in order", () => {
    expect(unprintableCharacters("Coding 🤖 in classe → dalla teoria\u200B alla pratica ✓ 🤖")).toEqual([
      "🤖",
      "→",
      "✓",
    ]);
    expect(unprintableCharacters("山田")).toEqual(["山", "田"]);
    expect(isPrintableText("Robotica educativa 🤖")).toBe(false);
  });

  it("prints Latin, Greek and Cyrillic text with the usual punctuation, symbols and white space", () => {
    for (const text of [
      "Scuola «Leonardo da Vinci» – aula 3, 1° piano; costo 10 € (≥ 2 ore, ≤ 4) • “Sì” ‘no’ … № 5 © ™",
      "Διεπιστημονικό εργαστήριο · Цифровая школа · Şükrü Ștefan Łódź",
      "tab\tand\u00a0non-breaking space",
      "for\u00admazione\u200b", // the invisible ones are removed, not refused
    ])
      expect(unprintableCharacters(text), text).toEqual([]);
  });
});
