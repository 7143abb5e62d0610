// PostgreSQL's plans read where the tables have an instance's proportions. PostgreSQL plans by its statistics: on a
// test's few rows, or on tables analysed while nearly empty (as a CI run's worker database can be), any plan costs
// about the same, and a check that only priced out sequential scans failed in CI on a plan the real tables never get.
// So a test writes a realistic proportion of rows inside a transaction on a pgPool() connection, analyses the tables,
// EXPLAINs the real statement with the planner left free, and rolls everything back (planInstance). Every row written
// here has an id starting with "plan-", and the inserts are generate_series statements: thousands of rows, not
// millions, so that a test stays well under a second. It needs the rights the tests' server gives (its user owns the
// tables: the catalogue's triggers are turned off for an insert, and pg_trgm's pending entries merged).
import pg from "pg";
import { pgPool } from "../../app/utils/pg-pool.server.ts";

/** How many rows of each kind planInstance writes; a kind left out (or 0) writes none. */
export type PlanRows = {
  /** "plan-u1"… Of them, the first `staff` (default 50) are the staff who write audit rows, messages and files. */
  users?: number;
  staff?: number;
  /**
   * "plan-e1"… Their starts spread evenly from `pastDays` before `now` to `futureDays` after it (defaults 3 years
   * and 1: a catalogue that keeps the events of its past years, a quarter of them upcoming), each two hours long;
   * one in 20 is a draft and one in 20 cancelled, the others published 30 days before their start. Their text is
   * "evento <i>", one of EVENT_WORDS in turn (each in 2 events in 100, where each of the scale data's 30 topics is in
   * about 3) and DESCRIPTION. No catalogue entries are written for them (CATALOGUE_TRIGGERS).
   */
  events?: number;
  pastDays?: number;
  futureDays?: number;
  /**
   * Trainers: the `trainers` users after the staff ("plan-u<staff + 1>"…). One event in 5 (event i, i % 5 = 0) has
   * one, trainer 1 + (i / 5) % trainers, as about a fifth of the scale data's events have (2,006 assignments of 60
   * trainers to 10,000 events).
   */
  trainers?: number;
  /** "plan-ed1"…, each of event 1 + (i - 1) % events, numbered i. */
  editions?: number;
  /** "plan-s1"…, one two-hour session each, edition 1 + i % editions, spread like the events. */
  sessions?: number;
  /** "plan-en1"…: user 1 + (i - 1) % users in edition 1 + i % editions, one place in 10 cancelled ("annullata"). */
  enrolments?: number;
  /**
   * "plan-n1"…, with dedupeKey "plan-key-" || i, to user 1 + i % users, created over `notificationDays` before `now`
   * (default 400): 90 in 100 sent ("inviata"), then "in-coda", "errore" and "non-inviare" 4, 3 and 3 in 100.
   */
  notifications?: number;
  notificationDays?: number;
  /** "plan-a1"…, by staff member 1 + i % staff (one in 10 by nobody, a job's). */
  auditRows?: number;
  /** "plan-m1"…, of edition 1 + i % editions, by staff member 1 + i % staff. */
  messages?: number;
  /** "plan-f1"…, of event 1 + i % events, uploaded by staff member 1 + i % staff. */
  files?: number;
  /** "plan-rl1"…, their expiry spread evenly over the `rateLimitMinutes` (default 80) ending 15 minutes after `now`. */
  rateLimits?: number;
  rateLimitMinutes?: number;
};

/** The words of the events' texts written by planInstance (lower case, as "searchText" keeps them). */
export const EVENT_WORDS = [
  "inclusione", "coding", "lingue", "ambiente", "debate", "cittadinanza", "robotica", "valutazione", "lettura",
  "matematica", "scienze", "storia", "musica", "teatro", "sport", "orientamento", "benessere", "sicurezza", "arte",
  "filosofia", "geografia", "chimica", "fisica", "latino", "greco", "tedesco", "francese", "spagnolo", "inglese",
  "informatica", "media", "podcast", "fotografia", "cinema", "giornalismo", "ecologia", "energia", "clima", "acqua",
  "alimentazione", "legalita", "memoria", "europa", "mediterraneo", "montagna", "mare", "agenda", "dislessia",
  "autismo", "tutoraggio",
]; // prettier-ignore

const DAY = "interval '1 day'";

/**
 * The rest of each event's description, as long as the scale data's (scripts/generate-scale-data.ts: a topic and two
 * to four sentences): a table of short rows is read whole for less than an index costs, which real ones are not.
 */
