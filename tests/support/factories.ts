// Test data through the same code paths the app uses. Each call makes unique rows,
// so tests can share one database without cleaning it.
import { generateCertificateCode } from "../../app/domain/certificate.ts";
import type { StatedCertificate } from "../../app/domain/certificate-text.ts";
import { hashPassword } from "../../app/utils/auth.server.ts";
import { prisma } from "../../app/utils/db.server.ts";
import { statedCertificate } from "./certificates.ts";

let counter = 0;
export function unique(prefix = "t"): string {
  counter += 1;
  return `${prefix}${Date.now().toString(36)}${process.pid}${counter}`;
}

export const TEST_PASSWORD = "insegnare2026";
let passwordHash: Promise<string> | undefined;

/** The sign-up form's fields for a teacher in Lombardy with `email`, as the page posts them (and as createTeacherAccount takes them). */
export function teacherSignupFields(email: string) {
  return {
    firstName: "Luca",
    lastName: "Bianchi",
    email,
    password: "formazione2026",
    schoolLevel: "primaria" as const,
    regionCode: "lombardia" as const,
    professionalRole: "docente" as const,
  };
}

export async function createUser(
  overrides: Partial<{
    email: string;
    firstName: string;
    lastName: string;
    regionCode: string;
    schoolLevel: string;
    professionalRole: string;
    roles: { role: string; regionCode?: string }[];
    /** null: an account whose email is not confirmed yet. */
    emailVerifiedAt: Date | null;
  }> = {},
) {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const { roles = [], ...fields } = overrides;
  return prisma.user.create({
    data: {
      email: fields.email ?? `${unique("user")}@scuola.example.it`,
      firstName: fields.firstName ?? "Maria",
      lastName: fields.lastName ?? "Rossi",
      regionCode: fields.regionCode ?? "toscana",
      schoolLevel: fields.schoolLevel ?? "primaria",
      professionalRole: fields.professionalRole ?? "docente",
      // Confirmed, as an account that has opened its link (enrolment and applications need it).
      emailVerifiedAt: fields.emailVerifiedAt === undefined ? new Date() : fields.emailVerifiedAt,
      password: { create: { hash: await passwordHash } },
      roles: { create: roles.map((r) => ({ role: r.role, regionCode: r.regionCode ?? "" })) },
    },
    include: { roles: true },
  });
}

/** A published event with one edition and one 2-hour synchronous session, enrolment open now. */
export async function createOpenEdition(
  options: Partial<{
    seatCap: number | null;
    level: string;
    regionCode: string | null;
    openToAllRegions: boolean;
    promotionMode: "automatica" | "offerta";
    offerHours: number;
    schoolLevels: string[];
    audienceRoles: string[];
    opensAt: Date;
    closesAt: Date;
    sessionStartsAt: Date;
    cancellationCutoffAt: Date | null;
    title: string;
  }> = {},
) {
  const organiser = await createUser({ roles: [{ role: "unita-nazionale" }] });
  const now = Date.now();
  const sessionStartsAt = options.sessionStartsAt ?? new Date(now + 20 * 24 * 3600_000);
  const sessionEndsAt = new Date(sessionStartsAt.getTime() + 2 * 3600_000);
  const event = await prisma.event.create({
    data: {
      title: options.title ?? `Corso di base eTwinning ${unique("")}`,
      description: "Corso di prova",
      type: "corso-online-base",
      level: options.level ?? "nazionale",
      regionCode: options.regionCode ?? null,
      openToAllRegions: options.openToAllRegions ?? false,
      mode: "online",
      onlineUrl: "https://meet.example.it/stanza",
      certifiedMinutes: 120,
      status: "pubblicato",
      publishedAt: new Date(now),
      startsAt: sessionStartsAt,
      endsAt: sessionEndsAt,
      searchText: "corso di base etwinning",
      createdById: organiser.id,
      schoolLevels: { create: (options.schoolLevels ?? []).map((schoolLevel) => ({ schoolLevel })) },
      audienceRoles: { create: (options.audienceRoles ?? []).map((role) => ({ role })) },
      editions: {
        create: {
          number: 1,
          startsOn: sessionStartsAt,
          endsOn: sessionEndsAt,
          seatCap: options.seatCap === undefined ? 350 : options.seatCap,
          enrolmentOpensAt: options.opensAt ?? new Date(now - 24 * 3600_000),
          enrolmentClosesAt: options.closesAt ?? new Date(now + 10 * 24 * 3600_000),
          promotionMode: options.promotionMode ?? "automatica",
          offerHours: options.offerHours ?? 48,
          cancellationCutoffAt: options.cancellationCutoffAt ?? null,
          sessions: {
            create: {
              startsAt: sessionStartsAt,
              endsAt: sessionEndsAt,
              delivery: "sincrona",
              minutes: 120,
              title: "Incontro 1",
            },
          },
        },
      },
    },
    include: { editions: true },
  });
  return { organiser, event, edition: event.editions[0]! };
}

