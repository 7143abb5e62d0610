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
