import { describe, expect, it } from "vitest";
import { parseRomeDateTime } from "~/utils/dates.ts";
import {
  buildGrid,
  certificateDownloadName,
  checkCertificate,
  fillsCell,
  externalItemState,
  formaItemState,
  gapsOf,
  gridCellsOf,
  inSchoolYear,
  isPlanItemState,
  MAX_CERTIFICATE_BYTES,
  parseSchoolYear,
  planTotals,
  schoolYearChoices,
  schoolYearLabel,
  schoolYearOf,
  schoolYearRange,
  type PlanItem,
} from "./training-plan.ts";

function item(overrides: Partial<PlanItem>): PlanItem {
  return {
    kind: "forma",
    id: "x",
    title: "T",
    level: "nazionale",
    mode: "online",
    type: "webinar",
    minutes: 120,
    state: "certificata",
    ...overrides,
  };
}

describe("school years", () => {
  it("parses only consecutive years", () => {
    expect(parseSchoolYear("2026-2027")).toEqual({ startYear: 2026 });
    expect(parseSchoolYear("2026-2028")).toBeNull();
    expect(parseSchoolYear("2026")).toBeNull();
    expect(parseSchoolYear(null)).toBeNull();
    expect(schoolYearLabel({ startYear: 2026 })).toBe("2026-2027");
  });

  it("opens on 1 September at midnight in Rome", () => {
    // 31 Aug 2026 23:30 Rome (21:30 UTC) is still 2025-2026; 1 Sep 00:10 Rome (22:10 UTC on 31 Aug) is 2026-2027.
    expect(schoolYearOf(new Date("2026-08-31T21:30:00Z"))).toEqual({ startYear: 2025 });
    expect(schoolYearOf(new Date("2026-08-31T22:10:00Z"))).toEqual({ startYear: 2026 });
    expect(schoolYearOf(new Date("2027-01-15T10:00:00Z"))).toEqual({ startYear: 2026 });
    const { from, toExclusive } = schoolYearRange({ startYear: 2026 });
    expect(from.toISOString()).toBe("2026-08-31T22:00:00.000Z");
    expect(toExclusive.toISOString()).toBe("2027-08-31T22:00:00.000Z");
    expect(inSchoolYear(new Date("2027-08-31T21:59:00Z"), { startYear: 2026 })).toBe(true);
    expect(inSchoolYear(new Date("2027-08-31T22:00:00Z"), { startYear: 2026 })).toBe(false);
  });

  it("offers the selected year even when far from the current one", () => {
    const choices = schoolYearChoices({ startYear: 2026 }, { startYear: 2015 }).map((y) => y.startYear);
    expect(choices[0]).toBe(2027);
    expect(choices).toContain(2015);
    expect(choices).toContain(2022);
  });
});

describe("the training grid", () => {
  it("places online and in-person training in one column, blended in both", () => {
    expect(gridCellsOf("regionale", "online")).toEqual(["regionale|online"]);
    expect(gridCellsOf("europeo", "in-presenza")).toEqual(["europeo|in-presenza"]);
    expect(gridCellsOf("nazionale", "blended")).toEqual(["nazionale|online", "nazionale|in-presenza"]);
    expect(gridCellsOf(null, "online")).toEqual([]);
    expect(gridCellsOf("nazionale", null)).toEqual([]);
    expect(gridCellsOf("mondiale", "online")).toEqual([]);
  });

  it("shows empty cells as gaps", () => {
    const grid = buildGrid([
      item({ level: "regionale", mode: "in-presenza" }),
      item({ kind: "esterna", level: "europeo", mode: "blended", type: null }),
    ]);
    expect(grid).toHaveLength(3);
    expect(grid[0]!.map((c) => c.mode)).toEqual(["online", "in-presenza"]);
    expect(grid[0]![1]!.items).toHaveLength(1);
    expect(gapsOf(grid).map((c) => c.key)).toEqual(["regionale|online", "nazionale|online", "nazionale|in-presenza"]);
    expect(fillsCell("nazionale", "blended", { key: "nazionale|in-presenza" })).toBe(true);
    expect(fillsCell("nazionale", "online", { key: "nazionale|in-presenza" })).toBe(false);
  });
});