/** Many teachers at once (createMany), sharing the test password. */
export async function createTeachers(count: number, regionCode = "toscana") {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const prefix = unique("burst");
  const rows = Array.from({ length: count }, (_, i) => ({
    email: `${prefix}-${i}@scuola.example.it`,
    firstName: "Docente",
    lastName: `N${i}`,
    regionCode,
    schoolLevel: "primaria",
    professionalRole: "docente",
    emailVerifiedAt: new Date(),
  }));
  for (let i = 0; i < rows.length; i += 500) {
    await prisma.user.createMany({ data: rows.slice(i, i + 500) });
  }
  return prisma.user.findMany({ where: { email: { startsWith: `${prefix}-` } }, select: { id: true, email: true } });
}

/** Another edition of an event (number 2, 3…), a month after the first, with one two-hour session. */
export async function addEdition(
  eventId: string,
  options: Partial<{ seatCap: number | null; status: string; admission: string }> = {},
) {
  const count = await prisma.edition.count({ where: { eventId } });
  const startsAt = new Date(Date.now() + (50 + 30 * count) * 24 * 3600_000);
  const endsAt = new Date(startsAt.getTime() + 2 * 3600_000);
  return prisma.edition.create({
    data: {
      eventId,
      number: count + 1,
      startsOn: startsAt,
      endsOn: endsAt,
      seatCap: options.seatCap === undefined ? 350 : options.seatCap,
      enrolmentOpensAt: new Date(Date.now() - 24 * 3600_000),
      enrolmentClosesAt: new Date(startsAt.getTime() - 24 * 3600_000),
      status: options.status ?? "attiva",
      admission: options.admission ?? "ordine-arrivo",
      sessions: { create: { startsAt, endsAt, delivery: "sincrona", minutes: 120, title: "Incontro 1" } },
    },
  });
}

/**
 * A confirmed place (iscritto) of the person in the edition, with the active key the enrolment writers give it
 * (`<eventId>:<userId>`: one current place per event).
 */
export function createEnrolment(edition: { id: string; eventId: string }, userId: string) {
  return prisma.enrolment.create({
    data: {
      editionId: edition.id,
      eventId: edition.eventId,
      userId,
      status: "iscritto",
      activeKey: `${edition.eventId}:${userId}`,
    },
  });
}

/**
 * A valid certificate of a place, with the columns issueCertificates writes: what it states from statedCertificate
 * (tests/support/certificates.ts) with a code of the real shape (the public verification page refuses any other
 * before its query), the edition's dates, two hours, issued now. `fields` sets what a test is about: holder, title,
 * type, level, place, organiser, hours, code, a revocation.
 */
export function createCertificate(
  place: { enrolmentId: string; userId: string },
  edition: { id: string; startsOn: Date; endsOn: Date },
  fields: Partial<StatedCertificate> & { revokedAt?: Date } = {},
) {
  const { revokedAt, ...stated } = fields;
  return prisma.certificate.create({
    data: {
      ...statedCertificate({
        code: generateCertificateCode(),
        certifiedMinutes: 120,
        editionStartsOn: edition.startsOn,
        editionEndsOn: edition.endsOn,
        issuedAt: new Date(),
        ...stated,
      }),
      enrolmentId: place.enrolmentId,
      userId: place.userId,
      // A revoked certificate frees its place's key (at most one valid certificate a place).
      activeKey: revokedAt ? null : place.enrolmentId,
      ...(revokedAt ? { revokedAt } : {}),
      editionId: edition.id,
    },
  });
}
