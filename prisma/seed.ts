// Demo data: the seven demo accounts (password "Forma2026!"), 30 course participants and about twenty
// eTwinning training events dated from today, so the catalogue always has upcoming content.
//   npm run db:seed                (DATABASE_URL, default file:./data/forma.db)
//   tsx prisma/seed.ts --demo      (npm run demo: see the end of this file)
// Idempotent: accounts are upserted by email (their password and profile reset to the demo ones, and
// their profile periods cleared) and an event is only created if its organiser has no event with the
// same title yet (so a re-run keeps the first run's dates).
// Refused on a database in use (prisma/seed-data/database-in-use.ts).
import { hashPassword } from "../app/utils/auth.server.ts";
import { prisma, type Db } from "../app/utils/db.server.ts";
import { isDemoDatabase, SEED_PASSWORD, seedRefusal } from "./seed-data/database-in-use.ts";
import {
  CLOSABLE_WEBINAR_TITLE,
  demoEvents,
  LIVE_WORKSHOP_TITLE,
  PAST_BASE_COURSE_TITLE,
} from "./seed-data/demo-events.ts";
import { eventCreateInput } from "./seed-data/event-builder.ts";

export const DEMO_PASSWORD = SEED_PASSWORD;

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
  // The one demo teacher the blended seminar in Campania (secondary schools) is open to: its enrolment can be shown.
  teacher3: {
    email: "docente3@forma.test",
    firstName: "Rosa",
    lastName: "Russo",
    schoolLevel: "secondaria-primo-grado",
    regionCode: "campania",
    professionalRole: "docente",
    schoolName: "Istituto comprensivo Napoli 12",
    schoolCode: "NAIC81200V",
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

/** Participants of the finished base course and of the workshop happening now (issue 4's demo). */
const PARTICIPANT_NAMES: [string, string, string][] = [
  ["Chiara", "Albani", "toscana"],
  ["Marco", "Bartoli", "toscana"],
  ["Elena", "Cecchi", "toscana"],
  ["Davide", "Donati", "toscana"],
  ["Francesca", "Fabbri", "toscana"],
  ["Giorgio", "Gori", "toscana"],
  ["Ilaria", "Innocenti", "toscana"],
  ["Lorenzo", "Lenzi", "toscana"],
  ["Martina", "Mancini", "toscana"],
  ["Nicola", "Nardi", "toscana"],
  ["Paola", "Pieri", "toscana"],
  ["Roberto", "Romei", "toscana"],
  ["Sara", "Santoro", "lazio"],
  ["Tommaso", "Testa", "lazio"],
  ["Valentina", "Valenti", "campania"],
  ["Alessandro", "Amato", "campania"],
  ["Beatrice", "Benedetti", "puglia"],
  ["Claudio", "Costa", "puglia"],
  ["Daniela", "De Luca", "sicilia"],
  ["Emanuele", "Esposito", "sicilia"],
  ["Federica", "Ferraro", "veneto"],
  ["Gabriele", "Greco", "veneto"],
  ["Irene", "Lombardi", "piemonte"],
  ["Jacopo", "Marino", "piemonte"],
  ["Laura", "Moretti", "emilia-romagna"],
  ["Matteo", "Neri", "emilia-romagna"],
  ["Noemi", "Orlando", "marche"],
  ["Pietro", "Palumbo", "marche"],
  ["Rebecca", "Rinaldi", "sardegna"],
  ["Stefano", "Sala", "liguria"],
];

function participantAccounts(): DemoAccount[] {
  return PARTICIPANT_NAMES.map(([firstName, lastName, regionCode], i) => ({
    email: `corsista${String(i + 1).padStart(2, "0")}@forma.test`,
    firstName,
    lastName,
    schoolLevel: ["primaria", "secondaria-primo-grado", "secondaria-secondo-grado", "infanzia"][i % 4]!,
    regionCode,
    professionalRole: "docente",
    roles: [],
  }));
}

async function upsertAccount(account: DemoAccount, passwordHash: string): Promise<string> {
  const { roles, ...fields } = account;
  const profile = { ...fields, schoolName: fields.schoolName ?? null, schoolCode: fields.schoolCode ?? null };
  const user = await prisma.user.upsert({
    where: { email: account.email },
    // Demo accounts are confirmed: enrolment and applications need a confirmed email.
    create: { ...profile, emailVerifiedAt: new Date(), password: { create: { hash: passwordHash } } },
    update: {
      ...profile,
      emailVerifiedAt: new Date(),
      password: { upsert: { create: { hash: passwordHash }, update: { hash: passwordHash } } },
    },
    select: { id: true },
  });
  // The profile is back to the demo's: periods of earlier profiles (ADR 0093), written when someone changed it during
  // a demo, would attribute places to a profile the account no longer had before that change. A reset account has
  // had this profile all along, so its places count under it (the User row).
  await prisma.userProfilePeriod.deleteMany({ where: { userId: user.id } });
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

export async function seed(
  today = new Date(),
): Promise<{ accounts: number; eventsCreated: number; eventsSkipped: number }> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const ids: Record<keyof typeof ACCOUNTS, string> = {} as Record<keyof typeof ACCOUNTS, string>;
  for (const [key, account] of Object.entries(ACCOUNTS) as [keyof typeof ACCOUNTS, DemoAccount][]) {
    ids[key] = await upsertAccount(account, passwordHash);
  }

  const participantIds: string[] = [];
  for (const account of participantAccounts()) participantIds.push(await upsertAccount(account, passwordHash));

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
    const created = await prisma.event.create({ data: eventCreateInput(spec), select: { id: true } });
    eventsCreated += 1;
    if (spec.title === PAST_BASE_COURSE_TITLE) {
      await seedParticipants(created.id, [ids.teacher2, ...participantIds], ids.trainer, {
        recordedSyncSessions: 3,
        completedActivities: 2,
      });
    } else if (spec.title === CLOSABLE_WEBINAR_TITLE) {
      // docente@ and corsisti 13..24, all present at both webinars: closing it issues 13 certificates.
      await seedParticipants(created.id, [ids.teacher, ...participantIds.slice(12, 24)], ids.trainer, {
        recordedSyncSessions: 2,
        completedActivities: 0,
        allPresent: true,
      });
    } else if (spec.title === LIVE_WORKSHOP_TITLE) {
      await seedParticipants(created.id, participantIds.slice(0, 12), ids.trainer, {
        recordedSyncSessions: 0,
        completedActivities: 0,
      });
    }
  }
  return { accounts: Object.keys(ACCOUNTS).length + participantIds.length, eventsCreated, eventsSkipped };
}

