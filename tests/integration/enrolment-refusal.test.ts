// A refused enrolment (a second try from a stale tab, a closed window) answers 409 with the reason
// and the edition, and nothing is written; the page the answer renders turns the reason into its
// sentence from the loader's own data (app/routes/eventi.$eventId_.iscrizione.tsx), so a refusal
// reads the event once, as a success does.
import { afterAll, describe, expect, it } from "vitest";
import { enrolmentRefusalMessage } from "../../app/components/enrolment-messages.ts";
import { translator } from "../../app/i18n/i18n.tsx";
import { activeKeyFor } from "../../app/domain/enrolment.ts";
import { enrol } from "../../app/models/enrolment.server.ts";
import { AlreadyHeld, takeSeatOrWaitlistTicket } from "../../app/models/enrolment-seat.server.ts";
import * as enrolPage from "../../app/routes/eventi.$eventId_.iscrizione.tsx";
import { prisma } from "../../app/utils/db.server.ts";
import { getEnv } from "../../app/utils/env.server.ts";
import { enrolmentAttempt } from "../../app/utils/rate-limit.server.ts";
import { createOpenEdition, createUser } from "../support/factories.ts";
import { cookieOf, runRoute } from "../support/routes.ts";

afterAll(() => prisma.$disconnect());

describe("a refused enrolment", () => {
  it("answers 409 with the reason and the edition, adds nothing, and the page's data words it", async () => {
    const { event, edition } = await createOpenEdition();
    const user = await createUser();
    const cookie = await cookieOf(user.id);
    const url = `http://localhost/eventi/${event.id}/iscrizione`;
    const params = { eventId: event.id };
    const first = await runRoute(enrolPage.action, { url, cookie, params, form: { editionId: edition.id } });
    expect(first.status).toBe(302);
    const counters = { seatsTaken: true, waitlistSeq: true, updatedAt: true } as const;
    const before = await prisma.edition.findUniqueOrThrow({ where: { id: edition.id }, select: counters });

    const again = await runRoute(enrolPage.action, { url, cookie, params, form: { editionId: edition.id } });
    expect(again).toMatchObject({
      status: 409,
      data: { refusal: { reason: "already-enrolled", editionId: edition.id } },
    });
    expect(await prisma.enrolment.count({ where: { userId: user.id } })).toBe(1);
    // The seat write found the place first (ADR 0030): the edition untouched, no change record or
    // notification, and the attempt counted once, as a success counts it.
    expect(await prisma.edition.findUniqueOrThrow({ where: { id: edition.id }, select: counters })).toEqual(before);
    expect(await prisma.enrolmentChange.count({ where: { enrolment: { userId: user.id } } })).toBe(1);
    expect(await prisma.notification.count({ where: { userId: user.id } })).toBe(1);
    expect((await prisma.rateLimit.findUnique({ where: { key: `enrolment:${user.id}` } }))?.points).toBe(2);

    const page = await runRoute(enrolPage.loader, { url, cookie, params });
    const data = page.data as {
      editions: { id: string; enrolmentOpensAt: string; enrolmentClosesAt: string }[];
      event: { regionCode: string | null };
      held: { status: string; editionNumber: number } | null;
    };
    // The page says which place the teacher holds, and offers no second one.
    expect(data.held).toEqual({ status: "iscritto", editionNumber: 1 });
    const sentence = enrolmentRefusalMessage(
      translator("it"),
      "it",
      "already-enrolled",
      data.editions.find((e) => e.id === edition.id),
      data.event.regionCode,
    );
    expect(sentence).toBe("Hai già un posto (o sei in lista d'attesa) in un'edizione di questa iniziativa.");
  });

  it("an event for some school levels and roles: outside them refused with the reason, page and POST agreeing; inside enrolled", async () => {
    // The audience is read with the edition (the POST) and with the event (the page) as JSON arrays
    // in one statement each (ADR 0045): two levels and two roles, so a list read as one value fails.
    const { event, edition } = await createOpenEdition({
      schoolLevels: ["infanzia", "secondaria-secondo-grado"],
      audienceRoles: ["dirigente", "docente"],
    });
    const url = `http://localhost/eventi/${event.id}/iscrizione`;
    const params = { eventId: event.id };
    const cases = [
      { teacher: { schoolLevel: "primaria", professionalRole: "docente" }, reason: "audience-school-level" },
      { teacher: { schoolLevel: "infanzia", professionalRole: "bibliotecario" }, reason: "audience-role" },
      { teacher: { schoolLevel: "secondaria-secondo-grado", professionalRole: "docente" }, reason: null },
    ] as const;
    for (const { teacher, reason } of cases) {
      const user = await createUser(teacher);
      const cookie = await cookieOf(user.id);
      const page = await runRoute(enrolPage.loader, { url, cookie, params });
      const shown = (
        page.data as { editions: { id: string; eligibility: { ok: boolean; reason?: string } }[] }
      ).editions.find((e) => e.id === edition.id)!.eligibility;
      const posted = await runRoute(enrolPage.action, { url, cookie, params, form: { editionId: edition.id } });
      if (reason === null) {
        expect(shown).toEqual({ ok: true });
        expect(posted.status).toBe(302);
        expect(await prisma.enrolment.count({ where: { userId: user.id } })).toBe(1);
      } else {
        expect(shown).toEqual({ ok: false, reason });
        expect(posted).toMatchObject({ status: 409, data: { refusal: { reason, editionId: edition.id } } });
        expect(await prisma.enrolment.count({ where: { userId: user.id } })).toBe(0);
      }
    }
  });

  it("past ENROLMENT_RATE_LIMIT attempts the POST answers 429: refusals count, the seat transaction counts its own", async () => {
    const { event, edition } = await createOpenEdition();
    const other = await createOpenEdition();
    const user = await createUser();
    const cookie = await cookieOf(user.id);
    const post = (eventId: string, editionId: string) =>
      runRoute(enrolPage.action, {
        url: `http://localhost/eventi/${eventId}/iscrizione`,
        cookie,
        params: { eventId },
        form: { editionId },
      });
    expect((await post(event.id, edition.id)).status).toBe(302);
    const limit = getEnv().ENROLMENT_RATE_LIMIT;
    for (let i = 1; i < limit; i++) expect((await post(event.id, edition.id)).status).toBe(409);
    // Over the limit: refused before any place is taken, even one that is free.
    expect((await post(other.event.id, other.edition.id)).status).toBe(429);
    expect(await prisma.enrolment.count({ where: { userId: user.id } })).toBe(1);
    expect((await prisma.rateLimit.findUnique({ where: { key: `enrolment:${user.id}` } }))?.points).toBe(limit + 1);
  });

  it("one teacher's requests racing each other: one place, the others already enrolled, each attempt counted once", async () => {
    // On PostgreSQL some of them pass the place's lookup together and meet the unique key (the
    // statement undone, its count with it, counted again on its own); the others find the place.
    const { edition } = await createOpenEdition({ seatCap: 1 });
    const user = await createUser();
    const attempt = enrolmentAttempt(user.id);
    const outcomes = await Promise.all(
      Array.from({ length: 6 }, () => enrol(user.id, edition.id, new Date(), { withPosition: false, attempt })),
    );
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(outcomes.filter((o) => !o.ok && o.reason === "already-enrolled")).toHaveLength(5);
    expect(await prisma.enrolment.count({ where: { userId: user.id } })).toBe(1);
    expect(await prisma.edition.findUniqueOrThrow({ where: { id: edition.id } })).toMatchObject({
      seatsTaken: 1,
      waitlistSeq: 0,
    });
    expect((await prisma.rateLimit.findUnique({ where: { key: `enrolment:${user.id}` } }))?.points).toBe(6);
  });

  it("the seat write answers a place already held itself, its count kept, nothing inserted and undone", async () => {
    // Not a failed insert rolled back (AlreadyHeld(false), whose count enrol() must make again): the
    // write finds the place (PostgreSQL: the held CTE; SQLite: INSERT … ON CONFLICT DO NOTHING, ADR 0036).
    const { event, edition } = await createOpenEdition({ seatCap: 1 });
    const user = await createUser();
    const attempt = enrolmentAttempt(user.id);
    expect(await enrol(user.id, edition.id, new Date(), { withPosition: false, attempt })).toMatchObject({ ok: true });
    const second = takeSeatOrWaitlistTicket({
      editionId: edition.id,
      eventId: event.id,
      userId: user.id,
      activeKey: activeKeyFor(event.id, user.id),
      payload: {},
      now: new Date(),
      attempt,
    });
    await expect(second).rejects.toBeInstanceOf(AlreadyHeld);
    await expect(second).rejects.toMatchObject({ attemptCounted: true });
    expect((await prisma.rateLimit.findUnique({ where: { key: `enrolment:${user.id}` } }))?.points).toBe(2);
    expect(await prisma.edition.findUniqueOrThrow({ where: { id: edition.id } })).toMatchObject({
      seatsTaken: 1,
      waitlistSeq: 0,
    });
  });

  it("an edition of another event than the page's is a 404 with nothing written", async () => {
    const { event } = await createOpenEdition();
    const { edition: elsewhere } = await createOpenEdition();
    const user = await createUser();
    const r = await runRoute(enrolPage.action, {
      url: `http://localhost/eventi/${event.id}/iscrizione`,
      cookie: await cookieOf(user.id),
      params: { eventId: event.id },
      form: { editionId: elsewhere.id },
    });
    expect(r).toMatchObject({ status: 404, data: { refusal: { reason: "not-found", editionId: elsewhere.id } } });
    expect(await prisma.enrolment.count({ where: { userId: user.id } })).toBe(0);
    // The attempt counts against the rate limit, as any refusal does.
    expect((await prisma.rateLimit.findUnique({ where: { key: `enrolment:${user.id}` } }))?.points).toBe(1);
  });

  it("an unknown edition is a 404 with nothing written", async () => {
    const { event } = await createOpenEdition();
    const user = await createUser();
    const r = await runRoute(enrolPage.action, {
      url: `http://localhost/eventi/${event.id}/iscrizione`,
      cookie: await cookieOf(user.id),
      params: { eventId: event.id },
      form: { editionId: "nessuna-edizione" },
    });
    expect(r).toMatchObject({ status: 404, data: { refusal: { reason: "not-found" } } });
    expect(await prisma.enrolment.count({ where: { userId: user.id } })).toBe(0);
  });
});
