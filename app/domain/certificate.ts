// Certificates (attestati): the verification code, who the organiser is (hours in words: app/domain/hours.ts).
// Pure rules: no HTTP, no Prisma (app/models/certificate.server.ts stores and issues them).
import { REGION_LABELS } from "./vocabulary.ts";

/** No 0/O, 1/I/L, 2/Z, 5/S, 8/B: a code read aloud or copied from paper is typed right. */
export const CODE_ALPHABET = "34679ACDEFGHJKMNPQRTUVWXY";
export const CODE_PREFIX = "FRM";
export const CODE_GROUPS = 3;
export const CODE_GROUP_LENGTH = 4;
const CODE_PATTERN = new RegExp(
  `^${CODE_PREFIX}-[${CODE_ALPHABET}]{${CODE_GROUP_LENGTH}}(?:-[${CODE_ALPHABET}]{${CODE_GROUP_LENGTH}}){${CODE_GROUPS - 1}}$`,
);

/**
 * A new verification code, "FRM-XXXX-XXXX-XXXX": 12 symbols of a 25-letter alphabet (about 55
 * bits), from a cryptographic source. Rejection sampling keeps every symbol equally likely.
 */
export function generateCertificateCode(randomBytes: (n: number) => Uint8Array = defaultRandomBytes): string {
  const n = CODE_GROUPS * CODE_GROUP_LENGTH;
  const limit = 256 - (256 % CODE_ALPHABET.length);
  const symbols: string[] = [];
  while (symbols.length < n) {
    for (const byte of randomBytes(n * 2)) {
      if (byte < limit && symbols.length < n) symbols.push(CODE_ALPHABET[byte % CODE_ALPHABET.length]!);
    }
  }
  const groups: string[] = [];
  for (let i = 0; i < CODE_GROUPS; i++)
    groups.push(symbols.slice(i * CODE_GROUP_LENGTH, (i + 1) * CODE_GROUP_LENGTH).join(""));
  return [CODE_PREFIX, ...groups].join("-");
}

function defaultRandomBytes(n: number): Uint8Array {
  return globalThis.crypto.getRandomValues(new Uint8Array(n));
}

/**
 * What a person typed, as a code to look up: upper case, spaces and dashes ignored, the prefix
 * optional. null when it cannot be a code (then nothing is looked up).
 */
export function normaliseCertificateCode(input: string): string | null {
  let compact = input.toUpperCase().replace(/[\s\-–—_.]/g, "");
  if (compact.startsWith(CODE_PREFIX)) compact = compact.slice(CODE_PREFIX.length);
  if (compact.length !== CODE_GROUPS * CODE_GROUP_LENGTH) return null;
  const groups: string[] = [];
  for (let i = 0; i < CODE_GROUPS; i++) groups.push(compact.slice(i * CODE_GROUP_LENGTH, (i + 1) * CODE_GROUP_LENGTH));
  const code = [CODE_PREFIX, ...groups].join("-");
  return CODE_PATTERN.test(code) ? code : null;
}

export function isCertificateCode(value: string): boolean {
  return CODE_PATTERN.test(value);
}

/** Who issues the certificate, printed on it: the national unit, or the regional school office. */
export function organiserOf(level: string, regionCode: string | null): string {
  if (level === "regionale" && regionCode && regionCode in REGION_LABELS) {
    return `Ufficio Scolastico Regionale – ${REGION_LABELS[regionCode as keyof typeof REGION_LABELS].it} (eTwinning)`;
  }
  return "Unità nazionale eTwinning – INDIRE";
}

/** The seat of each regional school office (capoluogo), where its certificates are issued. */
const REGIONAL_SEATS: Record<keyof typeof REGION_LABELS, string> = {
  abruzzo: "L'Aquila",
  basilicata: "Potenza",
  bolzano: "Bolzano",
  calabria: "Catanzaro",
  campania: "Napoli",
  "emilia-romagna": "Bologna",
  "friuli-venezia-giulia": "Trieste",
  lazio: "Roma",
  liguria: "Genova",
  lombardia: "Milano",
  marche: "Ancona",
  molise: "Campobasso",
  piemonte: "Torino",
  puglia: "Bari",
  sardegna: "Cagliari",
  sicilia: "Palermo",
  toscana: "Firenze",
  trento: "Trento",
  umbria: "Perugia",
  "valle-d-aosta": "Aosta",
  veneto: "Venezia",
};