/**
 * Enrols the people in the event's first edition and fills the registers of its first synchronous
 * sessions and activities: mostly present, a few late or absent, so the trainer's pages have
 * something to correct and something left to record (the later sessions stay empty).
 */
async function seedParticipants(
  eventId: string,
  userIds: string[],
  trainerId: string,
  filled: { recordedSyncSessions: number; completedActivities: number; allPresent?: boolean },
): Promise<void> {
  const edition = await prisma.edition.findFirstOrThrow({
    where: { eventId, number: 1 },
    select: {
      id: true,
      sessions: { orderBy: { startsAt: "asc" }, select: { id: true, delivery: true, minutes: true } },
    },
  });
  const syncSessions = edition.sessions.filter((s) => s.delivery === "sincrona").slice(0, filled.recordedSyncSessions);
  const activities = edition.sessions.filter((s) => s.delivery === "asincrona").slice(0, filled.completedActivities);
  const enrolmentIdOf = (userId: string) => `seed_${edition.id}_${userId}`;
  await prisma.$transaction(async (tx) => {
    await tx.enrolment.createMany({
      data: userIds.map((userId) => ({
        id: enrolmentIdOf(userId),
        editionId: edition.id,
        eventId,
        userId,
        status: "iscritto",
        activeKey: `${eventId}:${userId}`,
      })),
    });
    await tx.edition.update({ where: { id: edition.id }, data: { seatsTaken: userIds.length } });
    const records = userIds.flatMap((userId, i) =>
      syncSessions.map((s, k) => {
        const enrolmentId = enrolmentIdOf(userId);
        const n = i + k;
        const status = filled.allPresent ? "presente" : n % 11 === 6 ? "assente" : n % 7 === 5 ? "ritardo" : "presente";
        const minutesAttended = status === "ritardo" ? Math.round(s.minutes * 0.75) : null;
        return { sessionId: s.id, enrolmentId, status, minutesAttended, recordedById: trainerId };
      }),
    );
    await tx.attendanceRecord.createMany({ data: records });
    await tx.attendanceChange.createMany({
      data: records.map((r) => ({
        sessionId: r.sessionId,
        enrolmentId: r.enrolmentId,
        actorId: trainerId,
        toStatus: r.status,
        toMinutes: r.minutesAttended,
      })),
    });
    const completions = userIds.flatMap((userId, i) =>
      activities
        .filter((_, k) => (i + k) % 9 !== 8)
        .map((a) => ({ sessionId: a.id, enrolmentId: enrolmentIdOf(userId), recordedById: trainerId })),
    );
    await tx.activityCompletion.createMany({ data: completions });
  });
}

