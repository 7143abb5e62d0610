// The application's reads of Enrolment by `eventId` (ADR 0113, addendum of 07/12/2026). Enrolment carries the event's
// id (for its activeKey) but has no index led by it, so a read by `eventId` must reach the places through another
// index: a signed-in visitor's own places on the event page (by her `userId`), and an audience change's places of the
// event (by the event's `editionId`s, under every edition's lock). Both are checked on both engines: SQLite as
// production plans it (no statistics, tests/support/sqlite-plans.ts), PostgreSQL on tables of an instance's
// proportions, written and rolled back (tests/support/pg-plans.ts), with the statement texts the call really sent.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../app/domain/permissions.ts";
import { enrol } from "../../app/models/enrolment.server.ts";
import { addSessionLink, loadMaterials } from "../../app/models/event-sheet.server.ts";
import { updateEvent } from "../../app/models/event.server.ts";
import { databaseEngine, prisma } from "../../app/utils/db.server.ts";
import { eventInputFrom, twoWebinarsFields, type EventFormFields } from "../support/event-form-fields.ts";
import { actorOf, createNationalUnit, publishEvent } from "../support/events.ts";
import { createUser } from "../support/factories.ts";
import { explain, planInstance, type PlanRows } from "../support/pg-plans.ts";
import { sqlitePlansOf, type RecordedStatement } from "../support/sqlite-plans.ts";

afterAll(() => prisma.$disconnect());

let national: Actor;
beforeAll(async () => {
  ({ actor: national } = await createNationalUnit());
});

/** A statement that reads Enrolment by the event's id: Prisma's text or the direct SQL's, on either engine. */
const BY_EVENT = /`Enrolment`\.`eventId` (=|IN)|"Enrolment"\."eventId" (=|IN)|FROM "Enrolment" WHERE .*"eventId" =/s;

type Sent = { sql: string; params: unknown[] };

/**
 * Runs `run` once, with the statements that read Enrolment by `eventId`: on SQLite with their plans; on PostgreSQL
 * with their texts and parameters as node-postgres sent them (Prisma's adapter and the direct pool alike).
 */
async function eventReadsOf<T>(run: () => Promise<T>): Promise<{ result: T; sqlite: RecordedStatement[]; pg: Sent[] }> {
  let result: T | undefined;
  if (databaseEngine === "sqlite") {
    const statements = await sqlitePlansOf(async () => {
      result = await run();
    });
    return { result: result as T, sqlite: statements.filter((s) => BY_EVENT.test(s.sql)), pg: [] };
  }
  const sent: Sent[] = [];
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const [first, second] = args as [string | { text: string; values?: unknown[] }, unknown];
    const sql = typeof first === "string" ? first : first?.text;
    const params = typeof first === "string" ? (Array.isArray(second) ? second : []) : (first?.values ?? []);
    if (typeof sql === "string" && BY_EVENT.test(sql)) sent.push({ sql, params });
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  try {
    result = await run();
  } finally {
    pg.Client.prototype.query = original;
  }
  return { result: result as T, sqlite: [], pg: sent };
}

/** No statement reads all of Enrolment or every place of a status; each finds its places by `index` (SQLite). */
function expectSqlitePlans(statements: RecordedStatement[], index: RegExp) {
  expect(statements.length).toBeGreaterThan(0);
  for (const st of statements) {
    expect(
      st.plan.filter((d) => /Enrolment_status_offerExpiresAt_idx|^SCAN (main\.)?Enrolment\b/.test(d)),
      st.sql,
    ).toEqual([]);
    expect(st.plan, st.sql).toContainEqual(expect.stringMatching(index));
  }
}

/** National volume's shape, scaled down: many events of a few editions, tens of places each, several per teacher. */
const INSTANCE: PlanRows = { users: 4000, events: 400, editions: 1200, enrolments: 40000 };