describe("hours", () => {
  it("counts only certified hours in the total, split Forma / external, the rest apart", () => {
    const totals = planTotals(
      [
        item({ minutes: 120, level: "nazionale", type: "webinar" }),
        item({ minutes: 360, level: "regionale", mode: "in-presenza", type: "seminario", state: "non-certificata" }),
        item({ kind: "esterna", minutes: 600, level: "europeo", mode: "blended", type: null }),
        item({ kind: "esterna", minutes: 90, level: null, mode: null, type: null }),
        item({ kind: "esterna", minutes: 45, type: null, state: "in-corso" }),
        item({ minutes: 1500, type: "corso-online-base", state: "in-corso" }),
      ],
      1000,
    );
    expect(totals.formaCertifiedMinutes).toBe(120);
    expect(totals.externalCertifiedMinutes).toBe(690);
    expect(totals.certifiedMinutes).toBe(810);
    expect(totals.totalMinutes).toBe(810);
    expect(totals.notCertifiedMinutes).toBe(360);
    expect(totals.upcomingMinutes).toBe(1545);
    expect(totals.percentOfTarget).toBe(81);
    expect(totals.byLevel).toEqual([
      { level: "nazionale", minutes: 120 },
      { level: "europeo", minutes: 600 },
      { level: "", minutes: 90 },
    ]);
    expect(totals.byType).toEqual([
      { type: "esterna", minutes: 690 },
      { type: "webinar", minutes: 120 },
    ]);
  });

  it("caps the progress at 100% and has none without a target", () => {
    expect(planTotals([item({ minutes: 600 })], 60).percentOfTarget).toBe(100);
    // Five minutes short of a 25-hour target is not 100%.
    expect(planTotals([item({ minutes: 1495 })], 1500).percentOfTarget).toBe(99);
    expect(planTotals([item({ minutes: 1500 })], 1500).percentOfTarget).toBe(100);
    // In whole minutes, not floating point: 0.29 × 100 is 28.999… in binary, and 29% must stay 29%.
    expect(planTotals([item({ minutes: 29 })], 100).percentOfTarget).toBe(29);
    expect(planTotals([item({ minutes: 600 })], null).percentOfTarget).toBeNull();
    expect(planTotals([item({ minutes: 600, state: "non-certificata" })], 60).percentOfTarget).toBe(0);
  });

  it("tells concluded enrolments from running ones: concluded without a certificate is not certified", () => {
    const now = new Date("2027-01-10T00:00:00Z");
    const closed = new Date("2027-01-05T00:00:00Z");
    expect(formaItemState("iscritto", new Date("2027-01-01T00:00:00Z"), now, null, closed)).toBe("non-certificata");
    expect(formaItemState("iscritto", new Date("2027-02-01T00:00:00Z"), now)).toBe("in-corso");
    expect(formaItemState("candidato", new Date("2027-01-01T00:00:00Z"), now)).toBeNull();
    expect(formaItemState("annullato", new Date("2027-02-01T00:00:00Z"), now)).toBeNull();
  });

  it("holds a waitlist position, an offer or an application apart: no seat, so no training and no hours", () => {
    const now = new Date("2027-01-10T00:00:00Z");
    const running = new Date("2027-02-01T00:00:00Z");
    const ended = new Date("2027-01-01T00:00:00Z");
    for (const status of ["in-attesa", "offerta", "candidato"]) {
      expect(formaItemState(status, running, now)).toBe("in-sospeso");
      expect(isPlanItemState(formaItemState(status, running, now)!)).toBe(false);
      // Once the edition has ended it never became training: not listed at all.
      expect(formaItemState(status, ended, now)).toBeNull();
    }
    for (const state of ["certificata", "non-certificata", "in-corso"] as const)
      expect(isPlanItemState(state)).toBe(true);
  });

  it("ends an edition at the last instant of its last day in Rome, as 'Le mie iscrizioni' does", () => {
    const endsOn = new Date("2026-11-29T22:59:59.999Z"); // 29 November 2026, 23:59:59.999 in Rome
    expect(formaItemState("iscritto", endsOn, new Date("2026-11-29T22:00:00Z"))).toBe("in-corso");
    expect(formaItemState("iscritto", endsOn, new Date("2026-11-29T23:00:00Z"))).toBe("in-attesa-di-attestato");
  });

  it("counts a Forma enrolment as certified only with a valid certificate issued by now", () => {
    const now = new Date("2027-01-10T00:00:00Z");
    const ended = new Date("2027-01-01T00:00:00Z");
    expect(formaItemState("iscritto", ended, now, new Date("2027-01-05T00:00:00Z"))).toBe("certificata");
    const closed = new Date("2027-01-05T00:00:00Z");
    expect(formaItemState("iscritto", ended, now, new Date("2027-01-11T00:00:00Z"), closed)).toBe("non-certificata");
    expect(formaItemState("annullato", ended, now, new Date("2027-01-05T00:00:00Z"))).toBeNull();
  });

  it("shows a concluded edition whose register is still open as awaiting its certificate, in neither certified nor not-certified hours", () => {
    const now = new Date("2027-01-10T12:00:00Z");
    const endedYesterday = new Date("2027-01-09T22:59:59.999Z"); // 9 January, 23:59:59.999 in Rome
    expect(formaItemState("iscritto", endedYesterday, now, null, null)).toBe("in-attesa-di-attestato");
    // Closed later than now (a plan read as of an earlier day): still being prepared then.
    expect(formaItemState("iscritto", endedYesterday, now, null, new Date("2027-01-11T00:00:00Z"))).toBe(
      "in-attesa-di-attestato",
    );
    expect(formaItemState("iscritto", endedYesterday, now, null, new Date("2027-01-10T09:00:00Z"))).toBe(
      "non-certificata",
    );
    expect(isPlanItemState("in-attesa-di-attestato")).toBe(true);
    const totals = planTotals(
      [item({ minutes: 360, state: "in-attesa-di-attestato" }), item({ id: "b", minutes: 60 })],
      null,
    );
    expect(totals).toMatchObject({
      totalMinutes: 60,
      certifiedMinutes: 60,
      notCertifiedMinutes: 0,
      awaitingCertificateMinutes: 360,
      upcomingMinutes: 0,
    });
  });

  it("counts external training as certified only once its last day is over in Rome, not from 00:00 of that day", () => {
    const lastDay = parseRomeDateTime("2026-12-06")!; // as the form stores a day: its first instant in Rome
    expect(externalItemState(lastDay, new Date("2026-12-06T10:00:00Z"))).toBe("in-corso");
    expect(externalItemState(lastDay, new Date("2026-12-06T22:59:59Z"))).toBe("in-corso"); // 23:59:59 in Rome
    expect(externalItemState(lastDay, new Date("2026-12-06T23:00:00Z"))).toBe("certificata"); // 7 December, 00:00
  });

  it("counts external training as certified only once it has ended", () => {
    const now = new Date("2027-01-10T12:00:00Z");
    expect(externalItemState(new Date("2027-01-09T00:00:00Z"), now)).toBe("certificata");
    expect(externalItemState(new Date("2027-01-11T00:00:00Z"), now)).toBe("in-corso");
  });
});

