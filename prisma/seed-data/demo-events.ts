// The demo catalogue: realistic eTwinning Italia training (see ../shared/seeds), dated relative
// to `today` so it stays upcoming whenever the seed runs. Each event's sessions add up to its
// certified hours in every edition (checked by event-builder).
import { activity, meeting, romeDaysFrom, type EditionSpec, type EventSpec } from "./event-builder.ts";

export type DemoPeople = {
  nationalUnitId: string;
  toscanaReferentId: string;
  lombardiaReferentId: string;
  trainerId: string;
};

/** A finished edition of the base course, with participants and part of its registers (issue 4's demo). */
export const PAST_BASE_COURSE_TITLE = "Corso di base eTwinning (edizione appena conclusa)";
/** A finished webinar, every participant present and the edition not yet closed: the trainer closes it and 13 certificates are issued. */
export const CLOSABLE_WEBINAR_TITLE = "Webinar eTwinning: sicurezza e benessere digitale (ciclo concluso)";
/** An in-person workshop happening now, for the QR self check-in. */
export const LIVE_WORKSHOP_TITLE = "Laboratorio in presenza: eTwinning e inclusione (Firenze)";

const ALL_LEVELS = ["infanzia", "primaria", "secondaria-primo-grado", "secondaria-secondo-grado", "cpia"];
const SCHOOL_STAFF = ["docente", "dirigente", "animatore-digitale", "bibliotecario", "assistente-lingua"];

/** `n` hours after the start of the hour `now` falls in (negative: before). */
function hoursFromThisHour(now: Date, n: number): Date {
  return new Date((Math.floor(now.getTime() / 3_600_000) + n) * 3_600_000);
}

