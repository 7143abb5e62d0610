// A small dashboard fixture whose figures are computed by hand in tests/integration/dashboard.test.ts.
// Everything happens in one school year far from other tests' data (default 2091/92: the scale
// data of seed-and-scale-data.test.ts reaches years ahead of today), so the
// national figures of that year are this fixture's alone.
//
// Teachers: M1..M8 in Molise (M1–M4 primaria, M5–M8 secondaria di I grado), L1, L2 in Lazio.
// - National webinar, 15 October: cap 10, 8 taken. M1–M6, L1, L2 enrolled; M7, M8 on the waitlist.
//   Register closed: M1–M5 and L1 present, M6 absent, L2 no line. Certificates (120 min): M1–M4, L1;
//   M5's was revoked. Questionnaire: 5 answers, overall 5, 4, 4, 3, 5.
// - Molise regional seminar, 20 January: cap 20, 5 taken, register open. M1–M5 enrolled, M6 cancelled.
//   Questionnaire: 3 answers, overall 4, 4, 5.
// - Lazio regional workshop open to all regions, 10 November: cap 10, 3 taken: L1, L2 and M1 enrolled.
// - Molise regional seminar still a draft, 20 January: cap 30, nobody enrolled. Its seats are not on
//   offer, so they are in no fill rate (the figures above do not change because of it).
import { parseRomeDateTime } from "../../app/utils/dates.ts";
import { prisma } from "../../app/utils/db.server.ts";
import { createCertificate, createUser, unique } from "./factories.ts";

type Teacher = Awaited<ReturnType<typeof createUser>>;

export type DashboardEditionOptions = {
  organiserId: string;
  /** The day of its one two-hour session (Europe/Rome, 10:00). */
  day: string;
  type: string;
  level: string;
  regionCode: string | null;
  cap: number;
  taken: number;
  /** Register closed at the session's end. */
  closed: boolean;
  status?: string;
  /** Regional events are open to every region unless said (the fixture's Lazio workshop). */
  openToAllRegions?: boolean;
  title?: string;
};

/** One published event with one edition and one two-hour session on `day`, for the dashboard's tests. */
export async function createDashboardEdition(opts: DashboardEditionOptions) {
  const startsOn = parseRomeDateTime(`${opts.day}T10:00`)!;
  const endsOn = new Date(startsOn.getTime() + 2 * 3600_000);
  const event = await prisma.event.create({
    data: {
      title: opts.title ?? `Cruscotto ${unique("")}`,
      description: "Evento del fixture del cruscotto",
      type: opts.type,
      level: opts.level,
      regionCode: opts.regionCode,
      openToAllRegions: opts.openToAllRegions ?? opts.regionCode !== null,
      mode: "online",
      certifiedMinutes: 120,
      status: opts.status ?? "pubblicato",
      startsAt: startsOn,
      endsAt: endsOn,
      createdById: opts.organiserId,
      editions: {
        create: {
          number: 1,
          startsOn,
          endsOn,
          seatCap: opts.cap,
          seatsTaken: opts.taken,
          enrolmentOpensAt: new Date(startsOn.getTime() - 30 * 86_400_000),
          enrolmentClosesAt: new Date(startsOn.getTime() - 86_400_000),
          attendanceClosedAt: opts.closed ? endsOn : null,
          sessions: { create: { startsAt: startsOn, endsAt: endsOn, delivery: "sincrona", minutes: 120 } },
        },
      },
    },
    include: { editions: { include: { sessions: true } } },
  });
  const ed = event.editions[0]!;
  return { event, edition: ed, session: ed.sessions[0]! };
}

