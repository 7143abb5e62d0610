// Seats under real parallel transactions (SQLite, or PostgreSQL when DATABASE_URL says so): an
// organiser and a teacher, or two organisers, on the same edition at the same moment. Each case runs
// the two writers at once; where one must meet the other's lock, the first holds its transaction open
// until the second has started (`held`), so the second really waits on the edition's lock and then
// decides on what the first committed. Only outcomes are asserted (seats, states), never timings.
import { afterAll, describe, expect, it } from "vitest";
import { ACTIVE_STATUSES } from "../../app/domain/enrolment.ts";
import { closeAccount } from "../../app/models/account-closure.server.ts";
import { apply, saveApplicationSetup, setAdmission } from "../../app/models/application.server.ts";
import {
  acceptOffer,
  acceptOfferIn,
  cancelByTeacher,
  enrol,
  enrolAsRequested,
} from "../../app/models/enrolment.server.ts";
import { changeEventStatus, updateEvent, writeEventStatus } from "../../app/models/event.server.ts";
import { placeTeacher } from "../../app/models/placement.server.ts";
import {
  addQuota,
  addQuotaIn,
  cancelEditionInTransaction,
  changeSeatCap,
  closeEnrolmentEarly,
  moveToEdition,
  lockEdition,
  SEAT_TRANSACTION,
} from "../../app/models/seat-ledger.server.ts";
import { prisma } from "../../app/utils/db.server.ts";
import { eventInputFrom, twoWebinarsFields, type EventFormFields } from "../support/event-form-fields.ts";
import { createNationalUnit, publishEvent } from "../support/events.ts";
import { addEdition, createOpenEdition, createTeachers, createUser, unique } from "../support/factories.ts";
import { managedEdition } from "../support/scopes.ts";

