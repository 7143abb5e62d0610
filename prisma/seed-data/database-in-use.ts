// When the data generators may write: the demo seed (prisma/seed.ts, npm run db:seed) and the scale data
// (scripts/generate-scale-data.ts, npm run db:scale-data). Both add accounts with a published password
// ("Forma2026!", in the README), the national unit among them, which manages every event and every user's
// roles: written into a database in use, anyone could sign in as it. One rule for both: a database holding
// an open account that no generator wrote is in use, and neither writes into it unless FORMA_SEED_ANYWAY=1
// (for a trial copy of real data).
import type { Prisma } from "../../app/generated/prisma-sqlite/client.ts";
import type { Db } from "../../app/utils/db.server.ts";

/** The generators' accounts' password (README, demo accounts). */
export const SEED_PASSWORD = "Forma2026!";

/**
 * Accounts of people: open, and not written by a generator. Not counted: the demo's (@forma.test), the
 * scale data's organisers (@forma-scala.example.it) and teachers (ids s<seed>u…, never a cuid as Forma
 * gives, at @scuola.example.it), and closed accounts (closedAt, renamed chiuso-<id>@forma.invalid): trying
 * the closure on the demo closes a demo account, which then holds nobody's data.
 */
export const ACCOUNT_IN_USE: Prisma.UserWhereInput = {
  closedAt: null,
  NOT: {
    OR: [
      { email: { endsWith: "@forma.test" } },
      { email: { endsWith: "@forma-scala.example.it" } },
      { AND: [{ id: { startsWith: "s" } }, { email: { endsWith: "@scuola.example.it" } }] },
    ],
  },
};

/** How many accounts of people the database has (ACCOUNT_IN_USE). */
export function accountsInUse(db: Pick<Db, "user">): Promise<number> {
  return db.user.count({ where: ACCOUNT_IN_USE });
}

/**
 * Why the `data` ("dimostrativi" / "demo", "di scala" / "scale") must not go into this database, or null.
 */
export async function seedRefusal(
  data: { it: string; en: string },
  env: Record<string, string | undefined>,
  db: Pick<Db, "user">,
): Promise<string | null> {
  if (env.FORMA_SEED_ANYWAY === "1") return null;
  const real = await accountsInUse(db);
  if (real === 0) return null;
  return (
    `Dati ${data.it} non caricati: il database ha ${real} account veri, e i dati ${data.it} aggiungono ` +
    `account con una password pubblica (${SEED_PASSWORD}), fra cui l'Unità nazionale. FORMA_SEED_ANYWAY=1 per ` +
    `caricarli comunque (solo su una copia di prova) / ${data.en} data not loaded: the database is in use`
  );
}

/**
 * A demo database: its demo accounts came first, and every account in use was made after them (someone
 * tried the sign-up on the demo). A database that had accounts in use before the demo data went in, or
 * that has no demo data, is not one.
 */
export async function isDemoDatabase(db: Pick<Db, "user">): Promise<boolean> {
  const firstDemo = await db.user.findFirst({
    where: { email: { endsWith: "@forma.test" } },
    orderBy: { createdAt: "asc" },
    select: { createdAt: true },
  });
  if (!firstDemo) return false;
  const older = await db.user.count({ where: { AND: [ACCOUNT_IN_USE, { createdAt: { lte: firstDemo.createdAt } }] } });
  return older === 0;
}
