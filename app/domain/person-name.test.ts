import { describe, expect, it } from "vitest";
import {
  isNameCharacter,
  isPrintableName,
  nameAsPrinted,
  nonNameCharacters,
  printsOnlyReplacement,
  unprintableNameCharacters,
} from "./person-name.ts";

describe("person names", () => {
  it("accept Latin, Greek and Cyrillic letters, decomposed accents and name punctuation", () => {
    for (const name of [
      "Łukasz Wróbel",
      "Ștefan Țurcanu",
      "Αλέξανδρος",
      "Дмитрий Ёлкин",
      "D'Angelo",
      "O’Brien",
      "Zoe\u0308",
      "Jr.",
      "",
    ]) {
      expect(isPrintableName(name)).toBe(true);
    }
  });
  it("refuse CJK, Arabic, emoji, digits, fullwidth letters and symbols, naming each character once", () => {
    expect(nonNameCharacters("山田 山")).toEqual(["山", "田"]);
    expect(nonNameCharacters("محمد")).toEqual(["م", "ح", "د"]);
    for (const ch of ["🙂", "2", "Ｍ", "@", "_", "\u200b", "\u1c89"]) expect(isNameCharacter(ch)).toBe(false);
  });
  it("name what a saved first and last name hold that the PDFs cannot print, once each", () => {
    expect(unprintableNameCharacters({ firstName: "太郎", lastName: "山田 Rossi" })).toEqual(["太", "郎", "山", "田"]);
    expect(unprintableNameCharacters({ firstName: "Αλέξανδρος", lastName: "D'Angelo" })).toEqual([]);
  });

  it("give the PDFs a name made only of symbols no font draws as U+FFFD, never as nothing; any other name as it is", () => {
    // The PDFs leave such symbols out: "🤖 🌸" printed no name at all on the certificate, the register and the plan.
    expect(nameAsPrinted("🤖")).toBe("\uFFFD");
    expect(nameAsPrinted("🤖 🌸")).toBe("\uFFFD \uFFFD");
    // The joiner is left out first, as the PDFs do: two symbols, each U+FFFD.
    expect(nameAsPrinted("👩‍🏫 ❤️")).toBe("\uFFFD\uFFFD \uFFFD");
    expect(nameAsPrinted('"☃"')).toBe('"\uFFFD"');
    expect(nameAsPrinted("«🤖» -")).toBe("«\uFFFD» -");
    // A letter or digit left to print: the symbols are left out as decoration, the name given as it is.
    for (const name of [
      "Maria 🌸 Rossi",
      'Maria "☃" Rossi',
      "Grazia D'Amico 🌸",
      "Sean O'Neill",
      "山田 🤖",
      "",
      "Zoe\u0308",
    ]) {
      expect(nameAsPrinted(name)).toBe(name);
    }
  });

  // ADR 0075, addendum 08/12/2026: such a name is logged (the document and the user's id) for an operator.
  it("tell a name the PDFs print as U+FFFD only: no letter or digit of it drawn", () => {
    for (const name of ["🤖 🌸", "山田", "山田 太郎", "'山' ☃", "\u200b🤖", "\uFFFD \uFFFD"])
      expect(printsOnlyReplacement(name), name).toBe(true);
    for (const name of ["Taro 山田", "Maria 🌸", "D'☃'Amico", "Αλέξανδρος", "", "  ", "'-", "🤖 2"]) {
      expect(printsOnlyReplacement(name), name).toBe(false);
    }
  });
});
