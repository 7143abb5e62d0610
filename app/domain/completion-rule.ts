// How the completion rule is written for people: "almeno il 75% delle ore", "almeno l'80% delle ore".
import type { Locale } from "./vocabulary.ts";

/**
 * The completion rule's share of the total hours when the organiser does not set one: the one
 * default (the event form's empty field, the attendance rules' default rule, and the database
 * column's @default in prisma/schema.prisma, which a test keeps equal to it).
 */
export const DEFAULT_COMPLETION_PERCENT = 75;

/** A percentage with its Italian article, elided before a vowel sound (l'1%, l'8%, l'11%, l'80%…l'89%); plain in English. */
export function percentWithArticle(percent: number, locale: Locale): string {
  if (locale !== "it") return `${percent}%`;
  const elided = percent === 1 || percent === 8 || percent === 11 || (percent >= 80 && percent <= 89);
  return `${elided ? "l'" : "il "}${percent}%`;
}