/** Each statement sent, EXPLAINed on the instance: no sequential scan of Enrolment, its places by `index`. */
async function expectPgPlans(sent: Sent[], index: string) {
  expect(sent.length).toBeGreaterThan(0);
  await planInstance(INSTANCE, async (client) => {
    for (const { sql, params } of sent) {
      const plan = await explain(client, sql, params);
      expect(plan, sql).not.toMatch(/Seq Scan on "Enrolment"/);
      expect(plan, sql).toMatch(new RegExp(`(Index (Only )?Scan|Bitmap Index Scan) (using|on) "${index}"`));
    }
  });
}

const BOTH_LEVELS: EventFormFields = { schoolLevels: ["primaria", "secondaria-secondo-grado"] };

describe("reads of Enrolment by the event's id (ADR 0113, addendum of 07/12/2026)", () => {
  it("the event page's session materials: a signed-in teacher's places of the event, read by her id", async () => {
    const { eventId, editions } = await publishEvent(national, twoWebinarsFields("Materiali per chi è iscritto"));
    const edition = editions[0]!;
    const link = await addSessionLink({ id: eventId }, national.userId, {
      sessionId: edition.sessions[0]!.id,
      title: "Registrazione del primo incontro",
      url: "https://video.example.it/primo",
    });
    expect(link).toMatchObject({ ok: true });
    const enrolled = await createUser();
    const other = await createUser();
    expect((await enrol(enrolled.id, edition.id)).ok).toBe(true);

    const mine = await eventReadsOf(() => loadMaterials(actorOf(enrolled), eventId));
    expect(mine.result.editionIds).toEqual([edition.id]);
    expect(mine.result.bySession[edition.sessions[0]!.id]!.map((f) => f.title)).toEqual([
      "Registrazione del primo incontro",
    ]);
    // Someone without a place of the event sees none of its sessions' materials.
    expect((await loadMaterials(actorOf(other), eventId)).editionIds).toEqual([]);

    if (databaseEngine === "sqlite") {
      expectSqlitePlans(
        mine.sqlite,
        /^SEARCH Enrolment USING INDEX Enrolment_userId_status_idx \(userId=\? AND status=\?\)$/,
      );
    } else await expectPgPlans(mine.pg, "Enrolment_userId_status_idx");
  });

  it("an audience change: the places of the event's editions, read by their ids under the editions' locks", async () => {
    const fields = twoWebinarsFields("Pubblico ristretto", BOTH_LEVELS);
    const { eventId, editions } = await publishEvent(national, fields);
    const edition = editions[0]!;
    const form = (changes: EventFormFields) =>
      eventInputFrom({
        ...fields,
        "editions[0].id": edition.id,
        "editions[0].sessions[0].id": edition.sessions[0]!.id,
        "editions[0].sessions[1].id": edition.sessions[1]!.id,
        ...changes,
      });
    const primary = await createUser({ schoolLevel: "primaria" });
    const secondary = await createUser({ schoolLevel: "secondaria-secondo-grado" });
    for (const u of [primary, secondary]) expect((await enrol(u.id, edition.id)).ok).toBe(true);

    // Narrowed to the secondary school: the seated primary teacher keeps the seat, and the save says so.
    const narrowed = await eventReadsOf(() =>
      updateEvent(national, eventId, form({ schoolLevels: ["secondaria-secondo-grado"] })),
    );
    expect(narrowed.result).toEqual({
      ok: true,
      eventId,
      seatedOutside: [{ editionId: edition.id, number: 1, count: 1 }],
    });

    if (databaseEngine === "sqlite") {
      expectSqlitePlans(
        narrowed.sqlite,
        /^SEARCH (main\.)?Enrolment USING INDEX Enrolment_editionId_quotaId_status_waitlistSeq_idx \(editionId=\?\)$/,
      );
    } else await expectPgPlans(narrowed.pg, "Enrolment_editionId_quotaId_status_waitlistSeq_idx");
  });
});
