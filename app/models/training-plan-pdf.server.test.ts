// The training plan PDF as a screen reader gets it: renderTrainingPlanPdf's bytes read back with
// pdf.js (tests/support/pdf-text.ts): the structure tree, the mark info, the title shown, the language.
import { describe, expect, it } from "vitest";
import { markedText, openPdf, pdfPages, pdfText } from "../../tests/support/pdf-text.ts";
import { buildGrid, planTotals, type PlanItem } from "~/domain/training-plan.ts";
import { parseRomeDateTime } from "~/utils/dates.ts";
import { renderTrainingPlanPdf } from "./training-plan-pdf.server.ts";
import type { TrainingPlan } from "./training-plan.server.ts";

const NOW = parseRomeDateTime("2026-12-04T10:00")!;

function plan(title = "Progettare con eTwinning", titleLanguage = "it"): TrainingPlan {
  const items: PlanItem[] = [
    {
      kind: "forma",
      id: "e1",
      title,
      titleLanguage,
      level: "nazionale",
      mode: "online",
      type: "webinar",
      minutes: 120,
      state: "certificata",
    },
  ];
  const completed = {
    id: "e1",
    status: "iscritto",
    state: "certificata" as const,
    eventId: "ev1",
    title,
    titleLanguage,
    type: "webinar",
    level: "nazionale",
    mode: "online",
    minutes: 120,
    certificate: null,
    editionNumber: 1,
    startsOn: parseRomeDateTime("2026-10-05T17:00")!,
    endsOn: parseRomeDateTime("2026-10-05T19:00")!,
  };
  // Only what the PDF reads: the page's other fields do not change the document.
  return {
    teacher: { firstName: "Maria", lastName: "Rossi", schoolName: "IC Firenze 1" },
    year: { startYear: 2026 },
    upcomingSessions: [],
    active: [],
    completed: [completed],
    externals: [],
    totals: planTotals(items, 25 * 60),
    grid: buildGrid(items),
    suggestions: {},
  } as unknown as TrainingPlan;
}

type StructNode = { role: string; alt?: string; lang?: string; children: (StructNode | { type: string })[] };
const isNode = (child: StructNode | { type: string }): child is StructNode => "role" in child;

/** The tree as "role" lines, indented by depth, leaving out the marked content itself. */
function outline(node: StructNode, depth = 0): string[] {
  return node.children
    .filter(isNode)
    .flatMap((child) => [`${"  ".repeat(depth)}${child.role}`, ...outline(child, depth + 1)]);
}

