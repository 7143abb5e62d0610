import { describe, expect, it } from "vitest";
import { isNameCharacter } from "~/domain/person-name.ts";
import { isPrintableCharacter } from "~/domain/printable-text.ts";
import { FONT, glyphCoverage, type FontWeight } from "./pdf.server.ts";
import {
  REPLACEMENT_CHARACTER,
  splitTextRuns,
  widestWord,
  withEllipsis,
  wrapRuns,
  type RunFont,
} from "./pdf-text-runs.server.ts";

// A primary font with Latin up to U+024F (no Greek, no Cyrillic), a fallback with Greek and
// Cyrillic too and U+FFFD; neither has CJK.
const fake = {
  primary: (cp: number) => cp < 0x250 || cp === 0x2026,
  fallback: (cp: number) => cp < 0x530 || cp === 0xfffd,
};
/** One unit per character, whatever the font. */
const measure = (text: string) => Array.from(text).length;

describe("splitTextRuns", () => {
  it("keeps Latin text in one primary run", () => {
    expect(splitTextRuns("Łukasz Wróbel-Ștefan", fake)).toEqual({
      runs: [{ text: "Łukasz Wróbel-Ștefan", font: "primary" }],
      missing: [],
      omitted: [],
    });
  });

  it("draws Greek and Cyrillic in the fallback, spaces staying with the run they follow", () => {
    expect(splitTextRuns("Zoë Αλέξανδρος Дмитрий Šahin", fake).runs).toEqual([
      { text: "Zoë ", font: "primary" },
      { text: "Αλέξανδρος Дмитрий ", font: "fallback" },
      { text: "Šahin", font: "primary" },
    ]);
  });

  it("draws a Greek or Cyrillic letter the primary has (π) in the fallback too: one font per word", () => {
    const withPi = { ...fake, primary: (cp: number) => fake.primary(cp) || cp === 0x3c0 };
    expect(splitTextRuns("Παπαδόπουλος", withPi).runs).toEqual([{ text: "Παπαδόπουλος", font: "fallback" }]);
  });

  it("normalises to NFC: a decomposed accent stays with its letter in the primary font", () => {
    expect(splitTextRuns("Zoe\u0308", fake).runs).toEqual([{ text: "Zoë", font: "primary" }]);
  });

  it("never drops a character no font has: U+FFFD in the fallback, listed as missing", () => {
    const { runs, missing } = splitTextRuns("Yamada 山田 Taro", fake);
    expect(runs).toEqual([
      { text: "Yamada ", font: "primary" },
      { text: `${REPLACEMENT_CHARACTER}${REPLACEMENT_CHARACTER} `, font: "fallback" },
      { text: "Taro", font: "primary" },
    ]);
    expect(missing).toEqual(["山", "田"]);
  });

  // An event title with an emoji printed "Robotica � a scuola" on every certificate (ADR 0075 addendum 07/12/2026).
  it("leaves out a symbol no font has, with a space beside it, and lists it as omitted", () => {
    const drawnText = (text: string) => {
      const { runs, missing, omitted } = splitTextRuns(text, fake);
      return { text: runs.map((r) => r.text).join(""), missing, omitted };
    };
    expect(drawnText("Robotica 🤖 a scuola")).toEqual({ text: "Robotica a scuola", missing: [], omitted: ["🤖"] });
    expect(drawnText("🤖 Robotica ✓")).toEqual({ text: "Robotica", missing: [], omitted: ["🤖", "✓"] });
    expect(drawnText("Coding➡️Robotica")).toEqual({ text: "Coding Robotica", missing: [], omitted: ["➡️"] });
    expect(drawnText("«Coding 🤖» e «🤖 Robotica» (✓ fatto)").text).toBe("«Coding» e «Robotica» (fatto)");
    // A sequence (a profession with its joiner, a skin tone, a flag) goes as one; a line break stays.
    expect(drawnText("👩🏽‍💻 🇮🇹 Coding 🤖\nin classe").text).toBe("Coding\nin classe");
    // Only what no font draws goes: © stays without its emoji selector, a keycap's digit without its frame.
    expect(drawnText("© 2026 1️⃣ parte")).toEqual({ text: "© 2026 1 parte", missing: [], omitted: [] });
    // A letter is never left out, whatever is beside it.
    expect(drawnText("Yamada 🤖 山")).toEqual({
      text: `Yamada ${REPLACEMENT_CHARACTER}`,
      missing: ["山"],
      omitted: ["🤖"],
    });
  });

  it("takes out brackets the symbols left out leave empty, with their spacing; brackets typed empty stay", () => {
    const drawnText = (text: string) => {
      const { runs, omitted } = splitTextRuns(text, fake);
      return { text: runs.map((r) => r.text).join(""), omitted };
    };
    // "(✓)" printed "()", with a double space once the brackets were taken by hand.
    expect(drawnText("Coding (✓) in classe")).toEqual({ text: "Coding in classe", omitted: ["✓"] });
    expect(drawnText("Coding [🤖].").text).toBe("Coding.");
    expect(drawnText("Fatto ( ✓ 🤖 ), poi {➡️}").text).toBe("Fatto, poi");
    expect(drawnText("(✓) Coding ((🤖))").text).toBe("Coding");
    expect(drawnText("«Coding (✓)» e Robotica[🤖]").text).toBe("«Coding» e Robotica");
    expect(drawnText("Coding(✓)Robotica").text).toBe("Coding Robotica");
    // Brackets that were empty as typed, or that keep something, stay.
    expect(drawnText("Coding () e [ ] (✓ 2026)").text).toBe("Coding () e [ ] (2026)");
  });

  it("takes out guillemets and typographic quotes the symbols left out leave empty; quotes typed empty stay", () => {
    // The fake primary font with the typographic quotes (Titillium has them), as « and » already are.
    const withQuotes = { ...fake, primary: (cp: number) => fake.primary(cp) || (cp >= 0x2018 && cp <= 0x201d) };
    const drawnText = (text: string) => {
      const { runs, missing, omitted } = splitTextRuns(text, withQuotes);
      return { text: runs.map((r) => r.text).join(""), missing, omitted };
    };
    // "«✓»" printed "«»".
    expect(drawnText("Coding «✓» in classe")).toEqual({ text: "Coding in classe", missing: [], omitted: ["✓"] });
    expect(drawnText("Coding “🤖” e ‘ ✓ ’ in classe").text).toBe("Coding e in classe");
    expect(drawnText("Robotica «(✓)».").text).toBe("Robotica.");
    expect(drawnText("«🤖» Coding “➡️”").text).toBe("Coding");
    expect(drawnText("Coding«✓»Robotica").text).toBe("Coding Robotica");
    // Quotes typed empty, or that keep something, stay; an apostrophe is not a closing quote.
    expect(drawnText("Coding «» e “ ” e «✓ pratica» e “🤖 2026”").text).toBe("Coding «» e “ ” e «pratica» e “2026”");
    expect(drawnText("L’🤖 arte dell’✓ ‘Coding’").text).toBe("L’ arte dell’ ‘Coding’");
  });

  it("takes out straight quotes, ‹›, „“ and ‚‘ the symbols left out leave empty; an apostrophe after a letter stays", () => {
    // ADR 0075, addendum 07/12/2026. The fake primary font with the quotes Titillium has (‘ ’ ‚ “ ” „ ‹ ›).
    const quotes = new Set([0x2018, 0x2019, 0x201a, 0x201c, 0x201d, 0x201e, 0x2039, 0x203a]);
    const withQuotes = { ...fake, primary: (cp: number) => fake.primary(cp) || quotes.has(cp) };
    const drawnText = (text: string) => {
      const { runs, missing, omitted } = splitTextRuns(text, withQuotes);
      return { text: runs.map((r) => r.text).join(""), missing, omitted };
    };
    // '"✓"' printed '""', "'🤖'" printed "''".
    expect(drawnText('Coding "✓" in classe')).toEqual({ text: "Coding in classe", missing: [], omitted: ["✓"] });
    expect(drawnText("Coding '🤖' e \"( ✓ )\".").text).toBe("Coding e.");
    expect(drawnText("\"🤖\" Coding '➡️'").text).toBe("Coding");
    // The other languages' forms: ‹›, „“ and „” (German, Polish), ‚‘ and ‚’.
    expect(drawnText("Coding ‹✓› e „🤖“ e „✓” e ‚🤖‘ e ‚ ✓ ’ in classe").text).toBe("Coding e e e e in classe");
    expect(drawnText("Robotica „(✓)“.").text).toBe("Robotica.");
    // Typed empty, or keeping something, they stay; a closing quote, then a symbol, then an opening one are no pair.
    expect(drawnText('Coding "" e \'\' e "✓ pratica" e ‹🤖 2026›').text).toBe('Coding "" e \'\' e "pratica" e ‹2026›');
    expect(drawnText('"Coding" 🤖 "Robotica"').text).toBe('"Coding" "Robotica"');
    expect(drawnText("„Coding“ ✓ „Robotica“").text).toBe("„Coding“ „Robotica“");
    // An apostrophe after a letter (or an inch after a digit) opens nothing: it stays, and so does the quote after.
    expect(drawnText("dell'🤖' arte").text).toBe("dell'' arte");
    expect(drawnText('"🤖 Coding" e dell\'🤖 arte').text).toBe('"Coding" e dell\' arte');
    expect(drawnText('Schermo 5" ✓ " nuovo').text).toBe('Schermo 5" " nuovo');
    // A quote before a letter closes nothing; a pair across a line break stays.
    expect(drawnText("Coding '✓'s").text).toBe("Coding ''s");
    expect(drawnText('Coding "✓\n" in classe').text).toBe('Coding "\n" in classe');
  });

  it("leaves one apostrophe of two a symbol left out stood between inside a word: D'☃'Amico prints D'Amico", () => {
    // ADR 0075, addendum 08/12/2026: it printed "D''Amico".
    const withQuotes = { ...fake, primary: (cp: number) => fake.primary(cp) || cp === 0x2019 };
    const drawnText = (text: string) => {
      const { runs, missing, omitted } = splitTextRuns(text, withQuotes);
      return { text: runs.map((r) => r.text).join(""), missing, omitted };
    };
    expect(drawnText("Grazia D'☃'Amico")).toEqual({ text: "Grazia D'Amico", missing: [], omitted: ["☃"] });
    expect(drawnText("L’🤖’Estrange, D'☃ 🌸'Amico, Dʼ☃ʼAmico, Dʼ☃Amico").text).toBe(
      "L’Estrange, D'Amico, DʼAmico, DʼAmico",
    );
    // Not inside a word: as before (a quote after a space opens, one before a space closes nothing).
    expect(drawnText("dell'🤖' arte").text).toBe("dell'' arte");
    expect(drawnText("Coding '✓'s").text).toBe("Coding ''s");
  });
});

