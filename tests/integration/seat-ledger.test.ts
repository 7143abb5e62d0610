// The seat ledger on a real database: the event form and the edition page apply the same
// cap-change rule under the edition's lock, and the edition's state machine refuses seat and
// status actions on a cancelled edition, changing nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../app/domain/permissions.ts";
import { cancelByTeacher, enrol, removeByOrganiser } from "../../app/models/enrolment.server.ts";
import {
  addQuota,
  cancelEdition,
  changeEditionSettings,
  changePromotionMode,
  changeSeatCap,
  closeEnrolmentEarly,
  releaseQuota,
} from "../../app/models/seat-ledger.server.ts";
import { eventEditFingerprint, getManagedEvent, updateEvent } from "../../app/models/event.server.ts";
import { prisma } from "../../app/utils/db.server.ts";
import { eventFormFields, eventInputFrom } from "../support/event-form-fields.ts";
import { createOpenEdition, createTeachers } from "../support/factories.ts";
import { createNationalUnit, publishEvent } from "../support/events.ts";
import { managedEdition } from "../support/scopes.ts";

afterAll(() => prisma.$disconnect());

let national: Actor;
let nationalId: string;
beforeAll(async () => {
  ({ id: nationalId, actor: national } = await createNationalUnit());
});

/** A published Toscana event whose one edition has the given cap and is open for enrolment now. */
async function publishedEdition(seatCap: number) {
  const year = new Date().getUTCFullYear() + 1;
  const fields = eventFormFields({
    // Open to every region: a regional quota is only for a region whose teachers may enrol (ADR 0011).
    openToAllRegions: "on",
    "editions[0].startsOn": `${year}-03-01`,
    "editions[0].endsOn": `${year}-03-10`,
    "editions[0].seatCap": String(seatCap),
    "editions[0].enrolmentOpensAt": `${year - 2}-01-01T09:00`,
    "editions[0].enrolmentClosesAt": `${year}-02-20T23:59`,
    "editions[0].sessions[0].startsAt": `${year}-03-01T15:00`,
    "editions[0].sessions[0].endsAt": `${year}-03-01T17:00`,
    "editions[0].sessions[1].startsAt": `${year}-03-02T09:00`,
    "editions[0].sessions[1].endsAt": `${year}-03-10T23:00`,
  });
  const {
    eventId,
    editions: [edition],
  } = await publishEvent(national, fields);
  /** The event form as it would be posted again, with the edition's cap changed. */
  const withCap = (cap: string) =>
    eventInputFrom({
      ...fields,
      "editions[0].id": edition!.id,
      "editions[0].seatCap": cap,
      "editions[0].sessions[0].id": edition!.sessions[0]!.id,
      "editions[0].sessions[1].id": edition!.sessions[1]!.id,
    });
  return { eventId, edition: edition!, withCap };
}

async function counters(editionId: string) {
  const e = await prisma.edition.findUniqueOrThrow({
    where: { id: editionId },
    select: { seatCap: true, seatsTaken: true },
  });
  const seated = await prisma.enrolment.count({ where: { editionId, status: { in: ["iscritto", "offerta"] } } });
  return { ...e, seated };
}

function placeOf(userId: string, editionId: string) {
  return prisma.enrolment.findFirstOrThrow({ where: { userId, editionId } });
}

