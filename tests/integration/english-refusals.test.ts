// The reason a page gives for a 403 (review of the English interface, 07/12/2026): the app's error page
// (app/root.tsx) says a reason that is a message key in the reader's language, and showed a plain Italian
// sentence only on Italian pages, the generic text on English ones. The reasons are message keys now: the
// English reader is told why, the Italian one reads the same sentence as before.
import { afterAll, describe, expect, it } from "vitest";
import { translator } from "../../app/i18n/i18n.tsx";
import { it as messagesIt, type MessageKey } from "../../app/i18n/messages.ts";
import * as editionRegister from "../../app/routes/formazione.edizioni.$editionId.tsx";
import * as eventPage from "../../app/routes/gestione.eventi.$eventId.tsx";
import { prisma } from "../../app/utils/db.server.ts";
import { createOpenEdition, createUser } from "../support/factories.ts";
import { callRoute, cookieOf, routeRequest, statusOf, type Handler } from "../support/routes.ts";

afterAll(() => prisma.$disconnect());

/** A loader's refusal as the error page reads it: its status and what it says in each language. */
async function refusal(handler: unknown, userId: string, path: string, params: Record<string, string>) {
  const request = routeRequest(`http://localhost${path}`, { cookie: await cookieOf(userId) });
  const result = await callRoute(handler as Handler, request, params);
  const body = result instanceof Response ? await result.text() : "";
  // What the error page does with a 403's body: a message key is said in the page's language.
  expect(Object.hasOwn(messagesIt, body), `"${body}" is a message key`).toBe(true);
  return {
    status: statusOf(result),
    it: translator("it")(body as MessageKey),
    en: translator("en")(body as MessageKey),
  };
}

describe("the reasons of a refusal (403)", () => {
  it("a trainer's page for an event the trainer does not teach says so in the reader's language", async () => {
    const { edition } = await createOpenEdition();
    const trainer = await createUser({ roles: [{ role: "formatore" }] });
    expect(
      await refusal(editionRegister.loader, trainer.id, `/formazione/edizioni/${edition.id}`, {
        editionId: edition.id,
      }),
    ).toEqual({
      status: 403,
      it: "Non hai un ruolo di formazione in questo evento.",
      en: "You have no training role in this event.",
    });
  });

  it("an organiser's page for another region's event says so in the reader's language", async () => {
    const { event } = await createOpenEdition({ level: "regionale", regionCode: "lombardia" });
    const referent = await createUser({ roles: [{ role: "referente-usr", regionCode: "toscana" }] });
    expect(await refusal(eventPage.loader, referent.id, `/gestione/eventi/${event.id}`, { eventId: event.id })).toEqual(
      {
        status: 403,
        it: "Non hai i permessi per questo evento.",
        en: "You do not have permission for this event.",
      },
    );
  });
});
