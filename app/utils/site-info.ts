// The organisation behind the service, as the footer and the legal pages name it. Replace the
// contact addresses with the real ones before going live.
export const SITE_CONTACTS = {
  email: "formazione@forma.example.it",
  accessibilityEmail: "accessibilita@forma.example.it",
  dpoEmail: "rpd@forma.example.it",
} as const;

/** The date the accessibility statement was last reviewed (AgID model: "redazione"), as written. */
export const ACCESSIBILITY_STATEMENT_DATE = { it: "6 dicembre 2026", en: "6 December 2026" } as const;
