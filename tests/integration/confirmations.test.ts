// Irreversible actions need a second, explicit step (issue 12 item 5): a POST that cancels an
// enrolment, leaves the waiting list, declines an offered seat or withdraws an application without
// the confirmation step's `confirm=yes` is refused (400) and changes nothing; with it, it is done.
import { describe, expect, it } from "vitest";
import { enrol, removeByOrganiser } from "../../app/models/enrolment.server.ts";
import * as myEnrolmentsRoute from "../../app/routes/le-mie-iscrizioni.tsx";
import { prisma } from "../../app/utils/db.server.ts";
import { addEdition, createOpenEdition, createUser } from "../support/factories.ts";
import { managedEdition } from "../support/scopes.ts";
import { callRoute, cookieOf, routeRequest, statusOf, type Handler } from "../support/routes.ts";

const post = async (userId: string, form: Record<string, string>) =>
  callRoute(
    myEnrolmentsRoute.action as Handler,
    routeRequest("http://localhost/le-mie-iscrizioni", { cookie: await cookieOf(userId), form }),
  );
const statusNow = async (enrolmentId: string) =>
  (await prisma.enrolment.findUniqueOrThrow({ where: { id: enrolmentId } })).status;

describe("cancelling from Le mie iscrizioni", () => {
  it("refuses a cancellation without the confirmation step and accepts it with it", async () => {
    const { edition } = await createOpenEdition({ seatCap: 1 });
    const holder = await createUser();
    const waiting = await createUser();
    expect(await enrol(holder.id, edition.id)).toMatchObject({ ok: true, status: "iscritto" });
    expect(await enrol(waiting.id, edition.id)).toMatchObject({ ok: true, status: "in-attesa" });
    const enrolmentOf = (userId: string) =>
      prisma.enrolment.findFirstOrThrow({ where: { userId, editionId: edition.id } });

    for (const userId of [holder.id, waiting.id]) {
      const before = await enrolmentOf(userId);
      const refused = await post(userId, { intent: "cancel", enrolmentId: before.id });
      expect(statusOf(refused)).toBe(400);
      expect((await enrolmentOf(userId)).status).toBe(before.status);
    }

    const waitingEnrolment = await enrolmentOf(waiting.id);
    const done = await post(waiting.id, { intent: "cancel", enrolmentId: waitingEnrolment.id, confirm: "yes" });
    expect(statusOf(done)).toBe(302);
    expect((await enrolmentOf(waiting.id)).status).not.toBe("in-attesa");
    expect((await enrolmentOf(holder.id)).status).toBe("iscritto");
  });
});

describe("declining an offered seat and withdrawing an application from Le mie iscrizioni", () => {
  it("refuses a decline without the confirmation step, keeping the offer, and declines with it", async () => {
    const { organiser, edition } = await createOpenEdition({ seatCap: 1, promotionMode: "offerta" });
    const holder = await createUser();
    const offered = await createUser();
    const held = await enrol(holder.id, edition.id);
    const waiting = await enrol(offered.id, edition.id);
    if (!held.ok || !waiting.ok) throw new Error("expected two places");
    await removeByOrganiser(await managedEdition(organiser.id, edition.id), held.enrolmentId, "x");
    expect(await statusNow(waiting.enrolmentId)).toBe("offerta");

    const refused = await post(offered.id, { intent: "decline", enrolmentId: waiting.enrolmentId });
    expect(statusOf(refused)).toBe(400);
    expect(await statusNow(waiting.enrolmentId)).toBe("offerta");

    const done = await post(offered.id, { intent: "decline", enrolmentId: waiting.enrolmentId, confirm: "yes" });
    expect(statusOf(done)).toBe(302);
    expect(await statusNow(waiting.enrolmentId)).toBe("offerta-rifiutata");
  });

  it("refuses a withdrawal without the confirmation step, keeping the application, and withdraws with it", async () => {
    const { event } = await createOpenEdition();
    const edition = await addEdition(event.id, { admission: "candidatura" });
    const teacher = await createUser();
    const application = await prisma.enrolment.create({
      data: {
        editionId: edition.id,
        eventId: event.id,
        userId: teacher.id,
        status: "candidato",
        activeKey: `${event.id}:${teacher.id}`,
      },
    });

    const refused = await post(teacher.id, { intent: "withdraw", enrolmentId: application.id });
    expect(statusOf(refused)).toBe(400);
    expect(await statusNow(application.id)).toBe("candidato");

    const done = await post(teacher.id, { intent: "withdraw", enrolmentId: application.id, confirm: "yes" });
    expect(statusOf(done)).toBe(302);
    expect(await statusNow(application.id)).toBe("annullato");
  });
});