describe("one cap-change rule for the event form and the edition page", () => {
  it("cap 4 with a 3-seat quota cannot become 2 from the event form, as from the edition page; no overbooking", async () => {
    const { eventId, edition, withCap } = await publishedEdition(4);
    expect(await addQuota(await managedEdition(nationalId, edition.id), "toscana", 3)).toEqual({ ok: true });

    expect(await changeSeatCap(await managedEdition(nationalId, edition.id), 2)).toEqual({
      ok: false,
      reason: "below-quotas",
    });
    const fromForm = await updateEvent(national, eventId, withCap("2"));
    expect(fromForm).toMatchObject({
      ok: false,
      status: 400,
      reason: "invalid",
      fieldErrors: { "editions[0].seatCap": ["events.error.seatCapBelowQuotas"] },
    });
    expect((await counters(edition.id)).seatCap).toBe(4);

    // The three Toscana teachers all take their quota's seats: within the cap.
    for (const t of await createTeachers(3, "toscana")) expect((await enrol(t.id, edition.id)).ok).toBe(true);
    expect(await counters(edition.id)).toEqual({ seatCap: 4, seatsTaken: 3, seated: 3 });
  });

  it("both pages accept the same allowed change, and a raised cap from the form fills the waitlist", async () => {
    const { eventId, edition, withCap } = await publishedEdition(2);
    const teachers = await createTeachers(4, "toscana");
    for (const t of teachers) expect((await enrol(t.id, edition.id)).ok).toBe(true);
    expect(await counters(edition.id)).toEqual({ seatCap: 2, seatsTaken: 2, seated: 2 });
    expect(await updateEvent(national, eventId, withCap("3"))).toEqual({ ok: true, eventId });
    expect(await counters(edition.id)).toEqual({ seatCap: 3, seatsTaken: 3, seated: 3 });
    expect(await changeSeatCap(await managedEdition(nationalId, edition.id), 4)).toEqual({ ok: true });
    expect(await counters(edition.id)).toEqual({ seatCap: 4, seatsTaken: 4, seated: 4 });
    expect(await changeSeatCap(await managedEdition(nationalId, edition.id), 3)).toEqual({
      ok: false,
      reason: "below-taken",
    });
    expect(await updateEvent(national, eventId, withCap("3"))).toMatchObject({
      ok: false,
      fieldErrors: { "editions[0].seatCap": ["events.error.seatCapBelowTaken"] },
    });
  });
});

describe("an event form saved over a change made since it was filled in", () => {
  async function fingerprintOf(eventId: string) {
    const found = await getManagedEvent(national, eventId);
    if (!found.ok) throw new Error(found.reason);
    return eventEditFingerprint(found.event);
  }

  it("is refused when the cap was raised on the edition page meanwhile, the raised cap kept", async () => {
    const { eventId, edition, withCap } = await publishedEdition(2);
    const basedOn = await fingerprintOf(eventId);
    expect(await changeSeatCap(await managedEdition(nationalId, edition.id), 5)).toEqual({ ok: true });

    // The form still says 2 seats: saved, it would take back the three seats given on the edition page.
    const stale = await updateEvent(national, eventId, { ...withCap("2"), title: "Titolo nuovo", basedOn });
    expect(stale).toEqual({
      ok: false,
      status: 409,
      reason: "changed-meanwhile",
      basedOn: await fingerprintOf(eventId),
    });
    const stored = await prisma.event.findUniqueOrThrow({ where: { id: eventId }, select: { title: true } });
    expect([stored.title, (await counters(edition.id)).seatCap]).toEqual([eventFormFields().title, 5]);

    // Saved again from the refusal (the organiser has seen it), the form's values are what they chose.
    const again = await updateEvent(national, eventId, { ...withCap("4"), basedOn: await fingerprintOf(eventId) });
    expect(again).toEqual({ ok: true, eventId });
    expect((await counters(edition.id)).seatCap).toBe(4);
  });

  it("is not refused for enrolments and cancellations meanwhile: seats taken are not in the form", async () => {
    const { eventId, edition, withCap } = await publishedEdition(2);
    const basedOn = await fingerprintOf(eventId);
    const [a, b, c] = await createTeachers(3, "toscana");
    for (const t of [a!, b!, c!]) expect((await enrol(t.id, edition.id)).ok).toBe(true);
    expect((await cancelByTeacher(a!.id, (await placeOf(a!.id, edition.id)).id)).ok).toBe(true);

    expect(await updateEvent(national, eventId, { ...withCap("3"), basedOn })).toEqual({ ok: true, eventId });
    expect(await counters(edition.id)).toEqual({ seatCap: 3, seatsTaken: 2, seated: 2 });
  });
});

