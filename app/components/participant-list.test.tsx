// The organiser's participant list offers moving and removing only where the ledger allows them: a
// participant holding a valid certificate is neither moved nor removed ("has-certificate").
import { describe, expect, it } from "vitest";
import { renderInRouter } from "../../tests/support/render-in-router.tsx";
import { ParticipantList } from "./participant-list.tsx";

const person = (firstName: string) => ({
  firstName,
  lastName: "Rossi",
  email: `${firstName.toLowerCase()}@example.it`,
  schoolName: null,
  schoolCode: null,
  regionCode: "toscana",
});

const row = (id: string, firstName: string, completed: boolean) => ({
  id,
  status: "iscritto",
  reason: null,
  createdAt: "2026-12-01T09:00:00.000Z",
  position: null,
  completed,
  movedFromId: null,
  user: person(firstName),
});

describe("ParticipantList", () => {
  it("offers no removal and no move for a participant whose certificate was issued", async () => {
    const html = await renderInRouter(
      <ParticipantList
        editionId="ed1"
        list={{ rows: [row("p1", "Anna", false), row("p2", "Bruno", true)], total: 2, page: 1, pages: 1 }}
        query={{ filter: "tutti", q: "", page: 1 }}
        counts={{ tutti: 2, iscritto: 2, "in-attesa": 0, offerta: 0, candidato: 0, conclusi: 0, completati: 1 }}
        active
      />,
      { locale: "it", location: "/gestione/edizioni/ed1" },
    );
    expect(html).toContain('name="enrolmentId" value="p1"');
    expect(html).not.toContain('name="enrolmentId" value="p2"');
    expect(html).toContain("?sposta=p1#sposta-title");
    expect(html).not.toContain("?sposta=p2");
    expect(html).toContain("Attestato rilasciato");
    // The filter of ended places names more than cancellations: moves, not selected, offers and waits ended.
    expect(html.replace(/&#x27;/g, "'")).toContain(
      ">Iscrizioni concluse: annullate, rimosse, spostate e altre (0)</option>",
    );
  });

  it("tells a refused removal under that participant's reason field, keeping the reason as typed", async () => {
    // The refusal ("Indica il motivo.") was shown only at the top of the page, far from the row, with no
    // field marked and the reason typed lost (review 0017, accessibility, finding 2).
    const html = await renderInRouter(
      <ParticipantList
        editionId="ed1"
        list={{ rows: [row("p1", "Anna", false), row("p2", "Bruno", false)], total: 2, page: 1, pages: 1 }}
        query={{ filter: "tutti", q: "", page: 1 }}
        counts={{ tutti: 2, iscritto: 2, "in-attesa": 0, offerta: 0, candidato: 0, conclusi: 0, completati: 0 }}
        active
        removal={{ enrolmentId: "p2", reason: "  troppo lungo  ", error: "Testo troppo lungo." }}
      />,
      { locale: "it", location: "/gestione/edizioni/ed1" },
    );
    const input = (id: string) => html.match(new RegExp(`<input[^>]*id="reason-${id}"[^>]*>`))![0];
    expect(input("p2")).toContain('aria-invalid="true"');
    expect(input("p2")).toContain('aria-describedby="reason-p2-error"');
    expect(input("p2")).toContain('value="  troppo lungo  "');
    expect(html).toContain('<div id="reason-p2-error" class="field-error mb-1" role="alert">Testo troppo lungo.</div>');
    expect(input("p1")).not.toContain("aria-invalid");
    expect(input("p1")).not.toContain("value=");
    expect(html.match(/role="alert"/g)).toHaveLength(1);
  });

  it("names the pool of each waiting position in an edition with regional quotas", async () => {
    const waiting = (id: string, firstName: string, position: number, regionCode: string | null) => ({
      ...row(id, firstName, false),
      status: "in-attesa",
      position,
      pool: { regionCode },
    });
    const html = await renderInRouter(
      <ParticipantList
        editionId="ed1"
        list={{
          rows: [waiting("w1", "Anna", 1, "lazio"), waiting("w2", "Bruno", 1, null), { ...row("p3", "Carla", false) }],
          total: 3,
          page: 1,
          pages: 1,
        }}
        query={{ filter: "tutti", q: "", page: 1 }}
        counts={{ tutti: 3, iscritto: 1, "in-attesa": 2, offerta: 0, candidato: 0, conclusi: 0, completati: 0 }}
        active
      />,
      { locale: "it", location: "/gestione/edizioni/ed1" },
    );
    const text = html.replace(/<[^>]+>/g, "").replace(/&#x27;/g, "'");
    expect(text).toContain("In lista d'attesa (posizione 1 · posti riservati: Lazio)");
    expect(text).toContain("In lista d'attesa (posizione 1 · posti generali)");
  });
});

describe("ParticipantList in English", () => {
  it("says Forma's own stored reasons in English and keeps a reason someone typed as written", async () => {
    // An application ended with its edition read "Reason: Edizione conclusa" in the English list (review of the
    // English interface, 07/12/2026): Forma wrote it, so Forma translates it.
    const ended = { ...row("p1", "Anna", false), status: "non-selezionato", reason: "Edizione conclusa" };
    const typed = { ...row("p2", "Bruno", false), status: "rimosso", reason: "Doppia iscrizione" };
    const html = await renderInRouter(
      <ParticipantList
        editionId="ed1"
        list={{ rows: [ended, typed], total: 2, page: 1, pages: 1 }}
        query={{ filter: "conclusi", q: "", page: 1 }}
        counts={{ tutti: 2, iscritto: 0, "in-attesa": 0, offerta: 0, candidato: 0, conclusi: 2, completati: 0 }}
        active
      />,
      { locale: "en", location: "/gestione/edizioni/ed1" },
    );
    expect(html).toContain("Reason: The edition ended");
    expect(html).not.toContain("Edizione conclusa");
    expect(html).toContain("Reason: Doppia iscrizione");
  });

  it("names a closed account's pseudonym in the page's language (review of the English interface, 07/12/2026)", async () => {
    const closed = { ...row("p1", "Account chiuso", false), user: { ...person("Account chiuso"), lastName: "3f9a2c" } };
    const render = (locale: "it" | "en") =>
      renderInRouter(
        <ParticipantList
          editionId="ed1"
          list={{ rows: [closed, row("p2", "Bruno", false)], total: 2, page: 1, pages: 1 }}
          query={{ filter: "tutti", q: "", page: 1 }}
          counts={{ tutti: 2, iscritto: 2, "in-attesa": 0, offerta: 0, candidato: 0, conclusi: 0, completati: 0 }}
          active
        />,
        { locale, location: "/gestione/edizioni/ed1" },
      );
    const english = await render("en");
    expect(english).toContain("3f9a2c Closed account");
    expect(english).not.toContain("Account chiuso");
    expect(english).toContain("Rossi Bruno");
    expect(await render("it")).toContain("3f9a2c Account chiuso");
  });
});