const DESCRIPTION =
  "webinar nazionale dedicato alla scuola. il percorso alterna momenti di presentazione e attivita pratiche in " +
  "piattaforma. i partecipanti lavorano in gruppo per ordine di scuola e condividono materiali riutilizzabili in " +
  "classe. al termine e rilasciato l'attestato con le ore certificate. l'iniziativa e pensata anche per chi non ha " +
  "mai partecipato a un progetto etwinning.";

/** The tables whose rows the catalogue's triggers copy into "CatalogueEntry" (none is written for the rows here). */
const CATALOGUE_TRIGGERS = ["Event", "Edition"];

/**
 * Writes the rows `rows` asks for on `client` (inside its transaction: the caller rolls back), then analyses the
 * tables written. `now` anchors every date (the caller's statements compare against it).
 */
export async function writePlanRows(client: pg.PoolClient, rows: PlanRows, now: Date = new Date()): Promise<void> {
  const users = rows.users ?? 0;
  const staff = Math.min(rows.staff ?? 50, users);
  const events = rows.events ?? 0;
  const editions = rows.editions ?? 0;
  const need = (what: string, count: number, needs: [string, number][]) => {
    for (const [name, n] of needs) if (count > 0 && n === 0) throw new Error(`${what} need ${name}`);
  };
  need("events", events, [["users", staff]]);
  const trainers = rows.trainers ?? 0;
  if (staff + trainers > users) throw new Error("trainers need users after the staff");
  need("trainers", trainers, [["events", events]]);
  need("editions", editions, [["events", events]]);
  need("sessions", rows.sessions ?? 0, [["editions", editions]]);
  need("enrolments", rows.enrolments ?? 0, [
    ["editions", editions],
    ["users", users],
  ]);
  need("notifications", rows.notifications ?? 0, [["users", users]]);
  need("audit rows", rows.auditRows ?? 0, [["users", staff]]);
  need("messages", rows.messages ?? 0, [
    ["editions", editions],
    ["users", staff],
  ]);
  need("files", rows.files ?? 0, [
    ["events", events],
    ["users", staff],
  ]);
  const at = now.toISOString();
  const written: string[] = [];
  const insert = async (table: string, count: number | undefined, sql: string, params: unknown[] = []) => {
    if (!count) return;
    // The catalogue's triggers (ADR 0041) refresh an event's entries row by row: 600 events took a second, and the
    // statements planned here do not read the entries. They are off for the insert (the foreign keys are checked).
    const triggers = CATALOGUE_TRIGGERS.includes(table);
    if (triggers) await client.query(`ALTER TABLE "${table}" DISABLE TRIGGER USER`);
    await client.query(sql, params);
    if (triggers) await client.query(`ALTER TABLE "${table}" ENABLE TRIGGER USER`);
    written.push(`"${table}"`);
  };
  await insert(
    "User",
    users,
    `INSERT INTO "User" ("id", "email", "firstName", "lastName", "schoolLevel", "regionCode", "professionalRole", "createdAt", "updatedAt")
     SELECT 'plan-u' || i, 'plan-u' || i || '@example.test', 'N', 'C', 'primaria', 'lazio', 'docente', $2::timestamp, $2::timestamp
     FROM generate_series(1, $1::int) i`,
    [users, at],
  );
  const past = rows.pastDays ?? 3 * 365;
  const future = rows.futureDays ?? 365;
  // One word of EVENT_WORDS per event, in turn.
  const word = `(ARRAY[${EVENT_WORDS.map((w) => `'${w}'`).join(", ")}])[1 + i % ${EVENT_WORDS.length}]`;
  // The event's start: evenly from `past` days before now to `future` days after.
  const start = `$2::timestamp + ((i * ($4::int + $3::int)) / $1::int - $3::int) * ${DAY}`;
  await insert(
    "Event",
    events,
    `INSERT INTO "Event" ("id", "title", "description", "type", "level", "mode", "certifiedMinutes", "status", "startsAt",
                          "endsAt", "searchText", "publishedAt", "createdById", "createdAt", "updatedAt")
     SELECT 'plan-e' || i, 'Evento ' || i, $6::text, 'webinar', 'nazionale', 'online', 120,
            CASE i % 20 WHEN 0 THEN 'bozza' WHEN 1 THEN 'annullato' ELSE 'pubblicato' END,
            ${start}, ${start} + interval '2 hours', 'evento ' || i || ' ' || ${word} || ' ' || $6::text,
            CASE WHEN i % 20 <> 0 THEN ${start} - 30 * ${DAY} END,
            'plan-u' || (1 + i % $5::int), $2::timestamp, $2::timestamp
     FROM generate_series(1, $1::int) i`,
    [events, at, past, future, staff, DESCRIPTION],
  );
  await insert(
    "EventTrainer",
    trainers,
    `INSERT INTO "EventTrainer" ("eventId", "userId", "assignedAt")
     SELECT 'plan-e' || i, 'plan-u' || ($2::int + 1 + (i / 5) % $3::int), $4::timestamp
     FROM generate_series(5, $1::int, 5) i`,
    [events, staff, trainers, at],
  );
  await insert(
    "Edition",
    editions,
    `INSERT INTO "Edition" ("id", "eventId", "number", "startsOn", "endsOn", "enrolmentOpensAt", "enrolmentClosesAt", "updatedAt")
     SELECT 'plan-ed' || i, 'plan-e' || (1 + (i - 1) % $2::int), i, $3::timestamp, $3::timestamp, $3::timestamp, $3::timestamp, $3::timestamp
     FROM generate_series(1, $1::int) i`,
    [editions, events, at],
  );
  await insert(
    "TrainingSession",
    rows.sessions,
    `INSERT INTO "TrainingSession" ("id", "editionId", "startsAt", "endsAt", "delivery", "minutes")
     SELECT 'plan-s' || i, 'plan-ed' || (1 + i % $2::int), s, s + interval '2 hours', 'sincrona', 120
     FROM generate_series(1, $1::int) i, LATERAL (SELECT $3::timestamp + ((i * ($5::int + $4::int)) / $1::int - $4::int) * ${DAY} AS s) t`,
    [rows.sessions, editions, at, past, future],
  );
  await insert(
    "Enrolment",
    rows.enrolments,
    `INSERT INTO "Enrolment" ("id", "editionId", "eventId", "userId", "status", "updatedAt")
     SELECT 'plan-en' || i, 'plan-ed' || (1 + i % $2::int), 'plan-e' || (1 + (i % $2::int) % $3::int),
            'plan-u' || (1 + (i - 1) % $4::int), CASE WHEN i % 10 = 0 THEN 'annullata' ELSE 'iscritto' END, $5::timestamp
     FROM generate_series(1, $1::int) i`,
    [rows.enrolments, editions, events, users, at],
  );
  await insert(
    "Notification",
    rows.notifications,
    `INSERT INTO "Notification" ("id", "userId", "kind", "dedupeKey", "createdAt", "deliveryStatus")
     SELECT 'plan-n' || i, 'plan-u' || (1 + i % $2::int), 'promemoria', 'plan-key-' || i,
            $3::timestamp - ((i * $4::int) / $1::int) * ${DAY} - (i % 1440) * interval '1 minute',
            CASE WHEN i % 100 < 90 THEN 'inviata' WHEN i % 100 < 94 THEN 'in-coda' WHEN i % 100 < 97 THEN 'errore'
                 ELSE 'non-inviare' END
     FROM generate_series(1, $1::int) i`,
    [rows.notifications, users, at, rows.notificationDays ?? 400],
  );
  await insert(
    "AuditLog",
    rows.auditRows,
    `INSERT INTO "AuditLog" ("id", "at", "actorId", "entityType", "entityId", "action")
     SELECT 'plan-a' || i, $3::timestamp - (i % 1000) * interval '1 hour',
            CASE WHEN i % 10 <> 0 THEN 'plan-u' || (1 + i % $2::int) END, 'Event', 'plan-e' || i, 'update'
     FROM generate_series(1, $1::int) i`,
    [rows.auditRows, staff, at],
  );
  await insert(
    "ParticipantMessage",
    rows.messages,
    `INSERT INTO "ParticipantMessage" ("id", "editionId", "authorId", "audience", "subject", "body", "recipientCount", "sendKey")
     SELECT 'plan-m' || i, 'plan-ed' || (1 + i % $2::int), 'plan-u' || (1 + i % $3::int), 'iscritti', 'Oggetto', 'Testo', 30,
            'plan-send-' || i
     FROM generate_series(1, $1::int) i`,
    [rows.messages, editions, staff],
  );
  await insert(
    "EventFile",
    rows.files,
    `INSERT INTO "EventFile" ("id", "eventId", "title", "uploadedById")
     SELECT 'plan-f' || i, 'plan-e' || (1 + i % $2::int), 'Materiale', 'plan-u' || (1 + i % $3::int)
     FROM generate_series(1, $1::int) i`,
    [rows.files, events, staff],
  );
  const minutes = rows.rateLimitMinutes ?? 80;
  await insert(
    "rate_limit",
    rows.rateLimits,
    `INSERT INTO "rate_limit" ("key", "points", "expire")
     SELECT 'plan-rl' || i, 1, $2::bigint + 15 * 60000 - ((i::bigint * $3::int * 60000) / $1::int)
     FROM generate_series(1, $1::int) i`,
    [rows.rateLimits, now.getTime(), minutes],
  );
  if (written.length === 0) return;
  // A GIN index (pg_trgm's on "Event"."searchText") keeps new entries in a pending list until a vacuum merges them,
  // and the planner prices a scan of that list high: right after the insert, pg_trgm's index cost more than reading
  // every event, which a vacuumed table's never does. Merged here, as autovacuum would have.
  await client.query(
    `SELECT gin_clean_pending_list(i."indexrelid") FROM pg_index i
     JOIN pg_class c ON c."oid" = i."indexrelid" JOIN pg_am a ON a."oid" = c."relam"
     WHERE a."amname" = 'gin' AND i."indrelid" = ANY($1::regclass[])`,
    [written],
  );
  await client.query(`ANALYZE ${written.join(", ")}`);
}