describe("the edition's state machine", () => {
  it("refuses to close enrolment on a cancelled edition: it stays cancelled", async () => {
    const { edition, organiser } = await createOpenEdition({ seatCap: 5 });
    expect(await cancelEdition(await managedEdition(organiser.id, edition.id), "Docente indisponibile")).toEqual({
      ok: true,
    });
    expect(await closeEnrolmentEarly(await managedEdition(organiser.id, edition.id))).toEqual({
      ok: false,
      reason: "edition-cancelled",
    });
    expect((await prisma.edition.findUniqueOrThrow({ where: { id: edition.id } })).status).toBe("annullata");
    expect(await cancelEdition(await managedEdition(organiser.id, edition.id), "Di nuovo")).toEqual({
      ok: false,
      reason: "edition-cancelled",
    });
  });

  it("refuses cap, quota and promotion changes on a cancelled edition, with no change", async () => {
    const { edition, organiser } = await createOpenEdition({ seatCap: 5 });
    expect(await addQuota(await managedEdition(organiser.id, edition.id), "lazio", 2)).toEqual({ ok: true });
    const quota = await prisma.editionQuota.findFirstOrThrow({ where: { editionId: edition.id } });
    await cancelEdition(await managedEdition(organiser.id, edition.id), "Annullata");
    // Cancelling released the quota with the edition (ADR 0011): nobody holds it, nobody will.
    const releasedAt = (await prisma.editionQuota.findUniqueOrThrow({ where: { id: quota.id } })).releasedAt;
    expect(releasedAt).not.toBeNull();
    const refused = { ok: false, reason: "edition-cancelled" };
    expect(await changeSeatCap(await managedEdition(organiser.id, edition.id), 9)).toEqual(refused);
    expect(await addQuota(await managedEdition(organiser.id, edition.id), "toscana", 1)).toEqual(refused);
    expect(await releaseQuota(await managedEdition(organiser.id, edition.id), quota.id)).toEqual(refused);
    expect(await changePromotionMode(await managedEdition(organiser.id, edition.id), "offerta", 24)).toEqual(refused);
    const after = await prisma.edition.findUniqueOrThrow({ where: { id: edition.id }, include: { quotas: true } });
    expect(after).toMatchObject({ seatCap: 5, promotionMode: "automatica", status: "annullata" });
    expect(after.quotas).toHaveLength(1);
    expect(after.quotas[0]!.releasedAt).toEqual(releasedAt);
  });

  it("closing twice is refused the second time (already closed)", async () => {
    const { edition, organiser } = await createOpenEdition({ seatCap: 5 });
    expect(await closeEnrolmentEarly(await managedEdition(organiser.id, edition.id))).toEqual({ ok: true });
    expect(await closeEnrolmentEarly(await managedEdition(organiser.id, edition.id))).toEqual({
      ok: false,
      reason: "edition-closed",
    });
  });
});

describe("offers never outlive the edition", () => {
  const HOUR = 3600_000;
  it("a seat freed the evening before a morning webinar is offered until the webinar starts, not 36 hours", async () => {
    const now = new Date();
    const webinar = new Date(now.getTime() + 12 * HOUR);
    const { edition } = await createOpenEdition({
      seatCap: 1,
      promotionMode: "offerta",
      offerHours: 36,
      sessionStartsAt: webinar,
    });
    const [a, b] = await createTeachers(2);
    await enrol(a!.id, edition.id, now);
    await enrol(b!.id, edition.id, now);
    expect(await cancelByTeacher(a!.id, (await placeOf(a!.id, edition.id)).id, now)).toEqual({ ok: true });
    const offered = await placeOf(b!.id, edition.id);
    expect(offered.status).toBe("offerta");
    expect(offered.offerExpiresAt!.getTime()).toBe(webinar.getTime());
  });

  it("with less than an hour left before the last session, the next in line is promoted at once", async () => {
    const now = new Date();
    const { edition } = await createOpenEdition({
      seatCap: 1,
      promotionMode: "offerta",
      offerHours: 48,
      sessionStartsAt: new Date(now.getTime() + 30 * 60_000),
    });
    const [a, b] = await createTeachers(2);
    await enrol(a!.id, edition.id, now);
    await enrol(b!.id, edition.id, now);
    expect(
      await removeByOrganiser(
        await managedEdition(nationalId, edition.id),
        (await placeOf(a!.id, edition.id)).id,
        "Errore",
        now,
      ),
    ).toEqual({
      ok: true,
    });
    expect(await placeOf(b!.id, edition.id)).toMatchObject({ status: "iscritto", offerExpiresAt: null });
    expect(await counters(edition.id)).toEqual({ seatCap: 1, seatsTaken: 1, seated: 1 });
  });
});

