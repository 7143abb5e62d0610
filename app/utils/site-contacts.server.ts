// The service's contact addresses as this server is configured (CONTACT_EMAIL, ACCESSIBILITY_EMAIL,
// DPO_EMAIL; ADR 0104): the root loader gives them to the pages, the outbox to the emails.
import { getEnv } from "./env.server.ts";
import { PLACEHOLDER_CONTACTS, type SiteContacts } from "./site-info.ts";

export function siteContacts(): SiteContacts {
  const env = getEnv();
  return { email: env.CONTACT_EMAIL, accessibilityEmail: env.ACCESSIBILITY_EMAIL, dpoEmail: env.DPO_EMAIL };
}

/** The settings still at the demo's placeholders (named as in the README), for the start's warning. */
export function placeholderContactSettings(contacts: SiteContacts = siteContacts()): string[] {
  const names = { email: "CONTACT_EMAIL", accessibilityEmail: "ACCESSIBILITY_EMAIL", dpoEmail: "DPO_EMAIL" } as const;
  return (Object.keys(names) as (keyof SiteContacts)[])
    .filter((key) => contacts[key] === PLACEHOLDER_CONTACTS[key])
    .map((key) => names[key]);
}