/**
 * Why the demo data must not go into this database, or null. Its accounts share a published password
 * and one is the national unit: seeded into a database in use (the README's PostgreSQL steps once offered
 * `npm run db:seed` next to a production URL), anyone could sign in as it. The rule, shared with the scale
 * data, is prisma/seed-data/database-in-use.ts; FORMA_SEED_ANYWAY=1 overrides, for a test copy of real data.
 */
export function demoSeedRefusal(
  env: Record<string, string | undefined> = process.env,
  db: Pick<Db, "user"> = prisma,
): Promise<string | null> {
  return seedRefusal({ it: "dimostrativi", en: "demo" }, env, db);
}

/**
 * What `npm run demo` does when the seed is refused: on a demo database (its accounts in use all came after
 * the demo data: someone tried the sign-up), nothing is written and the server starts on the data as it is,
 * with a warning; any other database stops it, as `npm run db:seed` stops. Null: seed.
 */
export async function demoRunRefusal(
  env: Record<string, string | undefined> = process.env,
  db: Pick<Db, "user"> = prisma,
): Promise<{ refusal: string; start: boolean } | null> {
  const refusal = await demoSeedRefusal(env, db);
  if (refusal === null) return null;
  return { refusal, start: await isDemoDatabase(db) };
}

const isMain = import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith("prisma/seed.ts");
if (isMain) {
  const started = Date.now();
  const demo = process.argv.includes("--demo");
  (demo ? demoRunRefusal() : demoSeedRefusal().then((refusal) => (refusal === null ? null : { refusal, start: false })))
    .then(async (refused) => {
      if (refused?.start) {
        console.warn(
          `${refused.refusal}.\nGli account in uso sono nati dopo i dati dimostrativi (una registrazione di prova): il ` +
            `server parte con i dati di prima, senza ricaricarli / they were made after the demo data (a trial sign-up): ` +
            `the server starts on the data as it is.`,
        );
        return;
      }
      if (refused) throw Object.assign(new Error(refused.refusal), { refusal: true });
      const r = await seed();
      console.log(
        `Dati dimostrativi: ${r.accounts} account (password "${DEMO_PASSWORD}"), ${r.eventsCreated} eventi creati, ${r.eventsSkipped} già presenti (${Date.now() - started} ms).`,
      );
    })
    .catch((error: unknown) => {
      console.error((error as { refusal?: boolean }).refusal ? (error as Error).message : error);
      process.exitCode = 1;
    })
    .finally(() => prisma.$disconnect());
}
