// "Le mie iscrizioni" splits "In corso" from "Concluse o annullate" by the enrolment's status AND
// whether its edition has ended (isCurrentPlace, the rule the training plan uses): a seat in an
// edition that has ended is concluded training, and keeps its certificate; a waitlist position or
// an offer in an edition that has ended is no longer current either. Through the page's loader.
import { afterAll, describe, expect, it } from "vitest";
import { enrol } from "../../app/models/enrolment.server.ts";
import * as myEnrolmentsRoute from "../../app/routes/le-mie-iscrizioni.tsx";
import { prisma } from "../../app/utils/db.server.ts";
import { createCertificate, createOpenEdition, createUser, unique } from "../support/factories.ts";
import { bodyOf, callRoute, cookieOf, routeRequest, type Handler } from "../support/routes.ts";

afterAll(() => prisma.$disconnect());

type Page = {
  enrolments: {
    id: string;
    status: string;
    active: boolean;
    editionEnded: boolean;
    certificate: { code: string } | null;
  }[];
};

async function page(userId: string): Promise<Page["enrolments"]> {
  const result = await callRoute(
    myEnrolmentsRoute.loader as Handler,
    routeRequest("http://localhost/le-mie-iscrizioni", { cookie: await cookieOf(userId) }),
  );
  return bodyOf<Page>(result).enrolments;
}

describe("Le mie iscrizioni: current or concluded", () => {
  it("moves every place of an edition that has ended out of 'In corso', keeping the certificate", async () => {
    const { event, edition } = await createOpenEdition({ seatCap: 1, title: `Corso concluso ${unique("")}` });
    const [holder, waiting, offered] = [await createUser(), await createUser(), await createUser()];
    expect(await enrol(holder.id, edition.id)).toMatchObject({ ok: true, status: "iscritto" });
    expect(await enrol(waiting.id, edition.id)).toMatchObject({ ok: true, status: "in-attesa" });
    expect(await enrol(offered.id, edition.id)).toMatchObject({ ok: true, status: "in-attesa" });
    // The third is offered a seat (as a freed seat would be in "offerta" mode).
    await prisma.enrolment.updateMany({
      where: { userId: offered.id, editionId: edition.id },
      data: { status: "offerta", offerExpiresAt: new Date(Date.now() + 48 * 3600_000) },
    });
    const seat = await prisma.enrolment.findFirstOrThrow({ where: { userId: holder.id, editionId: edition.id } });
    const certificate = await createCertificate({ enrolmentId: seat.id, userId: holder.id }, edition, {
      eventTitle: event.title,
      eventType: event.type,
      organiser: "Unità nazionale eTwinning",
    });

    // Before the edition ends, every place is current.
    for (const userId of [holder.id, waiting.id, offered.id]) {
      expect((await page(userId)).map((e) => [e.active, e.editionEnded])).toEqual([[true, false]]);
    }

    // The edition (and its one session) ended an hour ago.
    const endedAt = new Date(Date.now() - 3600_000);
    const startedAt = new Date(endedAt.getTime() - 2 * 3600_000);
    await prisma.edition.update({ where: { id: edition.id }, data: { startsOn: startedAt, endsOn: endedAt } });
    await prisma.trainingSession.updateMany({
      where: { editionId: edition.id },
      data: { startsAt: startedAt, endsAt: endedAt },
    });

    expect(await page(holder.id)).toMatchObject([
      { status: "iscritto", active: false, editionEnded: true, certificate: { code: certificate.code } },
    ]);
    expect(await page(waiting.id)).toMatchObject([{ status: "in-attesa", active: false, editionEnded: true }]);
    expect(await page(offered.id)).toMatchObject([{ status: "offerta", active: false, editionEnded: true }]);
  });
});
