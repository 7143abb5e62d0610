// Realistic volume for benchmarks and for trying the catalogue at scale:
// teachers across the 21 regions, organisers, and events over two school years with
// editions, sessions, audiences and themes (mostly published).
//   npm run db:scale-data -- --seed 42 --teachers 100000 --events 10000 [--from 2026-09-01]
// DATABASE_URL chooses the database, from .env too (migrate it first). Deterministic for a given seed
// and --from: the same rows, ids and emails every time. Meant for an empty database: it refuses
// to run twice with the same seed on one database, and refuses a database in use as the demo seed
// does (prisma/seed-data/database-in-use.ts; FORMA_SEED_ANYWAY=1 for a trial copy).
// Every teacher and organiser has the password "Forma2026!" (one hash, computed once).
// Edition.seatsTaken is filled as a counter only, so that the catalogue's "free seats" filter has
// realistic selectivity. With --activity [--per-edition 40] it also writes enrolments (at most that
// many per edition), waitlists, closed registers, certificates and questionnaire answers for the
// dashboard (issue 16; bench/dashboard-bench.ts).
import { TZDate } from "@date-fns/tz";
import { fakerIT as faker } from "@faker-js/faker";
import { parseArgs } from "node:util";
import { certificatePlace, type StatedCertificate } from "../app/domain/certificate-text.ts";
import { deriveEventFields } from "../app/domain/event-derived-fields.ts";
import {
  EVENT_LANGUAGES,
  PROFESSIONAL_ROLES,
  REGION_CODES,
  SCHOOL_LEVELS,
  THEMES,
  type EventType,
  type RegionCode,
} from "../app/domain/vocabulary.ts";
import { hashPassword } from "../app/utils/auth.server.ts";
import { databaseEngine, prisma, type Db } from "../app/utils/db.server.ts";
import { TIME_ZONE } from "../app/utils/dates.ts";
import { SEED_PASSWORD, seedRefusal } from "../prisma/seed-data/database-in-use.ts";
import { romeDaysFrom, romeTime } from "../prisma/seed-data/event-builder.ts";
import { seededRandom } from "./seeded-random.mjs";

type Options = {
  seed: number;
  teachers: number;
  events: number;
  from: string;
  chunk: number;
  /** Also write enrolments, waitlists, registers, certificates and questionnaire answers (the dashboard's data). */
  activity?: boolean;
  /** Enrolment rows per edition at most (the seat counters stay as generated). */
  perEdition?: number;
};

export function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      seed: { type: "string", default: "42" },
      teachers: { type: "string", default: "100000" },
      events: { type: "string", default: "10000" },
      from: { type: "string", default: "2026-09-01" },
      chunk: { type: "string", default: "2000" },
      activity: { type: "boolean", default: false },
      "per-edition": { type: "string", default: "40" },
    },
  });
  const int = (name: string, v: string | undefined) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0)
      throw new Error(`--${name} deve essere un numero intero non negativo (ricevuto "${v}")`);
    return n;
  };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(values.from ?? ""))
    throw new Error(`--from deve essere una data AAAA-MM-GG (ricevuto "${values.from}")`);
  return {
    seed: int("seed", values.seed),
    teachers: int("teachers", values.teachers),
    events: int("events", values.events),
    from: values.from!,
    chunk: Math.max(100, int("chunk", values.chunk)),
    activity: values.activity ?? false,
    perEdition: int("per-edition", values["per-edition"]),
  };
}