export async function createDashboardFixture(year = 2091) {
  const organiser = await createUser({ roles: [{ role: "unita-nazionale" }] });
  const molise: Teacher[] = [];
  for (let i = 0; i < 8; i++) {
    molise.push(await createUser({ regionCode: "molise", schoolLevel: i < 4 ? "primaria" : "secondaria-primo-grado" }));
  }
  const lazio = [await createUser({ regionCode: "lazio" }), await createUser({ regionCode: "lazio" })];
  const [m1, m2, m3, m4, m5, m6, m7, m8] = molise as [
    Teacher,
    Teacher,
    Teacher,
    Teacher,
    Teacher,
    Teacher,
    Teacher,
    Teacher,
  ];
  const [l1, l2] = lazio as [Teacher, Teacher];

  const edition = (opts: Omit<DashboardEditionOptions, "organiserId">) =>
    createDashboardEdition({ ...opts, organiserId: organiser.id });

  const enrol = async (e: { event: { id: string }; edition: { id: string } }, user: Teacher, status: string) =>
    prisma.enrolment.create({
      data: {
        editionId: e.edition.id,
        eventId: e.event.id,
        userId: user.id,
        status,
        activeKey: ["iscritto", "in-attesa"].includes(status) ? `${e.event.id}:${user.id}` : null,
      },
    });

  const answer = (editionId: string, overall: number) =>
    prisma.questionnaireResponse.create({
      data: {
        editionId,
        answers: JSON.stringify({
          pertinenza: 3,
          chiarezza: 3,
          materiali: 3,
          organizzazione: 3,
          formatore: 3,
          complessivo: overall,
        }),
        submittedOn: new Date(Date.UTC(year, 11, 1)),
      },
    });

  // National webinar
  const national = await edition({
    day: `${year}-10-15`,
    type: "webinar",
    level: "nazionale",
    regionCode: null,
    cap: 10,
    taken: 8,
    closed: true,
  });
  const enrolled = new Map<Teacher, { id: string }>();
  for (const t of [m1, m2, m3, m4, m5, m6, l1, l2]) enrolled.set(t, await enrol(national, t, "iscritto"));
  await enrol(national, m7, "in-attesa");
  await enrol(national, m8, "offerta-scaduta");
  for (const t of [m1, m2, m3, m4, m5, l1]) {
    await prisma.attendanceRecord.create({
      data: { sessionId: national.session.id, enrolmentId: enrolled.get(t)!.id, status: "presente" },
    });
  }
  await prisma.attendanceRecord.create({
    data: { sessionId: national.session.id, enrolmentId: enrolled.get(m6)!.id, status: "assente" },
  });
  for (const t of [m1, m2, m3, m4, l1, m5]) {
    const enrolmentId = enrolled.get(t)!.id;
    await createCertificate({ enrolmentId, userId: t.id }, national.edition, {
      holderName: "Nome Cognome",
      eventTitle: national.event.title,
      eventType: "webinar",
      ...(t === m5 ? { revokedAt: new Date() } : {}),
    });
  }
  for (const overall of [5, 4, 4, 3, 5]) await answer(national.edition.id, overall);

  // Molise regional seminar
  const regional = await edition({
    day: `${year + 1}-01-20`,
    type: "seminario",
    level: "regionale",
    regionCode: "molise",
    cap: 20,
    taken: 5,
    closed: false,
  });
  for (const t of [m1, m2, m3, m4, m5]) await enrol(regional, t, "iscritto");
  await enrol(regional, m6, "annullato");
  for (const overall of [4, 4, 5]) await answer(regional.edition.id, overall);

  // Lazio regional workshop, open to all regions
  const other = await edition({
    day: `${year}-11-10`,
    type: "laboratorio",
    level: "regionale",
    regionCode: "lazio",
    cap: 10,
    taken: 3,
    closed: false,
  });
  for (const t of [l1, l2, m1]) await enrol(other, t, "iscritto");

  // Molise regional seminar, still a draft
  const draft = await edition({
    day: `${year + 1}-01-20`,
    type: "seminario",
    level: "regionale",
    regionCode: "molise",
    cap: 30,
    taken: 0,
    closed: false,
    status: "bozza",
  });

  return { year, organiser, molise, lazio, draft };
}
