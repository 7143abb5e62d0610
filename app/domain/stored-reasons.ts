// The reasons Forma itself writes on a place or a certificate (Enrolment.reason, EnrolmentChange.reason,
// Certificate.revokedReason) beside those people type. They are stored as Italian text, as they always were (rows
// written before stay as they are, and the Italian interface reads them unchanged); shown, each is said in the page's
// or the file's language: an English teacher read "Reason: Edizione conclusa" (review of the English interface,
// 07/12/2026). A reason someone typed is theirs and is shown as written. So is a closed account's pseudonym, stored
// as its name ("Account chiuso 3f9a2c"): nameIn says it in the reader's language, any other name as written.
import type { Locale } from "./vocabulary.ts";

/** An application or a place in line that outlived its edition (seat-ledger.server.ts). */
export const OUTLIVED_REASON = "Edizione conclusa";
/** An application withdrawn by the teacher (application.server.ts). */
export const WITHDRAWN_REASON = "Candidatura ritirata";
/** A place ended by the closure of its holder's account (account-closure.server.ts). */
export const CLOSED_REASON = "Account chiuso";
/** A certificate revoked because a new one replaces it (certificate.server.ts). */
export const REISSUE_REASON = "Sostituito da un nuovo attestato";

const STORED_REASONS: Record<string, { it: string; en: string }> = {
  [OUTLIVED_REASON]: { it: OUTLIVED_REASON, en: "The edition ended" },
  [WITHDRAWN_REASON]: { it: WITHDRAWN_REASON, en: "Application withdrawn" },
  [CLOSED_REASON]: { it: CLOSED_REASON, en: "Account closed" },
  [REISSUE_REASON]: { it: REISSUE_REASON, en: "Replaced by a new certificate" },
};

/** A stored reason in `locale`: Forma's own in that language, anything else as written. */
export function reasonIn(reason: string, locale: Locale): string;
export function reasonIn(reason: string | null | undefined, locale: Locale): string | null;
export function reasonIn(reason: string | null | undefined, locale: Locale): string | null {
  if (reason === null || reason === undefined) return null;
  return Object.hasOwn(STORED_REASONS, reason) ? STORED_REASONS[reason]![locale] : reason;
}

/** The first name a closed account is given; its last name is the end of its id: "Account chiuso 3f9a2c". */
export const CLOSED_ACCOUNT_NAME = "Account chiuso";
/** The pseudonym's last name: the id's last six characters (a cuid's: lower-case letters and digits). */
const PSEUDONYM_TAIL = /^[a-z0-9]{6}$/;
const CLOSED_ACCOUNT_NAMES: Record<Locale, string> = { it: CLOSED_ACCOUNT_NAME, en: "Closed account" };

/** Whether a stored name is a closed account's pseudonym (account-closure.server.ts's pseudonymOf). */
export function isClosedAccountName(person: { firstName: string; lastName: string }): boolean {
  return person.firstName === CLOSED_ACCOUNT_NAME && PSEUDONYM_TAIL.test(person.lastName);
}

/**
 * A person's name to show in `locale`: a closed account's pseudonym in that language ("Closed account 3f9a2c" in
 * English), any other name as written; the person itself when there is nothing to change.
 */
export function nameIn<P extends { firstName: string; lastName: string }>(person: P, locale: Locale): P {
  if (locale === "it" || !isClosedAccountName(person)) return person;
  return { ...person, firstName: CLOSED_ACCOUNT_NAMES[locale] };
}

/**
 * A name already written as one text, "Name Surname" (a change log's actor and person, a role's granter, a name kept
 * in an old change-log entry's details): a closed account's pseudonym ("Account chiuso 3f9a2c") in `locale`, any
 * other name as written. The same two parts as isClosedAccountName, joined by the one space they are written with.
 */
export function writtenNameIn(name: string, locale: Locale): string {
  const prefix = `${CLOSED_ACCOUNT_NAME} `;
  if (locale === "it" || !name.startsWith(prefix)) return name;
  const person = { firstName: CLOSED_ACCOUNT_NAME, lastName: name.slice(prefix.length) };
  if (!isClosedAccountName(person)) return name;
  return `${CLOSED_ACCOUNT_NAMES[locale]} ${person.lastName}`;
}
