// Building blocks for form schemas. Error messages are message keys (app/i18n/messages.ts),
// translated where they are shown.
import { z } from "zod";
import { isPrintableName } from "~/domain/person-name.ts";
import { isPrintableText, stripInvisibleCharacters } from "~/domain/printable-text.ts";
import { foldLineBreaks, stripControlCharacters } from "~/domain/text.ts";
import { TZDate } from "@date-fns/tz";
import { TIME_ZONE } from "~/utils/dates.ts";

/**
 * What a field says when its schema names no message of its own: a message key, never Zod's
 * English default ("Expected string, received array" for a field posted twice, "String must
 * contain at least 1 character(s)" for an empty id), which the pages would show as it is.
 */
export const formErrorMap: z.ZodErrorMap = (issue) => {
  if (issue.code === "invalid_type" && issue.received === "undefined") return { message: "validation.required" };
  if (issue.code === "too_small" && issue.type === "string" && Number(issue.minimum) <= 1)
    return { message: "validation.required" };
  if (issue.code === "too_big" && issue.type === "string") return { message: "validation.tooLong" };
  if (issue.code === "invalid_string" && issue.validation === "email") return { message: "validation.email" };
  if (
    issue.code === "invalid_enum_value" ||
    issue.code === "invalid_literal" ||
    issue.code === "invalid_union_discriminator"
  )
    return { message: "validation.invalidChoice" };
  return { message: "validation.invalidValue" };
};
// Every form schema builds on this module: the map applies to all of them, in the server and the browser.
z.setErrorMap(formErrorMap);

/**
 * The largest whole number either engine stores in an Int column (PostgreSQL's integer; SQLite
 * would take more, and then the value could not be read back the same way). No form number may
 * go beyond it, whatever its own maximum.
 */
export const INT32_MAX = 2_147_483_647;

/**
 * The calendar years a date typed in a form may fall in (events, sessions, deadlines, external
 * training): the school years Forma shows (parseSchoolYear, the copy page). A year outside them is a
 * typing slip ("0026", "20266") that would be saved where no page lists it.
 */
export const FIRST_FORM_YEAR = 2000;
export const LAST_FORM_YEAR = 2100;

/**
 * Whether a date read from a form falls in FIRST_FORM_YEAR..LAST_FORM_YEAR, by its year in Rome, where
 * it was typed: 1 January 2000 at 00:00 in Rome is still 1999 in UTC.
 */
export function inFormYears(date: Date): boolean {
  const year = new TZDate(date.getTime(), TIME_ZONE).getFullYear();
  return year >= FIRST_FORM_YEAR && year <= LAST_FORM_YEAR;
}

/**
 * The message for a Rome wall-clock time the form cannot store as typed (readRomeDateTime in
 * app/utils/dates.ts): skipped when summer time starts, or lived twice when it ends.
 */
export const ROME_TIME_REFUSALS = {
  nonexistent: "events.validation.dateTimeNonexistent",
  ambiguous: "events.validation.dateTimeAmbiguous",
} as const;

/** Text without NUL and other control characters, the same on both engines (app/domain/text.ts). */
export const cleanText = <S extends z.ZodTypeAny>(schema: S) =>
  // z.preprocess types its input as unknown; the form still sends what `schema` reads.
  z.preprocess((v) => (typeof v === "string" ? stripControlCharacters(v) : v), schema) as unknown as z.ZodEffects<
    S,
    z.output<S>,
    z.input<S>
  >;

export const requiredText = (max: number, bounds: { min?: number; tooShort?: string; tooLong?: string } = {}) =>
  cleanText(
    z
      .string({ required_error: "validation.required" })
      .trim()
      .min(1, "validation.required")
      .min(bounds.min ?? 1, bounds.tooShort ?? "validation.required")
      .max(max, bounds.tooLong ?? "validation.tooLong"),
  );

/**
 * A person's first or last name: required, at most `max` characters, in letters the PDFs can print
 * (Latin, Greek, Cyrillic: app/domain/person-name.ts, ADR 0075).
 */
export const personName = (max: number) => requiredText(max).refine(isPrintableName, "validation.nameScript");

/** Optional free text, trimmed, at most `max` characters. */
export const optionalText = (max: number) => cleanText(z.string().trim().max(max, "validation.tooLong")).optional();

/**
 * Free text printed on the PDFs (an event's title and venue, an activity's title, the letterhead's
 * signatory, a school's name, an external training's title and organiser): invisible format characters
 * (a pasted zero-width space, a soft hyphen) removed before the rest is read, and refused with
 * `validation.unprintable` if it holds a character the PDFs cannot print (an emoji, an arrow, a check
 * mark: app/domain/printable-text.ts, ADR 0075). A certificate keeps its title and venue for good. Every such field
 * is one line (an input, not a textarea): a line break a crafted form sends is one space (foldLineBreaks).
 */
export const printable = <S extends z.ZodTypeAny>(schema: S) =>
  z.preprocess(
    (v) => (typeof v === "string" ? foldLineBreaks(stripInvisibleCharacters(v)) : v),
    schema.refine((v: unknown) => typeof v !== "string" || isPrintableText(v), "validation.unprintable"),
  ) as unknown as z.ZodEffects<S, z.output<S>, z.input<S>>;

/** A required text printed on the PDFs (printable over requiredText). */
export const requiredPrintedText = (max: number, bounds: Parameters<typeof requiredText>[1] = {}) =>
  printable(requiredText(max, bounds));

/** An optional text printed on the PDFs (printable over optionalText). */
export const optionalPrintedText = (max: number) => printable(optionalText(max));

/** The whole number typed as `text` if it is min..max: digits only ("1e3", "0x10", "1.0", "-1" are not numbers here). */
export function parseWholeNumber(text: string, min: number, max: number): number | null {
  const trimmed = text.trim();
  if (!/^\d{1,10}$/.test(trimmed)) return null;
  const n = Number(trimmed);
  return n >= min && n <= Math.min(max, INT32_MAX) ? n : null;
}

/** A required whole number from min to max (max capped at INT32_MAX): ONE definition for every numeric field. */
export const wholeNumber = (min: number, max: number, message = "validation.wholeNumber") =>
  z.string({ required_error: "validation.required", invalid_type_error: message }).transform((text, ctx) => {
    const n = parseWholeNumber(text, min, max);
    if (n === null) {
      ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    }
    return n;
  });

/** Like wholeNumber, but empty means null (no value, e.g. no seat cap). */
export const optionalWholeNumber = (min: number, max: number, message = "validation.wholeNumber") =>
  z
    .string({ invalid_type_error: message })
    .optional()
    .transform((text, ctx) => {
      if (text === undefined || text.trim() === "") return null;
      const n = parseWholeNumber(text, min, max);
      if (n === null) {
        ctx.addIssue({ code: "custom", message });
        return z.NEVER;
      }
      return n;
    });

export const choice = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values as unknown as [T[number], ...T[number][]], {
    errorMap: (issue, ctx) => {
      if (issue.code === "invalid_enum_value") return { message: "validation.invalidChoice" };
      if (issue.code === "invalid_type" && ctx.data === undefined) return { message: "validation.required" };
      if (issue.code === "invalid_type") return { message: "validation.invalidChoice" };
      return { message: ctx.defaultError };
    },
  });