// Rough share of Italy's teachers by region (percent), so regional volumes look real.
const REGION_WEIGHTS: Record<RegionCode, number> = {
  abruzzo: 2.2,
  basilicata: 1.1,
  bolzano: 0.9,
  calabria: 3.6,
  campania: 10.8,
  "emilia-romagna": 7.0,
  "friuli-venezia-giulia": 1.9,
  lazio: 9.4,
  liguria: 2.3,
  lombardia: 15.2,
  marche: 2.6,
  molise: 0.6,
  piemonte: 6.6,
  puglia: 7.3,
  sardegna: 2.8,
  sicilia: 9.2,
  toscana: 6.0,
  trento: 1.0,
  umbria: 1.5,
  "valle-d-aosta": 0.3,
  veneto: 7.6,
};
const REGION_CITIES: Record<RegionCode, string[]> = {
  abruzzo: ["L'Aquila", "Pescara", "Chieti", "Teramo"],
  basilicata: ["Potenza", "Matera"],
  bolzano: ["Bolzano", "Merano", "Bressanone"],
  calabria: ["Catanzaro", "Reggio Calabria", "Cosenza"],
  campania: ["Napoli", "Salerno", "Caserta", "Avellino"],
  "emilia-romagna": ["Bologna", "Modena", "Parma", "Rimini"],
  "friuli-venezia-giulia": ["Trieste", "Udine", "Pordenone"],
  lazio: ["Roma", "Latina", "Viterbo", "Frosinone"],
  liguria: ["Genova", "La Spezia", "Savona"],
  lombardia: ["Milano", "Brescia", "Bergamo", "Como", "Pavia"],
  marche: ["Ancona", "Pesaro", "Macerata"],
  molise: ["Campobasso", "Isernia"],
  piemonte: ["Torino", "Novara", "Cuneo", "Alessandria"],
  puglia: ["Bari", "Lecce", "Foggia", "Taranto"],
  sardegna: ["Cagliari", "Sassari", "Nuoro"],
  sicilia: ["Palermo", "Catania", "Messina", "Siracusa"],
  toscana: ["Firenze", "Pisa", "Siena", "Arezzo", "Livorno"],
  trento: ["Trento", "Rovereto"],
  umbria: ["Perugia", "Terni"],
  "valle-d-aosta": ["Aosta"],
  veneto: ["Venezia", "Padova", "Verona", "Vicenza"],
};
const EUROPEAN_CITIES = [
  "Lisbona (Portogallo)",
  "Bruxelles (Belgio)",
  "Atene (Grecia)",
  "Varsavia (Polonia)",
  "Tallinn (Estonia)",
  "Valencia (Spagna)",
  "Lione (Francia)",
  "Vienna (Austria)",
  "Helsinki (Finlandia)",
  "Malta",
];

const TOPICS = [
  "primi passi in eTwinning",
  "progettare un gemellaggio elettronico",
  "il TwinSpace per la collaborazione tra classi",
  "eTwinning ed Erasmus+: dalla collaborazione online alla mobilità",
  "cittadinanza digitale e sicurezza in rete",
  "didattica inclusiva nei progetti europei",
  "STEM e sostenibilità ambientale",
  "media literacy e disinformazione",
  "intelligenza artificiale a scuola",
  "CLIL e lingue straniere nei progetti",
  "valutare le competenze trasversali",
  "eTwinning nella scuola dell'infanzia",
  "il debate nei progetti internazionali",
  "coding e pensiero computazionale",
  "educazione civica europea",
  "storytelling digitale",
  "gamification e apprendimento",
  "scuole eTwinning: leadership diffusa",
  "benessere a scuola e gestione della classe",
  "orientamento e dispersione scolastica",
  "patrimonio culturale europeo",
  "educazione alimentare e salute",
  "arte e musica senza confini",
  "matematica in gioco con i partner europei",
  "la ricerca partner su ESEP",
  "documentare e disseminare un progetto",
  "quality label: i criteri di qualità",
  "dialogo interculturale in classe",
  "eTwinning per i docenti neoassunti",
  "la biblioteca scolastica come laboratorio",
];
const TYPE_PREFIX: Record<EventType, string> = {
  webinar: "Webinar",
  "corso-online-base": "Corso online di base",
  seminario: "Seminario",
  conferenza: "Conferenza",
  laboratorio: "Laboratorio",
  "learning-event": "Learning event",
  "expert-talk": "Expert talk",
  "seminario-multilaterale": "Seminario multilaterale",
  "corso-in-presenza": "Corso in presenza",
};
const TYPE_WEIGHTS: [EventType, number][] = [
  ["webinar", 34],
  ["seminario", 20],
  ["laboratorio", 11],
  ["corso-online-base", 8],
  ["expert-talk", 8],
  ["learning-event", 5],
  ["seminario-multilaterale", 5],
  ["corso-in-presenza", 5],
  ["conferenza", 4],
];
const SENTENCES = [
  "Il percorso alterna momenti di presentazione e attività pratiche in piattaforma.",
  "Sono previsti esempi di progetti premiati con il Label di qualità nazionale ed europeo.",
  "I partecipanti lavorano in gruppo per ordine di scuola e condividono materiali riutilizzabili in classe.",
  "Interverranno Ambasciatori Erasmus+ Scuola ed esperti dell'Unità nazionale eTwinning.",
  "Al termine è rilasciato l'attestato con le ore certificate.",
  "Si consiglia di avere già un account EU Login e un profilo ESEP.",
  "L'iniziativa è pensata anche per chi non ha mai partecipato a un progetto eTwinning.",
  "Sono previsti momenti di confronto con colleghi di altri paesi.",
];

function weighted<T>(pairs: [T, number][]): T {
  const total = pairs.reduce((s, [, w]) => s + w, 0);
  let r = faker.number.float({ min: 0, max: total });
  for (const [v, w] of pairs) {
    r -= w;
    if (r <= 0) return v;
  }
  return pairs[pairs.length - 1]![0];
}

function slug(s: string): string {
  return s
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "");
}

const regionPairs = Object.entries(REGION_WEIGHTS) as [RegionCode, number][];