afterAll(() => prisma.$disconnect());

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `write` in a seat transaction that, once it has written, stays open while `meanwhile` starts
 * (and reaches the edition's lock), then commits; resolves with both outcomes.
 */
async function held<A, B>(
  write: (tx: Parameters<Parameters<typeof prisma.$transaction>[0]>[0]) => Promise<A>,
  meanwhile: () => Promise<B>,
) {
  let started!: () => void;
  const written = new Promise<void>((resolve) => (started = resolve));
  const first = prisma.$transaction(async (tx) => {
    const outcome = await write(tx);
    started();
    // Long enough for the other writer to read what it reads before its seat write and reach the lock.
    await pause(300);
    return outcome;
  }, SEAT_TRANSACTION);
  await written;
  const second = meanwhile();
  return { first: await first, second: await second };
}

async function seatsOf(editionId: string) {
  const edition = await prisma.edition.findUniqueOrThrow({
    where: { id: editionId },
    select: { status: true, seatCap: true, seatsTaken: true },
  });
  const rows = await prisma.enrolment.groupBy({ by: ["status"], where: { editionId }, _count: { _all: true } });
  const byStatus = Object.fromEntries(rows.map((r) => [r.status, r._count._all]));
  return { ...edition, byStatus };
}

describe("a teacher enrols while the organiser cancels or closes the edition", () => {
  it("the enrolment that waited on the cancellation's lock is refused: no seat in a cancelled edition", async () => {
    const { organiser, edition } = await createOpenEdition({ seatCap: 5 });
    const [early, late] = await createTeachers(2);
    expect(await enrol(early!.id, edition.id)).toMatchObject({ ok: true, status: "iscritto" });
    const { first, second } = await held(
      (tx) => cancelEditionInTransaction(tx, organiser.id, edition.id, "Aula non disponibile.", new Date()),
      () => enrol(late!.id, edition.id),
    );
    expect(first).toEqual({ ok: true });
    expect(second).toEqual({ ok: false, reason: "edition-cancelled" });
    expect(await seatsOf(edition.id)).toEqual({
      status: "annullata",
      seatCap: 5,
      seatsTaken: 0,
      byStatus: { "edizione-annullata": 1 },
    });
  });

  it("the same in an edition split into regional quotas (the pools' transaction)", async () => {
    const { organiser, edition } = await createOpenEdition({ seatCap: 5 });
    expect(await addQuota(await managedEdition(organiser.id, edition.id), "lazio", 2)).toEqual({ ok: true });
    const [late] = await createTeachers(1, "lazio");
    const { first, second } = await held(
      (tx) => cancelEditionInTransaction(tx, organiser.id, edition.id, "Aula non disponibile.", new Date()),
      () => enrol(late!.id, edition.id),
    );
    expect(first).toEqual({ ok: true });
    expect(second).toEqual({ ok: false, reason: "edition-cancelled" });
    expect(await seatsOf(edition.id)).toMatchObject({ status: "annullata", seatsTaken: 0, byStatus: {} });
    expect(
      await prisma.editionQuota.findMany({ where: { editionId: edition.id }, select: { seatsTaken: true } }),
    ).toEqual([{ seatsTaken: 0 }]);
  });

  it("a regional quota added while a teacher enrols: the general seat the quota took is not given, the cap holds", async () => {
    // Cap 4, three general seats taken. The first-come write of a Toscana teacher waits while the organiser
    // reserves the last free seat for Lazio; it used to take that seat anyway (it had read "no quotas" before
    // the lock), and the Lazio teacher then took the quota's: five seats of four.
    const { organiser, edition } = await createOpenEdition({ seatCap: 4 });
    for (const t of await createTeachers(3))
      expect(await enrol(t.id, edition.id)).toMatchObject({ status: "iscritto" });
    const [toscana] = await createTeachers(1, "toscana");
    const [lazio] = await createTeachers(1, "lazio");
    const scope = await managedEdition(organiser.id, edition.id);
    const { first, second } = await held(
      (tx) => addQuotaIn(tx, scope, "lazio", 1, new Date()),
      () => enrol(toscana!.id, edition.id),
    );
    expect(first).toEqual({ ok: true });
    expect(second).toMatchObject({ ok: true, status: "in-attesa" });
    expect(await enrol(lazio!.id, edition.id)).toMatchObject({ ok: true, status: "iscritto" });
    expect(await seatsOf(edition.id)).toMatchObject({
      seatCap: 4,
      seatsTaken: 4,
      byStatus: { iscritto: 4, "in-attesa": 1 },
    });
    // The one who waited is in the general line (the pools' way), not in a line of its own.
    const waiting = await prisma.enrolment.findFirstOrThrow({ where: { userId: toscana!.id, editionId: edition.id } });
    expect(waiting).toMatchObject({ quotaId: null, waitlistSeq: expect.any(Number) });
  });

  it("admission by application chosen while a teacher enrols: no first-come place is given", async () => {
    const { organiser, edition } = await createOpenEdition({ seatCap: 4 });
    const [teacher] = await createTeachers(1);
    const scope = await managedEdition(organiser.id, edition.id);
    const { second } = await held(
      (tx) => tx.edition.update({ where: { id: scope.id }, data: { admission: "candidatura", updatedAt: new Date() } }),
      () => enrol(teacher!.id, edition.id),
    );
    expect(second).toEqual({ ok: false, reason: "application-required" });
    expect(await seatsOf(edition.id)).toMatchObject({ seatsTaken: 0, byStatus: {} });
  });

  it("an enrolment that waited on the early close is refused as closed", async () => {
    const { organiser, edition } = await createOpenEdition({ seatCap: 5 });
    const [late] = await createTeachers(1);
    const scope = await managedEdition(organiser.id, edition.id);
    const { first, second } = await held(
      async (tx) => {
        // closeEnrolmentEarly's own write, inside the held transaction.
        await tx.edition.update({ where: { id: edition.id }, data: { status: "iscrizioni-chiuse" } });
        return "closed";
      },
      () => enrol(late!.id, edition.id),
    );
    expect(first).toBe("closed");
    expect(second).toEqual({ ok: false, reason: "enrolment-closed-early" });
    expect(await seatsOf(edition.id)).toMatchObject({ seatsTaken: 0, byStatus: {} });
    // Closing again is refused by the state table (the early close above is the model's transition).
    expect(await closeEnrolmentEarly(scope)).toMatchObject({ ok: false });
  });
});

describe("the last seat, taken at once from two sides", () => {
  it("an organiser's placement and a teacher's enrolment: one seat, the other waits", async () => {
    for (let round = 0; round < 3; round++) {
      const { organiser, edition } = await createOpenEdition({ seatCap: 1 });
      const [teacher, placed] = await createTeachers(2);
      const scope = await managedEdition(organiser.id, edition.id);
      const [a, b] = await Promise.all([
        enrol(teacher!.id, edition.id),
        placeTeacher(scope, { email: placed!.email, override: false, reason: null }),
      ]);
      expect([a, b].map((r) => (r.ok ? r.status : r.reason)).sort()).toEqual(["in-attesa", "iscritto"]);
      expect(await seatsOf(edition.id)).toEqual({
        status: "attiva",
        seatCap: 1,
        seatsTaken: 1,
        byStatus: { iscritto: 1, "in-attesa": 1 },
      });
    }
  });

  it("two organisers placing two teachers: one seat, the other waits", async () => {
    const { organiser, edition } = await createOpenEdition({ seatCap: 1 });
    const second = await createUser({ roles: [{ role: "unita-nazionale" }] });
    const [x, y] = await createTeachers(2);
    const [a, b] = await Promise.all([
      placeTeacher(await managedEdition(organiser.id, edition.id), { email: x!.email, override: false, reason: null }),
      placeTeacher(await managedEdition(second.id, edition.id), { email: y!.email, override: false, reason: null }),
    ]);
    expect([a, b].map((r) => (r.ok ? r.status : r.reason)).sort()).toEqual(["in-attesa", "iscritto"]);
    expect(await seatsOf(edition.id)).toMatchObject({ seatsTaken: 1, byStatus: { iscritto: 1, "in-attesa": 1 } });
  });

  it("a move into the target's last seat and a teacher enrolling there: one seat; the move without the waitlist is refused", async () => {
    const { organiser, edition, event } = await createOpenEdition({ seatCap: 5 });
    const target = await addEdition(event.id, { seatCap: 1 });
    const [moving, teacher] = await createTeachers(2);
    const place = await enrol(moving!.id, edition.id);
    expect(place).toMatchObject({ ok: true, status: "iscritto" });
    const scope = await managedEdition(organiser.id, edition.id);
    const [moved, enrolled] = await Promise.all([
      moveToEdition(scope, {
        enrolmentId: (place as { enrolmentId: string }).enrolmentId,
        targetEditionId: target.id,
        waitlist: false,
        reason: null,
      }),
      enrol(teacher!.id, target.id),
    ]);
    const outcomes = [moved.ok ? `moved:${moved.status}` : `move:${moved.reason}`, enrolled.ok ? enrolled.status : "x"];
    expect([
      ["moved:iscritto", "in-attesa"],
      ["move:target-full", "iscritto"],
    ]).toContainEqual(outcomes);
    const there = await seatsOf(target.id);
    expect(there.seatsTaken).toBe(1);
    expect(there.byStatus.iscritto).toBe(1);
    // The source keeps the teacher's seat when the move was refused, frees it when it went through.
    expect((await seatsOf(edition.id)).seatsTaken).toBe(moved.ok ? 0 : 1);
  });

  it("the cap lowered while teachers enrol: never more seated than the cap in force", async () => {
    const { organiser, edition } = await createOpenEdition({ seatCap: 6 });
    const teachers = await createTeachers(8);
    expect(await enrol(teachers[0]!.id, edition.id)).toMatchObject({ status: "iscritto" });
    expect(await enrol(teachers[1]!.id, edition.id)).toMatchObject({ status: "iscritto" });
    const scope = await managedEdition(organiser.id, edition.id);
    const results = await Promise.all([
      ...teachers.slice(2).map((t) => enrol(t.id, edition.id)),
      changeSeatCap(scope, 3),
    ]);
    const capChange = results.at(-1) as Awaited<ReturnType<typeof changeSeatCap>>;
    const after = await seatsOf(edition.id);
    // Lowered to 3 only while no more than 3 were seated; refused below the seats already taken.
    if (capChange.ok) expect(after.seatCap).toBe(3);
    else expect(capChange).toEqual({ ok: false, reason: "below-taken" });
    expect(after.seatsTaken).toBeLessThanOrEqual(after.seatCap!);
    expect(after.byStatus.iscritto).toBe(after.seatsTaken);
    expect((after.byStatus.iscritto ?? 0) + (after.byStatus["in-attesa"] ?? 0)).toBe(8);
  });

  it("the cap lowered by a held transaction: the enrolment that waited on it is put on the waitlist", async () => {
    const { organiser, edition } = await createOpenEdition({ seatCap: 3 });
    const [a, b] = await createTeachers(2);
    expect(await enrol(a!.id, edition.id)).toMatchObject({ status: "iscritto" });
    const { first, second } = await held(
      async (tx) => {
        await tx.edition.updateMany({ where: { id: edition.id }, data: { seatCap: 1 } });
        return "lowered";
      },
      () => enrol(b!.id, edition.id),
    );
    expect(first).toBe("lowered");
    expect(second).toMatchObject({ ok: true, status: "in-attesa" });
    expect(await seatsOf(edition.id)).toMatchObject({ seatCap: 1, seatsTaken: 1 });
    void organiser;
  });
});

describe("an organiser places a teacher whose account is being closed", () => {
  it("the placement that waited on the edition's lock takes no place for the closed account", async () => {
    const { organiser, edition } = await createOpenEdition({ seatCap: 5 });
    const [teacher] = await createTeachers(1);
    const scope = await managedEdition(organiser.id, edition.id);
    let placing: ReturnType<typeof placeTeacher> | undefined;
    const { second: closed } = await held(
      // Another writer of the edition holds its lock: the placement (its preview passed: the account
      // was open) queues behind it while the account is closed.
      async (tx) => {
        await lockEdition(tx, edition.id, new Date());
        placing = placeTeacher(scope, { email: teacher!.email, override: false, reason: null });
        await pause(100);
        return "locked";
      },
      () => closeAccount(teacher!.id, teacher!.id),
    );
    expect(closed).toMatchObject({ ok: true });
    const placed = await placing!;
    const active = await prisma.enrolment.findMany({
      where: { userId: teacher!.id, status: { in: [...ACTIVE_STATUSES] } },
      select: { status: true },
    });
    // Refused, or released by the closure: never an active place of a closed account, nor a seat for it.
    expect({ placed: placed.ok ? "placed-then-released" : placed.reason, active }).toMatchObject({ active: [] });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: teacher!.id } })).closedAt).not.toBeNull();
    expect(await seatsOf(edition.id)).toMatchObject({ seatsTaken: 0 });
  });
});