describe("wrapRuns", () => {
  const runs = splitTextRuns("Αλέξανδρος Papadopoulos Νικολάου", fake).runs;

  it("one line when it fits, its width the sum of the runs", () => {
    const lines = wrapRuns(runs, 100, measure);
    expect(lines).toHaveLength(1);
    expect(lines[0]!.width).toBe(32);
  });

  it("breaks at spaces across runs, dropping the space at the break", () => {
    const lines = wrapRuns(runs, 24, measure);
    expect(lines.map((l) => l.runs)).toEqual([
      [
        { text: "Αλέξανδρος ", font: "fallback" },
        { text: "Papadopoulos", font: "primary" },
      ],
      [{ text: "Νικολάου", font: "fallback" }],
    ]);
    expect(lines.map((l) => l.width)).toEqual([23, 8]);
  });

  it("breaks a word longer than the line at a character, and lines at \\n", () => {
    const lines = wrapRuns(splitTextRuns("Αλέξανδρος\nab", fake).runs, 4, measure);
    expect(lines.map((l) => l.runs.map((r) => r.text).join(""))).toEqual(["Αλέξ", "ανδρ", "ος", "ab"]);
  });

  // ADR 0075, addendum 08/12/2026: a long name broke inside a word, and left its last letter alone on a line.
  it("breaks after a hyphen inside a word, as at a space, and never leaves one letter alone", () => {
    const text = (r: ReturnType<typeof wrapRuns>) => r.map((l) => l.runs.map((run) => run.text).join(""));
    expect(text(wrapRuns(splitTextRuns("Αλέξη-Παπαδάκη", fake).runs, 9, measure))).toEqual(["Αλέξη-", "Παπαδάκη"]);
    expect(text(wrapRuns(splitTextRuns("Zoë Nováková-Αλεξίου", fake).runs, 13, measure))).toEqual([
      "Zoë Nováková-",
      "Αλεξίου",
    ]);
    expect(text(wrapRuns(splitTextRuns("Αλέξανδρος", fake).runs, 9, measure))).toEqual(["Αλέξανδρ", "ος"]);
    // A hyphen at a word's start or end is no place to break.
    expect(text(wrapRuns(splitTextRuns("-Αλέξη- ab", fake).runs, 7, measure))).toEqual(["-Αλέξη-", "ab"]);
  });

  it("widestWord: the widest piece a line may not break inside", () => {
    expect(widestWord(splitTextRuns("Maximilianus-Johannesburgensis Wolfe", fake).runs, measure)).toBe(17);
    expect(widestWord(splitTextRuns("Anna Παπαδοπουλος\nab", fake).runs, measure)).toBe(12);
  });

  it("cuts the last line with an ellipsis", () => {
    const [line] = wrapRuns(runs, Infinity, measure);
    const cut = withEllipsis(line!, 12, measure);
    expect(cut.runs).toEqual([
      { text: "Αλέξανδρος", font: "fallback" },
      { text: "…", font: "primary" },
    ]);
    expect(cut.width).toBe(11);
  });
});