/**
 * The Corso di base as the demo has it (prisma/seed-data/demo-events.ts, baseCourseEdition) and the
 * source document describes it: a 25-hour training unit (1,500 certified minutes), five 2-hour live
 * webinars at 17:00 and three asynchronous units of 300 minutes, over five weeks. gapDays: the days to the
 * next session, and an asynchronous unit's length.
 */
const BASE_COURSE_SHAPE = [
  { asynchronous: false, startHour: 17, minutes: 120, gapDays: 1 },
  { asynchronous: true, startHour: 17, minutes: 300, gapDays: 7 },
  { asynchronous: false, startHour: 17, minutes: 120, gapDays: 1 },
  { asynchronous: true, startHour: 17, minutes: 300, gapDays: 6 },
  { asynchronous: false, startHour: 17, minutes: 120, gapDays: 7 },
  { asynchronous: false, startHour: 17, minutes: 120, gapDays: 1 },
  { asynchronous: true, startHour: 17, minutes: 300, gapDays: 11 },
  { asynchronous: false, startHour: 17, minutes: 120, gapDays: 1 },
];

async function insertInChunks<T>(
  db: Db,
  label: string,
  rows: T[],
  chunk: number,
  insert: (tx: Db, rows: T[]) => Promise<unknown>,
  counts: Record<string, number>,
) {
  // Several chunks per transaction: few commits (fast on SQLite) without one giant transaction.
  const perTransaction = chunk * 10;
  for (let i = 0; i < rows.length; i += perTransaction) {
    const slice = rows.slice(i, i + perTransaction);
    await db.$transaction(
      async (tx) => {
        for (let j = 0; j < slice.length; j += chunk) await insert(tx as unknown as Db, slice.slice(j, j + chunk));
      },
      { timeout: 600_000, maxWait: 60_000 },
    );
  }
  counts[label] = (counts[label] ?? 0) + rows.length;
}