/** The text of `sql`'s plan (EXPLAIN, no ANALYZE: nothing runs) on `client`, with its $n parameters. */
export async function explain(client: pg.PoolClient, sql: string, params: unknown[] = []): Promise<string> {
  const { rows } = await client.query<{ "QUERY PLAN": string }>(`EXPLAIN ${sql}`, params);
  return rows.map((r) => r["QUERY PLAN"]).join("\n");
}

/** The generic plans prepared so far (each under a name of its own). */
let prepared = 0;

/**
 * The text of the generic plan of `sql` (the plan PostgreSQL may keep for a named statement after five executions,
 * ADR 0058, which knows none of the values): prepared on `client`, planned as generic whatever the values, and
 * deallocated. Inside a transaction (the plan cache mode is set for it alone).
 */
export async function explainGeneric(client: pg.PoolClient, sql: string, params: unknown[] = []): Promise<string> {
  const name = `plan_generic_${++prepared}`;
  await client.query("SET LOCAL plan_cache_mode = force_generic_plan");
  await client.query(`PREPARE ${name} AS ${sql}`);
  const values = params.map((p) => (typeof p === "number" ? String(p) : client.escapeLiteral(String(p))));
  const { rows } = await client.query<{ "QUERY PLAN": string }>(`EXPLAIN EXECUTE ${name}(${values.join(", ")})`);
  await client.query(`DEALLOCATE ${name}`);
  await client.query("SET LOCAL plan_cache_mode = auto");
  return rows.map((r) => r["QUERY PLAN"]).join("\n");
}

