// Irreversible actions need a second, explicit step (issue 12 item 5): a POST that cancels an
// enrolment or leaves the waiting list without the confirmation step's `confirm=yes` is refused
// (400) and changes nothing; with it, the enrolment is cancelled.
import { describe, expect, it } from "vitest";
import { enrol } from "../../app/models/enrolment.server.ts";
import * as myEnrolmentsRoute from "../../app/routes/le-mie-iscrizioni.tsx";
import { prisma } from "../../app/utils/db.server.ts";
import { createOpenEdition, createUser } from "../support/factories.ts";
import { callRoute, cookieOf, routeRequest, statusOf, type Handler } from "../support/routes.ts";

describe("cancelling from Le mie iscrizioni", () => {
  it("refuses a cancellation without the confirmation step and accepts it with it", async () => {
    const { edition } = await createOpenEdition({ seatCap: 1 });
    const holder = await createUser();
    const waiting = await createUser();
    expect(await enrol(holder.id, edition.id)).toMatchObject({ ok: true, status: "iscritto" });
    expect(await enrol(waiting.id, edition.id)).toMatchObject({ ok: true, status: "in-attesa" });
    const post = async (userId: string, form: Record<string, string>) =>
      callRoute(
        myEnrolmentsRoute.action as Handler,
        routeRequest("http://localhost/le-mie-iscrizioni", { cookie: await cookieOf(userId), form }),
      );
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
