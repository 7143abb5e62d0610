// Forma's controlled vocabularies: the values stored in the database and their labels.
// Every form schema, filter and seed script takes its allowed values from here.

type Labelled<K extends string> = Readonly<Record<K, { it: string; en: string }>>;

function keysOf<K extends string>(labels: Labelled<K>): readonly [K, ...K[]] {
  return Object.keys(labels) as unknown as readonly [K, ...K[]];
}

/** The 21 regional school offices, with the autonomous provinces of Trento and Bolzano and Aosta's Sovrintendenza. */
export const REGION_LABELS = {
  abruzzo: { it: "Abruzzo", en: "Abruzzo" },
  basilicata: { it: "Basilicata", en: "Basilicata" },
  bolzano: { it: "Provincia autonoma di Bolzano", en: "Autonomous Province of Bolzano" },
  calabria: { it: "Calabria", en: "Calabria" },
  campania: { it: "Campania", en: "Campania" },
  "emilia-romagna": { it: "Emilia-Romagna", en: "Emilia-Romagna" },
  "friuli-venezia-giulia": { it: "Friuli Venezia Giulia", en: "Friuli Venezia Giulia" },
  lazio: { it: "Lazio", en: "Lazio" },
  liguria: { it: "Liguria", en: "Liguria" },
  lombardia: { it: "Lombardia", en: "Lombardy" },
  marche: { it: "Marche", en: "Marche" },
  molise: { it: "Molise", en: "Molise" },
  piemonte: { it: "Piemonte", en: "Piedmont" },
  puglia: { it: "Puglia", en: "Apulia" },
  sardegna: { it: "Sardegna", en: "Sardinia" },
  sicilia: { it: "Sicilia", en: "Sicily" },
  toscana: { it: "Toscana", en: "Tuscany" },
  trento: { it: "Provincia autonoma di Trento", en: "Autonomous Province of Trento" },
  umbria: { it: "Umbria", en: "Umbria" },
  "valle-d-aosta": { it: "Valle d'Aosta", en: "Aosta Valley" },
  veneto: { it: "Veneto", en: "Veneto" },
} as const satisfies Labelled<string>;
export type RegionCode = keyof typeof REGION_LABELS;
export const REGION_CODES = keysOf<RegionCode>(REGION_LABELS);

export const SCHOOL_LEVEL_LABELS = {
  infanzia: { it: "Scuola dell'infanzia", en: "Pre-primary school" },
  primaria: { it: "Scuola primaria", en: "Primary school" },
  "secondaria-primo-grado": { it: "Secondaria di I grado", en: "Lower secondary school" },
  "secondaria-secondo-grado": { it: "Secondaria di II grado", en: "Upper secondary school" },
  cpia: { it: "CPIA (istruzione degli adulti)", en: "CPIA (adult education)" },
  altro: { it: "Altro", en: "Other" },
} as const satisfies Labelled<string>;
export type SchoolLevel = keyof typeof SCHOOL_LEVEL_LABELS;
export const SCHOOL_LEVELS = keysOf<SchoolLevel>(SCHOOL_LEVEL_LABELS);

/** The professional role a person declares when signing up (who the training is for). */
export const PROFESSIONAL_ROLE_LABELS = {
  docente: { it: "Docente", en: "Teacher" },
  dirigente: { it: "Dirigenza scolastica", en: "School head" },
  "animatore-digitale": { it: "Animazione digitale", en: "Digital animator" },
  bibliotecario: { it: "Biblioteca scolastica", en: "Librarian" },
  "assistente-lingua": { it: "Assistente di lingua", en: "Language assistant" },
  "futuro-docente": { it: "Formazione iniziale all'insegnamento (ITE, università)", en: "Student teacher (ITE)" },
  altro: { it: "Altro", en: "Other" },
} as const satisfies Labelled<string>;
export type ProfessionalRole = keyof typeof PROFESSIONAL_ROLE_LABELS;
export const PROFESSIONAL_ROLES = keysOf<ProfessionalRole>(PROFESSIONAL_ROLE_LABELS);