export async function generateScaleData(
  options: Options,
  db: Db = prisma,
  env: Record<string, string | undefined> = process.env,
) {
  faker.seed(options.seed);
  const started = Date.now();
  const prefix = `s${options.seed}`;
  const [fy, fm, fd] = options.from.split("-").map(Number) as [number, number, number];
  const createdAt = romeTime(fy, fm, fd, "08:00");
  const base = romeTime(fy, fm, fd, "12:00");
  const romeMonth = (days: number) => new TZDate(romeDaysFrom(base, days).getTime(), TIME_ZONE).getMonth();

  const firstEmail = `unita.nazionale.${prefix}@forma-scala.example.it`;
  if (await db.user.findUnique({ where: { email: firstEmail }, select: { id: true } })) {
    throw new Error(`Questo database contiene già i dati di scala con --seed ${options.seed}: usa un database nuovo.`);
  }
  const refusal = await seedRefusal({ it: "di scala", en: "scale" }, env, db);
  if (refusal) throw new Error(refusal);
  const hash = await hashPassword(SEED_PASSWORD);
  const counts: Record<string, number> = {};

  // People: the national unit, one referent per region, 60 trainers, then the teachers.
  type UserRow = {
    id: string;
    email: string;
    firstName: string;
    lastName: string;
    schoolName: string | null;
    schoolCode: string | null;
    schoolLevel: string;
    regionCode: string;
    professionalRole: string;
    /** Every generated account is confirmed (enrolment and applications need it). */
    emailVerifiedAt: Date;
    createdAt: Date;
    updatedAt: Date;
  };
  const users: UserRow[] = [];
  const roles: { id: string; userId: string; role: string; regionCode: string; grantedAt: Date }[] = [];
  const person = (id: string, email: string, regionCode: string, over: Partial<UserRow> = {}): UserRow => ({
    id,
    email,
    firstName: faker.person.firstName(),
    lastName: faker.person.lastName(),
    schoolName: null,
    schoolCode: null,
    schoolLevel: "altro",
    regionCode,
    professionalRole: "docente",
    emailVerifiedAt: createdAt,
    createdAt,
    updatedAt: createdAt,
    ...over,
  });
  const nationalUnitId = `${prefix}u_nu`;
  users.push(
    person(nationalUnitId, firstEmail, "toscana", {
      firstName: "Unità nazionale",
      lastName: "eTwinning",
      professionalRole: "altro",
    }),
  );
  roles.push({
    id: `${prefix}r_nu`,
    userId: nationalUnitId,
    role: "unita-nazionale",
    regionCode: "",
    grantedAt: createdAt,
  });
  const referentOf = {} as Record<RegionCode, string>;
  for (const region of REGION_CODES) {
    const id = `${prefix}u_ref_${region}`;
    referentOf[region] = id;
    users.push(person(id, `referente.${region}.${prefix}@forma-scala.example.it`, region));
    roles.push({
      id: `${prefix}r_ref_${region}`,
      userId: id,
      role: "referente-usr",
      regionCode: region,
      grantedAt: createdAt,
    });
  }
  const trainerIds: string[] = [];
  for (let i = 0; i < 60; i++) {
    const id = `${prefix}u_tr${i}`;
    trainerIds.push(id);
    users.push(person(id, `formatore${i}.${prefix}@forma-scala.example.it`, weighted(regionPairs)));
    roles.push({ id: `${prefix}r_tr${i}`, userId: id, role: "formatore", regionCode: "", grantedAt: createdAt });
  }
  const levelPairs: [string, number][] = [
    ["infanzia", 12],
    ["primaria", 30],
    ["secondaria-primo-grado", 22],
    ["secondaria-secondo-grado", 32],
    ["cpia", 2],
    ["altro", 2],
  ];
  const rolePairs: [string, number][] = [
    ["docente", 88],
    ["dirigente", 3],
    ["animatore-digitale", 4],
    ["bibliotecario", 1],
    ["assistente-lingua", 1],
    ["futuro-docente", 2],
    ["altro", 1],
  ];
  for (let i = 0; i < options.teachers; i++) {
    const firstName = faker.person.firstName();
    const lastName = faker.person.lastName();
    const region = weighted(regionPairs);
    const city = faker.helpers.arrayElement(REGION_CITIES[region]);
    users.push({
      id: `${prefix}u${i.toString(36)}`,
      // The index keeps emails unique; the names keep them realistic.
      email: `${slug(firstName)}.${slug(lastName)}.${i}@scuola.example.it`,
      firstName,
      lastName,
      schoolName: `${faker.helpers.arrayElement(["Istituto comprensivo", "Liceo", "Istituto tecnico", "Circolo didattico", "IIS"])} ${faker.person.lastName()}, ${city}`,
      schoolCode: `${city
        .slice(0, 2)
        .toUpperCase()
        .replace(/[^A-Z]/g, "X")}${faker.string.alphanumeric({ length: 8, casing: "upper" })}`,
      schoolLevel: weighted(levelPairs),
      regionCode: region,
      professionalRole: weighted(rolePairs),
      emailVerifiedAt: createdAt,
      createdAt,
      updatedAt: createdAt,
    });
  }

  // Events over two school years from --from, skipping July and August.
  type EventRow = {
    id: string;
    title: string;
    description: string;
    type: string;
    level: string;
    regionCode: string | null;
    mode: string;
    venue: string | null;
    onlineUrl: string | null;
    language: string;
    certifiedMinutes: number;
    status: string;
    openToAllRegions: boolean;
    startsAt: Date | null;
    endsAt: Date | null;
    searchText: string;
    publishedAt: Date | null;
    createdById: string;
    createdAt: Date;
    updatedAt: Date;
  };
  const events: EventRow[] = [];
  const editions: {
    id: string;
    eventId: string;
    number: number;
    startsOn: Date;
    endsOn: Date;
    seatCap: number | null;
    seatsTaken: number;
    enrolmentOpensAt: Date;
    enrolmentClosesAt: Date;
    status: string;
    createdAt: Date;
    updatedAt: Date;
  }[] = [];
  const sessions: {
    id: string;
    editionId: string;
    title: string;
    startsAt: Date;
    endsAt: Date;
    delivery: string;
    minutes: number;
  }[] = [];
  const eventLevels: { eventId: string; schoolLevel: string }[] = [];
  const eventRoles: { eventId: string; role: string }[] = [];
  const eventThemes: { eventId: string; theme: string }[] = [];
  const eventTrainers: { eventId: string; userId: string; assignedAt: Date }[] = [];

  for (let i = 0; i < options.events; i++) {
    const id = `${prefix}e${i.toString(36).padStart(4, "0")}`;
    const type = weighted(TYPE_WEIGHTS);
    // The Corso di base is the national unit's 25-hour course (BASE_COURSE_SHAPE): national, whatever was
    // drawn. Its level, region, sessions and openness are still drawn as they were before it was made
    // faithful, so that every other event of a seed stays exactly as it was (benchmarks compare runs on
    // seed 42's data).
    const baseCourse = type === "corso-online-base";
    const drawnLevel =
      type === "seminario-multilaterale" || type === "corso-in-presenza" || type === "learning-event"
        ? "europeo"
        : type === "conferenza" || type === "corso-online-base"
          ? faker.helpers.weightedArrayElement([
              { value: "nazionale", weight: 6 },
              { value: "regionale", weight: 4 },
            ])
          : faker.helpers.weightedArrayElement([
              { value: "regionale", weight: 70 },
              { value: "nazionale", weight: 22 },
              { value: "europeo", weight: 8 },
            ]);
    const drawnRegion = drawnLevel === "regionale" ? weighted(regionPairs) : null;
    const level = baseCourse ? "nazionale" : drawnLevel;
    const region = baseCourse ? null : drawnRegion;
    const mode =
      type === "webinar" || type === "expert-talk" || type === "learning-event" || type === "corso-online-base"
        ? "online"
        : type === "laboratorio" ||
            type === "seminario-multilaterale" ||
            type === "corso-in-presenza" ||
            type === "conferenza"
          ? "in-presenza"
          : faker.helpers.weightedArrayElement([
              { value: "in-presenza", weight: 6 },
              { value: "online", weight: 3 },
              { value: "blended", weight: 1 },
            ]);
    const city =
      level === "europeo"
        ? faker.helpers.arrayElement(EUROPEAN_CITIES)
        : faker.helpers.arrayElement(REGION_CITIES[drawnRegion ?? faker.helpers.arrayElement(REGION_CODES)]);
    const venue =
      mode === "online"
        ? null
        : level === "europeo"
          ? city
          : `${faker.helpers.arrayElement(["Istituto comprensivo", "Liceo", "Istituto tecnico", "Aula magna dell'Università di", "Ufficio scolastico territoriale di"])} ${faker.person.lastName()}, ${faker.location.street()} ${faker.number.int({ min: 1, max: 120 })}, ${city}`;
    const topic = faker.helpers.arrayElement(TOPICS);
    const title = `${TYPE_PREFIX[type]}: ${topic}${region ? ` (${city})` : ""}`;
    const description = `${TYPE_PREFIX[type]} ${level === "regionale" ? "regionale" : level === "nazionale" ? "nazionale" : "europeo"} dedicato a ${topic}. ${faker.helpers.arrayElements(SENTENCES, { min: 2, max: 4 }).join(" ")}`;
    const language = level === "europeo" ? faker.helpers.arrayElement(["en", "en", "en", ...EVENT_LANGUAGES]) : "it";
    const status = faker.helpers.weightedArrayElement([
      { value: "pubblicato", weight: 88 },
      { value: "bozza", weight: 5 },
      { value: "chiuso", weight: 4 },
      { value: "annullato", weight: 3 },
    ]);

    // Session structure, shared by every edition so they certify the same hours.
    const sessionCount =
      type === "corso-online-base"
        ? faker.number.int({ min: 5, max: 8 })
        : type === "webinar" || type === "expert-talk"
          ? faker.number.int({ min: 1, max: 2 })
          : faker.number.int({ min: 1, max: 5 });
    const drawnShape = Array.from({ length: sessionCount }, (_, k) => {
      const asynchronous = mode === "online" && sessionCount > 2 && k % 2 === 1;
      const startHour =
        mode === "online" ? faker.helpers.arrayElement([15, 16, 17]) : faker.helpers.arrayElement([9, 14]);
      const minutes = asynchronous
        ? faker.helpers.arrayElement([120, 180, 240, 300])
        : faker.helpers.arrayElement(mode === "online" ? [60, 90, 120] : [120, 180, 240]);
      return { asynchronous, startHour, minutes, gapDays: faker.number.int({ min: 1, max: 7 }) };
    });
    const shape = baseCourse ? BASE_COURSE_SHAPE : drawnShape;
    const certifiedMinutes = shape.reduce((s, x) => s + x.minutes, 0);
    const seatCap =
      mode === "online" && (type === "webinar" || type === "expert-talk") && faker.datatype.boolean(0.8)
        ? null
        : type === "corso-online-base"
          ? 350
          : type === "conferenza"
            ? 400
            : type === "seminario-multilaterale" || type === "corso-in-presenza"
              ? faker.number.int({ min: 2, max: 8 })
              : faker.helpers.arrayElement([25, 30, 40, 60, 80, 100, 150, 200]);

    let dayOffset = faker.number.int({ min: 0, max: 640 });
    const editionCount = faker.helpers.weightedArrayElement([
      { value: 1, weight: 70 },
      { value: 2, weight: 22 },
      { value: 3, weight: 8 },
    ]);
    const allSessions: { startsAt: Date; endsAt: Date }[] = [];
    for (let n = 1; n <= editionCount; n++) {
      const editionId = `${id}_${n}`;
      let d = dayOffset;
      const editionSessions: typeof sessions = [];
      shape.forEach((s, k) => {
        // Skip the summer break (July and August).
        const month = romeMonth(d);
        if (month === 6) d += 62;
        else if (month === 7) d += 31;
        const startsAt = romeDaysFrom(base, d, s.asynchronous ? "00:00" : `${s.startHour}:00`);
        const endsAt = s.asynchronous
          ? romeDaysFrom(base, d + s.gapDays, "23:59")
          : new Date(startsAt.getTime() + s.minutes * 60_000);
        editionSessions.push({
          id: `${editionId}_${k}`,
          editionId,
          title: s.asynchronous ? "Attività asincrona" : `Incontro ${k + 1}`,
          startsAt,
          endsAt,
          delivery: s.asynchronous ? "asincrona" : "sincrona",
          minutes: s.minutes,
        });
        d += s.gapDays;
      });
      const startsOn = editionSessions[0]!.startsAt;
      const endsOn = new Date(Math.max(...editionSessions.map((s) => s.endsAt.getTime())));
      const full = seatCap !== null && faker.datatype.boolean(0.25);
      editions.push({
        id: editionId,
        eventId: id,
        number: n,
        startsOn,
        endsOn,
        seatCap,
        seatsTaken:
          seatCap === null
            ? faker.number.int({ min: 0, max: 900 })
            : full
              ? seatCap
              : faker.number.int({ min: 0, max: seatCap - 1 }),
        enrolmentOpensAt: new Date(startsOn.getTime() - faker.number.int({ min: 20, max: 60 }) * 86_400_000),
        enrolmentClosesAt: new Date(startsOn.getTime() - faker.number.int({ min: 1, max: 3 }) * 86_400_000),
        status:
          status === "annullato"
            ? "annullata"
            : faker.helpers.weightedArrayElement([
                { value: "attiva", weight: 96 },
                { value: "iscrizioni-chiuse", weight: 4 },
              ]),
        createdAt,
        updatedAt: createdAt,
      });
      sessions.push(...editionSessions);
      allSessions.push(...editionSessions);
      dayOffset = d + faker.number.int({ min: 20, max: 60 });
    }
    // A cancelled event's editions are all cancelled: no dates (deriveEventDates), as the app would leave it.
    const derived = deriveEventFields({
      title,
      description,
      venue,
      editions: [{ sessions: allSessions, status: status === "annullato" ? "annullata" : undefined }],
    });
    const drawnOpenToAllRegions = drawnLevel === "regionale" && faker.datatype.boolean(0.2);
    events.push({
      id,
      title,
      description,
      type,
      level,
      regionCode: region,
      mode,
      venue,
      onlineUrl: mode === "in-presenza" ? null : `https://meet.example.it/${id}`,
      language,
      certifiedMinutes,
      status,
      openToAllRegions: baseCourse ? false : drawnOpenToAllRegions,
      ...derived,
      publishedAt: status === "bozza" ? null : createdAt,
      createdById: region ? referentOf[region] : nationalUnitId,
      createdAt,
      updatedAt: createdAt,
    });
    for (const schoolLevel of faker.helpers.arrayElements(
      SCHOOL_LEVELS.filter((l) => l !== "altro"),
      { min: 1, max: 4 },
    ))
      eventLevels.push({ eventId: id, schoolLevel });
    const audience = new Set([
      "docente",
      ...faker.helpers.arrayElements(
        PROFESSIONAL_ROLES.filter((r) => r !== "altro"),
        { min: 0, max: 2 },
      ),
    ]);
    for (const role of audience) eventRoles.push({ eventId: id, role });
    for (const theme of faker.helpers.arrayElements(THEMES, { min: 1, max: 3 }))
      eventThemes.push({ eventId: id, theme });
    if (type !== "webinar" && faker.datatype.boolean(0.3))
      eventTrainers.push({ eventId: id, userId: faker.helpers.arrayElement(trainerIds), assignedAt: createdAt });
  }
  const generatedMs = Date.now() - started;

  const c = options.chunk;
  await insertInChunks(db, "User", users, c, (tx, rows) => tx.user.createMany({ data: rows }), counts);
  await insertInChunks(
    db,
    "Password",
    users.map((u) => ({ userId: u.id, hash })),
    c,
    (tx, rows) => tx.password.createMany({ data: rows }),
    counts,
  );
  await insertInChunks(db, "UserRole", roles, c, (tx, rows) => tx.userRole.createMany({ data: rows }), counts);
  await insertInChunks(db, "Event", events, c, (tx, rows) => tx.event.createMany({ data: rows }), counts);
  await insertInChunks(db, "Edition", editions, c, (tx, rows) => tx.edition.createMany({ data: rows }), counts);
  await insertInChunks(
    db,
    "TrainingSession",
    sessions,
    c,
    (tx, rows) => tx.trainingSession.createMany({ data: rows }),
    counts,
  );
  await insertInChunks(
    db,
    "EventSchoolLevel",
    eventLevels,
    c,
    (tx, rows) => tx.eventSchoolLevel.createMany({ data: rows }),
    counts,
  );
  await insertInChunks(
    db,
    "EventAudienceRole",
    eventRoles,
    c,
    (tx, rows) => tx.eventAudienceRole.createMany({ data: rows }),
    counts,
  );
  await insertInChunks(
    db,
    "EventTheme",
    eventThemes,
    c,
    (tx, rows) => tx.eventTheme.createMany({ data: rows }),
    counts,
  );
  await insertInChunks(
    db,
    "EventTrainer",
    eventTrainers,
    c,
    (tx, rows) => tx.eventTrainer.createMany({ data: rows }),
    counts,
  );
  if (options.activity) {
    const teachers = users.filter((u) => u.id.startsWith(`${prefix}u`) && !/^s\d+u_/.test(u.id));
    const activity = buildActivity({
      prefix,
      seed: options.seed,
      base,
      perEdition: options.perEdition ?? 40,
      teachers,
      events,
      editions,
      sessions,
    });
    await insertInChunks(
      db,
      "Enrolment",
      activity.enrolments,
      c,
      (tx, rows) => tx.enrolment.createMany({ data: rows }),
      counts,
    );
    await insertInChunks(
      db,
      "AttendanceRecord",
      activity.attendance,
      c,
      (tx, rows) => tx.attendanceRecord.createMany({ data: rows }),
      counts,
    );
    await insertInChunks(
      db,
      "Certificate",
      activity.certificates,
      c,
      (tx, rows) => tx.certificate.createMany({ data: rows }),
      counts,
    );
    await insertInChunks(
      db,
      "QuestionnaireResponse",
      activity.responses,
      c,
      (tx, rows) => tx.questionnaireResponse.createMany({ data: rows }),
      counts,
    );
    const closed = activity.closedEditions;
    for (let i = 0; i < closed.length; i += 500) {
      await db.edition.updateMany({
        where: { id: { in: closed.slice(i, i + 500) } },
        data: { attendanceClosedAt: romeDaysFrom(base, ACTIVITY_CLOSED_DAYS) },
      });
    }
  }
  // Fresh statistics so both planners pick the catalogue's indexes (same statement on both engines).
  await db.$executeRawUnsafe("ANALYZE");

  const byStatus: Record<string, number> = {};
  for (const e of events) byStatus[e.status] = (byStatus[e.status] ?? 0) + 1;
  return { counts, byStatus, generatedMs, totalMs: Date.now() - started };
}

