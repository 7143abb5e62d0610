// The one message syntax of Forma's catalogues: "{name}" placeholders and ICU-style plurals,
// chosen by the language's own rules (Intl.PluralRules):
//   "{changed, plural, one {# riga modificata} other {# righe modificate}}"
// "#" is the count as given; "=0 {…}" matches an exact number before the language's category.
// A plural's count may be a number or a number written as text ("1,5" hours): Italian and English
// take "one" for exactly 1 only. A missing category falls back to "other", as in ICU (Italian's
// "many" is for millions only: "1 milione di…").
import type { Locale } from "~/domain/vocabulary.ts";

export type MessageParams = Record<string, string | number>;

const rules: Partial<Record<Locale, Intl.PluralRules>> = {};
const pluralRules = (locale: Locale) => (rules[locale] ??= new Intl.PluralRules(locale === "en" ? "en-GB" : "it-IT"));

/** A plural block found in a message: its parameter and its selectors ("one", "other", "=0"…). */
export type PluralBlock = { name: string; selectors: string[] };

type Part = string | { name: string } | { name: string; options: { selector: string; parts: Part[] }[] };

const cache = new Map<string, Part[]>();

function parse(text: string): Part[] {
  let parts = cache.get(text);
  if (!parts) {
    const [parsed, end] = parseParts(text, 0, false);
    if (end !== text.length) throw new Error(`Unbalanced braces in message: ${text}`);
    parts = parsed;
    cache.set(text, parts);
  }
  return parts;
}

function parseParts(text: string, start: number, nested: boolean): [Part[], number] {
  const parts: Part[] = [];
  let literal = "";
  let i = start;
  while (i < text.length) {
    const c = text[i]!;
    if (c === "}" && nested) break;
    if (c === "{") {
      const head = /^\{\s*(\w+)\s*(?:,\s*plural\s*,)?/.exec(text.slice(i));
      if (!head) throw new Error(`Bad placeholder at ${i} in message: ${text}`);
      if (literal) parts.push(literal);
      literal = "";
      const name = head[1]!;
      i += head[0].length;
      if (!head[0].includes("plural")) {
        if (text[i] !== "}") throw new Error(`Bad placeholder {${name} in message: ${text}`);
        parts.push({ name });
        i += 1;
        continue;
      }
      const options: { selector: string; parts: Part[] }[] = [];
      for (;;) {
        while (/\s/.test(text[i] ?? "")) i += 1;
        if (text[i] === "}") break;
        const sel = /^(=\d+|zero|one|two|few|many|other)\s*\{/.exec(text.slice(i));
        if (!sel) throw new Error(`Bad plural option at ${i} in message: ${text}`);
        i += sel[0].length;
        const [optionParts, end] = parseParts(text, i, true);
        if (text[end] !== "}") throw new Error(`Unclosed plural option in message: ${text}`);
        options.push({ selector: sel[1]!, parts: optionParts });
        i = end + 1;
      }
      if (!options.some((o) => o.selector === "other")) throw new Error(`Plural without "other" in message: ${text}`);
      parts.push({ name, options });
      i += 1;
      continue;
    }
    literal += c;
    i += 1;
  }
  if (literal) parts.push(literal);
  return [parts, i];
}

function render(parts: Part[], params: MessageParams | undefined, locale: Locale, count?: string): string {
  let out = "";
  for (const part of parts) {
    if (typeof part === "string") {
      out += count === undefined ? part : part.replace(/#/g, count);
    } else if ("options" in part) {
      const value = params?.[part.name];
      if (value === undefined) {
        out += `{${part.name}}`;
        continue;
      }
      const n = typeof value === "number" ? value : Number(String(value).replace(",", "."));
      const option =
        part.options.find((o) => o.selector === `=${n}`) ??
        (Number.isFinite(n) ? part.options.find((o) => o.selector === pluralRules(locale).select(n)) : undefined) ??
        part.options.find((o) => o.selector === "other")!;
      out += render(option.parts, params, locale, String(value));
    } else {
      const value = params?.[part.name];
      out += value === undefined ? `{${part.name}}` : String(value);
    }
  }
  return out;
}

/** The message with its placeholders and plurals filled in for the language. */
export function formatMessage(text: string, params: MessageParams | undefined, locale: Locale): string {
  if (!text.includes("{")) return text;
  return render(parse(text), params, locale);
}

/** Every placeholder name a message uses (plural counts included), for the catalogue checks. */
export function placeholdersOf(text: string): string[] {
  const names = new Set<string>();
  const walk = (parts: Part[]) => {
    for (const part of parts) {
      if (typeof part === "string") continue;
      names.add(part.name);
      if ("options" in part) for (const o of part.options) walk(o.parts);
    }
  };
  walk(parse(text));
  return [...names].sort();
}

/** The plural blocks of a message, nested ones included. */
export function pluralBlocksOf(text: string): PluralBlock[] {
  const blocks: PluralBlock[] = [];
  const walk = (parts: Part[]) => {
    for (const part of parts) {
      if (typeof part === "string" || !("options" in part)) continue;
      blocks.push({ name: part.name, selectors: part.options.map((o) => o.selector) });
      for (const o of part.options) walk(o.parts);
    }
  };
  walk(parse(text));
  return blocks;
}

/**
 * The plural categories a language needs for the counts Forma shows (0 to 100,000: people, rows,
 * hours, minutes): Italian and English need "one" and "other".
 */
export function requiredPluralCategories(locale: Locale): string[] {
  const seen = new Set<string>();
  for (const n of [...Array(1001).keys(), 10_000, 100_000]) seen.add(pluralRules(locale).select(n));
  for (const n of [0.5, 1.5, 2.5]) seen.add(pluralRules(locale).select(n));
  return [...seen].sort();
}