/** Where the certificate is issued (the organiser's seat): the national unit is at INDIRE, Firenze. */
export function issuePlaceOf(level: string, regionCode: string | null): string {
  if (level === "regionale" && regionCode && regionCode in REGIONAL_SEATS) {
    return REGIONAL_SEATS[regionCode as keyof typeof REGIONAL_SEATS];
  }
  return "Firenze";
}

/** The public verification page of a code. */
export function verificationPath(code: string): string {
  return `/attestati/verifica/${encodeURIComponent(code)}`;
}

/**
 * May the edition's register be closed and its certificates issued now? Only once the edition has ended
 * (its endsOn, the last instant of its last day, is past or now): certificates state hours that took
 * place. The one rule for every caller of issueCertificates (the closing page, scripts, jobs) and for
 * the closing page's notice.
 */
export function registerMayClose(editionEndsOn: Date, now: Date): boolean {
  return editionEndsOn.getTime() <= now.getTime();
}

/**
 * Why a place's certificate could not be replaced by a new one now (reissueCertificate's refusals), or null when it
 * could: "not-completed" (by the register as it is now the path is not completed: the certificate can only be
 * revoked), "account-closed" (a closed account gets no new certificate, ADR 0013: its certificate stays valid as
 * issued, or is revoked). The one rule for the reissue itself, the certificates page's "Riemetti" and the closing
 * page's count of the certificates to reissue or only to revoke.
 */
export function reissueRefusal(place: {
  completed: boolean;
  accountClosed: boolean;
}): "not-completed" | "account-closed" | null {
  if (!place.completed) return "not-completed";
  return place.accountClosed ? "account-closed" : null;
}

/**
 * What the certificates page's help says of "Revoca" (ADR 0013), which is on every valid certificate: where the
 * reason goes. The holder reads it in Le mie iscrizioni and in the email only while the account is open; a closed
 * account's holder cannot sign in and the outbox sends it nothing, so there the reason stays with the revoked
 * certificate, for the organisers. By the valid certificates' holders: "open" (all open), "closed" (all closed),
 * "mixed", with how many are closed; null where no row offers "Revoca".
 */
export function revokeHelp(
  certificates: readonly { valid: boolean; holderAccountClosed: boolean }[],
): { kind: "open" | "closed" | "mixed"; closed: number } | null {
  const valid = certificates.filter((c) => c.valid);
  if (valid.length === 0) return null;
  const closed = valid.filter((c) => c.holderAccountClosed).length;
  return { kind: closed === 0 ? "open" : closed === valid.length ? "closed" : "mixed", closed };
}

/**
 * What the register page of an edition whose certificates were issued advises, should a correction change the hours
 * or the outcome of someone who already holds a valid certificate: reissueRefusal's answer for each holder were the
 * corrected path still completed (one no longer completed can only be revoked, whoever holds it). A closed account's
 * certificate can only be revoked (ADR 0013). "reissue-or-revoke": no holder's account closed (reissue or revoke after
 * other hours, revoke only after a path no longer completed); "revoke-only": every one; "mixed": some, `accountClosed`
 * of them.
 */
export function correctionAdvice(holders: readonly { accountClosed: boolean }[]): {
  kind: "reissue-or-revoke" | "revoke-only" | "mixed";
  accountClosed: number;
} {
  const closed = holders.filter(
    (h) => reissueRefusal({ completed: true, accountClosed: h.accountClosed }) === "account-closed",
  ).length;
  const kind = closed === 0 ? "reissue-or-revoke" : closed === holders.length ? "revoke-only" : "mixed";
  return { kind, accountClosed: closed };
}
