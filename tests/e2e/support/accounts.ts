// The demo accounts created by prisma/seed.ts (same password for all), and fresh test identities.
export const DEMO_PASSWORD = "Forma2026!";

export const DEMO_ACCOUNTS = {
  /** Teacher in Toscana. */
  teacher: { email: "docente@forma.test" },
  /** Teacher in Lombardia. */
  teacher2: { email: "docente2@forma.test" },
  /** Regional office referent (organiser) for Toscana. */
  referenteToscana: { email: "referente.toscana@forma.test" },
  /** Regional office referent (organiser) for Lombardia. */
  referenteLombardia: { email: "referente.lombardia@forma.test" },
  /** Trainer. */
  trainer: { email: "formatore@forma.test" },
  /** National unit (administrator). */
  admin: { email: "admin@forma.test" },
} as const;

export type DemoAccount = keyof typeof DEMO_ACCOUNTS;

let counter = 0;
/** An email no other test (or earlier run on the same database) uses. */
export function uniqueEmail(prefix = "e2e"): string {
  counter += 1;
  const random = Math.random().toString(36).slice(2, 8);
  return `${prefix}.${Date.now().toString(36)}${random}${counter}@scuola.example.it`;
}

/** A password the sign-up form accepts. */
export const NEW_PASSWORD = "Insegnare2026";
