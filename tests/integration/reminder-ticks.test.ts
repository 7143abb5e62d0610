// The two periodic writers of notifications per participant (reminders every 15 minutes, automatic messages every 5,
// in every instance) against a real database (SQLite or PostgreSQL, DATABASE_URL): a tick hands the writer only the
// rows not written yet. A session stays in the reminders' window for about 96 ticks: until this, every tick read all
// its participants and passed each one's row to writeNotificationsRacing, which found them written and wrote nothing.
// The spy watches what the writer is asked to write; the writer and the database are the real ones.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { NotificationInput } from "../../app/domain/notification.ts";
import { writeAutomaticMessages } from "../../app/models/automatic-messages.server.ts";
import { enrol } from "../../app/models/enrolment.server.ts";
import * as writer from "../../app/models/notification-writer.server.ts";
import { PLACES_NOT_YET_NOTIFIED } from "../../app/models/notification-writer.server.ts";
import { writeSessionReminders } from "../../app/models/reminders.server.ts";
import { databaseEngine, prisma } from "../../app/utils/db.server.ts";
import { sqliteDirect } from "../../app/utils/sqlite-direct.server.ts";
import { createOpenEdition, createUser } from "../support/factories.ts";
import { explain, planInstance } from "../support/pg-plans.ts";

const HOUR = 3600_000;

/** Every row the writer was asked to write since the last `take()`, by kind. */
let asked: NotificationInput[] = [];
const take = (kind: NotificationInput["kind"]) => {
  const rows = asked.filter((r) => r.kind === kind);
  asked = [];
  return rows;
};
beforeEach(() => {
  asked = [];
  const real = writer.writeNotificationsRacing;
  vi.spyOn(writer, "writeNotificationsRacing").mockImplementation((inputs, options) => {
    asked.push(...inputs);
    return real(inputs, options);
  });
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** An online edition whose one session starts `hoursAhead` from `now`, with `count` teachers enrolled. */
async function editionWithTeachers(now: Date, hoursAhead: number, count: number) {
  const startsAt = new Date(Math.ceil((now.getTime() + hoursAhead * HOUR) / 60_000) * 60_000);
  const { edition } = await createOpenEdition({ sessionStartsAt: startsAt, closesAt: new Date(startsAt.getTime()) });
  const teachers = [];
  for (let i = 0; i < count; i += 1) {
    const t = await createUser();
    expect(await enrol(t.id, edition.id)).toMatchObject({ ok: true, status: "iscritto" });
    teachers.push(t);
  }
  const session = await prisma.trainingSession.findFirstOrThrow({ where: { editionId: edition.id } });
  return { edition, session, teachers };
}

describe("reminders: a tick reads only the reminders not written yet", () => {
  it("a second tick with nothing new asks the writer for no row; a late enrolment, reminders turned back on, a moved session do", async () => {
    const now = new Date();
    const { edition, session, teachers } = await editionWithTeachers(now, 20, 4);
    await prisma.user.update({ where: { id: teachers[3]!.id }, data: { emailReminders: false } });

    // The first tick writes every reminder due (this edition's three, and any other session in the window).
    expect(await writeSessionReminders(now)).toBeGreaterThanOrEqual(3);
    expect(take("promemoria-incontro").filter((r) => "sessionId" in r && r.sessionId === session.id)).toHaveLength(3);
    // The next ticks, nothing new: the writer is asked for nothing.
    expect(await writeSessionReminders(now)).toBe(0);
    expect(take("promemoria-incontro")).toEqual([]);
    expect(await writeSessionReminders(new Date(now.getTime() + 15 * 60_000))).toBe(0);
    expect(take("promemoria-incontro")).toEqual([]);

    // A teacher who enrols late, and one who turns reminders back on: their two rows, and only those.
    const late = await createUser();
    expect(await enrol(late.id, edition.id)).toMatchObject({ ok: true, status: "iscritto" });
    await prisma.user.update({ where: { id: teachers[3]!.id }, data: { emailReminders: true } });
    const tick = new Date(now.getTime() + 30 * 60_000);
    expect(await writeSessionReminders(tick)).toBe(2);
    expect(
      take("promemoria-incontro")
        .map((r) => r.userId)
        .sort(),
    ).toEqual([late.id, teachers[3]!.id].sort());
    expect(await writeSessionReminders(tick)).toBe(0);
    expect(take("promemoria-incontro")).toEqual([]);

    // The session moved an hour later: its new start is reminded of again, to all five.
    await prisma.trainingSession.update({
      where: { id: session.id },
      data: {
        startsAt: new Date(session.startsAt.getTime() + HOUR),
        endsAt: new Date(session.endsAt.getTime() + HOUR),
      },
    });
    expect(await writeSessionReminders(tick)).toBe(5);
    expect(take("promemoria-incontro")).toHaveLength(5);
    expect(await writeSessionReminders(tick)).toBe(0);
    expect(take("promemoria-incontro")).toEqual([]);
    expect(
      await prisma.notification.count({ where: { dedupeKey: { startsWith: `promemoria-incontro:${session.id}:` } } }),
    ).toBe(10);
  });

  it("two instances racing on the rows still missing write each once", async () => {
    const now = new Date();
    const { edition, session } = await editionWithTeachers(now, 10, 2);
    await writeSessionReminders(now);
    const late = [await createUser(), await createUser(), await createUser()];
    for (const t of late) expect(await enrol(t.id, edition.id)).toMatchObject({ ok: true });
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => writeSessionReminders(now)));
    expect(a! + b! + c!).toBe(3);
    expect(
      await prisma.notification.count({ where: { dedupeKey: { startsWith: `promemoria-incontro:${session.id}:` } } }),
    ).toBe(5);
  });
});

