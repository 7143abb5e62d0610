// The session register as its signers get it: renderRegisterPdf's bytes read back with pdf.js.
import { describe, expect, it } from "vitest";
import { markedText, openPdf, pdfPages } from "../../tests/support/pdf-text.ts";
import { parseRomeDateTime } from "~/utils/dates.ts";
import { renderRegisterPdf, type RegisterExport } from "./register-export.server.ts";

const LAST = "Weiß-Øvergaard de la Cruz y Fernández Κωνσταντίνου";
const FIRST = "Maria Şükrü Ștefania Țurcanu Łucja";
const EMAIL = "maria.sukru.stefania.turcanu.weiss-overgaard@istituto-comprensivo-firenze.edu.it";
const NOTE = "Uscita anticipata per servizio: convocata dalla dirigente per il consiglio di classe straordinario";

function register(
  // The user's id only names a person in a log line (warnUnprintableNames): made up here.
  lines: Omit<RegisterExport["lines"][number], "userId">[],
  text: { title: string; sessionTitle: string; titleLanguage: string } = {
    title: "Corso di base eTwinning",
    sessionTitle: "Webinar di apertura",
    titleLanguage: "it",
  },
): RegisterExport {
  return {
    number: 1,
    session: {
      id: "s1",
      title: text.sessionTitle,
      startsAt: parseRomeDateTime("2026-10-25T17:00")!,
      endsAt: parseRomeDateTime("2026-10-25T19:00")!,
      minutes: 120,
      edition: {
        id: "e1",
        number: 1,
        startsOn: parseRomeDateTime("2026-10-25T17:00")!,
        endsOn: parseRomeDateTime("2026-11-29T19:00")!,
        event: {
          title: text.title,
          titleLanguage: text.titleLanguage,
          trainers: [{ user: { id: "u-trainer", firstName: "Anna", lastName: "Ferri" } }],
        },
      },
    },
    lines: lines.map((line, i) => ({ ...line, userId: `u${i}` })),
  };
}