/** With --activity, editions that end within this many days of --from have a closed register. */
const ACTIVITY_CLOSED_DAYS = 300;

/**
 * The dashboard's volume (issue 16): for every published, not cancelled edition, up to perEdition
 * enrolled teachers (the event's region for a regional event, anyone otherwise), a waitlist for
 * the full ones, and for editions ending in the first ACTIVITY_CLOSED_DAYS days a closed register
 * (first synchronous session: 85% present), certificates for 90% of those present, and
 * questionnaire answers from 60% of the certified.
 */
function buildActivity(input: {
  prefix: string;
  seed: number;
  base: Date;
  perEdition: number;
  teachers: { id: string; regionCode: string }[];
  events: {
    id: string;
    title: string;
    type: string;
    level: string;
    regionCode: string | null;
    mode: string;
    venue: string | null;
    status: string;
    certifiedMinutes: number;
  }[];
  editions: {
    id: string;
    eventId: string;
    seatCap: number | null;
    seatsTaken: number;
    status: string;
    startsOn: Date;
    endsOn: Date;
  }[];
  sessions: { id: string; editionId: string; delivery: string }[];
}) {
  // The activity is deterministic and cheap to draw.
  const random = seededRandom(input.seed * 7919 + 17);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const byRegion = new Map<string, string[]>();
  for (const t of input.teachers) byRegion.set(t.regionCode, [...(byRegion.get(t.regionCode) ?? []), t.id]);
  const allIds = input.teachers.map((t) => t.id);
  const eventOf = new Map(input.events.map((e) => [e.id, e]));
  const firstSync = new Map<string, string>();
  for (const s of input.sessions)
    if (s.delivery === "sincrona" && !firstSync.has(s.editionId)) firstSync.set(s.editionId, s.id);
  const closedBefore = romeDaysFrom(input.base, ACTIVITY_CLOSED_DAYS).getTime();
  const enrolments: {
    id: string;
    editionId: string;
    eventId: string;
    userId: string;
    status: string;
    activeKey: string | null;
    waitlistSeq: number | null;
    createdAt: Date;
    updatedAt: Date;
  }[] = [];
  const attendance: { id: string; sessionId: string; enrolmentId: string; status: string; recordedAt: Date }[] = [];
  const certificates: (StatedCertificate & {
    id: string;
    enrolmentId: string;
    editionId: string;
    userId: string;
    activeKey: string;
  })[] = [];
  const responses: { id: string; editionId: string; answers: string; submittedOn: Date }[] = [];
  const closedEditions: string[] = [];
  const takenByEvent = new Map<string, Set<string>>();
  let n = 0;
  for (const ed of input.editions) {
    const event = eventOf.get(ed.eventId)!;
    if (event.status === "bozza" || ed.status === "annullata" || input.teachers.length === 0) continue;
    const pool = event.level === "regionale" && event.regionCode ? (byRegion.get(event.regionCode) ?? allIds) : allIds;
    const taken = takenByEvent.get(event.id) ?? new Set<string>();
    takenByEvent.set(event.id, taken);
    const places = Math.min(ed.seatsTaken, input.perEdition, pool.length);
    const full = ed.seatCap !== null && ed.seatsTaken >= ed.seatCap;
    const waiting = full ? Math.ceil(places * 0.2) : 0;
    const closed = ed.endsOn.getTime() < closedBefore;
    const sessionId = firstSync.get(ed.id);
    if (closed) closedEditions.push(ed.id);
    let answered = 0;
    for (let k = 0; k < places + waiting; k++) {
      let userId = pick(pool);
      for (let tries = 0; taken.has(userId) && tries < 5; tries++) userId = pick(pool);
      if (taken.has(userId)) continue;
      taken.add(userId);
      const id = `${input.prefix}n${(n++).toString(36)}`;
      const enrolled = k < places;
      const status = enrolled ? "iscritto" : pick(["in-attesa", "in-attesa", "offerta-scaduta"]);
      enrolments.push({
        id,
        editionId: ed.id,
        eventId: event.id,
        userId,
        status,
        activeKey: status === "offerta-scaduta" ? null : `${event.id}:${userId}`,
        waitlistSeq: enrolled ? null : k - places + 1,
        createdAt: new Date(ed.startsOn.getTime() - 30 * 86_400_000),
        updatedAt: new Date(ed.startsOn.getTime() - 30 * 86_400_000),
      });
      if (!enrolled || !closed || !sessionId) continue;
      const present = random() < 0.85;
      attendance.push({
        id: `${id}a`,
        sessionId,
        enrolmentId: id,
        status: present ? "presente" : "assente",
        recordedAt: ed.endsOn,
      });
      if (!present || random() >= 0.9) continue;
      const place = certificatePlace(event, []);
      certificates.push({
        id: `${id}c`,
        code: `FRM-S${id.toUpperCase()}`,
        enrolmentId: id,
        editionId: ed.id,
        userId,
        activeKey: id,
        holderName: "Docente di prova",
        eventTitle: event.title,
        eventTitleLanguage: "it",
        eventType: event.type,
        eventLevel: event.level,
        eventRegionCode: event.regionCode,
        organiser: event.regionCode ? `USR ${event.regionCode}` : "Unità nazionale",
        // The generator's sessions take the event's mode (no place of their own): the event's mode says it.
        placeVenue: place?.venue ?? null,
        placeOnline: place?.online ?? false,
        editionStartsOn: ed.startsOn,
        editionEndsOn: ed.endsOn,
        certifiedMinutes: event.certifiedMinutes,
        issuedAt: ed.endsOn,
      });
      if (random() < 0.6) {
        const score = () => 1 + Math.min(4, Math.floor(random() * 2.2 + 2.8));
        responses.push({
          id: `${input.prefix}q${(answered++).toString(36)}${ed.id}`,
          editionId: ed.id,
          answers: JSON.stringify({
            pertinenza: score(),
            chiarezza: score(),
            materiali: score(),
            organizzazione: score(),
            formatore: score(),
            complessivo: score(),
          }),
          submittedOn: new Date(Date.UTC(ed.endsOn.getUTCFullYear(), ed.endsOn.getUTCMonth(), ed.endsOn.getUTCDate())),
        });
      }
    }
  }
  return { enrolments, attendance, certificates, responses, closedEditions };
}

const isMain = process.argv[1]?.endsWith("generate-scale-data.ts");
if (isMain) {
  const options = parseOptions(process.argv.slice(2));
  console.log(
    `Dati di scala su ${databaseEngine}: seed ${options.seed}, ${options.teachers} docenti, ${options.events} eventi dal ${options.from}`,
  );
  generateScaleData(options)
    .then(({ counts, byStatus, generatedMs, totalMs }) => {
      for (const [table, n] of Object.entries(counts))
        console.log(`  ${table.padEnd(18)} ${n.toLocaleString("it-IT").padStart(9)} righe`);
      console.log(
        `  eventi per stato: ${Object.entries(byStatus)
          .map(([s, n]) => `${s} ${n}`)
          .join(", ")}`,
      );
      console.log(
        `Fatto in ${(totalMs / 1000).toFixed(1)} s (generazione ${(generatedMs / 1000).toFixed(1)} s, scrittura ${((totalMs - generatedMs) / 1000).toFixed(1)} s). Password di tutti gli account: ${SEED_PASSWORD}`,
      );
    })
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    })
    .finally(() => prisma.$disconnect());
}