// Rendering and reading back a PDF takes seconds on a loaded machine: above the unit default of 5 s.
describe("renderTrainingPlanPdf", { timeout: 30_000 }, () => {
  it("is a tagged PDF: language, title shown, headings, lists and the grid as a table with its headers", async () => {
    const pdf = await renderTrainingPlanPdf(plan(), "en", NOW);
    const doc = await openPdf(pdf);
    try {
      expect(await doc.getMarkInfo()).toMatchObject({ Marked: true });
      expect(await doc.getViewerPreferences()).toMatchObject({ DisplayDocTitle: true });
      const { info } = (await doc.getMetadata()) as unknown as { info: Record<string, unknown> };
      expect(info).toMatchObject({ Title: "Training plan 2026-2027 — Maria Rossi", Language: "en-GB" });
      const tree = (await (await doc.getPage(1)).getStructTree()) as StructNode;
      const document = tree.children[0] as StructNode;
      expect(document.role).toBe("Document");
      const lines = outline(document);
      // The document's own sequence: one H1, the paragraphs about the teacher, then the sections.
      expect(lines.filter((l) => !l.startsWith(" ")).slice(0, 6)).toEqual(["H1", "P", "P", "P", "P", "H2"]);
      expect(lines.filter((l) => l === "H1")).toHaveLength(1);
      // The six section headings, on whichever page each falls (a heading is never cut between pages).
      let headings = 0;
      for (let n = 1; n <= doc.numPages; n++) {
        const pageTree = (await (await doc.getPage(n)).getStructTree()) as StructNode;
        headings += outline(pageTree.children[0] as StructNode).filter((l) => l === "H2").length;
      }
      expect(headings).toBe(6);
      // A bulleted list: each item its bullet and its text.
      const list = document.children.filter(isNode).find((c) => c.role === "L")!;
      expect(outline(list).slice(0, 3)).toEqual(["LI", "  Lbl", "  LBody"]);
      // The grid: a header row of three column headers, then one row per level, headed by the level.
      const table = document.children.filter(isNode).find((c) => c.role === "Table")!;
      const rows = table.children.filter(isNode).map((row) => row.children.filter(isNode).map((cell) => cell.role));
      expect(rows).toEqual([
        ["TH", "TH", "TH"],
        ["TH", "TD", "TD"],
        ["TH", "TD", "TD"],
        ["TH", "TD", "TD"],
      ]);
    } finally {
      await doc.destroy();
    }
    // Which cells each header names (pdf.js does not expose attributes: read from the file's objects).
    const text = pdf.toString("latin1");
    expect(text.match(/\/Scope \/Column/g)).toHaveLength(3);
    expect(text.match(/\/Scope \/Row/g)).toHaveLength(3);
    // Every piece of text is in the structure or an artifact (here: none, the borders only).
    for (const page of await markedText(pdf)) expect(page.untagged).toBe("");
  });

  it("marks an event's title written in another language than the plan's, in the grid's cell and its list item", async () => {
    // Before, the title was one run of a longer line and carried the plan's language (ADR 0081's consequences).
    const title = "Digital citizenship in European schools";
    const spans = async (pdf: Buffer) => {
      const doc = await openPdf(pdf);
      try {
        const found: string[] = [];
        const walk = (node: StructNode, parent: string) => {
          for (const child of node.children.filter(isNode)) {
            if (child.lang) found.push(`${parent} > ${child.role}: ${child.lang}`);
            walk(child, child.role);
          }
        };
        for (let page = 1; page <= doc.numPages; page++) {
          walk((await (await doc.getPage(page)).getStructTree()) as StructNode, "");
        }
        return found;
      } finally {
        await doc.destroy();
      }
    };
    const english = await renderTrainingPlanPdf(plan(title, "en"), "it", NOW);
    expect(await spans(english)).toEqual(["TD > Span: en", "LBody > Span: en"]);
    // The line reads whole, every piece of it in the structure.
    const pages = await markedText(english);
    for (const page of pages) expect(page.untagged).toBe("");
    expect(pages.map((p) => p.tagged).join(" ")).toContain("Digital citizenship in European schools");
    // An Italian title in the Italian plan, an English one in the English plan: nothing to mark.
    expect(await spans(await renderTrainingPlanPdf(plan(), "it", NOW))).toEqual([]);
    expect(await spans(await renderTrainingPlanPdf(plan(title, "en"), "en", NOW))).toEqual([]);
  });

  it("is in Italian for an Italian teacher", async () => {
    const doc = await openPdf(await renderTrainingPlanPdf(plan(), "it", NOW));
    try {
      const { info } = (await doc.getMetadata()) as unknown as { info: Record<string, unknown> };
      expect(info).toMatchObject({ Language: "it-IT" });
      expect(await doc.getMarkInfo()).toMatchObject({ Marked: true });
    } finally {
      await doc.destroy();
    }
  });

  it("says where each upcoming session is held, as the plan's page does (a blended event's sessions, ADR 0091)", async () => {
    const session = (id: string, title: string, day: string, mode: string) => ({
      id,
      title,
      startsAt: parseRomeDateTime(`${day}T09:30`)!,
      endsAt: parseRomeDateTime(`${day}T12:30`)!,
      delivery: "sincrona",
      place: mode,
      mode,
      eventId: "ev2",
      eventTitle: "Cittadinanza digitale",
      eventTitleLanguage: "it",
      editionNumber: 1,
    });
    const withSessions = {
      ...plan(),
      upcomingSessions: [
        session("s1", "Incontro a Napoli", "2027-02-02", "in-presenza"),
        session("s2", "Webinar di restituzione", "2027-02-16", "online"),
      ],
    } as unknown as TrainingPlan;
    const italian = await pdfText(await renderTrainingPlanPdf(withSessions, "it", NOW));
    expect(italian).toMatch(/Incontro a Napoli · In presenza/);
    expect(italian).toMatch(/Webinar di restituzione · Online in diretta/);
    const english = await pdfText(await renderTrainingPlanPdf(withSessions, "en", NOW));
    expect(english).toMatch(/Incontro a Napoli · In person/);
    expect(english).toMatch(/Webinar di restituzione · Live online/);
  });

  it("writes an asynchronous activity's days and a live session across midnight with both dates in upcoming sessions", async () => {
    const base = {
      title: null,
      place: null,
      mode: "online",
      eventId: "ev3",
      eventTitleLanguage: "it",
      editionNumber: 1,
    };
    const withSessions = {
      ...plan(),
      upcomingSessions: [
        {
          ...base,
          id: "a1",
          eventTitle: "Percorso in autonomia",
          startsAt: parseRomeDateTime("2026-12-01T00:00")!,
          endsAt: parseRomeDateTime("2026-12-14T23:59")!,
          delivery: "asincrona",
        },
        {
          ...base,
          id: "n1",
          eventTitle: "Webinar con l'Australia",
          startsAt: parseRomeDateTime("2026-12-15T23:00")!,
          endsAt: parseRomeDateTime("2026-12-16T01:00")!,
          delivery: "sincrona",
        },
      ],
    } as unknown as TrainingPlan;
    const text = (await pdfText(await renderTrainingPlanPdf(withSessions, "it", NOW))).replace(/\s+/g, " ");
    expect(text).toContain("dal 01/12/2026 al 14/12/2026 · Percorso in autonomia");
    expect(text).toContain("15/12/2026, 23:00 – 16/12/2026, 01:00 · Webinar con l'Australia");
  });

  it("cuts a grid row taller than a page between its lines, the level repeated on each page beside both columns", async () => {
    // 30 webinars in "nazionale × online" (3 lines each in the column) and one course in "nazionale × in presenza":
    // before, the online cell flowed onto the next pages by itself, the in-presenza course was drawn on the last one
    // at the first page's height, and the level stayed alone on the first page.
    const webinar = (n: number): PlanItem => ({
      kind: "forma",
      id: `w${n}`,
      title: `Webinar ${String(n).padStart(2, "0")}: strumenti digitali per una didattica inclusiva nella scuola secondaria`,
      titleLanguage: "it",
      level: "nazionale",
      mode: "online",
      type: "webinar",
      minutes: 90,
      state: "certificata",
    });
    const course: PlanItem = {
      kind: "forma",
      id: "c1",
      title: "Laboratorio di robotica educativa a Roma",
      titleLanguage: "it",
      level: "nazionale",
      mode: "in-presenza",
      type: "laboratorio",
      minutes: 300,
      state: "certificata",
    };
    const items = [...Array.from({ length: 30 }, (_, i) => webinar(i + 1)), course];
    const long = { ...plan(), totals: planTotals(items, 25 * 60), grid: buildGrid(items) } as unknown as TrainingPlan;
    const pdf = await renderTrainingPlanPdf(long, "it", NOW);
    // Compared without spaces: a title wraps in its column, and pdf.js may join its lines without one.
    const compact = (text: string) => text.replace(/\s+/g, "");
    const pages = (await pdfPages(pdf)).map(compact);
    // The level as the grid's row header ("Nazionale: 50 ore" is the hours by level, before the grid).
    const level = /Nazionale(?!:)/;
    const pageOf = (text: string) => pages.findIndex((p) => p.includes(compact(text)));
    const first = pageOf("Webinar 01:");
    const last = pageOf("Webinar 30:");
    expect(last).toBeGreaterThan(first);
    // The in-presenza course beside the first webinars, in the row that names its level.
    expect(pageOf(course.title)).toBe(first);
    expect(pages[first]).toMatch(level);
    // Every page the row goes on repeats its level; each webinar is printed once, whole, in order.
    for (let page = first; page <= last; page++) expect(pages[page]).toMatch(level);
    const all = pages.join("");
    for (let n = 1; n <= 30; n++) {
      const title = compact(webinar(n).title);
      expect(all.split(title)).toHaveLength(2);
      if (n > 1) expect(all.indexOf(title)).toBeGreaterThan(all.indexOf(compact(webinar(n - 1).title)));
    }
    // Still one table row per level, headed by the level once: the repeated level is an artifact, like every border.
    expect(pdf.toString("latin1").match(/\/Scope \/Row/g)).toHaveLength(3);
    const marked = await markedText(pdf);
    for (const page of marked) expect(page.untagged).toBe("");
    for (let page = first + 1; page <= last; page++) expect(marked[page]!.artifacts).toMatch(level);
  });
});