// Rendering and reading back a PDF takes seconds on a loaded machine: above the unit default of 5 s.
describe("renderRegisterPdf", { timeout: 30_000 }, () => {
  it("prints a long name and email whole, wrapped in their cells, never cut with an ellipsis", async () => {
    const lines = Array.from({ length: 40 }, (_, i) => ({
      firstName: i === 20 ? FIRST : `Nome${i}`,
      lastName: i === 20 ? LAST : `Cognome${String(i).padStart(2, "0")}`,
      email: i === 20 ? EMAIL : `corsista${i}@forma.test`,
      status: "presente" as const,
      minutes: 120,
      // The trainer's note, wrapped whole in its cell as the names are.
      note: i === 20 ? NOTE : null,
      ended: null,
    }));
    const pages = await pdfPages(await renderRegisterPdf(register(lines), "it"));
    const text = pages.join("\n");
    expect(text).not.toContain("…");
    const squeezed = text.replace(/\s+/g, "");
    for (const whole of [LAST, FIRST, EMAIL, NOTE]) expect(squeezed).toContain(whole.replace(/\s+/g, ""));
    // Every participant is on the register once, and each page ends with its footer.
    for (const line of lines) expect(squeezed).toContain(line.email);
    pages.forEach((page, i) => expect(page).toContain(`Pagina ${i + 1} di ${pages.length}`));
  });

  it("is a tagged PDF: one heading and one table with its column headers; what each page repeats and the footers are artifacts", async () => {
    const lines = Array.from({ length: 40 }, (_, i) => ({
      firstName: `Nome${i}`,
      lastName: `Cognome${String(i).padStart(2, "0")}`,
      email: `corsista${i}@forma.test`,
      status: i % 2 ? ("presente" as const) : null,
      minutes: i % 2 ? 120 : null,
      note: i === 3 ? "Collegata da telefono" : null,
      ended: null,
    }));
    const pdf = await renderRegisterPdf(register(lines), "it");
    const doc = await openPdf(pdf);
    try {
      expect(doc.numPages).toBe(2);
      expect(await doc.getMarkInfo()).toMatchObject({ Marked: true });
      expect(await doc.getViewerPreferences()).toMatchObject({ DisplayDocTitle: true });
      const { info } = (await doc.getMetadata()) as unknown as { info: Record<string, unknown> };
      expect(info).toMatchObject({ Title: "Registro presenze — Corso di base eTwinning", Language: "it-IT" });
      const documentOn = async (page: number) =>
        ((await (await doc.getPage(page)).getStructTree()) as StructNode).children[0] as StructNode;
      const document = await documentOn(1);
      expect(document.role).toBe("Document");
      // Page 1: the heading, the event, edition, session and trainers, then the table; page 2: the same
      // table going on, then the trainer's signature line. No second heading.
      expect(nodes(document).map((n) => n.role)).toEqual(["H1", "P", "P", "P", "P", "Table"]);
      expect(nodes(await documentOn(2)).map((n) => n.role)).toEqual(["Table", "P"]);
      const rows = nodes(nodes(document).find((n) => n.role === "Table")!).map((row) =>
        nodes(row).map((cell) => cell.role),
      );
      expect(rows).toHaveLength(1 + lines.length);
      expect(rows[0]).toEqual(["TH", "TH", "TH", "TH", "TH", "TH", "TH"]);
      // Every participant's row has a cell under each header, the empty signature cell too.
      for (const row of rows.slice(1)) expect(row).toEqual(["TD", "TD", "TD", "TD", "TD", "TD", "TD"]);
    } finally {
      await doc.destroy();
    }
    expect(pdf.toString("latin1").match(/\/Scope \/Column/g)).toHaveLength(7);
    // Every piece of text is in the structure or an artifact: the second page's copy of the heading and
    // of the header row, and each page's footer, are artifacts, read once (on the first page) or never.
    const pages = await markedText(pdf);
    for (const page of pages) expect(page.untagged).toBe("");
    expect(pages[0]!.tagged).toContain("Registro presenze");
    expect(pages[0]!.tagged).toContain("Email Stato Minuti Nota Firma");
    expect(pages[0]!.artifacts).toContain("Pagina 1 di 2");
    expect(pages[1]!.artifacts).toContain("Registro presenze");
    expect(pages[1]!.artifacts).toContain("Email Stato Minuti Nota Firma");
    expect(pages[1]!.artifacts).toContain("Pagina 2 di 2");
    expect(pages[1]!.tagged).not.toContain("Registro presenze");
    expect(pages[1]!.tagged).not.toContain("Email Stato Minuti Nota Firma");
    expect(pages[1]!.tagged).toContain("corsista39@forma.test");
    expect(pages[1]!.tagged).toContain("Firma di chi tiene la formazione");
    expect(pages[0]!.tagged).toContain("Collegata da telefono");
  });
});

describe("renderRegisterPdf's titles", { timeout: 30_000 }, () => {
  it("marks the event's and the session's title written in another language than the register's, on the first page", async () => {
    // Before, both were runs of longer lines, read in the register's language.
    const lines = [
      {
        firstName: "Maria",
        lastName: "Rossi",
        email: "maria@forma.test",
        status: null,
        note: null,
        minutes: null,
        ended: null,
      },
    ];
    const english = { title: "Digital citizenship", sessionTitle: "Opening webinar", titleLanguage: "en" };
    const langs = async (pdf: Buffer) => {
      const doc = await openPdf(pdf);
      try {
        const document = ((await (await doc.getPage(1)).getStructTree()) as StructNode).children[0] as StructNode;
        return nodes(document).flatMap((n) =>
          nodes(n)
            .filter((c) => c.lang)
            .map((c) => `${n.role} > ${c.role}: ${c.lang}`),
        );
      } finally {
        await doc.destroy();
      }
    };
    const pdf = await renderRegisterPdf(register(lines, english), "it");
    expect(await langs(pdf)).toEqual(["P > Span: en", "P > Span: en"]);
    const [page] = await markedText(pdf);
    expect(page!.untagged).toBe("");
    expect(page!.tagged).toContain("Digital citizenship");
    expect(page!.tagged).toContain("Opening webinar");
    expect(await langs(await renderRegisterPdf(register(lines), "it"))).toEqual([]);
    expect(await langs(await renderRegisterPdf(register(lines, english), "en"))).toEqual([]);
  });
});

type StructNode = { role: string; lang?: string; children: (StructNode | { type: string })[] };
const nodes = (node: StructNode) => node.children.filter((c): c is StructNode => "role" in c);