/**
 * Runs `read` on a pgPool() connection inside a transaction where `rows` have been written and analysed, and rolls
 * it all back whatever happens (the rows, the statistics and anything `read` changes, an index dropped included).
 * Until then no other connection can read "Event" or "Edition" (the triggers' ALTER TABLE locks them): run the app's
 * statements before, and EXPLAIN what they ran here. The connection is closed afterwards rather than returned to the
 * pool, with whatever `read` loaded or prepared on it.
 */
export async function planInstance<T>(
  rows: PlanRows,
  read: (client: pg.PoolClient) => Promise<T>,
  now: Date = new Date(),
): Promise<T> {
  const client = await pgPool().connect();
  try {
    await client.query("BEGIN");
    await writePlanRows(client, rows, now);
    return await read(client);
  } finally {
    await client.query("ROLLBACK").finally(() => client.release(true));
  }
}

export type RecordedPgStatement = { sql: string; params: unknown[] };

/**
 * The statements node-postgres sends while `run` runs (Prisma's, through its adapter, included), with their
 * parameters, to be EXPLAINed afterwards (in planInstance, where the tables have an instance's proportions).
 */
export async function pgStatementsOf(run: () => Promise<unknown>): Promise<RecordedPgStatement[]> {
  const recorded: RecordedPgStatement[] = [];
  type Query = (this: pg.Client, ...args: unknown[]) => unknown;
  const client = pg.Client.prototype as unknown as { query: Query };
  const original = client.query;
  client.query = function (this: pg.Client, ...args: unknown[]) {
    const [first, second] = args;
    if (typeof first === "string") recorded.push({ sql: first, params: Array.isArray(second) ? second : [] });
    else if (first && typeof first === "object" && "text" in first) {
      const config = first as { text: string; values?: unknown[] };
      recorded.push({ sql: config.text, params: config.values ?? (Array.isArray(second) ? second : []) });
    }
    return original.apply(this, args);
  };
  try {
    await run();
  } finally {
    client.query = original;
  }
  return recorded.filter((r) => /^\s*(SELECT|WITH)\b/i.test(r.sql));
}
