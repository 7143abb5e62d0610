import { APP_ROLE_LABELS, labelOf, REGION_LABELS } from "../app/domain/vocabulary.ts";
import { formatLongDate } from "../app/utils/dates.ts";
import type { Template } from "./types.ts";

/**
 * The national unit granted the account a role or revoked one (grantRole / revokeRole, ADR 0013 addendum): the
 * role (and its region), the day and, for a revoked trainer role, how many events it took the person off. A notice
 * of a change already made ("account-notice"): a role given to the wrong account is most dangerous when its owner
 * does not know, so the body says whom to write to and the footer never says "ignore it".
 */
export const ruoloModificato: Template = (p, { locale, contactEmail }) => {
  const change = p.roleChange;
  const label = change ? labelOf(APP_ROLE_LABELS, change.role, locale) : "";
  const region = change?.regionCode ? ` (${labelOf(REGION_LABELS, change.regionCode, locale)})` : "";
  const role = label ? `«${label}»${region}` : "";
  const day = change?.changedAt ? formatLongDate(change.changedAt, locale) : null;
  const revoked = change?.action === "revoke";
  const events = change?.unassignedEvents ?? 0;
  if (locale === "en") {
    const when = day ? ` on ${day}` : "";
    return {
      subject: revoked ? "A role has been revoked from your Forma account" : "Your Forma account has a new role",
      heading: revoked ? "Role revoked" : "Role granted",
      paragraphs: [
        revoked
          ? `The national unit revoked the role ${role} from your Forma account${when}: the pages of that role are no longer open to you.`
          : `The national unit granted your Forma account the role ${role}${when}: its pages are now open to you from the site's menu.`,
        ...(revoked && events > 0
          ? [
              events === 1
                ? "The revocation took your account off 1 event as its trainer, with its registers, participants and certificates."
                : `The revocation took your account off ${events} events as their trainer, with their registers, participants and certificates.`,
            ]
          : []),
        `If you did not expect this change, or for any question, write to the national unit at ${contactEmail}.`,
      ],
      about: "account-notice",
    };
  }
  const when = day ? ` ${day}` : "";
  return {
    subject: revoked
      ? "Al tuo account Forma è stato revocato un ruolo"
      : "Al tuo account Forma è stato assegnato un ruolo",
    heading: revoked ? "Ruolo revocato" : "Ruolo assegnato",
    paragraphs: [
      revoked
        ? `L'Unità nazionale ha revocato al tuo account Forma il ruolo ${role}${when}: le pagine di quel ruolo non sono più accessibili.`
        : `L'Unità nazionale ha assegnato al tuo account Forma il ruolo ${role}${when}: le sue pagine sono ora accessibili dal menu del sito.`,
      ...(revoked && events > 0
        ? [
            events === 1
              ? "Con la revoca il tuo account non tiene più la formazione di 1 evento: i suoi registri, le persone iscritte e gli attestati non sono più accessibili."
              : `Con la revoca il tuo account non tiene più la formazione di ${events} eventi: i loro registri, le persone iscritte e gli attestati non sono più accessibili.`,
          ]
        : []),
      `Se non ti aspettavi questa modifica, o per qualsiasi domanda, scrivi all'Unità nazionale all'indirizzo ${contactEmail}.`,
    ],
    about: "account-notice",
  };
};