describe("Titillium Web with Noto Sans (the fonts the PDFs embed)", () => {
  const weights = Object.keys(FONT) as FontWeight[];

  it("draw Greek and Cyrillic in Noto Sans and Latin in Titillium", () => {
    for (const weight of weights) {
      const { runs, missing } = splitTextRuns("Łukasz Αλέξανδρος Παπαδόπουλος Дмитрий Şahin", glyphCoverage(weight));
      expect(runs.map((r) => [r.text, r.font])).toEqual([
        ["Łukasz ", "primary"],
        ["Αλέξανδρος Παπαδόπουλος Дмитрий ", "fallback"],
        ["Şahin", "primary"],
      ] satisfies [string, RunFont][]);
      expect(missing).toEqual([]);
    }
  });

  it("draw Ţ in Noto Sans: Titillium's glyph for it is empty (it printed nothing)", () => {
    for (const weight of weights) {
      const { runs } = splitTextRuns("Ţepeş Ştefan", glyphCoverage(weight));
      expect(runs.map((r) => [r.text, r.font])).toEqual([
        ["Ţ", "fallback"],
        ["epeş Ştefan", "primary"],
      ] satisfies [string, RunFont][]);
    }
  });

  it("have no emoji, arrows or check marks: left out, in every weight", () => {
    for (const weight of weights) {
      const { runs, omitted } = splitTextRuns("Robotica 🤖 a scuola → pratica ✓", glyphCoverage(weight));
      expect(runs).toEqual([{ text: "Robotica a scuola pratica", font: "primary" }]);
      expect(omitted).toEqual(["🤖", "→", "✓"]);
    }
  });

  it("draw the quotes, so that quotes a left-out symbol leaves empty go with it, in every weight", () => {
    for (const weight of weights) {
      const { runs } = splitTextRuns("Coding «✓» e “🤖” ‘✓’ in classe «pratica»", glyphCoverage(weight));
      expect(runs).toEqual([{ text: "Coding e in classe «pratica»", font: "primary" }]);
      // The straight quotes and the other languages' forms (ADR 0075, addendum 07/12/2026), whichever font draws them.
      const others = splitTextRuns(`Coding "✓" e '🤖' e ‹✓› „🤖“ ‚✓‘ in classe "pratica"`, glyphCoverage(weight));
      expect(others.runs.map((r) => r.text).join("")).toBe('Coding e e in classe "pratica"');
      expect(others.missing).toEqual([]);
    }
  });

  it("have no CJK: 山田 is reported missing", () => {
    expect(splitTextRuns("山田", glyphCoverage("regular")).missing).toEqual(["山", "田"]);
  });

  it("print every character the name rule accepts, at every weight (app/domain/person-name.ts)", () => {
    const unprintable: string[] = [];
    for (let cp = 0; cp < 0x30000; cp++) {
      const ch = String.fromCodePoint(cp);
      if (!isNameCharacter(ch)) continue;
      for (const weight of weights) {
        const fonts = glyphCoverage(weight);
        if (!fonts.primary(cp) && !fonts.fallback(cp)) unprintable.push(`U+${cp.toString(16)} ${weight}`);
      }
    }
    expect(unprintable).toEqual([]);
  });
});

