// A quota is released from the edition page whether or not it has free seats: a full one too, since releasing it
// is the only way to change the event's regions when the quota's region would fall outside them (ADR 0011).
import { describe, expect, it } from "vitest";
import { renderInRouter } from "../../tests/support/render-in-router.tsx";
import { QuotasSection, type QuotaRow } from "./edition-quotas.tsx";

const quota = (id: string, regionCode: string, seats: number, seatsTaken: number, waiting: number): QuotaRow => ({
  id,
  regionCode,
  seats,
  seatsTaken,
  free: seats - seatsTaken,
  waiting,
  releasedAt: null,
});

const render = (quotas: QuotaRow[], active = true, releasing: string | null = null, generalWaiting = 0) =>
  renderInRouter(
    <QuotasSection
      quotas={quotas}
      generalPool={{ free: 3, waiting: generalWaiting }}
      regionsForQuota={["lazio", "lombardia"]}
      seatCap={20}
      active={active}
      editionId="e1"
      releasing={releasing}
    />,
    { locale: "it", location: "/gestione/edizioni/e1" },
  );

/** The quotas whose row opens the release step (a GET to ?rilascia=<quotaId>). */
const releaseButtons = (html: string) => [...html.matchAll(/name="rilascia" value="([^"]+)"/g)].map((m) => m[1]);
/** Visible text, tags removed. */
const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, "")
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, " ");

describe("QuotasSection", () => {
  it("offers to release a full quota as well as one with free seats, each with its own words", async () => {
    const html = await render([quota("q-lazio", "lazio", 2, 2, 4), quota("q-lombardia", "lombardia", 3, 1, 0)]);
    expect(releaseButtons(html)).toEqual(["q-lazio", "q-lombardia"]);
    expect(html).toContain("Rilascia la quota");
    expect(html).toContain("Rilascia i posti non usati");
  });

  it("releases nothing at one tap: each row's button opens the second step and is named after its region", async () => {
    const html = await render([quota("q-lazio", "lazio", 10, 4, 6), quota("q-lombardia", "lombardia", 3, 1, 0)]);
    // No form posts a release from the table: the buttons are GETs.
    expect(html).not.toContain('value="release-quota"');
    expect(html).not.toMatch(/<form[^>]*method="post"[^>]*>(?:(?!<\/form>).)*name="rilascia"/s);
    expect(textOf(html)).toContain("Rilascia i posti non usati (Lazio)");
    expect(textOf(html)).toContain("Rilascia i posti non usati (Lombardia)");
    expect(html).not.toContain('data-testid="rilascia-quota"');
  });

  it("says in the second step, with numbers, what the release does, and sends it with confirm=yes", async () => {
    const html = await render(
      [quota("q-lazio", "lazio", 10, 4, 6), quota("q-lombardia", "lombardia", 3, 1, 0)],
      true,
      "q-lazio",
      2,
    );
    const step = html.slice(html.indexOf('data-testid="rilascia-quota"'), html.indexOf("</section>"));
    const text = textOf(step);
    expect(text).toContain("Rilasciare i posti riservati: Lazio?");
    expect(text).toContain("Il rilascio non si può annullare.");
    expect(text).toContain(
      "6 posti liberi passano ai posti generali; anche ognuno dei 4 posti assegnati, se si libera, andrà ai posti generali.",
    );
    expect(text).toContain(
      "Le 6 persone in lista d'attesa per i posti riservati (Lazio) passano in fondo alla lista d'attesa generale, dopo le 2 persone già in attesa, nel loro ordine, e ricevono un'email.",
    );
    expect(text).toContain("in questa edizione la regione non potrà più avere posti riservati.");
    expect(step).toContain('name="intent" value="release-quota"');
    expect(step).toContain('name="quotaId" value="q-lazio"');
    expect(step).toContain('name="confirm" value="yes"');
    // 'Mantieni' goes back to the row's button (which takes the focus), not to the page's h1.
    expect(step).toMatch(/href="\/gestione\/edizioni\/[^"#]+#rilascia-q-lazio"/);
    // The quota being confirmed offers no second first step; the other row still does.
    expect(releaseButtons(html)).toEqual(["q-lombardia"]);
  });

  it("opens no release step for a released quota, nor in a cancelled edition", async () => {
    const released = { ...quota("q-lazio", "lazio", 2, 2, 0), releasedAt: "2026-12-01T09:00:00.000Z" };
    expect(await render([released], true, "q-lazio")).not.toContain('data-testid="rilascia-quota"');
    expect(await render([quota("q-lazio", "lazio", 2, 1, 0)], false, "q-lazio")).not.toContain(
      'data-testid="rilascia-quota"',
    );
  });

  it("offers no release for a released quota, nor in a cancelled edition", async () => {
    const released = { ...quota("q-lazio", "lazio", 2, 2, 0), releasedAt: "2026-12-01T09:00:00.000Z" };
    expect(releaseButtons(await render([released]))).toEqual([]);
    expect(releaseButtons(await render([quota("q-lombardia", "lombardia", 3, 1, 0)], false))).toEqual([]);
  });
});
