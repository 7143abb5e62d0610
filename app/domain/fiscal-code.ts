// The Italian codice fiscale of a person: 16 characters whose last one is a check character
// computed from the first 15 (DM 23/12/1976, art. 7). Positions that hold digits may hold the
// letters L M N P Q R S T U V instead ("omocodia": the Agenzia delle Entrate's substitutes when
// two people would share a code), so the shape check accepts both.
// Identity providers send it with a prefix: SPID and CIE as "TINIT-<code>" (ETSI EN 319 412-1).

const SHAPE = /^[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/;

// Values of the characters in odd positions (1st, 3rd… counting from 1); even positions count
// digits as 0–9 and letters as A=0 … Z=25.
// prettier-ignore
const ODD_VALUES: Record<string, number> = {
  "0": 1, "1": 0, "2": 5, "3": 7, "4": 9, "5": 13, "6": 15, "7": 17, "8": 19, "9": 21,
  A: 1, B: 0, C: 5, D: 7, E: 9, F: 13, G: 15, H: 17, I: 19, J: 21, K: 2, L: 4, M: 18,
  N: 20, O: 11, P: 3, Q: 6, R: 8, S: 12, T: 14, U: 16, V: 10, W: 22, X: 25, Y: 24, Z: 23,
};

function evenValue(c: string): number {
  return c >= "0" && c <= "9" ? c.charCodeAt(0) - 48 : c.charCodeAt(0) - 65;
}

/** The check character for the first 15 characters of a codice fiscale (upper case). */
export function fiscalCodeCheckCharacter(first15: string): string {
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const c = first15[i]!;
    sum += i % 2 === 0 ? ODD_VALUES[c]! : evenValue(c);
  }
  return String.fromCharCode(65 + (sum % 26));
}

/** Upper case, without spaces and without a "TINIT-" (or "IT") prefix. */
export function normaliseFiscalCode(raw: string): string {
  const compact = raw.replace(/\s+/g, "").toUpperCase();
  if (compact.startsWith("TINIT-")) return compact.slice(6);
  if (compact.length === 18 && compact.startsWith("IT")) return compact.slice(2);
  return compact;
}

/** True for a well-formed codice fiscale of a person whose check character is right. */
export function isValidFiscalCode(code: string): boolean {
  if (!SHAPE.test(code)) return false;
  return fiscalCodeCheckCharacter(code.slice(0, 15)) === code[15];
}

/** The normalised code if `raw` is a valid personal codice fiscale, else null. */
export function parseFiscalCode(raw: unknown): string | null {
  if (typeof raw !== "string") return null;
  const code = normaliseFiscalCode(raw);
  return isValidFiscalCode(code) ? code : null;
}
