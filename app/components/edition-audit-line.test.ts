// An edition's seat changes, cancellations, placements, moves and selections were written to the
// audit log and shown nowhere: every action the models write for an edition must read as words.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { translator } from "~/i18n/i18n.tsx";
import { editionAuditLine } from "./edition-audit-line.ts";

const MODELS = path.resolve(__dirname, "../models");

/** Every action literal written with entityType "edition" by app/models (on one line or several). */
function editionAuditActions(): string[] {
  const actions = new Set<string>();
  for (const file of fs.readdirSync(MODELS).filter((f) => f.endsWith(".server.ts"))) {
    const source = fs.readFileSync(path.join(MODELS, file), "utf8");
    for (const m of source.matchAll(/entityType: "edition",\s*entityId: [^,\n]+,?\s*action: "([^"]+)"/g)) {
      actions.add(m[1]!);
    }
  }
  return [...actions].sort();
}

const DETAILS: Record<string, Record<string, unknown>> = {
  "posti-modificati": { from: 350, to: 360 },
  annullata: { reason: "Aula non disponibile", participants: 12 },
  "offerte-ricalcolate": { promoted: 2, expired: 1 },
  "quota-aggiunta": { regionCode: "molise", seats: 10 },
  "quota-rilasciata": { regionCode: "molise", released: 3 },
  "partecipante-inserito": { personName: "Maria Rossi", status: "iscritto", override: true, reason: "Referente" },
  "partecipante-rimosso": { personName: "Giulia Neri", fromStatus: "iscritto", reason: "Doppia iscrizione" },
  "partecipante-spostato": { personName: "Marco Bartoli", toEditionNumber: 2, reason: "Richiesta della scuola" },
  "partecipante-ricevuto": { personName: "Marco Bartoli", fromEditionNumber: 1 },
  "lista-attesa-riordinata": { personName: "Elena Cecchi", from: 4, to: 1, reason: "Docente neoassunta" },
  "candidati-selezionati": { enrolments: ["a", "b", "c"] },
  "registro-riportato": { personName: "Ada Neri", lines: 2, completions: 1 },
};

describe("editionAuditLine", () => {
  const actions = editionAuditActions();

  it("finds the actions the models write for editions", () => {
    expect(actions).toEqual(
      expect.arrayContaining(["posti-modificati", "iscrizioni-chiuse", "annullata", "partecipante-spostato"]),
    );
    expect(actions.length).toBeGreaterThanOrEqual(16);
  });

  for (const locale of ["it", "en"] as const) {
    it(`reads every edition action as words in ${locale}, never as its code`, () => {
      const t = translator(locale);
      for (const action of actions) {
        const line = editionAuditLine({ action, details: DETAILS[action] ?? {} }, t, locale);
        expect(line, action).not.toBe(action);
        if (/-/.test(action)) expect(line, action).not.toContain(action);
        expect(line, action).not.toMatch(/organiserEdition\.audit|\{/);
      }
    });
  }

  it("names whom and what each change was about", () => {
    const t = translator("it");
    const line = (action: string) => editionAuditLine({ action, details: DETAILS[action] ?? {} }, t, "it");
    expect(line("posti-modificati")).toBe("Posti: da 350 a 360");
    expect(line("annullata")).toBe("Edizione annullata (12 persone avvisate): Aula non disponibile");
    expect(line("quota-aggiunta")).toBe("Posti riservati a Molise: 10 posti");
    expect(line("partecipante-inserito")).toBe(
      "Inserimento di Maria Rossi da parte dell'organizzazione, in deroga ai requisiti (Iscrizione confermata): Referente",
    );
    expect(line("partecipante-spostato")).toBe("Spostamento di Marco Bartoli all'edizione 2: Richiesta della scuola");
    expect(line("partecipante-rimosso")).toBe(
      "Rimozione di Giulia Neri da parte dell'organizzazione (prima: Iscrizione confermata): Doppia iscrizione",
    );
    expect(line("lista-attesa-riordinata")).toBe(
      "Posizione di Elena Cecchi in lista d'attesa cambiata da 4 a 1: Docente neoassunta",
    );
    expect(line("registro-riportato")).toBe(
      "Registro di Ada Neri riportato sulla nuova iscrizione (2 righe di registro, 1 attività completata)",
    );
    expect(
      editionAuditLine({ action: "posti-modificati", details: { from: null, to: 30 } }, translator("en"), "en"),
    ).toBe("Seats: from unlimited to 30");
  });
});