/** Roles in Forma beyond teacher (every account can enrol as a teacher). */
export const APP_ROLE_LABELS = {
  "referente-usr": { it: "Referente USR", en: "Regional office referent" },
  formatore: { it: "Incarico di formazione", en: "Trainer" },
  "unita-nazionale": { it: "Unità nazionale", en: "National unit" },
} as const satisfies Labelled<string>;
export type AppRole = keyof typeof APP_ROLE_LABELS;
export const APP_ROLES = keysOf<AppRole>(APP_ROLE_LABELS);

export const EVENT_TYPE_LABELS = {
  webinar: { it: "Webinar", en: "Webinar" },
  "corso-online-base": { it: "Corso online di base", en: "Online base course" },
  seminario: { it: "Seminario", en: "Seminar" },
  conferenza: { it: "Conferenza", en: "Conference" },
  laboratorio: { it: "Laboratorio", en: "Workshop" },
  "learning-event": { it: "Learning event", en: "Learning event" },
  "expert-talk": { it: "Expert talk", en: "Expert talk" },
  "seminario-multilaterale": { it: "Seminario multilaterale", en: "Multilateral seminar" },
  "corso-in-presenza": { it: "Corso in presenza", en: "Onsite course" },
} as const satisfies Labelled<string>;
export type EventType = keyof typeof EVENT_TYPE_LABELS;
export const EVENT_TYPES = keysOf<EventType>(EVENT_TYPE_LABELS);

export const EVENT_LEVEL_LABELS = {
  regionale: { it: "Regionale", en: "Regional" },
  nazionale: { it: "Nazionale", en: "National" },
  europeo: { it: "Europeo", en: "European" },
} as const satisfies Labelled<string>;
export type EventLevel = keyof typeof EVENT_LEVEL_LABELS;
export const EVENT_LEVELS = keysOf<EventLevel>(EVENT_LEVEL_LABELS);

export const EVENT_MODE_LABELS = {
  online: { it: "Online", en: "Online" },
  "in-presenza": { it: "In presenza", en: "In person" },
  blended: { it: "Blended (online e in presenza)", en: "Blended" },
} as const satisfies Labelled<string>;
export type EventMode = keyof typeof EVENT_MODE_LABELS;
export const EVENT_MODES = keysOf<EventMode>(EVENT_MODE_LABELS);

export const EVENT_STATUS_LABELS = {
  bozza: { it: "Bozza", en: "Draft" },
  pubblicato: { it: "Pubblicato", en: "Published" },
  chiuso: { it: "Chiuso", en: "Closed" },
  annullato: { it: "Annullato", en: "Cancelled" },
} as const satisfies Labelled<string>;
export type EventStatus = keyof typeof EVENT_STATUS_LABELS;
export const EVENT_STATUSES = keysOf<EventStatus>(EVENT_STATUS_LABELS);

export const SESSION_DELIVERY_LABELS = {
  sincrona: { it: "Sincrona", en: "Synchronous" },
  asincrona: { it: "Asincrona", en: "Asynchronous" },
} as const satisfies Labelled<string>;
export type SessionDelivery = keyof typeof SESSION_DELIVERY_LABELS;

/**
 * How a session is attended, as a teacher reads it: a synchronous session of an in-person event is
 * "In presenza", of an online one "Online in diretta" ("Sincrona" alone says neither). Give the
 * session's own mode (sessionMode in app/domain/session-place.ts), not the event's: a blended event's
 * session may be held in one place only.
 */
export function sessionDeliveryLabel(delivery: string, sessionMode: string, locale: Locale): string {
  if (delivery !== "sincrona") return labelOf(SESSION_DELIVERY_LABELS, delivery, locale);
  const en = locale === "en";
  if (sessionMode === "in-presenza") return en ? "In person" : "In presenza";
  if (sessionMode === "online") return en ? "Live online" : "Online in diretta";
  return en ? "Live (in person or online)" : "In diretta (in presenza o online)";
}

