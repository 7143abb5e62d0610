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

const render = (quotas: QuotaRow[], active = true) =>
  renderInRouter(
    <QuotasSection
      quotas={quotas}
      generalPool={{ free: 3, waiting: 0 }}
      regionsForQuota={["lazio", "lombardia"]}
      seatCap={20}
      active={active}
      editionId="e1"
    />,
    { locale: "it", location: "/gestione/edizioni/e1" },
  );

const releaseButtons = (html: string) => [...html.matchAll(/name="quotaId" value="([^"]+)"/g)].map((m) => m[1]);

describe("QuotasSection", () => {
  it("offers to release a full quota as well as one with free seats, each with its own words", async () => {
    const html = await render([quota("q-lazio", "lazio", 2, 2, 4), quota("q-lombardia", "lombardia", 3, 1, 0)]);
    expect(releaseButtons(html)).toEqual(["q-lazio", "q-lombardia"]);
    expect(html).toContain("Rilascia la quota");
    expect(html).toContain("Rilascia i posti non usati");
  });

  it("offers no release for a released quota, nor in a cancelled edition", async () => {
    const released = { ...quota("q-lazio", "lazio", 2, 2, 0), releasedAt: "2026-12-01T09:00:00.000Z" };
    expect(releaseButtons(await render([released]))).toEqual([]);
    expect(releaseButtons(await render([quota("q-lombardia", "lombardia", 3, 1, 0)], false))).toEqual([]);
  });
});