export function demoEvents(today: Date, people: DemoPeople): EventSpec[] {
  const day = (n: number) => romeDaysFrom(today, n);
  /** Enrolment open from a week ago until the day before the first session. */
  const openNow = (firstDay: number): Pick<EditionSpec, "enrolmentOpensAt" | "enrolmentClosesAt"> => ({
    enrolmentOpensAt: romeDaysFrom(today, -7, "09:00"),
    enrolmentClosesAt: romeDaysFrom(today, firstDay - 1, "23:59"),
  });
  const opensLater = (
    opens: number,
    firstDay: number,
  ): Pick<EditionSpec, "enrolmentOpensAt" | "enrolmentClosesAt"> => ({
    enrolmentOpensAt: romeDaysFrom(today, opens, "09:00"),
    enrolmentClosesAt: romeDaysFrom(today, firstDay - 3, "23:59"),
  });

  /** Corso di base eTwinning: 5 live webinars (10 h) and 3 asynchronous units (15 h) = 25 h. */
  const baseCourseEdition = (
    start: number,
    enrolment: Pick<EditionSpec, "enrolmentOpensAt" | "enrolmentClosesAt">,
  ): EditionSpec => ({
    seatCap: 350,
    ...enrolment,
    sessions: [
      meeting(day(start), "17:00", "19:00", "Webinar di apertura: la community eTwinning e la piattaforma ESEP"),
      activity(day(start + 1), 7, 300, "Unità 1: il profilo, la ricerca partner e i gruppi eTwinning"),
      meeting(day(start + 8), "17:00", "19:00", "Webinar: progettare un gemellaggio elettronico"),
      activity(day(start + 9), 7, 300, "Unità 2: il TwinSpace, ambiente di apprendimento del progetto"),
      meeting(day(start + 15), "17:00", "19:00", "Webinar: strumenti digitali per la collaborazione tra classi"),
      meeting(day(start + 22), "17:00", "19:00", "Webinar: valutare e documentare un progetto eTwinning"),
      activity(
        day(start + 23),
        10,
        300,
        "Unità 3: elaborato progettuale adattato al proprio contesto e test di autovalutazione",
        true,
      ),
      meeting(day(start + 35), "17:00", "19:00", "Webinar conclusivo: presentazione degli elaborati"),
    ],
  });

  return [
    {
      title: "Corso di base eTwinning",
      description:
        "Unità formativa di 25 ore curata dall'Unità nazionale eTwinning Italia, pubblicata anche su SOFIA. Il corso guida i corsisti alla scoperta della community eTwinning e delle sue potenzialità, verso l'acquisizione di competenze progettuali e la familiarizzazione con il TwinSpace, l'ambiente di apprendimento dedicato ai progetti.\n\nSi alternano attività sincrone (webinar) e asincrone, lavoro individuale e di gruppo, attività pratiche in piattaforma e test di autovalutazione. Il corso si conclude con la consegna di un elaborato progettuale adattato al proprio contesto.",
      type: "corso-online-base",
      level: "nazionale",
      mode: "online",
      onlineUrl: "https://formazione.etwinning.example.it/corso-base",
      status: "pubblicato",
      createdById: people.nationalUnitId,
      schoolLevels: ALL_LEVELS,
      audienceRoles: SCHOOL_STAFF,
      themes: ["progettazione-europea", "competenze-digitali", "innovazione-didattica-digitale"],
      trainerIds: [people.trainerId],
      editions: [baseCourseEdition(21, openNow(21)), baseCourseEdition(84, opensLater(45, 84))],
    },
    {
      title: "Seminario regionale eTwinning Toscana: progettare con i partner europei",
      description:
        "Seminario in presenza organizzato dall'Ufficio scolastico regionale per la Toscana con gli Ambasciatori Erasmus+ Scuola. Al mattino: le opportunità di eTwinning ed Erasmus+ per le scuole toscane e le testimonianze di progetti premiati; al pomeriggio: laboratori per ordine di scuola sulla ricerca partner e l'avvio di un progetto.",
      type: "seminario",
      level: "regionale",
      regionCode: "toscana",
      mode: "in-presenza",
      venue: "Istituto degli Innocenti, Piazza della Santissima Annunziata 12, Firenze",
      status: "pubblicato",
      createdById: people.toscanaReferentId,
      schoolLevels: ALL_LEVELS,
      audienceRoles: ["docente", "dirigente", "animatore-digitale"],
      themes: ["progettazione-europea", "didattica-metodologie"],
      editions: [
        {
          seatCap: 120,
          ...openNow(24),
          sessions: [
            meeting(day(24), "09:30", "13:30", "Sessione plenaria"),
            meeting(day(24), "14:30", "16:30", "Laboratori per ordine di scuola"),
          ],
        },
      ],
    },
    {
      title: "Primi passi in eTwinning per i docenti neoassunti della Toscana",
      description:
        "Webinar per i docenti neoassunti: come eTwinning può accompagnare l'anno di formazione e prova, dalla registrazione su ESEP al primo progetto con una scuola partner. Con le indicazioni degli Ambasciatori della Toscana.",
      type: "webinar",
      level: "regionale",
      regionCode: "toscana",
      mode: "online",
      onlineUrl: "https://meet.example.it/toscana-neoassunti",
      status: "pubblicato",
      createdById: people.toscanaReferentId,
      schoolLevels: ALL_LEVELS,
      audienceRoles: ["docente"],
      themes: ["progettazione-europea", "competenze-digitali"],
      editions: [{ seatCap: null, ...openNow(10), sessions: [meeting(day(10), "17:00", "19:00")] }],
    },
    {
      title: "eTwinning ed Erasmus+: dalla collaborazione online alla mobilità",
      description:
        "Seminario regionale dell'USR per la Lombardia su come usare eTwinning per trovare partner, preparare il personale in partenza e dare continuità ai partenariati Erasmus+ KA1 e KA2, con esempi di scuole lombarde accreditate.",
      type: "seminario",
      level: "regionale",
      regionCode: "lombardia",
      mode: "in-presenza",
      venue: "Ufficio scolastico regionale per la Lombardia, Via Polesine 13, Milano",
      status: "pubblicato",
      createdById: people.lombardiaReferentId,
      schoolLevels: ["primaria", "secondaria-primo-grado", "secondaria-secondo-grado"],
      audienceRoles: ["docente", "dirigente"],
      themes: ["progettazione-europea", "cittadinanza-globale"],
      editions: [
        {
          seatCap: 150,
          ...openNow(31),
          sessions: [
            meeting(day(31), "09:00", "13:00", "Interventi istituzionali e testimonianze"),
            meeting(day(31), "14:00", "15:00", "Domande e confronto"),
          ],
        },
      ],
    },
    {
      title: "Laboratorio TwinSpace: costruire lo spazio di progetto",
      description:
        "Laboratorio pratico in aula informatica: in due incontri i partecipanti creano un TwinSpace di prova, organizzano pagine e materiali, invitano studenti e partner e sperimentano gli strumenti di collaborazione. Portare il proprio portatile e le credenziali EU Login.",
      type: "laboratorio",
      level: "regionale",
      regionCode: "lombardia",
      mode: "in-presenza",
      venue: "IIS Castelli, Via Cantore 9, Brescia",
      status: "pubblicato",
      createdById: people.lombardiaReferentId,
      schoolLevels: ["secondaria-primo-grado", "secondaria-secondo-grado"],
      audienceRoles: ["docente", "animatore-digitale"],
      themes: ["competenze-digitali", "innovazione-didattica-digitale"],
      trainerIds: [people.trainerId],
      editions: [
        {
          seatCap: 30,
          ...openNow(38),
          sessions: [
            meeting(day(38), "14:30", "17:30", "Primo incontro"),
            meeting(day(45), "14:30", "17:30", "Secondo incontro"),
          ],
        },
      ],
    },
    {
      title: "eTwinning nella scuola dell'infanzia: progetti per i più piccoli",
      description:
        "Webinar dedicato alle insegnanti e agli insegnanti della scuola dell'infanzia: attività senza testo scritto, giochi, canzoni e scambi di immagini tra sezioni di paesi diversi, nel rispetto della tutela dei minori.",
      type: "webinar",
      level: "regionale",
      regionCode: "lombardia",
      mode: "online",
      onlineUrl: "https://meet.example.it/lombardia-infanzia",
      status: "pubblicato",
      openToAllRegions: true,
      createdById: people.lombardiaReferentId,
      schoolLevels: ["infanzia"],
      audienceRoles: ["docente"],
      themes: ["didattica-metodologie", "dialogo-interculturale"],
      editions: [{ seatCap: null, ...openNow(52), sessions: [meeting(day(52), "16:30", "18:00")] }],
    },
    {
      title: "Cittadinanza digitale e progetti eTwinning",
      description:
        "Seminario regionale della Campania in modalità mista: una mattina in presenza a Napoli e un webinar di restituzione dei lavori. Educazione civica digitale, uso consapevole dei media e sicurezza online nei progetti tra scuole.",
      type: "seminario",
      level: "regionale",
      regionCode: "campania",
      mode: "blended",
      venue: "Liceo Genovesi, Piazza del Gesù Nuovo 1, Napoli",
      onlineUrl: "https://meet.example.it/campania-cittadinanza",
      status: "pubblicato",
      createdById: people.nationalUnitId,
      schoolLevels: ["secondaria-primo-grado", "secondaria-secondo-grado"],
      audienceRoles: ["docente", "animatore-digitale", "bibliotecario"],
      themes: ["cultura-digitale-media", "cittadinanza-globale"],
      editions: [
        {
          seatCap: 80,
          ...openNow(59),
          sessions: [
            { ...meeting(day(59), "09:30", "12:30", "Incontro in presenza"), place: "in-presenza" },
            { ...meeting(day(73), "16:00", "17:00", "Webinar di restituzione"), place: "online" },
          ],
        },
      ],
    },
    {
      title: "eTwinning per l'inclusione: progetti accessibili a tutti gli studenti",
      description:
        "Webinar regionale della Sicilia sulla progettazione inclusiva: come coinvolgere studenti con bisogni educativi speciali nei progetti eTwinning, con strumenti accessibili e attività differenziate.",
      type: "webinar",
      level: "regionale",
      regionCode: "sicilia",
      mode: "online",
      onlineUrl: "https://meet.example.it/sicilia-inclusione",
      status: "pubblicato",
      createdById: people.nationalUnitId,
      schoolLevels: ["primaria", "secondaria-primo-grado", "secondaria-secondo-grado"],
      audienceRoles: ["docente"],
      themes: ["inclusione", "didattica-metodologie"],
      editions: [{ seatCap: null, ...openNow(17), sessions: [meeting(day(17), "15:30", "17:30")] }],
    },
    {
      title: "Seminario regionale eTwinning Puglia: la scuola che apre all'Europa",
      description:
        "Giornata di formazione in presenza per dirigenti e docenti pugliesi: internazionalizzazione del curricolo, eTwinning nel PTOF e riconoscimenti per i progetti di qualità (Label nazionale ed europeo).",
      type: "seminario",
      level: "regionale",
      regionCode: "puglia",
      mode: "in-presenza",
      venue: "Aula magna dell'Università degli Studi di Bari, Piazza Umberto I 1, Bari",
      status: "pubblicato",
      createdById: people.nationalUnitId,
      schoolLevels: ALL_LEVELS,
      audienceRoles: ["docente", "dirigente"],
      themes: ["progettazione-europea", "valutazione-miglioramento"],
      editions: [
        {
          seatCap: 200,
          ...opensLater(20, 101),
          sessions: [meeting(day(101), "09:00", "13:00"), meeting(day(101), "14:00", "16:00")],
        },
      ],
    },
    {
      title: "Conferenza nazionale eTwinning 2027",
      description:
        "L'appuntamento annuale della community italiana: interventi di rappresentanti istituzionali ed esperti nazionali, workshop paralleli, networking tra scuole e la cerimonia ufficiale di consegna dei Premi nazionali eTwinning.",
      type: "conferenza",
      level: "nazionale",
      mode: "in-presenza",
      venue: "Palazzo dei Congressi, Piazza Adua 1, Firenze",
      status: "pubblicato",
      createdById: people.nationalUnitId,
      schoolLevels: ALL_LEVELS,
      audienceRoles: SCHOOL_STAFF,
      themes: ["progettazione-europea", "innovazione-didattica-digitale", "cittadinanza-globale"],
      editions: [
        {
          seatCap: 400,
          ...opensLater(60, 170),
          sessions: [
            meeting(day(170), "14:00", "18:30", "Apertura, plenaria e workshop paralleli"),
            meeting(day(171), "09:00", "13:00", "Premi nazionali eTwinning e chiusura"),
          ],
        },
      ],
    },
    {
      title: "Come registrarsi e usare ESEP/eTwinning",
      description:
        "Webinar nazionale per chi inizia: creare l'account EU Login, registrarsi alla European School Education Platform, chiedere di diventare membro eTwinning, curare il profilo e aggiungere la scuola di servizio.",
      type: "webinar",
      level: "nazionale",
      mode: "online",
      onlineUrl: "https://meet.example.it/esep-primi-passi",
      status: "pubblicato",
      createdById: people.nationalUnitId,
      schoolLevels: ALL_LEVELS,
      audienceRoles: [...SCHOOL_STAFF, "futuro-docente"],
      themes: ["competenze-digitali"],
      editions: [
        { seatCap: null, ...openNow(7), sessions: [meeting(day(7), "17:00", "18:30")] },
        { seatCap: null, ...opensLater(30, 63), sessions: [meeting(day(63), "17:00", "18:30")] },
      ],
    },
    {
      title: "Expert talk: intelligenza artificiale e didattica, opportunità e rischi",
      description:
        "Un'ora con un'esperta di tecnologie per l'educazione: cosa possono fare gli strumenti di intelligenza artificiale generativa in classe, come valutarne l'affidabilità e come parlarne con gli studenti.",
      type: "expert-talk",
      level: "nazionale",
      mode: "online",
      onlineUrl: "https://meet.example.it/expert-talk-ia",
      status: "pubblicato",
      createdById: people.nationalUnitId,
      schoolLevels: ["secondaria-primo-grado", "secondaria-secondo-grado", "cpia"],
      audienceRoles: ["docente", "dirigente", "animatore-digitale"],
      themes: ["cultura-digitale-media", "innovazione-didattica-digitale"],
      editions: [{ seatCap: null, ...openNow(14), sessions: [meeting(day(14), "17:30", "18:30")] }],
    },
    {
      title: "Expert talk: valutare le competenze nei progetti collaborativi",
      description:
        "Rubriche, diari di bordo e autovalutazione: come riconoscere e valutare le competenze trasversali che gli studenti sviluppano nei progetti a distanza con i partner europei.",
      type: "expert-talk",
      level: "nazionale",
      mode: "online",
      onlineUrl: "https://meet.example.it/expert-talk-valutazione",
      status: "pubblicato",
      createdById: people.nationalUnitId,
      schoolLevels: ["primaria", "secondaria-primo-grado", "secondaria-secondo-grado"],
      audienceRoles: ["docente"],
      themes: ["valutazione-miglioramento", "didattica-per-competenze"],
      trainerIds: [people.trainerId],
      editions: [{ seatCap: null, ...opensLater(40, 115), sessions: [meeting(day(115), "17:30", "18:30")] }],
    },
    {
      title: "eTwinning per la formazione iniziale dei docenti (ITE)",
      description:
        "Webinar per studenti universitari dei corsi di laurea in Scienze della formazione primaria e dei percorsi abilitanti, e per i loro docenti: come le università partecipano a eTwinning e come i futuri docenti possono sperimentare progetti con le scuole.",
      type: "webinar",
      level: "nazionale",
      mode: "online",
      onlineUrl: "https://meet.example.it/ite",
      status: "pubblicato",
      createdById: people.nationalUnitId,
      schoolLevels: ["altro"],
      audienceRoles: ["futuro-docente", "docente"],
      themes: ["progettazione-europea", "didattica-metodologie"],
      editions: [{ seatCap: null, ...openNow(45), sessions: [meeting(day(45), "15:00", "17:00")] }],
    },
    {
      title: "Learning Event: media literacy and disinformation",
      description:
        "Learning Event europeo in lingua inglese, a cura dell'Unità centrale eTwinning: due settimane di attività online con esperti internazionali, due sessioni live e materiali da usare in classe per riconoscere la disinformazione.",
      type: "learning-event",
      level: "europeo",
      mode: "online",
      onlineUrl: "https://learning.etwinning.example.eu/media-literacy",
      language: "en",
      // An English title above an Italian description: the pages mark the title as English (WCAG 3.1.2).
      titleLanguage: "en",
      status: "pubblicato",
      createdById: people.nationalUnitId,
      schoolLevels: ["secondaria-primo-grado", "secondaria-secondo-grado"],
      audienceRoles: ["docente", "bibliotecario"],
      themes: ["cultura-digitale-media", "cittadinanza-globale"],
      editions: [
        {
          seatCap: 200,
          ...opensLater(10, 66),
          sessions: [
            meeting(day(66), "17:00", "18:00", "Live session 1"),
            activity(day(67), 6, 180, "Week 1 activities"),
            activity(day(73), 6, 180, "Week 2 activities"),
            meeting(day(79), "17:00", "18:00", "Live session 2"),
          ],
        },
      ],
    },
    {
      title: "Seminario multilaterale europeo: STEM e sostenibilità nella scuola primaria",
      description:
        "Seminario di contatto in presenza con docenti di altri paesi eTwinning per conoscersi, scambiare buone pratiche e avviare nuovi progetti su scienze, tecnologia e ambiente. Lingua di lavoro: inglese. Viaggio e soggiorno a carico del Programma Erasmus+; posti riservati all'Italia: 6.",
      type: "seminario-multilaterale",
      level: "europeo",
      mode: "in-presenza",
      venue: "Lisbona (Portogallo)",
      language: "en",
      status: "pubblicato",
      createdById: people.nationalUnitId,
      schoolLevels: ["primaria"],
      audienceRoles: ["docente"],
      themes: ["sostenibilita-ambiente", "progettazione-europea"],
      editions: [
        {
          seatCap: 6,
          ...openNow(130),
          sessions: [
            meeting(day(130), "14:00", "18:00", "Welcome and ice-breaking"),
            meeting(day(131), "09:00", "17:00", "Workshops and partner finding"),
            meeting(day(132), "09:00", "13:00", "Project planning and evaluation"),
          ],
        },
      ],
    },
    {
      title: "Webinar europeo: la scuola eTwinning come comunità di pratica",
      description:
        "Webinar in inglese con esperti di altri paesi sul riconoscimento di Scuola eTwinning: leadership diffusa, coinvolgimento del personale e degli studenti, innovazione e inclusione.",
      type: "webinar",
      level: "europeo",
      mode: "online",
      onlineUrl: "https://meet.example.eu/etwinning-schools",
      language: "en",
      status: "pubblicato",
      createdById: people.nationalUnitId,
      schoolLevels: ALL_LEVELS,
      audienceRoles: ["dirigente", "docente"],
      themes: ["valutazione-miglioramento", "progettazione-europea"],
      editions: [{ seatCap: null, ...openNow(95), sessions: [meeting(day(95), "16:00", "17:30")] }],
    },
    {
      title: "Corso in presenza: il project-based learning nei progetti europei",
      description:
        "Onsite course di tre giorni per docenti della secondaria, con colleghi di altri paesi: metodologia del project-based learning, pianificazione condivisa e strumenti di valutazione. Lingua di lavoro: inglese.",
      type: "corso-in-presenza",
      level: "europeo",
      mode: "in-presenza",
      venue: "Bruxelles (Belgio)",
      language: "en",
      status: "pubblicato",
      createdById: people.nationalUnitId,
      schoolLevels: ["secondaria-primo-grado", "secondaria-secondo-grado"],
      audienceRoles: ["docente"],
      themes: ["didattica-metodologie", "didattica-per-competenze"],
      editions: [
        {
          seatCap: 4,
          ...opensLater(30, 200),
          sessions: [
            meeting(day(200), "09:00", "17:00"),
            meeting(day(201), "09:00", "17:00"),
            meeting(day(202), "09:00", "13:00"),
          ],
        },
      ],
    },
    {
      title: "Webinar: eTwinning e CLIL",
      description:
        "Webinar nazionale sull'insegnamento di discipline non linguistiche in lingua straniera attraverso progetti eTwinning.",
      type: "webinar",
      level: "nazionale",
      mode: "online",
      onlineUrl: "https://meet.example.it/clil",
      status: "annullato",
      createdById: people.nationalUnitId,
      schoolLevels: ["secondaria-secondo-grado"],
      audienceRoles: ["docente"],
      themes: ["lingue-straniere"],
      editions: [
        { seatCap: null, ...openNow(28), status: "annullata", sessions: [meeting(day(28), "17:00", "18:30")] },
      ],
    },
    {
      title: "Seminario regionale eTwinning Toscana: Arezzo e Siena (in preparazione)",
      description:
        "Bozza: seminario per le scuole delle province di Arezzo e Siena, programma da definire con gli Ambasciatori.",
      type: "seminario",
      level: "regionale",
      regionCode: "toscana",
      mode: "in-presenza",
      venue: "Arezzo, sede da definire",
      status: "bozza",
      createdById: people.toscanaReferentId,
      schoolLevels: ALL_LEVELS,
      audienceRoles: ["docente"],
      themes: ["progettazione-europea"],
      editions: [{ seatCap: 100, ...opensLater(40, 150), sessions: [meeting(day(150), "09:30", "13:00")] }],
    },
    {
      title: "Webinar Lombardia: eTwinning nei CPIA (in preparazione)",
      description: "Bozza: webinar per i docenti dei Centri provinciali per l'istruzione degli adulti.",
      type: "webinar",
      level: "regionale",
      regionCode: "lombardia",
      mode: "online",
      status: "bozza",
      createdById: people.lombardiaReferentId,
      schoolLevels: ["cpia"],
      audienceRoles: ["docente"],
      themes: ["inclusione"],
      editions: [{ seatCap: null, ...opensLater(20, 120), sessions: [meeting(day(120), "17:00", "18:30")] }],
    },
    {
      title: PAST_BASE_COURSE_TITLE,
      description:
        "Edizione conclusa del Corso di base eTwinning (25 ore): cinque webinar, tre unità asincrone e l'elaborato progettuale finale. I formatori completano i registri e chiudono l'edizione per rilasciare gli attestati.",
      type: "corso-online-base",
      level: "nazionale",
      mode: "online",
      onlineUrl: "https://formazione.etwinning.example.it/corso-base-ottobre",
      status: "pubblicato",
      createdById: people.nationalUnitId,
      schoolLevels: ALL_LEVELS,
      audienceRoles: SCHOOL_STAFF,
      themes: ["progettazione-europea", "competenze-digitali"],
      trainerIds: [people.trainerId],
      editions: [
        baseCourseEdition(-40, {
          enrolmentOpensAt: romeDaysFrom(today, -70, "09:00"),
          enrolmentClosesAt: romeDaysFrom(today, -41, "23:59"),
        }),
      ],
    },
    {
      title: CLOSABLE_WEBINAR_TITLE,
      description:
        "Due webinar dell'Unità nazionale eTwinning sulla sicurezza online e il benessere digitale di studenti e docenti: uso consapevole della rete, privacy nei progetti, cyberbullismo. L'edizione è terminata e i registri sono completi: il formatore può chiuderla ed emettere gli attestati.",
      type: "webinar",
      level: "nazionale",
      mode: "online",
      onlineUrl: "https://formazione.etwinning.example.it/sicurezza-benessere-digitale",
      status: "pubblicato",
      createdById: people.nationalUnitId,
      schoolLevels: ALL_LEVELS,
      audienceRoles: SCHOOL_STAFF,
      themes: ["competenze-digitali"],
      trainerIds: [people.trainerId],
      editions: [
        {
          seatCap: 100,
          enrolmentOpensAt: romeDaysFrom(today, -50, "09:00"),
          enrolmentClosesAt: romeDaysFrom(today, -31, "23:59"),
          sessions: [
            meeting(day(-30), "17:00", "18:30", "Webinar 1: sicurezza online e privacy nei progetti eTwinning"),
            meeting(day(-29), "17:00", "18:30", "Webinar 2: benessere digitale e prevenzione del cyberbullismo"),
          ],
        },
      ],
    },
    {
      title: LIVE_WORKSHOP_TITLE,
      description:
        "Laboratorio pratico dell'USR Toscana: strumenti e attività per progetti eTwinning accessibili. I partecipanti registrano la presenza con il codice QR mostrato in aula.",
      type: "laboratorio",
      level: "regionale",
      regionCode: "toscana",
      mode: "in-presenza",
      venue: "Liceo Michelangiolo, Via della Colonna 9, Firenze",
      status: "pubblicato",
      createdById: people.toscanaReferentId,
      schoolLevels: ALL_LEVELS,
      audienceRoles: ["docente"],
      themes: ["inclusione"],
      trainerIds: [people.trainerId],
      editions: [
        {
          seatCap: 40,
          enrolmentOpensAt: romeDaysFrom(today, -20, "09:00"),
          enrolmentClosesAt: hoursFromThisHour(today, -24),
          sessions: [
            {
              title: "Laboratorio",
              startsAt: hoursFromThisHour(today, -1),
              endsAt: hoursFromThisHour(today, 3),
              delivery: "sincrona",
            },
          ],
        },
      ],
    },
  ];
}