export const SESSION_DELIVERIES = keysOf<SessionDelivery>(SESSION_DELIVERY_LABELS);

/**
 * Where a live session of a blended event is held (TrainingSession.place, ADR 0091); a session
 * without one is held in both places. The rule is app/domain/session-place.ts.
 */
export const SESSION_PLACE_LABELS = {
  "in-presenza": { it: "In presenza", en: "In person" },
  online: { it: "Online", en: "Online" },
} as const satisfies Labelled<string>;
export type SessionPlace = keyof typeof SESSION_PLACE_LABELS;
export const SESSION_PLACES = keysOf<SessionPlace>(SESSION_PLACE_LABELS);

/** Ambiti (SOFIA's classification of initiatives); an event has up to five. */
export const THEME_LABELS = {
  "didattica-metodologie": { it: "Didattica e metodologie", en: "Teaching and methodologies" },
  "innovazione-didattica-digitale": {
    it: "Innovazione didattica e didattica digitale",
    en: "Innovation and digital teaching",
  },
  "competenze-digitali": {
    it: "Competenze digitali e nuovi ambienti per l'apprendimento",
    en: "Digital skills and new learning environments",
  },
  "lingue-straniere": { it: "Lingue straniere", en: "Foreign languages" },
  "didattica-per-competenze": {
    it: "Didattica per competenze e competenze trasversali",
    en: "Competence-based teaching",
  },
  inclusione: { it: "Inclusione scolastica e sociale", en: "School and social inclusion" },
  "cittadinanza-globale": {
    it: "Integrazione, competenze di cittadinanza e cittadinanza globale",
    en: "Citizenship and global citizenship",
  },
  "dialogo-interculturale": { it: "Dialogo interculturale e interreligioso", en: "Intercultural dialogue" },
  "cultura-digitale-media": {
    it: "Sviluppo della cultura digitale ed educazione ai media",
    en: "Digital culture and media education",
  },
  "valutazione-miglioramento": { it: "Valutazione e miglioramento", en: "Assessment and improvement" },
  "gestione-classe": { it: "Gestione della classe e problematiche relazionali", en: "Classroom management" },
  "orientamento-dispersione": { it: "Orientamento e dispersione scolastica", en: "Guidance and early school leaving" },
  "progettazione-europea": {
    it: "Progettazione europea e internazionalizzazione",
    en: "European projects and internationalisation",
  },
  "sostenibilita-ambiente": {
    it: "Conoscenza e rispetto della realtà naturale e ambientale",
    en: "Environment and sustainability",
  },
} as const satisfies Labelled<string>;
export type Theme = keyof typeof THEME_LABELS;
export const THEMES = keysOf<Theme>(THEME_LABELS);
export const MAX_THEMES_PER_EVENT = 5;

export const LANGUAGE_LABELS = {
  it: { it: "Italiano", en: "Italian" },
  en: { it: "Inglese", en: "English" },
  fr: { it: "Francese", en: "French" },
  de: { it: "Tedesco", en: "German" },
  es: { it: "Spagnolo", en: "Spanish" },
} as const satisfies Labelled<string>;
export type EventLanguage = keyof typeof LANGUAGE_LABELS;
export const EVENT_LANGUAGES = keysOf<EventLanguage>(LANGUAGE_LABELS);

export type Locale = "it" | "en";
export const LOCALES = ["it", "en"] as const;

/** Label of a stored value in the user's language; falls back to the raw value for unknown data. */
export function labelOf<K extends string>(
  labels: Labelled<K>,
  value: string | null | undefined,
  locale: Locale,
): string {
  if (!value) return "";
  const entry = (labels as Record<string, { it: string; en: string }>)[value];
  return entry ? entry[locale] : value;
}