describe("automatic messages: a tick reads only the messages not written yet", () => {
  it("a second tick with nothing new asks the writer for no row; a late enrolment gets its message", async () => {
    const now = new Date();
    const { edition, teachers } = await editionWithTeachers(now, 30, 3);
    const organiser = await createUser({ roles: [{ role: "unita-nazionale" }] });
    for (const [rule, amount] of [
      ["prima-di-ogni-incontro", 24],
      ["dopo-ultimo-incontro", 0],
    ] as const) {
      await prisma.editionAutoMessage.create({
        data: { editionId: edition.id, rule, amount, subject: "Oggetto", body: "Testo.", updatedById: organiser.id },
      });
    }
    const due = new Date(now.getTime() + 7 * HOUR);
    expect(await writeAutomaticMessages(due)).toBeGreaterThanOrEqual(3);
    const first = take("messaggio-automatico").filter((r) => "editionId" in r && r.editionId === edition.id);
    expect(first.map((r) => r.userId).sort()).toEqual(teachers.map((t) => t.id).sort());
    expect(await writeAutomaticMessages(due)).toBe(0);
    expect(take("messaggio-automatico")).toEqual([]);
    expect(await writeAutomaticMessages(new Date(due.getTime() + 5 * 60_000))).toBe(0);
    expect(take("messaggio-automatico")).toEqual([]);

    const late = await createUser();
    expect(await enrol(late.id, edition.id)).toMatchObject({ ok: true, status: "iscritto" });
    expect(await writeAutomaticMessages(due)).toBe(1);
    expect(take("messaggio-automatico").map((r) => r.userId)).toEqual([late.id]);
    expect(await writeAutomaticMessages(due)).toBe(0);
    expect(take("messaggio-automatico")).toEqual([]);

    // After the last session, the other rule: once for the four, then nothing.
    const session = await prisma.trainingSession.findFirstOrThrow({ where: { editionId: edition.id } });
    const after = new Date(session.endsAt.getTime() + HOUR);
    expect(await writeAutomaticMessages(after)).toBeGreaterThanOrEqual(4);
    expect(take("messaggio-automatico").filter((r) => "editionId" in r && r.editionId === edition.id)).toHaveLength(4);
    expect(await writeAutomaticMessages(after)).toBe(0);
    expect(take("messaggio-automatico")).toEqual([]);
  });
});

describe("the read of the rows not written yet", () => {
  it("finds an edition's places by index and probes each key in the unique index (the plan on each engine)", async () => {
    if (databaseEngine === "sqlite") {
      for (const sql of Object.values(PLACES_NOT_YET_NOTIFIED)) {
        const plan = (
          sqliteDirect()
            .prepare(`EXPLAIN QUERY PLAN ${sql.replace(/\$(\d+)/g, "@p$1")}`)
            .all({ p1: "edition", p2: "head:", p3: ":tail" }) as { detail: string }[]
        ).map((r) => r.detail);
        expect(plan.filter((d) => /^SCAN\b/.test(d))).toEqual([]);
        expect(plan).toContainEqual(
          expect.stringMatching(/^SEARCH e USING INDEX Enrolment_editionId\w* \(editionId=\?/),
        );
        expect(plan).toContainEqual(
          expect.stringMatching(/^SEARCH n USING COVERING INDEX Notification_dedupeKey_key \(dedupeKey=\?\)/),
        );
      }
      return;
    }
    // PostgreSQL plans by its statistics (tests/support/pg-plans.ts): the plan is read where the proportions are an
    // instance's, inside a transaction that is rolled back: 50 editions of 100 places and 25,000 notifications are
    // written and analysed, and the planner, left free, must find the edition's places by index and probe the unique
    // key once per place (a key compared through lower() makes it read all of Notification).
    await planInstance(
      { users: 5000, events: 1, editions: 50, enrolments: 5000, notifications: 25000 },
      async (client) => {
        for (const sql of Object.values(PLACES_NOT_YET_NOTIFIED)) {
          const plan = await explain(client, sql, ["plan-ed7", "head:", ":tail"]);
          expect(plan).not.toMatch(/Seq Scan on "(Enrolment|Notification)"/);
          expect(plan).toMatch(/Index Cond: \(\("editionId" = 'plan-ed7'::text\)/);
          expect(plan).toMatch(
            /Index (Only )?Scan using "Notification_dedupeKey_key" on "Notification" n[^\n]*\n\s+Index Cond: \("dedupeKey" = /,
          );
        }
      },
    );
  });
});
