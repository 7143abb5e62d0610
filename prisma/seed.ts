// Demo data: the six demo accounts (password "Forma2026!") and about twenty eTwinning training
// events dated from today, so the catalogue always has upcoming content.
//   npm run db:seed                (DATABASE_URL, default file:./data/forma.db)
// Idempotent: accounts are upserted by email (their password reset to the demo one) and an
// event is only created if its organiser has no event with the same title yet.
import { hashPassword } from "../app/utils/auth.server.ts";
import { prisma } from "../app/utils/db.server.ts";
import { demoEvents } from "./seed-data/demo-events.ts";
import { eventCreateInput } from "./seed-data/event-builder.ts";

export const DEMO_PASSWORD = "Forma2026!";

type DemoAccount = {
  email: string;
  firstName: string;
  lastName: string;
  schoolLevel: string;
  regionCode: string;
  professionalRole: string;
  schoolName?: string;
  schoolCode?: string;
  roles: { role: string; regionCode?: string }[];
};

const ACCOUNTS = {
  teacher: {
    email: "docente@forma.test",
    firstName: "Maria",
    lastName: "Rossi",
    schoolLevel: "primaria",
    regionCode: "toscana",
    professionalRole: "docente",
    schoolName: "Istituto comprensivo Firenze 1",
    schoolCode: "FIIC80100X",
    roles: [],
  },
  teacher2: {
    email: "docente2@forma.test",
    firstName: "Luca",
    lastName: "Bianchi",
    schoolLevel: "secondaria-secondo-grado",
    regionCode: "lombardia",
    professionalRole: "docente",
    schoolName: "Liceo scientifico Leonardo da Vinci, Milano",
    schoolCode: "MIPS01000A",
    roles: [],
  },
  toscanaReferent: {
    email: "referente.toscana@forma.test",
    firstName: "Giulia",
    lastName: "Conti",
    schoolLevel: "altro",
    regionCode: "toscana",
    professionalRole: "docente",
    roles: [{ role: "referente-usr", regionCode: "toscana" }],
  },
  lombardiaReferent: {
    email: "referente.lombardia@forma.test",
    firstName: "Paolo",
    lastName: "Galli",
    schoolLevel: "altro",
    regionCode: "lombardia",
    professionalRole: "docente",
    roles: [{ role: "referente-usr", regionCode: "lombardia" }],
  },
  trainer: {
    email: "formatore@forma.test",
    firstName: "Anna",
    lastName: "Ferri",
    schoolLevel: "secondaria-primo-grado",
    regionCode: "lazio",
    professionalRole: "docente",
    roles: [{ role: "formatore" }],
  },
  nationalUnit: {
    email: "admin@forma.test",
    firstName: "Unità nazionale",
    lastName: "eTwinning",
    schoolLevel: "altro",
    regionCode: "toscana",
    professionalRole: "altro",
    roles: [{ role: "unita-nazionale" }],
  },
} satisfies Record<string, DemoAccount>;

async function upsertAccount(account: DemoAccount, passwordHash: string): Promise<string> {
  const { roles, ...fields } = account;
  const profile = { ...fields, schoolName: fields.schoolName ?? null, schoolCode: fields.schoolCode ?? null };
  const user = await prisma.user.upsert({
    where: { email: account.email },
    create: { ...profile, password: { create: { hash: passwordHash } } },
    update: {
      ...profile,
      password: { upsert: { create: { hash: passwordHash }, update: { hash: passwordHash } } },
    },
    select: { id: true },
  });
  for (const r of roles) {
    const regionCode = r.regionCode ?? "";
    await prisma.userRole.upsert({
      where: { userId_role_regionCode: { userId: user.id, role: r.role, regionCode } },
      create: { userId: user.id, role: r.role, regionCode },
      update: {},
    });
  }
  return user.id;
}

export async function seed(today = new Date()): Promise<{ accounts: number; eventsCreated: number; eventsSkipped: number }> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const ids: Record<keyof typeof ACCOUNTS, string> = {} as Record<keyof typeof ACCOUNTS, string>;
  for (const [key, account] of Object.entries(ACCOUNTS) as [keyof typeof ACCOUNTS, DemoAccount][]) {
    ids[key] = await upsertAccount(account, passwordHash);
  }

  const specs = demoEvents(today, {
    nationalUnitId: ids.nationalUnit,
    toscanaReferentId: ids.toscanaReferent,
    lombardiaReferentId: ids.lombardiaReferent,
    trainerId: ids.trainer,
  });
  let eventsCreated = 0;
  let eventsSkipped = 0;
  for (const spec of specs) {
    const existing = await prisma.event.findFirst({
      where: { title: spec.title, createdById: spec.createdById },
      select: { id: true },
    });
    if (existing) {
      eventsSkipped += 1;
      continue;
    }
    // One nested create: the event, its editions and sessions are written together or not at all.
    await prisma.event.create({ data: eventCreateInput(spec), select: { id: true } });
    eventsCreated += 1;
  }
  return { accounts: Object.keys(ACCOUNTS).length, eventsCreated, eventsSkipped };
}

const isMain = import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith("prisma/seed.ts");
if (isMain) {
  const started = Date.now();
  seed()
    .then((r) => {
      console.log(
        `Dati dimostrativi: ${r.accounts} account (password "${DEMO_PASSWORD}"), ${r.eventsCreated} eventi creati, ${r.eventsSkipped} già presenti (${Date.now() - started} ms).`,
      );
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    })
    .finally(() => prisma.$disconnect());
}
