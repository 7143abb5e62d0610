// The change log of an event page showed some rows as their stored codes ("scheda-modificata",
// "template-on", "copy", "attestati-emessi"…), in Italian and in English alike: every action the
// models write for an event must read as words, with what it was about.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { translator } from "~/i18n/i18n.tsx";
import { eventAuditLine } from "./event-audit-line.ts";

const MODELS = path.resolve(__dirname, "../models");

/** Every action literal written with entityType "event" by app/models (ternaries included). */
function eventAuditActions(): string[] {
  const actions = new Set<string>();
  for (const file of fs.readdirSync(MODELS).filter((f) => f.endsWith(".server.ts"))) {
    const source = fs.readFileSync(path.join(MODELS, file), "utf8");
    for (const m of source.matchAll(/entityType: "event",\s*entityId: [^\n]+\n\s*action: ([^\n]+)\n/g)) {
      for (const literal of m[1]!.matchAll(/"([^"]+)"/g)) actions.add(literal[1]!);
    }
  }
  return [...actions].sort();
}

const DETAILS: Record<string, Record<string, unknown>> = {
  status: { from: "bozza", to: "pubblicato" },
  "trainer.assign": { name: "Anna Ferri" },
  "trainer.unassign": { name: "Anna Ferri" },
  update: { changed: ["title"] },
  "allegato-aggiunto": { title: "Locandina del convegno" },
  "materiale-aggiunto": { title: "Slide del primo incontro" },
  "file-rimosso": { title: "Slide del primo incontro" },
  copy: { title: "Conferenza nazionale eTwinning 2027" },
  "attestati-emessi": { editionNumber: 2, issued: 13 },
  "attestato-revocato": { holderName: "Maria Rossi", code: "FRM-AAAA-CCCC-DDDD" },
  "attestato-riemesso": { holderName: "Maria Rossi", code: "FRM-AAAA-CCCC-EEEE" },
};

describe("eventAuditLine", () => {
  const actions = eventAuditActions();

  it("finds the actions the models write for events", () => {
    expect(actions).toEqual(expect.arrayContaining(["create", "update", "status", "scheda-modificata", "template-on"]));
  });

  for (const locale of ["it", "en"] as const) {
    it(`reads every event action as words in ${locale}, never as its code`, () => {
      const t = translator(locale);
      for (const action of actions) {
        const line = eventAuditLine({ action, details: DETAILS[action] ?? {} }, t, locale);
        expect(line, action).not.toBe(action);
        if (/[-.]/.test(action)) expect(line, action).not.toContain(action);
        expect(line, action).not.toMatch(/events\.admin\.audit/);
      }
    });
  }

  it("names what each change was about", () => {
    const t = translator("en");
    const line = (action: string) => eventAuditLine({ action, details: DETAILS[action] ?? {} }, t, "en");
    expect(line("allegato-aggiunto")).toBe("Attachment added: Locandina del convegno");
    expect(line("file-rimosso")).toBe("File or link removed: Slide del primo incontro");
    expect(line("copy")).toBe("Created as a copy of “Conferenza nazionale eTwinning 2027”");
    expect(line("attestati-emessi")).toBe("Certificates issued for edition 2: 13");
    expect(line("attestato-revocato")).toBe("Certificate revoked: Maria Rossi (FRM-AAAA-CCCC-DDDD)");
    expect(translator("it")("events.admin.audit.templateOn")).toBe("Indicato come modello per le regioni");
  });
});

describe("eventAuditLine names the sessions a save moved or held elsewhere", () => {
  // 12 January 2027, 15:00–17:00 in Rome (winter time: UTC+1); moved to 14 January, 16:00–18:00.
  const placeOnly = {
    session: 2,
    startsAt: "2027-01-12T14:00:00.000Z",
    endsAt: "2027-01-12T16:00:00.000Z",
    place: "online",
    wasPlace: "in-presenza",
  };
  const timeOnly = {
    session: 3,
    startsAt: "2027-01-14T15:00:00.000Z",
    endsAt: "2027-01-14T17:00:00.000Z",
    wasStartsAt: "2027-01-12T14:00:00.000Z",
    wasEndsAt: "2027-01-12T16:00:00.000Z",
  };
  const update = (details: Record<string, unknown>, locale: "it" | "en") =>
    eventAuditLine({ action: "update", details: { changed: ["editions"], ...details } }, translator(locale), locale);

  it("says which session's place changed, before and now, in Italian and English", () => {
    expect(update({ sessionChanges: [placeOnly] }, "it")).toBe(
      "Modifica: Campi modificati: Edizioni. Incontro 2 del 12/01: ora online (era in presenza)",
    );
    expect(update({ sessionChanges: [placeOnly] }, "en")).toBe(
      "Edited: Changed fields: Editions. Session 2 on 12 January: now online (was in person)",
    );
    // null is both places (ADR 0091).
    expect(update({ sessionChanges: [{ ...placeOnly, place: null }] }, "it")).toContain(
      "ora in presenza e online (era in presenza)",
    );
  });

  it("says which session's time moved, in Rome time, and names the edition when there are several", () => {
    expect(update({ sessionChanges: [timeOnly] }, "it")).toContain(
      "Incontro 3 del 12/01: ora 14/01 16:00–18:00 (era 12/01 15:00–17:00)",
    );
    expect(update({ sessionChanges: [{ ...timeOnly, edition: 2, place: "online", wasPlace: null }] }, "en")).toContain(
      "Edition 2, session 3 on 12 January: now 14 January 16:00–18:00, online (was 12 January 15:00–17:00, in person and online)",
    );
  });

  it("counts the sessions past the cap", () => {
    const it_ = update({ sessionChanges: [placeOnly, timeOnly], moreSessionChanges: 4 }, "it");
    expect(it_).toMatch(/\(era in presenza\); Incontro 3 .*; e altri 4 incontri$/);
    expect(update({ sessionChanges: [placeOnly], moreSessionChanges: 1 }, "it")).toMatch(/; e un altro incontro$/);
    expect(update({ sessionChanges: [placeOnly], moreSessionChanges: 2 }, "en")).toMatch(/; and 2 more sessions$/);
    // A row written before sessions were recorded reads as before.
    expect(update({}, "it")).toBe("Modifica: Campi modificati: Edizioni");
  });
});

describe("eventAuditLine and a closed account's pseudonym (review of the English interface, 07/12/2026)", () => {
  // A certificate issued after its holder closed the account states the pseudonym as the holder's name; the
  // closure's own row names the trainer it took off by it.
  const rows = [
    { action: "attestato-revocato", details: { holderName: "Account chiuso 3f9a2c", code: "FRM-AAAA-CCCC-DDDD" } },
    { action: "attestato-riemesso", details: { holderName: "Account chiuso 3f9a2c", code: "FRM-AAAA-CCCC-EEEE" } },
    { action: "trainer.unassign", details: { name: "Account chiuso 3f9a2c", cause: "account-closed" } },
  ];

  it("is said in English to an English reader and as stored to an Italian one", () => {
    for (const row of rows) {
      const english = eventAuditLine(row, translator("en"), "en");
      expect(english, row.action).toContain("Closed account 3f9a2c");
      expect(english, row.action).not.toContain("Account chiuso");
      expect(eventAuditLine(row, translator("it"), "it"), row.action).toContain("Account chiuso 3f9a2c");
    }
  });
});