/** The organiser closing the event (changeEventStatus's own writes), inside the caller's transaction. */
const closeEvent = (tx: Parameters<typeof writeEventStatus>[0], actorId: string, eventId: string) =>
  writeEventStatus(
    tx,
    actorId,
    eventId,
    { from: "pubblicato", to: "chiuso", firstPublication: false, cancellationReason: null },
    new Date(),
  );

const MOTIVATION = "Vorrei avviare un progetto STEM con scuole di altri paesi.";

describe("a teacher enrols while the organiser closes the event (ADR 0084)", () => {
  it("the enrolment that waited on the close is refused as the closed event refuses: no seat, no waitlist place", async () => {
    // One seat, taken: the first late request would wait, the second would take it were it free.
    const { organiser, edition, event } = await createOpenEdition({ seatCap: 1 });
    const [early, late] = await createTeachers(2);
    expect(await enrol(early!.id, edition.id)).toMatchObject({ ok: true, status: "iscritto" });
    const { first, second } = await held(
      (tx) => closeEvent(tx, organiser.id, event.id),
      () => enrol(late!.id, edition.id),
    );
    expect(first).toBe("changed");
    expect(second).toEqual({ ok: false, reason: "event-not-open" });
    expect(await seatsOf(edition.id)).toEqual({
      status: "iscrizioni-chiuse",
      seatCap: 1,
      seatsTaken: 1,
      byStatus: { iscritto: 1 },
    });
  });

  it("the same with a free seat", async () => {
    const { organiser, edition, event } = await createOpenEdition({ seatCap: 5 });
    const [late] = await createTeachers(1);
    const { second } = await held(
      (tx) => closeEvent(tx, organiser.id, event.id),
      () => enrol(late!.id, edition.id),
    );
    expect(second).toEqual({ ok: false, reason: "event-not-open" });
    expect(await seatsOf(edition.id)).toMatchObject({ seatsTaken: 0, byStatus: {} });
  });

  it("the same in an edition split into regional quotas (the pools' transaction)", async () => {
    const { organiser, edition, event } = await createOpenEdition({ seatCap: 5 });
    expect(await addQuota(await managedEdition(organiser.id, edition.id), "lazio", 2)).toEqual({ ok: true });
    const [late] = await createTeachers(1, "lazio");
    const { second } = await held(
      (tx) => closeEvent(tx, organiser.id, event.id),
      () => enrol(late!.id, edition.id),
    );
    expect(second).toEqual({ ok: false, reason: "event-not-open" });
    expect(await seatsOf(edition.id)).toMatchObject({ seatsTaken: 0, byStatus: {} });
  });

  it("an application that waited on the close is refused", async () => {
    const { organiser, edition, event } = await createOpenEdition({ seatCap: 5 });
    const scope = await managedEdition(organiser.id, edition.id);
    expect(await setAdmission(scope, "candidatura")).toEqual({ ok: true });
    expect(await saveApplicationSetup(scope, { questions: [], criteria: [] })).toEqual({ ok: true });
    const [late] = await createTeachers(1);
    const { second } = await held(
      (tx) => closeEvent(tx, organiser.id, event.id),
      () => apply(late!.id, edition.id, { motivation: MOTIVATION, answers: {} }),
    );
    expect(second).toEqual({ ok: false, reason: "event-not-open" });
    expect(await seatsOf(edition.id)).toMatchObject({ seatsTaken: 0, byStatus: {} });
  });

  it("an offer accepted while the event closes is refused: the close ended it, its seat goes to nobody", async () => {
    const { organiser, edition, event } = await createOpenEdition({ seatCap: 1, promotionMode: "offerta" });
    const [seated, offered] = await createTeachers(2);
    const seat = await enrol(seated!.id, edition.id);
    const wait = await enrol(offered!.id, edition.id);
    expect(wait).toMatchObject({ ok: true, status: "in-attesa" });
    expect(await cancelByTeacher(seated!.id, (seat as { enrolmentId: string }).enrolmentId)).toEqual({ ok: true });
    const offer = (wait as { enrolmentId: string }).enrolmentId;
    expect((await prisma.enrolment.findUniqueOrThrow({ where: { id: offer } })).status).toBe("offerta");
    const { second } = await held(
      (tx) => closeEvent(tx, organiser.id, event.id),
      () => acceptOffer(offered!.id, offer),
    );
    expect(second).toMatchObject({ ok: false });
    expect(await seatsOf(edition.id)).toMatchObject({
      status: "iscrizioni-chiuse",
      seatsTaken: 0,
      byStatus: { annullato: 1, "offerta-scaduta": 1 },
    });
  });

  it("an offer accepted just before the event closes stays accepted: the close that waited finds the seat taken", async () => {
    const { organiser, edition, event } = await createOpenEdition({ seatCap: 1, promotionMode: "offerta" });
    const [seated, offered] = await createTeachers(2);
    const seat = await enrol(seated!.id, edition.id);
    const wait = await enrol(offered!.id, edition.id);
    expect(await cancelByTeacher(seated!.id, (seat as { enrolmentId: string }).enrolmentId)).toEqual({ ok: true });
    const offer = (wait as { enrolmentId: string }).enrolmentId;
    // The acceptance has written the row and not yet committed when the organiser closes the event. The close
    // read the offer as still open and then overwrote the accepted seat (PostgreSQL, before the acceptance
    // took the edition's lock): offerta → iscritto → offerta-scaduta, the teacher told both.
    const { first, second } = await held(
      (tx) => acceptOfferIn(tx, offered!.id, offer, new Date()),
      () => prisma.$transaction((tx) => closeEvent(tx, organiser.id, event.id), SEAT_TRANSACTION),
    );
    expect(first).toEqual({ ok: true });
    expect(second).toBeTruthy();
    expect(await seatsOf(edition.id)).toMatchObject({
      status: "iscrizioni-chiuse",
      seatsTaken: 1,
      byStatus: { annullato: 1, iscritto: 1 },
    });
    const changes = await prisma.enrolmentChange.findMany({ where: { enrolmentId: offer }, orderBy: { at: "asc" } });
    expect(changes.map((c) => `${c.fromStatus}→${c.toStatus}`)).toEqual([
      "null→in-attesa",
      "in-attesa→offerta",
      "offerta→iscritto",
    ]);
  });

  it("the organiser's placement that waited on the close places nobody", async () => {
    const { organiser, edition, event } = await createOpenEdition({ seatCap: 5 });
    const [teacher] = await createTeachers(1);
    const scope = await managedEdition(organiser.id, edition.id);
    const { second: placed } = await held(
      (tx) => closeEvent(tx, organiser.id, event.id),
      () => placeTeacher(scope, { email: teacher!.email, override: true, reason: "Deroga per prova" }),
    );
    expect(placed).toEqual({ ok: false, reason: "refused" });
    expect(await seatsOf(edition.id)).toMatchObject({ seatsTaken: 0, byStatus: {} });
  });
});

