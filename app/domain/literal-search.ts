// A search for text as typed through Prisma's `contains`, which is SQL LIKE: `%` and `_` are its wildcards (and `\`
// PostgreSQL's escape character), passed through unescaped (prisma/prisma#19506), and Prisma has no ESCAPE clause.
// "mario_rossi" found mario.rossi too, and "%" everything. A text holding them is searched by the pieces between
// them (`contains` each: a wider match, never a narrower one), and the rows found are checked again in JS.

const LIKE_SPECIAL = /[%_\\]/;

/** Whether `contains` would not read `text` as it is. */
export function hasLikeWildcards(text: string): boolean {
  return LIKE_SPECIAL.test(text);
}

/** The pieces of `text` between LIKE's special characters (none for a text of only those). */
export function likeLiteralParts(text: string): string[] {
  return text.split(/[%_\\]+/).filter((part) => part.length > 0);
}