describe("certificates", () => {
  const bytes = (...b: number[]) => new Uint8Array(b);
  it("recognises PDF, JPEG and PNG by their first bytes", () => {
    expect(checkCertificate(new TextEncoder().encode("%PDF-1.4\n"))).toEqual({ ok: true, type: "application/pdf" });
    expect(checkCertificate(bytes(0xff, 0xd8, 0xff, 0xe0))).toEqual({ ok: true, type: "image/jpeg" });
    expect(checkCertificate(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0))).toEqual({
      ok: true,
      type: "image/png",
    });
  });

  it("refuses other types, empty and oversized files", () => {
    expect(checkCertificate(new TextEncoder().encode("<html>%PDF-"))).toEqual({ ok: false, reason: "bad-type" });
    expect(checkCertificate(bytes())).toEqual({ ok: false, reason: "empty" });
    const big = new Uint8Array(MAX_CERTIFICATE_BYTES + 1);
    big.set(new TextEncoder().encode("%PDF-"));
    expect(checkCertificate(big)).toEqual({ ok: false, reason: "too-large" });
  });

  it("names the download from the title, never from the uploaded name", () => {
    expect(certificateDownloadName("Corso d'inglese: livello B2 — Università", "application/pdf")).toBe(
      "attestato-corso-d-inglese-livello-b2-universita.pdf",
    );
    expect(certificateDownloadName("../../etc", "image/png")).toBe("attestato-etc.png");
  });

  it("writes a Greek or Cyrillic title in Latin letters, so two downloads do not share one name", () => {
    expect(certificateDownloadName("Διεπιστημονικό εργαστήριο", "application/pdf")).toBe(
      "attestato-diepistimoniko-ergastirio.pdf",
    );
    expect(certificateDownloadName("Цифровая школа", "image/jpeg")).toBe("attestato-tsifrovaya-shkola.jpg");
    expect(certificateDownloadName("🤖", "application/pdf")).toBe("attestato-robot.pdf");
    expect(certificateDownloadName("", "application/pdf")).toBe("attestato-attestato.pdf");
  });
});