describe("the organiser saves the event form while the event is closed (ADR 0084)", () => {
  it("the save that waited on the close finds the event closed and changes nothing", async () => {
    const { id: nationalId, actor } = await createNationalUnit();
    const fields = twoWebinarsFields(unique("Chiusura e modifica "));
    const { eventId, editions } = await publishEvent(actor, fields);
    const stored: EventFormFields = { ...fields, "editions[0].id": editions[0]!.id, "editions[0].seatCap": "40" };
    editions[0]!.sessions.forEach((x, j) => (stored[`editions[0].sessions[${j}].id`] = x.id));
    const { first, second } = await held(
      (tx) => closeEvent(tx, nationalId, eventId),
      () => updateEvent(actor, eventId, eventInputFrom(stored)),
    );
    expect(first).toBe("changed");
    expect(second).toMatchObject({ ok: false, status: 409 });
    expect(await seatsOf(editions[0]!.id)).toMatchObject({ status: "iscrizioni-chiuse", seatCap: 30 });
  });
});

describe("the places of an event when it closes (ADR 0084)", () => {
  it("open offers expire, people in line stay there, and a seat freed afterwards goes to nobody", async () => {
    const { organiser, edition, event } = await createOpenEdition({ seatCap: 2, promotionMode: "offerta" });
    const [a, b, c, d] = await createTeachers(4);
    const places: { enrolmentId: string }[] = [];
    for (const t of [a, b, c, d]) places.push((await enrol(t!.id, edition.id)) as { enrolmentId: string });
    // a and b seated, c and d waiting; a leaves: c is offered the seat.
    expect(await cancelByTeacher(a!.id, places[0]!.enrolmentId)).toEqual({ ok: true });
    const actor = { userId: organiser.id, roles: [{ role: "unita-nazionale", regionCode: "" }] };
    expect(await changeEventStatus(actor, event.id, "chiuso")).toEqual({ ok: true });
    const status = async (i: number) =>
      (await prisma.enrolment.findUniqueOrThrow({ where: { id: places[i]!.enrolmentId } })).status;
    expect([await status(1), await status(2), await status(3)]).toEqual(["iscritto", "offerta-scaduta", "in-attesa"]);
    expect(
      await prisma.notification.count({ where: { kind: "offerta-scaduta", enrolmentId: places[2]!.enrolmentId } }),
    ).toBe(1);
    expect(await acceptOffer(c!.id, places[2]!.enrolmentId)).toMatchObject({ ok: false });
    // b leaves: nobody is offered or given the seat.
    expect(await cancelByTeacher(b!.id, places[1]!.enrolmentId)).toEqual({ ok: true });
    expect(await status(3)).toBe("in-attesa");
    expect(await seatsOf(edition.id)).toMatchObject({ status: "iscrizioni-chiuse", seatsTaken: 0 });
    // Nobody enrols or is placed any more.
    const [e] = await createTeachers(1);
    expect(await enrol(e!.id, edition.id)).toEqual({ ok: false, reason: "event-not-open" });
  });
});

