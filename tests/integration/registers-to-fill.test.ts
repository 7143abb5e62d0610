// /formazione lists the trainer's registers left empty after their session (listTrainerRegistersToFill),
// against the real database: only live sessions already over, of the trainer's own editions with
// someone enrolled, not cancelled, not closed, within 90 days, and only while no line is recorded.
import { afterAll, describe, expect, it } from "vitest";
import { recordAttendance } from "../../app/models/attendance.server.ts";
import * as homeRoute from "../../app/routes/formazione._index.tsx";
import { prisma } from "../../app/utils/db.server.ts";
import { createTeachers } from "../support/factories.ts";
import { registerEdition } from "../support/registers.ts";
import { bodyOf, callRoute, cookieOf, type Handler } from "../support/routes.ts";

afterAll(() => prisma.$disconnect());

const HOUR = 3600_000;
const DAY = 24 * HOUR;

async function toFillOf(userId: string): Promise<string[]> {
  const page = await callRoute(
    homeRoute.loader as Handler,
    new Request("http://localhost/formazione", { headers: { Cookie: await cookieOf(userId) } }),
  );
  return bodyOf<{ toFill: { id: string }[] }>(page).toFill.map((s) => s.id);
}

describe("registers to fill in", () => {
  it("are the trainer's live sessions already over whose register is still empty", async () => {
    const [teacher] = await createTeachers(1);
    // Over three hours ago (2 hours long): its register is empty.
    const empty = await registerEdition({ sessionStartsAt: new Date(Date.now() - 3 * HOUR), teachers: [teacher!] });
    const trainer = empty.trainer;
    // Still going: not listed before it ends.
    const running = await registerEdition({ sessionStartsAt: new Date(Date.now() - HOUR), teachers: [teacher!] });
    await prisma.eventTrainer.create({ data: { eventId: running.event.id, userId: trainer.id } });
    // An asynchronous activity of the first edition, over too: it has no register.
    await prisma.trainingSession.create({
      data: {
        editionId: empty.edition.id,
        title: "Test di autovalutazione",
        delivery: "asincrona",
        minutes: 60,
        startsAt: new Date(Date.now() - 10 * DAY),
        endsAt: new Date(Date.now() - 2 * DAY),
      },
    });

    expect(await toFillOf(trainer.id)).toEqual([empty.session.id]);
    // Another trainer does not see it.
    const other = await registerEdition({ sessionStartsAt: new Date(Date.now() - 3 * HOUR), teachers: [teacher!] });
    expect(await toFillOf(other.trainer.id)).not.toContain(empty.session.id);

    // One line recorded: the register is no longer empty.
    await recordAttendance(
      trainer.id,
      empty.session.id,
      [{ enrolmentId: empty.enrolments[0]!.id, status: "presente", minutesAttended: null }],
      "registro",
    );
    expect(await toFillOf(trainer.id)).toEqual([]);
  });

  it("leave out cancelled and closed editions, editions with no one enrolled, and sessions of over 90 days ago", async () => {
    const [teacher] = await createTeachers(1);
    const over = new Date(Date.now() - 3 * HOUR);
    const cancelled = await registerEdition({ sessionStartsAt: over, teachers: [teacher!] });
    await prisma.edition.update({ where: { id: cancelled.edition.id }, data: { status: "annullata" } });
    const closed = await registerEdition({ sessionStartsAt: over, teachers: [teacher!] });
    await prisma.edition.update({ where: { id: closed.edition.id }, data: { attendanceClosedAt: new Date() } });
    const nobody = await registerEdition({ sessionStartsAt: over, teachers: [] });
    const old = await registerEdition({ sessionStartsAt: new Date(Date.now() - 91 * DAY), teachers: [teacher!] });
    const recent = await registerEdition({ sessionStartsAt: over, teachers: [teacher!] });
    for (const fixture of [cancelled, closed, nobody, old, recent]) {
      expect(await toFillOf(fixture.trainer.id)).toEqual(fixture === recent ? [recent.session.id] : []);
    }
  });
});
