// What an English-speaking teacher or partner reads must be English (review of the English interface, 07/12/2026):
// no Italian word left in an English email (its subject, text and HTML, in several payload shapes), and no date in
// figures, which a reader who writes the month first reads wrong ("09/02/2027" is 2 September to them). A cheap guard
// over every template, not a grammar checker: organisers' own texts (event titles, messages) are data, given here in
// English, and official Italian names (ADR 0078 addendum of 07/12/2026) are not in the word list.
import { describe, expect, it as test } from "vitest";
import { parsePayload, renderEmail, TEMPLATES } from "../../emails/index.ts";

/** Words and forms only Italian has (articles, prepositions, Forma's own nouns, days and months): none may appear. */
const ITALIAN_ONLY =
  /\b(il|lo|gli|della|delle|dei|degli|nel|nella|alla|alle|sono|non|una|che|iscrizion[ei]|evento|eventi|edizion[ei]|incontr[oi]|attestat[oi]|questionario|presenza|docente|entro|ora italiana|gentile|motivo|lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica|gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre|novembre|dicembre)\b|[àèéìòù]/i;

/** A date in figures ("09/02/2027", "09/02"). */
const DATE_IN_FIGURES = /\b\d{1,2}\/\d{1,2}(\/\d{2,4})?\b/;

export function englishOffences(texts: Record<string, string>): string[] {
  const found: string[] = [];
  for (const [where, text] of Object.entries(texts)) {
    // Addresses are not words: /le-mie-iscrizioni, /eventi, formazione@… stay as they are.
    const words = text.replace(/https?:\/\/\S+|\S+@\S+/g, " ");
    for (const pattern of [ITALIAN_ONLY, DATE_IN_FIGURES]) {
      const hit = pattern.exec(words);
      if (hit) found.push(`${where}: «${hit[0]}» in «${words.slice(Math.max(0, hit.index - 40), hit.index + 40)}»`);
    }
  }
  return found;
}

const SESSION = { startsAt: "2027-02-09T14:00:00.000Z", endsAt: "2027-02-09T16:00:00.000Z", title: "" };

/** Every optional part a template may use, in a few shapes (as the Italian wording guard does). */
const PAYLOADS = [
  {},
  { position: 3, reason: "The room is not available", offerExpiresAt: "2027-02-05T17:30:00.000Z" },
  { nextInLine: "promosso", fromEditionNumber: 1, fromEditionHeldSeat: true, offerShortened: true, seatsAdded: 2 },
  { nextInLine: "offerta", fromEditionNumber: 1, messageSubject: "Slides", messageBody: "Here are the slides." },
  { token: "t0k3n", newEmail: "new@school.example.it", deleteAfter: "2027-02-20T10:00:00.000Z" },
  { replacesCertificateCode: "FRM-3467-9ACD-EFGH" },
  { endedBy: "evento-chiuso" },
  { endedBy: "formazione-conclusa" },
  { movedToEditionNumber: 3 },
  { sessionStartsAt: SESSION.startsAt, sessionEndsAt: SESSION.endsAt, venue: "Liceo Galilei, Florence" },
  { sessions: [SESSION], cancelledSessions: [{ id: "s", ...SESSION }], rescheduled: true, cancelledApart: true },
]
  .map((extra) => parsePayload({ eventTitle: "Media literacy in the classroom", editionNumber: 2, ...extra }))
  .concat(
    [true, false].map((open) =>
      parsePayload(
        { eventTitle: "Media literacy in the classroom", editionNumber: 2 },
        { cancellation: { until: "2027-02-09T11:00:00.000Z", open } },
      ),
    ),
  );

describe("English emails (review of the English interface)", () => {
  test("the guard sees what it guards against", () => {
    const caught = englishOffences({
      a: "Your enrolment for the edizione 2 is confirmed",
      b: "Cancel by 09/02/2027, 12:00 (Italian time)",
      c: "Session on 10/03",
      d: "Motivo: Edizione conclusa",
    }).map((o) => o.split(":")[0]);
    expect(caught.sort()).toEqual(["a", "b", "c", "d"]);
    expect(
      englishOffences({ a: "Cancel by 9 February 2027 at 12:00 (Italian time): https://x.it/le-mie-iscrizioni" }),
    ).toEqual([]);
  });

  test("say nothing in Italian and no date in figures, in the subject, the text or the HTML", () => {
    const texts: Record<string, string> = {};
    for (const kind of Object.keys(TEMPLATES)) {
      for (const [i, payload] of PAYLOADS.entries()) {
        const mail = renderEmail(kind, payload, {
          locale: "en",
          origin: "https://forma.example.it/",
          contactEmail: "formazione@forma.example.it",
          firstName: "Jane",
        });
        texts[`${kind}#${i} subject`] = mail.subject;
        texts[`${kind}#${i} text`] = mail.text;
        texts[`${kind}#${i} html`] = mail.html.replace(/<[^>]*>/g, " ").replace(/&[a-z#0-9]+;/g, " ");
      }
    }
    expect(Object.keys(texts).length).toBeGreaterThan(Object.keys(TEMPLATES).length * 3);
    expect(englishOffences(texts)).toEqual([]);
  });
});