describe("a teacher enrols while closing their own account in another tab (ADR 0084)", () => {
  /** The teacher as the enrol POST's session lookup read them, before the account was closed. */
  const sessionOf = (id: string) =>
    prisma.user.findUniqueOrThrow({
      where: { id },
      select: { id: true, regionCode: true, schoolLevel: true, professionalRole: true },
    });
  const activePlacesOf = (userId: string) =>
    prisma.enrolment.findMany({ where: { userId, status: { in: [...ACTIVE_STATUSES] } }, select: { status: true } });

  it("an enrolment queued on the edition's lock while the account closes leaves no place for it", async () => {
    const { edition } = await createOpenEdition({ seatCap: 5 });
    const [teacher] = await createTeachers(1);
    let enrolling: ReturnType<typeof enrol> | undefined;
    const { second: closed } = await held(
      // Another writer holds the edition's lock: the enrolment (past its eligibility: the account was open)
      // queues behind it while the account is closed.
      async (tx) => {
        await lockEdition(tx, edition.id, new Date());
        enrolling = enrol(teacher!.id, edition.id);
        await pause(100);
        return "locked";
      },
      () => closeAccount(teacher!.id, teacher!.id),
    );
    expect(closed).toMatchObject({ ok: true });
    const enrolled = await enrolling!;
    // Refused, or taken first and then released by the closure: never an active place of a closed account.
    expect({
      enrolled: enrolled.ok ? "enrolled-then-released" : enrolled.reason,
      active: await activePlacesOf(teacher!.id),
    }).toMatchObject({ active: [] });
    expect(await seatsOf(edition.id)).toMatchObject({ seatsTaken: 0 });
  });

  it("a request already past eligibility when the closure commits takes no seat (the burst's write)", async () => {
    const { edition, event } = await createOpenEdition({ seatCap: 5 });
    const [teacher] = await createTeachers(1);
    const session = await sessionOf(teacher!.id);
    expect(await closeAccount(teacher!.id, teacher!.id)).toMatchObject({ ok: true });
    expect(await enrolAsRequested(session, event.id, edition.id, new Date())).toEqual({
      ok: false,
      reason: "account-closed",
    });
    expect(await activePlacesOf(teacher!.id)).toEqual([]);
    expect(await seatsOf(edition.id)).toMatchObject({ seatsTaken: 0, byStatus: {} });
  });

  it("nor a waitlist place in a full edition", async () => {
    const { edition, event } = await createOpenEdition({ seatCap: 1 });
    const [other, teacher] = await createTeachers(2);
    expect(await enrol(other!.id, edition.id)).toMatchObject({ ok: true, status: "iscritto" });
    const session = await sessionOf(teacher!.id);
    expect(await closeAccount(teacher!.id, teacher!.id)).toMatchObject({ ok: true });
    expect(await enrolAsRequested(session, event.id, edition.id, new Date())).toEqual({
      ok: false,
      reason: "account-closed",
    });
    expect(await activePlacesOf(teacher!.id)).toEqual([]);
  });

  it("the same in an edition split into regional quotas (the pools' transaction)", async () => {
    const { organiser, edition, event } = await createOpenEdition({ seatCap: 5 });
    expect(await addQuota(await managedEdition(organiser.id, edition.id), "lazio", 2)).toEqual({ ok: true });
    const [teacher] = await createTeachers(1, "lazio");
    const session = await sessionOf(teacher!.id);
    expect(await closeAccount(teacher!.id, teacher!.id)).toMatchObject({ ok: true });
    expect(await enrolAsRequested(session, event.id, edition.id, new Date())).toEqual({
      ok: false,
      reason: "account-closed",
    });
    expect(await activePlacesOf(teacher!.id)).toEqual([]);
    expect(await seatsOf(edition.id)).toMatchObject({ seatsTaken: 0, byStatus: {} });
  });

  it("an application sent as the account closes is refused", async () => {
    const { organiser, edition } = await createOpenEdition({ seatCap: 5 });
    const scope = await managedEdition(organiser.id, edition.id);
    expect(await setAdmission(scope, "candidatura")).toEqual({ ok: true });
    expect(await saveApplicationSetup(scope, { questions: [], criteria: [] })).toEqual({ ok: true });
    const [teacher] = await createTeachers(1);
    let applying: ReturnType<typeof apply> | undefined;
    const { second: closed } = await held(
      async (tx) => {
        await lockEdition(tx, edition.id, new Date());
        applying = apply(teacher!.id, edition.id, { motivation: MOTIVATION, answers: {} });
        await pause(100);
        return "locked";
      },
      () => closeAccount(teacher!.id, teacher!.id),
    );
    expect(closed).toMatchObject({ ok: true });
    const applied = await applying!;
    expect({
      applied: applied.ok ? "applied-then-withdrawn" : applied.reason,
      active: await activePlacesOf(teacher!.id),
    }).toMatchObject({ active: [] });
  });
});