describe("a seat freed after the edition ended goes to nobody", () => {
  // Found by an audit: the organiser removing a no-show from a finished webinar (or raising its cap)
  // promoted the first teacher still on its waitlist into it, with a "Si è liberato un posto per te:
  // la tua iscrizione è confermata" email for a webinar that was over.
  const HOUR = 3600_000;
  for (const promotionMode of ["automatica", "offerta"] as const) {
    it(`removing a participant or raising the cap promotes and offers nothing (${promotionMode})`, async () => {
      const now = new Date();
      const { edition } = await createOpenEdition({
        seatCap: 1,
        promotionMode,
        sessionStartsAt: new Date(now.getTime() + 3 * HOUR),
      });
      const [a, b] = await createTeachers(2);
      await enrol(a!.id, edition.id, now);
      await enrol(b!.id, edition.id, now);
      // The 2-hour webinar ended an hour ago.
      const later = new Date(now.getTime() + 6 * HOUR);
      const organiser = await managedEdition(nationalId, edition.id);
      expect(await removeByOrganiser(organiser, (await placeOf(a!.id, edition.id)).id, "Assente", later)).toEqual({
        ok: true,
      });
      expect(await changeSeatCap(organiser, 3, later)).toEqual({ ok: true });
      const waiting = await placeOf(b!.id, edition.id);
      expect(waiting).toMatchObject({ status: "in-attesa", offerExpiresAt: null });
      expect(await counters(edition.id)).toEqual({ seatCap: 3, seatsTaken: 0, seated: 0 });
      expect(
        await prisma.notification.count({
          where: { enrolmentId: waiting.id, kind: { in: ["promosso", "posto-offerto"] } },
        }),
      ).toBe(0);
    });
  }

  it("while the last session is still running, the next in line is still promoted (unchanged)", async () => {
    const now = new Date();
    const { edition } = await createOpenEdition({ seatCap: 1, sessionStartsAt: new Date(now.getTime() + 3 * HOUR) });
    const [a, b] = await createTeachers(2);
    await enrol(a!.id, edition.id, now);
    await enrol(b!.id, edition.id, now);
    const during = new Date(now.getTime() + 4 * HOUR);
    expect(
      await removeByOrganiser(
        await managedEdition(nationalId, edition.id),
        (await placeOf(a!.id, edition.id)).id,
        "Errore",
        during,
      ),
    ).toEqual({ ok: true });
    expect(await placeOf(b!.id, edition.id)).toMatchObject({ status: "iscritto" });
  });
});

describe("offer window and cancellation cut-off from the edition page", () => {
  it("are saved when valid, and refused (nothing changes) when out of range, after the first session, or cancelled", async () => {
    const sessionStartsAt = new Date(Date.now() + 20 * 24 * 3600_000);
    const { edition, organiser } = await createOpenEdition({ seatCap: 5, sessionStartsAt });
    const cutoff = new Date(sessionStartsAt.getTime() - 2 * 24 * 3600_000);
    expect(
      await changeEditionSettings(await managedEdition(organiser.id, edition.id), {
        promotionMode: "offerta",
        offerHours: 24,
        cancellationCutoffAt: cutoff,
      }),
    ).toEqual({ ok: true });
    const saved = { promotionMode: "offerta", offerHours: 24, cancellationCutoffAt: cutoff };
    expect(await prisma.edition.findUniqueOrThrow({ where: { id: edition.id } })).toMatchObject(saved);
    expect(
      await changeEditionSettings(await managedEdition(organiser.id, edition.id), {
        promotionMode: "automatica",
        offerHours: 24,
        cancellationCutoffAt: new Date(sessionStartsAt.getTime() + 1000),
      }),
    ).toEqual({ ok: false, reason: "cutoff-after-start" });
    expect(
      await changeEditionSettings(await managedEdition(organiser.id, edition.id), {
        promotionMode: "automatica",
        offerHours: 0,
        cancellationCutoffAt: null,
      }),
    ).toEqual({ ok: false, reason: "invalid" });
    await cancelEdition(await managedEdition(organiser.id, edition.id), "Annullata");
    expect(
      await changeEditionSettings(await managedEdition(organiser.id, edition.id), {
        promotionMode: "automatica",
        offerHours: 24,
        cancellationCutoffAt: null,
      }),
    ).toEqual({ ok: false, reason: "edition-cancelled" });
    expect(await prisma.edition.findUniqueOrThrow({ where: { id: edition.id } })).toMatchObject(saved);
  });
});