describe("the printable text rule against the fonts", () => {
  it("accepts exactly the characters a font of every weight draws (white space and invisible characters apart)", () => {
    const weights: FontWeight[] = ["regular", "semibold", "bold"];
    const coverage = weights.map((weight) => glyphCoverage(weight));
    const disagree: string[] = [];
    for (let cp = 0; cp < 0x30000; cp++) {
      const ch = String.fromCodePoint(cp);
      if (/^[\s\p{Cf}]$/u.test(ch) || (cp >= 0xd800 && cp <= 0xdfff)) continue;
      const drawn = coverage.every((fonts) => fonts.primary(cp) || fonts.fallback(cp));
      if (drawn !== isPrintableCharacter(ch)) disagree.push(`U+${cp.toString(16)} ${drawn ? "drawn" : "not drawn"}`);
    }
    expect(disagree).toEqual([]);
  });

  it("leaves invisible format characters out of the runs: no U+FFFD for a zero-width space, no hyphen for a soft hyphen", () => {
    expect(splitTextRuns("Coding\u200b in classe: for\u00admazione\ufeff", fake)).toEqual({
      runs: [{ text: "Coding in classe: formazione", font: "primary" }],
      missing: [],
      omitted: [],
    });
  });
});

describe("names around a symbol no font draws, in the fonts the PDFs embed", () => {
  it("lose the quotes the symbol leaves empty, in every form; keep an apostrophe inside the name", () => {
    // ADR 0075, addenda of 07/12/2026: 'Maria "☃" Rossi' printed 'Maria "" Rossi'; D'Amico and O'Neill keep theirs.
    const printed = {
      'Maria "☃" Rossi': "Maria Rossi",
      "Maria '☃' Rossi": "Maria Rossi",
      "Anna ‹☃› Bruni": "Anna Bruni",
      "Lena „🤖“ Vogt": "Lena Vogt",
      "Zoë ‚☃‘ L’Estrange": "Zoë L’Estrange",
      "Maria «☃» “🤖” ‘☃’ Rossi": "Maria Rossi",
      "Grazia '☃' D'Amico": "Grazia D'Amico",
      "Sean O'Neill '☃'": "Sean O'Neill",
      "Sean O'☃Neill": "Sean O'Neill",
      "D'Amico 🌸": "D'Amico",
      "Grazia D'☃'Amico": "Grazia D'Amico",
      "Zoë L’🤖’Estrange": "Zoë L’Estrange",
    };
    for (const weight of ["regular", "bold"] as const) {
      for (const [name, expected] of Object.entries(printed)) {
        const { runs, missing } = splitTextRuns(name, glyphCoverage(weight));
        expect(runs.map((r) => r.text).join(""), name).toBe(expected);
        expect(missing).toEqual([]);
      }
    }
  });
});
