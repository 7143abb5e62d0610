/**
 * The service's contact addresses: the footer's and the emails' (`email`), the accessibility
 * statement's, the privacy notice's data protection officer. Settings (CONTACT_EMAIL,
 * ACCESSIBILITY_EMAIL, DPO_EMAIL; app/utils/site-contacts.server.ts); the pages read them from the
 * root loader, the emails from their context.
 */
export type SiteContacts = { email: string; accessibilityEmail: string; dpoEmail: string };

/** The demo's placeholders, the settings' defaults: a production start with any of them logs a warning. */
export const PLACEHOLDER_CONTACTS: SiteContacts = {
  email: "formazione@forma.example.it",
  accessibilityEmail: "accessibilita@forma.example.it",
  dpoEmail: "rpd@forma.example.it",
};

/** The date the accessibility statement was last reviewed (AgID model: "redazione"), as written. */
export const ACCESSIBILITY_STATEMENT_DATE = { it: "6 dicembre 2026", en: "6 December 2026" } as const;
